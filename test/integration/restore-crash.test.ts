import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { RESTORE_MARKER, RESTORE_STAGING } from '../../electron/db/restore';
import { temporaryDataDir } from '../support/data-dir';
import { commune, rawCall, withDatabase } from './helpers';
import { ADMIN } from '../support/core';

const ROOT = resolve(__dirname, '..', '..');
const RUNS = 14;

/** Units in the database: 2 in backup "a", 3 in backup "b", 4 in the database as it was before any restore. */
function unitCount(dataDir: string): number {
  return withDatabase(dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n);
}

describe('kill -9 during a restore', () => {
  const data = temporaryDataDir('tdcs-restore-crash-');
  const work = temporaryDataDir('tdcs-restore-crash-work-');
  const bundle = join(work.dir, 'restore-worker.cjs');
  const backupA = join(work.dir, 'a.sqlite');
  const backupB = join(work.dir, 'b.sqlite');

  beforeAll(async () => {
    await build({
      entryPoints: [join(__dirname, 'fixtures', 'restore-worker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: bundle,
      external: ['better-sqlite3'],
      absWorkingDir: ROOT,
      logLevel: 'error',
    });
    const core = openCore({ dataDir: data.dir });
    const call = (name: string, input: unknown) => rawCall(core, name, input, null, true);
    await call('setup.initialise', { mode: 'office', organisationName: 'Phòng giao dịch NHCSXH Tân Biên', admin: ADMIN, language: 'vi', loadDemo: false });
    await call('units.create', commune('UBND xã Tân Lập'));
    await call('units.create', commune('UBND xã Tân Bình'));
    expect((await call('backup.create', { to: backupA })).ok).toBe(true);
    await call('units.create', commune('UBND xã Thạnh Tây'));
    expect((await call('backup.create', { to: backupB })).ok).toBe(true);
    await call('units.create', commune('UBND xã Hòa Hiệp'));
    core.close();
  }, 60_000);

  afterAll(() => {
    data.remove();
    work.remove();
  });

  it('the next start finds the database whole: as before the restore or as the backup, never in between', async () => {
    const seen = new Set<number>();
    for (let run = 0; run < RUNS; run += 1) {
      const child = spawn(process.execPath, [bundle, data.dir, backupA, backupB], { env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const closed = new Promise<NodeJS.Signals | null>((done) => child.on('close', (_code, signal) => done(signal)));
      const started = Date.now();
      while (!stdout.startsWith('ready\n') && child.exitCode === null && Date.now() - started < 10_000) await new Promise((wait) => setTimeout(wait, 2));
      // Spread the kills over a restore's whole length (about a tenth of a second here), and over several restores.
      await new Promise((wait) => setTimeout(wait, (run * 37) % 260));
      child.kill('SIGKILL');
      expect(await closed, stderr).toBe('SIGKILL');
      expect(stderr).toBe('');

      // The next start: a pending restore is finished, the database opens, passes its check, and holds one whole state.
      const core = openCore({ dataDir: data.dir });
      try {
        expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const verify = await rawCall(core, 'database.verify', {}, null, true);
        expect(verify).toMatchObject({ ok: true, value: { ok: true } });
        expect(await rawCall(core, 'audit.verify', {}, null, true)).toMatchObject({ ok: true, value: { ok: true } });
      } finally {
        core.close();
      }
      expect(existsSync(join(data.dir, RESTORE_MARKER))).toBe(false);
      expect(existsSync(join(data.dir, RESTORE_STAGING))).toBe(false);
      const units = unitCount(data.dir);
      expect([2, 3, 4]).toContain(units);
      seen.add(units);
      // No half-written backup either: every file of the backups folder is whole, checked and named.
      const folder = join(data.dir, 'backups');
      const leftovers = existsSync(folder) ? readdirSync(folder).filter((name) => !/^tdcs-restore-.*\.sqlite$/.test(name)) : [];
      expect(leftovers).toEqual([]);
    }
    // The kills landed both before and after restores completed.
    expect(seen.size).toBeGreaterThan(1);
  }, 240_000);
});
