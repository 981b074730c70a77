import { COLLECTIVE_KINDS } from '../../domain/kinds';
import type { Scheme } from '../types';

/**
 * The 2025 starting scheme for every collective kind: the plan's six criteria and its bonus, with
 * weights proposed in domain.md. A proposal, not law: the council edits it before opening the campaign.
 */
export const collectiveScheme2025: Scheme = {
  id: 'collective-2025',
  version: 1,
  kinds: [...COLLECTIVE_KINDS],
  label: { vi: 'Thang điểm tập thể 2025', en: 'Collective scheme 2025' },
  indicators: [
    { key: 'outstandingLoans', label: { vi: 'Dư nợ cho vay', en: 'Outstanding loans' }, unit: 'millionVnd', min: 0, max: 100_000_000, decimals: 0 },
    { key: 'outstandingLoansPlan', label: { vi: 'Kế hoạch dư nợ được giao', en: 'Outstanding loans plan' }, unit: 'millionVnd', min: 0, max: 100_000_000, decimals: 0 },
    { key: 'inspectionsDone', label: { vi: 'Số cuộc kiểm tra, giám sát đã thực hiện', en: 'Inspections carried out' }, unit: 'count', min: 0, max: 10_000, decimals: 0 },
    { key: 'inspectionsPlanned', label: { vi: 'Số cuộc kiểm tra theo kế hoạch', en: 'Inspections planned' }, unit: 'count', min: 0, max: 10_000, decimals: 0 },
    { key: 'overdueRatio', label: { vi: 'Tỷ lệ nợ quá hạn', en: 'Overdue-debt ratio' }, unit: 'percent', min: 0, max: 100, decimals: 2 },
    { key: 'overdueRatioChange', label: { vi: 'Thay đổi tỷ lệ nợ quá hạn so với năm trước', en: 'Change in overdue-debt ratio from last year' }, unit: 'percent', min: -100, max: 100, decimals: 2 },
    { key: 'outstandingInterestRatio', label: { vi: 'Tỷ lệ lãi tồn đọng trên dư nợ', en: 'Outstanding interest to loans' }, unit: 'percent', min: 0, max: 100, decimals: 2 },
    { key: 'householdSavingsGrowth', label: { vi: 'Tăng trưởng tiền gửi tiết kiệm của hộ vay', en: 'Growth of household savings' }, unit: 'percent', min: -100, max: 1000, decimals: 1 },
    { key: 'goodGroupsShare', label: { vi: 'Tỷ lệ Tổ TK&VV xếp loại tốt', en: 'Savings-and-loan groups rated good' }, unit: 'percent', min: 0, max: 100, decimals: 1 },
    { key: 'weakGroups', label: { vi: 'Số Tổ TK&VV xếp loại yếu', en: 'Savings-and-loan groups rated weak' }, unit: 'count', min: 0, max: 10_000, decimals: 0 },
    { key: 'guidanceIssued', label: { vi: 'Có ban hành văn bản chỉ đạo, hướng dẫn', en: 'Guidance documents issued' }, unit: 'yesNo', min: 0, max: 1, decimals: 0 },
    { key: 'meetingsHeld', label: { vi: 'Số cuộc họp, giao ban đã tổ chức', en: 'Meetings held' }, unit: 'count', min: 0, max: 10_000, decimals: 0 },
    { key: 'meetingsPlanned', label: { vi: 'Số cuộc họp, giao ban theo kế hoạch', en: 'Meetings planned' }, unit: 'count', min: 0, max: 10_000, decimals: 0 },
    { key: 'violationsUnhandled', label: { vi: 'Số vi phạm phát hiện chưa được xử lý', en: 'Violations found and not handled' }, unit: 'count', min: 0, max: 10_000, decimals: 0 },
    { key: 'seriousViolation', label: { vi: 'Có vi phạm nghiêm trọng trong năm', en: 'A serious violation during the year' }, unit: 'yesNo', min: 0, max: 1, decimals: 0 },
    { key: 'entrustedBudgetCapital', label: { vi: 'Có nguồn vốn ngân sách địa phương ủy thác', en: 'Local-budget capital entrusted' }, unit: 'yesNo', min: 0, max: 1, decimals: 0 },
    { key: 'mediaArticles', label: { vi: 'Số tin, bài tuyên truyền', en: 'News items and articles published' }, unit: 'count', min: 0, max: 10_000, decimals: 0 },
  ],
  criteria: [
    {
      id: 'participation',
      label: { vi: 'Mức độ tham gia, chỉ đạo, phối hợp', en: 'Participation, direction and coordination' },
      basis: { vi: 'Mức độ tham gia, chỉ đạo, phối hợp triển khai thực hiện', en: 'Level of participation, direction and coordination in implementing the programme' },
      max: 1500,
      rule: { type: 'manual', step: 50 },
    },
    {
      id: 'capitalManagement',
      label: { vi: 'Quản lý, kiểm tra, giám sát vốn', en: 'Managing, inspecting and supervising the capital' },
      basis: { vi: 'Hiệu quả công tác quản lý, kiểm tra, giám sát nguồn vốn tín dụng chính sách xã hội', en: 'Effectiveness of managing, inspecting and supervising social-policy credit capital' },
      max: 2000,
      children: [
        { id: 'loanPlan', label: { vi: 'Hoàn thành kế hoạch dư nợ', en: 'Outstanding loans against plan' }, max: 1000, rule: { type: 'ratio', indicator: 'outstandingLoans', plan: 'outstandingLoansPlan', fullAtPercent: 100 } },
        { id: 'inspections', label: { vi: 'Thực hiện kế hoạch kiểm tra, giám sát', en: 'Inspections against plan' }, max: 1000, rule: { type: 'ratio', indicator: 'inspectionsDone', plan: 'inspectionsPlanned', fullAtPercent: 100 } },
      ],
    },
    {
      id: 'overdueDebt',
      label: { vi: 'Giảm nợ quá hạn, lãi tồn đọng', en: 'Reducing overdue debt and outstanding interest' },
      basis: { vi: 'Kết quả thực hiện kế hoạch giảm nợ quá hạn, lãi tồn đọng', en: 'Results of the plan to reduce overdue debt and outstanding interest' },
      max: 2500,
      children: [
        {
          id: 'overdueRatio',
          label: { vi: 'Tỷ lệ nợ quá hạn', en: 'Overdue-debt ratio' },
          max: 1500,
          rule: { type: 'thresholds', indicator: 'overdueRatio', direction: 'lowerIsBetter', steps: [
            { bound: 0.14, points: 1500 },
            { bound: 0.3, points: 1000 },
            { bound: 0.5, points: 500 },
            { bound: 1, points: 200 },
          ] },
        },
        { id: 'overdueChange', label: { vi: 'Giảm tỷ lệ nợ quá hạn so với năm trước', en: 'Fall in the overdue-debt ratio' }, max: 500, rule: { type: 'linear', indicator: 'overdueRatioChange', zeroAt: 0, fullAt: -0.1 } },
        {
          id: 'outstandingInterest',
          label: { vi: 'Lãi tồn đọng', en: 'Outstanding interest' },
          max: 500,
          rule: { type: 'thresholds', indicator: 'outstandingInterestRatio', direction: 'lowerIsBetter', steps: [
            { bound: 0.05, points: 500 },
            { bound: 0.1, points: 300 },
            { bound: 0.2, points: 100 },
          ] },
        },
      ],
    },
    {
      id: 'savingsAndGroups',
      label: { vi: 'Tiết kiệm và vay vốn, chất lượng Tổ TK&VV', en: 'Savings and lending, quality of savings-and-loan groups' },
      basis: { vi: 'Kết quả hoạt động tiết kiệm và vay vốn: tỷ lệ tiết kiệm hộ gia đình, chất lượng hoạt động Tổ TK&VV', en: 'Results of savings and lending: household savings rate, quality of savings-and-loan groups' },
      max: 2000,
      children: [
        { id: 'householdSavings', label: { vi: 'Tăng trưởng tiết kiệm hộ vay', en: 'Household savings growth' }, max: 600, rule: { type: 'linear', indicator: 'householdSavingsGrowth', zeroAt: 0, fullAt: 10 } },
        { id: 'goodGroups', label: { vi: 'Tổ TK&VV xếp loại tốt', en: 'Groups rated good' }, max: 1000, rule: { type: 'linear', indicator: 'goodGroupsShare', zeroAt: 80, fullAt: 96 } },
        { id: 'weakGroupsDeduction', label: { vi: 'Không có Tổ TK&VV yếu', en: 'No group rated weak' }, max: 400, rule: { type: 'deduction', indicator: 'weakGroups', perCount: 200 } },
      ],
    },
    {
      id: 'guidanceMeetings',
      label: { vi: 'Văn bản chỉ đạo, hội họp, kiểm tra định kỳ', en: 'Guidance documents, meetings and periodic inspections' },
      basis: { vi: 'Việc ban hành văn bản chỉ đạo, hướng dẫn, tổ chức hội họp, kiểm tra định kỳ', en: 'Issuing guidance documents, holding meetings and periodic inspections' },
      max: 1000,
      children: [
        { id: 'guidance', label: { vi: 'Ban hành văn bản chỉ đạo, hướng dẫn', en: 'Guidance issued' }, max: 400, rule: { type: 'yesNo', indicator: 'guidanceIssued', pointsWhen: true } },
        { id: 'meetings', label: { vi: 'Tổ chức họp, giao ban theo kế hoạch', en: 'Meetings held against plan' }, max: 600, rule: { type: 'ratio', indicator: 'meetingsHeld', plan: 'meetingsPlanned', fullAtPercent: 100 } },
      ],
    },
    {
      id: 'recordsViolations',
      label: { vi: 'Chất lượng hồ sơ, sổ sách; xử lý vi phạm', en: 'Quality of records and books; handling of violations' },
      basis: { vi: 'Chất lượng hồ sơ, sổ sách và việc xử lý các vi phạm trong quá trình thực hiện', en: 'Quality of records and books, and handling of violations in implementation' },
      max: 1000,
      children: [
        { id: 'recordsQuality', label: { vi: 'Chất lượng hồ sơ, sổ sách', en: 'Quality of records and books' }, max: 500, rule: { type: 'manual', step: 50 } },
        { id: 'violationsHandled', label: { vi: 'Xử lý vi phạm', en: 'Handling of violations' }, max: 500, rule: { type: 'deduction', indicator: 'violationsUnhandled', perCount: 250 } },
      ],
    },
  ],
  bonus: {
    max: 500,
    criteria: [
      { id: 'entrustedCapital', label: { vi: 'Vốn ngân sách địa phương ủy thác', en: 'Entrusted local-budget capital' }, max: 200, rule: { type: 'yesNo', indicator: 'entrustedBudgetCapital', pointsWhen: true } },
      {
        id: 'communication',
        label: { vi: 'Công tác thông tin, tuyên truyền', en: 'Communication' },
        max: 200,
        rule: { type: 'thresholds', indicator: 'mediaArticles', direction: 'higherIsBetter', steps: [
          { bound: 2, points: 100 },
          { bound: 5, points: 200 },
        ] },
      },
      { id: 'goodModels', label: { vi: 'Mô hình, cách làm hay', en: 'Good models and practices' }, max: 100, rule: { type: 'manual', step: 50 } },
    ],
  },
  gates: [
    { id: 'noSeriousViolation', label: { vi: 'Không có vi phạm nghiêm trọng', en: 'No serious violation' }, condition: { type: 'is', indicator: 'seriousViolation', value: false } },
    { id: 'overdueCeiling', label: { vi: 'Tỷ lệ nợ quá hạn không quá 1 %', en: 'Overdue-debt ratio at most 1 %' }, condition: { type: 'atMost', indicator: 'overdueRatio', bound: 1 } },
  ],
  minTotal: 7000,
  tieBreaks: [{ type: 'criterion', criterionId: 'overdueRatio' }, { type: 'womenPriority' }],
};
