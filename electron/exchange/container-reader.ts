import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { crc32, inflateRaw, inflateRawSync, type ZlibOptions } from 'node:zlib';
import { AppError, type ErrorCode } from '../../shared/contract/errors';
import { CONTAINER_LIMITS } from './container';

/** One entry as the central directory describes it, every field checked against the file before any of its data is read. */
export interface ContainerEntry {
  path: string;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  /** Its bytes once inflated: the upper bound of what reading it may produce. */
  size: number;
  /** Where its (compressed) bytes start in the file. */
  dataOffset: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT = 0xffff;
const ENCRYPTED = 0x0001;
const STRONG_ENCRYPTION = 0x0040;
const DATA_DESCRIPTOR = 0x0008;
/** The least room a data descriptor takes after an entry's data (CRC and two sizes; writers may add a signature). */
const DESCRIPTOR_BYTES = 12;
const SYMLINK = 0o120000;
const SAFE_PATH = /^(?!.*\.\.)(?!\/)[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;
/** Local headers read at once while the layout is checked: the device stays busy, memory stays small. */
const HEADERS_IN_FLIGHT = 64;
/** Deflate's worst case adds a few bytes per 16 KB block: a stored size beyond this cannot inflate to an allowed entry. */
const MAX_STORED_BYTES = CONTAINER_LIMITS.entryBytes + CONTAINER_LIMITS.entryBytes / 1000 + 1024;

const readAt = promisify(read);
const inflate = promisify<Buffer, ZlibOptions, Buffer>(inflateRaw);

function refuse(code: ErrorCode, params: Record<string, string | number> = {}): AppError {
  return new AppError(code, params);
}

/** A name as the messages show it: short; control characters are left to the display to neutralise. */
function shown(path: string): string {
  return path.slice(0, 100);
}

async function readExactly(descriptor: number, position: number, length: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await readAt(descriptor, bytes, done, length - done, position + done);
    if (bytesRead === 0) throw refuse('exchange.truncated');
    done += bytesRead;
  }
  return bytes;
}

function readExactlySync(descriptor: number, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const bytesRead = readSync(descriptor, bytes, done, length - done, position + done);
    if (bytesRead === 0) throw refuse('exchange.truncated');
    done += bytesRead;
  }
  return bytes;
}

interface EndRecord {
  at: number;
  entries: number;
  directorySize: number;
  directoryOffset: number;
}

/** The end-of-directory record: the last 22 bytes before a comment that runs exactly to the end of the file. */
function findEndRecord(tail: Buffer, tailStart: number): EndRecord {
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== END_OF_DIRECTORY || at + END_RECORD_BYTES + tail.readUInt16LE(at + 20) !== tail.length) continue;
    // Split over several disks, or ZIP64 (files and counts this format never needs): not what this application writes.
    const zip64 = at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR;
    const entries = tail.readUInt16LE(at + 10);
    if (zip64 || tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0 || tail.readUInt16LE(at + 8) !== entries || entries === 0xffff || tail.readUInt32LE(at + 16) === 0xffffffff) {
      throw refuse('exchange.foreignZip');
    }
    return { at: tailStart + at, entries, directorySize: tail.readUInt32LE(at + 12), directoryOffset: tail.readUInt32LE(at + 16) };
  }
  // No end record: the file stops before its end (or is not a ZIP that was ever finished).
  throw refuse('exchange.truncated');
}

interface DirectoryEntry extends ContainerEntry {
  name: Buffer;
  flags: number;
  localOffset: number;
}

