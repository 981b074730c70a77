import type { NomineeKind } from '../../domain/kinds';
import type { Criterion, Gate, Hundredths, Indicator, Label, Rule, Scheme } from '../types';

/**
 * Pieces the 2025 default schemes share: one catalogue of indicators (the same key always means the
 * same figure, with the same unit and range, in every scheme), the plan's six criteria, the leaf
 * criteria several kinds are judged on, the standard gates, and `defineScheme`, which derives a
 * scheme's indicator list from what its criteria and gates read.
 */

export const label = (vi: string, en: string): Label => ({ vi, en });

type Range = Pick<Indicator, 'unit' | 'min' | 'max' | 'decimals'>;
const MONEY: Range = { unit: 'millionVnd', min: 0, max: 100_000_000, decimals: 0 };
const MONEY_CHANGE: Range = { unit: 'millionVnd', min: -100_000_000, max: 100_000_000, decimals: 0 };
const COUNT: Range = { unit: 'count', min: 0, max: 10_000, decimals: 0 };
const YES_NO: Range = { unit: 'yesNo', min: 0, max: 1, decimals: 0 };
/** Shares of a whole (groups rated good, collection rates): one decimal. */
const SHARE: Range = { unit: 'percent', min: 0, max: 100, decimals: 1 };
/** Small ratios to outstanding loans (overdue debt, outstanding interest): two decimals. */
const SMALL_RATIO: Range = { unit: 'percent', min: 0, max: 100, decimals: 2 };

