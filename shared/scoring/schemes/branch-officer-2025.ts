import type { Scheme } from '../types';
import { AREA_OVERDUE_LABEL, bankSavings, deduction, defineScheme, label, leaf, manualLeaf, overdueStandard, std, yesNo } from './common';

/**
 * Officers of the provincial branch and its transaction offices (cán bộ NHCSXH): judged on their own
 * work and rating, and on the communes or field they are in charge of — collection, overdue debt,
 * groups, transaction sessions, quality of loan files and processing errors.
 */
export const branchOfficerScheme2025: Scheme = defineScheme({
  id: 'branch-officer-2025',
  kinds: ['branchOfficer'],
  label: label('Thang điểm cán bộ NHCSXH 2025', 'Branch officer scheme 2025'),
  criteria: {
    participation: [
      manualLeaf('personalContribution', label('Tinh thần trách nhiệm, phối hợp trong công việc', 'Sense of responsibility and cooperation at work'), 1000),
      leaf('excellentRating', label('Xếp loại hoàn thành xuất sắc nhiệm vụ', 'Rated as having completed duties excellently'), 500, yesNo('excellentRating')),
    ],
    capitalManagement: [
      std('loanGrowth', 600),
      std('principalCollection', 700),
      std('inspections', 700, label('Kiểm tra sau cho vay theo kế hoạch', 'Post-disbursement checks against plan')),
    ],
    overdueDebt: overdueStandard(),
    savingsAndGroups: bankSavings(),
    guidanceMeetings: [
      std('transactionSessions', 500),
      std('meetings', 500, label('Dự giao ban với tổ chức hội, họp Tổ TK&VV theo kế hoạch', 'Review meetings with associations and group meetings attended against plan')),
    ],
    recordsViolations: [
      std('recordsQuality', 500, label('Chất lượng hồ sơ vay vốn, sổ sách phụ trách', 'Quality of the loan files and books in charge')),
      leaf('processingErrors', label('Sai sót nghiệp vụ', 'Processing errors'), 500, deduction('processingErrors', 100)),
    ],
  },
  bonus: [std('communication', 200), std('goodModels', 300, label('Sáng kiến, cải tiến, mô hình hay', 'Initiatives, improvements and good models'))],
  indicatorLabels: {
    overdueRatio: AREA_OVERDUE_LABEL,
    inspectionsDone: label('Số lượt kiểm tra sau cho vay đã thực hiện', 'Post-disbursement checks carried out'),
    inspectionsPlanned: label('Số lượt kiểm tra sau cho vay theo kế hoạch', 'Post-disbursement checks planned'),
  },
});
