import { toHundredths } from '../../../shared/scoring/decimal';
import type { Criterion, Gate, GateCondition, Indicator, Rule, RuleType, Scheme } from '../../../shared/scoring/types';

/** Every code a scheme uses (criteria at any depth, bonus criteria, indicators, gates), to keep new ones unique. */
export function codesOf(scheme: Partial<Scheme>): Set<string> {
  const codes = new Set<string>();
  const visit = (criterion: Criterion | undefined): void => {
    if (!criterion) return;
    codes.add(criterion.id);
    (criterion.children ?? []).forEach(visit);
  };
  (scheme.criteria ?? []).forEach(visit);
  (scheme.bonus?.criteria ?? []).forEach(visit);
  (scheme.indicators ?? []).forEach((indicator) => codes.add(indicator.key));
  (scheme.gates ?? []).forEach((gate) => codes.add(gate.id));
  return codes;
}

/** The first free code `prefix1`, `prefix2`…, in the identifier form the schema requires. */
export function newCode(scheme: Partial<Scheme>, prefix: string): string {
  const taken = codesOf(scheme);
  let number = 1;
  while (taken.has(`${prefix}${number}`)) number += 1;
  return `${prefix}${number}`;
}

export const RULE_TYPES: RuleType[] = ['manual', 'thresholds', 'linear', 'ratio', 'yesNo', 'deduction'];

/** Indicators a rule or condition may read: yes/no ones for yes/no rules, numbers otherwise. */
export function indicatorsFor(indicators: Indicator[], yesNo: boolean): Indicator[] {
  return indicators.filter((indicator) => (indicator.unit === 'yesNo') === yesNo);
}

/** A rule of the chosen type, keeping the indicator the previous rule read when it still fits, with points within `max`. */
export function ruleOfType(type: RuleType, previous: Rule | undefined, indicators: Indicator[], max: number): Rule {
  const numbers = indicatorsFor(indicators, false).map((indicator) => indicator.key);
  const answers = indicatorsFor(indicators, true).map((indicator) => indicator.key);
  const kept = previous && previous.type !== 'manual' ? previous.indicator : undefined;
  const number = kept !== undefined && numbers.includes(kept) ? kept : (numbers[0] ?? '');
  const full = Number.isInteger(max) && max > 0 ? max : 100;
  switch (type) {
    case 'manual':
      return { type, step: 50 };
    case 'thresholds':
      return { type, indicator: number, direction: 'higherIsBetter', steps: [{ bound: 0, points: full }] };
    case 'linear':
      return { type, indicator: number, zeroAt: 0, fullAt: 100 };
    case 'ratio':
      return { type, indicator: number, plan: numbers.find((key) => key !== number) ?? '', fullAtPercent: 100 };
    case 'yesNo':
      return { type, indicator: kept !== undefined && answers.includes(kept) ? kept : (answers[0] ?? ''), pointsWhen: true };
    case 'deduction':
      return { type, indicator: number, perCount: 100 };
  }
}

/** A condition of the chosen type on the same indicator when it fits. */
export function conditionOfType(type: GateCondition['type'], previous: GateCondition, indicators: Indicator[]): GateCondition {
  const candidates = indicatorsFor(indicators, type === 'is').map((indicator) => indicator.key);
  const indicator = candidates.includes(previous.indicator) ? previous.indicator : (candidates[0] ?? '');
  if (type === 'is') return { type, indicator, value: previous.type === 'is' ? previous.value : false };
  return { type, indicator, bound: previous.type === 'is' ? 0 : previous.bound };
}

export function newCriterion(id: string, max: number): Criterion {
  return { id, label: { vi: '', en: '' }, max, rule: { type: 'manual', step: 50 } };
}

export function newGate(id: string, indicators: Indicator[]): Gate {
  return { id, label: { vi: '', en: '' }, condition: conditionOfType('atMost', { type: 'atMost', indicator: '', bound: 0 }, indicators) };
}

export function newIndicator(key: string): Indicator {
  return { key, label: { vi: '', en: '' }, unit: 'count', min: 0, max: 10_000, decimals: 0 };
}

function cleanCriterion(criterion: Criterion): Criterion {
  const { rule, basis, children: given, ...rest } = criterion;
  const children = (given ?? []).map(cleanCriterion);
  // A group carries its children and no rule; a leaf carries its rule and no empty list of children.
  return {
    ...rest,
    ...(basis ? { basis } : {}),
    ...(children.length > 0 ? { children } : rule ? { rule } : {}),
  };
}

/** The edited scheme as it is sent: groups without rules, leaves without empty children, no empty wording. */
export function cleanScheme(scheme: Scheme): Scheme {
  return {
    ...scheme,
    criteria: scheme.criteria.map(cleanCriterion),
    bonus: { max: scheme.bonus.max, criteria: scheme.bonus.criteria.map(cleanCriterion) },
  };
}

/** Sums of the top-level maxima, for the "adds up to" line. */
export function maximumOf(scheme: Partial<Scheme>): { criteria: number; bonus: number } {
  const criteria = (scheme.criteria ?? []).reduce((sum, criterion) => sum + (Number.isFinite(criterion?.max) ? criterion.max : 0), 0);
  const bonus = scheme.bonus?.max;
  return { criteria, bonus: typeof bonus === 'number' && Number.isFinite(bonus) ? bonus : 0 };
}

export type NumberKind = 'points' | 'decimal' | 'integer';

const DECIMAL = /^-?\d+([.,]\d+)?$/;

/** What a typed text stands for: points become exact hundredths, empty is null (required), anything else not a number. */
export function parseNumber(text: string, kind: NumberKind): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (kind === 'points') return toHundredths(trimmed) ?? Number.NaN;
  return DECIMAL.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

/** A stored number as it is typed back: points from hundredths, a decimal comma in Vietnamese. */
export function formatNumber(value: unknown, kind: NumberKind, language: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const text = String(kind === 'points' ? value / 100 : value);
  return language === 'vi' ? text.replace('.', ',') : text;
}
