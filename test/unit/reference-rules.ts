import type { Criterion, Hundredths, Rule, ScoreInput } from '../../shared/scoring/types';

/**
 * The rules' points as the library computed them before it held integers in doubles: every product and quotient in
 * BigInt, written independently of shared/scoring. The property tests compare the library with it, so an integer
 * that leaves the exact range of a double cannot go unnoticed.
 */

const SCALE = 10_000n;
const LIMIT = 1e15;

function scaled(value: number): bigint {
  return BigInt(Math.round(Math.max(-LIMIT, Math.min(LIMIT, value)) * 10_000));
}

function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

function clamp(points: number, max: Hundredths): Hundredths {
  return Math.min(max, Math.max(0, points));
}

function numeric(input: ScoreInput, key: string): number | null {
  const value = input.indicators[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A leaf's points, or null when an input it needs is missing. */
export function referencePoints(criterion: Criterion, rule: Rule, input: ScoreInput): Hundredths | null {
  const max = criterion.max;
  switch (rule.type) {
    case 'manual': {
      const self = input.selfScores[criterion.id];
      if (self === null || self === undefined || !Number.isFinite(self)) return null;
      return clamp(rule.step > 0 ? Math.floor(Math.round(self) / rule.step) * rule.step : Math.round(self), max);
    }
    case 'thresholds': {
      const value = numeric(input, rule.indicator);
      if (value === null) return null;
      let points = 0;
      for (const step of rule.steps) {
        const hit = rule.direction === 'higherIsBetter' ? scaled(value) >= scaled(step.bound) : scaled(value) <= scaled(step.bound);
        if (hit && step.points >= points) points = step.points;
      }
      return clamp(points, max);
    }
    case 'linear': {
      const value = numeric(input, rule.indicator);
      if (value === null) return null;
      const span = scaled(rule.fullAt) - scaled(rule.zeroAt);
      const raw = span === 0n ? (scaled(value) === scaled(rule.fullAt) ? BigInt(max) : 0n) : roundDiv(BigInt(max) * (scaled(value) - scaled(rule.zeroAt)), span);
      return clamp(Number(raw), max);
    }
    case 'ratio': {
      const value = numeric(input, rule.indicator);
      const plan = numeric(input, rule.plan);
      if (value === null || plan === null) return null;
      if (scaled(plan) <= 0n) return 0;
      return clamp(Number(roundDiv(BigInt(max) * scaled(value) * 100n * SCALE, scaled(plan) * scaled(rule.fullAtPercent))), max);
    }
    case 'yesNo': {
      const value = input.indicators[rule.indicator];
      if (typeof value !== 'boolean') return null;
      return value === rule.pointsWhen ? max : 0;
    }
    case 'deduction': {
      const value = numeric(input, rule.indicator);
      if (value === null) return null;
      return clamp(max - Math.max(0, Math.floor(value)) * rule.perCount, max);
    }
  }
}
