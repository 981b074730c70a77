import type { DossierContent } from '../../shared/domain/dossier';
import type { NomineeKind } from '../../shared/domain/kinds';
import type { Criterion, DisciplineStatus, Gate, Hundredths, Indicator, IndicatorValue, Rule, ScoreInput, Scheme } from '../../shared/scoring/types';

/**
 * Deterministic dossiers for any scheme: the same seed gives the same dossiers in every run and on
 * every machine. Values follow the scheme's own rules (thresholds, linear spans, plans, gates), so
 * a dossier can be strong or weak, eligible or not, and many values sit exactly on, or one unit of
 * the last decimal either side of, a bound where rounding decides.
 *
 * Shared by the cross-engine test (test/e2e/scoring-engines.test.ts) and the benchmark (test/bench).
 * Only types come from the product here, so the benchmark's bundle stays small.
 */

export type Random = () => number;

/** mulberry32: a small, fast 32-bit PRNG; uniform in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface GeneratedDossier {
  /** Stable id, e.g. "collective-2025-00042". */
  id: string;
  kind: NomineeKind;
  input: ScoreInput;
  /** Share of women the dossier reports; `input.womenPriority` follows from it (≥ 70 %). */
  womenShare: number | null;
  /** How the values were drawn, for reading a failure: 0 (weak) to 1 (strong); sparse dossiers leave many fields empty. */
  profile: { quality: number; sparse: boolean };
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /**
   * Also draw, now and then, values the form would refuse but a live preview can still be handed
   * (too many decimals, outside the bounds, beyond the library's 10^15 limit, the wrong type,
   * fractional or negative self scores). On by default.
   */
  oddValues?: boolean;
}

const WOMEN_PRIORITY_SHARE = 70;

