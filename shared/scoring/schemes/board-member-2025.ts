import type { Scheme } from '../types';
import { AREA_OVERDUE_LABEL, defineScheme, label, leaf, manualLeaf, OVERDUE_RATIO_MAX, ratio, recordsStandard, std } from './common';

/**
 * Members of the bank's representative boards (thành viên Ban đại diện HĐQT, any level): judged on
 * their own work on the board — attendance, inspection and supervision under the board's programme,
 * direction in the field or area they are in charge of — and on a few figures of that area.
 */
export const boardMemberScheme2025: Scheme = defineScheme({
  id: 'board-member-2025',
  kinds: ['representativeBoardMember'],
  label: label('Thang điểm thành viên Ban đại diện HĐQT 2025', 'Representative-board member scheme 2025'),
  criteria: {
    participation: [
      leaf('boardAttendance', label('Tham dự các phiên họp Ban đại diện HĐQT', 'Attendance at representative-board meetings'), 700, ratio('boardMeetingsAttended', 'boardMeetingsHeld')),
      manualLeaf('personalContribution', label('Đóng góp ý kiến, chỉ đạo trong lĩnh vực, địa bàn phụ trách', 'Contribution and direction in the field or area in charge'), 800),
    ],
    capitalManagement: [
      std('inspections', 1000, label('Kiểm tra, giám sát theo chương trình của Ban đại diện HĐQT', 'Inspection and supervision under the board’s programme')),
      std('loanPlan', 500),
      manualLeaf('capitalDirection', label('Chỉ đạo quản lý, sử dụng vốn đúng mục đích', 'Direction of the proper management and use of the capital'), 500),
    ],
    overdueDebt: [
      std('overdueRatio', OVERDUE_RATIO_MAX),
      std('overdueChange', 500),
      manualLeaf('overdueDirection', label('Chỉ đạo xử lý nợ quá hạn, lãi tồn đọng', 'Direction of recovering overdue debt and outstanding interest'), 500),
    ],
    savingsAndGroups: [
      std('goodGroups', 1000),
      std('householdSavings', 500),
      manualLeaf('groupsDirection', label('Chỉ đạo củng cố, kiện toàn Tổ TK&VV', 'Direction of consolidating the savings-and-loan groups'), 500),
    ],
    guidanceMeetings: [
      std('guidance', 400, label('Ký ban hành hoặc tham mưu văn bản chỉ đạo', 'Direction documents signed or drafted')),
      manualLeaf('periodicReports', label('Báo cáo kết quả kiểm tra, giám sát định kỳ', 'Periodic reports on inspection and supervision'), 600),
    ],
    recordsViolations: recordsStandard(label('Chất lượng biên bản, hồ sơ kiểm tra, giám sát', 'Quality of inspection and supervision records')),
  },
  bonus: [
    std('entrustedCapital', 200, label('Tham mưu bố trí vốn ngân sách địa phương ủy thác', 'Advocating local-budget capital entrusted to the bank')),
    std('communication', 100),
    std('goodModels', 200),
  ],
  indicatorLabels: {
    overdueRatio: AREA_OVERDUE_LABEL,
    inspectionsDone: label('Số cuộc kiểm tra, giám sát đã thực hiện theo chương trình của Ban đại diện', 'Inspections carried out under the board’s programme'),
    inspectionsPlanned: label('Số cuộc kiểm tra, giám sát được phân công', 'Inspections assigned'),
  },
});