const CATALOGUE = {
  outstandingLoans: [label('Dư nợ cho vay', 'Outstanding loans'), MONEY],
  outstandingLoansPlan: [label('Kế hoạch dư nợ được giao', 'Outstanding loans plan'), MONEY],
  loanGrowth: [label('Dư nợ tăng trưởng trong năm', 'Loan growth during the year'), MONEY_CHANGE],
  loanGrowthPlan: [label('Kế hoạch tăng trưởng dư nợ được giao', 'Loan growth plan'), MONEY],
  inspectionsDone: [label('Số cuộc kiểm tra, giám sát đã thực hiện', 'Inspections carried out'), COUNT],
  inspectionsPlanned: [label('Số cuộc kiểm tra theo kế hoạch', 'Inspections planned'), COUNT],
  supervisionsDone: [label('Số cuộc giám sát đã thực hiện', 'Supervisions carried out'), COUNT],
  supervisionsPlanned: [label('Số cuộc giám sát theo kế hoạch', 'Supervisions planned'), COUNT],
  principalCollectionRate: [label('Tỷ lệ thu hồi nợ gốc đến hạn', 'Principal due that was collected'), SHARE],
  overdueRatio: [label('Tỷ lệ nợ quá hạn', 'Overdue-debt ratio'), SMALL_RATIO],
  overdueRatioChange: [
    label('Thay đổi tỷ lệ nợ quá hạn so với năm trước', 'Change in overdue-debt ratio from last year'),
    { unit: 'percent', min: -100, max: 100, decimals: 2 },
  ],
  outstandingInterestRatio: [label('Tỷ lệ lãi tồn đọng trên dư nợ', 'Outstanding interest to loans'), SMALL_RATIO],
  // Interest collected over interest due: above 100 % when interest left over from earlier years is collected.
  interestCollectionRate: [label('Tỷ lệ thu lãi', 'Interest collected to interest due'), { unit: 'percent', min: 0, max: 200, decimals: 1 }],
  householdSavingsGrowth: [
    label('Tăng trưởng tiền gửi tiết kiệm của hộ vay', 'Growth of household savings'),
    { unit: 'percent', min: -100, max: 1000, decimals: 1 },
  ],
  savingsMobilised: [label('Số dư tiền gửi huy động qua Tổ TK&VV', 'Savings mobilised through the groups'), MONEY],
  savingsMobilisedPlan: [label('Kế hoạch huy động tiền gửi qua Tổ TK&VV', 'Savings mobilisation plan'), MONEY],
  savingsMembersShare: [label('Tỷ lệ tổ viên gửi tiết kiệm', 'Members who save'), SHARE],
  goodGroupsShare: [label('Tỷ lệ Tổ TK&VV xếp loại tốt', 'Savings-and-loan groups rated good'), SHARE],
  weakGroups: [label('Số Tổ TK&VV xếp loại yếu', 'Savings-and-loan groups rated weak'), COUNT],
  groupRatedGood: [label('Tổ được xếp loại tốt', 'The group is rated good'), YES_NO],
  borrowersChecked: [label('Số hộ vay được kiểm tra sử dụng vốn', 'Borrowers whose use of the loan was checked'), COUNT],
  borrowers: [label('Số hộ vay của Tổ', 'Borrowers in the group'), COUNT],
  guidanceIssued: [label('Có ban hành văn bản chỉ đạo, hướng dẫn', 'Guidance documents issued'), YES_NO],
  meetingsHeld: [label('Số cuộc họp, giao ban đã tổ chức', 'Meetings held'), COUNT],
  meetingsPlanned: [label('Số cuộc họp, giao ban theo kế hoạch', 'Meetings planned'), COUNT],
  boardMeetingsHeld: [label('Số phiên họp Ban đại diện HĐQT đã tổ chức', 'Representative-board meetings held'), COUNT],
  boardMeetingsPlanned: [label('Số phiên họp Ban đại diện HĐQT theo quy chế', 'Representative-board meetings required'), COUNT],
  boardMeetingsAttended: [label('Số phiên họp Ban đại diện HĐQT đã tham dự', 'Representative-board meetings attended'), COUNT],
  transactionSessionsHeld: [label('Số phiên giao dịch tại Điểm giao dịch xã đã thực hiện', 'Commune transaction sessions held'), COUNT],
  transactionSessionsPlanned: [label('Số phiên giao dịch tại Điểm giao dịch xã theo lịch', 'Commune transaction sessions scheduled'), COUNT],
  transactionSessionsAttended: [label('Số phiên giao dịch tại Điểm giao dịch xã đã tham dự', 'Commune transaction sessions attended'), COUNT],
  transactionPointsCompliantShare: [
    label('Tỷ lệ Điểm giao dịch xã thực hiện đầy đủ công khai, niêm yết', 'Commune transaction points posting all required notices'),
    SHARE,
  ],
  reviewMeetingsShare: [
    label('Tỷ lệ cuộc họp bình xét cho vay có Ban công tác Mặt trận tham gia', 'Loan review meetings attended by the Front’s hamlet committee'),
    SHARE,
  ],
  groupHeadsTrained: [label('Số Tổ trưởng Tổ TK&VV được tập huấn', 'Group heads trained'), COUNT],
  groupHeads: [label('Tổng số Tổ trưởng Tổ TK&VV phụ trách', 'Group heads in charge'), COUNT],
  tasksCompleted: [label('Số nhiệm vụ được giao hoàn thành đúng hạn', 'Assigned tasks completed on time'), COUNT],
  tasksAssigned: [label('Số nhiệm vụ được giao', 'Tasks assigned'), COUNT],
  violationsUnhandled: [label('Số vi phạm phát hiện chưa được xử lý', 'Violations found and not handled'), COUNT],
  processingErrors: [label('Số sai sót nghiệp vụ bị phát hiện qua kiểm tra', 'Processing errors found by inspections'), COUNT],
  seriousViolation: [label('Có vi phạm nghiêm trọng trong năm', 'A serious violation during the year'), YES_NO],
  coordinationProgramme: [label('Có chương trình, quy chế phối hợp với NHCSXH', 'A coordination programme with the bank'), YES_NO],
  entrustedTasksComplete: [label('Thực hiện đầy đủ các nội dung công việc ủy thác', 'Every entrusted task carried out'), YES_NO],
  poorHouseholdReview: [
    label('Rà soát hộ nghèo, cận nghèo kịp thời, đúng quy định', 'Poor and near-poor households reviewed on time and by the rules'),
    YES_NO,
  ],
  booksUpToDate: [label('Sổ sách, hồ sơ của Tổ ghi chép đầy đủ, kịp thời', 'The group’s books and records complete and up to date'), YES_NO],
  excellentRating: [label('Được xếp loại hoàn thành xuất sắc nhiệm vụ', 'Rated as having completed duties excellently'), YES_NO],
  entrustedBudgetCapital: [label('Có nguồn vốn ngân sách địa phương ủy thác', 'Local-budget capital entrusted'), YES_NO],
  budgetCapitalAdded: [label('Vốn ngân sách địa phương ủy thác tăng thêm trong năm', 'Local-budget capital added during the year'), MONEY],
  budgetCapitalPlan: [label('Kế hoạch vốn ngân sách địa phương ủy thác tăng thêm', 'Plan for additional local-budget capital'), MONEY],
  mediaArticles: [label('Số tin, bài tuyên truyền', 'News items and articles published'), COUNT],
  householdsOutOfPoverty: [label('Số hộ vay thoát nghèo trong năm', 'Borrowing households that escaped poverty this year'), COUNT],
} satisfies Record<string, [Label, Range]>;

