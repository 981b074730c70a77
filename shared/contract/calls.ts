import { z } from 'zod';
import type { Account, SecuritySettings, User } from '../domain/account';
import { accountCreateSchema, accountUpdateSchema, passwordChangeSchema, passwordSchema, securitySettingsSchema, setupSchema } from '../domain/account';
import { adjustmentInputSchema, type Adjustment } from '../domain/adjustment';
import { auditQuerySchema, type AuditPage, type AuditVerification } from '../domain/audit';
import { backupSourceSchema, type BackupFile, type BackupSummary } from '../domain/backup';
import {
  ballotCountsSchema,
  type BallotCounts,
  councilMemberInputSchema,
  DECISION_KINDS,
  meetingInputSchema,
  type Award,
  type Ballot,
  type CouncilDecision,
  type CouncilMember,
  type Meeting,
  type OfficialTotal,
  type Quorum,
  type RoundNumber,
  type CouncilRules,
  type RoundStatus,
  type ScoreOrigin,
} from '../domain/council';
import type { AttachmentInfo } from '../domain/attachment';
import type { ChecklistItem } from '../domain/checklist';
import { personInputSchema, type Gender, type Person } from '../domain/person';
import { importRequestSchema, type ImportPreview } from '../domain/registry-import';
import { wordReportRequestSchema, type WordReport } from '../domain/word-report';
import { MAX_REQUEST_BYTES } from './envelope';
import type { AppErrorShape } from './errors';
import { importDecisionSchema, PACKAGE_KINDS, type ExchangeRecord, type ImportPlan, type PackageKind, type PeerInfo } from '../domain/exchange';
import { ALLOCATION_WEIGHTS, campaignUpdateSchema, type AllocationWeight, type Campaign } from '../domain/campaign';
import type { Dossier, DossierStatus, DossierSummary } from '../domain/dossier';
import { dossierSaveSchema } from '../domain/dossier';
import type { InstallationMode, Language, NomineeGroup, NomineeKind } from '../domain/kinds';
import { LANGUAGES } from '../domain/kinds';
import type { Unit } from '../domain/unit';
import { unitInputSchema } from '../domain/unit';
import type { AggregateScore, AggregationMethod } from '../scoring/aggregation';
import { ALLOCATION_METHODS, type Allocation } from '../scoring/allocation';
import { schemeSchema } from '../scoring/scheme-schema';
import type { BallotResult, Outcome, Selection } from '../scoring/selection';
import type { GateFailure, Hundredths, Scheme, ScoreResult, TieBreak } from '../scoring/types';
import type { Review } from '../domain/review';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS, type DocumentModel } from '../documents/model';
import type { DocumentFile, DocumentJob, DocumentOverview, DocumentSettingsView, PageTable, TemplateInfo } from '../documents/outputs';
import { documentSettingsSchema } from '../documents/settings';
import type { BranchOverview, OfficeOverview } from '../domain/overview';

/** A call's input schema and limit; who may make it is in `access.ts` (ACCESS), one table for every call. */
export interface CallSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Largest input this call accepts (JSON bytes); most calls keep the default. */
  maxInputBytes: number;
  /** Type-only marker of what the call returns. */
  output?: Output;
}

function call<Output>() {
  return <Input extends z.ZodType>(input: Input, maxInputBytes = MAX_REQUEST_BYTES): CallSpec<Input, Output> => ({ input, maxInputBytes });
}

const year = z.number().int().min(2000).max(2100);
const recordId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const round = z.union([z.literal(1), z.literal(2)]);

export interface AppStatus {
  initialised: boolean;
  mode: InstallationMode | null;
  organisationName: string | null;
  language: Language | null;
  version: string;
  dataDir: string;
  currentCampaignYear: number;
}

/** A dossier with the scheme version it is scored with, its evidence and its completeness checklist. */
export interface DossierDetail {
  dossier: Dossier;
  scheme: Scheme;
  attachments: AttachmentInfo[];
  checklist: ChecklistItem[];
  /** The council's corrections of this revision's figures (branch), each beside the office's value. */
  adjustments: Adjustment[];
}

export interface DossierSaveResult extends DossierDetail {
  /** True when the dossier had been sent and this change starts its next revision. */
  revisionStarted: boolean;
}

