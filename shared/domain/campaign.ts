import type { Scheme } from '../scoring/types';

export const CAMPAIGN_STATUSES = ['preparation', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** One year's emulation review. */
export interface Campaign {
  year: number;
  status: CampaignStatus;
  /** Last day offices may send dossiers (ISO date, 10 January of the next year by default). */
  deadline: string;
  quotaCollectives: number;
  quotaIndividuals: number;
  schemes: Scheme[];
}

/** The deadline the plan sets for a campaign year: 10 January of the following year. */
export function defaultDeadline(year: number): string {
  return `${year + 1}-01-10`;
}

/** The scheme that scores a kind in a campaign, if any. */
export function schemeFor(campaign: Campaign, kind: string): Scheme | undefined {
  return campaign.schemes.find((scheme) => (scheme.kinds as string[]).includes(kind));
}
