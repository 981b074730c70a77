import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openCore } from '../../electron/core';
import { migrations } from '../../electron/db/migrations';
import { AppError } from '../../shared/contract/errors';
import { temporaryDataDir } from '../support/data-dir';
import { DEMO_YEAR, setUpCore } from '../support/core';
import { asSchema, countRows, withDatabase } from './helpers';

/** Runs `open` and returns what it threw (fails the test if it did not throw). */
function thrownBy(open: () => unknown): unknown {
  try {
    open();
  } catch (error) {
    return error;
  }
  throw new Error('expected openCore to throw');
}

/** The schema version this build writes: the last numbered migration. */
const LATEST_SCHEMA = migrations[migrations.length - 1]?.version;

describe('the database file', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('is opened in WAL mode with foreign keys, full sync and the latest schema version', async () => {
    const installation = await setUpCore();
    cleanups.push(installation.close);
    const db = installation.core.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);

    // WAL is a property of the file: another process opening it sees it too.
    expect(withDatabase(installation.dataDir, (other) => other.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(existsSync(join(installation.dataDir, `${DATABASE_FILE}-wal`))).toBe(true);
  });

  it('enforces foreign keys: a dossier cannot point at a unit that does not exist', async () => {
    const installation = await setUpCore();
    cleanups.push(installation.close);
    const insert = () =>
      installation.core.db
        .prepare(
          `INSERT INTO dossiers (id, campaign_year, nominee_kind, unit_id, scheme_id, scheme_version, revision, status, content, self_total, eligible, complete, created_at, updated_at)
           VALUES ('x', 2025, 'communePeoplesCommittee', 'no-such-unit', 'collective-2025', 1, 1, 'draft', '{}', 0, 0, 0, 'now', 'now')`,
        )
        .run();
    expect(insert).toThrow(/FOREIGN KEY/);
    expect(countRows(installation.dataDir).dossiers).toBe(0);
  });

  it('a database of schema 5 (before stored scores) is migrated, and every dossier gets its score', async () => {
    expect(migrations.map((migration) => migration.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const installation = await setUpCore({ demo: true, mode: 'branch' });
    cleanups.push(installation.close);
    // The year in progress: the demo's completed year before it has council records a schema-5 database cannot hold.
    const ranked = await installation.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    installation.core.close();
    // As an older build left it: no table, trigger or index of the later migrations, and user_version 5.
    withDatabase(installation.dataDir, (db) => asSchema(db, 5), { readonly: false });
    installation.reopen();
    await installation.login();
    expect(installation.core.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
    const scored = withDatabase(installation.dataDir, (db) => db.prepare('SELECT count(*) AS n FROM dossier_scores').get() as { n: number });
    expect(scored.n).toBe(countRows(installation.dataDir).dossiers);
    expect(await installation.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' })).toEqual(ranked);
    expect((await installation.call('database.verify', {})).problems).toEqual([]);
  });

  it('a database written by a newer version (user_version 99) is refused with database.tooNew and left as it was', async () => {
    const installation = await setUpCore();
    cleanups.push(installation.close);
    installation.core.close();
    withDatabase(installation.dataDir, (db) => db.pragma('user_version = 99'), { readonly: false });

    const error = thrownBy(() => openCore({ dataDir: installation.dataDir }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database.tooNew');
    expect((error as AppError).params).toEqual({ found: 99, supported: LATEST_SCHEMA });

    // Nothing was migrated or dropped: the version and the data are still there.
    expect(withDatabase(installation.dataDir, (db) => db.pragma('user_version', { simple: true }))).toBe(99);
    expect(countRows(installation.dataDir).users).toBe(1);
  });

  it('a file that is not a database is refused and not overwritten', () => {
    const data = temporaryDataDir();
    cleanups.push(data.remove);
    const file = join(data.dir, DATABASE_FILE);
    const garbage = randomBytes(64 * 1024);
    garbage.write('NOT SQLITE AT ALL', 0, 'latin1');
    writeFileSync(file, garbage);

    const error = thrownBy(() => openCore({ dataDir: data.dir }));
    expect(error).toBeInstanceOf(Error);
    const code = error instanceof AppError ? error.code : (error as { code?: unknown }).code;
    expect(['database.corrupt', 'SQLITE_NOTADB', 'SQLITE_CORRUPT']).toContain(code);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('a database whose pages are damaged is refused with database.corrupt', async () => {
    const installation = await setUpCore({ demo: true });
    cleanups.push(installation.close);
    installation.core.close();
    // Fold the WAL into the main file, then scribble over a table page (not the header or the schema page).
    withDatabase(installation.dataDir, (db) => db.pragma('wal_checkpoint(TRUNCATE)'), { readonly: false });
    const file = join(installation.dataDir, DATABASE_FILE);
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const page = Math.floor(bytes.length / pageSize / 2);
    bytes.fill(0x5a, page * pageSize, page * pageSize + pageSize);
    writeFileSync(file, bytes);

    const error = thrownBy(() => openCore({ dataDir: installation.dataDir }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database.corrupt');
  });
});
