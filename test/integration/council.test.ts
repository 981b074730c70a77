import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, RankingExplanation, RankingRow } from '../../shared/contract/calls';
import { toScoreInput } from '../../shared/domain/dossier';
import { ALLOCATION_WEIGHTS } from '../../shared/domain/campaign';
import { translator } from '../../shared/i18n/translator';
import { ALLOCATION_METHODS } from '../../shared/scoring/allocation';
import { manualCriteria } from '../../shared/scoring/leaves';
import { scoreDossier } from '../../shared/scoring/score';
import { DEMO_YEAR, setUpCore } from '../support/core';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

/** Points for every manual criterion of a dossier's scheme: `share` of its maximum, down to the criterion's step. */
function sheet(detail: DossierDetail, share: number): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const criterion of manualCriteria(detail.scheme)) {
    const step = criterion.rule?.type === 'manual' && criterion.rule.step > 0 ? criterion.rule.step : 1;
    scores[criterion.id] = Math.floor((criterion.max * share) / step) * step;
  }
  return scores;
}

/** The total a reviewer's sheet gives under the dossier's scheme, as the renderer's panel computes it. */
function sheetTotal(detail: DossierDetail, scores: Record<string, number>): number {
  return scoreDossier(detail.scheme, { ...toScoreInput(detail.dossier.content), selfScores: scores }).total;
}

