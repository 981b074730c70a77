import { AppError } from '../../shared/contract/errors';
import { campaignSettingsSchema, defaultDeadline, quotasAbovePlan, type Campaign, type CampaignStatus, type CampaignUpdate } from '../../shared/domain/campaign';
import { leafCriteria } from '../../shared/scoring/leaves';
import type { Label } from '../../shared/scoring/types';
import { defaultSchemes2025 } from '../../shared/scoring/schemes';
import type { CampaignSummary } from '../../shared/contract/calls';
import { campaignYears, dossierCountsByCampaign, findCampaign, insertCampaign, insertScheme, updateCampaignRow } from '../db/campaigns';
import { councilMembers, findRound, insertCouncilMember } from '../db/council';
import { writeSetting } from '../db/settings';
import { randomUUID } from 'node:crypto';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';
import { requireBranch } from './mode';

/** The first campaign year of the plan. */
export const FIRST_CAMPAIGN_YEAR = 2025;

/** A default scheme's label for another year: "Thang điểm UBND cấp xã 2025" becomes "… 2026". */
function yearLabel(label: Label, year: number): Label {
  return { vi: label.vi.replace(/ 2025$/, ` ${year}`), en: label.en.replace(/ 2025$/, ` ${year}`) };
}

/** Creates a campaign in preparation with the default schemes and settings; the caller holds the transaction. */
export function createCampaign(context: ServiceContext, year: number): void {
  const now = context.now();
  insertCampaign(
    context.db,
    { year, status: 'preparation', deadline: defaultDeadline(year), quotaCollectives: 5, quotaIndividuals: 10, settings: campaignSettingsSchema.parse({}) },
    now,
  );
  // Each campaign starts from the 2025 defaults, under its own ids ("entrusted-2026", …).
  for (const scheme of defaultSchemes2025) insertScheme(context.db, year, { ...scheme, id: scheme.id.replace(/-2025$/, `-${year}`), label: yearLabel(scheme.label, year) }, now);
}

export function getCampaign(context: ServiceContext, year: number): Campaign {
  const campaign = findCampaign(context.db, year);
  if (!campaign) throw new AppError('campaign.notFound', { year });
  return campaign;
}

/** A campaign's rules as the audit log shows them (the settings as one short text). */
function campaignSummary(campaign: Omit<Campaign, 'schemes'>): Record<string, string | number> {
  const { aggregation, tieBreaks, allocationMethod, allocationWeight } = campaign.settings;
  return {
    status: campaign.status,
    deadline: campaign.deadline,
    quotaCollectives: campaign.quotaCollectives,
    quotaIndividuals: campaign.quotaIndividuals,
    aggregation,
    tieBreaks: tieBreaks.map((tieBreak) => (tieBreak.type === 'criterion' ? tieBreak.criterionId : tieBreak.type)).join(' > '),
    allocationMethod,
    allocationWeight,
  };
}

/** Status moves forward (preparation → open → closed); a closed campaign can be reopened. */
const ALLOWED_TRANSITIONS: Record<CampaignStatus, CampaignStatus[]> = {
  preparation: ['open'],
  open: ['closed'],
  closed: ['open'],
};

/** The council changes a campaign's status, deadline, quotas or rules; a closed campaign can only be reopened. */
export function updateCampaign(context: ServiceContext, update: CampaignUpdate): Campaign {
  requireBranch(context);
  return inTransaction(context, () => {
    const campaign = getCampaign(context, update.year);
    const status = update.status ?? campaign.status;
    if (status !== campaign.status && !ALLOWED_TRANSITIONS[campaign.status].includes(status)) {
      throw new AppError('campaign.badTransition', { from: campaign.status, to: status });
    }
    const changesOtherThanStatus = update.deadline !== undefined || update.quotaCollectives !== undefined || update.quotaIndividuals !== undefined || update.settings !== undefined;
    if (campaign.status === 'closed' && changesOtherThanStatus) throw new AppError('campaign.locked', { year: campaign.year });
    // A quota above the plan's is the council's deliberate choice: it says why, and the log keeps it.
    const above = quotasAbovePlan(campaign, update);
    if (above.length > 0 && !update.reason) {
      throw new AppError('campaign.quotaReasonRequired', {}, [{ path: 'reason', key: 'quotaPlan.required', params: {} }]);
    }
    const settings = update.settings ?? campaign.settings;
    requireRulesOpen(context, campaign, { quotaCollectives: update.quotaCollectives, quotaIndividuals: update.quotaIndividuals, settings });
    const known = new Set(campaign.schemes.flatMap((scheme) => leafCriteria(scheme).map((criterion) => criterion.id)));
    const unknown = settings.tieBreaks.flatMap((tieBreak, index) => (tieBreak.type === 'criterion' && !known.has(tieBreak.criterionId) ? [{ index, id: tieBreak.criterionId }] : []));
    if (unknown.length > 0) {
      throw new AppError(
        'call.invalidInput',
        {},
        unknown.map(({ index, id }) => ({ path: `settings.tieBreaks.${index}.criterionId`, key: 'scheme.unknownCriterion', params: { criterion: id } })),
      );
    }
    const after = {
      year: campaign.year,
      status,
      deadline: update.deadline ?? campaign.deadline,
      quotaCollectives: update.quotaCollectives ?? campaign.quotaCollectives,
      quotaIndividuals: update.quotaIndividuals ?? campaign.quotaIndividuals,
      settings,
    };
    updateCampaignRow(context.db, after);
    audit(context, 'campaign.updated', { type: 'campaign', id: String(campaign.year), label: String(campaign.year) }, { before: campaignSummary(campaign), after: campaignSummary(after), ...(update.reason ? { note: update.reason } : {}) });
    return getCampaign(context, campaign.year);
  });
}

