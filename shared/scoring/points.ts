import { scaledValue } from './decimal';
import { deductionPoints, linearPoints, manualPoints, ratioPoints, thresholdPoints } from './rules';
import type { Criterion, GateCondition, Hundredths, IndicatorValue, ScoreInput, Scheme, ThresholdStep } from './types';

/** What the ranking needs of a score, without its explanation. */
export interface ScorePoints {
  total: Hundredths;
  base: Hundredths;
  bonus: Hundredths;
  eligible: boolean;
  /** Every gate passed but the minimum total (the council's aggregate is judged against that one again). */
  gatesPassed: boolean;
  complete: boolean;
  /** Every criterion's points, groups included, in the order of {@link criterionOrder}. */
  points: Hundredths[];
}

/** How a gate judges a value: passed, failed, or its input missing (which also fails it). */
export type GateOutcome = 'pass' | 'fail' | 'missing';

/** Judges one gate condition; the explanation and the score-only path both ask it. */
export function judgeGate(condition: GateCondition, value: IndicatorValue | undefined): GateOutcome {
  if (condition.type === 'is') {
    if (typeof value !== 'boolean') return 'missing';
    return value === condition.value ? 'pass' : 'fail';
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'missing';
  if (condition.type === 'atMost') return value > condition.bound ? 'fail' : 'pass';
  return value < condition.bound ? 'fail' : 'pass';
}

const GROUP = 0;
const EMPTY = 1;
const MANUAL = 2;
const THRESHOLDS = 3;
const LINEAR = 4;
const RATIO = 5;
const YES_NO = 6;
const DEDUCTION = 7;

/** A criterion ready to score: its rule's constants scaled once, its children as indices. */
interface Node {
  id: string;
  kind: number;
  max: Hundredths;
  children: number[];
  indicator: string;
  plan: string;
  step: Hundredths;
  higherIsBetter: boolean;
  bounds: number[];
  steps: ThresholdStep[];
  zeroAt: number;
  fullAt: number;
  fullAtPercent: number;
  pointsWhen: boolean;
}

interface Prepared {
  /** Criteria in order: each group before its children, the bonus criteria after the others. */
  nodes: Node[];
  criteria: number[];
  bonusCriteria: number[];
  bonusMax: Hundredths;
  minTotal: Hundredths;
  requireComplete: boolean;
  gates: GateCondition[];
  ids: string[];
  positions: Map<string, number>;
}

const prepared = new WeakMap<Scheme, Prepared>();

function prepare(scheme: Scheme): Prepared {
  const cached = prepared.get(scheme);
  if (cached) return cached;
  const nodes: Node[] = [];
  const add = (criterion: Criterion): number => {
    const index = nodes.length;
    const node: Node = { id: criterion.id, kind: EMPTY, max: criterion.max, children: [], indicator: '', plan: '', step: 0, higherIsBetter: true, bounds: [], steps: [], zeroAt: 0, fullAt: 0, fullAtPercent: 0, pointsWhen: true };
    nodes.push(node);
    const rule = criterion.rule;
    if (criterion.children && criterion.children.length > 0) {
      node.kind = GROUP;
      node.children = criterion.children.map(add);
    } else if (rule) {
      switch (rule.type) {
        case 'manual':
          node.kind = MANUAL;
          node.step = rule.step;
          break;
        case 'thresholds':
          node.kind = THRESHOLDS;
          node.indicator = rule.indicator;
          node.higherIsBetter = rule.direction === 'higherIsBetter';
          node.steps = rule.steps;
          node.bounds = rule.steps.map((step) => scaledValue(step.bound));
          break;
        case 'linear':
          node.kind = LINEAR;
          node.indicator = rule.indicator;
          node.zeroAt = scaledValue(rule.zeroAt);
          node.fullAt = scaledValue(rule.fullAt);
          break;
        case 'ratio':
          node.kind = RATIO;
          node.indicator = rule.indicator;
          node.plan = rule.plan;
          node.fullAtPercent = scaledValue(rule.fullAtPercent);
          break;
        case 'yesNo':
          node.kind = YES_NO;
          node.indicator = rule.indicator;
          node.pointsWhen = rule.pointsWhen;
          break;
        case 'deduction':
          node.kind = DEDUCTION;
          node.indicator = rule.indicator;
          node.step = rule.perCount;
          break;
      }
    }
    return index;
  };
  const criteria = scheme.criteria.map(add);
  const bonusCriteria = scheme.bonus.criteria.map(add);
  const ids = nodes.map((node) => node.id);
  // Searched in the order criterionPoints searches an explanation, so that both find the same criterion of an id.
  const positions = new Map<string, number>();
  const stack = [...criteria, ...bonusCriteria];
  while (stack.length > 0) {
    const index = stack.pop() as number;
    const node = nodes[index] as Node;
    if (!positions.has(node.id)) positions.set(node.id, index);
    stack.push(...node.children);
  }
  const result: Prepared = { nodes, criteria, bonusCriteria, bonusMax: scheme.bonus.max, minTotal: scheme.minTotal, requireComplete: scheme.requireComplete !== false, gates: scheme.gates.map((gate) => gate.condition), ids, positions };
  prepared.set(scheme, result);
  return result;
}

function finite(value: IndicatorValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Scores one dossier without its explanation: totals, eligibility, completeness and every criterion's points, exactly
 * as {@link scoreDossier} gives them, for the ranking and the benchmarks (no notes, no labels, no nested results).
 */
export function scorePoints(scheme: Scheme, input: ScoreInput): ScorePoints {
  const { nodes, criteria, bonusCriteria, bonusMax, minTotal, requireComplete, gates } = prepare(scheme);
  const indicators = input.indicators;
  const points = new Array<Hundredths>(nodes.length);
  let missing = false;
  // Children come after their group, so walking backwards scores every child before its group.
  for (let index = nodes.length - 1; index >= 0; index -= 1) {
    const node = nodes[index] as Node;
    let earned = 0;
    switch (node.kind) {
      case GROUP: {
        let sum = 0;
        for (const child of node.children) sum += points[child] as number;
        earned = Math.min(node.max, sum);
        break;
      }
      case MANUAL: {
        const self = input.selfScores[node.id];
        if (self === null || self === undefined || !Number.isFinite(self)) missing = true;
        else earned = manualPoints(self, node.step, node.max);
        break;
      }
      case THRESHOLDS: {
        const value = finite(indicators[node.indicator]);
        if (value === null) missing = true;
        else earned = thresholdPoints(scaledValue(value), node.higherIsBetter, node.bounds, node.steps, node.max).points;
        break;
      }
      case LINEAR: {
        const value = finite(indicators[node.indicator]);
        if (value === null) missing = true;
        else earned = linearPoints(scaledValue(value), node.zeroAt, node.fullAt, node.max);
        break;
      }
      case RATIO: {
        const value = finite(indicators[node.indicator]);
        const plan = finite(indicators[node.plan]);
        if (value === null || plan === null) missing = true;
        else {
          const scaledPlan = scaledValue(plan);
          earned = scaledPlan <= 0 ? 0 : ratioPoints(scaledValue(value), scaledPlan, node.fullAtPercent, node.max);
        }
        break;
      }
      case YES_NO: {
        const value = indicators[node.indicator];
        if (typeof value !== 'boolean') missing = true;
        else earned = value === node.pointsWhen ? node.max : 0;
        break;
      }
      case DEDUCTION: {
        const value = finite(indicators[node.indicator]);
        if (value === null) missing = true;
        else earned = deductionPoints(value, node.step, node.max);
        break;
      }
    }
    points[index] = earned;
  }
  let base = 0;
  for (const index of criteria) base += points[index] as number;
  let bonusSum = 0;
  for (const index of bonusCriteria) bonusSum += points[index] as number;
  const bonus = Math.min(bonusMax, bonusSum);
  const total = base + bonus;
  let gatesPassed = input.discipline === 'none';
  for (const condition of gates) {
    const outcome = judgeGate(condition, indicators[condition.indicator]);
    if (outcome !== 'pass') gatesPassed = false;
    if (outcome === 'missing') missing = true;
  }
  if (requireComplete && missing) gatesPassed = false;
  return { total, base, bonus, eligible: gatesPassed && total >= minTotal, gatesPassed, complete: !missing, points };
}

/** The ids of a scheme's criteria in the order {@link ScorePoints.points} lists them. */
export function criterionOrder(scheme: Scheme): readonly string[] {
  return prepare(scheme).ids;
}

/** A criterion's points in a score-only result (0 when the scheme has no such criterion, as in the explanation). */
export function pointsOfCriterion(scheme: Scheme, score: Pick<ScorePoints, 'points'>, criterionId: string): Hundredths {
  const index = prepare(scheme).positions.get(criterionId);
  return index === undefined ? 0 : (score.points[index] ?? 0);
}
