import type { Connection } from '../db/connection';

/** What every service needs: the database, the data directory and the clock. */
export interface ServiceContext {
  db: Connection;
  dataDir: string;
  /** The current time as an ISO string; tests replace it. */
  now: () => string;
}

/** Runs `work` in one write transaction: all of it is committed, or none of it. */
export function inTransaction<T>(context: ServiceContext, work: () => T): T {
  return context.db.transaction(work).immediate();
}
