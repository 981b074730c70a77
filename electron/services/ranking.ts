import type { Ranking, RankingRow } from '../../shared/contract/calls';
import { adjustedContent, type Adjustment } from '../../shared/domain/adjustment';
import { toScoreInput } from '../../shared/domain/dossier';
import { nomineeGroupOf, type NomineeGroup } from '../../shared/domain/kinds';
import { aggregateScores, councilResult, type AggregateScore } from '../../shared/scoring/aggregation';
import { rankDossiers, type RankEntry } from '../../shared/scoring/rank';
import { scoreDossier } from '../../shared/scoring/score';
import { selectNominees } from '../../shared/scoring/selection';
import type { Scheme, ScoreResult } from '../../shared/scoring/types';
import { activeAdjustmentsOfCampaign } from '../db/adjustments';
import { findScheme } from '../db/campaigns';
import { listDossiersWithContent } from '../db/dossiers';
import { reviewsOfCampaign } from '../db/reviews';
import { getCampaign } from './campaigns';
import type { ServiceContext } from './context';

/**
 * The official ranking of a campaign's dossiers of one group, scored here by the shared library: the council's
 * aggregate where reviewers have scored a dossier, the office's self-assessment otherwise.
 */
export function rankCampaign(context: ServiceContext, campaignYear: number, group: NomineeGroup): Ranking {
  const campaign = getCampaign(context, campaignYear);
  const dossiers = listDossiersWithContent(context.db, campaignYear).filter((dossier) => nomineeGroupOf(dossier.nomineeKind) === group);
  const reviews = reviewsOfCampaign(context.db, campaignYear);
  const adjustments = activeAdjustmentsOfCampaign(context.db, campaignYear);
  const schemes = new Map<string, Scheme | null>();
  const schemeOf = (id: string, version: number): Scheme | null => {
    const key = `${id}@${version}`;
    if (!schemes.has(key)) schemes.set(key, findScheme(context.db, id, version));
    return schemes.get(key) ?? null;
  };

  const scored = new Map<string, { result: ScoreResult; selfTotal: number; aggregate: AggregateScore | null }>();
  const entries: RankEntry[] = [];
  for (const dossier of dossiers) {
    const scheme = schemeOf(dossier.schemeId, dossier.schemeVersion);
    if (!scheme) continue;
    // An individual's priority for women is the person's gender in the registry, not a share of women in the content.
    // The council's adjustments of a received dossier replace the office's figures they correct (both are shown).
    const input = toScoreInput(adjustedContent(dossier.content, adjustments.get(dossier.id) ?? []), dossier);
    const self = scoreDossier(scheme, input);
    let result = self;
    let aggregate: AggregateScore | null = null;
    const dossierReviews = reviews.get(dossier.id) ?? [];
    if (dossierReviews.length > 0) {
      const byReviewer = dossierReviews.map((review) => ({ reviewer: review.reviewer, conflict: review.conflict, result: scoreDossier(scheme, { ...input, selfScores: review.scores }) }));
      aggregate = aggregateScores(byReviewer, campaign.settings.aggregation);
      if (aggregate.total !== null) {
        const counted = byReviewer.filter((score) => aggregate?.counted.includes(score.reviewer)).map((score) => score.result);
        result = councilResult(counted, aggregate.total, scheme.minTotal);
      }
    }
    // The office's own total, as it sent it: the council's adjustments show beside it, never in it.
    scored.set(dossier.id, { result, selfTotal: dossier.selfTotal, aggregate });
    entries.push({ id: dossier.id, result, womenPriority: input.womenPriority });
  }

  const byId = new Map(dossiers.map((dossier) => [dossier.id, dossier]));
  const ranked = rankDossiers(entries, campaign.settings.tieBreaks);
  const quota = group === 'collective' ? campaign.quotaCollectives : campaign.quotaIndividuals;
  const rows: RankingRow[] = ranked.map((row) => {
    const dossier = byId.get(row.id);
    const score = scored.get(row.id) as { result: ScoreResult; selfTotal: number; aggregate: AggregateScore | null };
    return {
      position: row.position,
      tiedWith: row.tiedWith,
      dossierId: row.id,
      unitId: dossier?.unitId ?? '',
      unitName: dossier?.unitName ?? '',
      nomineeKind: dossier?.nomineeKind ?? 'communePeoplesCommittee',
      schemeId: dossier?.schemeId ?? '',
      schemeVersion: dossier?.schemeVersion ?? 0,
      total: row.total,
      selfTotal: score.selfTotal,
      source: score.aggregate?.total != null ? 'council' : 'self',
      aggregate: score.aggregate,
      eligible: row.eligible,
      gateFailures: score.result.gateFailures,
      result: score.result,
      adjustments: adjustments.get(row.id) ?? ([] as Adjustment[]),
    };
  });
  return { campaignYear, group, tieBreaks: campaign.settings.tieBreaks, rows, selection: selectNominees(ranked, quota) };
}
