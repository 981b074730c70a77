import { DEFAULT_TIE_BREAKS } from '../../shared/domain/campaign';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../shared/domain/dossier-form';
import { readTypedNumber, unambiguousText } from '../../shared/domain/numbers';
import { DISCIPLINE_STATUSES } from '../../shared/domain/dossier';
import { formatHundredths, roundDiv, scaled, toHundredths } from '../../shared/scoring/decimal';
import { type RankEntry, type RankedRow, rankDossiers } from '../../shared/scoring/rank';
import { applyRule } from '../../shared/scoring/rules';
import { scoreDossier } from '../../shared/scoring/score';
import type { CriterionResult, Hundredths, IndicatorValue, Rule, ScoreInput } from '../../shared/scoring/types';
import { leaf, rankResult, scheme, scoreInput } from './fixtures';

/**
 * Indicator values a dossier could carry, and some it should not: empty, yes/no, negative, fractional,
 * huge (up to 10^15, the most the form reads), and non-finite numbers.
 */
const indicatorValue: fc.Arbitrary<IndicatorValue | undefined> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.double({ min: -200, max: 200, noNaN: true }),
  fc.double({ min: -1e15, max: 1e15, noNaN: true }),
  fc.constantFrom(0, 0.14, 0.3, 1, 5, 80, 96, 100, 1e11, -1e11, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

const selfScore: fc.Arbitrary<Hundredths | null | undefined> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  fc.constantFrom(0, 50, 100, 500, 1500, 1e11, Number.NaN, Number.POSITIVE_INFINITY),
);

const indicatorArbitraries: Record<string, fc.Arbitrary<IndicatorValue | undefined>> = Object.fromEntries(scheme.indicators.map((i) => [i.key, indicatorValue]));

const dossierInput: fc.Arbitrary<ScoreInput> = fc.record({
  indicators: fc.record(indicatorArbitraries),
  selfScores: fc.record({ participation: selfScore, recordsQuality: selfScore, goodModels: selfScore }),
  discipline: fc.constantFrom(...DISCIPLINE_STATUSES),
  womenPriority: fc.boolean(),
});

function flatten(results: CriterionResult[]): CriterionResult[] {
  return results.flatMap((r) => [r, ...flatten(r.children)]);
}

