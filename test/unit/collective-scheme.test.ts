import { DEFAULT_TIE_BREAKS } from '../../shared/domain/campaign';
import { describe, expect, it } from 'vitest';
import { INDIVIDUAL_KINDS } from '../../shared/domain/kinds';
import { leafCriteria, manualCriteria } from '../../shared/scoring/leaves';
import { scoreDossier } from '../../shared/scoring/score';
import type { Criterion } from '../../shared/scoring/types';
import { perfectInput, scheme, scoreInput } from './fixtures';

function allCriteria(criteria: Criterion[]): Criterion[] {
  return criteria.flatMap((c) => [c, ...allCriteria(c.children ?? [])]);
}

const everyCriterion = [...allCriteria(scheme.criteria), ...allCriteria(scheme.bonus.criteria)];
const indicatorKeys = new Set(scheme.indicators.map((i) => i.key));

describe('the default 2025 scheme for collectives', () => {
  it('has the six criteria of the plan, worth 15, 20, 25, 20, 10 and 10 points: 100 in all', () => {
    expect(scheme.criteria.map((c) => c.max)).toEqual([1500, 2000, 2500, 2000, 1000, 1000]);
    expect(scheme.criteria.reduce((sum, c) => sum + c.max, 0)).toBe(10_000);
  });

  it('has a bonus of up to 5 points', () => {
    expect(scheme.bonus.max).toBe(500);
    expect(scheme.bonus.criteria.reduce((sum, c) => sum + c.max, 0)).toBeGreaterThanOrEqual(500);
  });

  it('each group’s children are worth exactly the group’s maximum', () => {
    for (const group of everyCriterion.filter((c) => c.children && c.children.length > 0)) {
      expect(group.children?.reduce((sum, c) => sum + c.max, 0), group.id).toBe(group.max);
      expect(group.rule, group.id).toBeUndefined();
    }
  });

  it('every criterion id is unique, bonus included', () => {
    const ids = everyCriterion.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every indicator key is unique', () => {
    expect(indicatorKeys.size).toBe(scheme.indicators.length);
  });

  it('every rule, gate and tie-break refers to something the scheme defines', () => {
    for (const criterion of everyCriterion) {
      const rule = criterion.rule;
      if (!rule || rule.type === 'manual') continue;
      expect(indicatorKeys.has(rule.indicator), `${criterion.id} → ${rule.indicator}`).toBe(true);
      if (rule.type === 'ratio') expect(indicatorKeys.has(rule.plan), `${criterion.id} → ${rule.plan}`).toBe(true);
    }
    for (const gate of scheme.gates) expect(indicatorKeys.has(gate.condition.indicator), gate.id).toBe(true);
    // The campaign's default tie-break names a criterion this scheme has.
    const ids = new Set(everyCriterion.map((c) => c.id));
    for (const tieBreak of DEFAULT_TIE_BREAKS) {
      if (tieBreak.type === 'criterion') expect(ids.has(tieBreak.criterionId)).toBe(true);
    }
  });

  it('yes/no rules and "is" gates read yes/no indicators; the other rules read numbers', () => {
    const units = new Map(scheme.indicators.map((i) => [i.key, i.unit]));
    for (const criterion of everyCriterion) {
      const rule = criterion.rule;
      if (!rule || rule.type === 'manual') continue;
      expect(units.get(rule.indicator) === 'yesNo', criterion.id).toBe(rule.type === 'yesNo');
    }
    for (const gate of scheme.gates) expect(units.get(gate.condition.indicator) === 'yesNo', gate.id).toBe(gate.condition.type === 'is');
  });

  it('every criterion is either a group or a leaf with a rule', () => {
    for (const criterion of everyCriterion) {
      const isGroup = (criterion.children?.length ?? 0) > 0;
      expect(isGroup !== (criterion.rule !== undefined), criterion.id).toBe(true);
    }
  });

  it('scores the commune People’s Committees, and no individual kind', () => {
    expect(scheme.kinds).toEqual(['communePeoplesCommittee']);
    for (const kind of INDIVIDUAL_KINDS) expect(scheme.kinds).not.toContain(kind);
  });

  it('requires 70 points to be eligible', () => {
    expect(scheme.minTotal).toBe(7000);
  });

  it('lists 16 leaf criteria, of which participation, records quality and good models are self-scored', () => {
    expect(leafCriteria(scheme)).toHaveLength(16);
    expect(manualCriteria(scheme).map((c) => c.id)).toEqual(['participation', 'recordsQuality', 'goodModels']);
  });

  it('a dossier meeting every target scores 105 points, is complete and eligible', () => {
    const result = scoreDossier(scheme, perfectInput());
    expect(result.base).toBe(10_000);
    expect(result.bonus).toBe(500);
    expect(result.total).toBe(10_500);
    expect(result.eligible).toBe(true);
    expect(result.complete).toBe(true);
    expect(result.gateFailures).toEqual([]);
    for (const criterion of result.criteria) expect(criterion.points, criterion.id).toBe(criterion.max);
    for (const criterion of result.bonusCriteria) expect(criterion.points, criterion.id).toBe(criterion.max);
  });

  it('an empty dossier scores 0, is incomplete and ineligible, and says what is missing', () => {
    const result = scoreDossier(scheme, scoreInput());
    expect(result.total).toBe(0);
    expect(result.complete).toBe(false);
    expect(result.eligible).toBe(false);
    expect(result.gateFailures.map((f) => [f.gateId, f.note.key])).toEqual([
      ['noSeriousViolation', 'gate.missing'],
      ['overdueCeiling', 'gate.missing'],
      ['minTotal', 'gate.minTotal'],
      ['complete', 'gate.incomplete'],
    ]);
    // Every indicator is missing, including the one only a gate reads (seriousViolation), and every self-score.
    const everyIndicator = scheme.indicators.map((i) => i.key);
    expect([...result.missing].sort()).toEqual([...everyIndicator, 'participation', 'recordsQuality', 'goodModels'].sort());
  });

  it('scores an ordinary office the way the council would by hand', () => {
    const result = scoreDossier(
      scheme,
      scoreInput(
        {
          outstandingLoans: 45_000,
          outstandingLoansPlan: 50_000, // 90 % → 9.00
          inspectionsDone: 9,
          inspectionsPlanned: 12, // 75 % → 7.50
          overdueRatio: 0.25, // ≤ 0.3 → 10.00
          overdueRatioChange: -0.04, // 40 % of 5 → 2.00
          outstandingInterestRatio: 0.15, // ≤ 0.2 → 1.00
          householdSavingsGrowth: 7.5, // 75 % of 6 → 4.50
          goodGroupsShare: 92, // (92 − 80) / 16 of 10 → 7.50
          weakGroups: 1, // 4 − 2 → 2.00
          guidanceIssued: true, // 4.00
          meetingsHeld: 10,
          meetingsPlanned: 12, // 83.33 % of 6 → 5.00
          violationsUnhandled: 0, // 5.00
          seriousViolation: false,
          entrustedBudgetCapital: false, // 0
          mediaArticles: 3, // ≥ 2 → 1.00
        },
        { participation: 1200, recordsQuality: 400, goodModels: 50 },
      ),
    );
    expect(result.criteria.map((c) => [c.id, c.points])).toEqual([
      ['participation', 1200],
      ['capitalManagement', 900 + 750],
      ['overdueDebt', 1000 + 200 + 100],
      ['savingsAndGroups', 450 + 750 + 200],
      ['guidanceMeetings', 400 + 500],
      ['recordsViolations', 400 + 500],
    ]);
    expect(result.bonus).toBe(150);
    expect(result.base).toBe(1200 + 1650 + 1300 + 1400 + 900 + 900);
    expect(result.total).toBe(7350 + 150);
    expect(result.eligible).toBe(true);
  });
});
