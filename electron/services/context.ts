import { AppError, type AppErrorShape } from '../../shared/contract/errors';
import type { Connection } from '../db/connection';
import type { InstallationKeys } from '../exchange/keys';

/** What every service needs: the database, the data directory, the clock and the installation's keys. */
export interface ServiceContext {
  db: Connection;
  dataDir: string;
  /** The current time as an ISO string; tests replace it. */
  now: () => string;
  /** The installation's signing and agreement keys, created with the installation. */
  keys: () => InstallationKeys;
}

/** Runs `work` in one write transaction: all of it is committed, or none of it. */
export function inTransaction<T>(context: ServiceContext, work: () => T): T {
  return context.db.transaction(work).immediate();
}

/** The error every transport answers with: a service's own, or a bare code for anything unexpected (logged by kind only). */
export function errorShapeOf(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  // Never show a stack trace or personal data: log the kind of failure, answer with a code.
  const kind = error instanceof Error ? `${error.name}${'code' in error ? ` ${String((error as { code: unknown }).code)}` : ''}` : typeof error;
  process.stderr.write(`tdcs: internal error (${kind})\n`);
  return { code: 'internal' };
}
