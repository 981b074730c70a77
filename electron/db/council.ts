import type { Award, Ballot, BallotCounts, BallotEntry, CouncilDecision, CouncilMember, CouncilPosition, DecisionKind, Meeting, Presence, RoundNumber, RoundStatus } from '../../shared/domain/council';
import type { Connection } from './connection';
import { statement } from './statements';

// ------------------------------------------------------------------------------------------------ members

interface MemberRow {
  id: string;
  campaign_year: number;
  full_name: string;
  position: CouncilPosition;
  title: string;
  user_id: string | null;
  sort: number;
}

function memberFromRow(row: MemberRow): CouncilMember {
  return { id: row.id, campaignYear: row.campaign_year, fullName: row.full_name, position: row.position, title: row.title, userId: row.user_id, sort: row.sort };
}

/** The council of a campaign, in its order (chair first). */
export function councilMembers(db: Connection, campaignYear: number): CouncilMember[] {
  return (statement(db, 'SELECT * FROM council_members WHERE campaign_year = ? AND removed = 0 ORDER BY sort, full_name').all(campaignYear) as MemberRow[]).map(memberFromRow);
}

export function findCouncilMember(db: Connection, id: string): CouncilMember | null {
  const row = statement(db, 'SELECT * FROM council_members WHERE id = ? AND removed = 0').get(id) as MemberRow | undefined;
  return row ? memberFromRow(row) : null;
}

export function insertCouncilMember(db: Connection, member: CouncilMember, now: string): void {
  statement(db, 'INSERT INTO council_members (id, campaign_year, full_name, position, title, user_id, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    member.id,
    member.campaignYear,
    member.fullName,
    member.position,
    member.title,
    member.userId,
    member.sort,
    now,
    now,
  );
}

export function updateCouncilMember(db: Connection, member: CouncilMember, now: string): void {
  statement(db, 'UPDATE council_members SET full_name = ?, position = ?, title = ?, user_id = ?, sort = ?, updated_at = ? WHERE id = ?').run(
    member.fullName,
    member.position,
    member.title,
    member.userId,
    member.sort,
    now,
    member.id,
  );
}

/** A member leaves the council; kept, since score sheets and minutes name them. */
export function removeCouncilMember(db: Connection, id: string, now: string): void {
  statement(db, 'UPDATE council_members SET removed = 1, updated_at = ? WHERE id = ?').run(now, id);
}

// ------------------------------------------------------------------------------------------------ meetings

interface MeetingRow {
  id: string;
  campaign_year: number;
  round: RoundNumber;
  held_on: string;
  starts_at: string;
  ends_at: string;
  place: string;
  chair_member_id: string | null;
  secretary_member_id: string | null;
  notes: string;
}

export function findMeeting(db: Connection, campaignYear: number, round: RoundNumber): Meeting | null {
  const row = statement(db, 'SELECT * FROM meetings WHERE campaign_year = ? AND round = ?').get(campaignYear, round) as MeetingRow | undefined;
  if (!row) return null;
  const attendance = statement(db, 'SELECT member_id, presence FROM meeting_attendance WHERE meeting_id = ?').all(row.id) as { member_id: string; presence: Presence }[];
  return {
    id: row.id,
    campaignYear: row.campaign_year,
    round: row.round,
    heldOn: row.held_on,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: row.place,
    chairMemberId: row.chair_member_id,
    secretaryMemberId: row.secretary_member_id,
    notes: row.notes,
    attendance: attendance.map((entry) => ({ memberId: entry.member_id, presence: entry.presence })),
  };
}

export function saveMeetingRow(db: Connection, meeting: Meeting, now: string): void {
  statement(
    db,
    `INSERT INTO meetings (id, campaign_year, round, held_on, starts_at, ends_at, place, chair_member_id, secretary_member_id, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (campaign_year, round) DO UPDATE SET held_on = excluded.held_on, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
       place = excluded.place, chair_member_id = excluded.chair_member_id, secretary_member_id = excluded.secretary_member_id, notes = excluded.notes,
       updated_at = excluded.updated_at`,
  ).run(meeting.id, meeting.campaignYear, meeting.round, meeting.heldOn, meeting.startsAt, meeting.endsAt, meeting.place, meeting.chairMemberId, meeting.secretaryMemberId, meeting.notes, now, now);
  statement(db, 'DELETE FROM meeting_attendance WHERE meeting_id = ?').run(meeting.id);
  for (const entry of meeting.attendance) statement(db, 'INSERT INTO meeting_attendance (meeting_id, member_id, presence) VALUES (?, ?, ?)').run(meeting.id, entry.memberId, entry.presence);
}

// ------------------------------------------------------------------------------------------------ ballots

interface EntryRow {
  dossier_id: string;
  entry: 1 | 2;
  user_id: string | null;
  entered_by: string;
  votes_for: number;
  votes_against: number;
  abstentions: number;
  at: string;
}

