import { z } from 'zod';
import { approvedBy } from '../scoring/selection';
import type { NomineeGroup } from './kinds';

/** A member's place on the council. */
export const COUNCIL_POSITIONS = ['chair', 'viceChair', 'secretary', 'member'] as const;
export type CouncilPosition = (typeof COUNCIL_POSITIONS)[number];

/** One member of a campaign's council, linked to their account where they have one. */
export interface CouncilMember {
  id: string;
  campaignYear: number;
  fullName: string;
  position: CouncilPosition;
  /** Their job title, as the minutes name them ("Giám đốc Chi nhánh"). */
  title: string;
  userId: string | null;
  sort: number;
}

const recordId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const year = z.number().int().min(2000).max(2100);

export const councilMemberInputSchema = z.strictObject({
  campaignYear: year,
  /** Absent to add a member. */
  id: recordId.optional(),
  fullName: z.string().trim().min(2).max(120),
  position: z.enum(COUNCIL_POSITIONS),
  title: z.string().trim().max(200),
  userId: z.string().uuid().nullable(),
});

export type CouncilMemberInput = z.infer<typeof councilMemberInputSchema>;

/** A fraction of members, kept exact: two thirds is 2/3, never 0.6667. */
export const fractionSchema = z.strictObject({ numerator: z.number().int().min(1).max(100), denominator: z.number().int().min(1).max(100) }).refine((value) => value.numerator <= value.denominator, {
  params: { key: 'validation.fraction' },
});
export type Fraction = z.infer<typeof fractionSchema>;

/** How the council votes and decides, per campaign; every field has the default the domain suggests. */
export const councilRulesSchema = z.strictObject({
  /** Members present (written votes do not count) needed for the meeting to decide: at least this share of all members. */
  quorum: fractionSchema.default({ numerator: 2, denominator: 3 }),
  ballot: z.enum(['secret', 'open']).default('secret'),
  /** A nominee is approved with more than this share of votes for… */
  approval: fractionSchema.default({ numerator: 1, denominator: 2 }),
  /** …counted against all members of the council, or only those who voted (present and, if allowed, written votes). */
  approvalBase: z.enum(['allMembers', 'voters']).default('allMembers'),
  /** Whether absent members may vote in writing. */
  writtenVotes: z.boolean().default(true),
});
export type CouncilRules = z.output<typeof councilRulesSchema>;

export const PRESENCES = ['present', 'absent', 'writtenVote'] as const;
export type Presence = (typeof PRESENCES)[number];

/** The meeting of one round: when and where, who chaired, who was there. */
export interface Meeting {
  id: string;
  campaignYear: number;
  round: 1 | 2;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  place: string;
  chairMemberId: string | null;
  secretaryMemberId: string | null;
  notes: string;
  attendance: { memberId: string; presence: Presence }[];
}

export const meetingInputSchema = z.strictObject({
  campaignYear: year,
  round: z.union([z.literal(1), z.literal(2)]),
  heldOn: z.iso.date(),
  startsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).or(z.literal('')),
  endsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).or(z.literal('')),
  place: z.string().trim().max(300),
  chairMemberId: recordId.nullable(),
  secretaryMemberId: recordId.nullable(),
  notes: z.string().max(4000),
  attendance: z.array(z.strictObject({ memberId: recordId, presence: z.enum(PRESENCES) })).max(200),
});

export type MeetingInput = z.infer<typeof meetingInputSchema>;

/** Whether the meeting can decide, and the counts that say so. */
export interface Quorum {
  members: number;
  present: number;
  writtenVotes: number;
  /** Present members needed. */
  needed: number;
  reached: boolean;
}

/** Present members needed for a quorum: the smallest whole number at least `share` of all members. */
export function quorumNeeded(members: number, share: Fraction): number {
  return Math.ceil((members * share.numerator) / share.denominator);
}

export function quorumOf(members: number, attendance: readonly { presence: Presence }[], rules: CouncilRules): Quorum {
  const present = attendance.filter((entry) => entry.presence === 'present').length;
  const writtenVotes = rules.writtenVotes ? attendance.filter((entry) => entry.presence === 'writtenVote').length : 0;
  const needed = quorumNeeded(members, rules.quorum);
  return { members, present, writtenVotes, needed, reached: members > 0 && present >= needed };
}

/** Ballot counts for one nominee. */
export interface BallotCounts {
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
}

export const ballotCountsSchema = z.strictObject({
  votesFor: z.number().int().min(0).max(1000),
  votesAgainst: z.number().int().min(0).max(1000),
  abstentions: z.number().int().min(0).max(1000),
});

/** One of the two entries of a ballot, by whom. */
export interface BallotEntry extends BallotCounts {
  entry: 1 | 2;
  enteredBy: string;
  userId: string | null;
  at: string;
}

/** A nominee's ballot: the accepted counts (once two entries agree), or the entries so far. */
export interface Ballot {
  dossierId: string;
  entries: BallotEntry[];
  /** The counts both entries agreed on, locked. */
  accepted: (BallotCounts & { voters: number; acceptedAt: string }) | null;
  /** Two entries that differ: both are shown and a recount is needed. */
  disagreement: boolean;
}

/** Whether a count of votes for reaches the approval: strictly more than `share` of `base`. */
export function approved(votesFor: number, base: number, share: Fraction): boolean {
  return approvedBy(votesFor, base, share);
}

/** The number of votes the approval is counted against. */
export function approvalBaseOf(rules: CouncilRules, quorum: Quorum): number {
  return rules.approvalBase === 'allMembers' ? quorum.members : quorum.present + quorum.writtenVotes;
}

export const DECISION_KINDS = ['cutoffTie', 'allocationTie'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** A choice the council made where its rules left it open (a tie at a cut-off or at the last seat), with its reason. */
export interface CouncilDecision {
  id: string;
  campaignYear: number;
  round: 1 | 2;
  kind: DecisionKind;
  /** What was tied, as ids in order and the places open ("a,b,c|2"): a different tie is a different question. */
  subject: string;
  /** The ids the council chose for the open places. */
  chosen: string[];
  reason: string;
  decidedBy: string;
  at: string;
}

/** What the official ranking totals: the council's aggregate of the members' sheets, or the offices' self-assessment. */
export type OfficialTotal = 'council' | 'self';

/** Where a ranking's total comes from: the council's sheets, the self-assessment, or the self-assessment awaiting sheets. */
export type ScoreOrigin = 'self' | 'council' | 'awaiting';

export const ROUND_STATUSES = ['open', 'locked'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Round 1 decides the collectives, round 2 the individuals. */
export type RoundNumber = 1 | 2;

/** The council's round of a group: collectives are decided in round 1, individuals in round 2. */
export function roundOfGroup(group: NomineeGroup): RoundNumber {
  return group === 'collective' ? 1 : 2;
}

export function groupOfRound(round: RoundNumber): NomineeGroup {
  return round === 1 ? 'collective' : 'individual';
}

/** An award in a unit's or a person's history: proposed by the council, or given (with the decision that gave it). */
export interface Award {
  id: string;
  campaignYear: number;
  dossierId: string | null;
  unitId: string;
  personId: string | null;
  nomineeName: string;
  title: string;
  stage: 'proposed' | 'awarded';
  decisionNumber: string;
  decisionDate: string;
  issuer: string;
}
