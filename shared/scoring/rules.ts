import { EXACT_LIMIT, roundDiv, roundDivide, scaledValue, VALUE_SCALE } from './decimal';
import type { Criterion, Hundredths, IndicatorValue, Rule, RuleNote, ScoreInput, ThresholdStep } from './types';

export interface RuleOutcome {
  points: Hundredths;
  inputs: Record<string, IndicatorValue>;
  missing: string[];
  note: RuleNote | null;
}

export function clampPoints(points: number, max: Hundredths): Hundredths {
  return Math.min(max, Math.max(0, points));
}

/** A finite number the dossier gives for an indicator, or null. */
export function numericValue(input: ScoreInput, key: string): number | null {
  const value = input.indicators[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A maximum the exact path can use; anything else (a half-edited scheme's empty one) takes the BigInt path, which refuses it. */
function usableMax(max: Hundredths): boolean {
  return Number.isSafeInteger(max) && max >= 0;
}

function isExact(...values: number[]): boolean {
  for (const value of values) if (!(Math.abs(value) < EXACT_LIMIT)) return false;
  return true;
}

/**
 * The points of a manual criterion for a self-assessed score: down to the criterion's step, within 0 and the maximum.
 * The score-only path and the explanation both call these functions, so they cannot disagree.
 */
export function manualPoints(self: number, step: Hundredths, max: Hundredths): Hundredths {
  const stepped = step > 0 ? Math.floor(Math.round(self) / step) * step : Math.round(self);
  return clampPoints(stepped, max);
}

/** Thresholds: the best points among the steps the value (in ten-thousandths) reaches; `bounds` are the steps' bounds scaled. */
export function thresholdPoints(value: number, higherIsBetter: boolean, bounds: readonly number[], steps: readonly ThresholdStep[], max: Hundredths): { points: Hundredths; reached: number } {
  let points = 0;
  let reached = -1;
  for (let index = 0; index < bounds.length; index += 1) {
    const bound = bounds[index] as number;
    const step = steps[index] as ThresholdStep;
    const hit = higherIsBetter ? value >= bound : value <= bound;
    if (hit && step.points >= points) {
      points = step.points;
      reached = index;
    }
  }
  return { points: clampPoints(points, max), reached };
}

/** Linear: max × (value − zeroAt) ÷ (fullAt − zeroAt), rounded once, within 0 and the maximum; operands in ten-thousandths. */
export function linearPoints(value: number, zeroAt: number, fullAt: number, max: Hundredths): Hundredths {
  if (usableMax(max) && isExact(value, zeroAt, fullAt)) {
    const span = fullAt - zeroAt;
    if (span === 0) return value === fullAt ? max : 0;
    const offset = value - zeroAt;
    // Outside the span the rounded share is at most 0 or at least the maximum: no product is needed.
    if (span > 0 ? offset <= 0 : offset >= 0) return 0;
    if (span > 0 ? offset >= span : offset <= span) return max;
    if (max * Math.abs(span) < EXACT_LIMIT) return clampPoints(roundDivide(max * offset, span), max);
  }
  const span = BigInt(fullAt) - BigInt(zeroAt);
  const raw = span === 0n ? (value === fullAt ? BigInt(max) : 0n) : roundDiv(BigInt(max) * (BigInt(value) - BigInt(zeroAt)), span);
  return clampPoints(Number(raw), max);
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Ratio to plan: max × (value ÷ plan) ÷ (fullAtPercent ÷ 100), rounded once, within 0 and the maximum; value, plan and
 * fullAtPercent in ten-thousandths, the plan above zero.
 */
export function ratioPoints(value: number, plan: number, fullAtPercent: number, max: Hundredths): Hundredths {
  if (usableMax(max) && fullAtPercent > 0 && isExact(value, plan, fullAtPercent)) {
    if (value <= 0) return 0;
    // 100 × VALUE_SCALE ÷ fullAtPercent, reduced, keeps the products small for every sensible percentage.
    const divisor = greatestCommonDivisor(1_000_000, fullAtPercent);
    const top = value * (1_000_000 / divisor);
    const bottom = plan * (fullAtPercent / divisor);
    if (top < EXACT_LIMIT && bottom < EXACT_LIMIT) {
      if (top >= bottom) return max;
      if (max * bottom < EXACT_LIMIT) return clampPoints(roundDivide(max * top, bottom), max);
    }
  }
  const raw = roundDiv(BigInt(max) * BigInt(value) * 100n * VALUE_SCALE, BigInt(plan) * BigInt(fullAtPercent));
  return clampPoints(Number(raw), max);
}

/** The value as a percentage of the plan, to the hundredth (for the explanation); both in ten-thousandths. */
function percentOfPlan(value: number, plan: number): number {
  const hundredths = isExact(value * 10_000, plan) ? roundDivide(value * 10_000, plan) : Number(roundDiv(BigInt(value) * 10_000n, BigInt(plan)));
  return hundredths / 100;
}

/** Deduction: the maximum less so much per count, never below 0. */
export function deductionPoints(value: number, perCount: Hundredths, max: Hundredths): Hundredths {
  const count = Math.max(0, Math.floor(value));
  return clampPoints(max - count * perCount, max);
}

function missingOutcome(keys: string[], inputs: Record<string, IndicatorValue>): RuleOutcome {
  return { points: 0, inputs, missing: keys, note: { key: 'rule.missing', params: { count: keys.length } } };
}

/** Applies a leaf criterion's rule to a dossier's inputs, with the reason for its points. */
export function applyRule(criterion: Criterion, rule: Rule, input: ScoreInput): RuleOutcome {
  const max = criterion.max;
  switch (rule.type) {
    case 'manual': {
      const self = input.selfScores[criterion.id];
      if (self === null || self === undefined || !Number.isFinite(self)) return missingOutcome([criterion.id], {});
      const points = manualPoints(self, rule.step, max);
      return { points, inputs: {}, missing: [], note: { key: 'rule.manualNote', params: { points: points / 100, max: max / 100 } } };
    }
    case 'thresholds': {
      const value = numericValue(input, rule.indicator);
      if (value === null) return missingOutcome([rule.indicator], { [rule.indicator]: null });
      const bounds = rule.steps.map((step) => scaledValue(step.bound));
      const { points, reached } = thresholdPoints(scaledValue(value), rule.direction === 'higherIsBetter', bounds, rule.steps, max);
      const note: RuleNote =
        reached < 0
          ? { key: 'rule.thresholdNone', params: { value } }
          : { key: rule.direction === 'higherIsBetter' ? 'rule.thresholdAtLeast' : 'rule.thresholdAtMost', params: { value, bound: (rule.steps[reached] as ThresholdStep).bound } };
      return { points, inputs: { [rule.indicator]: value }, missing: [], note };
    }
    case 'linear': {
      const value = numericValue(input, rule.indicator);
      if (value === null) return missingOutcome([rule.indicator], { [rule.indicator]: null });
      const points = linearPoints(scaledValue(value), scaledValue(rule.zeroAt), scaledValue(rule.fullAt), max);
      return {
        points,
        inputs: { [rule.indicator]: value },
        missing: [],
        note: { key: 'rule.linearNote', params: { value, zeroAt: rule.zeroAt, fullAt: rule.fullAt } },
      };
    }
    case 'ratio': {
      const value = numericValue(input, rule.indicator);
      const plan = numericValue(input, rule.plan);
      const inputs = { [rule.indicator]: value, [rule.plan]: plan };
      const missing = [value === null ? rule.indicator : null, plan === null ? rule.plan : null].filter((k): k is string => k !== null);
      if (value === null || plan === null) return missingOutcome(missing, inputs);
      const scaledPlan = scaledValue(plan);
      if (scaledPlan <= 0) return { points: 0, inputs, missing: [], note: { key: 'rule.ratioNoPlan', params: {} } };
      const points = ratioPoints(scaledValue(value), scaledPlan, scaledValue(rule.fullAtPercent), max);
      return { points, inputs, missing: [], note: { key: 'rule.ratioNote', params: { percent: percentOfPlan(scaledValue(value), scaledPlan), fullAt: rule.fullAtPercent } } };
    }
    case 'yesNo': {
      const value = input.indicators[rule.indicator];
      if (typeof value !== 'boolean') return missingOutcome([rule.indicator], { [rule.indicator]: null });
      const points = value === rule.pointsWhen ? max : 0;
      return { points, inputs: { [rule.indicator]: value }, missing: [], note: { key: value ? 'rule.yes' : 'rule.no', params: {} } };
    }
    case 'deduction': {
      const value = numericValue(input, rule.indicator);
      if (value === null) return missingOutcome([rule.indicator], { [rule.indicator]: null });
      const points = deductionPoints(value, rule.perCount, max);
      return {
        points,
        inputs: { [rule.indicator]: value },
        missing: [],
        note: { key: 'rule.deductionNote', params: { count: Math.max(0, Math.floor(value)), perCount: rule.perCount / 100 } },
      };
    }
  }
}
