import type { Scheme } from '../types';
import { AREA_OVERDUE_LABEL, defineScheme, label, manual, manualLeaf, overdueStandard, savingsStandard, std } from './common';

/**
 * Members of the standing committee of a commune or ward Party committee (Ủy viên Ban Thường vụ Đảng
 * ủy cấp xã): judged on the Party's leadership of policy credit in the commune — resolutions and
 * directives, direction of supervision and of handling wrongdoing — and on the commune's figures.
 */
export const partyStandingScheme2025: Scheme = defineScheme({
  id: 'party-standing-2025',
  kinds: ['partyStandingMember'],
  label: label('Thang điểm Ủy viên Ban Thường vụ Đảng ủy cấp xã 2025', 'Commune Party standing-committee member scheme 2025'),
  criteria: {
    participation: manual(),
    capitalManagement: [
      manualLeaf('capitalDirection', label('Lãnh đạo kiểm tra, giám sát việc sử dụng vốn', 'Leading the inspection and supervision of the use of the capital'), 1000),
      std('inspections', 500, label('Kiểm tra, giám sát của cấp ủy về tín dụng chính sách', 'Party committee inspections of policy credit against plan')),
      std('loanPlan', 500),
    ],
    overdueDebt: overdueStandard(),
    savingsAndGroups: savingsStandard(),
    guidanceMeetings: [
      std('guidance', 500, label('Ban hành nghị quyết, chỉ thị, văn bản lãnh đạo', 'Resolutions, directives and leadership documents issued')),
      manualLeaf('meetingsChaired', label('Dự, chỉ đạo các cuộc họp, giao ban về tín dụng chính sách', 'Attending and directing meetings on policy credit'), 500),
    ],
    recordsViolations: [
      std('violationsHandled', 500),
      manualLeaf('disciplineDirection', label('Chỉ đạo xử lý cán bộ, đảng viên vi phạm', 'Directing the handling of officials and Party members at fault'), 500),
    ],
  },
  bonus: [std('entrustedCapital', 200), std('communication', 200), std('goodModels', 100)],
  indicatorLabels: {
    overdueRatio: AREA_OVERDUE_LABEL,
    guidanceIssued: label(
      'Có nghị quyết, chỉ thị hoặc văn bản lãnh đạo về tín dụng chính sách xã hội',
      'A resolution, directive or leadership document on social-policy credit',
    ),
  },
});
