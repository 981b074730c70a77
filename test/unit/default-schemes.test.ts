import { DEFAULT_TIE_BREAKS } from '../../shared/domain/campaign';
import { describe, expect, it } from 'vitest';
import { COLLECTIVE_KINDS, INDIVIDUAL_KINDS, nomineeGroupOf, type NomineeKind } from '../../shared/domain/kinds';
import { leafCriteria, manualCriteria } from '../../shared/scoring/leaves';
import { validateScheme } from '../../shared/scoring/scheme-schema';
import { scoreDossier } from '../../shared/scoring/score';
import { collectiveScheme2025 } from '../../shared/scoring/schemes/collective-2025';
import { defaultSchemeFor, defaultSchemes2025 } from '../../shared/scoring/schemes/index';
import type { Criterion, Hundredths, IndicatorValue, Label, RuleType, Scheme, ScoreInput } from '../../shared/scoring/types';

const ALL_KINDS: NomineeKind[] = [...COLLECTIVE_KINDS, ...INDIVIDUAL_KINDS];
/** Collectives that answer for a portfolio or an area's lending: they carry an overdue-debt ceiling. */
const PORTFOLIO_KINDS: NomineeKind[] = ['communePeoplesCommittee', 'womensUnion', 'veteransAssociation', 'farmersAssociation', 'youthUnion', 'provincialBranch', 'transactionOffice'];
const PLAN_IDS = ['participation', 'capitalManagement', 'overdueDebt', 'savingsAndGroups', 'guidanceMeetings', 'recordsViolations'];
const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/** The plan value used for every ratio rule of the perfect dossier. */
const PLAN_VALUE = 100;

function allCriteria(criteria: Criterion[]): Criterion[] {
  return criteria.flatMap((c) => [c, ...allCriteria(c.children ?? [])]);
}

const everyCriterion = (scheme: Scheme): Criterion[] => [...allCriteria(scheme.criteria), ...allCriteria(scheme.bonus.criteria)];

/** The indicators every rule and gate of a scheme reads. */
function readKeys(scheme: Scheme): Set<string> {
  const keys = new Set(scheme.gates.map((gate) => gate.condition.indicator));
  for (const { rule } of leafCriteria(scheme)) {
    if (!rule || rule.type === 'manual') continue;
    keys.add(rule.indicator);
    if (rule.type === 'ratio') keys.add(rule.plan);
  }
  return keys;
}

/** Each indicator at the value its rules reward most (and that its gates accept), found from the rules themselves. */
function bestIndicators(scheme: Scheme): Record<string, IndicatorValue> {
  const values: Record<string, IndicatorValue> = {};
  const assign = (key: string, value: IndicatorValue): void => {
    if (key in values && values[key] !== value) throw new Error(`${scheme.id}: rules disagree on the best value of ${key}`);
    values[key] = value;
  };
  for (const { rule } of leafCriteria(scheme)) {
    if (!rule) continue;
    switch (rule.type) {
      case 'manual':
        break;
      case 'thresholds': {
        const top = Math.max(...rule.steps.map((step) => step.points));
        const bounds = rule.steps.filter((step) => step.points === top).map((step) => step.bound);
        assign(rule.indicator, rule.direction === 'higherIsBetter' ? Math.min(...bounds) : Math.max(...bounds));
        break;
      }
      case 'linear':
        assign(rule.indicator, rule.fullAt);
        break;
      case 'ratio':
        assign(rule.plan, PLAN_VALUE);
        assign(rule.indicator, (PLAN_VALUE * rule.fullAtPercent) / 100);
        break;
      case 'yesNo':
        assign(rule.indicator, rule.pointsWhen);
        break;
      case 'deduction':
        assign(rule.indicator, 0);
        break;
    }
  }
  for (const { condition } of scheme.gates) {
    if (condition.type === 'is') assign(condition.indicator, condition.value);
    else if (!(condition.indicator in values)) assign(condition.indicator, condition.bound);
  }
  return values;
}

function perfectInput(scheme: Scheme): ScoreInput {
  const selfScores: Record<string, Hundredths> = Object.fromEntries(manualCriteria(scheme).map((criterion) => [criterion.id, criterion.max]));
  return { indicators: bestIndicators(scheme), selfScores, discipline: 'none', womenPriority: false };
}

