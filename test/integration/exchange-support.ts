// Shared by the exchange tests (round trip, refusals, fuzz, interop, crash): installations in their own data
// directories, enrolment of an office with the branch, ready dossiers with real evidence, a snapshot of everything
// an import could write, and a small ZIP reader/writer to take packages apart and craft hostile ones.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { deflateRawSync, deflateSync, inflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { MANIFEST_ENTRY, SIGNATURE_ENTRY } from '../../electron/exchange/container';
import { signBytes } from '../../electron/exchange/crypto';
import { loadOrCreateKeys, type InstallationKeys } from '../../electron/exchange/keys';
import { plainEntry, readPayload, verifyPackage, writePackage, PAYLOAD_ENTRY, type OutgoingPackage } from '../../electron/exchange/package';
import type { CallInput, CallName, CallOutput, DossierDetail } from '../../shared/contract/calls';
import type { AppErrorShape } from '../../shared/contract/errors';
import { schemeFor } from '../../shared/domain/campaign';
import type { ImportDecision, Manifest, PackageKind } from '../../shared/domain/exchange';
import type { NomineeKind } from '../../shared/domain/kinds';
import type { Unit } from '../../shared/domain/unit';
import { describeError } from '../../shared/i18n';
import { translator } from '../../shared/i18n/translator';
import { temporaryDataDir } from '../support/data-dir';
import { completeContent, crc32, eligibleContent, hasVietnameseDiacritics, withDatabase } from './helpers';

export const ADMIN = { username: 'admin', fullName: 'Nguyễn Văn Quản Trị', password: 'mat-khau-an-toan' };
export const BRANCH_NAME = 'Chi nhánh NHCSXH tỉnh Tây Ninh';
export const OFFICE_NAME = 'Phòng giao dịch NHCSXH Gò Dầu';
export const YEAR = 2025;

export type Installation = Awaited<ReturnType<typeof openInstallation>>;

