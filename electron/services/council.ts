import { randomUUID } from 'node:crypto';
import type { CouncilView, MeetingView } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import {
  quorumOf,
  roundOfGroup,
  type Ballot,
  type BallotCounts,
  type CouncilMember,
  type CouncilMemberInput,
  type Meeting,
  type MeetingInput,
  type Quorum,
  type RoundNumber,
} from '../../shared/domain/council';
import { nomineeGroupOf, type NomineeGroup, type NomineeKind } from '../../shared/domain/kinds';
import { findUserById } from '../db/users';
import {
  acceptBallot,
  ballotsOfMeeting,
  clearBallotEntries,
  councilMembers,
  findCouncilMember,
  findMeeting,
  findRound,
  insertBallotEntry,
  insertCouncilMember,
  removeCouncilMember,
  sameCounts,
  saveMeetingRow,
  updateCouncilMember,
} from '../db/council';
import { findDossier } from '../db/dossiers';
import { audit } from './audit';
import { getCampaign } from './campaigns';
import { inTransaction, type ServiceContext } from './context';
import { requireOpenCampaign } from './dossiers';
import { requireBranch } from './mode';


export function councilOf(context: ServiceContext, campaignYear: number): CouncilView {
  requireBranch(context);
  getCampaign(context, campaignYear);
  return { campaignYear, members: councilMembers(context.db, campaignYear) };
}

/** Nothing of a round changes once it is locked (reopening it is the chair's decision). */
export function requireRoundOpen(context: ServiceContext, campaignYear: number, round: RoundNumber): void {
  if (findRound(context.db, campaignYear, round).status === 'locked') throw new AppError('round.locked', { round });
}

/** Nothing that moves a group's scores, ballots or selection changes once its round is locked. */
export function requireGroupOpen(context: ServiceContext, campaignYear: number, group: NomineeGroup): void {
  requireRoundOpen(context, campaignYear, roundOfGroup(group));
}

/** The same for a dossier: its kind's round. */
export function requireDossierRoundOpen(context: ServiceContext, dossier: { campaignYear: number; nomineeKind: NomineeKind }): void {
  requireGroupOpen(context, dossier.campaignYear, nomineeGroupOf(dossier.nomineeKind));
}

/** Adds or changes a member of the council (position, title, the account they sign in with). */
export function saveCouncilMember(context: ServiceContext, input: CouncilMemberInput): CouncilView {
  requireBranch(context);
  inTransaction(context, () => {
    requireOpenCampaign(context, input.campaignYear);
    if (input.userId !== null && !findUserById(context.db, input.userId)) throw new AppError('user.notFound');
    const members = councilMembers(context.db, input.campaignYear);
    if (input.userId !== null && members.some((member) => member.userId === input.userId && member.id !== input.id)) throw new AppError('council.accountTaken');
    // One chair and one secretary: the minutes are signed by them.
    if ((input.position === 'chair' || input.position === 'secretary') && members.some((member) => member.position === input.position && member.id !== input.id)) {
      throw new AppError('council.positionTaken', { position: input.position });
    }
    const now = context.now();
    if (input.id) {
      const existing = findCouncilMember(context.db, input.id);
      if (!existing || existing.campaignYear !== input.campaignYear) throw new AppError('council.memberNotFound');
      const member = { ...existing, fullName: input.fullName, position: input.position, title: input.title, userId: input.userId };
      updateCouncilMember(context.db, member, now);
      audit(context, 'council.memberUpdated', { type: 'councilMember', id: member.id, label: member.fullName }, {
        before: { fullName: existing.fullName, councilPosition: existing.position, title: existing.title },
        after: { fullName: member.fullName, councilPosition: member.position, title: member.title },
      });
    } else {
      const member: CouncilMember = { id: randomUUID(), campaignYear: input.campaignYear, fullName: input.fullName, position: input.position, title: input.title, userId: input.userId, sort: positionOrder(input.position) * 100 + members.length };
      insertCouncilMember(context.db, member, now);
      audit(context, 'council.memberAdded', { type: 'councilMember', id: member.id, label: member.fullName }, { after: { fullName: member.fullName, councilPosition: member.position, title: member.title } });
    }
  });
  return councilOf(context, input.campaignYear);
}

