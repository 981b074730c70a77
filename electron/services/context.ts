import type { Role } from '../../shared/domain/account';
import type { Connection } from '../db/connection';
import type { InstallationKeys } from '../exchange/keys';
import { settleStoredScores } from './stored-scores';

/** Who a call is made for: an account, the command line's operator, or the application itself. */
export interface Actor {
  /** The account's id (null for the operator and the system). */
  id: string | null;
  /** As the audit log shows it: the username, "operator:<system user>", or "system". */
  name: string;
  role: Role | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: null };

/** Whether the one acting is the machine's operator (the command line), who may do everything. */
export function isOperator(actor: Actor): boolean {
  return actor.id === null && actor.role === null && actor.name.startsWith('operator');
}

/** What every service needs: the database, the data directory, the clock, the installation's keys, and who acts. */
export interface ServiceContext {
  db: Connection;
  dataDir: string;
  /** The current time as an ISO string; tests replace it. */
  now: () => string;
  /** The installation's signing and agreement keys, created with the installation. */
  keys: () => InstallationKeys;
  /** Who the current call is made for: recorded in the audit log with every write. */
  actor: Actor;
}

/**
 * Runs `work` in one write transaction: all of it is committed, or none of it. The scores that `work` moved (queued by
 * the database's triggers) are computed again before the commit, so a stored score is never older than its inputs.
 */
export function inTransaction<T>(context: ServiceContext, work: () => T): T {
  return context.db
    .transaction(() => {
      const result = work();
      settleStoredScores(context.db);
      return result;
    })
    .immediate();
}
