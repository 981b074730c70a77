import type { NomineeKind } from '../domain/kinds';

/** Points as an integer count of hundredths: 12.5 points is 1250. */
export type Hundredths = number;

/** Text in both working languages; schemes are data the council edits, so they carry their own labels. */
export interface Label {
  vi: string;
  en: string;
}

export type IndicatorUnit = 'percent' | 'count' | 'millionVnd' | 'yesNo';

/** A number (or yes/no) the office reports in a dossier. */
export interface Indicator {
  key: string;
  label: Label;
  unit: IndicatorUnit;
  /** Smallest and largest sensible values; the form refuses anything outside. */
  min: number;
  max: number;
  /** Decimal places accepted (at most 4). */
  decimals: number;
}

/** Threshold step: reaching `bound` earns `points`. */
export interface ThresholdStep {
  bound: number;
  points: Hundredths;
}

/** How a criterion turns inputs into points; one variant per rule the council can choose. */
export type Rule =
  | { type: 'manual'; step: Hundredths }
  | { type: 'thresholds'; indicator: string; direction: 'higherIsBetter' | 'lowerIsBetter'; steps: ThresholdStep[] }
  | { type: 'linear'; indicator: string; zeroAt: number; fullAt: number }
  | { type: 'ratio'; indicator: string; plan: string; fullAtPercent: number }
  | { type: 'yesNo'; indicator: string; pointsWhen: boolean }
  | { type: 'deduction'; indicator: string; perCount: Hundredths };

export type RuleType = Rule['type'];

/** A scored line of a scheme; a group has children and no rule, a leaf has a rule and no children. */
export interface Criterion {
  id: string;
  label: Label;
  /** Wording of the plan this criterion expresses. */
  basis?: Label;
  max: Hundredths;
  rule?: Rule;
  children?: Criterion[];
}

/** An eligibility condition; failing it makes a dossier ineligible with the gate's reason. */
export type GateCondition =
  | { type: 'atMost'; indicator: string; bound: number }
  | { type: 'atLeast'; indicator: string; bound: number }
  | { type: 'is'; indicator: string; value: boolean };

export interface Gate {
  id: string;
  label: Label;
  condition: GateCondition;
}

/** Tie-break keys applied in order after the total: a criterion's points, the council's vote share, the legal priority for women. */
export type TieBreak =
  | { type: 'criterion'; criterionId: string }
  | { type: 'voteShare' }
  | { type: 'womenPriority' };

/** A versioned scoring scheme for one nominee kind in one campaign. */
export interface Scheme {
  id: string;
  version: number;
  kinds: NomineeKind[];
  label: Label;
  indicators: Indicator[];
  criteria: Criterion[];
  bonus: { max: Hundredths; criteria: Criterion[] };
  gates: Gate[];
  /** Below this total a dossier is not eligible. */
  minTotal: Hundredths;
  /**
   * A dossier with any indicator or self-scored criterion still empty is not eligible until it is complete (the
   * reason names what is missing). Absent means true: every shipped scheme asks for it.
   */
  requireComplete?: boolean;
}

export type IndicatorValue = number | boolean | null;

/** Whether a nominee is under discipline, investigation or inspection (the standing gate). */
export type DisciplineStatus = 'none' | 'discipline' | 'investigation' | 'inspection';

/** What scoring needs from a dossier. */
export interface ScoreInput {
  indicators: Record<string, IndicatorValue | undefined>;
  /** Self-assessed points for manual criteria, in hundredths. */
  selfScores: Record<string, Hundredths | null | undefined>;
  discipline: DisciplineStatus;
  /** For the legal priority: a woman nominee, or a collective with at least 70 % women. */
  womenPriority: boolean;
}

/** Why a criterion scored what it did, as a translation key and parameters (points in points, not hundredths). */
export interface RuleNote {
  key: string;
  params: Record<string, string | number>;
}

export interface CriterionResult {
  id: string;
  label: Label;
  max: Hundredths;
  points: Hundredths;
  rule: RuleType | 'group';
  inputs: Record<string, IndicatorValue>;
  missing: string[];
  note: RuleNote | null;
  children: CriterionResult[];
}

export interface GateFailure {
  gateId: string;
  /** The scheme gate's own label; null for the standing gates (discipline, minimum total). */
  label: Label | null;
  /** Why the gate failed, or that its input is missing. */
  note: RuleNote;
}

/** The full, explainable result of scoring one dossier. */
export interface ScoreResult {
  total: Hundredths;
  base: Hundredths;
  bonus: Hundredths;
  eligible: boolean;
  complete: boolean;
  criteria: CriterionResult[];
  bonusCriteria: CriterionResult[];
  gateFailures: GateFailure[];
  /** Keys of indicators and manual criteria still empty. */
  missing: string[];
}
