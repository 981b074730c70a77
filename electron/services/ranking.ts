import type { Ranking, RankingExplanation, RankingRow } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import type { NomineeGroup } from '../../shared/domain/kinds';
import { placeRows } from '../../shared/scoring/rank';
import { selectNominees } from '../../shared/scoring/selection';
import { findCampaignRules } from '../db/campaigns';
import { equalScores, findScore, hasStaleScores, rankingRecords, scoreSource } from '../db/scores';
import { inTransaction, type ServiceContext } from './context';
import { explainStoredScore, ScoreInputs } from './stored-scores';

/**
 * The official ranking of a campaign's dossiers of one group, from the scores stored for them (decision 007): the
 * council's aggregate where members have scored a dossier, the office's self-assessment (as the council's adjustments
 * correct it) otherwise. Every dossier of the group whose scheme is known is ranked; explanations come with
 * `ranking.explain`.
 */
export function rankCampaign(context: ServiceContext, campaignYear: number, group: NomineeGroup): Ranking {
  const campaign = findCampaignRules(context.db, campaignYear);
  if (!campaign) throw new AppError('campaign.notFound', { year: campaignYear });
  // Scores queued by a write made outside the services (a fixture, a script) are computed before they are read.
  if (hasStaleScores(context.db)) inTransaction(context, () => undefined);
  const rows: RankingRow[] = rankingRecords(context.db, campaignYear, group).map(([dossierId, unitName, nomineeKind, total, selfTotal, eligible, source, reviewers, adjustments, keys]) => ({
    position: 0,
    tied: 0,
    dossierId,
    unitName,
    nomineeKind,
    total,
    selfTotal,
    source,
    reviewers,
    eligible: eligible === 1,
    adjustments,
    keys: JSON.parse(keys) as number[],
  }));
  placeRows(rows, (row) => row.dossierId);
  const quota = group === 'collective' ? campaign.quotaCollectives : campaign.quotaIndividuals;
  // The selection reads the rows down to the group that holds the last place of the quota, no further.
  let end = Math.min(rows.length, quota + 1);
  while (end < rows.length && rows[end]?.position === rows[end - 1]?.position) end += 1;
  const selection = selectNominees(
    rows.slice(0, end).map((row) => ({ id: row.dossierId, position: row.position, eligible: row.eligible })),
    quota,
  );
  return { campaignYear, group, tieBreaks: campaign.settings.tieBreaks, rows, selection };
}

/** The explanation of ranking rows: computed again from the dossier, its reviews and adjustments, as they are stored. */
export function explainRanking(context: ServiceContext, dossierIds: readonly string[]): RankingExplanation[] {
  if (hasStaleScores(context.db)) inTransaction(context, () => undefined);
  const inputs = new ScoreInputs(context.db);
  return dossierIds.map((dossierId) => {
    const stored = findScore(context.db, dossierId);
    const source = stored ? scoreSource(context.db, dossierId) : null;
    const scheme = source ? inputs.scheme(source.schemeId, source.schemeVersion) : null;
    const settings = source ? inputs.settings(source.campaignYear) : null;
    if (!stored || !source || !scheme || !settings) throw new AppError('dossier.notFound', { id: dossierId });
    const explained = explainStoredScore(source, scheme, settings);
    return {
      dossierId,
      schemeId: stored.schemeId,
      schemeVersion: stored.schemeVersion,
      total: explained.result.total,
      selfTotal: explained.selfTotal,
      source: explained.aggregate?.total != null ? 'council' : 'self',
      eligible: explained.result.eligible,
      tiedWith: equalScores(context.db, stored),
      keys: explained.tieKeys,
      gateFailures: explained.result.gateFailures,
      result: explained.result,
      aggregate: explained.aggregate,
      adjustments: source.adjustments,
    };
  });
}
