import { AppError } from '../../shared/contract/errors';
import { openSqliteFile, type SqliteFile } from './driver';
import { migrations } from './migrations';

export type Connection = SqliteFile;

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens the installation's database: WAL, foreign keys, full sync, migrated and checked. */
export function openDatabase(file: string, options: OpenOptions = {}): Connection {
  const db = openSqliteFile(file, { readonly: options.readonly ?? false });
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
    // foreign_keys cannot change inside a transaction: switched off around it, and every reference checked before commit.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (migration.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new AppError('database.corrupt', { detail: `migration ${migration.version}: foreign keys` });
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
  if (current < latest) db.pragma('optimize');
}
