import { adjustedContent } from '../../shared/domain/adjustment';
import type { CampaignSettings } from '../../shared/domain/campaign';
import { toScoreInput } from '../../shared/domain/dossier';
import { nomineeGroupOf } from '../../shared/domain/kinds';
import { aggregateScores, aggregateTotals, councilResult, meanPoints, type AggregateScore } from '../../shared/scoring/aggregation';
import { criterionOrder, pointsOfCriterion, scorePoints } from '../../shared/scoring/points';
import { criterionPoints, scoreDossier } from '../../shared/scoring/score';
import type { GateFailure, Hundredths, ScoreInput, ScoreResult, Scheme, TieBreak } from '../../shared/scoring/types';
import { findCampaignRules, findScheme } from '../db/campaigns';
import type { Connection } from '../db/connection';
import { clearStale, deleteScore, hasStaleScores, markAllStale, scoreSource, staleDossierIds, writeScore, type ScoreSource, type StoredScore } from '../db/scores';
import { readSetting, writeSetting } from '../db/settings';

/**
 * Each dossier's ranking score is stored (decision 007) and computed again in the transaction that changes anything it
 * depends on: triggers queue the dossier, and {@link settleStoredScores} runs before every commit of `inTransaction`.
 */

/** Raised whenever the scoring library's results change, so that every stored score is computed again at start. */
export const SCORING_VERSION = '2025.2';

const SCORING_VERSION_SETTING = 'storedScoresVersion';

/** What the ranking judges a dossier by: its inputs with the council's adjustments, and its nominee's priority. */
function rankingInput(source: ScoreSource): ScoreInput {
  // An individual's priority for women is the person's gender in the registry, not a share of women in the content.
  return toScoreInput(adjustedContent(source.content, source.adjustments), { nomineeKind: source.nomineeKind, personGender: source.personGender });
}

/** The office's own total, as it sent it: the council's adjustments show beside it, never in it. */
function officeTotal(source: ScoreSource, scheme: Scheme, adjusted: Hundredths): Hundredths {
  if (source.adjustments.length === 0) return adjusted;
  return scorePoints(scheme, toScoreInput(source.content, { nomineeKind: source.nomineeKind, personGender: source.personGender })).total;
}

/** A ballot's share of votes for, the tie-break key of the council's vote (0 until a ballot is accepted). */
export function voteShareOf(ballot: ScoreSource['ballot']): number {
  return ballot && ballot.voters > 0 ? ballot.votesFor / ballot.voters : 0;
}

function tieKey(tieBreak: TieBreak, criterion: (id: string) => Hundredths, input: ScoreInput, voteShare: number): number {
  switch (tieBreak.type) {
    case 'criterion':
      return criterion(tieBreak.criterionId);
    case 'voteShare':
      return voteShare;
    case 'womenPriority':
      return input.womenPriority ? 1 : 0;
  }
}

/** The rules a stored score follows: the campaign's, with the official total an office always previews as its own. */
export type ScoreRules = Pick<CampaignSettings, 'aggregation' | 'tieBreaks' | 'officialTotal'>;

/** Why a dossier cannot be proposed beyond its scheme's gates: the council has not scored it yet. */
export const AWAITING_COUNCIL: GateFailure = { gateId: 'councilScores', label: null, note: { key: 'gate.awaitingCouncil', params: {} } };

/**
 * A dossier's ranking score without its explanation. With the council's total as the official one, the council's
 * aggregate once a member's sheet can be counted (until then the self-assessment is kept to show, and the dossier
 * cannot be proposed); with the self-assessment as the official one, the self-assessment of the adjusted content.
 */
export function computeStoredScore(source: ScoreSource, scheme: Scheme, rules: ScoreRules): StoredScore {
  const input = rankingInput(source);
  const self = scorePoints(scheme, input);
  let total = self.total;
  let eligible = self.eligible;
  let points = self.points;
  let from: StoredScore['source'] = 'self';
  let counted = 0;
  if (rules.officialTotal === 'council') {
    from = 'awaiting';
    eligible = false;
    const sheets = source.reviews.map((review) => ({ reviewer: review.reviewer, conflict: review.conflict, score: scorePoints(scheme, { ...input, selfScores: review.scores }) }));
    const aggregate = aggregateTotals(
      sheets.map((sheet) => ({ reviewer: sheet.reviewer, conflict: sheet.conflict, total: sheet.score.total })),
      rules.aggregation,
    );
    if (aggregate.total !== null) {
      const countedSheets = sheets.filter((sheet) => aggregate.counted.includes(sheet.reviewer));
      // Per criterion, the mean of the counted members' points (the tie-breaks read them); the total is the mean of totals.
      points = self.points.map((_, index) => meanPoints(countedSheets.map((sheet) => sheet.score.points[index] as number)));
      total = aggregate.total;
      // The gates read the dossier's figures, judged as the first counted sheet's explanation judges them; the
      // minimum applies to the council's total.
      eligible = (countedSheets[0]?.score.gatesPassed ?? false) && total >= scheme.minTotal;
      from = 'council';
      counted = countedSheets.length;
    }
  }
  const criterion = (id: string) => pointsOfCriterion(scheme, { points }, id);
  const byId: Record<string, Hundredths> = {};
  for (const id of criterionOrder(scheme)) byId[id] = criterion(id);
  const voteShare = voteShareOf(source.ballot);
  return {
    dossierId: source.id,
    campaignYear: source.campaignYear,
    group: nomineeGroupOf(source.nomineeKind),
    status: source.status,
    nomineeKind: source.nomineeKind,
    unitId: source.unitId,
    personId: source.personId,
    schemeId: source.schemeId,
    schemeVersion: source.schemeVersion,
    revision: source.revision,
    total,
    selfTotal: officeTotal(source, scheme, self.total),
    eligible,
    source: from,
    reviewers: source.reviews.length,
    counted,
    adjustments: source.adjustments.length,
    womenPriority: input.womenPriority,
    votesFor: source.ballot?.votesFor ?? null,
    voters: source.ballot?.voters ?? null,
    tieKeys: rules.tieBreaks.map((tieBreak) => tieKey(tieBreak, criterion, input, voteShare)),
    points: byId,
  };
}

