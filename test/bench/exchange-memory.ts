// Peak memory of the command line's dry run, in a child process per file: a valid package next to hostile ones (a
// ZIP whose 2,900 small entries would inflate to 2.9 GB, a sparse 2.9 GB file of zeros, a 256 MB payload under a
// signature that does not match). Issue 10 measured the former reader at 3.2 GB for the first and 3 GB for the
// second. The figure is the child's own high-water mark (Linux's VmHWM; elsewhere maxRSS, which on Linux would also
// count the pages the child shared with this process before exec).
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

export interface MemoryFigure {
  file: string;
  bytes: number;
  /** The dry run's exit code: 0 importable, 1 refused, 3 needs an acceptance. */
  exit: number | null;
  peakMb: number;
}

const MB = 1024 * 1024;

interface RawEntry {
  name: string;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Buffer;
}

/** A ZIP written exactly as told (sizes and CRCs given, data already compressed), as a hostile tool would. */
function rawZip(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.data);
    directory.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const listing = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(listing.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, listing, end]);
}

/** The hostile files, written to `folder`; `manifest` is a real package's manifest (its signature is replaced). */
function hostileFiles(folder: string, manifest: Buffer): string[] {
  const zeros = Buffer.alloc(MB - 1);
  const deflated = deflateRawSync(zeros);
  const crc = crc32(zeros);
  const stored = (name: string, data: Buffer): RawEntry => ({ name, method: 0, crc: crc32(data), size: data.length, data });
  const bomb = join(folder, 'hostile-2900-small-bombs.tdcs');
  const entries: RawEntry[] = [stored('manifest.json', manifest), stored('manifest.sig', Buffer.alloc(64))];
  for (let index = 0; index < 2_900; index += 1) entries.push({ name: `attachments/${index}`, method: 8, crc, size: zeros.length, data: deflated });
  writeFileSync(bomb, rawZip(entries));
  const sparse = join(folder, 'hostile-sparse-2.9GB-zeros.tdcs');
  closeSync(openSync(sparse, 'w'));
  truncateSync(sparse, Math.floor(2.9 * 1024 * MB));
  const unsigned = join(folder, 'hostile-unsigned-256MB-payload.tdcs');
  const payload = Buffer.alloc(256 * MB - 1024, 0x41);
  const descriptor = openSync(unsigned, 'w');
  try {
    writeSync(descriptor, rawZip([stored('manifest.json', manifest), stored('manifest.sig', Buffer.alloc(64, 7)), stored('payload.json', payload)]));
  } finally {
    closeSync(descriptor);
  }
  return [bomb, sparse, unsigned];
}

/** One dry run in a child process: its exit code and its own peak memory. */
function dryRun(cli: string, dataDir: string, file: string, report: string, preload: string): MemoryFigure {
  rmSync(report, { force: true });
  const run = spawnSync(process.execPath, ['--require', preload, cli, '--data-dir', dataDir, '--lang', 'en', 'import', file, '--dry-run'], { env: { ...process.env, TDCS_PEAK_FILE: report }, stdio: 'ignore', timeout: 600_000 });
  const peakKb = Number(readFileSync(report, 'utf8'));
  return { file: file.split(/[\\/]/).pop() ?? file, bytes: statSync(file).size, exit: run.status, peakMb: peakKb / 1024 };
}

/** Peak memory of dry runs at the branch: a small file that is no ZIP (the floor), the valid package, the hostile files. */
export function measureDryRunMemory(cli: string, dataDir: string, validPackage: string, manifest: Buffer, folder: string): MemoryFigure[] {
  const preload = join(folder, 'report-peak.cjs');
  writeFileSync(
    preload,
    "const { readFileSync, writeFileSync } = require('node:fs');\n" +
      "function peakKb() { try { return Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch { return process.resourceUsage().maxRSS; } }\n" +
      "process.on('exit', () => writeFileSync(process.env.TDCS_PEAK_FILE, String(peakKb())));\n",
  );
  const report = join(folder, 'peak.txt');
  const floor = join(folder, 'not-a-package.tdcs');
  writeFileSync(floor, 'not an exchange file');
  const files = [floor, validPackage, ...hostileFiles(folder, manifest)];
  try {
    return files.map((file) => dryRun(cli, dataDir, file, report, preload));
  } finally {
    for (const file of files) if (file !== validPackage) rmSync(file, { force: true });
  }
}
