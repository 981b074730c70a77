import Database from 'better-sqlite3';
import { AppError } from '../../shared/contract/errors';
import { migrations } from './migrations';

export type Connection = Database.Database;

export interface OpenOptions {
  /** Path of a better-sqlite3 build for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens the installation's database: WAL, foreign keys, full sync, migrated and checked. */
export function openDatabase(file: string, options: OpenOptions = {}): Connection {
  const db = new Database(file, { nativeBinding: options.nativeBinding, readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    // These are the records of public bodies: a power cut must not lose a committed write.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppError('database.corrupt', { detail: String(check).slice(0, 200) });
    if (!options.readonly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Brings the schema to the latest version, one transaction per migration; refuses a newer database. */
export function migrate(db: Connection): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) throw new AppError('database.tooNew', { found: current, supported: latest });
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  if (current < latest) db.pragma('optimize');
}
