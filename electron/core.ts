import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { ACCESS, roleMay } from '../shared/contract/access';
import { contract, isCallName, type CallName } from '../shared/contract/calls';
import type { CallRequest, CallResponse } from '../shared/contract/envelope';
import { AppError } from '../shared/contract/errors';
import { pathsIn } from '../shared/contract/paths';
import { fieldIssues, keyedErrorMap } from '../shared/contract/validation';
import { openDatabase, type Connection } from './db/connection';
import { useNativeBinding } from './db/driver';
import { cryptoSelfTest } from './exchange/crypto';
import { loadOrCreateKeys, type InstallationKeys, type KeyProtector } from './exchange/keys';
import { finishPendingRestore } from './db/restore';
import { createHandlers, type Caller, type CoreServices } from './handlers';
import { Sessions, type SessionState } from './services/accounts';
import { inTransaction, SYSTEM_ACTOR, type Actor, type ServiceContext } from './services/context';
import { errorShapeOf, logInternalError } from './services/error-log';
import { dailyBackup } from './services/backup';
import { appStatus } from './services/setup';
import { sweepLeftovers } from './services/leftovers';
import { readSetting, writeSetting } from './db/settings';
import { ExportJobs } from './services/export-jobs';
import { DocumentJobs } from './services/documents';
import { bringStoredScoresUpToDate } from './services/stored-scores';

export const DATABASE_FILE = 'tdcs.sqlite';

export interface CoreOptions {
  dataDir: string;
  /** better-sqlite3 built for Electron's ABI: every database the process opens uses it. */
  nativeBinding?: string | undefined;
  now?: () => string;
  /** Seals private keys with the OS keychain where Electron offers it; null keeps them in the data directory only. */
  keyProtector?: KeyProtector | null;
  /** The application (desktop or browser mode) backs up the database at the day's first start; the command line does not. */
  dailyBackup?: boolean;
}

/**
 * Which files a call may name. The command line's operator names any; a desktop window only those a person picked
 * in an open or save dialog (or opened from the system); browser mode none (it carries the bytes instead).
 */
export type PathGrant = 'any' | 'none' | ((path: string) => boolean);

/** How a transport makes a call: for whom (a session, or the operator), and which paths it vouches for. */
export interface CallOrigin {
  /** True only for the command line. */
  operator?: boolean;
  paths?: PathGrant;
}

/** The application behind every transport: one database, one handler table, one way in. */
export interface Core {
  readonly dataDir: string;
  /** The open database (it is replaced when a backup is restored). */
  readonly db: Connection;
  call(request: CallRequest, origin?: CallOrigin | boolean): Promise<CallResponse>;
  close(): void;
  /** Cancels a running export, waits until it has removed its temporary file, then closes. */
  closeWhenIdle(): Promise<void>;
}

/** Calls a session may make while it is locked or must change its password first. */
const WHILE_LOCKED = new Set<CallName>(['app.status', 'app.setLanguage', 'auth.settings', 'auth.unlock', 'auth.logout']);
const BEFORE_PASSWORD_CHANGE = new Set<CallName>(['app.status', 'app.setLanguage', 'auth.settings', 'auth.changePassword', 'auth.logout', 'auth.lock', 'auth.unlock']);

function refusal(name: CallName, state: SessionState, operator: boolean): AppError | null {
  const access = ACCESS[name];
  if (operator || access === 'public') return null;
  if (access === 'operator') return new AppError('auth.forbidden');
  if (!state) return new AppError('auth.required');
  if (!roleMay(access, state.user.role)) return new AppError('auth.forbidden');
  if (state.locked && !WHILE_LOCKED.has(name)) return new AppError('auth.sessionLocked');
  if (state.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(name)) return new AppError('auth.passwordChangeRequired');
  return null;
}

