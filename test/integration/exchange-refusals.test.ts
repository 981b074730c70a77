// Hostile and broken exchange files, one test per refusal: each is refused by the dry run and by the import (even
// with every deliberate acceptance given) with its own error code, the message reads in Vietnamese and English, and
// the receiving installation is exactly as before — every table's rows and every file in its data directory.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINER_LIMITS, MANIFEST_ENTRY, SIGNATURE_ENTRY } from '../../electron/exchange/container';
import { loadOrCreateKeys, rawPublicKey, type InstallationKeys } from '../../electron/exchange/keys';
import { PAYLOAD_ENTRY } from '../../electron/exchange/package';
import type { SubmissionPayload } from '../../electron/exchange/payloads';
import { blobPath } from '../../electron/services/attachments';
import type { AppErrorShape, ErrorCode } from '../../shared/contract/errors';
import type { ImportDecision, Manifest } from '../../shared/domain/exchange';
import {
  BRANCH_NAME,
  enrol,
  entryName,
  expectRendered,
  manifestOf,
  OFFICE_NAME,
  openedPackage,
  openInstallation,
  packageBytes,
  pdfBytes,
  pngBytes,
  randomBytesFrom,
  randomSource,
  readBytes,
  readyDossier,
  readZip,
  repack,
  resign,
  stateOf,
  writeZip,
  YEAR,
  zipEntry,
  type Enrolled,
  type Installation,
  type ZipEntry,
} from './exchange-support';

const EVERY_ACCEPTANCE: ImportDecision = { acceptReplay: true, acceptLate: true, fingerprintConfirmed: true };

interface World extends Enrolled {
  usb: string;
  /** A valid submission from the office to the branch, not yet imported. */
  submission: Buffer;
  /** A valid setup from the branch, already imported by the office. */
  setup: Buffer;
  officeKeys: InstallationKeys;
  branchKeys: InstallationKeys;
  close: () => void;
}

async function makeWorld(): Promise<World> {
  const usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-'));
  const branch = await openInstallation('branch', BRANCH_NAME);
  const office = await openInstallation('office', OFFICE_NAME);
  const enrolled = await enrol(branch, office, usb, { communes: 2 });
  const [first, second] = enrolled.communes as [Enrolled['communes'][number], Enrolled['communes'][number]];
  await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: first.id }, [
    { fileName: 'Biên bản.pdf', bytes: pdfBytes('refusals-1') },
    { fileName: 'Ảnh.png', bytes: pngBytes(3) },
  ]);
  await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: second.id }, [{ fileName: 'Báo cáo.pdf', bytes: pdfBytes('refusals-2', 100) }]);
  const submissionPath = join(usb, 'submission.tdcs');
  await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: submissionPath });
  return {
    ...enrolled,
    usb,
    submission: readBytes(submissionPath),
    setup: readBytes(join(usb, 'setup-go-dau.tdcs')),
    officeKeys: loadOrCreateKeys(office.dataDir, null),
    branchKeys: loadOrCreateKeys(branch.dataDir, null),
    close: () => {
      branch.close();
      office.close();
      rmSync(usb, { recursive: true, force: true });
    },
  };
}

let fileCounter = 0;

function writePackage(world: World, bytes: Buffer): string {
  fileCounter += 1;
  const path = join(world.usb, `crafted-${fileCounter}.tdcs`);
  writeFileSync(path, bytes);
  return path;
}

/**
 * The file is refused by the dry run and by the import (with `decision`), both with `code` (one of them, when several
 * checks may rightly catch it first) and `params` when given; the message renders in both languages; the
 * installation's tables (row counts and a hash of every row) and files are exactly as before.
 */
async function expectRefused(
  installation: Installation,
  path: string,
  code: ErrorCode | ErrorCode[],
  options: { params?: Record<string, string | number>; decision?: ImportDecision; dryRunShows?: boolean; label?: string } = {},
): Promise<AppErrorShape> {
  const codes: string[] = Array.isArray(code) ? code : [code];
  const before = stateOf(installation.dataDir);
  const { dryRun, apply } = await installation.importError(path, options.decision ?? EVERY_ACCEPTANCE);
  // Replays and gaps are shown by the dry run (sequenceStatus) and refused only when applied without the acceptance.
  if (options.dryRunShows) expect(dryRun, options.label).toBeNull();
  else expect(codes, options.label).toContain(dryRun?.code);
  expect(codes, options.label).toContain(apply?.code);
  if (!options.dryRunShows) expect(apply?.code, options.label).toBe(dryRun?.code);
  if (options.params) expect(apply?.params).toEqual(options.params);
  expectRendered(apply as AppErrorShape);
  expect(stateOf(installation.dataDir), options.label).toEqual(before);
  return apply as AppErrorShape;
}