/**
 * A locked round's rules no longer change: round 1's quota and how scores are counted, ranked and voted; round 2's
 * quota and how it is allocated.
 */
function requireRulesOpen(context: ServiceContext, campaign: Campaign, next: { quotaCollectives?: number; quotaIndividuals?: number; settings: Campaign['settings'] }): void {
  const changed = (before: unknown, after: unknown) => after !== undefined && JSON.stringify(before) !== JSON.stringify(after);
  const { allocationMethod, allocationWeight, ...counting } = next.settings;
  const { allocationMethod: methodBefore, allocationWeight: weightBefore, ...countingBefore } = campaign.settings;
  if (findRound(context.db, campaign.year, 1).status === 'locked' && (changed(campaign.quotaCollectives, next.quotaCollectives) || changed(countingBefore, counting))) {
    throw new AppError('round.locked', { round: 1 });
  }
  if (
    findRound(context.db, campaign.year, 2).status === 'locked' &&
    (changed(campaign.quotaIndividuals, next.quotaIndividuals) || changed(methodBefore, allocationMethod) || changed(weightBefore, allocationWeight))
  ) {
    throw new AppError('round.locked', { round: 2 });
  }
}

/** Every campaign, newest first, with its state and its rounds: what the campaign switcher offers. */
export function listCampaigns(context: ServiceContext): CampaignSummary[] {
  const counts = dossierCountsByCampaign(context.db);
  return campaignYears(context.db)
    .sort((a, b) => b - a)
    .map((year) => {
      const campaign = getCampaign(context, year);
      return {
        year,
        status: campaign.status,
        dossiers: counts.get(year) ?? 0,
        rounds: ([1, 2] as const).map((round) => ({ round, status: findRound(context.db, year, round).status })),
      };
    });
}

/** A scheme's id in another year: "entrusted-2025" becomes "entrusted-2026"; an id without a year gets one. */
function schemeIdFor(id: string, fromYear: number, year: number): string {
  return id.endsWith(`-${fromYear}`) ? `${id.slice(0, -String(fromYear).length)}${year}` : `${id}-${year}`;
}

/**
 * Starts next year's campaign from this one, in preparation: the schemes as they are now (first version each), the
 * quotas, the council's rules and its members (all editable); the deadline is 10 January after the new year. It
 * becomes the installation's current campaign; the earlier one is kept, read-only once closed.
 */
export function startNextCampaign(context: ServiceContext, fromYear: number): Campaign {
  requireBranch(context);
  const year = fromYear + 1;
  inTransaction(context, () => {
    const from = getCampaign(context, fromYear);
    if (findCampaign(context.db, year)) throw new AppError('campaign.exists', { year });
    const now = context.now();
    insertCampaign(context.db, { year, status: 'preparation', deadline: defaultDeadline(year), quotaCollectives: from.quotaCollectives, quotaIndividuals: from.quotaIndividuals, settings: from.settings }, now);
    const ids = new Map(from.schemes.map((scheme) => [scheme.id, schemeIdFor(scheme.id, fromYear, year)]));
    for (const scheme of from.schemes) insertScheme(context.db, year, { ...scheme, id: ids.get(scheme.id) as string, version: 1 }, now);
    for (const member of councilMembers(context.db, fromYear)) insertCouncilMember(context.db, { ...member, id: randomUUID(), campaignYear: year }, now);
    writeSetting(context.db, 'currentCampaignYear', String(year));
    audit(context, 'campaign.started', { type: 'campaign', id: String(year), label: String(year) }, { after: { from: fromYear, schemes: from.schemes.length, members: councilMembers(context.db, year).length } });
  });
  return getCampaign(context, year);
}
