import { z } from 'zod';
import type { User } from '../domain/account';
import { setupSchema } from '../domain/account';
import type { AttachmentInfo } from '../domain/attachment';
import type { ChecklistItem } from '../domain/checklist';
import { personInputSchema, type Person } from '../domain/person';
import { importRequestSchema, type ImportPreview } from '../domain/registry-import';
import { MAX_REQUEST_BYTES } from './envelope';
import type { AppErrorShape } from './errors';
import { importDecisionSchema, PACKAGE_KINDS, type ExchangeRecord, type ImportPlan, type PackageKind, type PeerInfo } from '../domain/exchange';
import { ALLOCATION_WEIGHTS, campaignUpdateSchema, type AllocationWeight, type Campaign } from '../domain/campaign';
import type { Dossier, DossierSummary } from '../domain/dossier';
import { dossierSaveSchema } from '../domain/dossier';
import type { InstallationMode, Language, NomineeGroup, NomineeKind } from '../domain/kinds';
import { LANGUAGES } from '../domain/kinds';
import type { Unit } from '../domain/unit';
import { unitInputSchema } from '../domain/unit';
import type { AggregateScore } from '../scoring/aggregation';
import { ALLOCATION_METHODS, type Allocation } from '../scoring/allocation';
import { schemeSchema } from '../scoring/scheme-schema';
import type { Selection } from '../scoring/selection';
import type { GateFailure, Hundredths, Scheme, ScoreResult, TieBreak } from '../scoring/types';
import type { Review } from '../domain/review';

/** Who may make a call: anyone, a signed-in user, the council's staff (secretary or administrator), an administrator, or the machine's operator (CLI). */
export type Access = 'public' | 'user' | 'council' | 'admin' | 'operator';

export interface CallSpec<Input extends z.ZodType, Output> {
  input: Input;
  access: Access;
  /** Largest input this call accepts (JSON bytes); most calls keep the default. */
  maxInputBytes: number;
  /** Type-only marker of what the call returns. */
  output?: Output;
}

function call<Output>() {
  return <Input extends z.ZodType>(input: Input, access: Access, maxInputBytes = MAX_REQUEST_BYTES): CallSpec<Input, Output> => ({ input, access, maxInputBytes });
}

const year = z.number().int().min(2000).max(2100);
const recordId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

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
}

export interface RankingRow {
  position: number;
  tiedWith: string[];
  dossierId: string;
  unitId: string;
  unitName: string;
  nomineeKind: NomineeKind;
  schemeId: string;
  schemeVersion: number;
  /** The total the ranking uses: the council's aggregate when reviewers scored, else the self-assessment. */
  total: Hundredths;
  selfTotal: Hundredths;
  source: 'council' | 'self';
  aggregate: AggregateScore | null;
  eligible: boolean;
  gateFailures: GateFailure[];
  result: ScoreResult;
}

export interface Ranking {
  campaignYear: number;
  group: NomineeGroup;
  tieBreaks: TieBreak[];
  rows: RankingRow[];
  selection: Selection;
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
  reviewer: z.string().trim().min(1).max(120),
  scores: z.record(z.string().max(64), z.number().int().min(0).max(100_00)),
  conflict: z.boolean(),
  note: z.string().max(2000),
});

export type ReviewInput = z.infer<typeof reviewInputSchema>;

export interface AllocationReport {
  campaignYear: number;
  weight: AllocationWeight;
  allocation: Allocation;
  /** What each unit achieved in the collective round (points in hundredths). */
  units: { id: string; eligible: number; selected: number; points: Hundredths }[];
}

export interface DemoSummary {
  units: number;
  dossiers: number;
}

export interface BackupResult {
  path: string;
  bytes: number;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  dossiers: number;
}