export const draftInputSchema = z.strictObject({
  key: z.string().min(1).max(200),
  campaignYear: year,
  dossierId: recordId.nullable(),
  /** The form exactly as typed (text fields), so nothing is reformatted or lost. */
  form: z.record(z.string().max(64), z.unknown()).refine((form) => JSON.stringify(form).length <= 200_000, { params: { key: 'validation.tooLong', maximum: 200_000 } }),
});

export type DraftInput = z.infer<typeof draftInputSchema>;

export interface StoredDraftOutput {
  key: string;
  dossierId: string | null;
  form: unknown;
  updatedAt: string;
}

/** Where a package to import is: a path on this computer (Electron, CLI) or a file uploaded to browser mode. */
export const packageSourceSchema = z.union([
  z.strictObject({ path: z.string().min(1).max(4096) }),
  z.strictObject({ uploadId: z.string().regex(/^[0-9a-f-]{36}$/), fileName: z.string().max(255) }),
]);

export type PackageSource = z.infer<typeof packageSourceSchema>;

export const exportRequestSchema = z.strictObject({
  kind: z.enum(PACKAGE_KINDS),
  campaignYear: year,
  officeUnitId: recordId.optional(),
  officeInstallationId: z.string().uuid().optional(),
  dossierIds: z.array(recordId).max(20_000).optional(),
  /** Where to write (a USB stick); without it the file goes to the outbox for a browser download. */
  to: z.string().min(1).max(4096).optional(),
});

export interface ExportResult {
  path: string;
  fileName: string;
  bytes: number;
  packageId: string;
  sequence: number;
  items: number;
}

/** An export running in the background: the screen shows its progress and may cancel it. */
export interface ExportJob {
  jobId: string;
  kind: PackageKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Gathering the records, writing the entries, then reading the whole file back. */
  phase: 'preparing' | 'writing' | 'verifying';
  /** Bytes of the phase done so far, and in all. */
  done: number;
  total: number;
  result: ExportResult | null;
  error: AppErrorShape | null;
}

export interface ExchangeIdentity {
  installationId: string;
  organisation: string;
  mode: 'branch' | 'office';
  fingerprint: string;
  officeUnitId: string | null;
  peers: PeerInfo[];
}

export interface LoginResult {
  session: string;
  user: User;
  /** The person must choose a new password before anything else (a new account, or after a reset). */
  mustChangePassword: boolean;
}

/** What the sign-in screen tells a person before they try: the lockout rule and the idle lock. */
export interface SignInRules {
  maxFailedSignIns: number;
  lockMinutes: number;
  idleLockMinutes: number;
}

/** One row of a ranking: what the table shows; its explanation is fetched when the row is opened (`ranking.explain`). */
export interface RankingRow {
  position: number;
  /** How many other rows share this position (they stand next to it): no key of the chain could separate them. */
  tied: number;
  dossierId: string;
  unitId: string;
  unitName: string;
  /** An individual's name (the unit is where they work); null for a collective. */
  personId: string | null;
  personName: string | null;
  nomineeKind: NomineeKind;
  /** The total the ranking uses, as the campaign's official total says (see `source`). */
  total: Hundredths;
  /** The office's own total, as it sent it. */
  selfTotal: Hundredths;
  /** The council's aggregate, the self-assessment, or the self-assessment while the council's sheets are awaited. */
  source: ScoreOrigin;
  /** Council members' sheets given (conflicted ones included), and those the aggregate counted. */
  reviewers: number;
  counted: number;
  eligible: boolean;
  /** The accepted ballot of the dossier's round. */
  ballot: BallotResult | null;
  /** How the selection treated it: proposed, awaiting its ballot, not approved, tied, below the cut-off… */
  outcome: Outcome;
  /** The council's adjustments of the office's figures that this score uses. */
  adjustments: number;
  /** The tie-break keys, in the chain's order. */
  keys: number[];
}