/** The chair first, then vice-chairs, the secretary, the members: the order the minutes list them in. */
function positionOrder(position: CouncilMember['position']): number {
  return { chair: 0, viceChair: 1, secretary: 2, member: 3 }[position];
}

export function removeMember(context: ServiceContext, campaignYear: number, id: string): CouncilView {
  requireBranch(context);
  inTransaction(context, () => {
    requireOpenCampaign(context, campaignYear);
    const member = findCouncilMember(context.db, id);
    if (!member || member.campaignYear !== campaignYear) throw new AppError('council.memberNotFound');
    removeCouncilMember(context.db, id, context.now());
    audit(context, 'council.memberRemoved', { type: 'councilMember', id, label: member.fullName }, { before: { fullName: member.fullName, councilPosition: member.position } });
  });
  return councilOf(context, campaignYear);
}


export function meetingOf(context: ServiceContext, campaignYear: number, round: RoundNumber): MeetingView {
  requireBranch(context);
  const campaign = getCampaign(context, campaignYear);
  const members = councilMembers(context.db, campaignYear);
  const meeting = findMeeting(context.db, campaignYear, round);
  return { meeting, members, quorum: quorumOf(members.length, meeting?.attendance ?? [], campaign.settings.council) };
}

/**
 * Records the meeting of a round: date, place, chair, who was present or absent (and voted in writing). A meeting
 * without a quorum can be recorded; it cannot decide (ballots, decisions and locks ask for the quorum).
 */
export function saveMeeting(context: ServiceContext, input: MeetingInput): MeetingView {
  requireBranch(context);
  inTransaction(context, () => {
    requireOpenCampaign(context, input.campaignYear);
    requireRoundOpen(context, input.campaignYear, input.round);
    const campaign = getCampaign(context, input.campaignYear);
    const members = new Map(councilMembers(context.db, input.campaignYear).map((member) => [member.id, member]));
    for (const id of [input.chairMemberId, input.secretaryMemberId, ...input.attendance.map((entry) => entry.memberId)]) {
      if (id !== null && !members.has(id)) throw new AppError('council.memberNotFound');
    }
    if (new Set(input.attendance.map((entry) => entry.memberId)).size !== input.attendance.length) throw new AppError('call.invalidInput', {}, [{ path: 'attendance', key: 'validation.duplicate', params: {} }]);
    if (!campaign.settings.council.writtenVotes && input.attendance.some((entry) => entry.presence === 'writtenVote')) throw new AppError('council.writtenVotesNotAllowed');
    const existing = findMeeting(context.db, input.campaignYear, input.round);
    const meeting: Meeting = { id: existing?.id ?? randomUUID(), ...input };
    // Ballots already counted stay valid only while the people who voted are the ones recorded.
    if (existing && ballotsOfMeeting(context.db, existing.id).size > 0 && JSON.stringify(sortedAttendance(existing)) !== JSON.stringify(sortedAttendance(meeting))) {
      throw new AppError('council.attendanceFixed');
    }
    saveMeetingRow(context.db, meeting, context.now());
    const quorum = quorumOf(members.size, meeting.attendance, campaign.settings.council);
    audit(context, existing ? 'council.meetingUpdated' : 'council.meetingRecorded', { type: 'meeting', id: meeting.id, label: `${input.campaignYear} · ${input.round}` }, {
      before: existing ? { heldOn: existing.heldOn, place: existing.place, present: existing.attendance.filter((entry) => entry.presence === 'present').length } : undefined,
      after: { heldOn: meeting.heldOn, place: meeting.place, present: quorum.present, writtenVotes: quorum.writtenVotes, members: quorum.members, quorum: quorum.reached },
    });
  });
  return meetingOf(context, input.campaignYear, input.round);
}

function sortedAttendance(meeting: Meeting): { memberId: string; presence: string }[] {
  return [...meeting.attendance].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
}

/** The meeting of a round, which must have its quorum to decide anything. */
export function decidingMeeting(context: ServiceContext, campaignYear: number, round: RoundNumber): { meeting: Meeting; quorum: Quorum } {
  const view = meetingOf(context, campaignYear, round);
  if (!view.meeting) throw new AppError('council.noMeeting', { round });
  if (!view.quorum.reached) throw new AppError('council.noQuorum', { present: view.quorum.present, needed: view.quorum.needed });
  return { meeting: view.meeting, quorum: view.quorum };
}

