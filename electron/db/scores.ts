import type { Adjustment } from '../../shared/domain/adjustment';
import type { ScoreOrigin } from '../../shared/domain/council';
import type { DossierContent, DossierStatus } from '../../shared/domain/dossier';
import type { NomineeGroup, NomineeKind } from '../../shared/domain/kinds';
import type { Gender } from '../../shared/domain/person';
import type { Review } from '../../shared/domain/review';
import type { Hundredths } from '../../shared/scoring/types';
import { activeAdjustments } from './adjustments';
import type { Connection } from './connection';
import { reviewsOf } from './reviews';
import { statement } from './statements';

/** A dossier's ranking score as stored (decision 007). */
export interface StoredScore {
  dossierId: string;
  campaignYear: number;
  group: NomineeGroup;
  /** Only ready, sent and received dossiers enter a ranking; the status is kept to read them by it. */
  status: DossierStatus;
  nomineeKind: NomineeKind;
  unitId: string;
  personId: string | null;
  schemeId: string;
  schemeVersion: number;
  revision: number;
  /**
   * The total the ranking uses, as the campaign's official total says: the council's aggregate (or, until a sheet
   * can be counted, the self-assessment shown while the dossier awaits the council), or the self-assessment.
   */
  total: Hundredths;
  /** The office's own total, as it sent it. */
  selfTotal: Hundredths;
  eligible: boolean;
  source: ScoreOrigin;
  /** Council members' sheets given (conflicted ones included), those the aggregate counted, adjustments in force. */
  reviewers: number;
  counted: number;
  adjustments: number;
  /** The accepted ballot of the dossier's round, if any. */
  votesFor: number | null;
  voters: number | null;
  womenPriority: boolean;
  /** The campaign's tie-break keys, in chain order. */
  tieKeys: number[];
  /** Every criterion's points in the ranking's result, by criterion id. */
  points: Record<string, Hundredths>;
}

/** What a score is computed from: the dossier, its nominee's gender, the council's adjustments, reviews and ballot. */
export interface ScoreSource {
  id: string;
  campaignYear: number;
  status: DossierStatus;
  nomineeKind: NomineeKind;
  unitId: string;
  personId: string | null;
  schemeId: string;
  schemeVersion: number;
  revision: number;
  content: DossierContent;
  personGender: Gender | null;
  adjustments: Adjustment[];
  reviews: Review[];
  ballot: { votesFor: number; voters: number } | null;
}

interface SourceRow {
  id: string;
  campaign_year: number;
  status: DossierStatus;
  nominee_kind: NomineeKind;
  unit_id: string;
  person_id: string | null;
  scheme_id: string;
  scheme_version: number;
  revision: number;
  content: string;
  person_gender: Gender | null;
  votes_for: number | null;
  voters: number | null;
}

/** The dossiers waiting for their score to be computed again (queued by the triggers of migration 007). */
export function staleDossierIds(db: Connection, limit: number): string[] {
  return statement(db, 'SELECT dossier_id FROM stale_scores LIMIT ?').pluck().all(limit) as string[];
}

export function hasStaleScores(db: Connection): boolean {
  return statement(db, 'SELECT EXISTS (SELECT 1 FROM stale_scores)').pluck().get() === 1;
}

/** Whether any dossier of a campaign waits for its score. */
export function hasStaleScoresIn(db: Connection, campaignYear: number): boolean {
  return statement(db, 'SELECT EXISTS (SELECT 1 FROM stale_scores s JOIN dossiers d ON d.id = s.dossier_id WHERE d.campaign_year = ?)').pluck().get(campaignYear) === 1;
}

export function clearStale(db: Connection, dossierId: string): void {
  statement(db, 'DELETE FROM stale_scores WHERE dossier_id = ?').run(dossierId);
}

/** Queues every dossier (after an upgrade of the scoring library). */
export function markAllStale(db: Connection): void {
  statement(db, 'INSERT OR IGNORE INTO stale_scores SELECT id FROM dossiers').run();
}

