// Issue 10: the exchange tried as an attacker with a USB stick would, through the built command line in a child
// process (dry run, then import with every acceptance given), one class of the issue per block. Every case checks
// the exit code, the message in both languages, the receiving database (a hash of every table) and its data folder,
// that nothing appears outside the data folder, and the child's peak memory (its own maxRSS, read at exit).
//   1 memory before trust   2 ownership   3 the same record twice   4 the office's own rules   7 text from a file on a
//   terminal   8 messages that tell the truth   5 revocation and identity (last: it revokes Gò Dầu's key)   6 what is
//   left behind (backups; the crash suite covers temporary files)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { MANIFEST_ENTRY, SIGNATURE_ENTRY } from '../../electron/exchange/container';
import { signBytes } from '../../electron/exchange/crypto';
import { loadOrCreateKeys, rawPublicKey, type InstallationKeys } from '../../electron/exchange/keys';
import { PAYLOAD_ENTRY } from '../../electron/exchange/package';
import type { SubmissionPayload } from '../../electron/exchange/payloads';
import { backupsToKeep } from '../../electron/services/backup';
import type { BackupFile } from '../../shared/domain/backup';
import type { AppErrorShape, ErrorCode } from '../../shared/contract/errors';
import { schemeFor } from '../../shared/domain/campaign';
import type { Manifest } from '../../shared/domain/exchange';
import type { NomineeKind } from '../../shared/domain/kinds';
import { forTerminal } from '../../shared/domain/text';
import type { Unit } from '../../shared/domain/unit';
import { describeError } from '../../shared/i18n';
import { translator } from '../../shared/i18n/translator';
import type { Scheme } from '../../shared/scoring/types';
import { BRANCH_NAME, enrol, entryName, manifestOf, OFFICE_NAME, openInstallation, packageBytes, pdfBytes, readBytes, readyDossier, readZip, stateOf, writeZip, YEAR, zipEntry, type Enrolled, type Installation, type InstallationState, type ZipEntry } from './exchange-support';
import { zipParts } from '../support/docx';
import { completeContent, hasVietnameseDiacritics, rawCall } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const MB = 1024 * 1024;
/** A dry run or an import of any file, hostile or not, stays under this (a child's whole peak: Node, SQLite, the core). */
const MEMORY_BOUND_MB = 200;
const EVERY_ACCEPTANCE = ['--fingerprint-confirmed', '--accept-replay', '--accept-late', '--accept-new-installation'];
const TRANG_BANG = 'Phòng giao dịch NHCSXH Trảng Bàng';
const VI = translator('vi');
const EN = translator('en');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The child's peak resident memory, MB. */
  peakMb: number;
}

interface World {
  sandbox: string;
  /** The branch's data folder, inside the sandbox, used by every command. */
  data: string;
  usb: string;
  goDau: Enrolled;
  trangBang: Enrolled;
  goDauKeys: InstallationKeys;
  branchAgreementKey: string;
  branchId: string;
  /** The next file number of Gò Dầu at the branch. */
  sequence: number;
  scheme: (kind: NomineeKind) => Scheme;
  /** The branch's own dossier; Trảng Bàng's commune, person and individual dossier. */
  branchDossierId: string;
  trangBangCommune: Unit;
  trangBangPerson: { id: string; fullName: string };
  trangBangDossierId: string;
  installations: Installation[];
  /** The peak memory of a dry run of a small file that is no ZIP: the child's own floor. */
  baselinePeakMb: number;
}

let world: World;
let fileNumber = 0;

function cli(args: string[], language: 'vi' | 'en'): CliRun {
  const report = join(world.sandbox, 'peak.txt');
  rmSync(report, { force: true });
  const result = spawnSync(process.execPath, ['--require', join(world.sandbox, 'report-peak.cjs'), join(ROOT, 'dist', 'electron', 'cli.js'), '--data-dir', world.data, '--lang', language, ...args], {
    cwd: join(world.sandbox, 'cwd'),
    env: { ...process.env, HOME: join(world.sandbox, 'cwd'), TDCS_PEAK_FILE: report },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * MB,
  });
  const peakKb = existsSync(report) ? Number(readBytes(report).toString('utf8')) : Number.NaN;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, peakMb: peakKb / 1024 };
}

/** Everything in the sandbox but the branch's data folder (whose content `stateOf` checks). */
function outside(): string[] {
  return readdirSync(world.sandbox, { recursive: true, encoding: 'utf8' })
    .filter((path) => path !== 'data' && !path.startsWith(`data${sep}`) && path !== 'peak.txt')
    .sort();
}

function onStick(bytes: Buffer, name = `hostile-${(fileNumber += 1)}.tdcs`): string {
  const path = join(world.usb, name);
  writeFileSync(path, bytes);
  return path;
}