export interface Ranking {
  campaignYear: number;
  group: NomineeGroup;
  /** Round 1 ranks the collectives, round 2 the individuals. */
  round: RoundNumber;
  /** A locked round's ranking is the one recorded when it was locked. */
  status: RoundStatus;
  lockedAt: string | null;
  lockedBy: string | null;
  officialTotal: OfficialTotal;
  tieBreaks: TieBreak[];
  rows: RankingRow[];
  selection: RankingSelection;
  /** Dossiers of the group that stay out of the ranking, by status (drafts, returned ones). */
  unranked: Partial<Record<DossierStatus, number>>;
  /** How approval is counted (null at an office, which has no council). */
  approval: { numerator: number; denominator: number; base: 'allMembers' | 'voters'; members: number } | null;
  /** Round 2: the individual quota shared among the offices, and how many each has proposed. */
  seats: { id: string; name: string; seats: number; proposed: number }[] | null;
  /** Round 2: the allocation its seats come from still has a tie the council has not decided. */
  allocationOpen: boolean;
  /** The council's decisions in force for this round's ties, with their reasons. */
  decisions: CouncilDecision[];
}

/** The selection as a ranking carries it: each row's outcome is on the row. */
export type RankingSelection = Omit<Selection, 'outcomes'>;

/** Why a row of the ranking has its score: every criterion, the gates, the council's aggregate, the adjustments. */
export interface RankingExplanation {
  dossierId: string;
  schemeId: string;
  schemeVersion: number;
  total: Hundredths;
  selfTotal: Hundredths;
  source: ScoreOrigin;
  eligible: boolean;
  /** The dossiers of the same ranking this one is tied with. */
  tiedWith: string[];
  keys: number[];
  gateFailures: GateFailure[];
  result: ScoreResult;
  aggregate: AggregateScore | null;
  /** The council's adjustments this score uses, with the office's values beside them. */
  adjustments: Adjustment[];
}

export interface SchemeSummary {
  scheme: Scheme;
  versions: { version: number; dossiers: number }[];
  changes: { action: 'edited' | 'versioned' | 'rescored'; fromVersion: number | null; toVersion: number; dossiers: number; at: string }[];
}

export interface SchemeSaveResult {
  scheme: Scheme;
  /** True when the campaign was open and the edit became a new version. */
  newVersion: boolean;
  /** Dossiers re-scored with the edit (in preparation, those on the edited version). */
  rescored: number;
}

export const reviewInputSchema = z.strictObject({
  dossierId: recordId,
  /** The council member whose sheet this is. */
  memberId: recordId,
  scores: z.record(z.string().max(64), z.number().int().min(0).max(100_00)),
  conflict: z.boolean(),
  note: z.string().max(2000),
});

export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** A campaign's council. */
export interface CouncilView {
  campaignYear: number;
  members: CouncilMember[];
}

/** A round's meeting (if recorded), the council, and whether the meeting can decide. */
export interface MeetingView {
  meeting: Meeting | null;
  members: CouncilMember[];
  quorum: Quorum;
}

/** A campaign in the switcher: its year and state, and how far the council has come. */
export interface CampaignSummary {
  year: number;
  status: 'preparation' | 'open' | 'closed';
  dossiers: number;
  rounds: { round: 1 | 2; status: 'open' | 'locked' }[];
}

export interface AllocationReport {
  campaignYear: number;
  weight: AllocationWeight;
  allocation: Allocation;
  /** What each unit achieved in the collective round (points in hundredths). */
  units: { id: string; eligible: number; selected: number; points: Hundredths }[];
  /** Whether this is the campaign's own method and weight (what round 2 uses) rather than another one looked at. */
  official: boolean;
  /** Round 1 locked: the collective results it is computed from no longer change. */
  final: boolean;
  /** A tie at the last seat: the council's choice fills it, or it stays open (and round 2 cannot be locked). */
  tie: AllocationTie | null;
}

/** Units tied for the last seat(s) of the individual quota. */
export interface AllocationTie {
  subject: string;
  ids: string[];
  /** Seats the tied units contend for. */
  places: number;
  decision: CouncilDecision | null;
}

/** A member's sheet of one dossier, as the minutes give it: its total, and whether the aggregate counted it. */
export interface SheetRecord {
  name: string;
  total: Hundredths;
  counted: boolean;
  /** Why it was left out: a declared conflict of interest, or dropped by the trimmed mean. */
  left: 'conflict' | 'trimmed' | null;
}

/** One dossier of a round, with everything its documents print (the score table, the minutes, the lists, the notices). */
export interface RoundRow extends RankingRow {
  /** The transaction office the nominee belongs to (the province level when none). */
  officeId: string;
  officeName: string;
  schemeId: string;
  schemeVersion: number;
  /** Every criterion's points in the total the ranking used. */
  points: Record<string, Hundredths>;
  /** Why the dossier cannot be proposed (its gates), empty when eligible. */
  reasons: GateFailure[];
  ballotCounts: (BallotCounts & { voters: number }) | null;
  sheets: SheetRecord[];
  /** An individual's particulars, as the list of nominees prints them. */
  person: { gender: Gender; birthYear: number | null; position: string } | null;
}

