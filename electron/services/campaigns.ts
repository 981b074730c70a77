import { AppError } from '../../shared/contract/errors';
import { defaultDeadline, type Campaign } from '../../shared/domain/campaign';
import { collectiveScheme2025 } from '../../shared/scoring/schemes/collective-2025';
import { findCampaign, insertCampaign, insertScheme } from '../db/campaigns';
import type { ServiceContext } from './context';

/** The first campaign year of the plan. */
export const FIRST_CAMPAIGN_YEAR = 2025;

/** Creates a campaign in preparation with the default schemes; the caller holds the transaction. */
export function createCampaign(context: ServiceContext, year: number): void {
  const now = context.now();
  insertCampaign(context.db, { year, status: 'preparation', deadline: defaultDeadline(year), quotaCollectives: 5, quotaIndividuals: 10 }, now);
  insertScheme(context.db, year, { ...collectiveScheme2025, id: `collective-${year}` }, now);
}

export function getCampaign(context: ServiceContext, year: number): Campaign {
  const campaign = findCampaign(context.db, year);
  if (!campaign) throw new AppError('campaign.notFound', { year });
  return campaign;
}
