import { z } from 'zod';
import { COLLECTIVE_KINDS, INDIVIDUAL_KINDS } from '../domain/kinds';
import { keyedMessage } from '../contract/validation';
import type { Criterion, Indicator, Scheme } from './types';

const MAX_POINTS = 100_00;
const identifier = z.string().min(1).max(40).regex(/^[a-z][A-Za-z0-9]*$/, { error: keyedMessage('scheme.identifier') });
const label = z.object({ vi: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });
const hundredths = z.number().int().min(0).max(MAX_POINTS);
const bound = z.number().finite().min(-1e12).max(1e12);

const ruleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual'), step: z.number().int().min(1).max(MAX_POINTS) }),
  z.object({
    type: z.literal('thresholds'),
    indicator: identifier,
    direction: z.enum(['higherIsBetter', 'lowerIsBetter']),
    steps: z.array(z.object({ bound, points: hundredths })).min(1).max(20),
  }),
  z.object({ type: z.literal('linear'), indicator: identifier, zeroAt: bound, fullAt: bound }),
  z.object({ type: z.literal('ratio'), indicator: identifier, plan: identifier, fullAtPercent: z.number().finite().gt(0).max(1000) }),
  z.object({ type: z.literal('yesNo'), indicator: identifier, pointsWhen: z.boolean() }),
  z.object({ type: z.literal('deduction'), indicator: identifier, perCount: z.number().int().min(1).max(MAX_POINTS) }),
]);

const criterionSchema: z.ZodType<Criterion> = z.lazy(() =>
  z.object({
    id: identifier,
    label,
    basis: label.optional(),
    max: hundredths.refine((value) => value > 0, { params: { key: 'scheme.maxPositive' } }),
    rule: ruleSchema.optional(),
    children: z.array(criterionSchema).max(30).optional(),
  }),
);

const indicatorSchema = z.object({
  key: identifier,
  label,
  unit: z.enum(['percent', 'count', 'millionVnd', 'yesNo']),
  min: bound,
  max: bound,
  decimals: z.number().int().min(0).max(4),
});

function issue(context: z.RefinementCtx, path: (string | number)[], key: string, params: Record<string, string | number> = {}): void {
  context.addIssue({ code: 'custom', path, params: { key, ...params } });
}

function checkCriterion(criterion: Criterion, path: (string | number)[], indicators: Map<string, Indicator>, ids: Set<string>, context: z.RefinementCtx): void {
  if (ids.has(criterion.id)) issue(context, [...path, 'id'], 'scheme.duplicateId', { id: criterion.id });
  ids.add(criterion.id);
  const children = criterion.children ?? [];
  if (children.length > 0) {
    if (criterion.rule) issue(context, [...path, 'rule'], 'scheme.groupWithRule');
    const sum = children.reduce((total, child) => total + child.max, 0);
    if (sum < criterion.max) issue(context, [...path, 'max'], 'scheme.groupUnreachable', { sum: sum / 100, max: criterion.max / 100 });
    children.forEach((child, index) => checkCriterion(child, [...path, 'children', index], indicators, ids, context));
    return;
  }
  const rule = criterion.rule;
  if (!rule) {
    issue(context, [...path, 'rule'], 'scheme.ruleMissing');
    return;
  }
  const needIndicator = (key: string, field: string, yesNo: boolean): void => {
    const indicator = indicators.get(key);
    if (!indicator) issue(context, [...path, 'rule', field], 'scheme.unknownIndicator', { indicator: key });
    else if ((indicator.unit === 'yesNo') !== yesNo) issue(context, [...path, 'rule', field], yesNo ? 'scheme.needsYesNo' : 'scheme.needsNumber', { indicator: key });
  };
  switch (rule.type) {
    case 'manual':
      if (criterion.max % rule.step !== 0) issue(context, [...path, 'rule', 'step'], 'scheme.stepDivides', { step: rule.step / 100, max: criterion.max / 100 });
      break;
    case 'thresholds':
      needIndicator(rule.indicator, 'indicator', false);
      rule.steps.forEach((step, index) => {
        if (step.points > criterion.max) issue(context, [...path, 'rule', 'steps', index, 'points'], 'scheme.stepAboveMax', { max: criterion.max / 100 });
      });
      if (new Set(rule.steps.map((step) => step.bound)).size !== rule.steps.length) issue(context, [...path, 'rule', 'steps'], 'scheme.duplicateBound');
      break;
    case 'linear':
      needIndicator(rule.indicator, 'indicator', false);
      if (rule.zeroAt === rule.fullAt) issue(context, [...path, 'rule', 'fullAt'], 'scheme.linearFlat');
      break;
    case 'ratio':
      needIndicator(rule.indicator, 'indicator', false);
      needIndicator(rule.plan, 'plan', false);
      if (rule.plan === rule.indicator) issue(context, [...path, 'rule', 'plan'], 'scheme.planIsValue');
      break;
    case 'yesNo':
      needIndicator(rule.indicator, 'indicator', true);
      break;
    case 'deduction':
      needIndicator(rule.indicator, 'indicator', false);
      break;
  }
}