/** A round's result: recorded when it is locked (and from then on what every document prints), or as it stands. */
export interface RoundResult {
  campaignYear: number;
  round: RoundNumber;
  group: NomineeGroup;
  status: RoundStatus;
  lockedAt: string | null;
  lockedBy: string | null;
  quota: number;
  officialTotal: OfficialTotal;
  aggregation: AggregationMethod;
  tieBreaks: TieBreak[];
  council: CouncilRules;
  members: CouncilMember[];
  meeting: Meeting | null;
  quorum: Quorum;
  rows: RoundRow[];
  selection: RankingSelection;
  decisions: CouncilDecision[];
  unranked: Partial<Record<DossierStatus, number>>;
  /** Round 2: the seats of each office. */
  seats: Ranking['seats'];
  /** Round 2: the allocation of the individual quota its seats come from. */
  allocation: AllocationReport | null;
}

/** What a round needs before it can be locked, in the order a secretary meets it. */
export type RoundBlocker =
  | { key: 'noMembers' }
  | { key: 'awaitingSheets'; count: number }
  | { key: 'noMeeting' }
  | { key: 'noQuorum'; present: number; needed: number }
  | { key: 'missingBallots'; count: number; names: string[] }
  | { key: 'openTies'; count: number }
  | { key: 'roundOne' }
  | { key: 'allocationTie' };

/** A round as the council page shows it: its state, what stands in the way of locking it, and its result. */
export interface RoundView {
  campaignYear: number;
  round: RoundNumber;
  status: RoundStatus;
  lockedAt: string | null;
  lockedBy: string | null;
  blockers: RoundBlocker[];
  /** Who may reopen it: the chair of the council (through their account) or an administrator. */
  mayReopen: boolean;
  /** The ranking the round locked, or the one it would lock now. */
  ranking: Ranking;
}

export interface DemoSummary {
  units: number;
  dossiers: number;
}

/** What `tdcs generate` made: a dataset at scale for benchmarks and trials. */
export interface GeneratedSummary extends DemoSummary {
  people: number;
  attachments: number;
}

export interface BackupResult {
  path: string;
  /** The backup's name in the data folder's backups/ (null when it was written elsewhere). */
  name: string | null;
  bytes: number;
}

export interface RestoreResult {
  /** What was restored, as the backup summary showed it. */
  restored: BackupSummary;
  /** The backup of the database as it was just before, in case the restore was a mistake. */
  safetyBackup: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  dossiers: number;
}

/** A council document of a campaign's round; for the report and the notice, one nominee or office (or "all"). */
const documentRequest = {
  campaignYear: year,
  round,
  kind: z.enum(DOCUMENT_KINDS),
  subject: z.union([recordId, z.literal('all')]).nullable().optional(),
};

export const documentGenerateSchema = z.strictObject({
  ...documentRequest,
  format: z.enum(DOCUMENT_FORMATS),
  /** A file the person chose (desktop save dialog, command line); without it the bytes come back for a download. */
  to: z.string().min(1).max(4096).optional(),
});

const pageTableSchema = z.strictObject({ campaignYear: year, table: z.enum(['ranking', 'allocation']), group: z.enum(['collective', 'individual']).optional() });

