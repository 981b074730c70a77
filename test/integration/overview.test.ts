import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accountSession } from '../support/accounts';
import { setUpCore } from '../support/core';
import { temporaryDataDir } from '../support/data-dir';
import { BRANCH_NAME, enrol, openInstallation, OFFICE_NAME, pdfBytes, readyDossier, YEAR, type Installation } from './exchange-support';

describe('the branch’s overview', () => {
  const open: { close: () => void }[] = [];
  afterEach(() => open.splice(0).forEach((installation) => installation.close()));

  it('counts what an office sent: received, late (accepted by the council), returned and so not received', async () => {
    const stick = temporaryDataDir('tdcs-overview-usb-');
    open.push({ close: stick.remove });
    const branch: Installation = await openInstallation('branch', BRANCH_NAME);
    const office: Installation = await openInstallation('office', OFFICE_NAME);
    open.push(branch, office);
    const { officeUnit, communes } = await enrol(branch, office, stick.dir);
    const before = await branch.call('overview.branch', { campaignYear: YEAR });
    expect(before.offices).toEqual([{ officeUnitId: officeUnit.id, name: OFFICE_NAME, expected: 0, received: 0, returned: 0, late: 0, missing: [], lastArrival: null }]);
    expect(before.arrivals).toEqual([]);

    const first = await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: communes[0]?.id ?? '' }, [{ fileName: 'bien-ban.pdf', bytes: pdfBytes('a') }]);
    await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: communes[1]?.id ?? '' }, [{ fileName: 'bien-ban.pdf', bytes: pdfBytes('b') }]);
    const file = join(stick.dir, 'nop-ho-so.tdcs');
    await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: file });
    // The 2025 deadline (10/01/2026) has passed: the secretary accepts the late file.
    await branch.apply(file, { acceptLate: true });
    await branch.call('exchange.returnDossier', { dossierId: first.dossier.id, reason: 'Thiếu biên bản họp bình xét; bổ sung rồi gửi lại.' });

    const after = await branch.call('overview.branch', { campaignYear: YEAR });
    const line = after.offices.find((entry) => entry.officeUnitId === officeUnit.id);
    expect(line).toMatchObject({ expected: 2, received: 1, returned: 1, late: 2 });
    expect(line?.missing).toEqual([{ dossierId: first.dossier.id, name: communes[0]?.name, nomineeKind: 'communePeoplesCommittee', status: 'returned' }]);
    expect(line?.lastArrival).not.toBeNull();
    expect(after.arrivals.reduce((sum, day) => sum + day.count, 0)).toBe(2);
    expect(after.deadline).toBe('2026-01-10');

    // Only the branch has this page; an office has its own.
    expect((await office.errorOf('overview.branch', { campaignYear: YEAR })).code).toBe('mode.branchOnly');
  });

  it('with the demo: every office on one line each, Vietnamese order, the province’s own units last; the sums agree with the list', async () => {
    const branch = await setUpCore({ demo: true, mode: 'branch' });
    open.push(branch);
    const year = (await branch.call('app.status', {})).currentCampaignYear;
    const overview = await branch.call('overview.branch', { campaignYear: year });
    const dossiers = await branch.call('dossiers.list', { campaignYear: year });
    const offices = overview.offices.filter((entry) => entry.officeUnitId !== null);
    expect(offices).toHaveLength(22);
    expect(overview.offices.at(-1)?.officeUnitId).toBeNull();
    const names = offices.map((entry) => entry.name);
    expect(names.indexOf('Phòng giao dịch NHCSXH Cần Giuộc')).toBeLessThan(names.indexOf('Phòng giao dịch NHCSXH Châu Thành'));
    expect(names.indexOf('Phòng giao dịch NHCSXH Đức Hòa')).toBeLessThan(names.indexOf('Phòng giao dịch NHCSXH Vĩnh Hưng'));
    expect(overview.offices.reduce((sum, entry) => sum + entry.expected, 0)).toBe(dossiers.length);
    expect(overview.offices.reduce((sum, entry) => sum + entry.received, 0)).toBe(dossiers.filter((dossier) => dossier.status === 'received').length);
    for (const entry of overview.offices) expect(entry.expected - entry.received).toBe(entry.missing.length);
    expect(offices.filter((entry) => entry.expected === 0)).toHaveLength(3);
    expect(overview.arrivals.map((arrival) => arrival.day)).toEqual([...overview.arrivals.map((arrival) => arrival.day)].sort());
    expect(overview.arrivals.reduce((sum, day) => sum + day.count, 0)).toBe(dossiers.filter((dossier) => dossier.receivedAt !== null).length);

    // A viewer reads it too.
    const viewer = await accountSession(branch.core, { username: 'nguoi.xem', fullName: 'Trần Thị Xem', password: 'nguoi-xem-2026', role: 'viewer' });
    const response = await branch.core.call({ call: 'overview.branch', input: { campaignYear: year }, session: viewer });
    expect(response.ok).toBe(true);
  });
});

describe('the office’s overview', () => {
  it('counts its dossiers by status and says what each draft still needs; what was sent needs nothing', async () => {
    const office = await setUpCore({ demo: true, mode: 'office' });
    try {
      const year = (await office.call('app.status', {})).currentCampaignYear;
      const overview = await office.call('overview.office', { campaignYear: year });
      const dossiers = await office.call('dossiers.list', { campaignYear: year });
      expect(Object.values(overview.statuses).reduce((sum, count) => sum + count, 0)).toBe(dossiers.length);
      expect(overview.statuses.draft).toBe(dossiers.filter((dossier) => dossier.status === 'draft').length);
      expect(overview.dossiers).toHaveLength(dossiers.length);
      // Returned dossiers first, then drafts.
      expect(overview.dossiers[0]?.status).toBe('returned');
      const incomplete = overview.dossiers.filter((entry) => entry.status === 'draft' && entry.needs.length > 0);
      expect(incomplete.length).toBeGreaterThan(5);
      expect(incomplete.every((entry) => entry.needs.every((item) => !item.ok && item.key.startsWith('checklist.')))).toBe(true);
      expect(overview.dossiers.filter((entry) => entry.status === 'exported' || entry.status === 'received').every((entry) => entry.needs.length === 0)).toBe(true);
    } finally {
      office.close();
    }
  });
});