/** The ballots of a round's meeting, by dossier. */
export function ballotsOf(context: ServiceContext, campaignYear: number, round: RoundNumber): Ballot[] {
  requireBranch(context);
  const meeting = findMeeting(context.db, campaignYear, round);
  return meeting ? [...ballotsOfMeeting(context.db, meeting.id).values()] : [];
}

/**
 * Enters a nominee's ballot counts. The first entry waits for a second one by another account; when both agree the
 * counts are accepted and locked; when they differ both are kept, shown, and a recount is needed.
 */
export function enterBallot(context: ServiceContext, input: { campaignYear: number; round: RoundNumber; dossierId: string } & BallotCounts): Ballot {
  requireBranch(context);
  return inTransaction(context, () => {
    requireOpenCampaign(context, input.campaignYear);
    requireRoundOpen(context, input.campaignYear, input.round);
    const { meeting, quorum } = decidingMeeting(context, input.campaignYear, input.round);
    const dossier = findDossier(context.db, input.dossierId);
    if (!dossier || dossier.campaignYear !== input.campaignYear) throw new AppError('dossier.notFound', { id: input.dossierId });
    const voters = quorum.present + quorum.writtenVotes;
    const counted = input.votesFor + input.votesAgainst + input.abstentions;
    if (counted > voters) throw new AppError('ballot.tooMany', { counted, voters });
    const ballot = ballotsOfMeeting(context.db, meeting.id).get(dossier.id) ?? { dossierId: dossier.id, entries: [], accepted: null, disagreement: false };
    if (ballot.accepted) throw new AppError('ballot.accepted');
    if (ballot.entries.length >= 2) throw new AppError('ballot.recountNeeded');
    const first = ballot.entries[0];
    // The second entry is a check only if someone else makes it: the command line's operator counts as one person.
    if (first && first.enteredBy === context.actor.name) throw new AppError('ballot.sameAccount');
    const counts = { votesFor: input.votesFor, votesAgainst: input.votesAgainst, abstentions: input.abstentions };
    const now = context.now();
    insertBallotEntry(context.db, meeting.id, dossier.id, { entry: first ? 2 : 1, userId: context.actor.id, enteredBy: context.actor.name, ...counts, at: now });
    const label = dossier.personName ?? dossier.unitName;
    audit(context, 'ballot.entered', { type: 'dossier', id: dossier.id, label }, { after: { entry: first ? 2 : 1, ...counts } });
    if (first && sameCounts(first, counts)) {
      acceptBallot(context.db, meeting.id, dossier.id, counts, voters, now);
      audit(context, 'ballot.accepted', { type: 'dossier', id: dossier.id, label }, { after: { ...counts, voters } });
    }
    return ballotsOfMeeting(context.db, meeting.id).get(dossier.id) as Ballot;
  });
}

/** Two entries that differ: both are set aside (the audit log keeps them) and the ballot is counted again. */
export function recountBallot(context: ServiceContext, input: { campaignYear: number; round: RoundNumber; dossierId: string; reason: string }): Ballot {
  requireBranch(context);
  return inTransaction(context, () => {
    requireRoundOpen(context, input.campaignYear, input.round);
    const meeting = findMeeting(context.db, input.campaignYear, input.round);
    const ballot = meeting ? ballotsOfMeeting(context.db, meeting.id).get(input.dossierId) : undefined;
    if (!meeting || !ballot || ballot.entries.length === 0) throw new AppError('ballot.notFound');
    if (ballot.accepted) throw new AppError('ballot.accepted');
    clearBallotEntries(context.db, meeting.id, input.dossierId);
    const dossier = findDossier(context.db, input.dossierId);
    audit(context, 'ballot.recount', { type: 'dossier', id: input.dossierId, label: dossier?.personName ?? dossier?.unitName }, {
      before: Object.fromEntries(ballot.entries.map((entry) => [`entry${entry.entry}`, `${entry.votesFor}/${entry.votesAgainst}/${entry.abstentions} (${entry.enteredBy})`])),
      note: input.reason,
    });
    return { dossierId: input.dossierId, entries: [], accepted: null, disagreement: false };
  });
}
