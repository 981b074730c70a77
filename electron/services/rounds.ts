import { randomUUID } from 'node:crypto';
import type { Ranking, RoundBlocker, RoundResult, RoundRow, RoundView, SheetRecord } from '../../shared/contract/calls';
import { AppError, type FieldIssue } from '../../shared/contract/errors';
import { groupOfRound, type Award, type CouncilDecision, type DecisionKind, type RoundNumber } from '../../shared/domain/council';
import { officeOfUnit } from '../../shared/domain/unit';
import { PROVINCE_BUCKET } from '../../shared/scoring/allocation';
import { messages } from '../../shared/i18n';
import { acceptedBallots, councilMembers, decisionsOf, deleteProposedAwards, findDecision, findRound, insertAward, insertDecision, saveRound, withdrawDecision } from '../db/council';
import { nomineesOfCampaign } from '../db/people';
import { findScore, scoreSource } from '../db/scores';
import { allocateIndividualQuota } from './allocation';
import { audit } from './audit';
import { getCampaign } from './campaigns';
import { inTransaction, isOperator, type ServiceContext } from './context';
import { decidingMeeting, meetingOf, requireGroupOpen } from './council';
import { requireOpenCampaign } from './dossiers';
import { requireBranch } from './mode';
import { liveRanking, rankCampaign, rankingOfResult, unitsById } from './ranking';
import { explainStoredScore, ScoreInputs } from './stored-scores';

/** The award the council proposes (the Certificate of Merit of the Chairman of the Provincial People's Committee). */
export const PROPOSED_AWARD = messages.vi.decides.awardTitle;

/** A locked round's result as it was recorded, or null while the round is open. */
function lockedResult(context: ServiceContext, campaignYear: number, round: RoundNumber): RoundResult | null {
  const record = findRound(context.db, campaignYear, round);
  return record.status === 'locked' && record.result ? (JSON.parse(record.result) as RoundResult) : null;
}

/**
 * Everything a round's documents print, from what is recorded: the locked result as it was locked, or the result as
 * it stands (the ranking with each dossier's points, reasons, sheets and ballot; the meeting; the decisions).
 */
export function roundResult(context: ServiceContext, campaignYear: number, round: RoundNumber): RoundResult {
  requireBranch(context);
  return lockedResult(context, campaignYear, round) ?? currentResult(context, campaignYear, round);
}

function currentResult(context: ServiceContext, campaignYear: number, round: RoundNumber): RoundResult {
  const campaign = getCampaign(context, campaignYear);
  const group = groupOfRound(round);
  const ranking = liveRanking(context, campaignYear, group);
  const view = meetingOf(context, campaignYear, round);
  const ballots = acceptedBallots(context.db, campaignYear, round);
  const people = group === 'individual' ? nomineesOfCampaign(context.db, campaignYear) : new Map();
  const units = unitsById(context);
  const inputs = new ScoreInputs(context.db);
  const rows: RoundRow[] = ranking.rows.map((row) => {
    const stored = findScore(context.db, row.dossierId);
    const source = scoreSource(context.db, row.dossierId);
    const scheme = stored ? inputs.scheme(stored.schemeId, stored.schemeVersion) : null;
    const rules = inputs.settings(campaignYear);
    if (!stored || !source || !scheme || !rules) throw new AppError('dossier.notFound', { id: row.dossierId });
    const explained = explainStoredScore(source, scheme, rules);
    const aggregate = explained.aggregate;
    const sheets: SheetRecord[] = (aggregate?.totals ?? []).map(({ reviewer, total }) => ({
      name: reviewer,
      total,
      counted: aggregate?.counted.includes(reviewer) ?? false,
      left: aggregate?.excludedForConflict.includes(reviewer) ? 'conflict' : aggregate?.dropped.includes(reviewer) ? 'trimmed' : null,
    }));
    const officeId = officeOfUnit(units.get(row.unitId));
    const person = row.personId ? people.get(row.personId) : undefined;
    return {
      ...row,
      officeId,
      officeName: officeId === PROVINCE_BUCKET ? messages.vi.allocation.province : (units.get(officeId)?.name ?? ''),
      schemeId: stored.schemeId,
      schemeVersion: stored.schemeVersion,
      points: stored.points,
      reasons: explained.result.gateFailures,
      ballotCounts: ballots.get(row.dossierId) ?? null,
      sheets,
      person: person ? { gender: person.gender, birthYear: person.birthYear, position: person.position } : null,
    };
  });
  const decisions = decisionsOf(context.db, campaignYear, round);
  return {
    campaignYear,
    round,
    group,
    status: 'open',
    lockedAt: null,
    lockedBy: null,
    quota: group === 'collective' ? campaign.quotaCollectives : campaign.quotaIndividuals,
    officialTotal: campaign.settings.officialTotal,
    aggregation: campaign.settings.aggregation,
    tieBreaks: campaign.settings.tieBreaks,
    council: campaign.settings.council,
    members: view.members,
    meeting: view.meeting,
    quorum: view.quorum,
    rows,
    selection: ranking.selection,
    decisions,
    unranked: ranking.unranked,
    seats: ranking.seats,
    allocation: round === 2 ? allocateIndividualQuota(context, campaignYear) : null,
  };
}