/** The schema a scheme must satisfy before it is saved: shape, and consistency with messages a secretary can act on. */
export const schemeSchema = z
  .object({
    id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
    version: z.number().int().min(1),
    kinds: z.array(z.enum([...COLLECTIVE_KINDS, ...INDIVIDUAL_KINDS])).min(1),
    label,
    indicators: z.array(indicatorSchema).max(200),
    criteria: z.array(criterionSchema).min(1).max(30),
    bonus: z.object({ max: hundredths, criteria: z.array(criterionSchema).max(20) }),
    gates: z.array(
      z.object({
        id: identifier,
        label,
        condition: z.discriminatedUnion('type', [
          z.object({ type: z.literal('atMost'), indicator: identifier, bound }),
          z.object({ type: z.literal('atLeast'), indicator: identifier, bound }),
          z.object({ type: z.literal('is'), indicator: identifier, value: z.boolean() }),
        ]),
      }),
    ).max(20),
    minTotal: hundredths,
    requireComplete: z.boolean().optional(),
  })
  .superRefine((scheme, context) => {
    const indicators = new Map<string, Indicator>();
    scheme.indicators.forEach((indicator, index) => {
      if (indicators.has(indicator.key)) issue(context, ['indicators', index, 'key'], 'scheme.duplicateId', { id: indicator.key });
      if (indicator.min > indicator.max) issue(context, ['indicators', index, 'max'], 'scheme.minAboveMax');
      indicators.set(indicator.key, indicator as Indicator);
    });
    const ids = new Set<string>();
    scheme.criteria.forEach((criterion, index) => checkCriterion(criterion, ['criteria', index], indicators, ids, context));
    scheme.bonus.criteria.forEach((criterion, index) => checkCriterion(criterion, ['bonus', 'criteria', index], indicators, ids, context));
    const gateIds = new Set<string>();
    scheme.gates.forEach((gate, index) => {
      if (gateIds.has(gate.id)) issue(context, ['gates', index, 'id'], 'scheme.duplicateId', { id: gate.id });
      gateIds.add(gate.id);
      const indicator = indicators.get(gate.condition.indicator);
      if (!indicator) issue(context, ['gates', index, 'condition', 'indicator'], 'scheme.unknownIndicator', { indicator: gate.condition.indicator });
      else if ((indicator.unit === 'yesNo') !== (gate.condition.type === 'is')) {
        issue(context, ['gates', index, 'condition', 'indicator'], gate.condition.type === 'is' ? 'scheme.needsYesNo' : 'scheme.needsNumber', { indicator: gate.condition.indicator });
      }
    });
    const reachable = scheme.criteria.reduce((total, criterion) => total + criterion.max, 0) + scheme.bonus.max;
    if (scheme.minTotal > reachable) issue(context, ['minTotal'], 'scheme.minTotalUnreachable', { maximum: reachable / 100 });
  });

/** Checks a scheme; the same messages in the editor, at the seam and in the tests. */
export function validateScheme(scheme: unknown): z.ZodSafeParseResult<Scheme> {
  return schemeSchema.safeParse(scheme) as z.ZodSafeParseResult<Scheme>;
}