/** What one dossier's score is computed from, or null when the dossier is gone. */
export function scoreSource(db: Connection, dossierId: string): ScoreSource | null {
  const row = statement(
    db,
    // The ballot is the one of the dossier's round: collectives are voted on in round 1, individuals in round 2.
    `SELECT d.id, d.campaign_year, d.status, d.nominee_kind, d.unit_id, d.person_id, d.scheme_id, d.scheme_version, d.revision, d.content,
       p.gender AS person_gender, b.votes_for, b.voters
     FROM dossiers d LEFT JOIN people p ON p.id = d.person_id
       LEFT JOIN meetings m ON m.campaign_year = d.campaign_year AND m.round = (CASE WHEN d.person_id IS NULL THEN 1 ELSE 2 END)
       LEFT JOIN ballots b ON b.meeting_id = m.id AND b.dossier_id = d.id
     WHERE d.id = ?`,
  ).get(dossierId) as SourceRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    campaignYear: row.campaign_year,
    status: row.status,
    nomineeKind: row.nominee_kind,
    unitId: row.unit_id,
    personId: row.person_id,
    schemeId: row.scheme_id,
    schemeVersion: row.scheme_version,
    revision: row.revision,
    content: JSON.parse(row.content) as DossierContent,
    personGender: row.person_gender,
    adjustments: activeAdjustments(db, row.id, row.revision),
    reviews: reviewsOf(db, row.id),
    ballot: row.votes_for !== null && row.voters !== null ? { votesFor: row.votes_for, voters: row.voters } : null,
  };
}

export function writeScore(db: Connection, score: StoredScore): void {
  statement(
    db,
    `INSERT INTO dossier_scores (dossier_id, campaign_year, nominee_group, status, nominee_kind, unit_id, person_id, scheme_id, scheme_version, revision,
       total, self_total, eligible, source, reviewers, counted, adjustments, women_priority, votes_for, voters, tie_keys, points)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dossier_id) DO UPDATE SET campaign_year = excluded.campaign_year, nominee_group = excluded.nominee_group, status = excluded.status,
       nominee_kind = excluded.nominee_kind, unit_id = excluded.unit_id, person_id = excluded.person_id, scheme_id = excluded.scheme_id,
       scheme_version = excluded.scheme_version, revision = excluded.revision, total = excluded.total, self_total = excluded.self_total,
       eligible = excluded.eligible, source = excluded.source, reviewers = excluded.reviewers, counted = excluded.counted,
       adjustments = excluded.adjustments, women_priority = excluded.women_priority, votes_for = excluded.votes_for, voters = excluded.voters,
       tie_keys = excluded.tie_keys, points = excluded.points`,
  ).run(
    score.dossierId,
    score.campaignYear,
    score.group,
    score.status,
    score.nomineeKind,
    score.unitId,
    score.personId,
    score.schemeId,
    score.schemeVersion,
    score.revision,
    score.total,
    score.selfTotal,
    score.eligible ? 1 : 0,
    score.source,
    score.reviewers,
    score.counted,
    score.adjustments,
    score.womenPriority ? 1 : 0,
    score.votesFor,
    score.voters,
    JSON.stringify(score.tieKeys),
    JSON.stringify(score.points),
  );
}

export function deleteScore(db: Connection, dossierId: string): void {
  statement(db, 'DELETE FROM dossier_scores WHERE dossier_id = ?').run(dossierId);
}

interface ScoreRow {
  dossier_id: string;
  campaign_year: number;
  nominee_group: NomineeGroup;
  status: DossierStatus;
  nominee_kind: NomineeKind;
  unit_id: string;
  person_id: string | null;
  scheme_id: string;
  scheme_version: number;
  revision: number;
  total: number;
  self_total: number;
  eligible: number;
  source: ScoreOrigin;
  reviewers: number;
  counted: number;
  adjustments: number;
  women_priority: number;
  votes_for: number | null;
  voters: number | null;
  tie_keys: string;
  points: string;
}

function fromRow(row: ScoreRow): StoredScore {
  return {
    dossierId: row.dossier_id,
    campaignYear: row.campaign_year,
    group: row.nominee_group,
    status: row.status,
    nomineeKind: row.nominee_kind,
    unitId: row.unit_id,
    personId: row.person_id,
    schemeId: row.scheme_id,
    schemeVersion: row.scheme_version,
    revision: row.revision,
    total: row.total,
    selfTotal: row.self_total,
    eligible: row.eligible === 1,
    source: row.source,
    reviewers: row.reviewers,
    counted: row.counted,
    adjustments: row.adjustments,
    womenPriority: row.women_priority === 1,
    votesFor: row.votes_for,
    voters: row.voters,
    tieKeys: JSON.parse(row.tie_keys) as number[],
    points: JSON.parse(row.points) as Record<string, Hundredths>,
  };
}

