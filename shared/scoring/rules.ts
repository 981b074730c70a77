import { roundDiv, scaled, VALUE_SCALE } from './decimal';
import type { Criterion, Hundredths, IndicatorValue, Rule, RuleNote, ScoreInput } from './types';

export interface RuleOutcome {
  points: Hundredths;
  inputs: Record<string, IndicatorValue>;
  missing: string[];
  note: RuleNote | null;
}

function clamp(points: number, max: Hundredths): Hundredths {
  return Math.min(max, Math.max(0, points));
}

function numeric(input: ScoreInput, key: string): number | null {
  const value = input.indicators[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function missingOutcome(keys: string[], inputs: Record<string, IndicatorValue>): RuleOutcome {
  return { points: 0, inputs, missing: keys, note: { key: 'rule.missing', params: { count: keys.length } } };
}

/** Applies a leaf criterion's rule to a dossier's inputs. */
export function applyRule(criterion: Criterion, rule: Rule, input: ScoreInput): RuleOutcome {
  const max = criterion.max;
  switch (rule.type) {
    case 'manual': {
      const self = input.selfScores[criterion.id];
      if (self === null || self === undefined || !Number.isFinite(self)) return missingOutcome([criterion.id], {});
      const stepped = rule.step > 0 ? Math.floor(Math.round(self) / rule.step) * rule.step : Math.round(self);
      const points = clamp(stepped, max);
      return { points, inputs: {}, missing: [], note: { key: 'rule.manualNote', params: { points: points / 100, max: max / 100 } } };
    }
    case 'thresholds': {
      const value = numeric(input, rule.indicator);
      if (value === null) return missingOutcome([rule.indicator], { [rule.indicator]: null });
      const v = scaled(value);
      let points = 0;
      let reached: number | null = null;
      for (const step of rule.steps) {
        const hit = rule.direction === 'higherIsBetter' ? v >= scaled(step.bound) : v <= scaled(step.bound);
        if (hit && step.points >= points) {
          points = step.points;
          reached = step.bound;
        }
      }
      const note: RuleNote =
        reached === null
          ? { key: 'rule.thresholdNone', params: { value } }
          : { key: rule.direction === 'higherIsBetter' ? 'rule.thresholdAtLeast' : 'rule.thresholdAtMost', params: { value, bound: reached } };
      return { points: clamp(points, max), inputs: { [rule.indicator]: value }, missing: [], note };
    }
    case 'linear': {
      const value = numeric(input, rule.indicator);
      if (value === null) return missingOutcome([rule.indicator], { [rule.indicator]: null });
      const span = scaled(rule.fullAt) - scaled(rule.zeroAt);
      const raw = span === 0n ? (scaled(value) === scaled(rule.fullAt) ? BigInt(max) : 0n) : roundDiv(BigInt(max) * (scaled(value) - scaled(rule.zeroAt)), span);
      const points = clamp(Number(raw), max);
      return {
        points,
        inputs: { [rule.indicator]: value },
        missing: [],
        note: { key: 'rule.linearNote', params: { value, zeroAt: rule.zeroAt, fullAt: rule.fullAt } },
      };
    }
    case 'ratio': {
      const value = numeric(input, rule.indicator);
      const plan = numeric(input, rule.plan);
      const inputs = { [rule.indicator]: value, [rule.plan]: plan };
      const missing = [value === null ? rule.indicator : null, plan === null ? rule.plan : null].filter((k): k is string => k !== null);
      if (value === null || plan === null) return missingOutcome(missing, inputs);
      if (scaled(plan) <= 0n) return { points: 0, inputs, missing: [], note: { key: 'rule.ratioNoPlan', params: {} } };
      // points = max × (value / plan) / (fullAtPercent / 100); fullAtPercent is scaled too, hence VALUE_SCALE.
      const raw = roundDiv(BigInt(max) * scaled(value) * 100n * VALUE_SCALE, scaled(plan) * scaled(rule.fullAtPercent));
      const points = clamp(Number(raw), max);
      const percent = Number(roundDiv(scaled(value) * 10_000n, scaled(plan))) / 100;
      return { points, inputs, missing: [], note: { key: 'rule.ratioNote', params: { percent, fullAt: rule.fullAtPercent } } };
    }
    case 'yesNo': {
      const value = input.indicators[rule.indicator];
      if (typeof value !== 'boolean') return missingOutcome([rule.indicator], { [rule.indicator]: null });
      const points = value === rule.pointsWhen ? max : 0;
      return { points, inputs: { [rule.indicator]: value }, missing: [], note: { key: value ? 'rule.yes' : 'rule.no', params: {} } };
    }
    case 'deduction': {
      const value = numeric(input, rule.indicator);
      if (value === null) return missingOutcome([rule.indicator], { [rule.indicator]: null });
      const count = Math.max(0, Math.floor(value));
      const points = clamp(max - count * rule.perCount, max);
      return {
        points,
        inputs: { [rule.indicator]: value },
        missing: [],
        note: { key: 'rule.deductionNote', params: { count, perCount: rule.perCount / 100 } },
      };
    }
  }
}