/** A call to the branch's core in this process, as the operator, to learn the exact error code. */
async function branchError(call: 'exchange.dryRun' | 'exchange.apply', path: string): Promise<AppErrorShape | null> {
  const core = openCore({ dataDir: world.data });
  try {
    const input = call === 'exchange.dryRun' ? { source: { path } } : { source: { path }, decision: { acceptReplay: true, acceptLate: true, fingerprintConfirmed: true, acceptReplacement: true } };
    const response = await rawCall(core, call, input, null, true);
    return response.ok ? null : response.error;
  } finally {
    core.close();
  }
}

function expectBoundedMemory(...runs: CliRun[]): void {
  for (const run of runs) {
    expect(Number.isFinite(run.peakMb)).toBe(true);
    expect(run.peakMb).toBeLessThan(MEMORY_BOUND_MB);
  }
}

/** Text a terminal shows as is: no escape sequence, no control character but the line breaks. */
function expectPlainText(text: string): void {
  for (const character of text) {
    const code = character.charCodeAt(0);
    expect(code === 0x0a || (code >= 0x20 && code !== 0x7f && (code < 0x80 || code > 0x9f)), JSON.stringify(text)).toBe(true);
  }
}

/**
 * The file is refused by the command line's dry run (exit 1, saying it would be refused, in Vietnamese) and by its
 * import with every acceptance (exit 1, in English), with `code`; nothing changes in the database or its folder,
 * nothing appears beside them, and both children stay within the memory bound.
 */
async function expectRefused(path: string, code: ErrorCode, params?: Record<string, string | number>): Promise<{ dry: CliRun; applied: CliRun; error: AppErrorShape }> {
  const before = stateOf(world.data);
  const around = outside();
  const dry = cli(['import', path, '--dry-run'], 'vi');
  const applied = cli(['import', path, ...EVERY_ACCEPTANCE], 'en');
  const dryError = await branchError('exchange.dryRun', path);
  const applyError = await branchError('exchange.apply', path);
  expect(dryError?.code).toBe(code);
  expect(applyError?.code).toBe(code);
  if (params) expect(applyError?.params).toEqual(params);
  const error = applyError as AppErrorShape;
  expect([dry.code, dry.stdout]).toEqual([1, '']);
  expect(dry.stderr).toBe(`tdcs: ${forTerminal(describeError(error, VI))}\n${VI('cli.wouldBeRefused')}\n`);
  expect([applied.code, applied.stdout]).toEqual([1, '']);
  expect(applied.stderr).toBe(`tdcs: ${forTerminal(describeError(error, EN))}\n${EN('cli.notImported')}\n`);
  expect(hasVietnameseDiacritics(dry.stderr)).toBe(true);
  for (const text of [dry.stderr, applied.stderr]) expectPlainText(text);
  expectBoundedMemory(dry, applied);
  expect(stateOf(world.data)).toEqual(before);
  expect(outside()).toEqual(around);
  return { dry, applied, error };
}

/** Every table but the file's own log (the exchange log, the sender's last number, the audit log and its head). */
function recordsOf(state: InstallationState): Record<string, string> {
  const { exchanges: _exchanges, peers: _peers, audit_log: _audit, settings: _settings, ...records } = state.tables;
  return records;
}

/** A dossier of a submission, complete and ready by the office's own rules unless `overrides` say otherwise. */
function incoming(kind: NomineeKind, unit: Unit, overrides: Partial<SubmissionPayload['dossiers'][number]> = {}, evidence = pdfBytes(`hostile-${(fileNumber += 1)}`)) {
  const scheme = world.scheme(kind);
  const sha256 = createHash('sha256').update(evidence).digest('hex');
  return {
    dossier: {
      id: `hostile-${(fileNumber += 1)}`,
      revision: 1,
      nomineeKind: kind,
      unit,
      person: null,
      schemeId: scheme.id,
      schemeVersion: scheme.version,
      content: completeContent(scheme, kind),
      attachments: [{ sha256, fileName: 'Biên bản.pdf', size: evidence.length, mimeType: 'application/pdf' }],
      ...overrides,
    } satisfies SubmissionPayload['dossiers'][number],
    file: { path: `attachments/${sha256}`, data: evidence },
  };
}

/** A submission signed with Gò Dầu's own keys (as a thief of its data folder could), numbered next unless told. */
async function fromGoDau(records: ReturnType<typeof incoming>[], options: { sequence?: number; organisation?: string } = {}): Promise<Buffer> {
  const sender = manifestOf(readBytes(join(world.usb, 'enrolment-go-dau.tdcs'))).sender;
  const files = new Map(records.map((record) => [record.file.path, record.file]));
  return packageBytes(world.goDauKeys, {
    kind: 'submission',
    sender: { ...sender, organisation: options.organisation ?? sender.organisation },
    recipient: { installationId: world.branchId, officeUnitId: null, name: BRANCH_NAME },
    encryptTo: world.branchAgreementKey,
    campaignYear: YEAR,
    sequence: options.sequence ?? world.sequence,
    createdAt: new Date().toISOString(),
    payload: { dossiers: records.map((record) => record.dossier) },
    files: [...files.values()],
  });
}

