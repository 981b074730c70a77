import type { Campaign, CampaignSettings } from '../../../shared/domain/campaign';

/** What the settings form edits: everything `campaigns.update` takes except the status, which has its own button. */
export interface CampaignFormValues {
  year: number;
  deadline: string;
  quotaCollectives: number;
  quotaIndividuals: number;
  settings: CampaignSettings;
}

export function formValuesOf(campaign: Campaign): CampaignFormValues {
  return {
    year: campaign.year,
    deadline: campaign.deadline,
    quotaCollectives: campaign.quotaCollectives,
    quotaIndividuals: campaign.quotaIndividuals,
    settings: { ...campaign.settings, tieBreaks: campaign.settings.tieBreaks.map((tieBreak) => ({ ...tieBreak })) },
  };
}

export { formatDate, longDate, parseDate } from '../../../shared/i18n/format';
