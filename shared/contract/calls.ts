import { z } from 'zod';
import type { User } from '../domain/account';
import { setupSchema } from '../domain/account';
import type { Campaign } from '../domain/campaign';
import type { Dossier, DossierSummary } from '../domain/dossier';
import { dossierSaveSchema } from '../domain/dossier';
import type { InstallationMode, Language, NomineeGroup, NomineeKind } from '../domain/kinds';
import { LANGUAGES } from '../domain/kinds';
import type { Unit } from '../domain/unit';
import { unitInputSchema } from '../domain/unit';
import type { GateFailure, Hundredths, Scheme, ScoreResult } from '../scoring/types';

/** Who may make a call: anyone, a signed-in user, an administrator, or the machine's operator (CLI). */
export type Access = 'public' | 'user' | 'admin' | 'operator';

export interface CallSpec<Input extends z.ZodType, Output> {
  input: Input;
  access: Access;
  /** Type-only marker of what the call returns. */
  output?: Output;
}

function call<Output>() {
  return <Input extends z.ZodType>(input: Input, access: Access): CallSpec<Input, Output> => ({ input, access });
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

/** A dossier with the scheme version it is scored with, as the form needs both. */
export interface DossierDetail {
  dossier: Dossier;
  scheme: Scheme;
}

export interface LoginResult {
  session: string;
  user: User;
}

export interface RankingRow {
  position: number;
  tiedWith: string[];
  dossierId: string;
  unitName: string;
  nomineeKind: NomineeKind;
  total: Hundredths;
  eligible: boolean;
  gateFailures: GateFailure[];
  result: ScoreResult;
}

export interface Ranking {
  campaignYear: number;
  group: NomineeGroup;
  rows: RankingRow[];
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
  'units.list': call<Unit[]>()(z.strictObject({ includeRetired: z.boolean().optional() }), 'user'),
  'units.create': call<Unit>()(unitInputSchema.strict(), 'user'),
  'dossiers.list': call<DossierSummary[]>()(z.strictObject({ campaignYear: year }), 'user'),
  'dossiers.get': call<DossierDetail>()(z.strictObject({ id: recordId }), 'user'),
  'dossiers.save': call<DossierDetail>()(dossierSaveSchema.strict(), 'user'),
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
