import type { AllocationReport } from '../../shared/contract/calls';
import type { AllocationWeight } from '../../shared/domain/campaign';
import { messages } from '../../shared/i18n';
import { allocateSeats, PROVINCE_BUCKET, type AllocationClaim, type AllocationMethod } from '../../shared/scoring/allocation';
import { rankedUnits } from '../db/scores';
import { listUnits } from '../db/units';
import { getCampaign } from './campaigns';
import type { ServiceContext } from './context';
import { rankCampaign } from './ranking';

/** Named in Vietnamese, as the units are, so that a tie is ordered by the same name whatever language the screen shows. */
const PROVINCE_BUCKET_NAME = messages.vi.allocation.province;

/**
 * Shares the individual quota among transaction offices (and the province level) by what their collectives
 * achieved in the collective round, with the campaign's method and weight unless others are asked for.
 */
export function allocateIndividualQuota(context: ServiceContext, campaignYear: number, method?: AllocationMethod, weight?: AllocationWeight): AllocationReport {
  const campaign = getCampaign(context, campaignYear);
  const chosenMethod = method ?? campaign.settings.allocationMethod;
  const chosenWeight = weight ?? campaign.settings.allocationWeight;
  const ranking = rankCampaign(context, campaignYear, 'collective');
  const unitOf = rankedUnits(context.db, campaignYear, 'collective');
  const units = listUnits(context.db, true);
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const targets = new Map<string, { name: string; eligible: number; selected: number; points: number }>();
  for (const unit of units) if (unit.kind === 'transactionOffice' && !unit.retired) targets.set(unit.id, { name: unit.name, eligible: 0, selected: 0, points: 0 });
  const selected = new Set(ranking.selection.selected);
  for (const row of ranking.rows) {
    const unit = unitById.get(unitOf.get(row.dossierId) ?? '');
    const targetId = unit?.kind === 'transactionOffice' ? unit.id : (unit?.parentOfficeId ?? PROVINCE_BUCKET);
    // A retired office whose communes still point to it keeps its name.
    const name = targetId === PROVINCE_BUCKET ? PROVINCE_BUCKET_NAME : (unitById.get(targetId)?.name ?? '');
    const target = targets.get(targetId) ?? { name, eligible: 0, selected: 0, points: 0 };
    if (row.eligible) {
      target.eligible += 1;
      target.points += row.total;
    }
    if (selected.has(row.dossierId)) target.selected += 1;
    targets.set(targetId, target);
  }
  const claims: AllocationClaim[] = [...targets.entries()].map(([id, target]) => ({
    id,
    name: target.name,
    weight: chosenWeight === 'eligibleCount' ? target.eligible : chosenWeight === 'selectedCount' ? target.selected : target.points / 100,
  }));
  return {
    campaignYear,
    weight: chosenWeight,
    allocation: allocateSeats(chosenMethod, campaign.quotaIndividuals, claims),
    units: [...targets.entries()].map(([id, target]) => ({ id, eligible: target.eligible, selected: target.selected, points: target.points })),
  };
}
