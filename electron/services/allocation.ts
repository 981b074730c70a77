import type { AllocationReport, AllocationTie } from '../../shared/contract/calls';
import type { AllocationWeight } from '../../shared/domain/campaign';
import { officeOfUnit } from '../../shared/domain/unit';
import { messages } from '../../shared/i18n';
import { allocateSeats, PROVINCE_BUCKET, type AllocationClaim, type AllocationLine, type AllocationMethod } from '../../shared/scoring/allocation';
import { tieSubject } from '../../shared/scoring/selection';
import { decisionsOf, findRound } from '../db/council';
import { listUnits } from '../db/units';
import { getCampaign } from './campaigns';
import type { ServiceContext } from './context';
import { rankCampaign } from './ranking';

/** Named in Vietnamese, as the units are, so that a tie is ordered by the same name whatever language the screen shows. */
const PROVINCE_BUCKET_NAME = messages.vi.allocation.province;

/** The question a tie at the last seat asks, for one method and weight: a decision answers only that question. */
export function allocationTieSubject(ids: readonly string[], places: number, method: AllocationMethod, weight: AllocationWeight): string {
  return tieSubject(ids, places, `allocation-${method}-${weight}`);
}

/** The units tied for the last seat(s), if any: those whose last seat or next claim equalled the last seat given. */
function tieOf(lines: readonly AllocationLine[]): { ids: string[]; places: number } | null {
  const tied = lines.filter((line) => line.tie || line.tieLost);
  if (tied.length < 2) return null;
  return { ids: tied.map((line) => line.id), places: tied.filter((line) => line.tie).length };
}

/**
 * Shares the individual quota among transaction offices (and the province level) by what their collectives
 * achieved in the collective round, with the campaign's method and weight unless others are asked for. A tie at the
 * last seat is the council's to decide: its decision, when it answers this very tie, gives the seats; until then the
 * stated order fills them and the tie is reported open.
 */
export function allocateIndividualQuota(context: ServiceContext, campaignYear: number, method?: AllocationMethod, weight?: AllocationWeight): AllocationReport {
  const campaign = getCampaign(context, campaignYear);
  const chosenMethod = method ?? campaign.settings.allocationMethod;
  const chosenWeight = weight ?? campaign.settings.allocationWeight;
  const ranking = rankCampaign(context, campaignYear, 'collective');
  const units = listUnits(context.db, true);
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const targets = new Map<string, { name: string; eligible: number; selected: number; points: number }>();
  for (const unit of units) if (unit.kind === 'transactionOffice' && !unit.retired) targets.set(unit.id, { name: unit.name, eligible: 0, selected: 0, points: 0 });
  const selected = new Set(ranking.selection.selected);
  for (const row of ranking.rows) {
    const targetId = officeOfUnit(unitById.get(row.unitId));
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
  const allocation = allocateSeats(chosenMethod, campaign.quotaIndividuals, claims);
  const found = tieOf(allocation.lines);
  let tie: AllocationTie | null = null;
  if (found) {
    const subject = allocationTieSubject(found.ids, found.places, chosenMethod, chosenWeight);
    const decision = decisionsOf(context.db, campaignYear, 2).find((candidate) => candidate.kind === 'allocationTie' && candidate.subject === subject) ?? null;
    tie = { subject, ids: found.ids, places: found.places, decision };
    // The council's choice replaces the stated order: the seats of the tie go to the units it chose.
    if (decision) {
      for (const line of allocation.lines) {
        if (!found.ids.includes(line.id)) continue;
        const seats = line.seats - (line.tie ? 1 : 0) + (decision.chosen.includes(line.id) ? 1 : 0);
        line.extraSeats += seats - line.seats;
        line.seats = seats;
      }
    }
  }
  return {
    campaignYear,
    weight: chosenWeight,
    allocation,
    units: [...targets.entries()].map(([id, target]) => ({ id, eligible: target.eligible, selected: target.selected, points: target.points })),
    official: chosenMethod === campaign.settings.allocationMethod && chosenWeight === campaign.settings.allocationWeight,
    final: findRound(context.db, campaignYear, 1).status === 'locked',
    tie,
  };
}

/** Round 2's seats per office: the campaign's own allocation, and whether a tie in it is still open. */
export function allocationSeats(context: ServiceContext, campaignYear: number): { lines: AllocationLine[]; open: boolean } {
  const report = allocateIndividualQuota(context, campaignYear);
  return { lines: report.allocation.lines, open: report.tie !== null && report.tie.decision === null };
}