/** What a round still needs before it can be locked, in the order a secretary meets it. */
function blockersOf(context: ServiceContext, campaignYear: number, round: RoundNumber, ranking: Ranking): RoundBlocker[] {
  const blockers: RoundBlocker[] = [];
  const view = meetingOf(context, campaignYear, round);
  if (view.members.length === 0) blockers.push({ key: 'noMembers' });
  if (!view.meeting) blockers.push({ key: 'noMeeting' });
  else if (!view.quorum.reached) blockers.push({ key: 'noQuorum', present: view.quorum.present, needed: view.quorum.needed });
  if (round === 2 && findRound(context.db, campaignYear, 1).status !== 'locked') blockers.push({ key: 'roundOne' });
  if (ranking.allocationOpen) blockers.push({ key: 'allocationTie' });
  const awaitingSheets = ranking.rows.filter((row) => row.source === 'awaiting').length;
  if (awaitingSheets > 0) blockers.push({ key: 'awaitingSheets', count: awaitingSheets });
  const waiting = ranking.rows.filter((row) => ranking.selection.awaitingBallot.includes(row.dossierId));
  if (waiting.length > 0) blockers.push({ key: 'missingBallots', count: waiting.length, names: waiting.slice(0, 10).map((row) => row.personName ?? row.unitName) });
  const openTies = ranking.selection.ties.filter((tie) => tie.chosen === null).length;
  if (openTies > 0) blockers.push({ key: 'openTies', count: openTies });
  return blockers;
}

/** Whether the signed-in person may reopen a locked round: an administrator, or the account of the council's chair. */
function mayReopen(context: ServiceContext, campaignYear: number): boolean {
  if (context.actor.role === 'admin' || isOperator(context.actor)) return true;
  return councilMembers(context.db, campaignYear).some((member) => member.position === 'chair' && member.userId !== null && member.userId === context.actor.id);
}

/** A round as the council page shows it: its state, what it still needs, and its result once locked. */
export function roundView(context: ServiceContext, campaignYear: number, round: RoundNumber): RoundView {
  requireBranch(context);
  getCampaign(context, campaignYear);
  const record = findRound(context.db, campaignYear, round);
  const locked = lockedResult(context, campaignYear, round);
  const ranking = locked ? rankingOfResult(locked) : liveRanking(context, campaignYear, groupOfRound(round));
  return {
    campaignYear,
    round,
    status: record.status,
    lockedAt: record.lockedAt,
    lockedBy: record.lockedBy,
    blockers: locked ? [] : blockersOf(context, campaignYear, round, ranking),
    mayReopen: mayReopen(context, campaignYear),
    ranking,
  };
}

