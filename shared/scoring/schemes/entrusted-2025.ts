import type { Scheme } from '../types';
import { defineScheme, groupInspectionLabels, groupInspections, label, manualLeaf, overdueStandard, recordsStandard, savingsStandard, std } from './common';

/**
 * The four entrusted socio-political organisations (Hội LHPN, Hội CCB, Hội Nông dân, Đoàn Thanh niên;
 * province and commune level): judged on the entrusted work — the six entrusted tasks, the groups they
 * manage, the overdue debt of the entrusted portfolio, inspections of the groups, training of group heads.
 */
export const entrustedScheme2025: Scheme = defineScheme({
  id: 'entrusted-2025',
  kinds: ['womensUnion', 'veteransAssociation', 'farmersAssociation', 'youthUnion'],
  label: label('Thang điểm tổ chức chính trị - xã hội nhận ủy thác 2025', 'Entrusted socio-political organisations scheme 2025'),
  criteria: {
    participation: [
      manualLeaf('coordination', label('Chỉ đạo, phối hợp thực hiện ủy thác', 'Direction and coordination of the entrusted work'), 1000),
      std('entrustedTasks', 500),
    ],
    capitalManagement: [std('loanPlan', 500), groupInspections(1000), std('principalCollection', 500)],
    overdueDebt: overdueStandard(),
    savingsAndGroups: savingsStandard(),
    guidanceMeetings: [
      std('guidance', 200),
      std('groupHeadTraining', 400),
      std('meetings', 400, label('Tham gia giao ban với NHCSXH theo kế hoạch', 'Review meetings with the bank against plan')),
    ],
    recordsViolations: recordsStandard(),
  },
  bonus: [std('communication', 200), std('goodModels', 300, label('Mô hình, cách làm hay; hội viên thoát nghèo', 'Good models; members out of poverty'))],
  overdueCeiling: 1,
  indicatorLabels: {
    outstandingLoans: label('Dư nợ ủy thác', 'Entrusted outstanding loans'),
    outstandingLoansPlan: label('Kế hoạch dư nợ ủy thác được giao', 'Entrusted outstanding loans plan'),
    overdueRatio: label('Tỷ lệ nợ quá hạn trên dư nợ ủy thác', 'Overdue-debt ratio of the entrusted portfolio'),
    ...groupInspectionLabels,
  },
});
