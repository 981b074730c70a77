import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../shared/contract/calls';
import { accountSession } from '../support/accounts';
import { BRANCH_NAME, enrol, OFFICE_NAME, openInstallation, pdfBytes, readyDossier, YEAR, type Enrolled } from './exchange-support';
import { rawCall } from './helpers';

/**
 * At the branch, a dossier received from an office is the office's record. The branch returns it with a reason or
 * records a council adjustment beside it; nothing silently replaces what the office sent.
 */
describe('received dossiers at the branch: read-only, returned or adjusted', () => {
  let usb: string;
  let world: Enrolled;
  let received: DossierDetail;
  let secondFile: string;

  beforeAll(async () => {
    usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-adjust-'));
    world = await enrol(await openInstallation('branch', BRANCH_NAME), await openInstallation('office', OFFICE_NAME), usb, { communes: 2 });
    for (const [index, commune] of world.communes.entries()) {
      await readyDossier(world.office, { kind: 'communePeoplesCommittee', unitId: commune.id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes(`adjust-${index}`) }]);
    }
    const file = join(usb, 'nop-1.tdcs');
    await world.office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: file });
    await world.branch.apply(file, { acceptLate: true });
    const list = await world.branch.call('dossiers.list', { campaignYear: YEAR });
    received = await world.branch.call('dossiers.get', { id: list[0]?.id ?? '' });
    secondFile = join(usb, 'nop-2.tdcs');
  }, 240_000);

  afterAll(() => {
    world?.branch.close();
    world?.office.close();
    rmSync(usb, { recursive: true, force: true });
  });

  it('the branch cannot save a received dossier, nor change its evidence', async () => {
    const before = await world.branch.call('dossiers.get', { id: received.dossier.id });
    const save = await world.branch.errorOf('dossiers.save', {
      id: received.dossier.id,
      campaignYear: YEAR,
      nomineeKind: received.dossier.nomineeKind,
      unitId: received.dossier.unitId,
      content: { ...received.dossier.content, report: 'Chi nhánh sửa báo cáo.' },
    });
    expect(save.code).toBe('dossier.receivedReadOnly');
    expect((await world.branch.errorOf('attachments.add', { dossierId: received.dossier.id, fileName: 'them.pdf', content: pdfBytes('them').toString('base64') })).code).toBe('dossier.receivedReadOnly');
    expect((await world.branch.errorOf('attachments.remove', { dossierId: received.dossier.id, sha256: received.attachments[0]?.sha256 ?? '' })).code).toBe('dossier.receivedReadOnly');
    const after = await world.branch.call('dossiers.get', { id: received.dossier.id });
    expect(after.dossier).toEqual(before.dossier);
    expect(after.attachments).toEqual(before.attachments);
  });

  it('an adjustment keeps the office’s value beside the council’s, scores with the council’s, and can be withdrawn', async () => {
    const ranking = async () => (await world.branch.call('ranking.get', { campaignYear: YEAR, group: 'collective' })).rows.find((row) => row.dossierId === received.dossier.id);
    const before = await ranking();
    expect(before?.adjustments).toBe(0);
    const officeValue = received.dossier.content.indicators.overdueRatio;
    expect(typeof officeValue).toBe('number');

    // Out of range, unknown figure, same value, too short a reason: refused with the field named.
    expect((await world.branch.errorOf('adjustments.save', { dossierId: received.dossier.id, target: { type: 'indicator', key: 'overdueRatio' }, value: -5, reason: 'Theo biên bản kiểm tra' })).issues?.[0]?.path).toBe('value');
    expect((await world.branch.errorOf('adjustments.save', { dossierId: received.dossier.id, target: { type: 'indicator', key: 'khongCo' }, value: 1, reason: 'Theo biên bản kiểm tra' })).code).toBe('adjustment.unknownTarget');
    expect((await world.branch.errorOf('adjustments.save', { dossierId: received.dossier.id, target: { type: 'indicator', key: 'overdueRatio' }, value: officeValue ?? 0, reason: 'Theo biên bản kiểm tra' })).code).toBe('adjustment.unchanged');
    expect((await world.branch.errorOf('adjustments.save', { dossierId: received.dossier.id, target: { type: 'indicator', key: 'overdueRatio' }, value: 3, reason: 'x' })).code).toBe('call.invalidInput');

    // The office wrote 12,5 %; the inspection found 0,1 %: the overdue-debt criterion scores higher with the council's figure.
    const adjusted = await world.branch.call('adjustments.save', { dossierId: received.dossier.id, target: { type: 'indicator', key: 'overdueRatio' }, value: 0.1, reason: 'Theo biên bản kiểm tra ngày 12/11/2025' });
    expect(adjusted.adjustments).toHaveLength(1);
    expect(adjusted.adjustments[0]).toMatchObject({ target: { type: 'indicator', key: 'overdueRatio' }, officeValue, value: 0.1, reason: 'Theo biên bản kiểm tra ngày 12/11/2025', byName: expect.stringMatching(/^operator/) });
    // What the office sent is untouched.
    expect(adjusted.dossier.content).toEqual(received.dossier.content);
    const after = await ranking();
    expect(after?.adjustments).toBe(1);
    expect((await world.branch.call('ranking.explain', { dossierIds: [received.dossier.id] }))[0]?.adjustments).toEqual(adjusted.adjustments);
    expect(after?.total).toBeGreaterThan(before?.total ?? 0);
    expect(after?.selfTotal).toBe(before?.selfTotal);
    const log = await world.branch.call('audit.list', { recordType: 'dossier', recordId: received.dossier.id, action: 'dossier.adjusted' });
    expect(log.entries[0]?.change).toMatchObject({ before: { overdueRatio: officeValue }, after: { overdueRatio: 0.1, officeValue } });

    const withdrawn = await world.branch.call('adjustments.remove', { id: adjusted.adjustments[0]?.id ?? '', reason: 'Nhập nhầm số liệu' });
    expect(withdrawn.adjustments).toEqual([]);
    expect((await ranking())?.total).toBe(before?.total);
  });

  it('only the council’s staff adjusts; a clerk gets a clear refusal', async () => {
    const clerk = await accountSession(world.branch.core, { username: 'van.thu', role: 'clerk', password: 'mat-khau-van-thu' });
    const refused = await rawCall(world.branch.core, 'adjustments.save', { dossierId: received.dossier.id, target: { type: 'indicator', key: 'overdueRatio' }, value: 2, reason: 'Theo biên bản kiểm tra' }, clerk);
    expect(refused).toEqual({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('a new revision from the office starts without the adjustments of the previous one', async () => {
    await world.branch.call('adjustments.save', { dossierId: received.dossier.id, target: { type: 'indicator', key: 'overdueRatio' }, value: 2.5, reason: 'Theo biên bản kiểm tra' });
    await world.branch.call('exchange.returnDossier', { dossierId: received.dossier.id, reason: 'Bổ sung biên bản kiểm tra' });
    const receipt = join(usb, 'bien-nhan.tdcs');
    await world.branch.call('exchange.export', { kind: 'receipt', campaignYear: YEAR, officeInstallationId: world.officeId, to: receipt });
    await world.office.apply(receipt);
    const atOffice = await world.office.call('dossiers.get', { id: received.dossier.id });
    const content = { ...atOffice.dossier.content, indicators: { ...atOffice.dossier.content.indicators, overdueRatio: 0.2 } };
    await world.office.call('dossiers.save', { id: received.dossier.id, campaignYear: YEAR, nomineeKind: atOffice.dossier.nomineeKind, unitId: atOffice.dossier.unitId, content });
    await world.office.call('dossiers.setStatus', { id: received.dossier.id, status: 'ready' });
    await world.office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: secondFile, dossierIds: [received.dossier.id] });
    await world.branch.apply(secondFile, { acceptLate: true });
    const detail = await world.branch.call('dossiers.get', { id: received.dossier.id });
    expect(detail.dossier.revision).toBe(2);
    expect(detail.adjustments).toEqual([]);
  });
});
