import { closeSync, fsync, fsyncSync, openSync, renameSync, rmSync, statSync, write, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { AppError } from '../../shared/contract/errors';

export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';

/**
 * Limits that keep a hostile or broken file from exhausting memory or disk (zip bombs). They are checked on the
 * central directory, before any entry is read; reading an entry never inflates beyond the size it declares.
 */
export const CONTAINER_LIMITS = {
  fileBytes: 3 * 1024 * 1024 * 1024,
  entries: 20_000,
  entryBytes: 256 * 1024 * 1024,
  totalBytes: 3 * 1024 * 1024 * 1024,
  /** Uncompressed ÷ compressed, for each entry and for the whole file, above `ratioFloor` bytes. */
  ratio: 200,
  ratioFloor: 1024 * 1024,
  /** The central directory: 20,000 entries with their names and a little room for other writers' extra fields. */
  directoryBytes: 32 * 1024 * 1024,
  /** The manifest lists every entry (about 150 bytes each); it is read before anything is trusted. */
  manifestBytes: 16 * 1024 * 1024,
  /** A setup or enrolment from a sender not trusted yet (first contact): its payload is read before anyone confirmed it. */
  firstContactPayloadBytes: 64 * 1024 * 1024,
} as const;

/** An entry as this writer stores it: the same fixed time on every entry, so nothing about the sender's clock leaks. */
const ENTRY_TIME = { time: 0, date: ((2025 - 1980) << 9) | (1 << 5) | 1 };
const UTF8_NAMES = 0x0800;
const VERSION = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION;
const REGULAR_FILE = (0o100644 << 16) >>> 0;
const READ_BACK_CHUNK = 8 * 1024 * 1024;

interface WrittenEntry {
  path: Buffer;
  offset: number;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
}

/** A stretch of the file as written, with its CRC-32, so the read-back can check every byte. */
interface Segment {
  offset: number;
  length: number;
  crc: number;
}

function localHeader(entry: WrittenEntry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(ENTRY_TIME.time, 10);
  header.writeUInt16LE(ENTRY_TIME.date, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(entry.path.length, 26);
  return Buffer.concat([header, entry.path]);
}

function centralHeader(entry: WrittenEntry): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY_UNIX, 4);
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(ENTRY_TIME.time, 12);
  header.writeUInt16LE(ENTRY_TIME.date, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.path.length, 28);
  header.writeUInt32LE(REGULAR_FILE, 38);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.path]);
}

function endOfDirectory(entries: number, directorySize: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return end;
}

/**
 * Writes a ZIP straight to a USB stick, one entry at a time, so a package of any size needs the memory of one entry.
 * Room can be reserved for entries only known at the end (the manifest, which lists every other entry's hash, yet must
 * come first). The file lives under a temporary name until it has been flushed, read back and checked; only then does
 * it get its real name, so a pulled stick or a full disk never leaves a half-written file that looks whole.
 */
export class ContainerWriter {
  readonly target: string;
  readonly partial: string;
  private descriptor: number | null;
  private committed = false;
  private offset = 0;
  private readonly entries: WrittenEntry[] = [];
  private readonly reserved = new Map<string, WrittenEntry>();
  private readonly segments: Segment[] = [];

  constructor(target: string) {
    this.target = target;
    this.partial = partialName(target);
    this.descriptor = openSync(this.partial, 'w');
  }

  /** Keeps `size` bytes for a stored entry written later with {@link fill}. */
  reserve(path: string, size: number): void {
    const entry: WrittenEntry = { path: Buffer.from(path, 'utf8'), offset: this.offset, method: 0, crc: 0, compressedSize: size, size };
    this.claim(entry, 30 + entry.path.length + size);
    this.reserved.set(path, entry);
  }