/** Every entry of the central directory, judged by its own fields: name, kind, method, sizes, ratio, totals. */
function parseDirectory(directory: Buffer, count: number, fileSize: number, directoryOffset: number): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) throw refuse('exchange.damaged');
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const crc = directory.readUInt32LE(at + 16);
    const compressedSize = directory.readUInt32LE(at + 20);
    const size = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const end = at + 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (end > directory.length) throw refuse('exchange.damaged');
    const name = directory.subarray(at + 46, at + 46 + nameLength);
    const path = name.toString('utf8');
    const mode = (directory.readUInt32LE(at + 38) >>> 16) & 0o170000;
    if (mode === SYMLINK) throw refuse('exchange.link', { path: shown(path) });
    if (path.endsWith('/') || !SAFE_PATH.test(path) || path.includes('\\') || path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw refuse('exchange.unsafePath', { path: shown(path) });
    }
    if (seen.has(path)) throw refuse('exchange.duplicateEntry', { path });
    seen.add(path);
    if (flags & (ENCRYPTED | STRONG_ENCRYPTION) || (method !== 0 && method !== 8) || directory.readUInt16LE(at + 34) !== 0) throw refuse('exchange.foreignZip');
    if (size > CONTAINER_LIMITS.entryBytes || compressedSize > MAX_STORED_BYTES) throw refuse('exchange.tooLarge', { maximum: CONTAINER_LIMITS.entryBytes });
    if (method === 0 && compressedSize !== size) throw refuse('exchange.sizeMismatch', { path });
    if (size > CONTAINER_LIMITS.ratioFloor && size > CONTAINER_LIMITS.ratio * Math.max(1, compressedSize)) throw refuse('exchange.ratio', { path });
    total += size;
    if (total > CONTAINER_LIMITS.totalBytes) throw refuse('exchange.tooLarge', { maximum: CONTAINER_LIMITS.totalBytes });
    const localOffset = directory.readUInt32LE(at + 42);
    if (localOffset + 30 + nameLength > directoryOffset) throw refuse('exchange.badLayout');
    entries.push({ path, name, flags, method, crc, compressedSize, size, localOffset, dataOffset: 0 });
    at = end;
  }
  if (at !== directory.length) throw refuse('exchange.damaged');
  // Many small entries that each stay under the per-entry rule still cannot, together, inflate far beyond the file.
  if (total > CONTAINER_LIMITS.ratioFloor && total > CONTAINER_LIMITS.ratio * fileSize) throw refuse('exchange.ratio', { path: '*' });
  return entries;
}

/** The local header must agree with the directory (name, method, sizes); it says where the entry's data starts. */
function checkLocalHeader(entry: DirectoryEntry, header: Buffer): void {
  if (header.readUInt32LE(0) !== LOCAL_HEADER || header.readUInt16LE(8) !== entry.method) throw refuse('exchange.damaged');
  if (!header.subarray(30, 30 + entry.name.length).equals(entry.name) || header.readUInt16LE(26) !== entry.name.length) throw refuse('exchange.damaged');
  const descriptor = (header.readUInt16LE(6) & DATA_DESCRIPTOR) !== 0;
  if (!descriptor && (header.readUInt32LE(18) !== entry.compressedSize || header.readUInt32LE(22) !== entry.size)) throw refuse('exchange.sizeMismatch', { path: entry.path });
  if (!descriptor && header.readUInt32LE(14) !== entry.crc) throw refuse('exchange.damaged');
  entry.dataOffset = entry.localOffset + 30 + entry.name.length + header.readUInt16LE(28);
}

/** Entries lie one after another before the directory: none overlaps another, none reaches into the directory. */
function checkLayout(entries: DirectoryEntry[], directoryOffset: number): void {
  const spans = entries
    .map((entry) => ({ start: entry.localOffset, end: entry.dataOffset + entry.compressedSize + (entry.flags & DATA_DESCRIPTOR ? DESCRIPTOR_BYTES : 0), dataEnd: entry.dataOffset + entry.compressedSize }))
    .sort((a, b) => a.start - b.start);
  let previousEnd = 0;
  for (const span of spans) {
    if (span.start < previousEnd || span.dataEnd > directoryOffset) throw refuse('exchange.badLayout');
    previousEnd = Math.min(span.end, directoryOffset);
  }
}

function checkInflated(entry: ContainerEntry, data: Buffer): Buffer {
  if (data.length !== entry.size) throw refuse('exchange.sizeMismatch', { path: entry.path });
  if (crc32(data) !== entry.crc) throw refuse('exchange.damaged');
  return data;
}

/** zlib's refusal to produce more than the declared size is a lie about sizes; anything else is damage. */
function inflateFailure(entry: ContainerEntry, error: unknown): AppError {
  const code = (error as { code?: string }).code;
  return code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError ? refuse('exchange.sizeMismatch', { path: entry.path }) : refuse('exchange.damaged');
}

/**
 * A package file opened for reading, with bounded memory whatever it holds. Opening reads only its first bytes, its
 * end record, its central directory and each local header, and refuses anything unsafe there (names, links, sizes,
 * ratios, overlapping or out-of-bounds entries) before a byte of content is read. Entries are then read one at a
 * time, each inflated no further than the size the directory declares, and checked by its CRC-32.
 */