/**
 * Locks a round: its result (ranking, points, sheets, ballots, decisions, the meeting) is recorded as it stands and
 * no longer changes; the nominees it proposes enter their award history as proposed. Only when nothing stands in
 * the way: a meeting with its quorum, every ballot of the proposals accepted, every tie decided (and for round 2,
 * round 1 locked and the allocation decided).
 */
export function lockRound(context: ServiceContext, input: { campaignYear: number; round: RoundNumber }): RoundView {
  requireBranch(context);
  inTransaction(context, () => {
    requireOpenCampaign(context, input.campaignYear);
    if (findRound(context.db, input.campaignYear, input.round).status === 'locked') throw new AppError('round.locked', { round: input.round });
    const ranking = liveRanking(context, input.campaignYear, groupOfRound(input.round));
    const blockers = blockersOf(context, input.campaignYear, input.round, ranking);
    if (blockers.length > 0) {
      const issues: FieldIssue[] = blockers.map(({ key, ...params }) => ({ path: '', key: `decides.round.blocker.${key}`, params: blockerParams(params) }));
      throw new AppError('round.notLockable', { round: input.round, count: blockers.length }, issues);
    }
    const now = context.now();
    const result: RoundResult = { ...currentResult(context, input.campaignYear, input.round), status: 'locked', lockedAt: now, lockedBy: context.actor.name };
    saveRound(context.db, input.campaignYear, input.round, { status: 'locked', lockedAt: now, lockedBy: context.actor.name, result: JSON.stringify(result) });
    const selected = new Set(result.selection.selected);
    for (const row of result.rows) {
      if (!selected.has(row.dossierId)) continue;
      const award: Award = {
        id: randomUUID(),
        campaignYear: input.campaignYear,
        dossierId: row.dossierId,
        unitId: row.unitId,
        personId: row.personId,
        nomineeName: row.personName ?? row.unitName,
        title: PROPOSED_AWARD,
        stage: 'proposed',
        decisionNumber: '',
        decisionDate: '',
        issuer: '',
      };
      insertAward(context.db, award, now);
    }
    audit(context, 'round.locked', { type: 'round', id: `${input.campaignYear}-${input.round}`, label: `${input.campaignYear} · ${input.round}` }, {
      after: { round: input.round, proposed: result.selection.selected.length, ranked: result.rows.length },
    });
  });
  return roundView(context, input.campaignYear, input.round);
}

function blockerParams(params: Record<string, unknown>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value as string | number)]));
}

/**
 * Reopens a locked round, by the chair's account or an administrator, with a reason: its scores, ballots and
 * decisions can change again, and the proposals it recorded leave the award history (never an award given).
 * Round 1 cannot be reopened while round 2, which depends on it, is locked.
 */
export function reopenRound(context: ServiceContext, input: { campaignYear: number; round: RoundNumber; reason: string }): RoundView {
  requireBranch(context);
  inTransaction(context, () => {
    requireOpenCampaign(context, input.campaignYear);
    if (!mayReopen(context, input.campaignYear)) throw new AppError('round.reopenForbidden');
    const locked = lockedResult(context, input.campaignYear, input.round);
    if (!locked) throw new AppError('round.notLocked', { round: input.round });
    if (input.round === 1 && findRound(context.db, input.campaignYear, 2).status === 'locked') throw new AppError('round.laterLocked');
    saveRound(context.db, input.campaignYear, input.round, { status: 'open', lockedAt: null, lockedBy: null, result: null });
    deleteProposedAwards(context.db, input.campaignYear, locked.selection.selected);
    audit(context, 'round.reopened', { type: 'round', id: `${input.campaignYear}-${input.round}`, label: `${input.campaignYear} · ${input.round}` }, {
      before: { round: input.round, lockedAt: locked.lockedAt, lockedBy: locked.lockedBy },
      note: input.reason,
    });
  });
  return roundView(context, input.campaignYear, input.round);
}