  /** Writes an entry now; `compress` deflates it (JSON), encrypted bytes are stored as they are. */
  async add(path: string, data: Buffer, compress: boolean): Promise<void> {
    if (!compress) return this.addStored(path, [data]);
    const stored = deflateRawSync(data);
    const entry: WrittenEntry = { path: Buffer.from(path, 'utf8'), offset: this.offset, method: 8, crc: crc32(data), compressedSize: stored.length, size: data.length };
    const header = localHeader(entry);
    this.claim(entry, header.length + stored.length);
    await this.writeAt(entry.offset, header);
    await this.writeAt(entry.offset + header.length, stored);
  }

  /**
   * Writes a stored entry given in parts (an encrypted entry's nonce, body and tag), one after the other. Each byte is
   * checksummed once: the entry's CRC-32 is both the ZIP's and what the read-back compares with.
   */
  async addStored(path: string, parts: readonly Buffer[]): Promise<void> {
    let crc = 0;
    let size = 0;
    for (const part of parts) {
      crc = crc32(part, crc);
      size += part.length;
    }
    const entry: WrittenEntry = { path: Buffer.from(path, 'utf8'), offset: this.offset, method: 0, crc, compressedSize: size, size };
    const header = localHeader(entry);
    this.claim(entry, header.length + size);
    await this.writeAt(entry.offset, header);
    await this.writeParts(entry.offset + header.length, parts, crc);
  }

  /** Writes a reserved entry; its bytes must be exactly as long as reserved. */
  async fill(path: string, data: Buffer): Promise<void> {
    const entry = this.reserved.get(path);
    if (!entry || data.length !== entry.size) throw new Error(`no room reserved for ${path} of ${data.length} bytes`);
    entry.crc = crc32(data);
    const header = localHeader(entry);
    this.reserved.delete(path);
    await this.writeAt(entry.offset, header);
    await this.writeParts(entry.offset + header.length, [data], entry.crc);
  }

  /** Ends the ZIP (central directory) and flushes it to the device, still under its temporary name. */
  async finish(): Promise<number> {
    if (this.reserved.size > 0) throw new Error(`reserved entries never written: ${[...this.reserved.keys()].join(', ')}`);
    const directoryOffset = this.offset;
    const directory = Buffer.concat(this.entries.map(centralHeader));
    const end = endOfDirectory(this.entries.length, directory.length, directoryOffset);
    if (directoryOffset + directory.length + end.length > CONTAINER_LIMITS.fileBytes) throw new AppError('exchange.tooLarge', { maximum: CONTAINER_LIMITS.fileBytes });
    await this.writeAt(directoryOffset, directory);
    await this.writeAt(directoryOffset + directory.length, end);
    this.offset += directory.length + end.length;
    // Waiting for a slow USB stick happens on the thread pool: progress questions and a cancel are still answered.
    await flushFile(this.open());
    closeSync(this.open());
    this.descriptor = null;
    return this.offset;
  }

  /** Reads the flushed file back and checks every byte against what was written (the CRC-32 of each stretch). */
  async readBack(onProgress: (done: number, total: number) => void = () => undefined, cancelled: () => boolean = () => false): Promise<boolean> {
    const size = this.offset;
    const segments = this.segments.filter((segment) => segment.length > 0).sort((a, b) => a.offset - b.offset);
    // The stretches written must tile the file exactly: no gap left by a reservation never filled, no overlap.
    if (segments.some((segment, index) => segment.offset !== (index === 0 ? 0 : (segments[index - 1] as Segment).offset + (segments[index - 1] as Segment).length))) return false;
    if (statSync(this.partial).size !== size) return false;
    const file = await open(this.partial, 'r');
    try {
      const chunk = Buffer.allocUnsafe(READ_BACK_CHUNK);
      let position = 0;
      let index = 0;
      let crc = 0;
      while (position < size) {
        const read = (await file.read(chunk, 0, Math.min(chunk.length, size - position), position)).bytesRead;
        if (read <= 0) return false;
        for (let at = 0; at < read; ) {
          const segment = segments[index];
          if (!segment) return false;
          const end = segment.offset + segment.length;
          const take = Math.min(read - at, end - (position + at));
          crc = crc32(chunk.subarray(at, at + take), crc);
          at += take;
          if (position + at === end) {
            if (crc !== segment.crc) return false;
            crc = 0;
            index += 1;
          }
        }
        position += read;
        onProgress(position, size);
        if (position < size && cancelled()) return false;
      }
      return index === segments.length;
    } finally {
      await file.close();
    }
  }