/** The submission's payload and attachments in clear, as the branch reads them. */
async function openedSubmission(world: World): Promise<{ manifest: Manifest; payload: SubmissionPayload; files: { path: string; data: Buffer }[] }> {
  return openedPackage<SubmissionPayload>(world.submission, world.branchKeys);
}

/** A properly signed submission made with the office's own keys (as a thief of its data directory could), with choices. */
async function forgedSubmission(world: World, choices: { sequence: number; campaignYear?: number; recipient?: Manifest['recipient']; encryptTo?: string }): Promise<Buffer> {
  const { manifest, payload, files } = await openedSubmission(world);
  return packageBytes(world.officeKeys, {
    kind: 'submission',
    sender: manifest.sender,
    recipient: choices.recipient ?? manifest.recipient,
    // '' asks for no encryption at all.
    encryptTo: choices.encryptTo === undefined ? rawAgreement(world.branchKeys) : choices.encryptTo || null,
    campaignYear: choices.campaignYear ?? YEAR,
    sequence: choices.sequence,
    createdAt: new Date().toISOString(),
    payload,
    files,
  });
}

function rawAgreement(keys: InstallationKeys): string {
  return rawPublicKey(keys.agreement.publicKey);
}

function rawSigning(keys: InstallationKeys): string {
  return rawPublicKey(keys.signing.publicKey);
}

function withEntry(bytes: Buffer, name: string, change: (entry: ZipEntry) => ZipEntry): Buffer {
  let found = false;
  const result = repack(bytes, (entries) =>
    entries.map((entry) => {
      if (entryName(entry) !== name) return entry;
      found = true;
      return change(entry);
    }),
  );
  expect(found, `entry ${name}`).toBe(true);
  return result;
}

function flipByte(data: Buffer, index: number): Buffer {
  const copy = Buffer.from(data);
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

/** Streams `bytes` zeros into a yazl entry (never holding them in memory) and returns the whole ZIP. */
function zipWithZeros(prefix: ZipEntry[], name: string, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const entry of prefix) zip.addBuffer(entry.data, entryName(entry), { compress: entry.method === 8 });
    const chunk = Buffer.alloc(1024 * 1024);
    let left = bytes;
    const zeros = new Readable({
      read() {
        if (left <= 0) {
          this.push(null);
          return;
        }
        const size = Math.min(left, chunk.length);
        left -= size;
        this.push(chunk.subarray(0, size));
      },
    });
    zip.addReadStream(zeros, name, { compress: true, compressionLevel: 1 });
    zip.end();
    const parts: Buffer[] = [];
    zip.outputStream.on('data', (part: Buffer) => parts.push(part));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(parts)));
  });
}