describe('the council’s score sheets, ranking and allocation on the branch installation', () => {
  let branch: Installation;
  let detail: DossierDetail;
  let other: DossierDetail;
  const members = new Map<string, string>();
  /** The council member of that name (added to the council the first time). */
  const member = async (fullName: string): Promise<string> => {
    const known = members.get(fullName);
    if (known) return known;
    const council = await branch.call('council.saveMember', { campaignYear: DEMO_YEAR, fullName, position: 'member', title: '', userId: null });
    const id = council.members.find((candidate) => candidate.fullName === fullName)?.id ?? '';
    members.set(fullName, id);
    return id;
  };
  /** A row of the ranking with its explanation, as the page shows it once opened; both must tell the same score. */
  const rowOf = async (dossierId: string): Promise<RankingRow & Pick<RankingExplanation, 'aggregate' | 'result'>> => {
    const ranking = await branch.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    const row = ranking.rows.find((candidate) => candidate.dossierId === dossierId);
    if (!row) throw new Error(`no ranking row for ${dossierId}`);
    const [explanation] = await branch.call('ranking.explain', { dossierIds: [dossierId] });
    if (!explanation) throw new Error(`no explanation for ${dossierId}`);
    expect({ total: explanation.total, selfTotal: explanation.selfTotal, source: explanation.source, eligible: explanation.eligible, keys: explanation.keys }).toEqual({
      total: row.total,
      selfTotal: row.selfTotal,
      source: row.source,
      eligible: row.eligible,
      keys: row.keys,
    });
    expect(row.reviewers).toBe(explanation.aggregate?.totals.length ?? 0);
    return { ...row, aggregate: explanation.aggregate, result: explanation.result };
  };

  beforeAll(async () => {
    branch = await setUpCore({ demo: true, mode: 'branch' });
    const ranking = await branch.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    const eligible = ranking.rows.filter((row) => row.eligible);
    detail = await branch.call('dossiers.get', { id: (eligible[0] as RankingRow).dossierId });
    other = await branch.call('dossiers.get', { id: (eligible[1] as RankingRow).dossierId });
    // The demo ranks on the offices' self-assessment; the council's own score is the official total here.
    const campaign = await branch.call('campaigns.get', { year: DEMO_YEAR });
    await branch.call('campaigns.update', { year: DEMO_YEAR, settings: { ...campaign.settings, officialTotal: 'council' } });
  });
  afterAll(() => branch.close());

  it('starts without sheets: the dossier awaits the council’s score, shows its self-assessment and cannot be proposed', async () => {
    expect(await branch.call('reviews.list', { dossierId: detail.dossier.id })).toEqual([]);
    const row = await rowOf(detail.dossier.id);
    expect(row.source).toBe('awaiting');
    expect(row.aggregate).toBeNull();
    expect(row.total).toBe(row.selfTotal);
    expect(row.eligible).toBe(false);
    expect(row.result.gateFailures.map((failure) => failure.gateId)).toEqual(['councilScores']);
    const ranking = await branch.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    expect(ranking.officialTotal).toBe('council');
    expect(ranking.selection.selected).toEqual([]);
    expect(manualCriteria(detail.scheme).length).toBeGreaterThan(0);
  });

  it('refuses points the scheme does not allow, with the field at fault', async () => {
    const [first, second] = manualCriteria(detail.scheme);
    if (!first || !second) throw new Error('the scheme needs two manual criteria');
    const scores = sheet(detail, 0.8);
    const tooMuch = await branch.errorOf('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Trần Văn A'), scores: { ...scores, [first.id]: first.max + 100 }, conflict: false, note: '' });
    expect(tooMuch.code).toBe('call.invalidInput');
    expect(tooMuch.issues).toEqual([{ path: `scores.${first.id}`, key: 'validation.tooLarge', params: { maximum: first.max / 100 } }]);

    const offStep = await branch.errorOf('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Trần Văn A'), scores: { ...scores, [first.id]: 1 }, conflict: false, note: '' });
    expect(offStep.issues?.[0]).toMatchObject({ path: `scores.${first.id}`, key: 'validation.step' });

    const { [second.id]: _left, ...missing } = scores;
    const incomplete = await branch.errorOf('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Trần Văn A'), scores: missing, conflict: false, note: '' });
    expect(incomplete.issues).toEqual([{ path: `scores.${second.id}`, key: 'validation.required', params: {} }]);

    const unknown = await branch.errorOf('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Trần Văn A'), scores: { ...scores, overdueRatio: 500 }, conflict: false, note: '' });
    expect(unknown.issues).toEqual([{ path: 'scores.overdueRatio', key: 'validation.unknownCriterion', params: { criterion: 'overdueRatio' } }]);

    const negative = await branch.errorOf('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Trần Văn A'), scores: { ...scores, [first.id]: -50 }, conflict: false, note: '' });
    expect(negative.issues?.[0]).toMatchObject({ path: `scores.${first.id}` });

    expect((await branch.errorOf('reviews.save', { dossierId: 'no-such-dossier', memberId: await member('Trần Văn A'), scores, conflict: false, note: '' })).code).toBe('dossier.notFound');
    expect(await branch.call('reviews.list', { dossierId: detail.dossier.id })).toEqual([]);
  });

  it('saves, lists, replaces and deletes sheets; the ranking switches to the council’s mean and back', async () => {
    const a = sheet(detail, 0.9);
    const b = sheet(detail, 0.6);
    const conflicted = sheet(detail, 1);
    await branch.call('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Trần Văn A'), scores: a, conflict: false, note: 'Đạt' });
    await branch.call('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Lê Thị B'), scores: sheet(detail, 0.5), conflict: false, note: '' });
    // The same member again replaces their sheet.
    const afterEdit = await branch.call('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Lê Thị B'), scores: b, conflict: false, note: 'Sửa' });
    expect(afterEdit.map((review) => review.reviewer).sort()).toEqual(['Lê Thị B', 'Trần Văn A']);
    expect(afterEdit.find((review) => review.reviewer === 'Lê Thị B')).toMatchObject({ scores: b, note: 'Sửa', conflict: false });
    // A member with a conflict of interest may leave the points empty; they are not counted.
    const list = await branch.call('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Phạm Văn C'), scores: conflicted, conflict: true, note: 'Người thân công tác tại đơn vị' });
    expect(list).toHaveLength(3);
    expect(await branch.call('reviews.list', { dossierId: detail.dossier.id })).toEqual(list);

    const row = await rowOf(detail.dossier.id);
    const totalA = sheetTotal(detail, a);
    const totalB = sheetTotal(detail, b);
    expect(row.source).toBe('council');
    expect({ reviewers: row.reviewers, counted: row.counted, eligible: row.eligible }).toEqual({ reviewers: 3, counted: 2, eligible: true });
    expect(row.aggregate).toMatchObject({ method: 'mean', counted: ['Lê Thị B', 'Trần Văn A'], excludedForConflict: ['Phạm Văn C'], dropped: [] });
    expect(row.aggregate?.total).toBe(Math.round((totalA + totalB) / 2));
    expect(row.total).toBe(row.aggregate?.total);
    expect(row.selfTotal).toBe(scoreDossier(detail.scheme, toScoreInput(detail.dossier.content)).total);
    expect(row.aggregate?.totals).toContainEqual({ reviewer: 'Phạm Văn C', total: sheetTotal(detail, conflicted) });
    expect(row.result.total).toBe(row.total);

    // Deleting every sheet leaves the dossier awaiting the council again.
    for (const review of list) await branch.call('reviews.delete', { id: review.id });
    expect(await branch.call('reviews.list', { dossierId: detail.dossier.id })).toEqual([]);
    const back = await rowOf(detail.dossier.id);
    expect(back.source).toBe('awaiting');
    expect(back.total).toBe(back.selfTotal);
    expect((await branch.errorOf('reviews.delete', { id: 'no-such-review' })).code).toBe('review.notFound');
  });

  it('a dossier whose only sheet has a conflict still awaits a sheet the council can count', async () => {
    const [review] = await branch.call('reviews.save', { dossierId: other.dossier.id, memberId: await member('Phạm Văn C'), scores: {}, conflict: true, note: '' });
    const row = await rowOf(other.dossier.id);
    expect(row.source).toBe('awaiting');
    expect({ reviewers: row.reviewers, counted: row.counted }).toEqual({ reviewers: 1, counted: 0 });
    expect(row.aggregate).toMatchObject({ total: null, counted: [], excludedForConflict: ['Phạm Văn C'] });
    expect(row.total).toBe(row.selfTotal);
    await branch.call('reviews.delete', { id: review?.id ?? '' });
  });

  it('uses the trimmed mean from five counted members when the campaign says so', async () => {
    const campaign = await branch.call('campaigns.get', { year: DEMO_YEAR });
    await branch.call('campaigns.update', { year: DEMO_YEAR, settings: { ...campaign.settings, aggregation: 'trimmedMean' } });
    const shares = { 'Member 1': 0.5, 'Member 2': 0.6, 'Member 3': 0.7, 'Member 4': 0.8, 'Member 5': 1 };
    for (const [reviewer, share] of Object.entries(shares)) {
      await branch.call('reviews.save', { dossierId: detail.dossier.id, memberId: await member(reviewer), scores: sheet(detail, share), conflict: false, note: '' });
    }
    // A sixth member with a conflict is neither counted nor trimmed.
    await branch.call('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Member 6'), scores: sheet(detail, 0), conflict: true, note: '' });
    const row = await rowOf(detail.dossier.id);
    const totals = Object.fromEntries(Object.entries(shares).map(([reviewer, share]) => [reviewer, sheetTotal(detail, sheet(detail, share))]));
    expect(row.aggregate?.method).toBe('trimmedMean');
    expect(row.aggregate?.dropped).toEqual(['Member 5', 'Member 1']);
    expect(row.aggregate?.excludedForConflict).toEqual(['Member 6']);
    expect([...(row.aggregate?.counted ?? [])].sort()).toEqual(['Member 2', 'Member 3', 'Member 4']);
    const middle = (totals['Member 2'] ?? 0) + (totals['Member 3'] ?? 0) + (totals['Member 4'] ?? 0);
    expect(row.total).toBe(Math.round(middle / 3));

    // With one of the five now in conflict only four are counted: no trim, the plain mean.
    await branch.call('reviews.save', { dossierId: detail.dossier.id, memberId: await member('Member 5'), scores: sheet(detail, 1), conflict: true, note: '' });
    const four = await rowOf(detail.dossier.id);
    expect(four.aggregate?.dropped).toEqual([]);
    expect(four.total).toBe(Math.round(((totals['Member 1'] ?? 0) + middle) / 4));
    await branch.call('campaigns.update', { year: DEMO_YEAR, settings: campaign.settings });
  });

  it('proposes at most the quota of eligible collectives and reports the campaign’s chain', async () => {
    const settings = (await branch.call('campaigns.get', { year: DEMO_YEAR })).settings;
    await branch.call('campaigns.update', { year: DEMO_YEAR, settings: { ...settings, officialTotal: 'self' } });
    const ranking = await branch.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    const campaign = await branch.call('campaigns.get', { year: DEMO_YEAR });
    expect(ranking.tieBreaks).toEqual(campaign.settings.tieBreaks);
    expect(ranking.selection.quota).toBe(campaign.quotaCollectives);
    expect(ranking.selection.selected.length + ranking.selection.openPlaces).toBeLessThanOrEqual(campaign.quotaCollectives);
    const eligible = new Set(ranking.rows.filter((row) => row.eligible).map((row) => row.dossierId));
    for (const id of ranking.selection.selected) expect(eligible.has(id)).toBe(true);
    // The proposals are the first rows of the ranking.
    expect(ranking.rows.slice(0, ranking.selection.selected.length).map((row) => row.dossierId)).toEqual(ranking.selection.selected);
  });

  it('allocates the individual quota to units for every method and weight, the seats adding up to the quota', async () => {
    const campaign = await branch.call('campaigns.get', { year: DEMO_YEAR });
    const units = await branch.call('units.list', {});
    const offices = units.filter((unit) => unit.kind === 'transactionOffice' && !unit.retired);
    expect(offices.length).toBeGreaterThan(1);
    const vi = translator('vi');
    for (const method of ALLOCATION_METHODS) {
      for (const weight of ALLOCATION_WEIGHTS) {
        const report = await branch.call('allocation.get', { campaignYear: DEMO_YEAR, method, weight });
        expect(report.allocation.method).toBe(method);
        expect(report.weight).toBe(weight);
        expect(report.allocation.quota).toBe(campaign.quotaIndividuals);
        expect(report.allocation.lines.reduce((sum, line) => sum + line.seats, 0), `${method} / ${weight}`).toBe(campaign.quotaIndividuals);
        for (const office of offices) expect(report.allocation.lines.some((line) => line.id === office.id)).toBe(true);
        for (const line of report.allocation.lines) {
          expect(line.reasons).toHaveLength(line.extraSeats);
          for (const reason of line.reasons) expect(vi(reason.key, reason.params)).not.toBe(reason.key);
        }
        // What each unit achieved adds up to the collective round.
        const eligibleTotal = report.units.reduce((sum, unit) => sum + unit.eligible, 0);
        const ranking = await branch.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
        expect(eligibleTotal).toBe(ranking.rows.filter((row) => row.eligible).length);
      }
    }
    // Without a method or weight, the campaign's settings apply.
    const byDefault = await branch.call('allocation.get', { campaignYear: DEMO_YEAR });
    expect(byDefault.allocation.method).toBe(campaign.settings.allocationMethod);
    expect(byDefault.weight).toBe(campaign.settings.allocationWeight);
  });

  it('names a retired office that still has collectives in the round, and the province level in Vietnamese, as units are named', async () => {
    const units = await branch.call('units.list', {});
    const ranking = await branch.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    const unitOf = new Map((await branch.call('dossiers.list', { campaignYear: DEMO_YEAR })).map((dossier) => [dossier.id, dossier.unitId]));
    const served = new Set(ranking.rows.map((row) => units.find((unit) => unit.id === unitOf.get(row.dossierId))?.parentOfficeId));
    const office = units.find((unit) => unit.kind === 'transactionOffice' && served.has(unit.id));
    if (!office) throw new Error('no office serves a unit with a dossier');
    await branch.call('units.retire', { id: office.id, retired: true });
    const report = await branch.call('allocation.get', { campaignYear: DEMO_YEAR });
    expect(report.allocation.lines.find((line) => line.id === office.id)?.name).toBe(office.name);
    expect(report.allocation.lines.find((line) => line.id === 'province')?.name).toBe('Đơn vị cấp tỉnh');
    expect(report.allocation.lines.reduce((sum, line) => sum + line.seats, 0)).toBe(report.allocation.quota);
    await branch.call('units.retire', { id: office.id, retired: false });
  });
});

describe('the council’s calls elsewhere', () => {
  it('an office installation cannot record score sheets', async () => {
    const office = await setUpCore({ mode: 'office' });
    try {
      const unit = await office.call('units.create', { name: 'UBND xã Thạnh Đức', kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Thạnh Đức', parentOfficeId: null });
      expect(unit.id).toBeTruthy();
      expect((await office.errorOf('reviews.list', { dossierId: 'anything' })).code).toBe('mode.branchOnly');
      expect((await office.errorOf('reviews.save', { dossierId: 'anything', memberId: 'any-member', scores: {}, conflict: true, note: '' })).code).toBe('mode.branchOnly');
      expect((await office.errorOf('reviews.delete', { id: 'anything' })).code).toBe('mode.branchOnly');
    } finally {
      office.close();
    }
  });

  it('without a session the calls are refused', async () => {
    const branch = await setUpCore({ mode: 'branch' });
    try {
      branch.reopen();
      expect((await branch.errorOf('reviews.list', { dossierId: 'anything' })).code).toBe('auth.required');
    } finally {
      branch.close();
    }
  });
});
