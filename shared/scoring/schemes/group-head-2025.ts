import type { Scheme } from '../types';
import { atLeast, defineScheme, label, leaf, linear, manualLeaf, OVERDUE_RATIO_MAX, ratio, std, yesNo } from './common';

/**
 * Heads of savings-and-loan groups (Tổ trưởng Tổ TK&VV): judged on their own group — its overdue debt,
 * interest collection, savings, meetings with the members, books and records — and on how they run it.
 */
export const groupHeadScheme2025: Scheme = defineScheme({
  id: 'group-head-2025',
  kinds: ['groupHead'],
  label: label('Thang điểm Tổ trưởng Tổ TK&VV 2025', 'Savings-and-loan group head scheme 2025'),
  criteria: {
    participation: [
      manualLeaf('groupLeadership', label('Điều hành hoạt động của Tổ, phối hợp với tổ chức hội và trưởng ấp', 'Running the group; working with the association and the hamlet head'), 1000),
      std('transactionAttendance', 500),
    ],
    capitalManagement: [
      leaf('loanUseChecks', label('Kiểm tra, đôn đốc tổ viên sử dụng vốn đúng mục đích', 'Checking that members use their loans as intended'), 1000, ratio('borrowersChecked', 'borrowers')),
      std('principalCollection', 1000),
    ],
    overdueDebt: [std('overdueRatio', OVERDUE_RATIO_MAX), std('interestCollection', 1000)],
    savingsAndGroups: [
      leaf('groupRating', label('Tổ được xếp loại tốt', 'The group rated good'), 800, yesNo('groupRatedGood')),
      leaf('savingsParticipation', label('Tổ viên tham gia gửi tiết kiệm', 'Members who save'), 600, linear('savingsMembersShare', 50, 100)),
      std('householdSavings', 600),
    ],
    guidanceMeetings: [
      std('meetings', 600, label('Họp Tổ định kỳ với tổ viên', 'Regular group meetings with the members')),
      manualLeaf('loanReview', label('Bình xét cho vay công khai, dân chủ', 'Open and democratic review of loan applications'), 400),
    ],
    recordsViolations: [
      leaf('booksKept', label('Ghi chép sổ sách, hồ sơ của Tổ', 'Keeping the group’s books and records'), 500, yesNo('booksUpToDate')),
      std('violationsHandled', 500),
    ],
  },
  bonus: [
    leaf('outOfPoverty', label('Tổ viên thoát nghèo', 'Members out of poverty'), 300, atLeast('householdsOutOfPoverty', [[5, 1], [3, 2 / 3], [1, 1 / 3]])),
    std('goodModels', 200, label('Tổ viên làm ăn hiệu quả, mô hình hay', 'Members’ successful businesses and good models')),
  ],
  indicatorLabels: {
    overdueRatio: label('Tỷ lệ nợ quá hạn của Tổ', 'Overdue-debt ratio of the group'),
    principalCollectionRate: label('Tỷ lệ thu hồi nợ gốc đến hạn của Tổ', 'Principal due collected by the group'),
    interestCollectionRate: label('Tỷ lệ thu lãi của Tổ', 'Interest collected by the group to interest due'),
    householdSavingsGrowth: label('Tăng trưởng tiền gửi tiết kiệm của tổ viên', 'Growth of the members’ savings'),
    meetingsHeld: label('Số cuộc họp Tổ đã tổ chức', 'Group meetings held'),
    meetingsPlanned: label('Số cuộc họp Tổ theo quy định', 'Group meetings required'),
    violationsUnhandled: label('Số vi phạm của tổ viên chưa được xử lý', 'Members’ violations not handled'),
  },
});