/**
 * A submission whose every record is refused: the dry run lists each as rejected with its reason and exits 0; the
 * import exits 0 and records the file, but no dossier, unit, person or evidence changes.
 */
async function expectRecordsRefused(bytes: Buffer): Promise<{ dry: CliRun; applied: CliRun }> {
  const path = onStick(bytes);
  const before = stateOf(world.data);
  const around = outside();
  const dry = cli(['import', path, '--dry-run'], 'vi');
  expect(dry.stderr).toBe('');
  expect(dry.code).toBe(0);
  expect(stateOf(world.data)).toEqual(before);
  const applied = cli(['import', path, ...EVERY_ACCEPTANCE], 'en');
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);
  world.sequence += 1;
  const after = stateOf(world.data);
  expect(recordsOf(after)).toEqual(recordsOf(before));
  expect(after.files.filter((file) => !file.startsWith('backups/'))).toEqual(before.files.filter((file) => !file.startsWith('backups/')));
  expect(outside()).toEqual(around);
  for (const text of [dry.stdout, applied.stdout]) expectPlainText(text);
  expectBoundedMemory(dry, applied);
  return { dry, applied };
}

beforeAll(async () => {
  execBuild();
  const sandbox = mkdtempSync(join(tmpdir(), 'tdcs-hostile-'));
  const usb = join(sandbox, 'usb');
  mkdirSync(usb);
  mkdirSync(join(sandbox, 'cwd'));
  // The child reports its own peak memory as it exits, whatever way it exits: Linux's VmHWM, which (unlike maxRSS,
  // kept across exec) does not count the pages it shared with this process between fork and exec.
  writeFileSync(
    join(sandbox, 'report-peak.cjs'),
    [
      "const { readFileSync, writeFileSync } = require('node:fs');",
      'function peakKb() {',
      "  try { return Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch { return process.resourceUsage().maxRSS; }",
      '}',
      "process.on('exit', () => writeFileSync(process.env.TDCS_PEAK_FILE, String(peakKb())));",
      '',
    ].join('\n'),
  );
  const branch = await openInstallation('branch', BRANCH_NAME);
  const goDauOffice = await openInstallation('office', OFFICE_NAME);
  const trangBangOffice = await openInstallation('office', TRANG_BANG);
  const goDau = await enrol(branch, goDauOffice, usb, { communes: 2, tag: 'go-dau' });
  const trangBang = await enrol(branch, trangBangOffice, usb, { communes: 1, tag: 'trang-bang' });
  const campaign = await branch.call('campaigns.get', { year: YEAR });
  const scheme = (kind: NomineeKind): Scheme => {
    const found = schemeFor(campaign, kind);
    if (!found) throw new Error(`no scheme for ${kind}`);
    return found;
  };
  // Trảng Bàng's commune and one of its people, with an individual dossier the branch has received.
  const trangBangCommune = trangBang.communes[0] as Unit;
  const person = await trangBangOffice.call('people.create', { fullName: 'Trần Thị Bình', birthYear: 1980, gender: 'female', position: 'Tổ trưởng Tổ TK&VV', unitId: trangBangCommune.id });
  const individual = await readyDossier(trangBangOffice, { kind: 'groupHead', unitId: trangBangCommune.id, personId: person.id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes('trang-bang-person') }]);
  await trangBangOffice.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: join(usb, 'submission-trang-bang.tdcs') });
  await branch.apply(join(usb, 'submission-trang-bang.tdcs'), { acceptLate: true });
  // Gò Dầu's own first submission, received.
  await readyDossier(goDauOffice, { kind: 'communePeoplesCommittee', unitId: (goDau.communes[0] as Unit).id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes('go-dau-own') }]);
  await goDauOffice.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: join(usb, 'submission-go-dau.tdcs') });
  await branch.apply(join(usb, 'submission-go-dau.tdcs'), { acceptLate: true });
  // The branch's own dossier, for a province-level body it registered itself.
  const farmers = await branch.call('units.create', { name: 'Hội Nông dân tỉnh Tây Ninh', kind: 'farmersAssociation', level: 'province', commune: '', parentOfficeId: null });
  const own = await branch.call('dossiers.save', { campaignYear: YEAR, nomineeKind: 'farmersAssociation', unitId: farmers.id, content: completeContent(scheme('farmersAssociation'), 'farmersAssociation') });
  const branchId = (await branch.identity()).installationId;
  const branchAgreementKey = rawPublicKey(branch.keys().agreement.publicKey);
  branch.shutdown();
  const data = join(sandbox, 'data');
  cpSync(branch.dataDir, data, { recursive: true });
  world = {
    sandbox,
    data,
    usb,
    goDau,
    trangBang,
    goDauKeys: loadOrCreateKeys(goDauOffice.dataDir, null),
    branchAgreementKey,
    branchId,
    sequence: 3,
    scheme,
    branchDossierId: own.dossier.id,
    trangBangCommune,
    trangBangPerson: { id: person.id, fullName: person.fullName },
    trangBangDossierId: individual.dossier.id,
    installations: [branch, goDauOffice, trangBangOffice],
    baselinePeakMb: Number.NaN,
  };
  world.baselinePeakMb = cli(['import', onStick(Buffer.from('not an exchange file')), '--dry-run'], 'en').peakMb;
}, 240_000);