interface BallotRow {
  dossier_id: string;
  votes_for: number;
  votes_against: number;
  abstentions: number;
  voters: number;
  accepted_at: string;
}

/** Every ballot of a meeting (entries and accepted counts), by dossier. */
export function ballotsOfMeeting(db: Connection, meetingId: string): Map<string, Ballot> {
  const ballots = new Map<string, Ballot>();
  const of = (dossierId: string): Ballot => {
    let ballot = ballots.get(dossierId);
    if (!ballot) {
      ballot = { dossierId, entries: [], accepted: null, disagreement: false };
      ballots.set(dossierId, ballot);
    }
    return ballot;
  };
  for (const row of statement(db, 'SELECT * FROM ballot_entries WHERE meeting_id = ? ORDER BY dossier_id, entry').all(meetingId) as EntryRow[]) {
    const entry: BallotEntry = { entry: row.entry, userId: row.user_id, enteredBy: row.entered_by, votesFor: row.votes_for, votesAgainst: row.votes_against, abstentions: row.abstentions, at: row.at };
    of(row.dossier_id).entries.push(entry);
  }
  for (const row of statement(db, 'SELECT * FROM ballots WHERE meeting_id = ?').all(meetingId) as BallotRow[]) {
    of(row.dossier_id).accepted = { votesFor: row.votes_for, votesAgainst: row.votes_against, abstentions: row.abstentions, voters: row.voters, acceptedAt: row.accepted_at };
  }
  for (const ballot of ballots.values()) {
    const [first, second] = ballot.entries;
    ballot.disagreement = ballot.accepted === null && first !== undefined && second !== undefined && !sameCounts(first, second);
  }
  return ballots;
}

export function sameCounts(a: BallotCounts, b: BallotCounts): boolean {
  return a.votesFor === b.votesFor && a.votesAgainst === b.votesAgainst && a.abstentions === b.abstentions;
}

export function insertBallotEntry(db: Connection, meetingId: string, dossierId: string, entry: BallotEntry): void {
  statement(db, 'INSERT INTO ballot_entries (meeting_id, dossier_id, entry, user_id, entered_by, votes_for, votes_against, abstentions, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    meetingId,
    dossierId,
    entry.entry,
    entry.userId,
    entry.enteredBy,
    entry.votesFor,
    entry.votesAgainst,
    entry.abstentions,
    entry.at,
  );
}

/** A recount: both entries of a nominee's ballot are set aside (the audit log keeps them). */
export function clearBallotEntries(db: Connection, meetingId: string, dossierId: string): void {
  statement(db, 'DELETE FROM ballot_entries WHERE meeting_id = ? AND dossier_id = ?').run(meetingId, dossierId);
}

export function acceptBallot(db: Connection, meetingId: string, dossierId: string, counts: BallotCounts, voters: number, at: string): void {
  statement(db, 'INSERT INTO ballots (meeting_id, dossier_id, votes_for, votes_against, abstentions, voters, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    meetingId,
    dossierId,
    counts.votesFor,
    counts.votesAgainst,
    counts.abstentions,
    voters,
    at,
  );
}

/** Accepted ballots of a campaign's round, by dossier. */
export function acceptedBallots(db: Connection, campaignYear: number, round: RoundNumber): Map<string, BallotCounts & { voters: number }> {
  const rows = statement(db, 'SELECT b.* FROM ballots b JOIN meetings m ON m.id = b.meeting_id WHERE m.campaign_year = ? AND m.round = ?').all(campaignYear, round) as BallotRow[];
  return new Map(rows.map((row) => [row.dossier_id, { votesFor: row.votes_for, votesAgainst: row.votes_against, abstentions: row.abstentions, voters: row.voters }]));
}

// ------------------------------------------------------------------------------------------------ decisions

interface DecisionRow {
  id: string;
  campaign_year: number;
  round: RoundNumber;
  kind: DecisionKind;
  subject: string;
  chosen: string;
  reason: string;
  decided_by: string;
  at: string;
}

function decisionFromRow(row: DecisionRow): CouncilDecision {
  return { id: row.id, campaignYear: row.campaign_year, round: row.round, kind: row.kind, subject: row.subject, chosen: JSON.parse(row.chosen) as string[], reason: row.reason, decidedBy: row.decided_by, at: row.at };
}

/** The decisions in force for a round. */
export function decisionsOf(db: Connection, campaignYear: number, round: RoundNumber): CouncilDecision[] {
  return (statement(db, 'SELECT * FROM council_decisions WHERE campaign_year = ? AND round = ? AND withdrawn_at IS NULL ORDER BY at').all(campaignYear, round) as DecisionRow[]).map(decisionFromRow);
}

export function insertDecision(db: Connection, decision: CouncilDecision, userId: string | null): void {
  statement(db, 'INSERT INTO council_decisions (id, campaign_year, round, kind, subject, chosen, reason, decided_by, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    decision.id,
    decision.campaignYear,
    decision.round,
    decision.kind,
    decision.subject,
    JSON.stringify(decision.chosen),
    decision.reason,
    decision.decidedBy,
    userId,
    decision.at,
  );
}

