import { z } from 'zod';
import { AGGREGATION_METHODS } from '../scoring/aggregation';
import { ALLOCATION_METHODS } from '../scoring/allocation';
import type { Scheme, TieBreak } from '../scoring/types';
import { councilRulesSchema } from './council';

export const CAMPAIGN_STATUSES = ['preparation', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** What the collective round gives each unit as weight when the individual quota is allocated. */
export const ALLOCATION_WEIGHTS = ['eligibleCount', 'selectedCount', 'eligiblePoints'] as const;
export type AllocationWeight = (typeof ALLOCATION_WEIGHTS)[number];

const tieBreakSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('criterion'), criterionId: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('voteShare') }),
  z.strictObject({ type: z.literal('womenPriority') }),
]);

/** The plan's tie-break chain: the overdue-debt criterion, then the vote share, then the legal priority for women. */
export const DEFAULT_TIE_BREAKS: TieBreak[] = [{ type: 'criterion', criterionId: 'overdueRatio' }, { type: 'voteShare' }, { type: 'womenPriority' }];

/** The council's rules for one campaign; every field has the default the plan suggests. */
export const campaignSettingsSchema = z.strictObject({
  aggregation: z.enum(AGGREGATION_METHODS).default('mean'),
  tieBreaks: z.array(tieBreakSchema).max(10).default(DEFAULT_TIE_BREAKS),
  allocationMethod: z.enum(ALLOCATION_METHODS).default('largestRemainder'),
  allocationWeight: z.enum(ALLOCATION_WEIGHTS).default('eligibleCount'),
  /** What the official ranking totals: the council's aggregate of the members' sheets, or the office's self-assessment. */
  officialTotal: z.enum(['council', 'self']).default('council'),
  /** How the council meets, votes and approves. */
  council: councilRulesSchema.default(councilRulesSchema.parse({})),
});

export type CampaignSettings = z.output<typeof campaignSettingsSchema>;

/** Settings as stored, with defaults for whatever an older version did not store. */
export function readSettings(stored: unknown): CampaignSettings {
  const parsed = campaignSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : campaignSettingsSchema.parse({});
}

/** One year's emulation review. */
export interface Campaign {
  year: number;
  status: CampaignStatus;
  /** Last day offices may send dossiers (ISO date, 10 January of the next year by default). */
  deadline: string;
  quotaCollectives: number;
  quotaIndividuals: number;
  settings: CampaignSettings;
  schemes: Scheme[];
}

/** Input of `campaigns.update`: what the council may change, each part optional. */
export const campaignUpdateSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  deadline: z.iso.date().optional(),
  quotaCollectives: z.number().int().min(0).max(100).optional(),
  quotaIndividuals: z.number().int().min(0).max(1000).optional(),
  settings: campaignSettingsSchema.optional(),
  /** Why the quotas depart from the plan (required when a quota is raised above it; kept in the activity log). */
  reason: z.string().trim().min(5).max(2000).optional(),
});

export type CampaignUpdate = z.infer<typeof campaignUpdateSchema>;

/** The plan's quota: the council proposes no more than 5 collectives and 10 individuals a year. */
export const PLAN_QUOTAS = { quotaCollectives: 5, quotaIndividuals: 10 } as const;

/** The quotas an update sets above the plan's (and that differ from what is stored): each needs the council's reason. */
export function quotasAbovePlan(stored: Pick<Campaign, 'quotaCollectives' | 'quotaIndividuals'>, update: Partial<Pick<Campaign, 'quotaCollectives' | 'quotaIndividuals'>>): (keyof typeof PLAN_QUOTAS)[] {
  return (Object.keys(PLAN_QUOTAS) as (keyof typeof PLAN_QUOTAS)[]).filter((key) => {
    const value = update[key];
    return value !== undefined && value !== stored[key] && value > PLAN_QUOTAS[key];
  });
}

/** The deadline the plan sets for a campaign year: 10 January of the following year. */
export function defaultDeadline(year: number): string {
  return `${year + 1}-01-10`;
}

/**
 * The campaign year still open for dossiers on a given day (ISO date): the year before, until its deadline of
 * 10 January has passed; then the new year.
 */
export function yearInProgress(today: string): number {
  const year = Number(today.slice(0, 4));
  return today <= defaultDeadline(year - 1) ? year - 1 : year;
}

/** The scheme that scores a kind in a campaign, if any. */
export function schemeFor(campaign: Pick<Campaign, 'schemes'>, kind: string): Scheme | undefined {
  return campaign.schemes.find((scheme) => (scheme.kinds as string[]).includes(kind));
}
