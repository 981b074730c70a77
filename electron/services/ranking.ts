import type { Ranking, RankingExplanation, RankingRow } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import type { NomineeGroup } from '../../shared/domain/kinds';
import { rankKeyed, type KeyedEntry } from '../../shared/scoring/rank';
import { selectNominees } from '../../shared/scoring/selection';
import { findCampaignRules } from '../db/campaigns';
import { equalScores, findScore, hasStaleScores, rankingRecords, scoreSource } from '../db/scores';
import { inTransaction, type ServiceContext } from './context';
import { explainStoredScore, ScoreInputs } from './stored-scores';

interface RankingEntry extends KeyedEntry {
  record: ReturnType<typeof rankingRecords>[number];
}

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
  const entries: RankingEntry[] = rankingRecords(context.db, campaignYear, group).map((record) => ({
    id: record[0],
    eligible: record[6] === 1,
    total: record[4],
    keys: JSON.parse(record[10]) as number[],
    record,
  }));
  const places = rankKeyed(entries);
  const rows: RankingRow[] = places.map(({ entry, position, tied }) => {
    const [dossierId, unitName, nomineeKind, unitId, total, selfTotal, , source, reviewers, adjustments] = entry.record;
    return { position, tied, dossierId, unitId, unitName, nomineeKind, total, selfTotal, source, reviewers, eligible: entry.eligible, adjustments, keys: entry.keys as number[] };
  });
  const quota = group === 'collective' ? campaign.quotaCollectives : campaign.quotaIndividuals;
  const selection = selectNominees(
    places.map(({ entry, position }) => ({ id: entry.id, position, eligible: entry.eligible })),
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