afterAll(() => {
  for (const installation of world.installations) installation.close();
  rmSync(world.sandbox, { recursive: true, force: true });
});

/** The command line as `npx tdcs` builds it (only when its sources changed). */
function execBuild(): void {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--only-node', '--if-stale'], { cwd: ROOT, stdio: 'pipe', timeout: 180_000 });
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr.toString()}`);
}

describe('1. memory is spent only after trust: the layout first, then the signature, then the sender', () => {
  it('an unsigned 3 MB file whose 2,900 small entries would inflate to 2.9 GB: refused from its directory', async () => {
    const zeros = Buffer.alloc(MB - 1);
    const deflated = deflateRawSync(zeros);
    const crc = crc32(zeros);
    const entries: ZipEntry[] = [zipEntry(MANIFEST_ENTRY, Buffer.from('{}')), zipEntry(SIGNATURE_ENTRY, Buffer.alloc(64))];
    for (let index = 0; index < 2_900; index += 1) entries.push({ ...zipEntry(`attachments/${index}`, zeros, 8), rawData: deflated, crc });
    const bytes = writeZip(entries);
    expect(bytes.length).toBeLessThan(4 * MB);
    await expectRefused(onStick(bytes), 'exchange.ratio', { path: '*' });
  });

  it('the same bomb signed by an enrolled office, every entry listed in its manifest: refused just the same, before the manifest is read', async () => {
    const zeros = Buffer.alloc(MB - 1);
    const deflated = deflateRawSync(zeros);
    const crc = crc32(zeros);
    const sha256 = createHash('sha256').update(zeros).digest('hex');
    const sender = manifestOf(readBytes(join(world.usb, 'enrolment-go-dau.tdcs'))).sender;
    const paths = Array.from({ length: 2_900 }, (_unused, index) => `attachments/${index}`);
    const manifest: Manifest = {
      format: 'tdcs-exchange',
      formatVersion: 1,
      packageId: '6f1c1d4e-5b1a-4d7e-9a55-2f7f6a3c9b10',
      kind: 'submission',
      sender,
      recipient: { installationId: world.branchId, officeUnitId: null, name: BRANCH_NAME },
      campaignYear: YEAR,
      createdAt: new Date().toISOString(),
      sequence: world.sequence,
      encryption: { scheme: 'x25519-hkdf-sha256-aes256gcm', ephemeralKey: sender.agreementKey, salt: 'c2FsdA' },
      entries: [{ path: PAYLOAD_ENTRY, sha256, size: zeros.length, encrypted: true }, ...paths.map((path) => ({ path, sha256, size: zeros.length, encrypted: true }))],
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const bytes = writeZip([
      zipEntry(MANIFEST_ENTRY, manifestBytes),
      zipEntry(SIGNATURE_ENTRY, signBytes(world.goDauKeys.signing.privateKey, manifestBytes)),
      { ...zipEntry(PAYLOAD_ENTRY, zeros, 8), rawData: deflated, crc },
      ...paths.map((path) => ({ ...zipEntry(path, zeros, 8), rawData: deflated, crc })),
    ]);
    await expectRefused(onStick(bytes), 'exchange.ratio', { path: '*' });
  });

  it('overlapping entries (one hidden inside another’s data), and an entry that points beyond the data into the directory', async () => {
    const entries = readZip(readBytes(join(world.usb, 'submission-go-dau.tdcs')));
    // The classic overlapping bomb: an entry whose data holds a whole second entry, its header included.
    const inner = { name: Buffer.from('attachments/inner'), data: Buffer.from('x') };
    const innerHeader = Buffer.alloc(30);
    innerHeader.writeUInt32LE(0x04034b50, 0);
    innerHeader.writeUInt32LE(crc32(inner.data), 14);
    innerHeader.writeUInt32LE(inner.data.length, 18);
    innerHeader.writeUInt32LE(inner.data.length, 22);
    innerHeader.writeUInt16LE(inner.name.length, 26);
    const outer = zipEntry('attachments/outer', Buffer.concat([innerHeader, inner.name, inner.data]));
    const overlapping = writeZip([outer, { ...zipEntry(inner.name, inner.data), claimedOffset: 30 + outer.name.length }, ...entries]);
    await expectRefused(onStick(overlapping), 'exchange.badLayout');
    // The last entry claims to start just before the directory: its header would run into it.
    const written = writeZip(entries);
    const directory = written.readUInt32LE(written.length - 22 + 16);
    const beyond = writeZip([...entries.slice(0, -1), { ...(entries.at(-1) as ZipEntry), claimedOffset: directory - 10 }]);
    await expectRefused(onStick(beyond), 'exchange.badLayout');
  });

  it('an unsigned file with a 64 MB payload, and one signed by a stranger: refused without reading the payload', async () => {
    const payload = zipEntry(PAYLOAD_ENTRY, Buffer.alloc(64 * MB, 0x41));
    const submission = readZip(readBytes(join(world.usb, 'submission-go-dau.tdcs')));
    const manifest = submission.find((entry) => entryName(entry) === MANIFEST_ENTRY) as ZipEntry;
    const unsigned = writeZip([manifest, zipEntry(SIGNATURE_ENTRY, Buffer.alloc(64, 7)), payload]);
    const { dry } = await expectRefused(onStick(unsigned), 'exchange.badSignature');
    // Less than half the payload above what refusing a file that is no ZIP at all takes: it was never read.
    expect(dry.peakMb).toBeLessThan(world.baselinePeakMb + 32);
    const stranger = loadOrCreateKeys(join(world.sandbox, 'cwd', 'stranger'), null);
    const text = JSON.parse(manifest.data.toString('utf8')) as Manifest;
    const signed = Buffer.from(JSON.stringify({ ...text, sender: { ...text.sender, installationId: '0b4d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4', signingKey: rawPublicKey(stranger.signing.publicKey), agreementKey: rawPublicKey(stranger.agreement.publicKey) }, entries: [{ path: PAYLOAD_ENTRY, sha256: createHash('sha256').update(payload.data).digest('hex'), size: payload.data.length, encrypted: true }] }));
    const strangers = writeZip([zipEntry(MANIFEST_ENTRY, signed), zipEntry(SIGNATURE_ENTRY, signBytes(stranger.signing.privateKey, signed)), payload]);
    rmSync(join(world.sandbox, 'cwd', 'stranger'), { recursive: true, force: true });
    const refused = await expectRefused(onStick(strangers), 'exchange.unknownSender');
    expect(refused.dry.peakMb).toBeLessThan(world.baselinePeakMb + 32);
  });

  it('a sparse 2.9 GB file of zeros, and one that starts like a ZIP: refused from their first and last bytes', async () => {
    for (const [name, start, code] of [
      ['zeros.tdcs', Buffer.alloc(0), 'exchange.notZip'],
      ['zip-start.tdcs', Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'exchange.truncated'],
    ] as const) {
      const path = join(world.usb, name);
      const descriptor = openSync(path, 'w');
      try {
        if (start.length > 0) writeSync(descriptor, start);
      } finally {
        closeSync(descriptor);
      }
      truncateSync(path, Math.floor(2.9 * 1024 * MB));
      await expectRefused(path, code);
      rmSync(path);
    }
  });
});

describe('2. an office changes only what it owns', () => {
  it('the branch’s own dossier, another office’s unit, another office’s person: each refused with its reason, nothing changed', async () => {
    const [ownCommune, otherOwnCommune] = world.goDau.communes as [Unit, Unit];
    const overwrite = incoming('farmersAssociation', { id: 'unit-hoi-nong-dan', name: 'Hội Nông dân tỉnh Tây Ninh', kind: 'farmersAssociation', level: 'province', commune: '', parentOfficeId: null, retired: false }, { id: world.branchDossierId, revision: 9 });
    const otherUnit = incoming('communePeoplesCommittee', world.trangBangCommune);
    const otherPerson = incoming('groupHead', ownCommune, { person: { id: world.trangBangPerson.id, fullName: 'Tên Đã Bị Đổi', birthYear: 1990, gender: 'male', position: 'Tổ trưởng' } });
    // Trảng Bàng's dossier, taken over under its id for one of Gò Dầu's own communes.
    const otherDossier = incoming('communePeoplesCommittee', otherOwnCommune, { id: world.trangBangDossierId, revision: 2 });
    const { dry, applied } = await expectRecordsRefused(await fromGoDau([overwrite, otherUnit, otherPerson, otherDossier]));
    expect(dry.stdout).toContain('Hồ sơ này do Chi nhánh lập, không phải của Phòng giao dịch này');
    expect(dry.stdout).toContain(`“${world.trangBangCommune.name}” là đơn vị của Phòng giao dịch khác hoặc của Chi nhánh`);
    expect(dry.stdout).toContain(`“${world.trangBangPerson.fullName}” công tác ở đơn vị của Phòng giao dịch khác hoặc của Chi nhánh`);
    expect(dry.stdout).toContain('Hồ sơ này thuộc Phòng giao dịch khác.');
    expect(dry.stdout).toContain('bị từ chối 4');
    expect(applied.stdout).toContain('This dossier was made by the branch, not by this office');
    expect(applied.stdout).toContain('rejected 4');
  });
});

describe('3. the same nominee or the same dossier twice in one file', () => {
  it('is refused by the dry run, every copy, and the import then meets no internal error', async () => {
    const [first, second] = world.goDau.communes as [Unit, Unit];
    const twice = incoming('womensUnion', { id: 'go-dau-hoi-phu-nu', name: 'Hội Liên hiệp Phụ nữ xã Phước Thạnh', kind: 'womensUnion', level: 'commune', commune: 'xã 2', parentOfficeId: world.goDau.officeUnit.id, retired: false });
    const sameNominee = [incoming('communePeoplesCommittee', second), incoming('communePeoplesCommittee', second)];
    // One person, nominated for two kinds of award, with two years of birth.
    const person = { id: 'nguoi-hai-lan', fullName: 'Lê Văn Hai', gender: 'male' as const, position: 'Tổ trưởng' };
    const described = [incoming('groupHead', first, { person: { ...person, birthYear: 1970 } }), incoming('entrustedOfficer', first, { person: { ...person, birthYear: 1971 } })];
    const { dry, applied } = await expectRecordsRefused(await fromGoDau([twice, { ...twice }, ...sameNominee, ...described]));
    expect(dry.stdout.match(/Tệp có hồ sơ này nhiều hơn một lần/g)).toHaveLength(2);
    expect(dry.stdout.match(/Tệp có nhiều hồ sơ cho cùng đối tượng này/g)).toHaveLength(2);
    expect(dry.stdout.match(/Tệp mô tả “Lê Văn Hai” khác nhau ở hai hồ sơ/g)).toHaveLength(2);
    expect(applied.stdout).toContain('rejected 6');
  });
});

describe('4. received values get the office’s own rules', () => {
  it('a year of birth out of range, evidence that is not a PDF or an image, an id no form makes, an incomplete dossier: each named by field, in both languages', async () => {
    const [commune] = world.goDau.communes as [Unit];
    const oldPerson = incoming('groupHead', commune, { person: { id: 'nguoi-sinh-1850', fullName: 'Nguyễn Văn Già', birthYear: 1850, gender: 'male', position: 'Tổ trưởng' } });
    const program = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2000, 1)]);
    const executable = incoming('youthUnion', { ...commune, id: 'go-dau-doan-tn', kind: 'youthUnion', name: 'Đoàn Thanh niên xã' }, {}, program);
    const badId = incoming('farmersAssociation', { ...commune, id: 'go-dau-hoi-nd', kind: 'farmersAssociation', name: 'Hội Nông dân xã' }, { id: '../../../etc/passwd' });
    const scheme = world.scheme('fatherlandFront');
    const incomplete = incoming('fatherlandFront', { ...commune, id: 'go-dau-mttq', kind: 'fatherlandFront', name: 'Ủy ban MTTQ xã' }, { attachments: [], content: completeContent(scheme, 'fatherlandFront', { report: 'Ngắn.' }) });
    // A spreadsheet's ZIP starts as a Word document does: only its directory tells them apart.
    const workbook = await zipParts({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    const notWord = incoming('womensUnion', { ...commune, id: 'go-dau-hoi-pn', kind: 'womensUnion', name: 'Hội Liên hiệp Phụ nữ xã' }, {}, workbook);
    const { dry, applied } = await expectRecordsRefused(await fromGoDau([oldPerson, executable, badId, incomplete, notWord]));
    expect(applied.stdout.match(/Evidence: “Biên bản.pdf” is not a PDF/g)).toHaveLength(2);
    expect(dry.stdout).toContain('Năm sinh: Tối thiểu 1930.');
    expect(applied.stdout).toContain('Year of birth: At least 1930.');
    expect(dry.stdout).toContain('Minh chứng: “Biên bản.pdf” không phải tệp PDF');
    expect(applied.stdout).toContain('Evidence: “Biên bản.pdf” is not a PDF, JPEG, PNG, WebP, TIFF or Word (.docx) file.');
    expect(dry.stdout).toContain('Mã hồ sơ: Sai định dạng.');
    expect(applied.stdout).toContain('Dossier identifier: Wrong format.');
    expect(dry.stdout).toContain('Hồ sơ chưa đủ các điều kiện bắt buộc trước khi gửi.');
    expect(dry.stdout).toContain('Có ít nhất một tệp minh chứng (hiện có 0).');
    expect(applied.stdout).toContain('At least one evidence file is attached (now 0).');
    // Neither language calls the file's parts by their technical names.
    for (const text of [dry.stdout, applied.stdout]) expect(text).not.toMatch(/payload|manifest/i);
  });
});

describe('7. text from a file is never trusted on a terminal', () => {
  it('names with a NUL, colours, a cleared screen and a window title, an organisation and an entry name alike, print as plain text', async () => {
    const [commune] = world.goDau.communes as [Unit];
    const hostile = 'Hội\u0000 Phụ nữ \u001b[31mĐỎ\u001b[0m\u001b[2J\u001b]0;pwned\u0007\r xã';
    // Two records refused for another reason (a year of birth), so that the file changes nothing but prints every name.
    const record = incoming('womensUnion', { ...commune, id: 'go-dau-hostile-name', kind: 'womensUnion', name: hostile });
    const person = incoming('groupHead', commune, { person: { id: 'nguoi-ten-doc', fullName: `Nguyễn ${hostile}`, birthYear: 1800, gender: 'female', position: hostile } });
    const files = await expectRecordsRefused(await fromGoDau([{ ...record, dossier: { ...record.dossier, attachments: [] } }, person], { organisation: `Phòng \u001b[1;32mGIẢ\u001b[0m` }));
    expect(files.dry.stdout).toContain('Hội Phụ nữ ĐỎ xã');
    expect(files.applied.stdout).toContain('Phòng GIẢ');
    // An entry name with an escape sequence, shown in the refusal.
    const submission = readZip(readBytes(join(world.usb, 'submission-go-dau.tdcs')));
    const refused = await expectRefused(onStick(writeZip([zipEntry('\u001b[2J\u0000evil', Buffer.from('x')), ...submission])), 'exchange.unsafePath');
    expect(refused.applied.stderr).toContain('(evil)');
  });
});

describe('8. messages that tell the truth', () => {
  it('a bomb and lying sizes are not a stick removed too early; a folder is a folder', async () => {
    const submission = readBytes(join(world.usb, 'submission-go-dau.tdcs'));
    const entries = readZip(submission);
    const payload = entries.find((entry) => entryName(entry) === PAYLOAD_ENTRY) as ZipEntry;
    const lying = writeZip(entries.map((entry) => (entry === payload ? { ...entry, method: 8, rawData: deflateRawSync(Buffer.alloc(64 * MB)), claimedSize: entry.data.length } : entry)));
    const bomb = writeZip([...entries, { ...zipEntry('attachments/bomb', Buffer.from('x'), 8), rawData: deflateRawSync(Buffer.alloc(MB)), claimedSize: 300 * MB }]);
    for (const bytes of [lying, bomb]) {
      const { dry, applied } = await expectRefused(onStick(bytes), bytes === lying ? 'exchange.sizeMismatch' : 'exchange.tooLarge');
      expect(dry.stderr).not.toContain('USB');
      expect(applied.stderr).not.toContain('USB');
    }
    const folder = await expectRefused(world.usb, 'exchange.notAFile', { name: 'usb' });
    expect(folder.dry.stderr).toContain('“usb” là một thư mục');
  });

  it('an out-of-order file names the option that accepts it; an earlier file that never arrived is not "already received"', async () => {
    const [commune] = world.goDau.communes as [Unit];
    const later = await fromGoDau([incoming('womensUnion', { ...commune, id: 'go-dau-phu-nu-2', kind: 'womensUnion', name: 'Hội Phụ nữ xã Phước Thạnh 1' })], { sequence: world.sequence + 1 });
    const skippedFile = await fromGoDau([incoming('farmersAssociation', { ...commune, id: 'go-dau-nong-dan-2', kind: 'farmersAssociation', name: 'Hội Nông dân xã Phước Thạnh 1' })], { sequence: world.sequence });
    const gap = onStick(later);
    const dry = cli(['import', gap, '--dry-run'], 'en');
    expect(dry.code).toBe(3);
    expect(dry.stderr).toContain('--accept-out-of-order');
    const refused = cli(['import', gap, '--accept-late'], 'vi');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Tệp số');
    expect(refused.stderr).toContain('--accept-out-of-order');
    expect(cli(['import', gap, '--accept-late', '--accept-out-of-order'], 'en').code).toBe(0);
    // The number skipped arrives now: it is an earlier file that never came, not one received already.
    const skipped = onStick(skippedFile);
    const earlier = cli(['import', skipped, '--dry-run'], 'en');
    expect(earlier.code).toBe(3);
    expect(earlier.stdout).toContain('Dry run');
    const notImported = cli(['import', skipped, '--accept-late'], 'en');
    expect(notImported.stderr).toContain('is an earlier file from this sender that never arrived here');
    expect(notImported.stderr).not.toContain('already received');
    expect(notImported.stderr).toContain('--accept-out-of-order');
    world.sequence += 2;
  });
});

describe('5. revocation and identity', () => {
  it('a revoked office cannot come back with fresh keys through its setup file; a setup file enrols one installation; a second installation of a trusted office needs an explicit, recorded decision', async () => {
    const setupFile = join(world.usb, 'setup-go-dau.tdcs');
    const enrolAgain = async (name: string, setup: string): Promise<string> => {
      const fresh = await openInstallation('office', OFFICE_NAME);
      world.installations.push(fresh);
      await fresh.apply(setup, { fingerprintConfirmed: true });
      const path = join(world.usb, name);
      await fresh.call('exchange.export', { kind: 'enrolment', campaignYear: YEAR, to: path });
      return path;
    };
    // The same setup file, once more, by a new installation while Gò Dầu's is trusted: used already.
    await expectRefused(await enrolAgain('enrolment-second.tdcs', setupFile), 'exchange.setupUsed', { name: OFFICE_NAME });
    // Gò Dầu is revoked; a fresh installation through the same setup file is refused.
    const core = openCore({ dataDir: world.data });
    try {
      expect((await rawCall(core, 'exchange.revoke', { installationId: world.goDau.officeId, revoked: true }, null, true)).ok).toBe(true);
    } finally {
      core.close();
    }
    await expectRefused(await enrolAgain('enrolment-revoked.tdcs', setupFile), 'exchange.setupUsed', { name: OFFICE_NAME });
    // The branch restores Gò Dầu's key and writes it a new setup file; a new computer enrols with it.
    const restore = openCore({ dataDir: world.data });
    let newSetup: string;
    try {
      expect((await rawCall(restore, 'exchange.revoke', { installationId: world.goDau.officeId, revoked: false }, null, true)).ok).toBe(true);
      newSetup = join(world.usb, 'setup-go-dau-new.tdcs');
      expect((await rawCall(restore, 'exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId: world.goDau.officeUnit.id, to: newSetup }, null, true)).ok).toBe(true);
    } finally {
      restore.close();
    }
    const enrolment = await enrolAgain('enrolment-new-computer.tdcs', newSetup);
    const dry = cli(['import', enrolment, '--dry-run'], 'vi');
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain('Phòng giao dịch này đã có một bản cài đặt được tin cậy');
    expect(dry.stderr).toBe('tdcs: Chỉ nhập được tệp này khi chấp nhận rõ ràng: --fingerprint-confirmed --accept-new-installation (xem phía trên). Chưa ghi gì.\n');
    const refused = cli(['import', enrolment, '--fingerprint-confirmed'], 'en');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`“${OFFICE_NAME}” already has a trusted installation`);
    expect(refused.stderr).toContain('run the same command with --accept-new-installation');
    const accepted = cli(['import', enrolment, '--fingerprint-confirmed', '--accept-new-installation'], 'en');
    expect([accepted.code, accepted.stderr]).toEqual([0, '']);
    const after = openCore({ dataDir: world.data });
    try {
      const identity = await rawCall(after, 'exchange.identity', {}, null, true);
      const peers = (identity.ok ? (identity.value as { peers: { installationId: string; officeUnitId: string | null; status: string }[] }).peers : []).filter((peer) => peer.officeUnitId === world.goDau.officeUnit.id);
      expect(peers.map((peer) => [peer.installationId === world.goDau.officeId, peer.status]).sort()).toEqual([
        [false, 'trusted'],
        [true, 'revoked'],
      ]);
      const audit = after.db.prepare("SELECT change FROM audit_log WHERE action = 'exchange.installationReplaced'").all() as { change: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]?.change).toContain(world.goDau.officeId);
    } finally {
      after.close();
    }
  });
});

describe('6. nothing is left behind', () => {
  it('no backup for a dry run or a refused file (every refusal above left the data folder as it was); import backups follow the retention rule', async () => {
    const core = openCore({ dataDir: world.data });
    try {
      const listed = await rawCall(core, 'backup.list', {}, null, true);
      const files = listed.ok ? (listed.value as BackupFile[]) : [];
      expect(files.filter((file) => file.reason === 'import').length).toBeGreaterThan(0);
      expect(new Set(files.map((file) => file.name))).toEqual(backupsToKeep(files, { backupKeepLast: 10, backupKeepMonths: 12 }));
    } finally {
      core.close();
    }
  });
});