export type IndicatorKey = keyof typeof CATALOGUE;

// Rules, typed on catalogue keys so that a misspelt indicator does not compile.
/** Self-assessed (tự chấm) in steps of half a point. */
export const manual = (): Rule => ({ type: 'manual', step: 50 });
export const ratio = (indicator: IndicatorKey, plan: IndicatorKey, fullAtPercent = 100): Rule => ({ type: 'ratio', indicator, plan, fullAtPercent });
export const linear = (indicator: IndicatorKey, zeroAt: number, fullAt: number): Rule => ({ type: 'linear', indicator, zeroAt, fullAt });
export const yesNo = (indicator: IndicatorKey, pointsWhen = true): Rule => ({ type: 'yesNo', indicator, pointsWhen });
export const deduction = (indicator: IndicatorKey, perCount: Hundredths): Rule => ({ type: 'deduction', indicator, perCount });

/** A rule whose points depend on the criterion's maximum (thresholds as shares of it, deductions). */
type RuleFor = Rule | ((max: Hundredths) => Rule);

/** Threshold steps given as [bound, share of the maximum]; points are rounded to the hundredth. */
function thresholds(indicator: IndicatorKey, direction: 'higherIsBetter' | 'lowerIsBetter', shares: [number, number][]): (max: Hundredths) => Rule {
  return (max) => ({ type: 'thresholds', indicator, direction, steps: shares.map(([bound, share]) => ({ bound, points: Math.round(max * share) })) });
}
export const atLeast = (indicator: IndicatorKey, shares: [number, number][]) => thresholds(indicator, 'higherIsBetter', shares);
export const atMost = (indicator: IndicatorKey, shares: [number, number][]) => thresholds(indicator, 'lowerIsBetter', shares);
/** Half the criterion for each count: two unhandled violations (or weak groups) take it all. */
const halfPerCount = (indicator: IndicatorKey) => (max: Hundredths) => deduction(indicator, max / 2);

export function leaf(id: string, name: Label, max: Hundredths, rule: RuleFor): Criterion {
  return { id, label: name, max, rule: typeof rule === 'function' ? rule(max) : rule };
}

export const manualLeaf = (id: string, name: Label, max: Hundredths): Criterion => leaf(id, name, max, manual());

/** The overdue-ratio criterion is the campaign-wide first tie-break: the same maximum and steps in every scheme. */
export const OVERDUE_RATIO_MAX: Hundredths = 1500;