describe('exchange files that must be refused, with nothing written', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(() => world.close());

  it('the valid submission itself is accepted by the dry run (the baseline every refusal departs from)', async () => {
    const plan = await world.branch.dryRun(writePackage(world, world.submission));
    expect(plan).toMatchObject({ kind: 'submission', sequenceStatus: 'next', counts: { new: 2, rejected: 0 } });
  });

  it('an unknown sender: an office that imported its setup but whose enrolment the branch never received', async () => {
    const stranger = await openInstallation('office', 'Phòng giao dịch NHCSXH Bến Cầu');
    try {
      const unit = await world.branch.call('units.create', { name: 'Phòng giao dịch NHCSXH Bến Cầu', kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
      const commune = await world.branch.call('units.create', { name: 'UBND xã Long Thuận', kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Long Thuận', parentOfficeId: unit.id });
      const setup = join(world.usb, 'setup-ben-cau.tdcs');
      await world.branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId: unit.id, to: setup });
      await stranger.apply(setup, { fingerprintConfirmed: true });
      await readyDossier(stranger, { kind: 'communePeoplesCommittee', unitId: commune.id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes('ben-cau') }]);
      const submission = join(world.usb, 'submission-ben-cau.tdcs');
      await stranger.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: submission });
      const error = await expectRefused(world.branch, submission, 'exchange.unknownSender', { params: { name: 'Phòng giao dịch NHCSXH Bến Cầu' } });
      expect(expectRendered(error).vi).toContain('Phòng giao dịch NHCSXH Bến Cầu');
    } finally {
      stranger.close();
    }
  });

  it('an unknown sender: an enrolment from an office the branch never issued a setup to', async () => {
    const stranger = await openInstallation('office', 'Phòng giao dịch NHCSXH Trảng Bàng');
    try {
      // Signed with its own keys, for a unit the branch never issued a setup for.
      const keys = stranger.keys();
      const enrolment = await packageBytes(keys, {
        kind: 'enrolment',
        sender: { installationId: (await stranger.identity()).installationId, organisation: 'Phòng giao dịch NHCSXH Trảng Bàng', mode: 'office', officeUnitId: 'unit-never-issued', signingKey: rawSigning(keys), agreementKey: rawAgreement(keys) },
        recipient: { installationId: world.branchId, officeUnitId: null, name: BRANCH_NAME },
        encryptTo: null,
        campaignYear: YEAR,
        sequence: 1,
        createdAt: new Date().toISOString(),
        payload: { officeUnitId: 'unit-never-issued', organisation: 'Phòng giao dịch NHCSXH Trảng Bàng' },
        files: [],
      });
      await expectRefused(world.branch, writePackage(world, enrolment), 'exchange.unknownSender');
    } finally {
      stranger.close();
    }
  });

  it('a revoked sender: the branch revokes the office, whose files are then refused', async () => {
    await world.branch.call('exchange.revoke', { installationId: world.officeId, revoked: true });
    try {
      await expectRefused(world.branch, writePackage(world, world.submission), 'exchange.revokedSender', { params: { name: OFFICE_NAME } });
      await expectRefused(world.branch, join(world.usb, 'enrolment-go-dau.tdcs'), 'exchange.revokedSender');
    } finally {
      await world.branch.call('exchange.revoke', { installationId: world.officeId, revoked: false });
    }
    expect((await world.branch.dryRun(writePackage(world, world.submission))).sequenceStatus).toBe('next');
  });

  it('a wrong recipient: a properly signed submission made for another branch installation', async () => {
    const other = await openInstallation('branch', 'Chi nhánh NHCSXH tỉnh Long An');
    try {
      const otherIdentity = await other.identity();
      const forged = await forgedSubmission(world, { sequence: 2, recipient: { installationId: otherIdentity.installationId, officeUnitId: null, name: 'Chi nhánh NHCSXH tỉnh Long An' }, encryptTo: rawAgreement(other.keys()) });
      await expectRefused(world.branch, writePackage(world, forged), 'exchange.wrongRecipient', { params: { name: 'Chi nhánh NHCSXH tỉnh Long An' } });
      // And the same file re-addressed by editing its manifest: the signature no longer matches.
      const readdressed = withEntry(forged, MANIFEST_ENTRY, (entry) => ({ ...entry, data: Buffer.from(entry.data.toString('utf8').replace(otherIdentity.installationId, world.branchId), 'utf8') }));
      await expectRefused(world.branch, writePackage(world, readdressed), 'exchange.badSignature');
    } finally {
      other.close();
    }
  });

  it('a wrong recipient: a setup for another office unit at an office already set up', async () => {
    const unit = await world.branch.call('units.create', { name: 'Phòng giao dịch NHCSXH Tân Châu', kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
    const path = join(world.usb, 'setup-tan-chau.tdcs');
    await world.branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId: unit.id, to: path });
    await expectRefused(world.office, path, 'exchange.wrongRecipient', { params: { name: 'Phòng giao dịch NHCSXH Tân Châu' } });
  });

  it('a file of the wrong direction: the branch is handed its own setup', async () => {
    await expectRefused(world.branch, writePackage(world, world.setup), 'exchange.wrongMode');
  });

  it('a bad signature: one byte of manifest.sig flipped (container rebuilt, CRCs correct)', async () => {
    for (const index of [0, 31, 63]) {
      const tampered = withEntry(world.submission, SIGNATURE_ENTRY, (entry) => ({ ...entry, data: flipByte(entry.data, index) }));
      await expectRefused(world.branch, writePackage(world, tampered), 'exchange.badSignature');
    }
  });

  it('one byte of manifest.sig flipped in place (CRC left stale): damaged on the way, and refused as such', async () => {
    const entries = readZip(world.submission);
    const signature = entries.find((entry) => entryName(entry) === SIGNATURE_ENTRY) as ZipEntry;
    const at = world.submission.indexOf(signature.data);
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(world.submission);
    tampered[at + 10] = (tampered[at + 10] as number) ^ 0x80;
    await expectRefused(world.branch, writePackage(world, tampered), 'exchange.damaged');
  });

  it('a bad signature: the manifest signed again with another key, or the signature cut short or missing', async () => {
    const thief = await openInstallation('office', 'Kẻ mạo danh');
    try {
      const thiefKeys = thief.keys();
      // Signed by someone else over the very same manifest (which still names the office's key).
      await expectRefused(world.branch, writePackage(world, await resign(world.submission, thiefKeys, () => undefined)), 'exchange.badSignature');
      // The manifest made to name the thief's key and signed by it: the signature holds, but the office is on record with other keys.
      const renamed = await resign(world.submission, thiefKeys, (manifest) => {
        const sender = manifest.sender as Manifest['sender'];
        sender.signingKey = rawSigning(thiefKeys);
        sender.agreementKey = rawAgreement(thiefKeys);
      });
      await expectRefused(world.branch, writePackage(world, renamed), 'exchange.keyMismatch', { params: { name: OFFICE_NAME } });
    } finally {
      thief.close();
    }
    const short = withEntry(world.submission, SIGNATURE_ENTRY, (entry) => ({ ...entry, data: entry.data.subarray(0, 63) }));
    await expectRefused(world.branch, writePackage(world, short), 'exchange.badSignature');
    const empty = withEntry(world.submission, SIGNATURE_ENTRY, (entry) => ({ ...entry, data: Buffer.alloc(0) }));
    await expectRefused(world.branch, writePackage(world, empty), 'exchange.badSignature');
    const missing = repack(world.submission, (entries) => entries.filter((entry) => entryName(entry) !== SIGNATURE_ENTRY));
    await expectRefused(world.branch, writePackage(world, missing), 'exchange.missingEntry', { params: { path: SIGNATURE_ENTRY } });
  });

  it('a changed byte in the manifest: the signature no longer matches', async () => {
    const manifestText = readZip(world.submission).find((entry) => entryName(entry) === MANIFEST_ENTRY)?.data.toString('utf8') ?? '';
    const variants = [
      manifestText.replace('"sequence":2', '"sequence":3'),
      manifestText.replace('"campaignYear":2025', '"campaignYear":2026'),
      `${manifestText} `,
      manifestText.replace('{', '{ '),
    ];
    for (const text of variants) {
      expect(text).not.toBe(manifestText);
      const tampered = withEntry(world.submission, MANIFEST_ENTRY, (entry) => ({ ...entry, data: Buffer.from(text, 'utf8') }));
      await expectRefused(world.branch, writePackage(world, tampered), 'exchange.badSignature');
    }
    // A flipped bit anywhere in the manifest; it can also break the JSON (malformed) before the signature is looked at.
    for (const index of [5, 200, manifestText.length - 3]) {
      const tampered = withEntry(world.submission, MANIFEST_ENTRY, (entry) => ({ ...entry, data: flipByte(entry.data, index) }));
      await expectRefused(world.branch, writePackage(world, tampered), ['exchange.badSignature', 'exchange.malformed'], { label: `bit flipped at ${index}` });
    }
  });

  it('a changed byte in an entry: the payload, an attachment, an extra or a missing entry', async () => {
    const manifest = manifestOf(world.submission);
    const attachment = manifest.entries.find((entry) => entry.path.startsWith('attachments/'))?.path as string;
    for (const [path, index] of [
      [PAYLOAD_ENTRY, 0],
      [PAYLOAD_ENTRY, 40],
      [attachment, 12],
      [attachment, -1],
    ] as const) {
      const tampered = withEntry(world.submission, path, (entry) => ({ ...entry, data: flipByte(entry.data, index < 0 ? entry.data.length - 1 : index) }));
      await expectRefused(world.branch, writePackage(world, tampered), 'exchange.hashMismatch', { params: { path } });
    }
    // One byte more or less.
    const longer = withEntry(world.submission, attachment, (entry) => ({ ...entry, data: Buffer.concat([entry.data, Buffer.from([0])]) }));
    await expectRefused(world.branch, writePackage(world, longer), 'exchange.hashMismatch');
    // Swapped contents of two entries.
    const payloadData = readZip(world.submission).find((entry) => entryName(entry) === PAYLOAD_ENTRY)?.data as Buffer;
    const attachmentData = readZip(world.submission).find((entry) => entryName(entry) === attachment)?.data as Buffer;
    const swapped = repack(world.submission, (entries) =>
      entries.map((entry) => (entryName(entry) === PAYLOAD_ENTRY ? { ...entry, data: attachmentData } : entryName(entry) === attachment ? { ...entry, data: payloadData } : entry)),
    );
    await expectRefused(world.branch, writePackage(world, swapped), 'exchange.hashMismatch');
    // An entry the manifest does not list.
    const extra = repack(world.submission, (entries) => [...entries, zipEntry('attachments/extra', pdfBytes('extra'))]);
    await expectRefused(world.branch, writePackage(world, extra), 'exchange.hashMismatch', { params: { path: 'attachments/extra' } });
    // A listed entry left out.
    const without = repack(world.submission, (entries) => entries.filter((entry) => entryName(entry) !== attachment));
    await expectRefused(world.branch, writePackage(world, without), 'exchange.missingEntry', { params: { path: attachment } });
    // The unencrypted setup at the office: a changed byte of its payload.
    const setup = withEntry(world.setup, PAYLOAD_ENTRY, (entry) => ({ ...entry, data: Buffer.from(entry.data.toString('utf8').replace('"retired":false', '"retired":true'), 'utf8') }));
    await expectRefused(world.office, writePackage(world, setup), 'exchange.hashMismatch', { params: { path: PAYLOAD_ENTRY } });
  });

  it('a file for another campaign year, properly signed by the office', async () => {
    const forged = await resign(world.submission, world.officeKeys, (manifest) => {
      manifest.campaignYear = 2031;
    });
    await expectRefused(world.branch, writePackage(world, forged), 'exchange.otherCampaign', { params: { year: 2031 } });
  });

  it('an unsupported format version (and another format), properly signed', async () => {
    const newer = await resign(world.submission, world.officeKeys, (manifest) => {
      manifest.formatVersion = 2;
    });
    await expectRefused(world.branch, writePackage(world, newer), 'exchange.formatVersion', { params: { found: '2', supported: 1 } });
    const textual = await resign(world.submission, world.officeKeys, (manifest) => {
      manifest.formatVersion = '1';
    });
    await expectRefused(world.branch, writePackage(world, textual), 'exchange.formatVersion');
    const foreign = await resign(world.submission, world.officeKeys, (manifest) => {
      manifest.format = 'other-exchange';
    });
    await expectRefused(world.branch, writePackage(world, foreign), 'exchange.malformed');
    const unknownField = await resign(world.submission, world.officeKeys, (manifest) => {
      manifest.note = 'an extra member';
    });
    await expectRefused(world.branch, writePackage(world, unknownField), 'exchange.malformed');
  });

  it('unsafe entry names: .., absolute paths, backslashes, drive letters, empty parts, folders', async () => {
    const names = ['../payload.json', 'attachments/../../evil', '..', '/etc/passwd', '/attachments/x', 'attachments\\evil', '..\\..\\evil.exe', 'C:/Windows/evil', 'c:evil', 'attachments//x', './payload.json', 'attachments/', '.hidden', 'tên-có-dấu'];
    for (const name of names) {
      const crafted = repack(world.submission, (entries) => [...entries, zipEntry(name, Buffer.from('x'))]);
      await expectRefused(world.branch, writePackage(world, crafted), 'exchange.unsafePath', { label: name });
    }
    // A hostile name as the first entry, before the manifest, is refused just the same.
    const first = repack(world.submission, (entries) => [zipEntry('../../.bashrc', Buffer.from('evil')), ...entries]);
    const error = await expectRefused(world.branch, writePackage(world, first), 'exchange.unsafePath');
    expect(expectRendered(error).en).toContain('../../.bashrc');
  });

  it('a symbolic link entry (Unix mode 120777 in the external attributes)', async () => {
    const link: ZipEntry = { ...zipEntry('attachments/link', Buffer.from('/etc/passwd')), externalAttributes: (0o120777 << 16) >>> 0 };
    await expectRefused(world.branch, writePackage(world, repack(world.submission, (entries) => [...entries, link])), 'exchange.link', { params: { path: 'attachments/link' } });
    // A listed entry turned into a link.
    const manifest = manifestOf(world.submission);
    const listed = manifest.entries[1]?.path as string;
    const turned = withEntry(world.submission, listed, (entry) => ({ ...entry, externalAttributes: (0o120777 << 16) >>> 0 }));
    await expectRefused(world.branch, writePackage(world, turned), 'exchange.link');
  });

  it('duplicate entry names (the same payload twice, or a second manifest)', async () => {
    const entries = readZip(world.submission);
    const payload = entries.find((entry) => entryName(entry) === PAYLOAD_ENTRY) as ZipEntry;
    await expectRefused(world.branch, writePackage(world, writeZip([...entries, payload])), 'exchange.duplicateEntry', { params: { path: PAYLOAD_ENTRY } });
    const manifest = entries.find((entry) => entryName(entry) === MANIFEST_ENTRY) as ZipEntry;
    await expectRefused(world.branch, writePackage(world, writeZip([...entries, { ...manifest, data: Buffer.from('{}') }])), 'exchange.duplicateEntry', { params: { path: MANIFEST_ENTRY } });
  });

  it('a zip bomb: an entry of 300 MB of zeros, deflated', async () => {
    const bomb = await zipWithZeros(readZip(world.submission), 'attachments/bomb', 300 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expectRefused(world.branch, writePackage(world, bomb), 'exchange.tooLarge', { params: { maximum: CONTAINER_LIMITS.entryBytes } });
  });

  it('an excessive compression ratio, and sizes that lie', async () => {
    const dense = await zipWithZeros(readZip(world.submission), 'attachments/zeros', 8 * 1024 * 1024);
    await expectRefused(world.branch, writePackage(world, dense), 'exchange.ratio', { params: { path: 'attachments/zeros' } });
    // The headers claim 1 KB, the deflated stream inflates to 4 MB.
    // Inflating never goes beyond the declared size: the lie is named as one, not as a stick removed too early.
    // The payload keeps the size the manifest lists, but its deflated stream runs on to 4 MB.
    const liar = withEntry(world.submission, PAYLOAD_ENTRY, (entry) => ({ ...entry, method: 8, rawData: deflateRawSync(Buffer.alloc(4 * 1024 * 1024)), claimedSize: entry.data.length }));
    await expectRefused(world.branch, writePackage(world, liar), 'exchange.sizeMismatch', { params: { path: PAYLOAD_ENTRY } });
    // A stored entry whose headers claim a size other than its bytes.
    const short: ZipEntry = { ...zipEntry('attachments/short', pdfBytes('short')), claimedSize: 10 };
    await expectRefused(world.branch, writePackage(world, repack(world.submission, (entries) => [...entries, short])), 'exchange.sizeMismatch', { params: { path: 'attachments/short' } });
  });

  it('too many entries', async () => {
    const many = Array.from({ length: CONTAINER_LIMITS.entries + 1 }, (_unused, index) => zipEntry(`attachments/${index}`, Buffer.alloc(0)));
    await expectRefused(world.branch, writePackage(world, writeZip([...readZip(world.submission), ...many])), 'exchange.tooManyEntries');
  });

  it('a truncated file, cut at many points', async () => {
    const length = world.submission.length;
    for (const cut of [4, 10, 30, 31, 100, 1000, Math.floor(length / 3), Math.floor(length / 2), length - 1000, length - 100, length - 46, length - 22, length - 21, length - 1]) {
      await expectRefused(world.branch, writePackage(world, world.submission.subarray(0, cut)), 'exchange.truncated');
    }
    for (const cut of [0, 1, 3]) await expectRefused(world.branch, writePackage(world, world.submission.subarray(0, cut)), 'exchange.notZip');
  });

  it('a file that is not a ZIP: random bytes, a PDF, a PNG, text, an empty file; a ZIP that is no package', async () => {
    const random = randomSource(20_250_101);
    for (const bytes of [randomBytesFrom(random, 4096), randomBytesFrom(random, 3), pdfBytes('not-a-package'), pngBytes(1), Buffer.from('{"format":"tdcs-exchange"}'), Buffer.alloc(0)]) {
      await expectRefused(world.branch, writePackage(world, bytes), 'exchange.notZip');
    }
    const plainZip = writeZip([zipEntry('hello.txt', Buffer.from('xin chào'), 8)]);
    await expectRefused(world.branch, writePackage(world, plainZip), 'exchange.missingEntry', { params: { path: MANIFEST_ENTRY } });
    // No such file at all, or a folder where the file should be (named as a folder).
    for (const [path, expected] of [
      [join(world.usb, 'no-such-file.tdcs'), { code: 'exchange.notFound' }],
      [world.usb, { code: 'exchange.notAFile', params: { name: basename(world.usb) } }],
    ] as const) {
      const before = stateOf(world.branch.dataDir);
      expect(await world.branch.errorOf('exchange.dryRun', { source: { path } })).toEqual(expected);
      const error = await world.branch.errorOf('exchange.apply', { source: { path }, decision: EVERY_ACCEPTANCE });
      expect(error).toEqual(expected);
      expectRendered(error);
      expect(stateOf(world.branch.dataDir)).toEqual(before);
    }
  });

  it('an encrypted package for another recipient: properly signed and addressed here, sealed to another key', async () => {
    const other = await openInstallation('branch', 'Chi nhánh NHCSXH tỉnh Bình Phước');
    try {
      const forged = await forgedSubmission(world, { sequence: 2, encryptTo: rawAgreement(other.keys()) });
      await expectRefused(world.branch, writePackage(world, forged), 'exchange.decrypt');
    } finally {
      other.close();
    }
    // A submission that should be encrypted but is not.
    const clear = await forgedSubmission(world, { sequence: 2, encryptTo: '' });
    await expectRefused(world.branch, writePackage(world, clear), 'exchange.notEncrypted');
  });
});

