import type { Scheme } from '../types';
import { defineScheme, label, leaf, manualLeaf, overdueStandard, ratio, recordsStandard, std } from './common';

/**
 * Professional departments of the branch head office (phòng nghiệp vụ Hội sở tỉnh): they hold no
 * portfolio of their own, so they are judged on their advice, their tasks, their inspection and support
 * of the transaction offices, and on the branch-wide figures their work serves; no overdue-debt ceiling.
 */
export const departmentScheme2025: Scheme = defineScheme({
  id: 'department-2025',
  kinds: ['branchDepartment'],
  label: label('Thang điểm phòng nghiệp vụ Hội sở tỉnh 2025', 'Head-office department scheme 2025'),
  criteria: {
    participation: [
      manualLeaf('advisory', label('Tham mưu Ban Giám đốc, Ban đại diện HĐQT tỉnh trong lĩnh vực phụ trách', 'Advice to the management and the provincial representative board in its field'), 1000),
      leaf('tasksOnTime', label('Hoàn thành nhiệm vụ được giao đúng tiến độ', 'Assigned tasks completed on time'), 500, ratio('tasksCompleted', 'tasksAssigned')),
    ],
    capitalManagement: [
      std('inspections', 1000, label('Kiểm tra, hỗ trợ Phòng giao dịch theo kế hoạch', 'Inspection and support of transaction offices against plan')),
      std('loanGrowth', 500),
      std('principalCollection', 500),
    ],
    overdueDebt: overdueStandard(),
    savingsAndGroups: [std('savingsMobilisation', 1000), std('goodGroups', 1000)],
    guidanceMeetings: [
      std('guidance', 500, label('Ban hành văn bản hướng dẫn nghiệp vụ', 'Operational guidance issued')),
      std('meetings', 500, label('Tổ chức họp, giao ban chuyên đề theo kế hoạch', 'Thematic meetings held against plan')),
    ],
    recordsViolations: recordsStandard(),
  },
  bonus: [std('communication', 200), std('goodModels', 300, label('Sáng kiến, cải tiến nghiệp vụ', 'Initiatives and improvements'))],
  indicatorLabels: {
    overdueRatio: label('Tỷ lệ nợ quá hạn toàn Chi nhánh', 'Branch-wide overdue-debt ratio'),
  },
});
