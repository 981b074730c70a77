import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { AppError } from '../../shared/contract/errors';

export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';

/** Limits that keep a hostile or broken file from exhausting memory or disk (zip bombs). */
export const CONTAINER_LIMITS = {
  fileBytes: 3 * 1024 * 1024 * 1024,
  entries: 20_000,
  entryBytes: 256 * 1024 * 1024,
  totalBytes: 3 * 1024 * 1024 * 1024,
  /** Uncompressed ÷ compressed, checked on entries over 1 MB. */
  ratio: 200,
} as const;

export interface ContainerEntry {
  path: string;
  data: Buffer;
  /** JSON compresses; encrypted bytes do not, so they are stored as they are. */
  compress: boolean;
}

export interface OpenedContainer {
  manifestBytes: Buffer;
  signature: Buffer;
  entries: Map<string, Buffer>;
}

const SAFE_PATH = /^(?!.*\.\.)(?!\/)[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

/** Builds the ZIP in memory: manifest first, its signature, then the entries. */
export function buildContainer(manifestBytes: Buffer, signature: Buffer, entries: ContainerEntry[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const mtime = new Date(Date.UTC(2025, 0, 1));
    zip.addBuffer(manifestBytes, MANIFEST_ENTRY, { mtime, compress: true });
    zip.addBuffer(signature, SIGNATURE_ENTRY, { mtime, compress: false });
    for (const entry of entries) zip.addBuffer(entry.data, entry.path, { mtime, compress: entry.compress });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Writes a file where a USB stick is: under a temporary name, flushed to the device, then renamed, so that
 * pulling the stick out never leaves a half-written file under the real name.
 */
export function writeDurably(target: string, bytes: Buffer): void {
  const partial = join(dirname(target), `.${basename(target)}.partial`);
  const descriptor = openSync(partial, 'w');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(descriptor, bytes, offset, Math.min(bytes.length - offset, 16 * 1024 * 1024));
    fsyncSync(descriptor);
  } catch (error) {
    closeSync(descriptor);
    rmSync(partial, { force: true });
    throw error;
  } finally {
    try {
      closeSync(descriptor);
    } catch {
      // Already closed after a failed write.
    }
  }
  renameSync(partial, target);
  // The rename itself must reach the device too.
  try {
    const folder = openSync(dirname(target), 'r');
    fsyncSync(folder);
    closeSync(folder);
  } catch {
    // Some systems (Windows) cannot open a folder; the file's own fsync has happened.
  }
}

function refuse(code: 'exchange.notZip' | 'exchange.truncated' | 'exchange.unsafePath' | 'exchange.link' | 'exchange.tooLarge' | 'exchange.ratio' | 'exchange.tooManyEntries' | 'exchange.duplicateEntry' | 'exchange.missingEntry', params: Record<string, string | number> = {}): AppError {
  return new AppError(code, params);
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

/** Reads a container from memory, refusing anything unsafe before a single byte of content is trusted. */
export function openContainer(bytes: Buffer): Promise<OpenedContainer> {
  if (!isZip(bytes)) return Promise.reject(refuse('exchange.notZip'));
  if (bytes.length > CONTAINER_LIMITS.fileBytes) return Promise.reject(refuse('exchange.tooLarge', { maximum: CONTAINER_LIMITS.fileBytes }));
  return new Promise((resolve, reject) => {
    // Names are judged by the rules below, not by yauzl's decoding (which reports `..`, `/x` and `a\\b` as damage, not as unsafe).
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true, decodeStrings: false }, (openError, zip) => {
      if (openError || !zip) {
        reject(refuse('exchange.truncated'));
        return;
      }
      if (zip.entryCount > CONTAINER_LIMITS.entries) {
        zip.close();
        reject(refuse('exchange.tooManyEntries', { maximum: CONTAINER_LIMITS.entries }));
        return;
      }
      const entries = new Map<string, Buffer>();
      let total = 0;
      let failed = false;
      const fail = (error: AppError): void => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(error);
      };
      zip.on('error', () => fail(refuse('exchange.truncated')));
      zip.on('entry', (entry: yauzl.Entry) => {
        const path = (entry.fileName as unknown as Buffer).toString('utf8');
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000) return fail(refuse('exchange.link', { path: path.slice(0, 100) }));
        if (path.endsWith('/') || !SAFE_PATH.test(path) || path.includes('\\') || path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
          return fail(refuse('exchange.unsafePath', { path: path.slice(0, 100) }));
        }
        if (entries.has(path)) return fail(refuse('exchange.duplicateEntry', { path }));
        if (entry.uncompressedSize > CONTAINER_LIMITS.entryBytes) return fail(refuse('exchange.tooLarge', { maximum: CONTAINER_LIMITS.entryBytes }));
        total += entry.uncompressedSize;
        if (total > CONTAINER_LIMITS.totalBytes) return fail(refuse('exchange.tooLarge', { maximum: CONTAINER_LIMITS.totalBytes }));
        if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > CONTAINER_LIMITS.ratio * Math.max(1, entry.compressedSize)) {
          return fail(refuse('exchange.ratio', { path }));
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(refuse('exchange.truncated'));
          const chunks: Buffer[] = [];
          let read = 0;
          stream.on('data', (chunk: Buffer) => {
            read += chunk.length;
            // validateEntrySizes stops lies in the header; this stops a stream that runs on regardless.
            if (read > entry.uncompressedSize) {
              stream.destroy();
              fail(refuse('exchange.ratio', { path }));
            } else chunks.push(chunk);
          });
          stream.on('error', () => fail(refuse('exchange.truncated')));
          stream.on('end', () => {
            if (failed) return;
            entries.set(path, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
        return undefined;
      });
      zip.on('end', () => {
        if (failed) return;
        const manifestBytes = entries.get(MANIFEST_ENTRY);
        const signature = entries.get(SIGNATURE_ENTRY);
        if (!manifestBytes || !signature) return fail(refuse('exchange.missingEntry', { path: manifestBytes ? SIGNATURE_ENTRY : MANIFEST_ENTRY }));
        entries.delete(MANIFEST_ENTRY);
        entries.delete(SIGNATURE_ENTRY);
        resolve({ manifestBytes, signature, entries });
        return undefined;
      });
      zip.readEntry();
    });
  });
}

export function readContainerFile(path: string): Buffer {
  return readFileSync(path);
}
