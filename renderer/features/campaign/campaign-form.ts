import { z } from 'zod';
import { campaignUpdateSchema, quotasAbovePlan, type Campaign, type CampaignSettings } from '../../../shared/domain/campaign';

/** What the settings form edits: everything `campaigns.update` takes except the status, which has its own button. */
export interface CampaignFormValues {
  year: number;
  deadline: string;
  quotaCollectives: number;
  quotaIndividuals: number;
  settings: CampaignSettings;
  /** Why a quota departs from the plan (asked only then). */
  reason: string;
}

export function formValuesOf(campaign: Campaign): CampaignFormValues {
  return {
    year: campaign.year,
    deadline: campaign.deadline,
    quotaCollectives: campaign.quotaCollectives,
    quotaIndividuals: campaign.quotaIndividuals,
    settings: { ...campaign.settings, tieBreaks: campaign.settings.tieBreaks.map((tieBreak) => ({ ...tieBreak })) },
    reason: '',
  };
}

/** The form's schema: the call's, and a reason whenever a quota is raised above the plan's. */
export function campaignFormSchema(stored: Campaign) {
  return campaignUpdateSchema.extend({ reason: z.string().max(2000) }).superRefine((values, context) => {
    if (quotasAbovePlan(stored, values).length > 0 && values.reason.trim().length < 5) {
      context.addIssue({ code: 'custom', path: ['reason'], params: { key: 'quotaPlan.required' } });
    }
  });
}

export { formatDate, longDate, parseDate } from '../../../shared/i18n/format';