function inputSize(input: unknown): number {
  try {
    return JSON.stringify(input ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function operatorActor(): Actor {
  let name = 'operator';
  try {
    name = `operator:${userInfo().username}`;
  } catch {
    // No user database (a container): "operator" says enough.
  }
  return { id: null, name, role: null };
}

function startDailyBackup(context: ServiceContext): Promise<void> {
  return dailyBackup(context, readSetting(context.db, 'lastDailyBackup'), (day) => inTransaction(context, () => writeSetting(context.db, 'lastDailyBackup', day))).then(
    () => undefined,
    (error: unknown) => void logInternalError(context.dataDir, error, 'daily backup'),
  );
}

/** The installation's database, migrated, with every stored score computed (a migrated or restored one may have none yet). */
function openScoredDatabase(file: string): Connection {
  const db = openDatabase(file);
  try {
    bringStoredScoresUpToDate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Opens (creating if needed) the data directory and its database, and builds the handler table over it. */
export function openCore(options: CoreOptions): Core {
  // The exchange relies on Ed25519, X25519, HKDF and AES-GCM: check this runtime has them before anything else.
  cryptoSelfTest();
  useNativeBinding(options.nativeBinding);
  mkdirSync(options.dataDir, { recursive: true });
  // A restore killed half-way is finished before the database is opened (electron/db/restore.ts).
  finishPendingRestore(options.dataDir, DATABASE_FILE);
  // Temporary files of an import, a backup or an export that a crash interrupted go before anything else starts.
  sweepLeftovers(options.dataDir);
  let keys: InstallationKeys | null = null;
  const base: ServiceContext = {
    db: openScoredDatabase(join(options.dataDir, DATABASE_FILE)),
    dataDir: options.dataDir,
    now: options.now ?? (() => new Date().toISOString()),
    keys: () => (keys ??= loadOrCreateKeys(options.dataDir, options.keyProtector ?? null)),
    actor: SYSTEM_ACTOR,
  };
  const sessions = new Sessions();
  const exportJobs = new ExportJobs(options.dataDir);
  const operator = operatorActor();
  const services: CoreServices = {
    sessions,
    exportJobs,
    documentJobs: new DocumentJobs(options.dataDir),
    database: {
      busy: () => exportJobs.anyRunning(),
      swap: () => {
        // Everything committed goes into the file before it is closed, so nothing waits in a log that is removed.
        base.db.pragma('wal_checkpoint(TRUNCATE)');
        base.db.close();
        finishPendingRestore(options.dataDir, DATABASE_FILE);
        base.db = openScoredDatabase(join(options.dataDir, DATABASE_FILE));
        return { ...base };
      },
    },
  };

  async function call(request: CallRequest, originOrOperator: CallOrigin | boolean = {}): Promise<CallResponse> {
    const origin: CallOrigin = typeof originOrOperator === 'boolean' ? { operator: originOrOperator } : originOrOperator;
    const isOperator = origin.operator === true;
    const name = String(request.call).slice(0, 80);
    try {
      if (!isCallName(request.call)) throw new AppError('call.unknown', { call: name });
      const callName: CallName = request.call;
      const spec = contract[callName];
      const state = isOperator ? null : sessions.resolve(base, request.session);
      const denied = refusal(callName, state, isOperator);
      if (denied) throw denied;
      if (inputSize(request.input) > spec.maxInputBytes) throw new AppError('call.tooLarge', { maximum: spec.maxInputBytes });
      const parsed = spec.input.safeParse(request.input, { error: keyedErrorMap });
      if (!parsed.success) throw new AppError('call.invalidInput', {}, fieldIssues(parsed.error));
      const grant: PathGrant = isOperator ? 'any' : (origin.paths ?? 'none');
      for (const path of pathsIn(callName, parsed.data as never)) {
        if (grant === 'any') continue;
        if (grant === 'none' || !grant(resolve(path))) throw new AppError('path.notChosen');
      }
      const actor: Actor = isOperator ? operator : state ? { id: state.user.id, name: state.user.username, role: state.user.role } : SYSTEM_ACTOR;
      const caller: Caller = { user: state?.user ?? null, session: request.session, operator: isOperator };
      const handlers = createHandlers({ ...base, actor }, services);
      const handler = handlers[callName] as (input: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: errorShapeOf(error, options.dataDir, name) };
    }
  }

  // The day's first start keeps a copy of the database as it was (in the background; closing waits for it).
  const daily = options.dailyBackup && appStatus(base).initialised ? startDailyBackup(base) : Promise.resolve();

  return {
    dataDir: options.dataDir,
    get db() {
      return base.db;
    },
    call,
    close: () => {
      void exportJobs.cancelAll();
      if (base.db.open) base.db.close();
    },
    closeWhenIdle: async () => {
      await Promise.all([exportJobs.cancelAll(), daily]);
      if (base.db.open) base.db.close();
    },
  };
}