export class ContainerReader {
  readonly size: number;
  readonly entries: ReadonlyMap<string, ContainerEntry>;
  private descriptor: number | null;

  private constructor(descriptor: number, size: number, entries: Map<string, ContainerEntry>) {
    this.descriptor = descriptor;
    this.size = size;
    this.entries = entries;
  }

  static async open(path: string): Promise<ContainerReader> {
    const descriptor = openSync(path, 'r');
    try {
      const size = fstatSync(descriptor).size;
      if (size < 4 || (await readExactly(descriptor, 0, 4)).readUInt32LE(0) !== LOCAL_HEADER) throw refuse('exchange.notZip');
      if (size > CONTAINER_LIMITS.fileBytes) throw refuse('exchange.tooLarge', { maximum: CONTAINER_LIMITS.fileBytes });
      if (size < END_RECORD_BYTES) throw refuse('exchange.truncated');
      const tailStart = Math.max(0, size - END_RECORD_BYTES - MAX_COMMENT);
      const end = findEndRecord(await readExactly(descriptor, tailStart, size - tailStart), tailStart);
      if (end.entries > CONTAINER_LIMITS.entries) throw refuse('exchange.tooManyEntries', { maximum: CONTAINER_LIMITS.entries });
      if (end.directorySize > CONTAINER_LIMITS.directoryBytes || end.directoryOffset + end.directorySize > end.at) throw refuse('exchange.badLayout');
      const parsed = parseDirectory(await readExactly(descriptor, end.directoryOffset, end.directorySize), end.entries, size, end.directoryOffset);
      for (let index = 0; index < parsed.length; index += HEADERS_IN_FLIGHT) {
        await Promise.all(
          parsed.slice(index, index + HEADERS_IN_FLIGHT).map(async (entry) => {
            // Room for it was checked with the directory: the header and its name lie before the directory.
            const header = await readExactly(descriptor, entry.localOffset, 30 + entry.name.length);
            checkLocalHeader(entry, header);
          }),
        );
      }
      checkLayout(parsed, end.directoryOffset);
      const entries = new Map<string, ContainerEntry>(parsed.map(({ path, method, crc, compressedSize, size: entrySize, dataOffset }) => [path, { path, method, crc, compressedSize, size: entrySize, dataOffset }]));
      return new ContainerReader(descriptor, size, entries);
    } catch (error) {
      closeSync(descriptor);
      throw error;
    }
  }

  /** An entry's bytes, inflated and checked; on the thread pool, so a slow USB stick never blocks the process. */
  async read(path: string): Promise<Buffer> {
    const entry = this.entry(path);
    const stored = await readExactly(this.open(), entry.dataOffset, entry.compressedSize);
    if (entry.method === 0) return checkInflated(entry, stored);
    let data: Buffer;
    try {
      data = await inflate(stored, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      throw inflateFailure(entry, error);
    }
    return checkInflated(entry, data);
  }

  /** The same, synchronously (inside a transaction, where nothing may be awaited). */
  readSync(path: string): Buffer {
    const entry = this.entry(path);
    const stored = readExactlySync(this.open(), entry.dataOffset, entry.compressedSize);
    if (entry.method === 0) return checkInflated(entry, stored);
    let data: Buffer;
    try {
      data = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      throw inflateFailure(entry, error);
    }
    return checkInflated(entry, data);
  }

  /** The first bytes of an entry, unchecked (its type is sniffed from them; the whole entry is checked when read). */
  async readStart(path: string, length: number): Promise<Buffer> {
    const entry = this.entry(path);
    if (entry.method !== 0) return (await this.read(path)).subarray(0, length);
    return readExactly(this.open(), entry.dataOffset, Math.min(length, entry.size));
  }

  close(): void {
    if (this.descriptor === null) return;
    closeSync(this.descriptor);
    this.descriptor = null;
  }

  private entry(path: string): ContainerEntry {
    const entry = this.entries.get(path);
    if (!entry) throw refuse('exchange.missingEntry', { path });
    return entry;
  }

  private open(): number {
    if (this.descriptor === null) throw new Error('container already closed');
    return this.descriptor;
  }
}
