import type { Scheme } from '../types';
import { AREA_OVERDUE_LABEL, defineScheme, groupInspectionLabels, groupInspections, label, manualLeaf, overdueStandard, recordsStandard, savingsStandard, std } from './common';

/**
 * Officers of the entrusted socio-political organisations (cán bộ Hội, Đoàn phụ trách ủy thác, any
 * level): judged on their own entrusted work — transaction sessions, inspections of groups, training of
 * group heads — and on the groups and the entrusted portfolio they are in charge of.
 */
export const entrustedOfficerScheme2025: Scheme = defineScheme({
  id: 'entrusted-officer-2025',
  kinds: ['entrustedOfficer'],
  label: label('Thang điểm cán bộ tổ chức chính trị - xã hội nhận ủy thác 2025', 'Entrusted-organisation officer scheme 2025'),
  criteria: {
    participation: [
      manualLeaf('personalContribution', label('Đóng góp cá nhân vào hoạt động ủy thác', 'Personal contribution to the entrusted work'), 1000),
      std('transactionAttendance', 500),
    ],
    capitalManagement: [groupInspections(1000), std('principalCollection', 500), std('entrustedTasks', 500)],
    overdueDebt: overdueStandard(),
    savingsAndGroups: savingsStandard(),
    guidanceMeetings: [
      std('groupHeadTraining', 500),
      std('meetings', 500, label('Dự họp Tổ TK&VV, giao ban với NHCSXH', 'Group meetings and review meetings with the bank attended')),
    ],
    recordsViolations: recordsStandard(),
  },
  bonus: [std('communication', 200), std('goodModels', 300)],
  indicatorLabels: { overdueRatio: AREA_OVERDUE_LABEL, ...groupInspectionLabels },
});
