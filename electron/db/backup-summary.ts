import type { BackupSummary } from '../../shared/domain/backup';
import { openSqliteFile } from './driver';
import { migrations } from './migrations';

function has(db: ReturnType<typeof openSqliteFile>, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/** What an SQLite file holds, read without changing it; throws when it is not a database of this application. */
export function readBackupSummary(path: string): Omit<BackupSummary, 'sameInstallation'> & { installationId: string | null; newerThanThisVersion: boolean } {
  const db = openSqliteFile(path, { readonly: true, fileMustExist: true });
  try {
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (!has(db, 'settings') || !has(db, 'dossiers') || !has(db, 'users')) throw new Error('not a Thi đua TDCS database');
    const setting = (key: string): string | null => (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
    const count = (table: string): number => (has(db, table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0);
    const lastAudit = has(db, 'audit_log')
      ? ((db.prepare('SELECT seq, at, action, actor FROM audit_log ORDER BY seq DESC LIMIT 1').get() as BackupSummary['lastAudit'] | undefined) ?? null)
      : null;
    const newest = (db.prepare('SELECT max(updated_at) AS at FROM dossiers').get() as { at: string | null }).at;
    return {
      createdAt: lastAudit?.at ?? newest,
      organisation: setting('organisationName'),
      mode: setting('mode'),
      installationId: setting('installationId'),
      schemaVersion,
      newerThanThisVersion: schemaVersion > (migrations[migrations.length - 1]?.version ?? 0),
      campaigns: (db.prepare('SELECT year FROM campaigns ORDER BY year').all() as { year: number }[]).map((row) => row.year),
      dossiers: count('dossiers'),
      units: count('units'),
      people: count('people'),
      accounts: count('users'),
      lastAudit,
      bytes: 0,
    };
  } finally {
    db.close();
  }
}
