import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contract, isCallName, type Access, type CallName } from '../shared/contract/calls';
import type { CallRequest, CallResponse } from '../shared/contract/envelope';
import { AppError } from '../shared/contract/errors';
import { fieldIssues, keyedErrorMap } from '../shared/contract/validation';
import { openDatabase, type Connection } from './db/connection';
import { cryptoSelfTest } from './exchange/crypto';
import { loadOrCreateKeys, type InstallationKeys, type KeyProtector } from './exchange/keys';
import { createHandlers, type Caller, type HandlerTable } from './handlers';
import { Sessions } from './services/accounts';
import { errorShapeOf, type ServiceContext } from './services/context';
import { ExportJobs } from './services/export-jobs';

export const DATABASE_FILE = 'tdcs.sqlite';

export interface CoreOptions {
  dataDir: string;
  nativeBinding?: string;
  now?: () => string;
  /** Seals private keys with the OS keychain where Electron offers it; null keeps them in the data directory only. */
  keyProtector?: KeyProtector | null;
}

/** The application behind every transport: one database, one handler table, one way in. */
export interface Core {
  readonly dataDir: string;
  readonly db: Connection;
  /** Makes one call. `operator` is true only for the command line. */
  call(request: CallRequest, operator?: boolean): Promise<CallResponse>;
  close(): void;
  /** Cancels a running export, waits until it has removed its temporary file, then closes. */
  closeWhenIdle(): Promise<void>;
}

function allowed(access: Access, caller: Caller): AppError | null {
  if (access === 'public' || caller.operator) return null;
  if (access === 'operator') return new AppError('auth.forbidden');
  if (!caller.user) return new AppError('auth.required');
  if (access === 'admin' && caller.user.role !== 'admin') return new AppError('auth.forbidden');
  if (access === 'council' && caller.user.role === 'clerk') return new AppError('auth.forbidden');
  return null;
}

function toResponseError(error: unknown): CallResponse {
  return { ok: false, error: errorShapeOf(error) };
}

function inputSize(input: unknown): number {
  try {
    return JSON.stringify(input ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Opens (creating if needed) the data directory and its database, and builds the handler table over it. */
export function openCore(options: CoreOptions): Core {
  // The exchange relies on Ed25519, X25519, HKDF and AES-GCM: check this runtime has them before anything else.
  cryptoSelfTest();
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding });
  let keys: InstallationKeys | null = null;
  const context: ServiceContext = {
    db,
    dataDir: options.dataDir,
    now: options.now ?? (() => new Date().toISOString()),
    keys: () => (keys ??= loadOrCreateKeys(options.dataDir, options.keyProtector ?? null)),
  };
  const sessions = new Sessions();
  const exportJobs = new ExportJobs();
  const handlers: HandlerTable = createHandlers(context, sessions, exportJobs);

  async function call(request: CallRequest, operator = false): Promise<CallResponse> {
    try {
      if (!isCallName(request.call)) throw new AppError('call.unknown', { call: String(request.call).slice(0, 80) });
      const name: CallName = request.call;
      const spec = contract[name];
      const caller: Caller = { user: sessions.resolve(context, request.session), session: request.session, operator };
      const denied = allowed(spec.access, caller);
      if (denied) throw denied;
      if (inputSize(request.input) > spec.maxInputBytes) throw new AppError('call.tooLarge', { maximum: spec.maxInputBytes });
      const parsed = spec.input.safeParse(request.input, { error: keyedErrorMap });
      if (!parsed.success) throw new AppError('call.invalidInput', {}, fieldIssues(parsed.error));
      const handler = handlers[name] as (input: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      return { ok: true, value };
    } catch (error) {
      return toResponseError(error);
    }
  }

  return {
    dataDir: options.dataDir,
    db,
    call,
    close: () => {
      void exportJobs.cancelAll();
      if (db.open) db.close();
    },
    closeWhenIdle: async () => {
      await exportJobs.cancelAll();
      if (db.open) db.close();
    },
  };
}