/** Leaf criteria several kinds are judged on; the same id always reads the same indicators the same way. */
const STANDARD = {
  loanPlan: [label('Hoàn thành kế hoạch dư nợ', 'Outstanding loans against plan'), ratio('outstandingLoans', 'outstandingLoansPlan')],
  loanGrowth: [label('Hoàn thành kế hoạch tăng trưởng dư nợ', 'Loan growth against plan'), ratio('loanGrowth', 'loanGrowthPlan')],
  inspections: [label('Thực hiện kế hoạch kiểm tra, giám sát', 'Inspections against plan'), ratio('inspectionsDone', 'inspectionsPlanned')],
  principalCollection: [
    label('Thu hồi nợ gốc đến hạn', 'Collection of principal due'),
    atLeast('principalCollectionRate', [[95, 1], [90, 0.6], [85, 0.2]]),
  ],
  overdueRatio: [label('Tỷ lệ nợ quá hạn', 'Overdue-debt ratio'), atMost('overdueRatio', [[0.14, 1], [0.3, 2 / 3], [0.5, 1 / 3], [1, 2 / 15]])],
  overdueChange: [label('Giảm tỷ lệ nợ quá hạn so với năm trước', 'Fall in the overdue-debt ratio'), linear('overdueRatioChange', 0, -0.1)],
  outstandingInterest: [label('Lãi tồn đọng', 'Outstanding interest'), atMost('outstandingInterestRatio', [[0.05, 1], [0.1, 0.6], [0.2, 0.2]])],
  interestCollection: [label('Thu lãi', 'Interest collection'), atLeast('interestCollectionRate', [[100, 1], [99, 0.7], [97, 0.4], [95, 0.1]])],
  householdSavings: [label('Tăng trưởng tiết kiệm hộ vay', 'Household savings growth'), linear('householdSavingsGrowth', 0, 10)],
  savingsMobilisation: [
    label('Huy động tiền gửi qua Tổ TK&VV so với kế hoạch', 'Savings mobilised through the groups against plan'),
    ratio('savingsMobilised', 'savingsMobilisedPlan'),
  ],
  goodGroups: [label('Tổ TK&VV xếp loại tốt', 'Groups rated good'), linear('goodGroupsShare', 80, 96)],
  weakGroupsDeduction: [label('Không có Tổ TK&VV yếu', 'No group rated weak'), halfPerCount('weakGroups')],
  guidance: [label('Ban hành văn bản chỉ đạo, hướng dẫn', 'Guidance issued'), yesNo('guidanceIssued')],
  meetings: [label('Tổ chức họp, giao ban theo kế hoạch', 'Meetings held against plan'), ratio('meetingsHeld', 'meetingsPlanned')],
  transactionSessions: [
    label('Thực hiện phiên giao dịch tại Điểm giao dịch xã theo lịch', 'Commune transaction sessions held as scheduled'),
    ratio('transactionSessionsHeld', 'transactionSessionsPlanned'),
  ],
  transactionAttendance: [
    label('Tham dự phiên giao dịch tại Điểm giao dịch xã', 'Attendance at commune transaction sessions'),
    ratio('transactionSessionsAttended', 'transactionSessionsHeld'),
  ],
  groupHeadTraining: [label('Tập huấn Tổ trưởng Tổ TK&VV', 'Training of group heads'), ratio('groupHeadsTrained', 'groupHeads')],
  entrustedTasks: [label('Thực hiện đầy đủ các nội dung ủy thác', 'Every entrusted task carried out'), yesNo('entrustedTasksComplete')],
  recordsQuality: [label('Chất lượng hồ sơ, sổ sách', 'Quality of records and books'), manual()],
  violationsHandled: [label('Xử lý vi phạm', 'Handling of violations'), halfPerCount('violationsUnhandled')],
  entrustedCapital: [label('Vốn ngân sách địa phương ủy thác', 'Entrusted local-budget capital'), yesNo('entrustedBudgetCapital')],
  budgetCapital: [
    label('Vốn ngân sách địa phương ủy thác tăng thêm so với kế hoạch', 'Additional local-budget capital against plan'),
    ratio('budgetCapitalAdded', 'budgetCapitalPlan'),
  ],
  communication: [label('Công tác thông tin, tuyên truyền', 'Communication'), atLeast('mediaArticles', [[2, 0.5], [5, 1]])],
  goodModels: [label('Mô hình, cách làm hay', 'Good models and practices'), manual()],
} satisfies Record<string, [Label, RuleFor]>;