/**
 * Records the council's choice on a tie its rules leave open: at a cut-off of the selection, or at the last seat of
 * the individual quota's allocation. The tie must be the one standing now (the question, with its ids and places, is
 * its subject), the choice exactly as many of the tied as there are places, and the meeting must have its quorum.
 */
export function recordDecision(
  context: ServiceContext,
  input: { campaignYear: number; round: RoundNumber; kind: DecisionKind; subject: string; chosen: string[]; reason: string },
): CouncilDecision {
  requireBranch(context);
  return inTransaction(context, () => {
    requireOpenCampaign(context, input.campaignYear);
    const tie = openTie(context, input);
    if (!tie) throw new AppError('decision.noTie');
    const chosen = [...new Set(input.chosen)];
    if (chosen.length !== tie.places || !chosen.every((id) => tie.ids.includes(id))) throw new AppError('decision.wrongChoice', { places: tie.places });
    const decision: CouncilDecision = {
      id: randomUUID(),
      campaignYear: input.campaignYear,
      round: input.round,
      kind: input.kind,
      subject: input.subject,
      chosen,
      reason: input.reason,
      decidedBy: context.actor.name,
      at: context.now(),
    };
    insertDecision(context.db, decision, context.actor.id);
    audit(context, 'decision.recorded', { type: 'decision', id: decision.id, label: tie.names.join(', ') }, {
      after: { kind: input.kind, round: input.round, chosen: chosen.map((id) => tie.names[tie.ids.indexOf(id)] ?? id).join(', '), places: tie.places },
      note: input.reason,
    });
    return decision;
  });
}

/** The open tie a decision answers, if it is still the one standing (and the council can decide it now). */
function openTie(context: ServiceContext, input: { campaignYear: number; round: RoundNumber; kind: DecisionKind; subject: string }): { ids: string[]; places: number; names: string[] } | null {
  if (input.kind === 'allocationTie') {
    // The allocation is decided from round 1's locked results, before round 2 is locked, by the meeting of round 1.
    if (input.round !== 2) return null;
    if (findRound(context.db, input.campaignYear, 1).status !== 'locked') throw new AppError('round.order');
    requireGroupOpen(context, input.campaignYear, 'individual');
    decidingMeeting(context, input.campaignYear, 1);
    const report = allocateIndividualQuota(context, input.campaignYear);
    const tie = report.tie;
    if (!tie || tie.decision || tie.subject !== input.subject) return null;
    const names = tie.ids.map((id) => report.allocation.lines.find((line) => line.id === id)?.name ?? id);
    return { ids: tie.ids, places: tie.places, names };
  }
  requireGroupOpen(context, input.campaignYear, groupOfRound(input.round));
  decidingMeeting(context, input.campaignYear, input.round);
  const ranking = rankCampaign(context, input.campaignYear, groupOfRound(input.round));
  const tie = ranking.selection.ties.find((candidate) => candidate.subject === input.subject && candidate.chosen === null);
  if (!tie) return null;
  const names = tie.ids.map((id) => {
    const row = ranking.rows.find((candidate) => candidate.dossierId === id);
    return row ? (row.personName ?? row.unitName) : id;
  });
  return { ids: tie.ids, places: tie.places, names };
}

/** Withdraws a decision (the tie it answered is open again), with a reason, while its round is open. */
export function withdrawCouncilDecision(context: ServiceContext, input: { id: string; reason: string }): CouncilDecision {
  requireBranch(context);
  return inTransaction(context, () => {
    const decision = findDecision(context.db, input.id);
    if (!decision || decision.withdrawn) throw new AppError('decision.notFound');
    requireOpenCampaign(context, decision.campaignYear);
    requireGroupOpen(context, decision.campaignYear, groupOfRound(decision.round));
    withdrawDecision(context.db, decision.id, context.now());
    audit(context, 'decision.withdrawn', { type: 'decision', id: decision.id }, { before: { kind: decision.kind, round: decision.round }, note: input.reason });
    const { withdrawn: _withdrawn, ...rest } = decision;
    return rest;
  });
}