export function findScore(db: Connection, dossierId: string): StoredScore | null {
  const row = statement(db, 'SELECT * FROM dossier_scores WHERE dossier_id = ?').get(dossierId) as ScoreRow | undefined;
  return row ? fromRow(row) : null;
}

/** Every stored score of a campaign (for `verify` and the tests). */
export function scoresOfCampaign(db: Connection, campaignYear: number): StoredScore[] {
  return (statement(db, 'SELECT * FROM dossier_scores WHERE campaign_year = ?').all(campaignYear) as ScoreRow[]).map(fromRow);
}

/** The statuses that enter a ranking: a dossier marked ready, sent to the branch, or received there. */
export const RANKED_STATUSES: readonly DossierStatus[] = ['ready', 'exported', 'received'];
const RANKED_IN = `(${RANKED_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/**
 * The columns a ranking needs, one array per dossier, in this order: id, unit id, unit name, person id, kind, total,
 * self total, eligible (1/0), source, sheets given, sheets counted, adjustments, votes for, voters, tie keys (JSON).
 * Arrays rather than objects: tens of thousands of rows are read.
 */
export const RANKING_COLUMNS = `s.dossier_id, s.unit_id, u.name, s.person_id, s.nominee_kind, s.total, s.self_total, s.eligible, s.source, s.reviewers, s.counted,
  s.adjustments, s.votes_for, s.voters, s.tie_keys`;
const RANKING_SQL = `SELECT ${RANKING_COLUMNS} FROM dossier_scores s JOIN units u ON u.id = s.unit_id
  WHERE s.campaign_year = ? AND s.nominee_group = ? AND s.status IN ${RANKED_IN}`;

export type RankingRecord = [string, string, string, string | null, NomineeKind, number, number, number, ScoreOrigin, number, number, number, number | null, number | null, string];

export function rankingRecords(db: Connection, campaignYear: number, group: NomineeGroup): RankingRecord[] {
  return statement(db, RANKING_SQL).raw(true).all(campaignYear, group) as RankingRecord[];
}

/** How many dossiers of a campaign's group stay out of its ranking, by status (drafts, returned ones). */
export function unrankedCounts(db: Connection, campaignYear: number, group: NomineeGroup): Partial<Record<DossierStatus, number>> {
  const rows = statement(db, `SELECT status, count(*) FROM dossier_scores WHERE campaign_year = ? AND nominee_group = ? AND status NOT IN ${RANKED_IN} GROUP BY status`)
    .raw(true)
    .all(campaignYear, group) as [DossierStatus, number][];
  return Object.fromEntries(rows);
}

/** The unit of each ranked dossier of a campaign's group (the allocation counts collectives by unit). */
export function rankedUnits(db: Connection, campaignYear: number, group: NomineeGroup): Map<string, string> {
  const rows = statement(db, `SELECT dossier_id, unit_id FROM dossier_scores WHERE campaign_year = ? AND nominee_group = ? AND status IN ${RANKED_IN}`).raw(true).all(campaignYear, group) as [string, string][];
  return new Map(rows);
}

/** Dossiers of the same ranking whose eligibility, total and keys equal these (the ties of one row). */
export function equalScores(db: Connection, score: Pick<StoredScore, 'dossierId' | 'campaignYear' | 'group' | 'eligible' | 'total' | 'tieKeys'>): string[] {
  return statement(
    db,
    `SELECT dossier_id FROM dossier_scores WHERE campaign_year = ? AND nominee_group = ? AND status IN ${RANKED_IN} AND eligible = ? AND total = ? AND tie_keys = ? AND dossier_id <> ? ORDER BY dossier_id`,
  )
    .pluck()
    .all(score.campaignYear, score.group, score.eligible ? 1 : 0, score.total, JSON.stringify(score.tieKeys), score.dossierId) as string[];
}
