import type { Scheme } from '../types';
import { atLeast, bankSavings, defineScheme, label, leaf, manualLeaf, overdueStandard, ratio, std } from './common';

/**
 * The bank's own portfolio-holding units: the provincial branch (Chi nhánh NHCSXH tỉnh) and the
 * transaction offices (Phòng giao dịch NHCSXH). Judged on loan growth against plan, collection,
 * overdue debt, savings mobilisation, internal inspection and the running of commune transaction points.
 */
export const bankUnitScheme2025: Scheme = defineScheme({
  id: 'bank-unit-2025',
  kinds: ['provincialBranch', 'transactionOffice'],
  label: label('Thang điểm Chi nhánh, Phòng giao dịch NHCSXH 2025', 'Provincial branch and transaction office scheme 2025'),
  criteria: {
    participation: [
      manualLeaf(
        'coordination',
        label('Tham mưu cấp ủy, chính quyền; phối hợp với các tổ chức nhận ủy thác', 'Advising Party committees and local governments; coordination with the entrusted organisations'),
        1000,
      ),
      leaf('boardMeetings', label('Tham mưu tổ chức họp Ban đại diện HĐQT theo quy chế', 'Representative-board meetings prepared as the rules require'), 500, ratio('boardMeetingsHeld', 'boardMeetingsPlanned')),
    ],
    capitalManagement: [
      std('loanGrowth', 800),
      std('principalCollection', 600),
      std('inspections', 600, label('Kiểm tra nội bộ, kiểm tra tổ chức nhận ủy thác theo kế hoạch', 'Internal inspections and inspections of entrusted organisations against plan')),
    ],
    overdueDebt: overdueStandard(),
    savingsAndGroups: bankSavings(),
    guidanceMeetings: [
      std('guidance', 300, label('Ban hành văn bản hướng dẫn nghiệp vụ', 'Operational guidance issued')),
      std('meetings', 300, label('Giao ban với tổ chức nhận ủy thác theo kế hoạch', 'Review meetings with the entrusted organisations against plan')),
      std('transactionSessions', 400),
    ],
    recordsViolations: [
      std('recordsQuality', 400),
      std('violationsHandled', 300),
      leaf(
        'transactionPoints',
        label('Điểm giao dịch xã công khai, niêm yết đúng quy định', 'Commune transaction points post every required notice'),
        300,
        atLeast('transactionPointsCompliantShare', [[100, 1], [95, 0.5]]),
      ),
    ],
  },
  bonus: [std('budgetCapital', 200), std('communication', 200), std('goodModels', 100)],
  overdueCeiling: 0.5,
  indicatorLabels: {
    inspectionsDone: label('Số cuộc kiểm tra nội bộ, kiểm tra tổ chức nhận ủy thác đã thực hiện', 'Internal and entrusted-organisation inspections carried out'),
  },
});