export type StandardLeafId = keyof typeof STANDARD;

/** A standard leaf at the given maximum, optionally with a label that names the kind's own work. */
export function std(id: StandardLeafId, max: Hundredths, name?: Label): Criterion {
  const [standardLabel, rule] = STANDARD[id];
  return leaf(id, name ?? standardLabel, max, rule);
}

/** Reducing overdue debt and outstanding interest, for a kind that answers for a portfolio or an area. */
export const overdueStandard = (): Criterion[] => [std('overdueRatio', OVERDUE_RATIO_MAX), std('overdueChange', 500), std('outstandingInterest', 500)];

/** Household savings and the quality of the groups of an area or a portfolio. */
export const savingsStandard = (): Criterion[] => [std('householdSavings', 600), std('goodGroups', 1000), std('weakGroupsDeduction', 400)];

/** Savings mobilised and the quality of the groups, for the bank's own units and officers. */
export const bankSavings = (): Criterion[] => [std('savingsMobilisation', 800), std('goodGroups', 800), std('weakGroupsDeduction', 400)];

/** Records and books (self-assessed) and violations left unhandled. */
export const recordsStandard = (records?: Label): Criterion[] => [std('recordsQuality', 500, records), std('violationsHandled', 500)];

/** Inspections by an entrusted organisation or its officer are inspections of savings-and-loan groups. */
export const groupInspections = (max: Hundredths): Criterion => std('inspections', max, label('Kiểm tra hoạt động Tổ TK&VV theo kế hoạch', 'Inspections of the groups against plan'));
export const groupInspectionLabels = {
  inspectionsDone: label('Số lượt kiểm tra Tổ TK&VV đã thực hiện', 'Group inspections carried out'),
  inspectionsPlanned: label('Số lượt kiểm tra Tổ TK&VV theo kế hoạch', 'Group inspections planned'),
};

/** For a person: the overdue-debt ratio of the area or portfolio they answer for. */
export const AREA_OVERDUE_LABEL = label('Tỷ lệ nợ quá hạn trên địa bàn, lĩnh vực phụ trách', 'Overdue-debt ratio of the area or portfolio in charge');

/** The plan's six criteria, in its order, with the default weights of domain.md (100 points). */
const PLAN = {
  participation: {
    max: 1500,
    label: label('Mức độ tham gia, chỉ đạo, phối hợp', 'Participation, direction and coordination'),
    basis: label('Mức độ tham gia, chỉ đạo, phối hợp triển khai thực hiện', 'Level of participation, direction and coordination in implementing the programme'),
  },
  capitalManagement: {
    max: 2000,
    label: label('Quản lý, kiểm tra, giám sát vốn', 'Managing, inspecting and supervising the capital'),
    basis: label(
      'Hiệu quả công tác quản lý, kiểm tra, giám sát nguồn vốn tín dụng chính sách xã hội',
      'Effectiveness of managing, inspecting and supervising social-policy credit capital',
    ),
  },
  overdueDebt: {
    max: 2500,
    label: label('Giảm nợ quá hạn, lãi tồn đọng', 'Reducing overdue debt and outstanding interest'),
    basis: label('Kết quả thực hiện kế hoạch giảm nợ quá hạn, lãi tồn đọng', 'Results of the plan to reduce overdue debt and outstanding interest'),
  },
  savingsAndGroups: {
    max: 2000,
    label: label('Tiết kiệm và vay vốn, chất lượng Tổ TK&VV', 'Savings and lending, quality of savings-and-loan groups'),
    basis: label(
      'Kết quả hoạt động tiết kiệm và vay vốn: tỷ lệ tiết kiệm hộ gia đình, chất lượng hoạt động Tổ TK&VV',
      'Results of savings and lending: household savings rate, quality of savings-and-loan groups',
    ),
  },
  guidanceMeetings: {
    max: 1000,
    label: label('Văn bản chỉ đạo, hội họp, kiểm tra định kỳ', 'Guidance documents, meetings and periodic inspections'),
    basis: label('Việc ban hành văn bản chỉ đạo, hướng dẫn, tổ chức hội họp, kiểm tra định kỳ', 'Issuing guidance documents, holding meetings and periodic inspections'),
  },
  recordsViolations: {
    max: 1000,
    label: label('Chất lượng hồ sơ, sổ sách; xử lý vi phạm', 'Quality of records and books; handling of violations'),
    basis: label(
      'Chất lượng hồ sơ, sổ sách và việc xử lý các vi phạm trong quá trình thực hiện',
      'Quality of records and books, and handling of violations in implementation',
    ),
  },
};