/** An initialised installation (branch or office) over a real SQLite file in its own temp data directory. */
export async function openInstallation(mode: 'branch' | 'office', organisationName: string, options: { now?: () => string } = {}) {
  const data = temporaryDataDir(`tdcs-exchange-${mode}-`);
  const open = (): Core => openCore({ dataDir: data.dir, ...(options.now ? { now: options.now } : {}) });
  let core = open();
  let session: string | null = null;

  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const response = await core.call({ call: name, input, session }, true);
    if (!response.ok) throw Object.assign(new Error(`${name}: ${response.error.code} ${JSON.stringify(response.error.params ?? {})}`), { shape: response.error });
    return response.value as CallOutput<K>;
  }

  /** The error a call answers with (fails the test if the call succeeds). */
  async function errorOf<K extends CallName>(name: K, input: CallInput<K>): Promise<AppErrorShape> {
    const response = await core.call({ call: name, input, session }, true);
    if (response.ok) throw new Error(`${name} unexpectedly succeeded`);
    return response.error;
  }

  async function login(): Promise<void> {
    session = (await call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;
  }

  await call('setup.initialise', { mode, organisationName, admin: ADMIN, language: 'vi', loadDemo: false });
  await login();

  return {
    mode,
    organisationName,
    dataDir: data.dir,
    get core(): Core {
      return core;
    },
    call,
    errorOf,
    keys: (): InstallationKeys => loadOrCreateKeys(data.dir, null),
    identity: () => call('exchange.identity', {}),
    dryRun: (path: string) => call('exchange.dryRun', { source: { path } }),
    apply: (path: string, decision: ImportDecision = {}) => call('exchange.apply', { source: { path }, decision }),
    /** The dry run's error, or null when it is accepted. */
    async importError(path: string, decision: ImportDecision = {}): Promise<{ dryRun: AppErrorShape | null; apply: AppErrorShape | null }> {
      const dry = await core.call({ call: 'exchange.dryRun', input: { source: { path } }, session }, true);
      const applied = await core.call({ call: 'exchange.apply', input: { source: { path }, decision }, session }, true);
      return { dryRun: dry.ok ? null : dry.error, apply: applied.ok ? null : applied.error };
    },
    /** Closes and reopens the database, as a restart of the application would. */
    async reopen(): Promise<void> {
      core.close();
      core = open();
      await login();
    },
    /** Closes the database (checkpointing its journal) and keeps the data directory, e.g. to copy it. */
    shutdown(): void {
      core.close();
    },
    close(): void {
      core.close();
      data.remove();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Enrolment and office work

export interface Enrolled {
  branch: Installation;
  office: Installation;
  /** The office's own unit at the branch (kind transactionOffice). */
  officeUnit: Unit;
  /** Communes served by the office. */
  communes: Unit[];
  branchId: string;
  officeId: string;
}

/** The branch registers the office and its communes, issues the setup file; the office imports it and answers with its enrolment. */
export async function enrol(branch: Installation, office: Installation, folder: string, options: { communes?: number; tag?: string; communeNames?: string[] } = {}): Promise<Enrolled> {
  const tag = options.tag ?? 'go-dau';
  const officeUnit = await branch.call('units.create', { name: office.organisationName, kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
  // The communes' People's Committees: named as given, or numbered after the office's tag.
  const names = options.communeNames ?? Array.from({ length: options.communes ?? 3 }, (_unused, index) => `UBND xã Phước Thạnh ${tag} ${index + 1}`);
  const communes: Unit[] = [];
  for (const [index, name] of names.entries()) {
    communes.push(await branch.call('units.create', { name, kind: 'communePeoplesCommittee', level: 'commune', commune: options.communeNames ? name.replace(/^UBND /, '') : `xã ${index + 1}`, parentOfficeId: officeUnit.id }));
  }
  const setupFile = join(folder, `setup-${tag}.tdcs`);
  await branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId: officeUnit.id, to: setupFile });
  await office.apply(setupFile, { fingerprintConfirmed: true });
  const enrolmentFile = join(folder, `enrolment-${tag}.tdcs`);
  await office.call('exchange.export', { kind: 'enrolment', campaignYear: YEAR, to: enrolmentFile });
  await branch.apply(enrolmentFile, { fingerprintConfirmed: true });
  return { branch, office, officeUnit, communes, branchId: (await branch.identity()).installationId, officeId: (await office.identity()).installationId };
}

/** A small but real PDF (header, catalog, pages, xref with exact offsets, trailer), different for every seed. */
export function pdfBytes(seed: string, padding = 0): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const text = `BT /F1 12 Tf 72 760 Td (Bien ban ${seed}) Tj ET${' '.repeat(padding)}`;
  objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A small but real PNG (signature, IHDR, tEXt, zlib IDAT, IEND, with CRCs): a `size`×`size` RGB gradient coloured by the seed. */
export function pngBytes(seed: number, size = 8): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x += 1) {
      row[1 + x * 3] = (seed * 37 + x * 16) & 0xff;
      row[2 + x * 3] = (seed * 91 + y * 16) & 0xff;
      row[3 + x * 3] = (seed * 13 + x * y) & 0xff;
    }
    rows.push(row);
  }
  // A text chunk with the seed keeps every seed's bytes distinct (the colours repeat every 256 seeds).
  const text = pngChunk('tEXt', Buffer.from(`Comment\0tdcs ${seed}`, 'latin1'));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), text, pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Makes a dossier at the office with complete (or eligible) content and the given evidence, and marks it ready. */
export async function readyDossier(
  office: Installation,
  nominee: { kind: NomineeKind; unitId: string; personId?: string },
  evidence: { fileName: string; bytes: Buffer }[],
  options: { eligible?: boolean } = {},
): Promise<DossierDetail> {
  const campaign = await office.call('campaigns.get', { year: YEAR });
  const scheme = schemeFor(campaign, nominee.kind);
  if (!scheme) throw new Error(`no scheme for ${nominee.kind}`);
  // Complete content passes the checklist; eligible content also passes every gate and the minimum total.
  const content = options.eligible ? eligibleContent(scheme, nominee.kind) : completeContent(scheme, nominee.kind);
  const saved = await office.call('dossiers.save', { campaignYear: YEAR, nomineeKind: nominee.kind, unitId: nominee.unitId, personId: nominee.personId ?? null, content });
  for (const file of evidence) await office.call('attachments.add', { dossierId: saved.dossier.id, fileName: file.fileName, content: file.bytes.toString('base64') });
  return office.call('dossiers.setStatus', { id: saved.dossier.id, status: 'ready' });
}