/** Every call the UI, browser mode and the CLI can make: name, input schema, access and output type. */
export const contract = {
  'app.status': call<AppStatus>()(z.strictObject({})),
  'app.setLanguage': call<AppStatus>()(z.strictObject({ language: z.enum(LANGUAGES) })),
  'setup.initialise': call<AppStatus>()(setupSchema.strict()),
  'auth.login': call<LoginResult>()(z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })),
  'auth.logout': call<null>()(z.strictObject({})),
  'auth.changePassword': call<User>()(passwordChangeSchema),
  /** The screen locks itself after the idle time: the session answers nothing but an unlock until then. */
  'auth.lock': call<null>()(z.strictObject({})),
  'auth.unlock': call<User>()(z.strictObject({ password: z.string().min(1).max(200) })),
  'auth.settings': call<SignInRules>()(z.strictObject({})),
  'users.list': call<Account[]>()(z.strictObject({})),
  /** Who can be linked to a council member: names and roles only. */
  'users.directory': call<User[]>()(z.strictObject({})),
  'users.create': call<Account>()(accountCreateSchema),
  'users.update': call<Account>()(accountUpdateSchema),
  'users.setDisabled': call<Account>()(z.strictObject({ id: z.string().uuid(), disabled: z.boolean() })),
  'users.resetPassword': call<Account>()(z.strictObject({ id: z.string().uuid(), password: passwordSchema })),
  'security.get': call<SecuritySettings>()(z.strictObject({})),
  'security.update': call<SecuritySettings>()(securitySettingsSchema),
  'audit.list': call<AuditPage>()(auditQuerySchema),
  'audit.verify': call<AuditVerification>()(z.strictObject({})),
  'campaigns.get': call<Campaign>()(z.strictObject({ year })),
  'campaigns.update': call<Campaign>()(campaignUpdateSchema),
  'campaigns.list': call<CampaignSummary[]>()(z.strictObject({})),
  /** Next year's campaign, started from this one: schemes, settings and council copied (all editable). */
  'campaigns.startNext': call<Campaign>()(z.strictObject({ fromYear: year })),
  'council.get': call<CouncilView>()(z.strictObject({ campaignYear: year })),
  'council.saveMember': call<CouncilView>()(councilMemberInputSchema),
  'council.removeMember': call<CouncilView>()(z.strictObject({ campaignYear: year, id: recordId })),
  'meetings.get': call<MeetingView>()(z.strictObject({ campaignYear: year, round })),
  'meetings.save': call<MeetingView>()(meetingInputSchema),
  'ballots.list': call<Ballot[]>()(z.strictObject({ campaignYear: year, round })),
  'ballots.enter': call<Ballot>()(ballotCountsSchema.extend({ campaignYear: year, round, dossierId: recordId })),
  'ballots.recount': call<Ballot>()(z.strictObject({ campaignYear: year, round, dossierId: recordId, reason: z.string().trim().min(5).max(2000) })),
  /** A unit's history as a collective, or a person's. */
  'awards.list': call<Award[]>()(z.union([z.strictObject({ unitId: recordId }), z.strictObject({ personId: recordId })])),
  /** The Chairman's decision arrived: a proposal becomes an award, with the decision's number, date and issuer. */
  'awards.record': call<Award>()(z.strictObject({ id: z.string().uuid(), decisionNumber: z.string().trim().min(1).max(100), decisionDate: z.iso.date(), issuer: z.string().trim().min(1).max(200) })),
  /** An award from before this application (for the history and the achievement reports). */
  'awards.add': call<Award>()(
    z.union([
      z.strictObject({ unitId: recordId, campaignYear: year, title: z.string().trim().min(2).max(300), decisionNumber: z.string().trim().max(100), decisionDate: z.iso.date().or(z.literal('')), issuer: z.string().trim().max(200) }),
      z.strictObject({ personId: recordId, campaignYear: year, title: z.string().trim().min(2).max(300), decisionNumber: z.string().trim().max(100), decisionDate: z.iso.date().or(z.literal('')), issuer: z.string().trim().max(200) }),
    ]),
  ),
  'schemes.list': call<SchemeSummary[]>()(z.strictObject({ campaignYear: year })),
  'schemes.get': call<Scheme>()(z.strictObject({ id: recordId, version: z.number().int().min(1).optional() })),
  'schemes.save': call<SchemeSaveResult>()(z.strictObject({ campaignYear: year, scheme: schemeSchema })),
  'dossiers.rescore': call<{ rescored: number; version: number }>()(z.strictObject({ campaignYear: year, schemeId: recordId })),
  'reviews.list': call<Review[]>()(z.strictObject({ dossierId: recordId })),
  'reviews.save': call<Review[]>()(reviewInputSchema),
  'reviews.delete': call<Review[]>()(z.strictObject({ id: recordId })),
  'adjustments.save': call<DossierDetail>()(adjustmentInputSchema),
  'adjustments.remove': call<DossierDetail>()(z.strictObject({ id: z.string().uuid(), reason: z.string().trim().min(5).max(2000) })),
  'exchange.identity': call<ExchangeIdentity>()(z.strictObject({})),
  'exchange.export': call<ExportResult>()(exportRequestSchema),
  'exchange.exportStart': call<ExportJob>()(exportRequestSchema),
  'exchange.exportStatus': call<ExportJob>()(z.strictObject({ jobId: z.string().uuid() })),
  'exchange.exportCancel': call<ExportJob>()(z.strictObject({ jobId: z.string().uuid() })),
  /** The caller's export still running, if any: a screen opened again (or after signing in again) follows it. */
  'exchange.exportRunning': call<ExportJob | null>()(z.strictObject({})),
  'exchange.dryRun': call<ImportPlan>()(z.strictObject({ source: packageSourceSchema })),
  'exchange.apply': call<ImportPlan>()(z.strictObject({ source: packageSourceSchema, decision: importDecisionSchema })),
  /** Browser mode: forgets an uploaded file that will not be imported (the person cancelled). */
  'exchange.discardUpload': call<null>()(z.strictObject({ uploadId: z.string().regex(/^[0-9a-f-]{36}$/) })),
  'exchange.history': call<ExchangeRecord[]>()(z.strictObject({})),
  'exchange.returnDossier': call<null>()(z.strictObject({ dossierId: recordId, reason: z.string().trim().min(5).max(2000) })),
  'exchange.revoke': call<PeerInfo[]>()(z.strictObject({ installationId: z.string().uuid(), revoked: z.boolean() })),
  'allocation.get': call<AllocationReport>()(
    z.strictObject({ campaignYear: year, method: z.enum(ALLOCATION_METHODS).optional(), weight: z.enum(ALLOCATION_WEIGHTS).optional() }),
  ),
  'units.list': call<Unit[]>()(z.strictObject({ includeRetired: z.boolean().optional() })),
  'units.create': call<Unit>()(unitInputSchema.strict()),
  'units.update': call<Unit>()(unitInputSchema.extend({ id: recordId }).strict()),
  'units.retire': call<Unit>()(z.strictObject({ id: recordId, retired: z.boolean() })),
  'people.list': call<Person[]>()(z.strictObject({ includeRetired: z.boolean().optional() })),
  'people.create': call<Person>()(personInputSchema),
  'people.update': call<Person>()(personInputSchema.extend({ id: recordId }).strict()),
  'people.retire': call<Person>()(z.strictObject({ id: recordId, retired: z.boolean() })),
  'registry.importPreview': call<ImportPreview>()(importRequestSchema, 12 * 1024 * 1024),
  'registry.importApply': call<{ imported: number; skipped: number }>()(importRequestSchema, 12 * 1024 * 1024),
  'dossiers.list': call<DossierSummary[]>()(z.strictObject({ campaignYear: year })),
  'dossiers.get': call<DossierDetail>()(z.strictObject({ id: recordId })),
  'dossiers.save': call<DossierSaveResult>()(dossierSaveSchema.strict()),
  /** Reads an office's achievement report (.docx) as report text, for the person to confirm; writes nothing. */
  'dossiers.reportFromWord': call<WordReport>()(wordReportRequestSchema, 30 * 1024 * 1024),
  'dossiers.setStatus': call<DossierDetail>()(z.strictObject({ id: recordId, status: z.enum(['ready', 'draft']) })),
  'drafts.save': call<{ updatedAt: string }>()(draftInputSchema),
  'drafts.get': call<StoredDraftOutput | null>()(z.strictObject({ key: z.string().min(1).max(200) })),
  'drafts.discard': call<null>()(z.strictObject({ key: z.string().min(1).max(200) })),
  'attachments.add': call<AttachmentInfo[]>()(
    z.strictObject({ dossierId: recordId, fileName: z.string().trim().min(1).max(255), content: z.string() }),
    30 * 1024 * 1024,
  ),
  'attachments.read': call<{ fileName: string; mimeType: string; content: string }>()(z.strictObject({ dossierId: recordId, sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  'attachments.remove': call<AttachmentInfo[]>()(z.strictObject({ dossierId: recordId, sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  'ranking.get': call<Ranking>()(z.strictObject({ campaignYear: year, group: z.enum(['collective', 'individual']) })),
  /** The explanation of ranking rows, fetched when a row is opened (or for `tdcs rank --explain`, a page at a time). */
  'ranking.explain': call<RankingExplanation[]>()(z.strictObject({ dossierIds: z.array(recordId).min(1).max(1000) })),
  'rounds.get': call<RoundView>()(z.strictObject({ campaignYear: year, round })),
  'rounds.lock': call<RoundView>()(z.strictObject({ campaignYear: year, round })),
  'rounds.reopen': call<RoundView>()(z.strictObject({ campaignYear: year, round, reason: z.string().trim().min(5).max(2000) })),
  'decisions.record': call<CouncilDecision>()(
    z.strictObject({
      campaignYear: year,
      round,
      kind: z.enum(DECISION_KINDS),
      subject: z.string().min(3).max(20_000),
      chosen: z.array(recordId).min(1).max(1000),
      reason: z.string().trim().min(5).max(2000),
    }),
  ),
  'decisions.withdraw': call<CouncilDecision>()(z.strictObject({ id: z.string().uuid(), reason: z.string().trim().min(5).max(2000) })),
  /** The branch's home page: every office's dossiers (expected, received, returned, late, missing) and arrivals by day. */
  'overview.branch': call<BranchOverview>()(z.strictObject({ campaignYear: year })),
  /** An office's home page: its dossiers by status and what each still needs. */
  'overview.office': call<OfficeOverview>()(z.strictObject({ campaignYear: year })),
  'demo.load': call<DemoSummary>()(z.strictObject({})),
  /** A generated dataset of any size (the command line's `generate`, for benchmarks and trials at scale). */
  'demo.generate': call<GeneratedSummary>()(
    z.strictObject({
      dossiers: z.number().int().min(0).max(200_000),
      individuals: z.number().int().min(0).max(200_000),
      seed: z.number().int().min(0).max(2 ** 31),
      attachmentKb: z.number().int().min(0).max(10 * 1024),
    }),
  ),
  /** A backup into the data folder's backups/, or to a file a person chose (`to`). */
  'backup.create': call<BackupResult>()(z.strictObject({ to: z.string().min(1).max(4096).optional() })),
  'backup.list': call<BackupFile[]>()(z.strictObject({})),
  'backup.inspect': call<BackupSummary>()(z.strictObject({ source: backupSourceSchema })),
  'backup.restore': call<RestoreResult>()(z.strictObject({ source: backupSourceSchema })),
  'database.verify': call<VerifyResult>()(z.strictObject({})),
  /** Each document of a round: final, a draft and what it awaits, or not possible yet. */
  'documents.overview': call<DocumentOverview>()(z.strictObject({ campaignYear: year, round })),
  'documents.preview': call<DocumentModel>()(z.strictObject(documentRequest)),
  /** Makes a document in one call (the command line, scripts); the page uses a job. */
  'documents.generate': call<DocumentFile>()(documentGenerateSchema),
  'documents.start': call<DocumentJob>()(documentGenerateSchema.omit({ to: true })),
  'documents.status': call<DocumentJob>()(z.strictObject({ jobId: z.string().uuid() })),
  'documents.cancel': call<DocumentJob>()(z.strictObject({ jobId: z.string().uuid() })),
  'documents.settings': call<DocumentSettingsView>()(z.strictObject({ campaignYear: year })),
  'documents.saveSettings': call<DocumentSettingsView>()(z.strictObject({ campaignYear: year, settings: documentSettingsSchema })),
  'documents.templates': call<TemplateInfo[]>()(z.strictObject({})),
  /** A document's template as a Word file to edit: its wording, one part a row, and the placeholders it may use. */
  'documents.exportTemplate': call<{ fileName: string; content: string }>()(z.strictObject({ kind: z.enum(DOCUMENT_KINDS) })),
  'documents.importTemplate': call<TemplateInfo[]>()(z.strictObject({ kind: z.enum(DOCUMENT_KINDS), fileName: z.string().trim().min(1).max(255), content: z.string().max(8 * 1024 * 1024) }), 8 * 1024 * 1024 + 4096),
  'documents.resetTemplate': call<TemplateInfo[]>()(z.strictObject({ kind: z.enum(DOCUMENT_KINDS) })),
  /** The ranking or the allocation as a workbook ("Export to Excel"). */
  'documents.exportTable': call<DocumentFile>()(pageTableSchema),
  /** The same table for the page's print view. */
  'documents.table': call<PageTable>()(pageTableSchema),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
/** What a caller passes (before defaults and trimming). */
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** What a handler receives (after validation). */
export type ValidInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Contract[K] extends CallSpec<z.ZodType, infer Output> ? Output : never;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
