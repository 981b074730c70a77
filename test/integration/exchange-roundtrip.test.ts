// The whole USB round trip between two installations, each with its own data directory:
// branch → office (setup), office → branch (enrolment, submission), branch → office (receipt, allocation, results),
// then revisions: an updated dossier, an older file afterwards (stale), the same revision with other content (conflicting).
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../shared/domain/exchange';
import {
  backupsOf,
  BRANCH_NAME,
  expectRendered,
  kindsOf,
  manifestOf,
  OFFICE_NAME,
  openInstallation,
  pdfBytes,
  pngBytes,
  readyDossier,
  stateOf,
  YEAR,
  type Installation,
  type InstallationState,
} from './exchange-support';
import { lockRoundQuickly } from '../support/council';
import { withDatabase } from './helpers';

type Counts = ImportPlan['counts'];

function createSha(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function counts(partial: Partial<Counts>): Counts {
  return { new: 0, updated: 0, unchanged: 0, stale: 0, conflicting: 0, rejected: 0, ...partial };
}

interface DossierRow {
  id: string;
  status: string;
  revision: number;
  exported_revision: number | null;
  origin_installation: string | null;
  return_reason: string | null;
  late: number;
  content: string;
}

function dossierRow(dataDir: string, id: string): DossierRow | undefined {
  return withDatabase(dataDir, (db) => db.prepare('SELECT id, status, revision, exported_revision, origin_installation, return_reason, late, content FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined);
}

function peerRow(dataDir: string, installationId: string): { status: string; last_sequence: number } | undefined {
  return withDatabase(dataDir, (db) => db.prepare('SELECT status, last_sequence FROM peers WHERE installation_id = ?').get(installationId) as { status: string; last_sequence: number } | undefined);
}

/**
 * Only the exchange log (one more row), the peer's bookkeeping and the audit log (the backup and the import, and its
 * head in the settings) moved; one more automatic backup; nothing else.
 */
function expectOnlyLogged(before: InstallationState, after: InstallationState): void {
  for (const [table, digest] of Object.entries(before.tables)) {
    if (table === 'exchanges' || table === 'peers' || table === 'audit_log' || table === 'settings') continue;
    expect(after.tables[table], `table ${table}`).toBe(digest);
  }
  expect(after.counts).toEqual({ ...before.counts, exchanges: (before.counts.exchanges ?? 0) + 1, audit_log: (before.counts.audit_log ?? 0) + 2 });
  const newFiles = after.files.filter((file) => !before.files.includes(file));
  expect(newFiles).toHaveLength(1);
  expect(newFiles[0]).toMatch(/^backups\/tdcs-import-.*\.sqlite \d+$/);
  expect(before.files.filter((file) => !after.files.includes(file))).toEqual([]);
}

/** The newest automatic backup is a sound SQLite database holding the state from before the import. */
function expectBackupOf(installation: Installation, expectedDossiers: number, backupsBefore: string[]): void {
  const backups = backupsOf(installation.dataDir);
  expect(backups, JSON.stringify(backups)).toHaveLength(backupsBefore.length + 1);
  const added = backups.find((name) => !backupsBefore.includes(name));
  expect(added).toMatch(/^tdcs-import-.*\.sqlite$/);
  const db = new Database(join(installation.dataDir, 'backups', added as string), { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(expectedDossiers);
  } finally {
    db.close();
  }
}

/** Re-importing a file: refused as a replay; accepted deliberately, every record unchanged and nothing but the log written. */
async function expectReplayChangesNothing(installation: Installation, file: string, expected: Counts, extra: { acceptLate?: boolean } = {}): Promise<void> {
  const dry = await installation.dryRun(file);
  expect(dry.sequenceStatus).toBe('replay');
  expect(dry.counts).toEqual(expected);
  const before = stateOf(installation.dataDir);
  const refused = await installation.errorOf('exchange.apply', { source: { path: file }, decision: { ...extra } });
  expect(refused.code).toBe('exchange.replay');
  expect(refused.params).toEqual({ sequence: dry.sequence });
  expectRendered(refused);
  expect(stateOf(installation.dataDir)).toEqual(before);
  const applied = await installation.apply(file, { acceptReplay: true, ...extra });
  expect(applied.counts).toEqual(expected);
  expectOnlyLogged(before, stateOf(installation.dataDir));
}

describe('USB exchange round trip, office ⇄ branch', () => {
  const usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-'));
  const opened: Installation[] = [];
  afterAll(() => {
    for (const installation of opened) installation.close();
    rmSync(usb, { recursive: true, force: true });
  });

  it('setup, enrolment, submission with evidence, receipt with a returned dossier, allocation, results; then updated, stale and conflicting revisions', async () => {
    // A clock after the 2025 deadline (submissions are late and must be accepted as such), one second per reading.
    const clock = (start: string) => {
      let tick = 0;
      return () => new Date(Date.parse(start) + (tick += 1) * 1000).toISOString();
    };
    const branch = await openInstallation('branch', BRANCH_NAME, { now: clock('2026-01-15T08:00:00.000Z') });
    const office = await openInstallation('office', OFFICE_NAME, { now: clock('2026-01-15T09:00:00.000Z') });
    opened.push(branch, office);
    const branchIdentity = await branch.identity();
    const officeIdentity = await office.identity();
    expect(branchIdentity.fingerprint).toMatch(/^([A-HJ-NP-Z2-9]{4}-){4}[A-HJ-NP-Z2-9]{4}$/);
    expect(officeIdentity.fingerprint).not.toBe(branchIdentity.fingerprint);

    // ── setup: branch → office ─────────────────────────────────────────────────────────────────────────────
    const officeUnit = await branch.call('units.create', { name: OFFICE_NAME, kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
    const communes = [];
    for (const name of ['UBND xã Phước Thạnh', 'UBND xã Thạnh Đức', 'UBND xã Hiệp Thạnh']) {
      communes.push(await branch.call('units.create', { name, kind: 'communePeoplesCommittee', level: 'commune', commune: name.replace('UBND ', ''), parentOfficeId: officeUnit.id }));
    }
    const union = await branch.call('units.create', { name: 'Hội Phụ nữ xã Phước Thạnh', kind: 'womensUnion', level: 'commune', commune: 'xã Phước Thạnh', parentOfficeId: officeUnit.id });
    const branchUnits = await branch.call('units.list', { includeRetired: true });
    const branchSchemes = (await branch.call('campaigns.get', { year: YEAR })).schemes;

    const setupFile = join(usb, 'setup.tdcs');
    const setupExport = await branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId: officeUnit.id, to: setupFile });
    expect(setupExport).toMatchObject({ path: setupFile, fileName: 'setup.tdcs', sequence: 1, items: branchUnits.length });
    expect(setupExport.bytes).toBe(readFileSync(setupFile).length);
    const setupManifest = manifestOf(readFileSync(setupFile));
    expect(setupManifest).toMatchObject({ kind: 'setup', sequence: 1, campaignYear: YEAR, encryption: null, recipient: { installationId: null, officeUnitId: officeUnit.id } });
    expect(setupManifest.sender).toMatchObject({ installationId: branchIdentity.installationId, mode: 'branch' });

    const setupPlan = await office.dryRun(setupFile);
    expect(setupPlan).toMatchObject({ kind: 'setup', sequence: 1, sequenceStatus: 'first', needsFingerprintCheck: true, late: false, campaignYear: YEAR });
    expect(setupPlan.sender).toEqual({ organisation: BRANCH_NAME, mode: 'branch', fingerprint: branchIdentity.fingerprint, known: false });
    // Every unit is new at the office; its default schemes are the branch's.
    expect(setupPlan.counts).toEqual(counts({ new: branchUnits.length, unchanged: branchSchemes.length }));

    let before = stateOf(office.dataDir);
    const unconfirmed = await office.errorOf('exchange.apply', { source: { path: setupFile }, decision: {} });
    expect(unconfirmed).toEqual({ code: 'exchange.fingerprintUnconfirmed', params: { name: BRANCH_NAME } });
    expectRendered(unconfirmed);
    expect(stateOf(office.dataDir)).toEqual(before);

    let backups = backupsOf(office.dataDir);
    const setupApplied = await office.apply(setupFile, { fingerprintConfirmed: true });
    expect(setupApplied.counts).toEqual(setupPlan.counts);
    expectBackupOf(office, 0, backups);
    expect((await office.call('units.list', { includeRetired: true })).map((unit) => unit.id).sort()).toEqual(branchUnits.map((unit) => unit.id).sort());
    const officeSide = await office.identity();
    expect(officeSide.officeUnitId).toBe(officeUnit.id);
    expect(officeSide.peers).toEqual([
      { installationId: branchIdentity.installationId, organisation: BRANCH_NAME, mode: 'branch', officeUnitId: null, fingerprint: branchIdentity.fingerprint, status: 'trusted', lastSequence: 1 },
    ]);
    await expectReplayChangesNothing(office, setupFile, counts({ unchanged: setupPlan.items.length }));

    // ── enrolment: office → branch ─────────────────────────────────────────────────────────────────────────
    const enrolmentFile = join(usb, 'enrolment.tdcs');
    const enrolmentExport = await office.call('exchange.export', { kind: 'enrolment', campaignYear: YEAR, to: enrolmentFile });
    expect(enrolmentExport).toMatchObject({ sequence: 1, items: 1 });
    const enrolmentPlan = await branch.dryRun(enrolmentFile);
    expect(enrolmentPlan).toMatchObject({ kind: 'enrolment', sequence: 1, sequenceStatus: 'first', needsFingerprintCheck: true, counts: counts({ new: 1 }) });
    expect(enrolmentPlan.sender).toEqual({ organisation: OFFICE_NAME, mode: 'office', fingerprint: officeIdentity.fingerprint, known: false });
    expect((await branch.errorOf('exchange.apply', { source: { path: enrolmentFile }, decision: {} })).code).toBe('exchange.fingerprintUnconfirmed');
    backups = backupsOf(branch.dataDir);
    await branch.apply(enrolmentFile, { fingerprintConfirmed: true });
    expectBackupOf(branch, 0, backups);
    expect((await branch.identity()).peers).toEqual([
      { installationId: officeIdentity.installationId, organisation: OFFICE_NAME, mode: 'office', officeUnitId: officeUnit.id, fingerprint: officeIdentity.fingerprint, status: 'trusted', lastSequence: 1 },
    ]);
    // An enrolment is informational: its one item always reads 'new' (the keys to trust), and applying it again writes nothing but the log.
    await expectReplayChangesNothing(branch, enrolmentFile, counts({ new: 1 }));

    // ── the office's work: collective and individual dossiers with real evidence ────────────────────────────
    const [commune1, commune2, commune3] = communes as [(typeof communes)[number], (typeof communes)[number], (typeof communes)[number]];
    const evidence = {
      minutes: { fileName: 'Biên bản họp xét.pdf', bytes: pdfBytes('hop-xet-phuoc-thanh') },
      photo: { fileName: 'ảnh-tổ-TK&VV.png', bytes: pngBytes(7, 12) },
      report: { fileName: 'Báo cáo thành tích.pdf', bytes: pdfBytes('bao-cao-thanh-duc', 300) },
      officerPhoto: { fileName: 'chân dung.png', bytes: pngBytes(42, 6) },
    };
    const person = await office.call('people.create', { fullName: 'Trần Thị Ánh Nguyệt', birthYear: 1984, gender: 'female', position: 'Tổ trưởng Tổ TK&VV ấp Phước Đức', unitId: union.id });
    const d1 = await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: commune1.id }, [evidence.minutes, evidence.photo]);
    const d2 = await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: commune2.id }, [evidence.report, evidence.minutes]);
    const d3 = await readyDossier(office, { kind: 'groupHead', unitId: union.id, personId: person.id }, [evidence.officerPhoto]);
    // A draft stays at the office.
    const campaign = await office.call('campaigns.get', { year: YEAR });
    const draft = await office.call('dossiers.save', {
      campaignYear: YEAR,
      nomineeKind: 'communePeoplesCommittee',
      unitId: commune3.id,
      content: { indicators: {}, selfScores: {}, report: '', discipline: 'none', womenShare: null },
    });
    expect(campaign.schemes.length).toBeGreaterThan(0);
    for (const detail of [d1, d2, d3]) expect(detail.dossier.status).toBe('ready');

    // ── submission: office → branch ────────────────────────────────────────────────────────────────────────
    const submissionFile = join(usb, 'submission-1.tdcs');
    const submissionExport = await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: submissionFile });
    expect(submissionExport).toMatchObject({ sequence: 2, items: 3 });
    const submissionManifest = manifestOf(readFileSync(submissionFile));
    expect(submissionManifest.encryption?.scheme).toBe('x25519-hkdf-sha256-aes256gcm');
    expect(submissionManifest.recipient).toEqual({ installationId: branchIdentity.installationId, officeUnitId: null, name: BRANCH_NAME });
    // payload.json and each distinct attachment once (the minutes are shared by two dossiers).
    expect(submissionManifest.entries.map((entry) => entry.path).sort()).toEqual(
      ['payload.json', ...new Set(Object.values(evidence).map((file) => `attachments/${createSha(file.bytes)}`))].sort(),
    );
    expect(submissionManifest.entries.every((entry) => entry.encrypted)).toBe(true);
    for (const detail of [d1, d2, d3]) expect(dossierRow(office.dataDir, detail.dossier.id)).toMatchObject({ status: 'exported', exported_revision: 1, revision: 1 });
    expect(dossierRow(office.dataDir, draft.dossier.id)?.status).toBe('draft');
    expect(await office.errorOf('exchange.export', { kind: 'submission', campaignYear: YEAR, to: join(usb, 'nothing.tdcs') })).toEqual({ code: 'exchange.nothingToSend' });

    const submissionPlan = await branch.dryRun(submissionFile);
    expect(submissionPlan).toMatchObject({ kind: 'submission', sequence: 2, sequenceStatus: 'next', needsFingerprintCheck: false, late: true });
    expect(submissionPlan.sender.known).toBe(true);
    expect(submissionPlan.counts).toEqual(counts({ new: 3 }));
    expect(submissionPlan.items.map((item) => item.ref).sort()).toEqual([d1.dossier.id, d2.dossier.id, d3.dossier.id].sort());
    expect(submissionPlan.items.find((item) => item.ref === d3.dossier.id)).toMatchObject({ label: 'Trần Thị Ánh Nguyệt', revision: 1, category: 'new', reason: { key: 'exchangeItem.late' } });

    before = stateOf(branch.dataDir);
    const late = await branch.errorOf('exchange.apply', { source: { path: submissionFile }, decision: {} });
    expect(late.code).toBe('exchange.late');
    expectRendered(late);
    expect(stateOf(branch.dataDir)).toEqual(before);

    backups = backupsOf(branch.dataDir);
    const submissionApplied = await branch.apply(submissionFile, { acceptLate: true });
    expect(submissionApplied.counts).toEqual(counts({ new: 3 }));
    expectBackupOf(branch, 0, backups);
    for (const detail of [d1, d2, d3]) {
      expect(dossierRow(branch.dataDir, detail.dossier.id)).toMatchObject({ status: 'received', revision: 1, origin_installation: officeIdentity.installationId, late: 1, return_reason: null });
      const atBranch = await branch.call('dossiers.get', { id: detail.dossier.id });
      expect(atBranch.dossier.content).toEqual(detail.dossier.content);
      expect(atBranch.dossier.selfTotal).toBe(detail.dossier.selfTotal);
      const described = (list: typeof detail.attachments) => list.map(({ sha256, fileName, size, mimeType }) => ({ sha256, fileName, size, mimeType })).sort((a, b) => a.sha256.localeCompare(b.sha256));
      expect(described(atBranch.attachments)).toEqual(described(detail.attachments));
      for (const attachment of detail.attachments) {
        const read = await branch.call('attachments.read', { dossierId: detail.dossier.id, sha256: attachment.sha256 });
        const original = Object.values(evidence).find((file) => createSha(file.bytes) === attachment.sha256);
        expect(Buffer.from(read.content, 'base64').equals(original?.bytes ?? Buffer.alloc(0))).toBe(true);
        expect(read.fileName).toBe(attachment.fileName);
      }
    }
    expect((await branch.call('people.list', {})).map((entry) => entry.fullName)).toEqual(['Trần Thị Ánh Nguyệt']);
    expect(dossierRow(branch.dataDir, draft.dossier.id)).toBeUndefined();
    expect(peerRow(branch.dataDir, officeIdentity.installationId)).toEqual({ status: 'trusted', last_sequence: 2 });
    expect((await branch.call('database.verify', {})).ok).toBe(true);
    await expectReplayChangesNothing(branch, submissionFile, counts({ unchanged: 3 }), { acceptLate: true });

    // ── receipt: branch → office, one dossier returned with a reason ───────────────────────────────────────
    const reason = 'Thiếu biên bản họp xét của xã, đề nghị bổ sung.';
    await branch.call('exchange.returnDossier', { dossierId: d2.dossier.id, reason });
    expect(dossierRow(branch.dataDir, d2.dossier.id)).toMatchObject({ status: 'returned', return_reason: reason });
    const receiptFile = join(usb, 'receipt.tdcs');
    const receiptExport = await branch.call('exchange.export', { kind: 'receipt', campaignYear: YEAR, officeInstallationId: officeIdentity.installationId, to: receiptFile });
    expect(receiptExport).toMatchObject({ sequence: 2, items: 3 });
    expect(manifestOf(readFileSync(receiptFile)).encryption).not.toBeNull();
    const receiptPlan = await office.dryRun(receiptFile);
    expect(receiptPlan).toMatchObject({ kind: 'receipt', sequence: 2, sequenceStatus: 'next', needsFingerprintCheck: false, late: false, counts: counts({ updated: 3 }) });
    expect(receiptPlan.items.find((item) => item.ref === d2.dossier.id)?.reason).toEqual({ key: 'exchangeItem.returned', params: { reason } });
    expect(receiptPlan.items.find((item) => item.ref === d1.dossier.id)?.reason).toEqual({ key: 'exchangeItem.received', params: {} });
    backups = backupsOf(office.dataDir);
    await office.apply(receiptFile);
    expectBackupOf(office, 4, backups);
    expect(dossierRow(office.dataDir, d1.dossier.id)).toMatchObject({ status: 'received', return_reason: null });
    expect(dossierRow(office.dataDir, d3.dossier.id)).toMatchObject({ status: 'received', return_reason: null });
    expect(dossierRow(office.dataDir, d2.dossier.id)).toMatchObject({ status: 'returned', return_reason: reason });
    expect((await office.call('dossiers.get', { id: d2.dossier.id })).dossier.returnReason).toBe(reason);
    await expectReplayChangesNothing(office, receiptFile, counts({ unchanged: 3 }));

    // ── allocation and results: branch → office, informational ─────────────────────────────────────────────
    const allocationFile = join(usb, 'allocation.tdcs');
    // The offices get their quota once the council has locked round 1, and the results once both rounds are locked.
    const allocationRequest = { kind: 'allocation', campaignYear: YEAR, officeInstallationId: officeIdentity.installationId, to: allocationFile } as const;
    expect((await branch.errorOf('exchange.export', allocationRequest)).code).toBe('exchange.allocationNotFinal');
    await lockRoundQuickly(branch.core, YEAR, 1, { officialTotal: 'self' });
    const allocation = await branch.call('allocation.get', { campaignYear: YEAR });
    const allocationExport = await branch.call('exchange.export', { kind: 'allocation', campaignYear: YEAR, officeInstallationId: officeIdentity.installationId, to: allocationFile });
    expect(allocationExport).toMatchObject({ sequence: 3, items: allocation.allocation.lines.length });
    const allocationPlan = await office.dryRun(allocationFile);
    expect(allocationPlan).toMatchObject({ kind: 'allocation', sequence: 3, sequenceStatus: 'next', counts: counts({ new: allocation.allocation.lines.length }) });
    expect(allocationPlan.items.map((item) => item.reason?.key)).toEqual(allocation.allocation.lines.map(() => 'exchangeItem.seats'));
    expect(allocationPlan.items.map((item) => item.reason?.params.seats)).toEqual(allocation.allocation.lines.map((line) => line.seats));
    before = stateOf(office.dataDir);
    await office.apply(allocationFile);
    expectOnlyLogged(before, stateOf(office.dataDir));

    const resultsFile = join(usb, 'results.tdcs');
    const resultsRequest = { kind: 'results', campaignYear: YEAR, officeInstallationId: officeIdentity.installationId, to: resultsFile } as const;
    expect((await branch.errorOf('exchange.export', resultsRequest)).code).toBe('exchange.resultsNotFinal');
    await lockRoundQuickly(branch.core, YEAR, 2);
    const collectiveRanking = await branch.call('ranking.get', { campaignYear: YEAR, group: 'collective' });
    const individualRanking = await branch.call('ranking.get', { campaignYear: YEAR, group: 'individual' });
    const selected = collectiveRanking.selection.selected.length + individualRanking.selection.selected.length;
    const resultsExport = await branch.call('exchange.export', { kind: 'results', campaignYear: YEAR, officeInstallationId: officeIdentity.installationId, to: resultsFile });
    expect(resultsExport).toMatchObject({ sequence: 4, items: collectiveRanking.rows.length + individualRanking.rows.length });
    const resultsPlan = await office.dryRun(resultsFile);
    expect(resultsPlan).toMatchObject({ kind: 'results', sequence: 4, sequenceStatus: 'next', counts: counts({ new: selected }) });
    before = stateOf(office.dataDir);
    await office.apply(resultsFile);
    expectOnlyLogged(before, stateOf(office.dataDir));
    expect(peerRow(office.dataDir, branchIdentity.installationId)).toEqual({ status: 'trusted', last_sequence: 4 });
    // The council reopens its rounds (the chair's or an administrator's decision, with a reason) for what follows.
    await branch.call('rounds.reopen', { campaignYear: YEAR, round: 2, reason: 'Phòng giao dịch gửi lại hồ sơ đã sửa.' });
    await branch.call('rounds.reopen', { campaignYear: YEAR, round: 1, reason: 'Phòng giao dịch gửi lại hồ sơ đã sửa.' });

    // ── revision 2: the office edits a received dossier and sends it again ─────────────────────────────────
    const edited = await office.call('dossiers.save', { id: d1.dossier.id, campaignYear: YEAR, nomineeKind: 'communePeoplesCommittee', unitId: commune1.id, content: { ...d1.dossier.content, womenShare: 51 } });
    expect(edited.revisionStarted).toBe(true);
    expect(edited.dossier).toMatchObject({ revision: 2, status: 'draft' });
    await office.call('dossiers.setStatus', { id: d1.dossier.id, status: 'ready' });
    const secondFile = join(usb, 'submission-2.tdcs');
    const secondExport = await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: secondFile });
    expect(secondExport).toMatchObject({ sequence: 3, items: 1 });
    expect(dossierRow(office.dataDir, d1.dossier.id)).toMatchObject({ status: 'exported', revision: 2, exported_revision: 2 });
    const secondPlan = await branch.dryRun(secondFile);
    expect(secondPlan).toMatchObject({ sequence: 3, sequenceStatus: 'next', counts: counts({ updated: 1 }) });
    expect(secondPlan.items).toEqual([{ ref: d1.dossier.id, label: commune1.name, revision: 2, category: 'updated', reason: { key: 'exchangeItem.late', params: {} } }]);
    backups = backupsOf(branch.dataDir);
    await branch.apply(secondFile, { acceptLate: true });
    expectBackupOf(branch, 3, backups);
    expect(dossierRow(branch.dataDir, d1.dossier.id)).toMatchObject({ status: 'received', revision: 2 });
    expect((await branch.call('dossiers.get', { id: d1.dossier.id })).dossier.content.womenShare).toBe(51);

    // ── the older file afterwards: revision 1 of d1 is stale, the others unchanged; nothing moves ──────────
    const olderPlan = await branch.dryRun(submissionFile);
    expect(olderPlan.sequenceStatus).toBe('replay');
    expect(olderPlan.counts).toEqual(counts({ stale: 1, unchanged: 2 }));
    expect(olderPlan.items.find((item) => item.ref === d1.dossier.id)).toMatchObject({ category: 'stale', reason: { key: 'exchangeItem.stale', params: { have: 2 } } });
    before = stateOf(branch.dataDir);
    expect((await branch.errorOf('exchange.apply', { source: { path: submissionFile }, decision: { acceptLate: true } })).code).toBe('exchange.replay');
    expect(stateOf(branch.dataDir)).toEqual(before);
    const olderApplied = await branch.apply(submissionFile, { acceptReplay: true, acceptLate: true });
    expect(olderApplied.counts).toEqual(counts({ stale: 1, unchanged: 2 }));
    expectOnlyLogged(before, stateOf(branch.dataDir));
    expect(dossierRow(branch.dataDir, d1.dossier.id)).toMatchObject({ revision: 2, status: 'received' });

    // ── the same revision with other content (a copy of the office's database edited elsewhere): conflicting ──
    const d3Content = (await office.call('dossiers.get', { id: d3.dossier.id })).dossier.content;
    withDatabase(office.dataDir, (db) => db.prepare('UPDATE dossiers SET content = ? WHERE id = ?').run(JSON.stringify({ ...d3Content, report: `${d3Content.report}\nBổ sung sau khi gửi.` }), d3.dossier.id), { readonly: false });
    const conflictFile = join(usb, 'submission-3.tdcs');
    const conflictExport = await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, dossierIds: [d3.dossier.id], to: conflictFile });
    expect(conflictExport).toMatchObject({ sequence: 4, items: 1 });
    const conflictPlan = await branch.dryRun(conflictFile);
    expect(conflictPlan).toMatchObject({ sequence: 4, sequenceStatus: 'next', counts: counts({ conflicting: 1 }) });
    expect(conflictPlan.items[0]).toMatchObject({ ref: d3.dossier.id, revision: 1, category: 'conflicting', reason: { key: 'exchangeItem.conflict', params: { revision: 1 } } });
    before = stateOf(branch.dataDir);
    const conflictApplied = await branch.apply(conflictFile);
    expect(conflictApplied.counts).toEqual(counts({ conflicting: 1 }));
    expectOnlyLogged(before, stateOf(branch.dataDir));
    expect((await branch.call('dossiers.get', { id: d3.dossier.id })).dossier.content).toEqual(d3Content);
    expect(peerRow(branch.dataDir, officeIdentity.installationId)).toEqual({ status: 'trusted', last_sequence: 4 });

    // ── both logs tell the same story, newest first ────────────────────────────────────────────────────────
    expect(kindsOf(await branch.call('exchange.history', {}))).toEqual([
      'in submission #4',
      'in submission #2',
      'in submission #3',
      'out results #4',
      'out allocation #3',
      'out receipt #2',
      'in submission #2',
      'in submission #2',
      'in enrolment #1',
      'in enrolment #1',
      'out setup #1',
    ]);
    expect(kindsOf(await office.call('exchange.history', {}))).toEqual([
      'out submission #4',
      'out submission #3',
      'in results #4',
      'in allocation #3',
      'in receipt #2',
      'in receipt #2',
      'out submission #2',
      'out enrolment #1',
      'in setup #1',
      'in setup #1',
    ]);
    const branchLog = await branch.call('exchange.history', {});
    expect(branchLog.find((record) => record.kind === 'receipt')).toMatchObject({ peer: OFFICE_NAME, fileName: 'receipt.tdcs', summary: { items: 3 } });
    expect(branchLog.filter((record) => record.kind === 'submission').at(-1)).toMatchObject({ peer: OFFICE_NAME, fileName: 'submission-1.tdcs', summary: counts({ new: 3 }) });
    expect((await branch.call('database.verify', {})).ok).toBe(true);
    expect((await office.call('database.verify', {})).ok).toBe(true);
  });
});