/** A dossier's ranking score with its whole explanation: what a row of the ranking shows when it is opened. */
export interface ExplainedScore {
  /** The result the ranking uses (the council's, per criterion the members' mean, when it scored). */
  result: ScoreResult;
  source: StoredScore['source'];
  selfTotal: Hundredths;
  aggregate: AggregateScore | null;
  tieKeys: number[];
}

/** {@link computeStoredScore} with the explanation, computed the way the ranking always has (and checked equal to it). */
export function explainStoredScore(source: ScoreSource, scheme: Scheme, rules: ScoreRules): ExplainedScore {
  const input = rankingInput(source);
  const self = scoreDossier(scheme, input);
  let result = self;
  let aggregate: AggregateScore | null = null;
  let from: StoredScore['source'] = 'self';
  if (rules.officialTotal === 'council') {
    from = 'awaiting';
    result = { ...self, eligible: false, gateFailures: [...self.gateFailures, AWAITING_COUNCIL] };
    if (source.reviews.length > 0) {
      const byReviewer = source.reviews.map((review) => ({ reviewer: review.reviewer, conflict: review.conflict, result: scoreDossier(scheme, { ...input, selfScores: review.scores }) }));
      aggregate = aggregateScores(byReviewer, rules.aggregation);
      if (aggregate.total !== null) {
        const counted = byReviewer.filter((score) => aggregate?.counted.includes(score.reviewer)).map((score) => score.result);
        result = councilResult(counted, aggregate.total, scheme.minTotal);
        from = 'council';
      }
    }
  }
  const voteShare = voteShareOf(source.ballot);
  return {
    result,
    source: from,
    selfTotal: officeTotal(source, scheme, self.total),
    aggregate,
    tieKeys: rules.tieBreaks.map((tieBreak) => tieKey(tieBreak, (id) => criterionPoints(result, id), input, voteShare)),
  };
}

/** Schemes and campaign rules read once per settling, however many dossiers share them. */
export class ScoreInputs {
  private readonly schemes = new Map<string, Scheme | null>();
  private readonly rules = new Map<number, ScoreRules | null>();
  private readonly atOffice: boolean;
  constructor(private readonly db: Connection) {
    // An office previews its own dossiers with the branch's rules, on its own self-assessment: it has no council.
    this.atOffice = readSetting(db, 'mode') === 'office';
  }

  scheme(id: string, version: number): Scheme | null {
    const key = `${id}@${version}`;
    if (!this.schemes.has(key)) this.schemes.set(key, findScheme(this.db, id, version));
    return this.schemes.get(key) ?? null;
  }

  settings(year: number): ScoreRules | null {
    if (!this.rules.has(year)) {
      const settings = findCampaignRules(this.db, year)?.settings ?? null;
      this.rules.set(year, settings && this.atOffice ? { ...settings, officialTotal: 'self' } : settings);
    }
    return this.rules.get(year) ?? null;
  }
}

/** Computes one dossier's stored score again (none when its scheme or campaign is gone: the ranking leaves it out). */
export function refreshStoredScore(db: Connection, dossierId: string, inputs = new ScoreInputs(db)): void {
  const source = scoreSource(db, dossierId);
  const scheme = source ? inputs.scheme(source.schemeId, source.schemeVersion) : null;
  const settings = source ? inputs.settings(source.campaignYear) : null;
  if (source && scheme && settings) writeScore(db, computeStoredScore(source, scheme, settings));
  else deleteScore(db, dossierId);
  clearStale(db, dossierId);
}

/** How many stale scores are computed between two checks of the queue. */
const BATCH = 500;

/**
 * Computes every queued score again; runs inside the caller's write transaction (inTransaction calls it before each
 * commit), so a change and the scores it moves are committed together. Returns how many were computed.
 */
export function settleStoredScores(db: Connection): number {
  if (!hasStaleScores(db)) return 0;
  const inputs = new ScoreInputs(db);
  let settled = 0;
  for (let ids = staleDossierIds(db, BATCH); ids.length > 0; ids = staleDossierIds(db, BATCH)) {
    for (const id of ids) refreshStoredScore(db, id, inputs);
    settled += ids.length;
  }
  return settled;
}

/**
 * At start: a database scored by another version of the scoring library has every score queued again, and whatever
 * is queued (a migrated database, a restored backup) is computed, in one transaction.
 */
export function bringStoredScoresUpToDate(db: Connection): number {
  return db.transaction(() => {
    if (readSetting(db, SCORING_VERSION_SETTING) !== SCORING_VERSION) {
      markAllStale(db);
      writeSetting(db, SCORING_VERSION_SETTING, SCORING_VERSION);
    }
    return settleStoredScores(db);
  }).immediate();
}
