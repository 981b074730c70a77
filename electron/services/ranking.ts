import type { Ranking, RankingExplanation, RankingRow, RoundResult } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import { roundOfGroup } from '../../shared/domain/council';
import type { NomineeGroup } from '../../shared/domain/kinds';
import { officeOfUnit, type Unit } from '../../shared/domain/unit';
import { placeRows } from '../../shared/scoring/rank';
import { selectNominees, type SelectionRow } from '../../shared/scoring/selection';
import { findCampaignRules } from '../db/campaigns';
import { councilMembers, decisionsOf, findRound } from '../db/council';
import { nomineesOfCampaign } from '../db/people';
import { equalScores, findScore, hasStaleScores, rankingRecords, scoreSource, unrankedCounts } from '../db/scores';
import { readSetting } from '../db/settings';
import { listUnits } from '../db/units';
import { allocationSeats } from './allocation';
import { inTransaction, type ServiceContext } from './context';
import { explainStoredScore, ScoreInputs } from './stored-scores';

export function unitsById(context: ServiceContext): Map<string, Unit> {
  return new Map(listUnits(context.db, true).map((unit) => [unit.id, unit]));
}

/**
 * A campaign's ranking of one group. Once the council has locked the group's round, the ranking recorded then; before
 * that, the ranking as it stands ({@link liveRanking}).
 */
export function rankCampaign(context: ServiceContext, campaignYear: number, group: NomineeGroup): Ranking {
  const record = findRound(context.db, campaignYear, roundOfGroup(group));
  if (record.status === 'locked' && record.result) return rankingOfResult(JSON.parse(record.result) as RoundResult);
  return liveRanking(context, campaignYear, group);
}

/** The ranking a locked round recorded, as the ranking page reads it. */
export function rankingOfResult(result: RoundResult): Ranking {
  return {
    campaignYear: result.campaignYear,
    group: result.group,
    round: result.round,
    status: result.status,
    lockedAt: result.lockedAt,
    lockedBy: result.lockedBy,
    officialTotal: result.officialTotal,
    tieBreaks: result.tieBreaks,
    rows: result.rows.map(rankingRowOf),
    selection: result.selection,
    unranked: result.unranked,
    approval: { ...result.council.approval, base: result.council.approvalBase, members: result.members.length },
    seats: result.seats,
    allocationOpen: false,
    decisions: result.decisions,
  };
}

function rankingRowOf(row: RankingRow): RankingRow {
  const { position, tied, dossierId, unitId, unitName, personId, personName, nomineeKind, total, selfTotal, source, reviewers, counted, eligible, ballot, outcome, adjustments, keys } = row;
  return { position, tied, dossierId, unitId, unitName, personId, personName, nomineeKind, total, selfTotal, source, reviewers, counted, eligible, ballot, outcome, adjustments, keys };
}

/**
 * The official ranking of a campaign's dossiers of one group as it stands, from the scores stored for them (decision
 * 007): only dossiers marked ready, sent or received (drafts and returned ones are counted apart). At the branch the
 * selection follows the council's rules: its ballots (a nominee under the approval threshold is not proposed), its
 * decisions on ties, and in round 2 the seats the allocation gave each office. Explanations come with `ranking.explain`.
 */
export function liveRanking(context: ServiceContext, campaignYear: number, group: NomineeGroup): Ranking {
  const campaign = findCampaignRules(context.db, campaignYear);
  if (!campaign) throw new AppError('campaign.notFound', { year: campaignYear });
  // Scores queued by a write made outside the services (a fixture, a script) are computed before they are read.
  if (hasStaleScores(context.db)) inTransaction(context, () => undefined);
  const round = roundOfGroup(group);
  const atBranch = readSetting(context.db, 'mode') === 'branch';
  const people = group === 'individual' ? nomineesOfCampaign(context.db, campaignYear) : null;
  const rows: RankingRow[] = rankingRecords(context.db, campaignYear, group).map(
    ([dossierId, unitId, unitName, personId, nomineeKind, total, selfTotal, eligible, source, reviewers, counted, adjustments, votesFor, voters, keys]) => ({
      position: 0,
      tied: 0,
      dossierId,
      unitId,
      unitName,
      personId,
      personName: personId ? (people?.get(personId)?.fullName ?? null) : null,
      nomineeKind,
      total,
      selfTotal,
      source,
      reviewers,
      counted,
      eligible: eligible === 1,
      ballot: votesFor !== null && voters !== null ? { votesFor, voters } : null,
      outcome: 'belowCutoff',
      adjustments,
      keys: JSON.parse(keys) as number[],
    }),
  );
  placeRows(rows, (row) => row.dossierId);

  const quota = group === 'collective' ? campaign.quotaCollectives : campaign.quotaIndividuals;
  const rules = campaign.settings.council;
  const members = atBranch ? councilMembers(context.db, campaignYear).length : 0;
  const decisions = atBranch ? decisionsOf(context.db, campaignYear, round).filter((decision) => decision.kind === 'cutoffTie') : [];
  // Round 2's places are the seats the allocation gave each office; a nominee takes a seat of their own office.
  const allocation = atBranch && group === 'individual' ? allocationSeats(context, campaignYear) : null;
  const units = allocation ? unitsById(context) : null;
  const selectionRows: SelectionRow[] = rows.map((row) => ({
    id: row.dossierId,
    position: row.position,
    eligible: row.eligible,
    ballot: row.ballot,
    scope: units ? officeOfUnit(units.get(row.unitId)) : undefined,
  }));
  const { outcomes, ...selection } = selectNominees(selectionRows, {
    quota,
    approval: atBranch ? { numerator: rules.approval.numerator, denominator: rules.approval.denominator, members: rules.approvalBase === 'allMembers' ? members : null } : null,
    seats: allocation ? new Map(allocation.lines.map((line) => [line.id, line.seats])) : null,
    decisions: new Map(decisions.map((decision) => [decision.subject, decision.chosen])),
    scope: `round${round}`,
  });
  for (const row of rows) row.outcome = outcomes[row.dossierId] ?? row.outcome;
  const proposedBy = new Map<string, number>();
  if (units) for (const id of selection.selected) {
    const row = rows.find((candidate) => candidate.dossierId === id);
    const office = officeOfUnit(units.get(row?.unitId ?? ''));
    proposedBy.set(office, (proposedBy.get(office) ?? 0) + 1);
  }
  return {
    campaignYear,
    group,
    round,
    status: 'open',
    lockedAt: null,
    lockedBy: null,
    officialTotal: atBranch ? campaign.settings.officialTotal : 'self',
    tieBreaks: campaign.settings.tieBreaks,
    rows,
    selection,
    unranked: unrankedCounts(context.db, campaignYear, group),
    approval: atBranch ? { ...rules.approval, base: rules.approvalBase, members } : null,
    seats: allocation ? allocation.lines.map((line) => ({ id: line.id, name: line.name, seats: line.seats, proposed: proposedBy.get(line.id) ?? 0 })) : null,
    allocationOpen: Boolean(allocation?.open),
    decisions,
  };
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
      source: explained.source,
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
