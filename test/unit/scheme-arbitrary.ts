import fc from 'fast-check';
import { DISCIPLINE_STATUSES } from '../../shared/domain/dossier';
import type { Criterion, Gate, Hundredths, IndicatorValue, Rule, ScoreInput, Scheme } from '../../shared/scoring/types';

/**
 * Schemes of any shape the scheme editor allows and some it does not (maxima of 0, steps above the maximum, bounds up
 * to 10^12, plans equal to values), with dossiers for them: values on and one ten-thousandth either side of the
 * scheme's own bounds, huge and non-finite numbers, wrong types, missing inputs.
 */

const NUMBERS = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5'] as const;
const YES_NO = ['y0', 'y1'] as const;

const bound: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -20_000, max: 20_000 }).map((n) => n / 100),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => n / 10_000),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }),
  fc.constantFrom(0, 0.14, 1, 70, 95, 100, 1e6, 1e9, 1e12, -1e12, 0.00005, 123_456.7891),
);

const points: fc.Arbitrary<Hundredths> = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 50, 100, 2_500, 10_000));
const numberKey = fc.constantFrom(...NUMBERS);

const rule: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ type: fc.constant('manual' as const), step: fc.oneof(fc.constantFrom(1, 25, 50, 100), fc.integer({ min: 1, max: 2_000 })) }),
  fc.record({
    type: fc.constant('thresholds' as const),
    indicator: numberKey,
    direction: fc.constantFrom('higherIsBetter' as const, 'lowerIsBetter' as const),
    steps: fc.array(fc.record({ bound, points }), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({ type: fc.constant('linear' as const), indicator: numberKey, zeroAt: bound, fullAt: bound }),
  fc.record({
    type: fc.constant('ratio' as const),
    indicator: numberKey,
    plan: numberKey,
    fullAtPercent: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(95, 100, 100.5, 33.3333, 0.0001), fc.double({ min: 0.0001, max: 1000, noNaN: true })),
  }),
  fc.record({ type: fc.constant('yesNo' as const), indicator: fc.constantFrom(...YES_NO), pointsWhen: fc.boolean() }),
  fc.record({ type: fc.constant('deduction' as const), indicator: numberKey, perCount: fc.integer({ min: 1, max: 5_000 }) }),
);

/** A criterion tree without ids; ids are given in order afterwards, unique as the scheme editor requires. */
interface Shape {
  max: Hundredths;
  rule?: Rule;
  children?: Shape[];
}

const { shape } = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ max: points, rule }),
    fc.record({ max: points, children: fc.array(tie('shape'), { minLength: 1, maxLength: 4 }) }),
    // A group whose rule is ignored, and a criterion with neither rule nor children: both score as groups.
    fc.record({ max: points, rule, children: fc.array(tie('shape'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ max: points }),
  ),
}));

const gate: fc.Arbitrary<Gate['condition']> = fc.oneof(
  fc.record({ type: fc.constantFrom('atMost' as const, 'atLeast' as const), indicator: numberKey, bound }),
  fc.record({ type: fc.constant('is' as const), indicator: fc.constantFrom(...YES_NO), value: fc.boolean() }),
);

function named(shapes: Shape[], prefix: string, counter: { next: number }): Criterion[] {
  return shapes.map((item) => {
    const id = `${prefix}${counter.next++}`;
    return { id, label: { vi: id, en: id }, max: item.max, ...(item.rule ? { rule: item.rule } : {}), ...(item.children ? { children: named(item.children, prefix, counter) } : {}) };
  });
}