export type PlanCriterionId = keyof typeof PLAN;

/** What a kind is judged on under each of the plan's criteria: one rule (a leaf) or sub-criteria (a group). */
export type PlanParts = Record<PlanCriterionId, Rule | Criterion[]>;

function planCriteria(parts: PlanParts): Criterion[] {
  return (Object.keys(PLAN) as PlanCriterionId[]).map((id) => {
    const { max, label: name, basis } = PLAN[id];
    const part = parts[id];
    return Array.isArray(part) ? { id, label: name, basis, max, children: part } : { id, label: name, basis, max, rule: part };
  });
}

const noSeriousViolation = (): Gate => ({
  id: 'noSeriousViolation',
  label: label('Không có vi phạm nghiêm trọng', 'No serious violation'),
  condition: { type: 'is', indicator: 'seriousViolation', value: false },
});

/** For a collective that answers for a portfolio: above this overdue-debt ratio it cannot be proposed. */
const overdueCeiling = (bound: number): Gate => ({
  id: 'overdueCeiling',
  label: label(`Tỷ lệ nợ quá hạn không quá ${String(bound).replace('.', ',')} %`, `Overdue-debt ratio at most ${bound} %`),
  condition: { type: 'atMost', indicator: 'overdueRatio', bound },
});

export const BONUS_MAX: Hundredths = 500;
export const MIN_TOTAL: Hundredths = 7000;

export interface SchemeParts {
  id: string;
  kinds: NomineeKind[];
  label: Label;
  criteria: PlanParts;
  bonus: Criterion[];
  /** For a collective that answers for a portfolio or an area: the highest overdue-debt ratio (percent) it may have. */
  overdueCeiling?: number;
  /** Labels that say whose figure an indicator is for this kind (the group's, the entrusted portfolio's…). */
  indicatorLabels?: Partial<Record<IndicatorKey, Label>>;
}

function readIndicators(criterion: Criterion): string[] {
  const rule = criterion.rule;
  const own = !rule || rule.type === 'manual' ? [] : rule.type === 'ratio' ? [rule.indicator, rule.plan] : [rule.indicator];
  return [...own, ...(criterion.children ?? []).flatMap(readIndicators)];
}

/**
 * A version-1 scheme with the campaign-wide bonus cap, minimum, tie-breaks and serious-violation gate;
 * its indicators are those its rules and gates read (criteria, then gates, then bonus).
 */
export function defineScheme(parts: SchemeParts): Scheme {
  const criteria = planCriteria(parts.criteria);
  const gates = [noSeriousViolation(), ...(parts.overdueCeiling === undefined ? [] : [overdueCeiling(parts.overdueCeiling)])];
  const keys = [
    ...criteria.flatMap(readIndicators),
    ...gates.map((gate) => gate.condition.indicator),
    ...parts.bonus.flatMap(readIndicators),
  ] as IndicatorKey[];
  const indicators = [...new Set(keys)].map((key): Indicator => {
    const [standardLabel, range] = CATALOGUE[key];
    return { key, label: parts.indicatorLabels?.[key] ?? standardLabel, ...range };
  });
  return {
    id: parts.id,
    version: 1,
    kinds: parts.kinds,
    label: parts.label,
    indicators,
    criteria,
    bonus: { max: BONUS_MAX, criteria: parts.bonus },
    gates,
    minTotal: MIN_TOTAL,
    requireComplete: true,
  };
}