describe('an import that fails while storing its evidence', () => {
  it('evidence whose content is not what its name says: refused at import, and the files stored before it are taken back', async () => {
    const world = await makeWorld();
    try {
      const { manifest, payload, files } = await openedSubmission(world);
      // Signed with the office's own keys: the last file carries other bytes under its name (its SHA-256).
      const last = files.at(-1);
      if (!last || files.length < 3) throw new Error('the world has three evidence files');
      const forged = await packageBytes(world.officeKeys, {
        kind: 'submission',
        sender: manifest.sender,
        recipient: manifest.recipient,
        encryptTo: rawAgreement(world.branchKeys),
        campaignYear: YEAR,
        sequence: 2,
        createdAt: new Date().toISOString(),
        payload,
        files: [...files.slice(0, -1), { path: last.path, data: pdfBytes('not-what-the-name-says') }],
      });
      const path = writePackage(world, forged);
      const before = stateOf(world.branch.dataDir);
      const backups = readdirSync(join(world.branch.dataDir, 'backups')).length;
      const outside = (state: ReturnType<typeof stateOf>) => ({ ...state, files: state.files.filter((file) => !file.startsWith('backups/')) });
      const error = await world.branch.errorOf('exchange.apply', { source: { path }, decision: EVERY_ACCEPTANCE });
      expect(error.code).toBe('exchange.hashMismatch');
      expectRendered(error);
      // No evidence file, no row, and no backup: the one made before the import went with it.
      expect(outside(stateOf(world.branch.dataDir))).toEqual(outside(before));
      expect(readdirSync(join(world.branch.dataDir, 'backups'))).toHaveLength(backups);
    } finally {
      world.close();
    }
  });
});