function labelsOf(scheme: Scheme): [string, Label][] {
  return [
    [scheme.id, scheme.label],
    ...scheme.indicators.map((indicator): [string, Label] => [indicator.key, indicator.label]),
    ...everyCriterion(scheme).flatMap((criterion): [string, Label][] => [[criterion.id, criterion.label], ...(criterion.basis ? [[`${criterion.id}.basis`, criterion.basis] as [string, Label]] : [])]),
    ...scheme.gates.map((gate): [string, Label] => [gate.id, gate.label]),
  ];
}

describe('the default 2025 schemes', () => {
  it('cover every nominee kind with exactly one scheme', () => {
    for (const kind of ALL_KINDS) {
      expect(defaultSchemes2025.filter((scheme) => scheme.kinds.includes(kind)).map((scheme) => scheme.id), kind).toHaveLength(1);
      expect(defaultSchemeFor(kind).kinds).toContain(kind);
    }
    expect(defaultSchemes2025.flatMap((scheme) => scheme.kinds).sort()).toEqual([...ALL_KINDS].sort());
  });

  it('keep collectives and individuals apart: a scheme covers kinds of one group only', () => {
    for (const scheme of defaultSchemes2025) expect(new Set(scheme.kinds.map(nomineeGroupOf)).size, scheme.id).toBe(1);
  });

  it('start with the original collective scheme, which keeps its id and scores commune People’s Committees', () => {
    expect(defaultSchemes2025[0]).toBe(collectiveScheme2025);
    expect(collectiveScheme2025.id).toBe('collective-2025');
    expect(defaultSchemeFor('communePeoplesCommittee')).toBe(collectiveScheme2025);
  });

  it('have unique ids', () => {
    const ids = defaultSchemes2025.map((scheme) => scheme.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('use every rule type, and thresholds in both directions', () => {
    const leaves = defaultSchemes2025.flatMap(leafCriteria);
    const types = new Set(leaves.map((criterion) => criterion.rule?.type));
    expect([...types].sort()).toEqual((['deduction', 'linear', 'manual', 'ratio', 'thresholds', 'yesNo'] satisfies RuleType[]).sort());
    const directions = new Set(leaves.flatMap((criterion) => (criterion.rule?.type === 'thresholds' ? [criterion.rule.direction] : [])));
    expect(directions).toEqual(new Set(['higherIsBetter', 'lowerIsBetter']));
  });

  it('give an indicator key the same unit and range in every scheme', () => {
    const seen = new Map<string, string>();
    for (const scheme of defaultSchemes2025) {
      for (const { key, unit, min, max, decimals } of scheme.indicators) {
        const shape = JSON.stringify({ unit, min, max, decimals });
        expect(seen.get(key) ?? shape, `${scheme.id}: ${key}`).toBe(shape);
        seen.set(key, shape);
      }
    }
  });

  it('score the overdue-ratio tie-break on the same scale in every scheme', () => {
    const reference = leafCriteria(collectiveScheme2025).find((criterion) => criterion.id === 'overdueRatio');
    for (const scheme of defaultSchemes2025) expect(leafCriteria(scheme).find((criterion) => criterion.id === 'overdueRatio'), scheme.id).toEqual(reference);
  });
});

describe.each(defaultSchemes2025.map((scheme) => [scheme.id, scheme] as const))('the scheme %s', (_id, scheme) => {
  it('passes validateScheme', () => {
    const result = validateScheme(scheme);
    expect(result.success, JSON.stringify(result.error?.issues, null, 2)).toBe(true);
  });

  it('expresses the plan’s six criteria, with the plan’s wording, worth 100 points in all', () => {
    expect(scheme.criteria.map((criterion) => criterion.id)).toEqual(PLAN_IDS);
    expect(scheme.criteria.map((criterion) => criterion.basis)).toEqual(collectiveScheme2025.criteria.map((criterion) => criterion.basis));
    expect(scheme.criteria.reduce((sum, criterion) => sum + criterion.max, 0)).toBe(10_000);
  });

  it('has group maxima equal to the sum of their children, and only groups or leaves with a rule', () => {
    for (const criterion of everyCriterion(scheme)) {
      const children = criterion.children ?? [];
      if (children.length > 0) {
        expect(children.reduce((sum, child) => sum + child.max, 0), criterion.id).toBe(criterion.max);
        expect(criterion.rule, criterion.id).toBeUndefined();
      } else {
        expect(criterion.rule, criterion.id).toBeDefined();
      }
    }
  });

  it('has unique criterion ids and self-scores in steps of half a point', () => {
    const ids = everyCriterion(scheme).map((criterion) => criterion.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const criterion of manualCriteria(scheme)) expect(criterion.rule, criterion.id).toEqual({ type: 'manual', step: 50 });
  });

  it('has a bonus of up to 5 points that can be reached', () => {
    expect(scheme.bonus.max).toBe(500);
    expect(scheme.bonus.criteria.reduce((sum, criterion) => sum + criterion.max, 0)).toBeGreaterThanOrEqual(500);
  });

  it('has a leaf overdueRatio on the overdue-debt ratio, lower is better, as its first tie-break', () => {
    const leaf = leafCriteria(scheme).find((criterion) => criterion.id === 'overdueRatio');
    expect(leaf?.rule).toMatchObject({ type: 'thresholds', indicator: 'overdueRatio', direction: 'lowerIsBetter' });
    expect(scheme.indicators.find((indicator) => indicator.key === 'overdueRatio')?.unit).toBe('percent');
    expect(DEFAULT_TIE_BREAKS[0]).toEqual({ type: 'criterion', criterionId: 'overdueRatio' });
  });

  it('requires 70 points, no serious violation and, for a portfolio, an overdue-debt ratio under a ceiling', () => {
    expect(scheme.minTotal).toBe(7000);
    expect(scheme.gates).toContainEqual(expect.objectContaining({ condition: { type: 'is', indicator: 'seriousViolation', value: false } }));
    const ceiling = scheme.gates.find((gate) => gate.condition.type === 'atMost' && gate.condition.indicator === 'overdueRatio');
    expect(ceiling !== undefined).toBe(scheme.kinds.some((kind) => PORTFOLIO_KINDS.includes(kind)));
  });

  it('declares exactly the indicators its rules and gates read, with sensible ranges', () => {
    expect(new Set(scheme.indicators.map((indicator) => indicator.key))).toEqual(readKeys(scheme));
    for (const indicator of scheme.indicators) {
      expect(indicator.min, indicator.key).toBeLessThan(indicator.max);
      if (indicator.unit === 'yesNo') expect([indicator.min, indicator.max, indicator.decimals], indicator.key).toEqual([0, 1, 0]);
      if (indicator.unit === 'count') expect(indicator.decimals, indicator.key).toBe(0);
    }
  });

  it('scores 105 points for a dossier at every best value and full self-scores, complete and eligible', () => {
    const input = perfectInput(scheme);
    for (const indicator of scheme.indicators) {
      const value = input.indicators[indicator.key];
      if (typeof value !== 'number') continue;
      expect(value, indicator.key).toBeGreaterThanOrEqual(indicator.min);
      expect(value, indicator.key).toBeLessThanOrEqual(indicator.max);
      expect(Number(value.toFixed(indicator.decimals)), `${indicator.key} has at most ${indicator.decimals} decimals`).toBe(value);
    }
    const result = scoreDossier(scheme, input);
    expect(result.gateFailures).toEqual([]);
    expect(result.missing).toEqual([]);
    expect([result.base, result.bonus, result.total]).toEqual([10_000, 500, 10_500]);
    expect(result.complete).toBe(true);
    expect(result.eligible).toBe(true);
  });

  it('scores 0 for an empty dossier, incomplete and ineligible, with every input missing', () => {
    const result = scoreDossier(scheme, { indicators: {}, selfScores: {}, discipline: 'none', womenPriority: false });
    expect(result.total).toBe(0);
    expect(result.complete).toBe(false);
    expect(result.eligible).toBe(false);
    expect(result.gateFailures.map((failure) => failure.gateId)).toContain('minTotal');
    const expected = [...scheme.indicators.map((indicator) => indicator.key), ...manualCriteria(scheme).map((criterion) => criterion.id)];
    expect([...result.missing].sort()).toEqual(expected.sort());
  });

  it('labels everything in Vietnamese and English', () => {
    for (const [where, { vi, en }] of labelsOf(scheme)) {
      expect(vi.trim(), where).not.toBe('');
      expect(en.trim(), where).not.toBe('');
      expect(vi, where).toMatch(VIETNAMESE_LETTER);
    }
  });
});
