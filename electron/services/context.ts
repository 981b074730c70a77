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
