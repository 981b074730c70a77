import type { DossierContent } from '../../shared/domain/dossier';
import { collectiveScheme2025 } from '../../shared/scoring/schemes/collective-2025';
import type {
  Criterion,
  DisciplineStatus,
  Hundredths,
  IndicatorValue,
  Rule,
  ScoreInput,
  ScoreResult,
} from '../../shared/scoring/types';

export const scheme = collectiveScheme2025;

/** A ScoreInput with only what a test cares about. */
export function scoreInput(
  indicators: Record<string, IndicatorValue | undefined> = {},
  selfScores: Record<string, Hundredths | null | undefined> = {},
  discipline: DisciplineStatus = 'none',
  womenPriority = false,
): ScoreInput {
  return { indicators, selfScores, discipline, womenPriority };
}

/** A leaf criterion with id "c" (the id manual rules read their self score from). */
export function leaf(rule: Rule, max: Hundredths = 1000, id = 'c'): Criterion {
  return { id, label: { vi: id, en: id }, max, rule };
}

/** Indicator values of an office that met every target of the 2025 collective scheme. */
export const perfectIndicators: Record<string, IndicatorValue> = {
  outstandingLoans: 52_000,
  outstandingLoansPlan: 50_000,
  inspectionsDone: 12,
  inspectionsPlanned: 12,
  overdueRatio: 0.1,
  overdueRatioChange: -0.2,
  outstandingInterestRatio: 0.03,
  householdSavingsGrowth: 12.5,
  goodGroupsShare: 97.5,
  weakGroups: 0,
  guidanceIssued: true,
  meetingsHeld: 12,
  meetingsPlanned: 12,
  violationsUnhandled: 0,
  seriousViolation: false,
  entrustedBudgetCapital: true,
  mediaArticles: 8,
};

/** Self scores at the maximum of every manual criterion of the 2025 scheme. */
export const perfectSelfScores: Record<string, Hundredths> = {
  participation: 1500,
  recordsQuality: 500,
  goodModels: 100,
};

export function perfectInput(overrides: Record<string, IndicatorValue | undefined> = {}): ScoreInput {
  return scoreInput({ ...perfectIndicators, ...overrides }, { ...perfectSelfScores });
}

/** Stored dossier content with every field of the 2025 scheme filled in. */
export function perfectContent(): DossierContent {
  return {
    indicators: { ...perfectIndicators },
    selfScores: {
      participation: { points: 1500, justification: 'Chỉ đạo sát sao' },
      recordsQuality: { points: 450, justification: '' },
      goodModels: { points: 50, justification: 'Mô hình "Tổ vay vốn kiểu mẫu"' },
    },
    report: 'Báo cáo thành tích năm 2025.',
    discipline: 'none',
    womenShare: 72.5,
  };
}

/**
 * A score result as the ranking sees it: a total, eligibility, and the points of the overdue-ratio
 * criterion (the first tie-break of the 2025 scheme), nested the way the real scheme nests it.
 */
export function rankResult(total: Hundredths, eligible: boolean, overduePoints: Hundredths = 0): ScoreResult {
  const overdue = {
    id: 'overdueRatio',
    label: { vi: 'Tỷ lệ nợ quá hạn', en: 'Overdue-debt ratio' },
    max: 1500,
    points: overduePoints,
    rule: 'thresholds' as const,
    inputs: {},
    missing: [],
    note: null,
    children: [],
  };
  return {
    total,
    base: total,
    bonus: 0,
    eligible,
    complete: true,
    criteria: [
      {
        id: 'overdueDebt',
        label: { vi: 'Giảm nợ quá hạn', en: 'Overdue debt' },
        max: 2500,
        points: overduePoints,
        rule: 'group',
        inputs: {},
        missing: [],
        note: null,
        children: [overdue],
      },
    ],
    bonusCriteria: [],
    gateFailures: [],
    missing: [],
  };
}
