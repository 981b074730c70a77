import type { Scheme } from '../types';
import { atLeast, defineScheme, label, leaf, manualLeaf, overdueStandard, ratio, recordsStandard, savingsStandard, std, yesNo } from './common';

/**
 * Fatherland Front committees (Ủy ban MTTQ Việt Nam, province and commune): judged on coordination and
 * on social supervision (giám sát xã hội) of policy credit, and on the figures of their area. The Front
 * holds no entrusted portfolio, so there is no overdue-debt ceiling.
 */
export const frontScheme2025: Scheme = defineScheme({
  id: 'front-2025',
  kinds: ['fatherlandFront'],
  label: label('Thang điểm Ủy ban MTTQ Việt Nam 2025', 'Fatherland Front scheme 2025'),
  criteria: {
    participation: [
      manualLeaf('coordination', label('Phối hợp với NHCSXH, chính quyền và các tổ chức nhận ủy thác', 'Coordination with the bank, the local government and the entrusted organisations'), 1000),
      leaf('coordinationProgramme', label('Chương trình phối hợp với NHCSXH', 'Coordination programme with the bank'), 500, yesNo('coordinationProgramme')),
    ],
    capitalManagement: [
      leaf('supervisions', label('Thực hiện kế hoạch giám sát xã hội về tín dụng chính sách', 'Social supervision of policy credit against plan'), 1200, ratio('supervisionsDone', 'supervisionsPlanned')),
      leaf(
        'reviewParticipation',
        label('Tham gia bình xét cho vay tại thôn, ấp, khu phố', 'Taking part in the review of loan applications in hamlets and neighbourhoods'),
        800,
        atLeast('reviewMeetingsShare', [[100, 1], [90, 0.6], [75, 0.3]]),
      ),
    ],
    overdueDebt: overdueStandard(),
    savingsAndGroups: savingsStandard(),
    guidanceMeetings: [std('guidance', 400), std('meetings', 600)],
    recordsViolations: recordsStandard(),
  },
  bonus: [
    std('entrustedCapital', 100, label('Vận động bố trí vốn ngân sách địa phương ủy thác', 'Advocating local-budget capital entrusted to the bank')),
    std('communication', 200),
    std('goodModels', 200),
  ],
  indicatorLabels: {
    overdueRatio: label('Tỷ lệ nợ quá hạn trên địa bàn', 'Overdue-debt ratio of the area'),
  },
});