// ---------------------------------------------------------------------------------------------------------------
// What an import could write: every table (counts and a hash of the rows) and every file beside the database.

export interface InstallationState {
  counts: Record<string, number>;
  /** SHA-256 of each table's rows, in rowid order. */
  tables: Record<string, string>;
  /** Files under the data directory (except the database and its journal), with their sizes. */
  files: string[];
}

function tableDigests(dataDir: string): { counts: Record<string, number>; tables: Record<string, string> } {
  return withDatabase(dataDir, (db) => {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    const counts: Record<string, number> = {};
    const tables: Record<string, string> = {};
    for (const name of names) {
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
      counts[name] = rows.length;
      tables[name] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    }
    return { counts, tables };
  });
}

function dataFiles(dataDir: string): string[] {
  return readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split(sep).join('/'))
    .filter((path) => !/^tdcs\.sqlite(-wal|-shm|-journal)?$/.test(path) && statSync(join(dataDir, path)).isFile())
    .map((path) => `${path} ${statSync(join(dataDir, path)).size}`)
    .sort();
}

export function stateOf(dataDir: string): InstallationState {
  return { ...tableDigests(dataDir), files: dataFiles(dataDir) };
}

/** Backups written automatically before imports. */
export function backupsOf(dataDir: string): string[] {
  const folder = join(dataDir, 'backups');
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

const VI = translator('vi');
const EN = translator('en');

/** An error renders in both languages, as a real sentence rather than its key. */
export function expectRendered(error: AppErrorShape): { vi: string; en: string } {
  const vi = describeError(error, VI);
  const en = describeError(error, EN);
  for (const text of [vi, en]) {
    expect(text).not.toContain('errors.');
    expect(text).not.toMatch(/\{\{/);
    expect(text.length).toBeGreaterThan(15);
  }
  expect(hasVietnameseDiacritics(vi)).toBe(true);
  expect(vi).not.toBe(en);
  return { vi, en };
}

// ---------------------------------------------------------------------------------------------------------------
// ZIP: a reader that keeps every header field, and a writer that writes exactly what it is told.

export interface ZipEntry {
  name: Buffer;
  /** The uncompressed bytes. */
  data: Buffer;
  method: number;
  externalAttributes: number;
  versionMadeBy: number;
  flags: number;
  /** Overrides of what the headers claim (for lying entries). */
  claimedSize?: number;
  claimedCompressedSize?: number;
  /** Bytes written as the entry's (compressed) data instead of compressing `data`. */
  rawData?: Buffer;
  /** The CRC-32 of `data`, when the caller knows it (thousands of entries sharing one large buffer). */
  crc?: number;
  /** Where the local header is said to be, instead of where it is written (overlapping or out-of-bounds entries). */
  claimedOffset?: number;
}

export function entryName(entry: ZipEntry): string {
  return entry.name.toString('utf8');
}

/** Reads every entry of a ZIP through its central directory (no ZIP64, no data descriptors needed). */
export function readZip(bytes: Buffer): ZipEntry[] {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory');
    const versionMadeBy = bytes.readUInt16LE(offset + 4);
    const flags = bytes.readUInt16LE(offset + 8);
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const externalAttributes = bytes.readUInt32LE(offset + 38);
    const local = bytes.readUInt32LE(offset + 42);
    const name = Buffer.from(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const stored = bytes.subarray(start, start + compressedSize);
    entries.push({ name, data: method === 8 ? inflateRawSync(stored) : Buffer.from(stored), method, externalAttributes, versionMadeBy, flags });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Writes a ZIP exactly as described: names as given (even hostile ones), sizes as claimed, attributes as set. */
export function writeZip(entries: ZipEntry[], comment = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  // 2025-01-01 00:00 in DOS time.
  const dosTime = 0;
  const dosDate = ((2025 - 1980) << 9) | (1 << 5) | 1;
  for (const entry of entries) {
    const body = entry.rawData ?? (entry.method === 8 ? deflateRawSync(entry.data) : entry.data);
    const crc = entry.crc ?? crc32(entry.data);
    const size = entry.claimedSize ?? entry.data.length;
    const compressedSize = entry.claimedCompressedSize ?? body.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags & ~0x08, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(entry.name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(entry.versionMadeBy, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(entry.flags & ~0x08, 8);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt16LE(dosTime, 12);
    header.writeUInt16LE(dosDate, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressedSize, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    header.writeUInt32LE(entry.externalAttributes >>> 0, 38);
    header.writeUInt32LE(entry.claimedOffset ?? offset, 42);
    parts.push(local, entry.name, body);
    central.push(header, entry.name);
    offset += local.length + entry.name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...parts, directory, end, comment]);
}

/** A plain entry, the way yazl writes them (made by Unix, a regular file 0644, UTF-8 names). */
export function zipEntry(name: string | Buffer, data: Buffer, method = 0): ZipEntry {
  return { name: typeof name === 'string' ? Buffer.from(name, 'utf8') : name, data, method, externalAttributes: (0o100644 << 16) >>> 0, versionMadeBy: (3 << 8) | 20, flags: 0x0800 };
}

/** Takes a package apart, lets `edit` change its entries, and writes it again (every CRC and size correct). */
export function repack(bytes: Buffer, edit: (entries: ZipEntry[]) => ZipEntry[]): Buffer {
  return writeZip(edit(readZip(bytes)));
}

export function manifestOf(bytes: Buffer): Manifest {
  const entry = readZip(bytes).find((candidate) => entryName(candidate) === MANIFEST_ENTRY);
  if (!entry) throw new Error('no manifest');
  return JSON.parse(entry.data.toString('utf8')) as Manifest;
}

/** The package with its manifest changed and signed again with `keys` (the sender's own, or anyone's). */
export async function resign(bytes: Buffer, keys: InstallationKeys, mutate: (manifest: Record<string, unknown>) => void): Promise<Buffer> {
  const entries = readZip(bytes);
  const manifestEntry = entries.find((entry) => entryName(entry) === MANIFEST_ENTRY);
  if (!manifestEntry) throw new Error('no manifest');
  const manifest = JSON.parse(manifestEntry.data.toString('utf8')) as Record<string, unknown>;
  mutate(manifest);
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const rest = entries.filter((entry) => entryName(entry) !== MANIFEST_ENTRY && entryName(entry) !== SIGNATURE_ENTRY).map((entry) => ({ path: entryName(entry), data: entry.data, compress: entry.method === 8 }));
  return writeZip([
    zipEntry(MANIFEST_ENTRY, manifestBytes),
    zipEntry(SIGNATURE_ENTRY, signBytes(keys.signing.privateKey, manifestBytes)),
    ...rest.map((entry) => zipEntry(entry.path, entry.data, entry.compress ? 8 : 0)),
  ]);
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytesFrom(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index += 1) bytes[index] = Math.floor(random() * 256);
  return bytes;
}

export function kindsOf(records: { kind: PackageKind; direction: 'in' | 'out'; sequence: number }[]): string[] {
  return records.map((record) => `${record.direction} ${record.kind} #${record.sequence}`);
}

export function readBytes(path: string): Buffer {
  return readFileSync(path);
}

/** A package as bytes, written by the product's own writer (to a scratch folder, read back, removed). */
export async function packageBytes(keys: InstallationKeys, outgoing: Omit<OutgoingPackage, 'files'> & { files: { path: string; data: Buffer }[] }): Promise<Buffer> {
  const folder = mkdtempSync(join(tmpdir(), 'tdcs-package-'));
  try {
    const target = join(folder, 'package.tdcs');
    await writePackage(keys, { ...outgoing, files: outgoing.files.map(({ path, data }) => ({ path, size: data.length, read: () => data })) }, target);
    return readFileSync(target);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A package taken apart by its recipient: the manifest, the payload in clear, every other entry decrypted. */
export async function openedPackage<Payload>(bytes: Buffer, recipientKeys: InstallationKeys): Promise<{ manifest: Manifest; payload: Payload; files: { path: string; data: Buffer }[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'tdcs-package-'));
  try {
    const path = join(folder, 'package.tdcs');
    writeFileSync(path, bytes);
    const verified = await verifyPackage(path);
    try {
      const payload = (await readPayload(recipientKeys, verified)) as Payload;
      const files: { path: string; data: Buffer }[] = [];
      for (const entry of verified.manifest.entries) if (entry.path !== PAYLOAD_ENTRY) files.push({ path: entry.path, data: await plainEntry(recipientKeys, verified, entry.path) });
      return { manifest: verified.manifest, payload, files };
    } finally {
      verified.container.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