class Draw {
  constructor(private readonly random: Random) {}
  next(): number {
    return this.random();
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }
  uniform(lo: number, hi: number): number {
    return lo + this.random() * (hi - lo);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** Rounds to `decimals` places; -0 becomes 0 so values survive JSON unchanged. */
function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor + 0;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function leaves(criteria: Criterion[]): Criterion[] {
  return criteria.flatMap((criterion) => (criterion.children && criterion.children.length > 0 ? leaves(criterion.children) : criterion.rule ? [criterion] : []));
}

/** What each indicator is used for in a scheme: the first use decides how values are drawn, every use adds bounds. */
interface IndicatorUse {
  rule: Rule | null;
  gate: Gate['condition'] | null;
  /** For a plan indicator: the ratio rule it is the plan of. */
  planOf: Extract<Rule, { type: 'ratio' }> | null;
  bounds: number[];
}

function usesOf(scheme: Scheme): Map<string, IndicatorUse> {
  const uses = new Map<string, IndicatorUse>(scheme.indicators.map((indicator) => [indicator.key, { rule: null, gate: null, planOf: null, bounds: [] }]));
  const use = (key: string): IndicatorUse => {
    let found = uses.get(key);
    if (!found) {
      found = { rule: null, gate: null, planOf: null, bounds: [] };
      uses.set(key, found);
    }
    return found;
  };
  for (const criterion of leaves([...scheme.criteria, ...scheme.bonus.criteria])) {
    const rule = criterion.rule;
    if (!rule || rule.type === 'manual') continue;
    const target = use(rule.indicator);
    target.rule ??= rule;
    if (rule.type === 'thresholds') target.bounds.push(...rule.steps.map((step) => step.bound));
    if (rule.type === 'linear') target.bounds.push(rule.zeroAt, rule.fullAt, (rule.zeroAt + rule.fullAt) / 2);
    if (rule.type === 'deduction') target.bounds.push(0, 1);
    if (rule.type === 'ratio') {
      const plan = use(rule.plan);
      plan.planOf ??= rule;
      plan.bounds.push(0);
    }
  }
  for (const gate of scheme.gates) {
    const target = use(gate.condition.indicator);
    target.gate ??= gate.condition;
    if (gate.condition.type !== 'is') target.bounds.push(gate.condition.bound);
  }
  return uses;
}

/** A value of typical size for an indicator nothing in the scheme shapes. */
function freeValue(draw: Draw, indicator: Indicator): number {
  if (indicator.min < 0 && draw.chance(0.5)) return draw.uniform(indicator.min, indicator.max);
  const top = Math.max(1, Math.min(indicator.max, 1e6));
  return Math.max(indicator.min, top ** draw.next() - 1);
}

/** How well a rule is met, drawn around the dossier's quality: 0 earns nothing, 1 earns the maximum. */
function attainment(draw: Draw, quality: number, spread = 0.35): number {
  return quality + draw.uniform(-spread, spread);
}

function ruleValue(draw: Draw, rule: Rule, indicator: Indicator, quality: number, values: Record<string, IndicatorValue | undefined>): IndicatorValue {
  const t = attainment(draw, quality);
  switch (rule.type) {
    case 'thresholds': {
      const bounds = rule.steps.map((step) => step.bound);
      const low = Math.min(...bounds);
      const high = Math.max(...bounds);
      const spread = high > low ? high - low : Math.max(1, Math.abs(high) / 2);
      // From well short of the first step (t = 0) to well past the best one (t = 1).
      const [bad, good] = rule.direction === 'higherIsBetter' ? [low - spread, high + spread / 2] : [high + spread, low - spread / 2];
      return bad + t * (good - bad);
    }
    case 'linear':
      return rule.zeroAt + (t * 1.2 - 0.1) * (rule.fullAt - rule.zeroAt);
    case 'ratio': {
      const plan = values[rule.plan];
      const base = typeof plan === 'number' && plan > 0 ? plan : Math.max(1, freeValue(draw, indicator));
      return base * (0.4 + 0.75 * t) * (rule.fullAtPercent / 100);
    }
    case 'deduction':
      return quality > 0.75 && draw.chance(0.8) ? 0 : draw.int(0, Math.max(1, Math.round((1 - quality) * 6)));
    case 'yesNo':
      return draw.chance(0.25 + 0.7 * quality) ? rule.pointsWhen : !rule.pointsWhen;
    case 'manual':
      return null;
  }
}

function gateValue(draw: Draw, condition: Gate['condition']): IndicatorValue {
  if (condition.type === 'is') return draw.chance(0.88) ? condition.value : !condition.value;
  const passing = draw.chance(0.85);
  const offset = Math.abs(condition.bound) * draw.uniform(0, 1) + draw.uniform(0, 1);
  const below = condition.type === 'atMost' ? passing : !passing;
  return below ? condition.bound - offset : condition.bound + offset;
}

/** Something the form refuses but the library must still score the same way everywhere. */
function oddIndicatorValue(draw: Draw, indicator: Indicator, bounds: number[], current: number): IndicatorValue {
  const unit = 10 ** -indicator.decimals;
  switch (draw.int(0, 6)) {
    case 0: // one more decimal than allowed
      return current + draw.int(1, 9) * unit / 10;
    case 1: // on the half ten-thousandth, where the library's own rounding decides
      return (bounds.length > 0 ? draw.pick(bounds) : current) + draw.pick([-1, 1]) * 0.00005;
    case 2: // below the minimum
      return indicator.min - draw.int(1, 1000) * unit;
    case 3: // above the maximum, up to the 10^12 the form's schema reads
      return draw.chance(0.5) ? indicator.max + draw.int(1, 1000) * unit : draw.pick([1e12, -1e12]);
    case 4: // beyond the 10^15 the library holds values at
      return draw.pick([1e15, 1.5e15, -3e16]);
    case 5: // the wrong type
      return indicator.unit === 'yesNo' ? draw.pick([0, 1]) : draw.chance(0.5);
    default:
      return roundTo(draw.uniform(-1e6, 1e6), 4);
  }
}

function manualSelfScore(draw: Draw, criterion: Criterion, step: Hundredths, quality: number, odd: boolean): Hundredths {
  const max = criterion.max;
  if (odd) {
    switch (draw.int(0, 3)) {
      case 0:
        return -draw.int(1, 5) * Math.max(step, 1);
      case 1:
        return max + draw.int(1, 5) * Math.max(step, 1);
      case 2:
        return draw.int(0, max * 10) / 10; // a fraction of a hundredth
      default:
        return draw.pick([1e9, -1e9, 0.5, 0.4999]);
    }
  }
  const target = clamp(attainment(draw, quality), 0, 1) * max;
  if (step > 0 && draw.chance(0.82)) return clamp(Math.round(target / step) * step, 0, Math.floor(max / step) * step);
  // Off the step (or any hundredth when the criterion has no step).
  const off = Math.round(target) + (step > 1 ? draw.int(1, step - 1) : 0);
  return clamp(off, 0, max);
}

/** Dossiers for a scheme, deterministic in `seed`: ids are `${scheme.id}-00000` onwards. */
export function generateDossiers(scheme: Scheme, options: GenerateOptions): GeneratedDossier[] {
  const draw = new Draw(seededRandom(options.seed));
  const oddValues = options.oddValues ?? true;
  const uses = usesOf(scheme);
  // Plans first, so a ratio's value can be drawn against its plan.
  const order = [...scheme.indicators].sort((a, b) => Number(uses.get(b.key)?.planOf !== null) - Number(uses.get(a.key)?.planOf !== null));
  const manual = leaves([...scheme.criteria, ...scheme.bonus.criteria]).filter((criterion) => criterion.rule?.type === 'manual');
  const width = Math.max(5, String(options.count).length);
  const dossiers: GeneratedDossier[] = [];

  for (let n = 0; n < options.count; n += 1) {
    const quality = draw.pick([0.05, 0.25, 0.45, 0.6, 0.75, 0.85, 0.92, 1]) + draw.uniform(-0.05, 0.05);
    const sparse = draw.chance(0.08);
    const emptyRate = sparse ? 0.45 : 0.035;
    const values: Record<string, IndicatorValue | undefined> = {};

    for (const indicator of order) {
      if (draw.chance(emptyRate)) {
        // Left empty: null as the form stores it, or absent altogether.
        if (draw.chance(0.5)) values[indicator.key] = null;
        continue;
      }
      const use = uses.get(indicator.key);
      let value: IndicatorValue;
      if (indicator.unit === 'yesNo') {
        value = use?.rule ? ruleValue(draw, use.rule, indicator, quality, values) : use?.gate ? gateValue(draw, use.gate) : draw.chance(0.5);
        if (typeof value !== 'boolean') value = draw.chance(0.5);
      } else {
        let raw: number;
        if (use?.planOf) raw = draw.chance(0.03) ? 0 : Math.max(1, 10 ** draw.uniform(0, Math.log10(Math.max(10, Math.min(indicator.max, 1e6)))));
        else if (use?.rule) {
          const drawn = ruleValue(draw, use.rule, indicator, quality, values);
          raw = typeof drawn === 'number' ? drawn : freeValue(draw, indicator);
        } else if (use?.gate) {
          const drawn = gateValue(draw, use.gate);
          raw = typeof drawn === 'number' ? drawn : freeValue(draw, indicator);
        } else raw = freeValue(draw, indicator);
        // Now and then exactly on a bound of a rule or gate, or one unit of the last decimal either side.
        const bounds = [...(use?.bounds ?? []), indicator.min, indicator.max];
        if (draw.chance(0.12)) raw = draw.pick(bounds) + draw.int(-1, 1) * 10 ** -indicator.decimals;
        value = roundTo(clamp(raw, indicator.min, indicator.max), indicator.decimals);
        if (oddValues && draw.chance(0.015)) value = oddIndicatorValue(draw, indicator, bounds, value);
      }
      values[indicator.key] = value;
    }

    const selfScores: Record<string, Hundredths | null> = {};
    for (const criterion of manual) {
      if (draw.chance(emptyRate)) {
        if (draw.chance(0.5)) selfScores[criterion.id] = null;
        continue;
      }
      const step = criterion.rule?.type === 'manual' ? criterion.rule.step : 0;
      selfScores[criterion.id] = manualSelfScore(draw, criterion, step, quality, oddValues && draw.chance(0.02));
    }

    const discipline: DisciplineStatus = draw.chance(0.7) ? 'none' : draw.pick(['discipline', 'investigation', 'inspection'] as const);
    const womenShare = draw.chance(0.25) ? null : draw.chance(0.1) ? WOMEN_PRIORITY_SHARE : roundTo(draw.uniform(0, 100), 1);
    // A few values for indicators the scheme does not know (a renamed key, an older form).
    if (oddValues && draw.chance(0.01)) values.notInTheScheme = draw.chance(0.5) ? 42 : true;

    dossiers.push({
      id: `${scheme.id}-${String(n).padStart(width, '0')}`,
      kind: draw.pick(scheme.kinds),
      input: { indicators: values, selfScores, discipline, womenPriority: womenShare !== null && womenShare >= WOMEN_PRIORITY_SHARE },
      womenShare,
      profile: { quality, sparse },
    });
  }
  return dossiers;
}

/** The dossier as an office records it (what `dossiers.save` takes); absent values stay absent. */
export function toDossierContent(dossier: GeneratedDossier): DossierContent {
  const indicators: DossierContent['indicators'] = {};
  for (const [key, value] of Object.entries(dossier.input.indicators)) if (value !== undefined) indicators[key] = value;
  const selfScores: DossierContent['selfScores'] = {};
  for (const [id, points] of Object.entries(dossier.input.selfScores)) if (points !== undefined) selfScores[id] = { points, justification: '' };
  return { indicators, selfScores, report: '', discipline: dossier.input.discipline, womenShare: dossier.womenShare };
}

/** FNV-1a over a string's UTF-16 code units: a cheap fingerprint to check that two engines saw the same text. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16).padStart(8, '0')}:${text.length}`;
}
