import type { Scheme } from '../types';
import { defineScheme, label, manual, overdueStandard, recordsStandard, savingsStandard, std } from './common';

/**
 * The 2025 starting scheme for commune-level People's Committees (UBND cấp xã): the plan's six
 * criteria and its bonus, with weights proposed in domain.md, on the figures of the commune's area.
 * It was the first scheme of the app and keeps its id; the other kinds have their own schemes
 * (see index.ts). A proposal, not law: the council edits it before opening the campaign.
 */
export const collectiveScheme2025: Scheme = defineScheme({
  id: 'collective-2025',
  kinds: ['communePeoplesCommittee'],
  label: label('Thang điểm UBND cấp xã 2025', 'Commune People’s Committee scheme 2025'),
  criteria: {
    participation: manual(),
    capitalManagement: [std('loanPlan', 1000), std('inspections', 1000)],
    overdueDebt: overdueStandard(),
    savingsAndGroups: savingsStandard(),
    guidanceMeetings: [std('guidance', 400), std('meetings', 600)],
    recordsViolations: recordsStandard(),
  },
  bonus: [std('entrustedCapital', 200), std('communication', 200), std('goodModels', 100)],
  overdueCeiling: 1,
});
