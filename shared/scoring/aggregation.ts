import { roundDivide } from './decimal';
import type { CriterionResult, GateFailure, Hundredths, ScoreResult } from './types';

export const AGGREGATION_METHODS = ['mean', 'trimmedMean'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

/** Trimmed mean drops the highest and the lowest total only from this many usable reviewers up. */
export const TRIM_FROM_REVIEWERS = 5;

export interface ReviewerScore {
  reviewer: string;
  result: ScoreResult;
  /** A reviewer with a conflict of interest is excluded, and the result says so. */
  conflict: boolean;
}

export interface AggregateScore {
  method: AggregationMethod;
  /** The council's total in hundredths, or null when no reviewer could be counted. */
  total: Hundredths | null;
  counted: string[];
  excludedForConflict: string[];
  /** Reviewers whose totals the trimmed mean dropped (highest, then lowest). */
  dropped: string[];
  /** Every reviewer's own total, in the order given, for the explanation. */
  totals: { reviewer: string; total: Hundredths }[];
}

/** One reviewer's total, for {@link aggregateTotals}. */
export interface ReviewerTotal {
  reviewer: string;
  total: Hundredths;
  conflict: boolean;
}

/**
 * The council's score from several reviewers: the mean of their totals, or the trimmed mean (without the
 * highest and the lowest) when at least five can be counted; rounded once to the hundredth, half away from zero.
 */
export function aggregateScores(scores: ReviewerScore[], method: AggregationMethod): AggregateScore {
  return aggregateTotals(
    scores.map((score) => ({ reviewer: score.reviewer, total: score.result.total, conflict: score.conflict })),
    method,
  );
}

/** {@link aggregateScores} from the reviewers' totals alone (what the stored ranking computes with). */
export function aggregateTotals(scores: ReviewerTotal[], method: AggregationMethod): AggregateScore {
  const usable = scores.filter((score) => !score.conflict);
  const excludedForConflict = scores.filter((score) => score.conflict).map((score) => score.reviewer);
  const totals = scores.map((score) => ({ reviewer: score.reviewer, total: score.total }));
  let counted = usable;
  let dropped: string[] = [];
  if (method === 'trimmedMean' && usable.length >= TRIM_FROM_REVIEWERS) {
    // Order by total, then by name, so which of two equal totals is dropped never depends on input order.
    const ordered = [...usable].sort((a, b) => a.total - b.total || (a.reviewer < b.reviewer ? -1 : a.reviewer > b.reviewer ? 1 : 0));
    const lowest = ordered[0] as ReviewerTotal;
    const highest = ordered[ordered.length - 1] as ReviewerTotal;
    dropped = [highest.reviewer, lowest.reviewer];
    counted = ordered.slice(1, -1);
  }
  const sum = counted.reduce((total, score) => total + score.total, 0);
  return {
    method,
    total: counted.length === 0 ? null : roundDivide(sum, counted.length),
    counted: counted.map((score) => score.reviewer),
    excludedForConflict,
    dropped,
    totals,
  };
}

/** The mean of several reviewers' points, rounded once to the hundredth, half away from zero (0 for none). */
export function meanPoints(values: number[]): number {
  return values.length === 0 ? 0 : roundDivide(values.reduce((sum, value) => sum + value, 0), values.length);
}

function meanCriteria(rows: CriterionResult[][]): CriterionResult[] {
  const first = rows[0] ?? [];
  return first.map((criterion, index) => {
    const same = rows.map((row) => row[index] as CriterionResult);
    return {
      ...criterion,
      points: meanPoints(same.map((item) => item.points)),
      inputs: {},
      note: { key: 'rule.councilMean', params: { reviewers: rows.length } },
      children: meanCriteria(same.map((item) => item.children)),
    };
  });
}

/**
 * The council's result for ranking and explanation: per criterion the mean of the counted reviewers'
 * points, the total from {@link aggregateScores}, and the gates judged again on that total.
 */
export function councilResult(counted: ScoreResult[], total: Hundredths, minTotal: Hundredths): ScoreResult {
  const reference = counted[0] as ScoreResult;
  const gateFailures: GateFailure[] = reference.gateFailures.filter((failure) => failure.gateId !== 'minTotal');
  if (total < minTotal) gateFailures.push({ gateId: 'minTotal', label: null, note: { key: 'gate.minTotal', params: { total: total / 100, minimum: minTotal / 100 } } });
  return {
    ...reference,
    total,
    base: meanPoints(counted.map((result) => result.base)),
    bonus: meanPoints(counted.map((result) => result.bonus)),
    criteria: meanCriteria(counted.map((result) => result.criteria)),
    bonusCriteria: meanCriteria(counted.map((result) => result.bonusCriteria)),
    gateFailures,
    eligible: gateFailures.length === 0,
  };
}