export const anyScheme: fc.Arbitrary<Scheme> = fc
  .record({
    criteria: fc.array(shape, { minLength: 1, maxLength: 6 }),
    bonus: fc.array(shape, { maxLength: 3 }),
    bonusMax: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000 })),
    gates: fc.array(gate, { maxLength: 3 }),
    minTotal: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
  })
  .map(({ criteria, bonus, bonusMax, gates, minTotal }) => {
    const counter = { next: 0 };
    return {
      id: 'generated',
      version: 1,
      kinds: ['communePeoplesCommittee'],
      label: { vi: 'Thang điểm sinh ngẫu nhiên', en: 'Generated scheme' },
      indicators: [
        ...NUMBERS.map((key) => ({ key, label: { vi: key, en: key }, unit: 'count' as const, min: -1e12, max: 1e12, decimals: 4 })),
        ...YES_NO.map((key) => ({ key, label: { vi: key, en: key }, unit: 'yesNo' as const, min: 0, max: 1, decimals: 0 })),
      ],
      criteria: named(criteria, 'c', counter),
      bonus: { max: bonusMax, criteria: named(bonus, 'b', counter) },
      gates: gates.map((condition, index) => ({ id: `g${index}`, label: { vi: `g${index}`, en: `g${index}` }, condition })),
      minTotal,
    } satisfies Scheme;
  });

/** Every bound and percentage a scheme's rules and gates mention. */
function boundsOf(scheme: Scheme): number[] {
  const found: number[] = [];
  const visit = (criterion: Criterion): void => {
    const r = criterion.rule;
    if (r?.type === 'thresholds') found.push(...r.steps.map((step) => step.bound));
    if (r?.type === 'linear') found.push(r.zeroAt, r.fullAt, (r.zeroAt + r.fullAt) / 2);
    if (r?.type === 'ratio') found.push(r.fullAtPercent);
    criterion.children?.forEach(visit);
  };
  [...scheme.criteria, ...scheme.bonus.criteria].forEach(visit);
  for (const g of scheme.gates) if (g.condition.type !== 'is') found.push(g.condition.bound);
  return found.length > 0 ? found : [0];
}

function manualIds(scheme: Scheme): string[] {
  const ids: string[] = [];
  const visit = (criterion: Criterion): void => {
    if (criterion.rule?.type === 'manual') ids.push(criterion.id);
    criterion.children?.forEach(visit);
  };
  [...scheme.criteria, ...scheme.bonus.criteria].forEach(visit);
  return ids;
}

/** A dossier's inputs for `scheme`, drawn towards the scheme's bounds where rounding decides. */
export function anyInputFor(scheme: Scheme): fc.Arbitrary<ScoreInput> {
  const nearBound = fc.constantFrom(...boundsOf(scheme)).chain((b) => fc.constantFrom(b, b + 0.0001, b - 0.0001, b + 0.00005, b - 0.00005, b * 2, -b));
  const value: fc.Arbitrary<IndicatorValue | undefined> = fc.oneof(
    nearBound,
    nearBound,
    fc.integer({ min: -10_000, max: 10_000 }).map((n) => n / 100),
    fc.double({ min: -1e16, max: 1e16, noNaN: true }),
    fc.constantFrom(null, undefined, true, false, 0, 1e15, -1e15, 3e16, Number.NaN, Number.POSITIVE_INFINITY),
  );
  const self: fc.Arbitrary<Hundredths | null | undefined> = fc.oneof(fc.integer({ min: -500, max: 12_000 }), fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.constantFrom(null, undefined, Number.NaN, 1e11));
  return fc.record({
    indicators: fc.record({
      ...Object.fromEntries(NUMBERS.map((key) => [key, value])),
      ...Object.fromEntries(YES_NO.map((key) => [key, fc.oneof(fc.boolean(), fc.constantFrom(null, undefined, 1))])),
    }) as fc.Arbitrary<ScoreInput['indicators']>,
    selfScores: fc.record(Object.fromEntries(manualIds(scheme).map((id) => [id, self]))) as fc.Arbitrary<ScoreInput['selfScores']>,
    discipline: fc.constantFrom(...DISCIPLINE_STATUSES),
    womenPriority: fc.boolean(),
  });
}

/** A scheme with one dossier for it. */
export const anySchemeAndInput: fc.Arbitrary<[Scheme, ScoreInput]> = anyScheme.chain((scheme) => fc.tuple(fc.constant(scheme), anyInputFor(scheme)));
