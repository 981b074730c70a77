import { migration001 } from './001-initial';
import { migration002 } from './002-council';
import { migration003 } from './003-office-work';
import { migration004 } from './004-exchange';
import { migration005 } from './005-trust';
import { migration006 } from './006-exchange-trust';
import { migration007 } from './007-stored-scores';
import { migration008 } from './008-council-decides';
import { migration009 } from './009-council-ranking';

/** One numbered step of the schema; `sql` runs in a transaction with the version bump. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rebuilds a table others refer to: runs with foreign keys off, checked before it commits (SQLite's documented way). */
  rebuildsTables?: boolean;
}

/** Every migration, in order; the last one's version is the schema this build expects. */
export const migrations: Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];
