import { judgeGate } from './points';
import { applyRule } from './rules';
import type { Criterion, CriterionResult, GateFailure, Hundredths, ScoreInput, ScoreResult, Scheme } from './types';

function scoreCriterion(criterion: Criterion, input: ScoreInput): CriterionResult {
  if (criterion.children && criterion.children.length > 0) {
    const children = criterion.children.map((child) => scoreCriterion(child, input));
    const sum = children.reduce((total, child) => total + child.points, 0);
    return {
      id: criterion.id,
      label: criterion.label,
      max: criterion.max,
      points: Math.min(criterion.max, sum),
      rule: 'group',
      inputs: {},
      missing: children.flatMap((child) => child.missing),
      note: sum > criterion.max ? { key: 'rule.groupCapped', params: { max: criterion.max / 100 } } : null,
      children,
    };
  }
  if (!criterion.rule) {
    return { id: criterion.id, label: criterion.label, max: criterion.max, points: 0, rule: 'group', inputs: {}, missing: [], note: null, children: [] };
  }
  const outcome = applyRule(criterion, criterion.rule, input);
  return { id: criterion.id, label: criterion.label, max: criterion.max, rule: criterion.rule.type, children: [], ...outcome };
}

const DISCIPLINE_GATE_ID = 'discipline';
/** The standing gate of a scheme that requires complete dossiers. */
export const COMPLETE_GATE_ID = 'complete';

function gateFailures(scheme: Scheme, input: ScoreInput, total: Hundredths): GateFailure[] {
  const failures: GateFailure[] = [];
  if (input.discipline !== 'none') {
    failures.push({
      gateId: DISCIPLINE_GATE_ID,
      label: null,
      note: { key: `gate.discipline.${input.discipline}`, params: {} },
    });
  }
  for (const gate of scheme.gates) {
    const condition = gate.condition;
    const value = input.indicators[condition.indicator];
    const outcome = judgeGate(condition, value);
    if (outcome === 'pass') continue;
    if (outcome === 'missing') failures.push({ gateId: gate.id, label: gate.label, note: { key: 'gate.missing', params: { indicator: condition.indicator } } });
    else if (condition.type === 'is') failures.push({ gateId: gate.id, label: gate.label, note: { key: 'gate.isNot', params: { indicator: condition.indicator } } });
    else failures.push({ gateId: gate.id, label: gate.label, note: { key: condition.type === 'atMost' ? 'gate.above' : 'gate.below', params: { value: value as number, bound: condition.bound } } });
  }
  if (total < scheme.minTotal) {
    failures.push({
      gateId: 'minTotal',
      label: null,
      note: { key: 'gate.minTotal', params: { total: total / 100, minimum: scheme.minTotal / 100 } },
    });
  }
  return failures;
}

/** Whether a scheme leaves a dossier with empty inputs out of the proposals (absent: it does). */
export function requiresComplete(scheme: Scheme): boolean {
  return scheme.requireComplete !== false;
}

/** Scores one dossier against its scheme, with the reason for every point; pure and deterministic. */
export function scoreDossier(scheme: Scheme, input: ScoreInput): ScoreResult {
  const criteria = scheme.criteria.map((criterion) => scoreCriterion(criterion, input));
  const bonusCriteria = scheme.bonus.criteria.map((criterion) => scoreCriterion(criterion, input));
  const base = criteria.reduce((total, c) => total + c.points, 0);
  const bonus = Math.min(scheme.bonus.max, bonusCriteria.reduce((total, c) => total + c.points, 0));
  const total = base + bonus;
  const failures = gateFailures(scheme, input, total);
  // An indicator a gate needs is as missing as one a criterion needs.
  const gateMissing = failures.flatMap((failure) => (failure.note.key === 'gate.missing' ? [String(failure.note.params.indicator)] : []));
  const missing = [...[...criteria, ...bonusCriteria].flatMap((c) => c.missing), ...gateMissing];
  // What a gate already named as missing is not named twice.
  const unnamed = [...new Set(missing)].filter((key) => !gateMissing.includes(key));
  if (requiresComplete(scheme) && unnamed.length > 0) {
    failures.push({ gateId: COMPLETE_GATE_ID, label: null, note: { key: 'gate.incomplete', params: { items: unnamed.join(','), count: unnamed.length } } });
  }
  return {
    total,
    base,
    bonus,
    eligible: failures.length === 0,
    complete: missing.length === 0,
    criteria,
    bonusCriteria,
    gateFailures: failures,
    missing: [...new Set(missing)],
  };
}

/** Points a leaf criterion earned, found anywhere in a result (used by tie-breaks). */
export function criterionPoints(result: ScoreResult, criterionId: string): Hundredths {
  const stack = [...result.criteria, ...result.bonusCriteria];
  while (stack.length > 0) {
    const next = stack.pop() as CriterionResult;
    if (next.id === criterionId) return next.points;
    stack.push(...next.children);
  }
  return 0;
}
