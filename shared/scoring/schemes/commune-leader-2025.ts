import type { Scheme } from '../types';
import { AREA_OVERDUE_LABEL, defineScheme, label, leaf, manualLeaf, OVERDUE_RATIO_MAX, recordsStandard, savingsStandard, std, yesNo } from './common';

/**
 * Leaders of a commune People's Committee (Chủ tịch, Phó Chủ tịch UBND cấp xã): judged on their own
 * direction — presence at the commune transaction point, review of poor households, inspection of the
 * entrusted organisations, recovery of overdue debt — and on the commune's figures.
 */
export const communeLeaderScheme2025: Scheme = defineScheme({
  id: 'commune-leader-2025',
  kinds: ['communeCommitteeLeader'],
  label: label('Thang điểm lãnh đạo UBND cấp xã 2025', 'Commune People’s Committee leader scheme 2025'),
  criteria: {
    participation: [
      manualLeaf('direction', label('Trực tiếp chỉ đạo, điều hành tín dụng chính sách trên địa bàn', 'Direct leadership of policy credit in the commune'), 1000),
      std('transactionAttendance', 500),
    ],
    capitalManagement: [
      std('loanPlan', 700),
      std('inspections', 700, label('Kiểm tra tổ chức nhận ủy thác, Tổ TK&VV theo kế hoạch', 'Inspections of entrusted organisations and groups against plan')),
      leaf('poorHouseholdReview', label('Rà soát hộ nghèo, cận nghèo làm cơ sở cho vay', 'Review of poor and near-poor households as the basis for lending'), 600, yesNo('poorHouseholdReview')),
    ],
    overdueDebt: [
      std('overdueRatio', OVERDUE_RATIO_MAX),
      std('overdueChange', 500),
      manualLeaf('overdueDirection', label('Chỉ đạo thu hồi nợ quá hạn, xử lý nợ bị rủi ro', 'Directing the recovery of overdue debt and the handling of bad debt'), 500),
    ],
    savingsAndGroups: savingsStandard(),
    guidanceMeetings: [
      std('guidance', 400, label('Ký ban hành văn bản chỉ đạo', 'Direction documents signed')),
      std('meetings', 600, label('Chủ trì, dự giao ban về tín dụng chính sách theo kế hoạch', 'Chairing and attending review meetings on policy credit against plan')),
    ],
    recordsViolations: recordsStandard(),
  },
  bonus: [std('entrustedCapital', 300), std('communication', 100), std('goodModels', 100)],
  indicatorLabels: { overdueRatio: AREA_OVERDUE_LABEL },
});
