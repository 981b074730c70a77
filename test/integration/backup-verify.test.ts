import Database from 'better-sqlite3';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupResult, VerifyResult } from '../../shared/contract/calls';
import type { CallResponse } from '../../shared/contract/envelope';
import { temporaryDataDir } from '../support/data-dir';
import { setUpCore } from '../support/core';
import { countRows, rawCall, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

function value<T>(response: CallResponse): T {
  if (!response.ok) throw new Error(`call failed: ${response.error.code}`);
  return response.value as T;
}

describe('backups and the integrity check', () => {
  let installation: Installation;
  const target = temporaryDataDir('tdcs-backup-');
  beforeAll(async () => {
    installation = await setUpCore({ demo: true });
  });
  afterAll(() => {
    installation.close();
    target.remove();
  });

  it('the operator backs up to a file that opens on its own with the same dossiers', async () => {
    const to = join(target.dir, 'sao-lưu 2025.sqlite');
    const result = value<BackupResult>(await rawCall(installation.core, 'backup.create', { to }, null, true));
    expect(result.path).toBe(to);
    expect(result.bytes).toBe(statSync(to).size);
    expect(readdirSync(target.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const copy = new Database(to, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('user_version', { simple: true })).toBe(installation.core.db.pragma('user_version', { simple: true }));
      const dossiers = (copy.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
      expect(dossiers).toBe(countRows(installation.dataDir).dossiers);
      const units = (copy.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
      expect(units).toBe(countRows(installation.dataDir).units);
      expect(dossiers).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
  });

  it('a second backup to the same path is refused with backup.targetExists and leaves the first intact', async () => {
    const to = join(target.dir, 'twice.sqlite');
    value<BackupResult>(await rawCall(installation.core, 'backup.create', { to }, null, true));
    const size = statSync(to).size;
    const mtime = statSync(to).mtimeMs;
    const second = await rawCall(installation.core, 'backup.create', { to }, null, true);
    expect(second).toEqual({ ok: false, error: { code: 'backup.targetExists', params: { path: to } } });
    expect(statSync(to).size).toBe(size);
    expect(statSync(to).mtimeMs).toBe(mtime);
  });

  it('a backup into a folder that does not exist fails cleanly with backup.failed', async () => {
    const to = join(target.dir, 'no-such-folder', 'x.sqlite');
    const response = await rawCall(installation.core, 'backup.create', { to }, null, true);
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.code).toBe('backup.failed');
    expect(readdirSync(target.dir).some((name) => name.endsWith('.partial'))).toBe(false);
  });

  it('verify says a healthy database is sound, counting every dossier', async () => {
    const result = value<VerifyResult>(await rawCall(installation.core, 'database.verify', {}, null, true));
    expect(result).toEqual({ ok: true, problems: [], dossiers: countRows(installation.dataDir).dossiers });
  });

  it('verify reports a dossier whose stored total was tampered with', async () => {
    const victim = withDatabase(installation.dataDir, (db) => db.prepare('SELECT id, self_total FROM dossiers ORDER BY id LIMIT 1').get()) as {
      id: string;
      self_total: number;
    };
    withDatabase(installation.dataDir, (db) => db.prepare('UPDATE dossiers SET self_total = self_total + 1 WHERE id = ?').run(victim.id), { readonly: false });

    const result = value<VerifyResult>(await rawCall(installation.core, 'database.verify', {}, null, true));
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(victim.id);
    expect(result.problems[0]).toContain(String(victim.self_total + 1));
    expect(result.problems[0]).toContain(String(victim.self_total));
  });
});