  /** Gives the checked file its real name, and makes the rename itself reach the device. */
  commit(): void {
    renameSync(this.partial, this.target);
    this.committed = true;
    flushFolder(dirname(this.target));
  }

  /**
   * Removes what was written: the temporary file, or the named file when what should have recorded it failed.
   * Never throws, so the failure being cleaned up keeps its own message.
   */
  abort(): void {
    if (this.descriptor !== null) {
      try {
        closeSync(this.descriptor);
      } catch {
        // Already closed by the failure being cleaned up.
      }
      this.descriptor = null;
    }
    try {
      rmSync(this.committed ? this.target : this.partial, { force: true });
    } catch {
      // The stick is gone: there is nothing left to remove from it.
    }
  }

  private claim(entry: WrittenEntry, length: number): void {
    if (this.entries.length >= CONTAINER_LIMITS.entries || this.offset + length > CONTAINER_LIMITS.fileBytes) throw new AppError('exchange.tooLarge', { maximum: CONTAINER_LIMITS.fileBytes });
    this.entries.push(entry);
    this.offset += length;
  }

  private async writeAt(position: number, bytes: Buffer): Promise<void> {
    await this.writeParts(position, [bytes], crc32(bytes));
  }

  /** Writes parts one after the other from `position`, recorded as one stretch with its CRC-32 (already computed). */
  private async writeParts(position: number, parts: readonly Buffer[], crc: number): Promise<void> {
    const descriptor = this.open();
    let at = position;
    for (const bytes of parts) {
      let written = 0;
      while (written < bytes.length) written += (await writeInBackground(descriptor, bytes, written, bytes.length - written, at + written)).bytesWritten;
      at += bytes.length;
    }
    this.segments.push({ offset: position, length: at - position, crc });
  }

  private open(): number {
    if (this.descriptor === null) throw new Error('container already closed');
    return this.descriptor;
  }
}

/**
 * A temporary name beside the target, unique so that two writers of the same file never share one, and naming the
 * process that writes it: what a crash leaves is swept at the next start, what a running process writes is not.
 */
function partialName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
}

/** Writes a small file durably: temporary name, flushed, renamed, the folder flushed (received evidence). */
export function writeDurably(target: string, bytes: Buffer): void {
  const partial = partialName(target);
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
  flushFolder(dirname(target));
}

/**
 * Like {@link writeDurably}, but waits for the device on the thread pool, so that several files are flushed at once
 * while the caller prepares the next one (measured here: twice as fast as one at a time). The caller flushes folders.
 */
export async function writeDurablyInBackground(target: string, bytes: Buffer): Promise<void> {
  const partial = partialName(target);
  const descriptor = openSync(partial, 'w');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += (await writeInBackground(descriptor, bytes, offset, bytes.length - offset)).bytesWritten;
    await flushFile(descriptor);
  } catch (error) {
    closeSync(descriptor);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(descriptor);
  renameSync(partial, target);
}

const flushFile = promisify(fsync);
const writeInBackground = promisify(write);

/** A rename reaches the device only when its folder is flushed too. */
export function flushFolder(folder: string): void {
  try {
    const descriptor = openSync(folder, 'r');
    fsyncSync(descriptor);
    closeSync(descriptor);
  } catch {
    // Some systems (Windows) cannot open a folder; the file's own fsync has happened.
  }
}