export function withdrawDecision(db: Connection, id: string, at: string): void {
  statement(db, 'UPDATE council_decisions SET withdrawn_at = ? WHERE id = ?').run(at, id);
}

// ------------------------------------------------------------------------------------------------ rounds

export interface RoundRecord {
  status: RoundStatus;
  lockedAt: string | null;
  lockedBy: string | null;
  /** The round's result as it was locked (JSON), so that nothing later changes it. */
  result: string | null;
}

export function findRound(db: Connection, campaignYear: number, round: RoundNumber): RoundRecord {
  const row = statement(db, 'SELECT status, locked_at, locked_by, result FROM campaign_rounds WHERE campaign_year = ? AND round = ?').get(campaignYear, round) as
    | { status: RoundStatus; locked_at: string | null; locked_by: string | null; result: string | null }
    | undefined;
  return row ? { status: row.status, lockedAt: row.locked_at, lockedBy: row.locked_by, result: row.result } : { status: 'open', lockedAt: null, lockedBy: null, result: null };
}

export function saveRound(db: Connection, campaignYear: number, round: RoundNumber, value: RoundRecord): void {
  statement(
    db,
    `INSERT INTO campaign_rounds (campaign_year, round, status, locked_at, locked_by, result) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (campaign_year, round) DO UPDATE SET status = excluded.status, locked_at = excluded.locked_at, locked_by = excluded.locked_by, result = excluded.result`,
  ).run(campaignYear, round, value.status, value.lockedAt, value.lockedBy, value.result);
}

// ------------------------------------------------------------------------------------------------ awards

interface AwardRow {
  id: string;
  campaign_year: number;
  dossier_id: string | null;
  unit_id: string;
  person_id: string | null;
  nominee_name: string;
  title: string;
  stage: 'proposed' | 'awarded';
  decision_number: string;
  decision_date: string;
  issuer: string;
}

function awardFromRow(row: AwardRow): Award {
  return {
    id: row.id,
    campaignYear: row.campaign_year,
    dossierId: row.dossier_id,
    unitId: row.unit_id,
    personId: row.person_id,
    nomineeName: row.nominee_name,
    title: row.title,
    stage: row.stage,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    issuer: row.issuer,
  };
}

export function insertAward(db: Connection, award: Award, now: string): void {
  statement(
    db,
    `INSERT INTO awards (id, campaign_year, dossier_id, unit_id, person_id, nominee_name, title, stage, decision_number, decision_date, issuer, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(award.id, award.campaignYear, award.dossierId, award.unitId, award.personId, award.nomineeName, award.title, award.stage, award.decisionNumber, award.decisionDate, award.issuer, now);
}

export function updateAward(db: Connection, award: Award): void {
  statement(db, 'UPDATE awards SET title = ?, stage = ?, decision_number = ?, decision_date = ?, issuer = ? WHERE id = ?').run(
    award.title,
    award.stage,
    award.decisionNumber,
    award.decisionDate,
    award.issuer,
    award.id,
  );
}

/** The proposals a locked round made (removed again if the round is reopened). */
export function deleteProposedAwards(db: Connection, campaignYear: number, dossierIds: readonly string[]): void {
  for (const id of dossierIds) statement(db, "DELETE FROM awards WHERE campaign_year = ? AND dossier_id = ? AND stage = 'proposed'").run(campaignYear, id);
}

/** A unit's history (as a collective), or a person's. */
export function awardsOf(db: Connection, subject: { unitId: string } | { personId: string }): Award[] {
  const rows =
    'personId' in subject
      ? (statement(db, 'SELECT * FROM awards WHERE person_id = ? ORDER BY campaign_year DESC, created_at').all(subject.personId) as AwardRow[])
      : (statement(db, 'SELECT * FROM awards WHERE unit_id = ? AND person_id IS NULL ORDER BY campaign_year DESC, created_at').all(subject.unitId) as AwardRow[]);
  return rows.map(awardFromRow);
}

export function findAward(db: Connection, id: string): Award | null {
  const row = statement(db, 'SELECT * FROM awards WHERE id = ?').get(id) as AwardRow | undefined;
  return row ? awardFromRow(row) : null;
}

export function awardsOfCampaign(db: Connection, campaignYear: number): Award[] {
  return (statement(db, 'SELECT * FROM awards WHERE campaign_year = ? ORDER BY created_at').all(campaignYear) as AwardRow[]).map(awardFromRow);
}

export function findDecision(db: Connection, id: string): (CouncilDecision & { withdrawn: boolean }) | null {
  const row = statement(db, 'SELECT * FROM council_decisions WHERE id = ?').get(id) as (DecisionRow & { withdrawn_at: string | null }) | undefined;
  return row ? { ...decisionFromRow(row), withdrawn: row.withdrawn_at !== null } : null;
}