describe('two imports at once, one failing after storing its evidence', () => {
  it('the failed import takes back only its own files: one that the other import now points to stays', async () => {
    const usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-'));
    const branch = await openInstallation('branch', BRANCH_NAME);
    const first = await enrol(branch, await openInstallation('office', OFFICE_NAME), usb, { communes: 1, tag: 'go-dau' });
    const second = await enrol(branch, await openInstallation('office', 'Phòng giao dịch NHCSXH Trảng Bàng'), usb, { communes: 1, tag: 'trang-bang' });
    try {
      // The same circular, attached by both offices.
      const shared = pdfBytes('cong-van-chung', 50_000);
      for (const office of [first, second]) {
        await readyDossier(office.office, { kind: 'communePeoplesCommittee', unitId: office.communes[0]?.id ?? '' }, [{ fileName: 'Công văn.pdf', bytes: shared }]);
      }
      const honest = join(usb, 'first.tdcs');
      await first.office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: honest });
      const other = join(usb, 'second.tdcs');
      await second.office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: other });
      // The first office's file again, with many more evidence files after the shared one and a last one that is not what its name says.
      const branchKeys = branch.keys();
      const { manifest: honestManifest, payload, files } = await openedPackage<SubmissionPayload>(readBytes(honest), branchKeys);
      const dossier = payload.dossiers[0];
      if (!dossier) throw new Error('no dossier');
      const addFile = (data: Buffer, name: string, stored = data) => {
        const sha256 = createHash('sha256').update(data).digest('hex');
        dossier.attachments.push({ sha256, fileName: name, size: data.length, mimeType: 'application/pdf' });
        files.push({ path: `attachments/${sha256}`, data: stored });
      };
      for (let index = 0; index < 30; index += 1) addFile(pdfBytes(`extra-${index}`, 2_000_000), `Phụ lục ${index + 1}.pdf`);
      addFile(pdfBytes('real'), 'Sai.pdf', pdfBytes('not-what-the-name-says'));
      const failing = join(usb, 'failing.tdcs');
      writeFileSync(failing, await packageBytes(loadOrCreateKeys(first.office.dataDir, null), { ...honestManifest, encryptTo: rawAgreement(branchKeys), payload, files }));

      const sharedPath = blobPath(branch.dataDir, createHash('sha256').update(shared).digest('hex'));
      const failed = branch.errorOf('exchange.apply', { source: { path: failing }, decision: EVERY_ACCEPTANCE });
      // The second office's file is imported while the first is still storing its evidence, the shared file already written.
      while (!existsSync(sharedPath)) await new Promise((resolve) => setImmediate(resolve));
      expect((await branch.apply(other, EVERY_ACCEPTANCE)).counts.new).toBe(1);
      expect((await failed).code).toBe('exchange.hashMismatch');
      expect(existsSync(sharedPath)).toBe(true);
      const received = (await branch.call('dossiers.list', { campaignYear: YEAR })).find((entry) => entry.unitId === second.communes[0]?.id);
      const read = await branch.call('attachments.read', { dossierId: received?.id ?? '', sha256: createHash('sha256').update(shared).digest('hex') });
      expect(Buffer.from(read.content, 'base64').equals(shared)).toBe(true);
      expect((await branch.call('database.verify', {})).ok).toBe(true);
    } finally {
      for (const installation of [branch, first.office, second.office]) installation.close();
      rmSync(usb, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('an export that cannot be written', () => {
  it('to a folder that is not there (the stick pulled out): a clear message, no number used, nothing recorded', async () => {
    const world = await makeWorld();
    try {
      const before = stateOf(world.office.dataDir);
      const target = join(world.usb, 'removed-stick', 'enrolment.tdcs');
      const error = await world.office.errorOf('exchange.export', { kind: 'enrolment', campaignYear: YEAR, to: target });
      expect(error).toEqual({ code: 'exchange.writeFailed', params: { path: target } });
      expectRendered(error);
      expect(stateOf(world.office.dataDir)).toEqual(before);
      // The next export that succeeds takes the next number: none was used up by the failure.
      const written = await world.office.call('exchange.export', { kind: 'enrolment', campaignYear: YEAR, to: join(world.usb, 'enrolment-again.tdcs') });
      expect(written.sequence).toBe(3);
    } finally {
      world.close();
    }
  });
});

describe('sequence numbers: replays and gaps, refused until deliberately accepted', () => {
  it('a replayed sequence number (a properly signed file numbered like one already received)', async () => {
    const world = await makeWorld();
    try {
      // The enrolment was the office's number 1: a submission numbered 1 is a replay.
      const forged = writePackage(world, await forgedSubmission(world, { sequence: 1 }));
      expect((await world.branch.dryRun(forged)).sequenceStatus).toBe('replay');
      await expectRefused(world.branch, forged, 'exchange.replay', { params: { sequence: 1 }, decision: { acceptLate: true, fingerprintConfirmed: true }, dryRunShows: true });
      const applied = await world.branch.apply(forged, { acceptReplay: true, acceptLate: true });
      expect(applied.counts).toMatchObject({ new: 2 });
      expect((await world.branch.identity()).peers[0]?.lastSequence).toBe(1);
      // The office's real next file still goes in as the next one.
      const real = writePackage(world, world.submission);
      const plan = await world.branch.dryRun(real);
      expect(plan).toMatchObject({ sequenceStatus: 'next', counts: { unchanged: 2 } });
    } finally {
      world.close();
    }
  });

  it('an out-of-order sequence number (a gap: files 2 to 6 never arrived)', async () => {
    const world = await makeWorld();
    try {
      const forged = writePackage(world, await forgedSubmission(world, { sequence: 7 }));
      expect((await world.branch.dryRun(forged)).sequenceStatus).toBe('gap');
      await expectRefused(world.branch, forged, 'exchange.outOfOrder', { params: { sequence: 7 }, decision: { acceptLate: true, fingerprintConfirmed: true }, dryRunShows: true });
      const applied = await world.branch.apply(forged, { acceptReplay: true, acceptLate: true });
      expect(applied.counts).toMatchObject({ new: 2 });
      expect((await world.branch.identity()).peers[0]?.lastSequence).toBe(7);
      // Now the office's real file number 2 is older than what was accepted, yet it never arrived: skipped, not a replay.
      const real = writePackage(world, world.submission);
      expect((await world.branch.dryRun(real)).sequenceStatus).toBe('skipped');
      const skipped = await world.branch.errorOf('exchange.apply', { source: { path: real }, decision: { acceptLate: true } });
      expect(skipped).toEqual({ code: 'exchange.skipped', params: { sequence: 2 } });
      expect(expectRendered(skipped).en).not.toContain('already received');
      expect((await world.branch.apply(real, { acceptReplay: true, acceptLate: true })).counts).toMatchObject({ unchanged: 2 });
      // Once imported, the same file again is a replay.
      expect((await world.branch.dryRun(real)).sequenceStatus).toBe('replay');
    } finally {
      world.close();
    }
  });
});
