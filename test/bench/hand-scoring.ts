import type { IndicatorValue, ScoreInput } from '../../shared/scoring/types';

/**
 * The scoring benchmark's baseline: the 2025 commune People's Committee scheme (collective-2025 v1) written out by
 * hand as one function, with its constants inlined and integer arithmetic in doubles, the way a programmer would
 * compute the same points without a scheme interpreter. It gives the same total and eligibility as the library for
 * every dossier the benchmark scores (the benchmark checks every one), so the two do the same work.
 */

function num(value: IndicatorValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Ten-thousandths, as the library reads a value. */
function tenThousandths(value: number): number {
  return Math.round(Math.max(-1e15, Math.min(1e15, value)) * 10_000);
}

/** Positive integers only: round(n / d), halves up. */
function divide(n: number, d: number): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  return r * 2 >= d ? q + 1 : q;
}

function ratio(value: number | null, plan: number | null, max: number): number {
  if (value === null || plan === null) return 0;
  const v = tenThousandths(value);
  const p = tenThousandths(plan);
  if (p <= 0 || v <= 0) return 0;
  if (v >= p) return max;
  return divide(max * v, p);
}

function linear(value: number | null, zeroAt: number, fullAt: number, max: number): number {
  if (value === null) return 0;
  const v = tenThousandths(value);
  const z = zeroAt * 10_000;
  const f = fullAt * 10_000;
  const offset = f > z ? v - z : z - v;
  const span = Math.abs(f - z);
  if (offset <= 0) return 0;
  if (offset >= span) return max;
  return divide(max * offset, span);
}

function manual(self: number | null | undefined, max: number): number {
  if (self === null || self === undefined || !Number.isFinite(self)) return 0;
  return Math.min(max, Math.max(0, Math.floor(Math.round(self) / 50) * 50));
}

function deduction(value: number | null, perCount: number, max: number): number {
  if (value === null) return 0;
  return Math.min(max, Math.max(0, max - Math.max(0, Math.floor(value)) * perCount));
}

/** Total and eligibility of one dossier under collective-2025 v1, by hand. */
export function handScoreCollective2025(input: ScoreInput): { total: number; eligible: boolean } {
  const x = input.indicators;
  const s = input.selfScores;
  const participation = manual(s.participation, 1500);
  const capital = Math.min(2000, ratio(num(x.outstandingLoans), num(x.outstandingLoansPlan), 1000) + ratio(num(x.inspectionsDone), num(x.inspectionsPlanned), 1000));
  const overdue = num(x.overdueRatio);
  const overdueScaled = overdue === null ? 0 : tenThousandths(overdue);
  const overduePoints = overdue === null ? 0 : overdueScaled <= 1400 ? 1500 : overdueScaled <= 3000 ? 1000 : overdueScaled <= 5000 ? 500 : overdueScaled <= 10_000 ? 200 : 0;
  const interest = num(x.outstandingInterestRatio);
  const interestScaled = interest === null ? 0 : tenThousandths(interest);
  const interestPoints = interest === null ? 0 : interestScaled <= 500 ? 500 : interestScaled <= 1000 ? 300 : interestScaled <= 2000 ? 100 : 0;
  const overdueDebt = Math.min(2500, overduePoints + linear(num(x.overdueRatioChange), 0, -0.1, 500) + interestPoints);
  const savings = Math.min(2000, linear(num(x.householdSavingsGrowth), 0, 10, 600) + linear(num(x.goodGroupsShare), 80, 96, 1000) + deduction(num(x.weakGroups), 200, 400));
  const guidance = Math.min(1000, (x.guidanceIssued === true ? 400 : 0) + ratio(num(x.meetingsHeld), num(x.meetingsPlanned), 600));
  const records = Math.min(1000, manual(s.recordsQuality, 500) + deduction(num(x.violationsUnhandled), 250, 500));
  const articles = num(x.mediaArticles);
  const articlesScaled = articles === null ? 0 : tenThousandths(articles);
  const communication = articles === null ? 0 : articlesScaled >= 50_000 ? 200 : articlesScaled >= 20_000 ? 100 : 0;
  const bonus = Math.min(500, (x.entrustedBudgetCapital === true ? 200 : 0) + communication + manual(s.goodModels, 100));
  const total = participation + capital + overdueDebt + savings + guidance + records + bonus;
  const eligible = input.discipline === 'none' && x.seriousViolation === false && overdue !== null && overdue <= 1 && total >= 7000;
  return { total, eligible };
}