describe('scoring any dossier under the 2025 scheme', () => {
  it('every criterion scores a whole number of hundredths between 0 and its maximum; the total never exceeds 105', () => {
    fc.assert(
      fc.property(dossierInput, (input) => {
        const result = scoreDossier(scheme, input);
        for (const criterion of flatten([...result.criteria, ...result.bonusCriteria])) {
          expect(Number.isInteger(criterion.points), criterion.id).toBe(true);
          expect(criterion.points, criterion.id).toBeGreaterThanOrEqual(0);
          expect(criterion.points, criterion.id).toBeLessThanOrEqual(criterion.max);
        }
        expect(result.base).toBe(result.criteria.reduce((sum, c) => sum + c.points, 0));
        expect(result.base).toBeLessThanOrEqual(10_000);
        expect(result.bonus).toBeGreaterThanOrEqual(0);
        expect(result.bonus).toBeLessThanOrEqual(500);
        expect(result.total).toBe(result.base + result.bonus);
        expect(result.total).toBeLessThanOrEqual(10_500);
      }),
      { numRuns: 500 },
    );
  });

  it('eligibility and completeness agree with the reasons given', () => {
    fc.assert(
      fc.property(dossierInput, (input) => {
        const result = scoreDossier(scheme, input);
        expect(result.eligible).toBe(result.gateFailures.length === 0);
        expect(result.complete).toBe(result.missing.length === 0);
        expect(new Set(result.missing).size).toBe(result.missing.length);
        expect(result.gateFailures.some((f) => f.gateId === 'discipline')).toBe(input.discipline !== 'none');
        expect(result.gateFailures.some((f) => f.gateId === 'minTotal')).toBe(result.total < scheme.minTotal);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(dossierInput, (input) => {
        const before = structuredClone(input);
        const first = scoreDossier(scheme, input);
        const second = scoreDossier(scheme, structuredClone(input));
        expect(second).toEqual(first);
        expect(input).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});

/** Values with at most four decimals, where rules compare exactly. */
const value = fc.oneof(fc.integer({ min: -2_000_000, max: 2_000_000 }).map((n) => n / 10_000), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
const maxPoints = fc.integer({ min: 0, max: 5000 });

function pointsOf(rule: Rule, max: Hundredths, indicators: Record<string, IndicatorValue>): Hundredths {
  return applyRule(leaf(rule, max), rule, scoreInput(indicators)).points;
}

describe('rules are monotone', () => {
  const steps = fc.array(fc.record({ bound: value, points: fc.integer({ min: -100, max: 6000 }) }), { minLength: 1, maxLength: 6 });

  it('thresholds: higher is better never earns less for a higher value; lower is better never earns more', () => {
    fc.assert(
      fc.property(steps, fc.constantFrom('higherIsBetter' as const, 'lowerIsBetter' as const), maxPoints, value, value, (stepList, direction, max, a, b) => {
        const rule: Rule = { type: 'thresholds', indicator: 'x', direction, steps: stepList };
        const [low, high] = a <= b ? [a, b] : [b, a];
        const atLow = pointsOf(rule, max, { x: low });
        const atHigh = pointsOf(rule, max, { x: high });
        if (direction === 'higherIsBetter') expect(atLow).toBeLessThanOrEqual(atHigh);
        else expect(atLow).toBeGreaterThanOrEqual(atHigh);
        for (const points of [atLow, atHigh]) {
          expect(points).toBeGreaterThanOrEqual(0);
          expect(points).toBeLessThanOrEqual(max);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('thresholds: a value exactly at a bound earns at least that bound’s points (within the maximum)', () => {
    fc.assert(
      fc.property(steps, fc.constantFrom('higherIsBetter' as const, 'lowerIsBetter' as const), maxPoints, fc.nat(), (stepList, direction, max, pick) => {
        const step = stepList[pick % stepList.length];
        if (!step) return;
        const rule: Rule = { type: 'thresholds', indicator: 'x', direction, steps: stepList };
        expect(pointsOf(rule, max, { x: step.bound })).toBeGreaterThanOrEqual(Math.min(max, Math.max(0, step.points)));
      }),
    );
  });

  it('linear: rising scales never fall, falling scales never rise, and both stay within 0 and the maximum', () => {
    fc.assert(
      fc.property(value, value, maxPoints, value, value, (zeroAt, fullAt, max, a, b) => {
        fc.pre(scaled(zeroAt) !== scaled(fullAt));
        const rule: Rule = { type: 'linear', indicator: 'x', zeroAt, fullAt };
        const [low, high] = a <= b ? [a, b] : [b, a];
        const atLow = pointsOf(rule, max, { x: low });
        const atHigh = pointsOf(rule, max, { x: high });
        if (scaled(fullAt) > scaled(zeroAt)) expect(atLow).toBeLessThanOrEqual(atHigh);
        else expect(atLow).toBeGreaterThanOrEqual(atHigh);
        expect(pointsOf(rule, max, { x: zeroAt })).toBe(0);
        expect(pointsOf(rule, max, { x: fullAt })).toBe(max);
        for (const points of [atLow, atHigh]) {
          expect(points).toBeGreaterThanOrEqual(0);
          expect(points).toBeLessThanOrEqual(max);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('ratio: more done against the same plan never earns less', () => {
    fc.assert(
      fc.property(value, value, fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 200 }), maxPoints, (a, b, plan, fullAtPercent, max) => {
        const rule: Rule = { type: 'ratio', indicator: 'x', plan: 'plan', fullAtPercent };
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(pointsOf(rule, max, { x: low, plan })).toBeLessThanOrEqual(pointsOf(rule, max, { x: high, plan }));
        expect(pointsOf(rule, max, { x: high, plan })).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('deduction: more counts never earn more', () => {
    fc.assert(
      fc.property(value, value, fc.integer({ min: 0, max: 1000 }), maxPoints, (a, b, perCount, max) => {
        const rule: Rule = { type: 'deduction', indicator: 'x', perCount };
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(pointsOf(rule, max, { x: low })).toBeGreaterThanOrEqual(pointsOf(rule, max, { x: high }));
      }),
    );
  });
});

describe('exact decimals', () => {
  it('roundDiv gives the nearest integer, halves away from zero', () => {
    const big = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    fc.assert(
      fc.property(big, big.filter((d) => d !== 0n), (n, d) => {
        const q = roundDiv(n, d);
        const abs = (x: bigint) => (x < 0n ? -x : x);
        const error = abs(n - q * d) * 2n;
        expect(error <= abs(d)).toBe(true);
        if (error === abs(d)) expect(abs(q * d) > abs(n)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('hundredths written by formatHundredths read back exactly, with a point or a comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (points) => {
        const text = formatHundredths(points);
        expect(toHundredths(text)).toBe(points);
        expect(toHundredths(text.replace('.', ','))).toBe(points);
      }),
    );
  });

  it('a number written the Vietnamese way reads back as the same number (or, when it could be thousands, is asked about)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }), (n, decimals) => {
        const number = n / 10 ** decimals;
        const typed = readTypedNumber(String(number).replace('.', ','), { decimals: 4, min: -1e12, max: 1e12 });
        if (typed.state === 'ambiguous') expect(typed.readings).toContain(number);
        else expect(typed).toEqual({ state: 'read', value: number });
        expect(parseDecimal(unambiguousText(number))).toBe(number);
      }),
    );
  });
});

interface RankCase {
  id: string;
  total: number;
  eligible: boolean;
  overdue: number;
  women: boolean;
}

/** Few distinct values, so ties are common. */
const rankCase: fc.Arbitrary<RankCase> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  total: fc.integer({ min: 6_990, max: 7_000 }),
  eligible: fc.boolean(),
  overdue: fc.constantFrom(0, 500, 1500),
  women: fc.boolean(),
});

const rankCases = fc
  .uniqueArray(rankCase, { selector: (c) => c.id, maxLength: 25 })
  .chain((cases) => fc.tuple(fc.constant(cases), fc.shuffledSubarray(cases, { minLength: cases.length, maxLength: cases.length })));

function toEntries(cases: RankCase[]): RankEntry[] {
  return cases.map((c) => ({ id: c.id, result: rankResult(c.total, c.eligible, c.overdue), womenPriority: c.women }));
}

/** The order the council's rules define, written independently: eligible, total, overdue points, women. */
function keyOf(c: RankCase): number[] {
  return [c.eligible ? 1 : 0, c.total, c.overdue, c.women ? 1 : 0];
}

function better(a: RankCase, b: RankCase): boolean {
  const ka = keyOf(a);
  const kb = keyOf(b);
  for (let i = 0; i < ka.length; i += 1) if ((ka[i] ?? 0) !== (kb[i] ?? 0)) return (ka[i] ?? 0) > (kb[i] ?? 0);
  return false;
}

function summary(rows: RankedRow[]): Map<string, { position: number; tiedWith: string[] }> {
  return new Map(rows.map((row) => [row.id, { position: row.position, tiedWith: [...row.tiedWith].sort() }]));
}

describe('ranking any set of dossiers', () => {
  it('returns every dossier exactly once, with 1-based, non-decreasing positions', () => {
    fc.assert(
      fc.property(rankCases, ([cases]) => {
        const rows = rankDossiers(toEntries(cases), DEFAULT_TIE_BREAKS);
        expect(rows.map((r) => r.id).sort()).toEqual(cases.map((c) => c.id).sort());
        rows.forEach((row, index) => {
          expect(row.position).toBeGreaterThanOrEqual(1);
          expect(row.position).toBeLessThanOrEqual(index + 1);
          const previous = rows[index - 1];
          if (index === 0) expect(row.position).toBe(1);
          else if (previous) expect([previous.position, index + 1]).toContain(row.position);
          if (previous) expect(previous.position).toBeLessThanOrEqual(row.position);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a position is one more than the number of strictly better dossiers; ties are exactly the equals', () => {
    fc.assert(
      fc.property(rankCases, ([cases]) => {
        const rows = summary(rankDossiers(toEntries(cases), DEFAULT_TIE_BREAKS));
        for (const c of cases) {
          const row = rows.get(c.id);
          expect(row?.position).toBe(1 + cases.filter((other) => better(other, c)).length);
          const equals = cases.filter((other) => other.id !== c.id && !better(other, c) && !better(c, other)).map((o) => o.id);
          expect(row?.tiedWith).toEqual(equals.sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the order of the input never changes positions or ties', () => {
    fc.assert(
      fc.property(rankCases, ([cases, shuffled]) => {
        const original = rankDossiers(toEntries(cases), DEFAULT_TIE_BREAKS);
        const reordered = rankDossiers(toEntries(shuffled), DEFAULT_TIE_BREAKS);
        expect(summary(reordered)).toEqual(summary(original));
        expect(reordered.map((r) => r.id)).toEqual(original.map((r) => r.id));
      }),
      { numRuns: 300 },
    );
  });
});
