import { describe, expect, it } from 'vitest';
import { applyRule } from '../../shared/scoring/rules';
import { scoreDossier } from '../../shared/scoring/score';
import type { Hundredths, IndicatorValue, Rule, Scheme } from '../../shared/scoring/types';
import { scorePoints } from '../../shared/scoring/points';
import { collectiveScheme2025 } from '../../shared/scoring/schemes/collective-2025';
import { leaf, scoreInput } from './fixtures';

/** Applies one rule to one indicator value (key "x", plan key "plan"). */
function apply(rule: Rule, indicators: Record<string, IndicatorValue | undefined>, max: Hundredths = 1000) {
  return applyRule(leaf(rule, max), rule, scoreInput(indicators));
}

function points(rule: Rule, value: IndicatorValue | undefined, max: Hundredths = 1000): Hundredths {
  return apply(rule, { x: value }, max).points;
}

const NOT_NUMBERS: (IndicatorValue | undefined)[] = [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe('manual rule: the office scores itself in steps', () => {
  const rule: Rule = { type: 'manual', step: 50 };
  const selfScored = (self: number | null | undefined, max: Hundredths = 1500) =>
    applyRule(leaf(rule, max), rule, scoreInput({}, { c: self }));

  it('keeps a self score that is on the step', () => {
    const outcome = selfScored(1250);
    expect(outcome.points).toBe(1250);
    expect(outcome.missing).toEqual([]);
    expect(outcome.note).toEqual({ key: 'rule.manualNote', params: { points: 12.5, max: 15 } });
  });

  it('rounds a self score between steps down to the step below', () => {
    expect(selfScored(1230).points).toBe(1200);
    expect(selfScored(1299).points).toBe(1250);
    expect(selfScored(49).points).toBe(0);
  });

  it('accepts exactly the maximum and caps anything above it', () => {
    expect(selfScored(1500).points).toBe(1500);
    expect(selfScored(1550).points).toBe(1500);
    expect(selfScored(1e11).points).toBe(1500);
  });

  it('gives 0 for a negative self score', () => {
    expect(selfScored(-100).points).toBe(0);
    expect(selfScored(-1).points).toBe(0);
  });

  it('without a step, rounds a fractional self score to the nearest hundredth', () => {
    const free: Rule = { type: 'manual', step: 0 };
    expect(applyRule(leaf(free, 1500), free, scoreInput({}, { c: 1234.6 })).points).toBe(1235);
    expect(applyRule(leaf(free, 1500), free, scoreInput({}, { c: 1234.4 })).points).toBe(1234);
  });

  it('an empty self score earns nothing and is listed as missing under the criterion id', () => {
    for (const empty of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      const outcome = selfScored(empty);
      expect(outcome.points).toBe(0);
      expect(outcome.missing).toEqual(['c']);
      expect(outcome.note).toEqual({ key: 'rule.missing', params: { count: 1 } });
    }
  });
});

describe('thresholds rule, lower is better (the overdue-debt ratio)', () => {
  const rule: Rule = {
    type: 'thresholds',
    indicator: 'x',
    direction: 'lowerIsBetter',
    steps: [
      { bound: 0.14, points: 1500 },
      { bound: 0.3, points: 1000 },
      { bound: 0.5, points: 500 },
      { bound: 1, points: 200 },
    ],
  };
  const score = (value: IndicatorValue | undefined) => points(rule, value, 1500);

  it('a ratio exactly at a bound earns that bound’s points', () => {
    expect(score(0.14)).toBe(1500);
    expect(score(0.3)).toBe(1000);
    expect(score(0.5)).toBe(500);
    expect(score(1)).toBe(200);
  });

  it('a ratio just above a bound falls to the next step', () => {
    expect(score(0.15)).toBe(1000);
    expect(score(0.31)).toBe(500);
    expect(score(0.51)).toBe(200);
  });

  it('a ratio above every bound earns nothing and says so', () => {
    const outcome = apply(rule, { x: 1.01 }, 1500);
    expect(outcome.points).toBe(0);
    expect(outcome.note).toEqual({ key: 'rule.thresholdNone', params: { value: 1.01 } });
    expect(score(1e11)).toBe(0);
  });

  it('zero and negative ratios earn the best step', () => {
    expect(score(0)).toBe(1500);
    expect(score(-0.5)).toBe(1500);
  });

  it('explains which bound was met', () => {
    const outcome = apply(rule, { x: 0.2 }, 1500);
    expect(outcome.note).toEqual({ key: 'rule.thresholdAtMost', params: { value: 0.2, bound: 0.3 } });
    expect(outcome.inputs).toEqual({ x: 0.2 });
    expect(outcome.missing).toEqual([]);
  });
});

describe('thresholds rule, higher is better (articles published)', () => {
  const rule: Rule = {
    type: 'thresholds',
    indicator: 'x',
    direction: 'higherIsBetter',
    steps: [
      { bound: 2, points: 100 },
      { bound: 5, points: 200 },
    ],
  };
  const score = (value: IndicatorValue | undefined) => points(rule, value, 200);

  it('below the first bound earns nothing', () => {
    expect(score(0)).toBe(0);
    expect(score(1.9999)).toBe(0);
    expect(score(-3)).toBe(0);
    expect(apply(rule, { x: 1 }, 200).note).toEqual({ key: 'rule.thresholdNone', params: { value: 1 } });
  });

  it('reaching a bound exactly earns its points, and the best bound reached wins', () => {
    expect(score(2)).toBe(100);
    expect(score(4)).toBe(100);
    expect(score(5)).toBe(200);
    expect(score(1e11)).toBe(200);
    expect(apply(rule, { x: 7 }, 200).note).toEqual({ key: 'rule.thresholdAtLeast', params: { value: 7, bound: 5 } });
  });

  it('the order the steps are listed in does not matter', () => {
    const reversed: Rule = { ...rule, steps: [{ bound: 5, points: 200 }, { bound: 2, points: 100 }] };
    for (const value of [0, 2, 3, 5, 9]) {
      expect(points(reversed, value, 200)).toBe(score(value));
    }
  });

  it('never gives more than the criterion’s maximum, even if a step promises more', () => {
    const generous: Rule = { type: 'thresholds', indicator: 'x', direction: 'higherIsBetter', steps: [{ bound: 1, points: 5000 }] };
    expect(points(generous, 3, 1000)).toBe(1000);
  });

  it('compares exactly at four decimals (no floating-point surprise at the bound)', () => {
    const tight: Rule = { type: 'thresholds', indicator: 'x', direction: 'higherIsBetter', steps: [{ bound: 0.3, points: 100 }] };
    expect(points(tight, 0.1 + 0.2, 100)).toBe(100);
  });
});

describe('linear rule', () => {
  const growth: Rule = { type: 'linear', indicator: 'x', zeroAt: 0, fullAt: 10 };
  const fall: Rule = { type: 'linear', indicator: 'x', zeroAt: 0, fullAt: -0.1 };

  it('higher is better: 0 at zeroAt, full at fullAt, proportional between', () => {
    expect(points(growth, 0, 600)).toBe(0);
    expect(points(growth, 2.5, 600)).toBe(150);
    expect(points(growth, 5, 600)).toBe(300);
    expect(points(growth, 10, 600)).toBe(600);
  });

  it('higher is better: beyond the bounds it is capped at 0 and at the maximum', () => {
    expect(points(growth, -5, 600)).toBe(0);
    expect(points(growth, 20, 600)).toBe(600);
    expect(points(growth, 1e11, 600)).toBe(600);
    expect(points(growth, -1e11, 600)).toBe(0);
  });

  it('lower is better when zeroAt > fullAt: a fall of the overdue ratio by 0.05 points earns half', () => {
    expect(points(fall, 0, 500)).toBe(0);
    expect(points(fall, -0.01, 500)).toBe(50);
    expect(points(fall, -0.05, 500)).toBe(250);
    expect(points(fall, -0.1, 500)).toBe(500);
    expect(points(fall, -0.5, 500)).toBe(500);
    expect(points(fall, 0.3, 500)).toBe(0);
  });

  it('rounds once, half away from zero, to the hundredth', () => {
    const groups: Rule = { type: 'linear', indicator: 'x', zeroAt: 80, fullAt: 96 };
    expect(points(groups, 88, 1000)).toBe(500);
    // 1000 × 0.008 / 16 = 0.5 hundredth → 1; 1000 × 0.0079 / 16 = 0.49 → 0.
    expect(points(groups, 80.008, 1000)).toBe(1);
    expect(points(groups, 80.0079, 1000)).toBe(0);
    // Falling scale: 500 × (−0.0001) / (−0.1) = 0.5 hundredth → 1.
    expect(points(fall, -0.0001, 500)).toBe(1);
  });

  it('explains the scale used', () => {
    expect(apply(growth, { x: 5 }, 600).note).toEqual({ key: 'rule.linearNote', params: { value: 5, zeroAt: 0, fullAt: 10 } });
  });

  it('a scale of zero width gives full points only at its single value', () => {
    const point: Rule = { type: 'linear', indicator: 'x', zeroAt: 5, fullAt: 5 };
    expect(points(point, 5, 400)).toBe(400);
    expect(points(point, 4.9, 400)).toBe(0);
  });
});

describe('ratio rule: result against the plan', () => {
  const rule: Rule = { type: 'ratio', indicator: 'x', plan: 'plan', fullAtPercent: 100 };
  const ratio = (value: IndicatorValue | undefined, plan: IndicatorValue | undefined, max: Hundredths = 1000, r: Rule = rule) =>
    apply(r, { x: value, plan }, max);

  it('earns points in proportion to the plan reached', () => {
    const outcome = ratio(500, 1000);
    expect(outcome.points).toBe(500);
    expect(outcome.inputs).toEqual({ x: 500, plan: 1000 });
    expect(outcome.note).toEqual({ key: 'rule.ratioNote', params: { percent: 50, fullAt: 100 } });
  });

  it('meeting the plan exactly earns full points', () => {
    expect(ratio(12, 12).points).toBe(1000);
  });

  it('beating the plan is capped at full points but the note shows the real percentage', () => {
    const outcome = ratio(1500, 1000);
    expect(outcome.points).toBe(1000);
    expect(outcome.note).toEqual({ key: 'rule.ratioNote', params: { percent: 150, fullAt: 100 } });
    expect(ratio(1e11, 1).points).toBe(1000);
  });

  it('rounds to the nearest hundredth', () => {
    expect(ratio(1, 3).points).toBe(333);
    expect(ratio(2, 3).points).toBe(667);
    expect(ratio(1, 3).note?.params.percent).toBe(33.33);
  });

  it('full points can be reached before 100 % when the council says so', () => {
    const at80: Rule = { ...rule, fullAtPercent: 80 };
    expect(ratio(800, 1000, 1000, at80).points).toBe(1000);
    expect(ratio(400, 1000, 1000, at80).points).toBe(500);
  });

  it('a plan of 0 (or below) earns nothing and says there was no plan, without calling it missing', () => {
    for (const plan of [0, -5]) {
      const outcome = ratio(10, plan);
      expect(outcome.points).toBe(0);
      expect(outcome.missing).toEqual([]);
      expect(outcome.note).toEqual({ key: 'rule.ratioNoPlan', params: {} });
    }
  });

  it('a zero or negative result earns nothing', () => {
    expect(ratio(0, 1000).points).toBe(0);
    expect(ratio(-300, 1000).points).toBe(0);
  });

  it('a missing plan or result is listed as missing, by indicator key', () => {
    const noPlan = ratio(500, null);
    expect(noPlan.points).toBe(0);
    expect(noPlan.missing).toEqual(['plan']);
    expect(noPlan.inputs).toEqual({ x: 500, plan: null });

    expect(ratio(undefined, 1000).missing).toEqual(['x']);

    const neither = ratio(Number.NaN, Number.POSITIVE_INFINITY);
    expect(neither.missing).toEqual(['x', 'plan']);
    expect(neither.note).toEqual({ key: 'rule.missing', params: { count: 2 } });
  });
});

describe('yes/no rule', () => {
  const whenYes: Rule = { type: 'yesNo', indicator: 'x', pointsWhen: true };
  const whenNo: Rule = { type: 'yesNo', indicator: 'x', pointsWhen: false };

  it('pointsWhen true: "yes" earns the maximum, "no" nothing', () => {
    expect(apply(whenYes, { x: true }, 400)).toMatchObject({ points: 400, note: { key: 'rule.yes' }, inputs: { x: true } });
    expect(apply(whenYes, { x: false }, 400)).toMatchObject({ points: 0, note: { key: 'rule.no' } });
  });

  it('pointsWhen false: "no" earns the maximum, "yes" nothing', () => {
    expect(apply(whenNo, { x: false }, 400)).toMatchObject({ points: 400, note: { key: 'rule.no' } });
    expect(apply(whenNo, { x: true }, 400)).toMatchObject({ points: 0, note: { key: 'rule.yes' } });
  });

  it('an empty answer, or a number instead of yes/no, is missing', () => {
    for (const value of [null, undefined, 1, 0]) {
      const outcome = apply(whenYes, { x: value }, 400);
      expect(outcome.points).toBe(0);
      expect(outcome.missing).toEqual(['x']);
    }
  });
});

describe('deduction rule: points off per count, floored at 0', () => {
  const rule: Rule = { type: 'deduction', indicator: 'x', perCount: 250 };

  it('no violation keeps the full points', () => {
    expect(points(rule, 0, 500)).toBe(500);
  });

  it('each count takes off perCount', () => {
    expect(points(rule, 1, 500)).toBe(250);
    expect(points(rule, 2, 500)).toBe(0);
    expect(apply(rule, { x: 1 }, 500).note).toEqual({ key: 'rule.deductionNote', params: { count: 1, perCount: 2.5 } });
  });

  it('never goes below 0, however many counts', () => {
    expect(points(rule, 3, 500)).toBe(0);
    expect(points(rule, 1e11, 500)).toBe(0);
  });

  it('counts whole units only and ignores negative counts', () => {
    expect(points(rule, 1.9, 500)).toBe(250);
    expect(points(rule, -2, 500)).toBe(500);
    expect(apply(rule, { x: -2 }, 500).note).toEqual({ key: 'rule.deductionNote', params: { count: 0, perCount: 2.5 } });
    expect(apply(rule, { x: 2.7 }, 500).note?.params.count).toBe(2);
  });
});

describe('every rule treats empty and non-finite values as missing', () => {
  const rules: Rule[] = [
    { type: 'thresholds', indicator: 'x', direction: 'higherIsBetter', steps: [{ bound: -1e12, points: 100 }] },
    { type: 'thresholds', indicator: 'x', direction: 'lowerIsBetter', steps: [{ bound: 1e12, points: 100 }] },
    { type: 'linear', indicator: 'x', zeroAt: 0, fullAt: 10 },
    { type: 'ratio', indicator: 'x', plan: 'plan', fullAtPercent: 100 },
    { type: 'deduction', indicator: 'x', perCount: 10 },
  ];

  for (const rule of rules) {
    it(`${rule.type}${rule.type === 'thresholds' ? ` (${rule.direction})` : ''}: 0 points and "x" listed as missing`, () => {
      for (const value of NOT_NUMBERS) {
        const outcome = apply(rule, { x: value, plan: 100 }, 1000);
        expect(outcome.points, String(value)).toBe(0);
        expect(outcome.missing, String(value)).toEqual(['x']);
        expect(outcome.note?.key).toBe('rule.missing');
      }
    });
  }

  it('a yes/no indicator given where a number is expected is missing too', () => {
    expect(apply({ type: 'linear', indicator: 'x', zeroAt: 0, fullAt: 10 }, { x: true }).missing).toEqual(['x']);
  });
});

describe('rules inside scoreDossier', () => {
  const scheme: Scheme = {
    id: 't',
    version: 1,
    kinds: ['womensUnion'],
    label: { vi: 't', en: 't' },
    indicators: [],
    criteria: [
      leaf({ type: 'manual', step: 50 }, 1000, 'self'),
      leaf({ type: 'thresholds', indicator: 'a', direction: 'higherIsBetter', steps: [{ bound: 1, points: 1000 }] }, 1000, 'thr'),
      leaf({ type: 'linear', indicator: 'b', zeroAt: 0, fullAt: 1 }, 1000, 'lin'),
      leaf({ type: 'ratio', indicator: 'c', plan: 'cPlan', fullAtPercent: 100 }, 1000, 'rat'),
      leaf({ type: 'yesNo', indicator: 'd', pointsWhen: true }, 1000, 'yn'),
      leaf({ type: 'deduction', indicator: 'e', perCount: 100 }, 1000, 'ded'),
    ],
    bonus: { max: 0, criteria: [] },
    gates: [],
    minTotal: 0,
  };

  it('an empty dossier earns 0 everywhere and lists every input still empty', () => {
    const result = scoreDossier(scheme, scoreInput());
    expect(result.total).toBe(0);
    expect(result.criteria.map((c) => c.points)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(result.missing).toEqual(['self', 'a', 'b', 'c', 'cPlan', 'd', 'e']);
    expect(result.complete).toBe(false);
  });

  it('each criterion records which rule it used', () => {
    const result = scoreDossier(scheme, scoreInput());
    expect(result.criteria.map((c) => c.rule)).toEqual(['manual', 'thresholds', 'linear', 'ratio', 'yesNo', 'deduction']);
  });

  it('extreme inputs never push any criterion above its maximum or below 0', () => {
    for (const value of [1e11, -1e11, 0, 0.5]) {
      const result = scoreDossier(scheme, scoreInput({ a: value, b: value, c: value, cPlan: 1, d: true, e: -value }, { self: value }));
      for (const criterion of result.criteria) {
        expect(criterion.points).toBeGreaterThanOrEqual(0);
        expect(criterion.points).toBeLessThanOrEqual(criterion.max);
      }
    }
  });
});

describe('a half-edited scheme (the editor’s sample panel scores it as it is typed)', () => {
  it('a maximum left empty or not a whole number of hundredths makes the rules that multiply by it refuse, in both scoring paths', () => {
    const linear: Rule = { type: 'linear', indicator: 'x', zeroAt: 0, fullAt: 10 };
    const ratio: Rule = { type: 'ratio', indicator: 'x', plan: 'plan', fullAtPercent: 100 };
    for (const max of [null as unknown as number, Number.NaN, 12.5]) {
      for (const [rule, indicators] of [[linear, { x: 5 }], [ratio, { x: 5, plan: 10 }]] as const) {
        expect(() => applyRule(leaf(rule, max), rule, scoreInput(indicators)), `${rule.type} ${max}`).toThrow();
        const scheme = { ...collectiveScheme2025, criteria: [{ id: 'c', label: { vi: 'c', en: 'c' }, max, rule }], bonus: { max: 0, criteria: [] }, gates: [] } as Scheme;
        expect(() => scorePoints(scheme, scoreInput(indicators)), `${rule.type} ${max}`).toThrow();
      }
    }
  });
});
