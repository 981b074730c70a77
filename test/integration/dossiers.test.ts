import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toScoreInput } from '../../shared/domain/dossier';
import { collectiveScheme2025 } from '../../shared/scoring/schemes/collective-2025';
import { scoreDossier } from '../../shared/scoring/score';
import { setUpCore } from '../support/core';
import { commune, countRows, dossierInput, goodContent } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

describe('units and dossiers', () => {
  let installation: Installation;
  beforeEach(async () => {
    installation = await setUpCore();
  });
  afterEach(() => installation.close());

  it('an office registers units and finds them in the list, sorted by name', async () => {
    const office = await installation.call('units.create', {
      name: 'Phòng giao dịch NHCSXH Tân Biên',
      kind: 'transactionOffice',
      level: 'province',
      commune: '',
      parentOfficeId: null,
    });
    const ward = await installation.call('units.create', { ...commune('  UBND xã Tân Lập  '), parentOfficeId: office.id });
    expect(ward).toMatchObject({ name: 'UBND xã Tân Lập', kind: 'communePeoplesCommittee', level: 'commune', parentOfficeId: office.id, retired: false });
    expect(ward.id).toMatch(/^[0-9a-f-]{36}$/);

    const list = await installation.call('units.list', {});
    expect(list.map((unit) => unit.name)).toEqual(['Phòng giao dịch NHCSXH Tân Biên', 'UBND xã Tân Lập']);
    expect(list.find((unit) => unit.id === ward.id)).toEqual(ward);
  });

  it('a unit under an office that does not exist is refused with unit.notFound', async () => {
    const error = await installation.errorOf('units.create', { ...commune('UBND xã Mồ Côi'), parentOfficeId: 'no-such-office' });
    expect(error.code).toBe('unit.notFound');
    expect(countRows(installation.dataDir).units).toBe(0);
  });

  it('a new dossier is saved as a draft, revision 1, with the total the shared scoring library gives', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Thạnh Bình'));
    const content = goodContent();
    const detail = await installation.call('dossiers.save', dossierInput(unit.id, content));

    const expected = scoreDossier(detail.scheme, toScoreInput(content));
    expect(detail.dossier).toMatchObject({
      campaignYear: 2025,
      nomineeKind: 'communePeoplesCommittee',
      unitId: unit.id,
      unitName: 'UBND xã Thạnh Bình',
      status: 'draft',
      revision: 1,
      schemeId: 'collective-2025',
      schemeVersion: collectiveScheme2025.version,
      selfTotal: expected.total,
      eligible: expected.eligible,
      complete: expected.complete,
    });
    expect(detail.dossier.content).toEqual(content);
    // The scheme the form receives is the campaign's copy of the 2025 collective scheme.
    expect(detail.scheme).toEqual({ ...collectiveScheme2025, id: 'collective-2025' });
    // The total is a real, non-trivial score: a change to the content changes it.
    expect(expected.total).toBeGreaterThan(0);
    expect(scoreDossier(detail.scheme, toScoreInput(goodContent({ selfScores: {} }))).total).toBeLessThan(expected.total);
  });

  it('saving with the id updates the same dossier and rescores it; dossiers.get returns it with its scheme', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Trà Vong'));
    const first = await installation.call('dossiers.save', dossierInput(unit.id));

    const weaker = goodContent({ selfScores: { participation: { points: 500, justification: 'Còn hạn chế.' } }, womenShare: null });
    const second = await installation.call('dossiers.save', { ...dossierInput(unit.id, weaker), id: first.dossier.id });
    expect(second.dossier.id).toBe(first.dossier.id);
    expect(second.dossier.content).toEqual(weaker);
    expect(second.dossier.selfTotal).toBe(scoreDossier(second.scheme, toScoreInput(weaker)).total);
    expect(second.dossier.selfTotal).toBeLessThan(first.dossier.selfTotal);

    const fetched = await installation.call('dossiers.get', { id: first.dossier.id });
    const { revisionStarted, ...secondDetail } = second;
    expect(revisionStarted).toBe(false);
    expect(fetched).toEqual(secondDetail);
    expect(countRows(installation.dataDir).dossiers).toBe(1);
    const list = await installation.call('dossiers.list', { campaignYear: 2025 });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: first.dossier.id, unitName: 'UBND xã Trà Vong', selfTotal: second.dossier.selfTotal });
  });

  it('a second dossier for the same unit and kind is refused with dossier.duplicate, nothing written', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Tân Hội'));
    const first = await installation.call('dossiers.save', dossierInput(unit.id));
    const error = await installation.errorOf('dossiers.save', dossierInput(unit.id, goodContent({ report: 'Bản thứ hai' })));
    expect(error.code).toBe('dossier.duplicate');
    expect(error.params).toMatchObject({ id: first.dossier.id, name: 'UBND xã Tân Hội' });
    expect(countRows(installation.dataDir).dossiers).toBe(1);
    expect((await installation.call('dossiers.get', { id: first.dossier.id })).dossier.content.report).toBe(goodContent().report);
  });

  it('a collective dossier must have its unit’s kind: a Women’s Union is not a People’s Committee', async () => {
    const unit = await installation.call('units.create', { ...commune('Hội LHPN xã Tân Lập'), kind: 'womensUnion' });
    const error = await installation.errorOf('dossiers.save', { ...dossierInput(unit.id), nomineeKind: 'communePeoplesCommittee' });
    expect(error.code).toBe('dossier.kindMismatch');
    expect(countRows(installation.dataDir).dossiers).toBe(0);
  });

  it('a save made from an older copy of the dossier is refused with dossier.staleRevision, and the newer one kept', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Long Thuận'));
    const first = await installation.call('dossiers.save', dossierInput(unit.id));
    const base = first.dossier.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await installation.call('dossiers.save', { ...dossierInput(unit.id, goodContent({ report: 'Bản của người thứ nhất' })), id: first.dossier.id, baseUpdatedAt: base });
    const error = await installation.errorOf('dossiers.save', { ...dossierInput(unit.id, goodContent({ report: 'Bản cũ' })), id: first.dossier.id, baseUpdatedAt: base });
    expect(error.code).toBe('dossier.staleRevision');
    expect((await installation.call('dossiers.get', { id: first.dossier.id })).dossier.content.report).toBe('Bản của người thứ nhất');
    expect(second.dossier.updatedAt).not.toBe(base);
  });

  it('a dossier for an unknown unit is refused with unit.notFound', async () => {
    const error = await installation.errorOf('dossiers.save', dossierInput('no-such-unit'));
    expect(error.code).toBe('unit.notFound');
    expect(countRows(installation.dataDir).dossiers).toBe(0);
  });

  it('an unknown dossier id is dossier.notFound, whether read or updated', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Tân Hòa'));
    expect((await installation.errorOf('dossiers.get', { id: 'no-such-dossier' })).code).toBe('dossier.notFound');
    const update = await installation.errorOf('dossiers.save', { ...dossierInput(unit.id), id: 'no-such-dossier' });
    expect(update.code).toBe('dossier.notFound');
    expect(countRows(installation.dataDir).dossiers).toBe(0);
  });

  it('a campaign year that does not exist is campaign.notFound for saving, listing, ranking and reading', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Tân Thành'));
    const save = await installation.errorOf('dossiers.save', { ...dossierInput(unit.id), campaignYear: 2031 });
    expect(save).toMatchObject({ code: 'campaign.notFound', params: { year: 2031 } });
    expect((await installation.errorOf('dossiers.list', { campaignYear: 2031 })).code).toBe('campaign.notFound');
    expect((await installation.errorOf('ranking.get', { campaignYear: 2031, group: 'collective' })).code).toBe('campaign.notFound');
    expect((await installation.errorOf('campaigns.get', { year: 2031 })).code).toBe('campaign.notFound');
    expect(countRows(installation.dataDir).dossiers).toBe(0);
  });

  it('units and dossiers survive a restart of the application', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Cầu Khởi'));
    const saved = await installation.call('dossiers.save', dossierInput(unit.id));

    installation.reopen();
    expect((await installation.errorOf('dossiers.get', { id: saved.dossier.id })).code).toBe('auth.required');
    await installation.login();

    const { revisionStarted: _started, ...savedDetail } = saved;
    expect(await installation.call('dossiers.get', { id: saved.dossier.id })).toEqual(savedDetail);
    expect(await installation.call('units.list', {})).toEqual([unit]);
    expect((await installation.call('app.status', {})).initialised).toBe(true);
  });
});