/** Every call the UI, browser mode and the CLI can make: name, input schema, access and output type. */
export const contract = {
  'app.status': call<AppStatus>()(z.strictObject({}), 'public'),
  'app.setLanguage': call<AppStatus>()(z.strictObject({ language: z.enum(LANGUAGES) }), 'public'),
  'setup.initialise': call<AppStatus>()(setupSchema.strict(), 'public'),
  'auth.login': call<LoginResult>()(z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }), 'public'),
  'auth.logout': call<null>()(z.strictObject({}), 'user'),
  'campaigns.get': call<Campaign>()(z.strictObject({ year }), 'user'),
  'campaigns.update': call<Campaign>()(campaignUpdateSchema, 'council'),
  'schemes.list': call<SchemeSummary[]>()(z.strictObject({ campaignYear: year }), 'user'),
  'schemes.get': call<Scheme>()(z.strictObject({ id: recordId, version: z.number().int().min(1).optional() }), 'user'),
  'schemes.save': call<SchemeSaveResult>()(z.strictObject({ campaignYear: year, scheme: schemeSchema }), 'council'),
  'dossiers.rescore': call<{ rescored: number; version: number }>()(z.strictObject({ campaignYear: year, schemeId: recordId }), 'council'),
  'reviews.list': call<Review[]>()(z.strictObject({ dossierId: recordId }), 'council'),
  'reviews.save': call<Review[]>()(reviewInputSchema, 'council'),
  'reviews.delete': call<Review[]>()(z.strictObject({ id: recordId }), 'council'),
  'exchange.identity': call<ExchangeIdentity>()(z.strictObject({}), 'user'),
  'exchange.export': call<ExportResult>()(exportRequestSchema, 'user'),
  'exchange.exportStart': call<ExportJob>()(exportRequestSchema, 'user'),
  'exchange.exportStatus': call<ExportJob>()(z.strictObject({ jobId: z.string().uuid() }), 'user'),
  'exchange.exportCancel': call<ExportJob>()(z.strictObject({ jobId: z.string().uuid() }), 'user'),
  /** The caller's export still running, if any: a screen opened again (or after signing in again) follows it. */
  'exchange.exportRunning': call<ExportJob | null>()(z.strictObject({}), 'user'),
  'exchange.dryRun': call<ImportPlan>()(z.strictObject({ source: packageSourceSchema }), 'user'),
  'exchange.apply': call<ImportPlan>()(z.strictObject({ source: packageSourceSchema, decision: importDecisionSchema }), 'user'),
  'exchange.history': call<ExchangeRecord[]>()(z.strictObject({}), 'user'),
  'exchange.returnDossier': call<null>()(z.strictObject({ dossierId: recordId, reason: z.string().trim().min(5).max(2000) }), 'council'),
  'exchange.revoke': call<PeerInfo[]>()(z.strictObject({ installationId: z.string().uuid(), revoked: z.boolean() }), 'admin'),
  'allocation.get': call<AllocationReport>()(
    z.strictObject({ campaignYear: year, method: z.enum(ALLOCATION_METHODS).optional(), weight: z.enum(ALLOCATION_WEIGHTS).optional() }),
    'user',
  ),
  'units.list': call<Unit[]>()(z.strictObject({ includeRetired: z.boolean().optional() }), 'user'),
  'units.create': call<Unit>()(unitInputSchema.strict(), 'user'),
  'units.update': call<Unit>()(unitInputSchema.extend({ id: recordId }).strict(), 'user'),
  'units.retire': call<Unit>()(z.strictObject({ id: recordId, retired: z.boolean() }), 'user'),
  'people.list': call<Person[]>()(z.strictObject({ includeRetired: z.boolean().optional() }), 'user'),
  'people.create': call<Person>()(personInputSchema, 'user'),
  'people.update': call<Person>()(personInputSchema.extend({ id: recordId }).strict(), 'user'),
  'people.retire': call<Person>()(z.strictObject({ id: recordId, retired: z.boolean() }), 'user'),
  'registry.importPreview': call<ImportPreview>()(importRequestSchema, 'user', 12 * 1024 * 1024),
  'registry.importApply': call<{ imported: number; skipped: number }>()(importRequestSchema, 'user', 12 * 1024 * 1024),
  'dossiers.list': call<DossierSummary[]>()(z.strictObject({ campaignYear: year }), 'user'),
  'dossiers.get': call<DossierDetail>()(z.strictObject({ id: recordId }), 'user'),
  'dossiers.save': call<DossierSaveResult>()(dossierSaveSchema.strict(), 'user'),
  'dossiers.setStatus': call<DossierDetail>()(z.strictObject({ id: recordId, status: z.enum(['ready', 'draft']) }), 'user'),
  'drafts.save': call<{ updatedAt: string }>()(draftInputSchema, 'user'),
  'drafts.get': call<StoredDraftOutput | null>()(z.strictObject({ key: z.string().min(1).max(200) }), 'user'),
  'drafts.discard': call<null>()(z.strictObject({ key: z.string().min(1).max(200) }), 'user'),
  'attachments.add': call<AttachmentInfo[]>()(
    z.strictObject({ dossierId: recordId, fileName: z.string().trim().min(1).max(255), content: z.string() }),
    'user',
    30 * 1024 * 1024,
  ),
  'attachments.read': call<{ fileName: string; mimeType: string; content: string }>()(z.strictObject({ dossierId: recordId, sha256: z.string().regex(/^[0-9a-f]{64}$/) }), 'user'),
  'attachments.remove': call<AttachmentInfo[]>()(z.strictObject({ dossierId: recordId, sha256: z.string().regex(/^[0-9a-f]{64}$/) }), 'user'),
  'ranking.get': call<Ranking>()(z.strictObject({ campaignYear: year, group: z.enum(['collective', 'individual']) }), 'user'),
  'demo.load': call<DemoSummary>()(z.strictObject({}), 'admin'),
  'backup.create': call<BackupResult>()(z.strictObject({ to: z.string().min(1).max(4096) }), 'operator'),
  'database.verify': call<VerifyResult>()(z.strictObject({}), 'operator'),
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
