import { afterEach, describe, expect, it } from 'vitest';
import { accountSession } from '../support/accounts';
import { localIsoDate } from '../../shared/domain/deadline';
import { DEMO_YEAR, setUpCore } from '../support/core';
import { rawCall, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

const OFFICE = 'Phòng giao dịch NHCSXH Gò Dầu';

/**
 * The branch (no demo, one transaction-office unit) and an office with the demo data, set up with each other:
 * setup file imported at the office, enrolment file imported at the branch. Returns both and the office's submission.
 */
async function enrolledPair(open: Installation[], options: { late?: boolean } = {}) {
  const branch = await setUpCore({ mode: 'branch' });
  const office = await setUpCore({ mode: 'office', demo: true });
  open.push(branch, office);
  // The office's demo is the year in progress: the branch opens that year too.
  for (let year = 2025; year < DEMO_YEAR; year += 1) await branch.call('campaigns.startNext', { fromYear: year });
  // Its deadline is ahead; a test of late files moves it to yesterday.
  if (options.late) await branch.call('campaigns.update', { year: DEMO_YEAR, deadline: localIsoDate(new Date(Date.now() - 86_400_000)) });
  const unit = await branch.call('units.create', { name: OFFICE, kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
  const setup = await branch.call('exchange.export', { kind: 'setup', campaignYear: DEMO_YEAR, officeUnitId: unit.id });
  // The schemes of a setup are named in both languages in its dry run; units by their one name.
  const schemes = (await office.call('exchange.dryRun', { source: { path: setup.path } })).items.filter((item) => item.ref.includes('@'));
  expect(schemes.length).toBeGreaterThan(5);
  for (const item of schemes) expect(item.label).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
  await office.call('exchange.apply', { source: { path: setup.path }, decision: { fingerprintConfirmed: true } });
  const enrolment = await office.call('exchange.export', { kind: 'enrolment', campaignYear: DEMO_YEAR });
  await branch.call('exchange.apply', { source: { path: enrolment.path }, decision: { fingerprintConfirmed: true } });
  const submission = await office.call('exchange.export', { kind: 'submission', campaignYear: DEMO_YEAR });
  return { branch, office, officeUnitId: unit.id, submission };
}

describe('exchange between the branch and an office', () => {
  const open: Installation[] = [];
  afterEach(() => open.splice(0).forEach((installation) => installation.close()));

  it('imports a submission whose units, and their parent offices, the branch has never seen', async () => {
    const { branch, office, officeUnitId, submission } = await enrolledPair(open);
    // The office's demo units hang under the demo's own transaction offices, which the branch does not have.
    const parents = withDatabase(office.dataDir, (db) => db.prepare('SELECT DISTINCT parent_office_id AS id FROM units WHERE parent_office_id IS NOT NULL').all() as { id: string }[]);
    expect(parents.length).toBeGreaterThan(0);

    const plan = await branch.call('exchange.dryRun', { source: { path: submission.path } });
    expect(plan.counts.new).toBe(submission.items);
    const applied = await branch.call('exchange.apply', { source: { path: submission.path }, decision: { acceptLate: true } });
    expect(applied.counts.new).toBe(submission.items);
    const received = await branch.call('dossiers.list', { campaignYear: DEMO_YEAR });
    expect(received).toHaveLength(submission.items);
    expect(received.every((dossier) => dossier.status === 'received')).toBe(true);

    // Every unit that arrived has a parent the branch knows: its own when it came along, else the sending office.
    const orphans = withDatabase(branch.dataDir, (db) =>
      db.prepare('SELECT count(*) AS n FROM units u WHERE u.parent_office_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM units p WHERE p.id = u.parent_office_id)').get(),
    ) as { n: number };
    expect(orphans.n).toBe(0);
    const filed = withDatabase(branch.dataDir, (db) => db.prepare('SELECT count(*) AS n FROM units WHERE parent_office_id = ?').get(officeUnitId)) as { n: number };
    expect(filed.n).toBeGreaterThan(0);
  });

  it('lets only the council accept late dossiers: a clerk’s acceptance counts for nothing', async () => {
    const { branch, submission } = await enrolledPair(open, { late: true });
    const clerk = await accountSession(branch.core, { username: 'van.thu', fullName: 'Lê Thị Văn Thư', password: 'van-thu-2025', role: 'clerk' });

    const plan = await rawCall(branch.core, 'exchange.dryRun', { source: { path: submission.path } }, clerk);
    expect(plan.ok && (plan.value as { late: boolean }).late).toBe(true);
    const refused = await rawCall(branch.core, 'exchange.apply', { source: { path: submission.path }, decision: { acceptLate: true } }, clerk);
    expect(refused).toEqual({ ok: false, error: { code: 'exchange.late' } });
    expect(await branch.call('dossiers.list', { campaignYear: DEMO_YEAR })).toHaveLength(0);

    // The administrator (council) accepts them.
    const applied = await branch.call('exchange.apply', { source: { path: submission.path }, decision: { acceptLate: true } });
    expect(applied.counts.new).toBe(submission.items);
  });

  it('tells the office, through the receipt, which dossiers arrived and which are returned with the reason', async () => {
    const { branch, office, submission } = await enrolledPair(open);
    await branch.call('exchange.apply', { source: { path: submission.path }, decision: { acceptLate: true } });
    const [first] = await branch.call('dossiers.list', { campaignYear: DEMO_YEAR });
    if (!first) throw new Error('nothing was received');
    await branch.call('exchange.returnDossier', { dossierId: first.id, reason: 'Thiếu biên bản họp bình xét.' });
    const [peer] = (await branch.call('exchange.identity', {})).peers;
    const receipt = await branch.call('exchange.export', { kind: 'receipt', campaignYear: DEMO_YEAR, officeInstallationId: peer?.installationId });
    expect(receipt.items).toBe(submission.items);

    const plan = await office.call('exchange.dryRun', { source: { path: receipt.path } });
    expect(plan.sequenceStatus).toBe('next');
    expect(plan.items.find((item) => item.ref === first.id)?.reason).toEqual({ key: 'exchangeItem.returned', params: { reason: 'Thiếu biên bản họp bình xét.' } });
    await office.call('exchange.apply', { source: { path: receipt.path }, decision: {} });
    // (The demo's office has earlier answers of its own: only this file's dossiers are looked at.)
    const inFile = new Set((await branch.call('dossiers.list', { campaignYear: DEMO_YEAR })).map((dossier) => dossier.id));
    const sent = (await office.call('dossiers.list', { campaignYear: DEMO_YEAR })).filter((dossier) => inFile.has(dossier.id));
    expect(sent).toHaveLength(submission.items);
    const returned = sent.filter((dossier) => dossier.status === 'returned');
    expect(returned.map((dossier) => [dossier.id, dossier.returnReason])).toEqual([[first.id, 'Thiếu biên bản họp bình xét.']]);
    expect(sent.filter((dossier) => dossier.status === 'received')).toHaveLength(submission.items - 1);
  });
});
