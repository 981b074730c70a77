import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { DATABASE_FILE, openCore } from '../../electron/core';
import { openSqliteFile } from '../../electron/db/driver';
import { finishPendingRestore, markRestorePending, RESTORE_MARKER, stagingPath } from '../../electron/db/restore';
import { backupsToKeep } from '../../electron/services/backup';
import type { BackupFile } from '../../shared/domain/backup';
import { ADMIN, setUpCore } from '../support/core';
import { temporaryDataDir } from '../support/data-dir';
import { commune, fakeIo, rawCall, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

async function tdcs(argv: string[], stdin = '') {
  const terminal = fakeIo(stdin);
  const code = await runCli(argv, terminal.io);
  return { code, out: terminal.out.join('\n'), err: terminal.err.join('\n') };
}

function backupNames(dataDir: string): string[] {
  const folder = join(dataDir, 'backups');
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

describe('the retention rule', () => {
  const file = (createdAt: string, reason: BackupFile['reason'] = 'daily'): BackupFile => ({ name: `tdcs-${reason}-${createdAt}.sqlite`, reason, createdAt, bytes: 1 });

  it('keeps the newest ones, then the newest of each month, and every backup made by hand', () => {
    const files = [
      file('2026-03-20T08:00:00.000Z'),
      file('2026-03-19T08:00:00.000Z', 'import'),
      file('2026-03-18T08:00:00.000Z'),
      file('2026-02-27T08:00:00.000Z'),
      file('2026-02-02T08:00:00.000Z', 'scheme'),
      file('2026-01-30T08:00:00.000Z'),
      file('2025-12-31T08:00:00.000Z'),
      file('2025-11-15T08:00:00.000Z', 'manual'),
    ];
    const keep = backupsToKeep(files, { backupKeepLast: 2, backupKeepMonths: 2 });
    expect([...keep].sort()).toEqual([files[0]?.name, files[1]?.name, files[2]?.name, files[3]?.name].sort());
    expect(backupsToKeep(files, { backupKeepLast: 3, backupKeepMonths: 0 }).size).toBe(3);
    expect(backupsToKeep(files, { backupKeepLast: 100, backupKeepMonths: 0 }).size).toBe(7);
  });
});

describe('automatic backups', () => {
  let installation: Installation | null = null;
  afterEach(() => {
    installation?.close();
    installation = null;
  });

  it('a scheme change is preceded by a checked backup, recorded with the change; a refused change leaves none', async () => {
    const opened = await setUpCore({ mode: 'branch' });
    installation = opened;
    const campaign = await opened.call('campaigns.get', { year: 2025 });
    const scheme = campaign.schemes[0];
    if (!scheme) throw new Error('no scheme');
    await opened.call('schemes.save', { campaignYear: 2025, scheme: { ...scheme, label: { vi: `${scheme.label.vi} (sửa)`, en: `${scheme.label.en} (edited)` } } });
    const names = backupNames(opened.dataDir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^tdcs-scheme-\d{8}T\d{9}Z\.sqlite$/);
    const copy = openSqliteFile(join(opened.dataDir, 'backups', names[0] as string), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    const log = await opened.call('audit.list', {});
    expect(log.entries.slice(0, 2).map((entry) => entry.action)).toEqual(['scheme.saved', 'backup.created']);

    expect((await opened.errorOf('schemes.save', { campaignYear: 2025, scheme: { ...scheme, id: 'khong-co' } })).code).toBe('scheme.notFound');
    expect(backupNames(opened.dataDir)).toHaveLength(1);
  });

  it('the application backs up once on the day’s first start, not at every start; the command line never', async () => {
    const opened = await setUpCore();
    installation = opened;
    opened.core.close();
    let now = '2026-01-05T01:00:00.000Z';
    for (const hour of ['01', '05', '09']) {
      now = `2026-01-05T${hour}:00:00.000Z`;
      const core = openCore({ dataDir: opened.dataDir, dailyBackup: true, now: () => now });
      await core.closeWhenIdle();
    }
    expect(backupNames(opened.dataDir).filter((name) => name.startsWith('tdcs-daily-'))).toEqual(['tdcs-daily-20260105T010000000Z.sqlite']);
    now = '2026-01-06T07:30:00.000Z';
    await openCore({ dataDir: opened.dataDir, dailyBackup: true, now: () => now }).closeWhenIdle();
    expect(backupNames(opened.dataDir).filter((name) => name.startsWith('tdcs-daily-'))).toHaveLength(2);
    await tdcs(['--data-dir', opened.dataDir, 'status']);
    expect(backupNames(opened.dataDir).filter((name) => name.startsWith('tdcs-daily-'))).toHaveLength(2);
    opened.reopen();
  });
});

describe('restore', () => {
  let installation: Installation | null = null;
  afterEach(() => {
    installation?.close();
    installation = null;
  });

  it('shows what a backup holds, backs up the current data first, replaces it, and everyone signs in again', async () => {
    const opened = await setUpCore();
    installation = opened;
    await opened.call('units.create', commune('UBND xã Tân Phong'));
    const made = await opened.call('backup.create', {});
    expect(made.name).toMatch(/^tdcs-manual-/);
    await opened.call('units.create', commune('UBND xã Tân Phú'));
    const session = (await opened.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;

    const summary = await opened.call('backup.inspect', { source: { name: made.name as string } });
    expect(summary).toMatchObject({ organisation: 'Phòng giao dịch NHCSXH Gò Dầu', mode: 'office', campaigns: [2025], units: 1, dossiers: 0, accounts: 1, sameInstallation: true });
    expect(summary.lastAudit).toMatchObject({ action: 'unit.created', actor: ADMIN.username });
    // Inspecting changes nothing and leaves nothing behind.
    expect(existsSync(stagingPath(opened.dataDir))).toBe(false);
    expect(withDatabase(opened.dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n)).toBe(2);

    const result = await opened.call('backup.restore', { source: { name: made.name as string } });
    expect(result.safetyBackup).toMatch(/^tdcs-restore-/);
    expect(withDatabase(opened.dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n)).toBe(1);
    // The data as it was just before is itself a whole backup.
    const safety = openSqliteFile(join(opened.dataDir, 'backups', result.safetyBackup), { readonly: true });
    expect((safety.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n).toBe(2);
    safety.close();
    expect(await rawCall(opened.core, 'units.list', {}, session)).toEqual({ ok: false, error: { code: 'auth.required' } });
    const last = (await rawCall(opened.core, 'audit.list', { limit: 1 }, null, true)) as { ok: true; value: { entries: { action: string; change: { note?: string } }[] } };
    expect(last.value.entries[0]).toMatchObject({ action: 'backup.restored' });
    expect(last.value.entries[0]?.change.note).toContain(result.safetyBackup);
    expect(await rawCall(opened.core, 'audit.verify', {}, null, true)).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('refuses a file that is not a sound backup, one of a newer version, and one of another kind of installation, changing nothing', async () => {
    const opened = await setUpCore();
    installation = opened;
    const folder = join(opened.dataDir, 'elsewhere');
    mkdirSync(folder);
    const garbage = join(folder, 'hong.sqlite');
    writeFileSync(garbage, Buffer.alloc(8192, 0x41));
    const unitsBefore = withDatabase(opened.dataDir, (db) => db.prepare('SELECT * FROM units').all());
    expect((await opened.errorOf('backup.inspect', { source: { path: garbage } })).code).toBe('backup.invalid');
    expect((await opened.errorOf('backup.restore', { source: { path: garbage } })).code).toBe('backup.invalid');

    const branch = await setUpCore({ mode: 'branch' });
    const branchBackup = (await branch.call('backup.create', { to: join(folder, 'chi-nhanh.sqlite') })).path;
    branch.close();
    expect(await opened.errorOf('backup.restore', { source: { path: branchBackup } })).toEqual({ code: 'backup.wrongMode', params: { mode: 'branch' } });

    const newer = (await opened.call('backup.create', { to: join(folder, 'moi-hon.sqlite') })).path;
    const db = openSqliteFile(newer);
    db.pragma('user_version = 999');
    db.close();
    expect((await opened.errorOf('backup.restore', { source: { path: newer } })).code).toBe('backup.tooNew');
    expect(withDatabase(opened.dataDir, (database) => database.prepare('SELECT * FROM units').all())).toEqual(unitsBefore);
    expect(backupNames(opened.dataDir).filter((name) => name.startsWith('tdcs-restore-'))).toEqual([]);
    expect(existsSync(join(opened.dataDir, RESTORE_MARKER))).toBe(false);
  });

  it('a restore found half-done at start is finished before the database opens, and an old write-ahead log is never replayed onto it', async () => {
    const data = temporaryDataDir('tdcs-restore-finish-');
    try {
      const core = openCore({ dataDir: data.dir });
      await rawCall(core, 'setup.initialise', { mode: 'office', organisationName: 'Phòng giao dịch NHCSXH Châu Thành', admin: ADMIN, language: 'vi', loadDemo: false }, null, true);
      await rawCall(core, 'units.create', commune('UBND xã Hảo Đước'), null, true);
      const backup = join(data.dir, 'before.sqlite');
      await rawCall(core, 'backup.create', { to: backup }, null, true);
      await rawCall(core, 'units.create', commune('UBND xã Biên Giới'), null, true);
      // Killed right after the marker: the staged copy is in place, the old database and its log still there.
      mkdirSync(join(data.dir, 'restore'), { recursive: true });
      writeFileSync(stagingPath(data.dir), readFileSync(backup));
      markRestorePending(data.dir);
      core.db.close();
      writeFileSync(join(data.dir, `${DATABASE_FILE}-wal`), Buffer.alloc(4096, 0x11));
      const reopened = openCore({ dataDir: data.dir });
      expect((reopened.db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n).toBe(1);
      expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
      reopened.close();
      expect(existsSync(join(data.dir, RESTORE_MARKER))).toBe(false);
      // Nothing pending: a second start changes nothing.
      expect(finishPendingRestore(data.dir, DATABASE_FILE)).toBe(false);
    } finally {
      data.remove();
    }
  });

  it('the command line shows the summary and restores only with --yes', async () => {
    const opened = await setUpCore();
    installation = opened;
    await opened.call('units.create', commune('UBND xã Suối Ngô'));
    const made = await opened.call('backup.create', {});
    await opened.call('units.create', commune('UBND xã Tân Hòa'));
    opened.core.close();
    const base = ['--data-dir', opened.dataDir, '--lang', 'vi'];
    const asked = await tdcs([...base, 'restore', made.name as string]);
    expect(asked.code).toBe(3);
    expect(asked.out).toContain('bản cài đặt: Phòng giao dịch NHCSXH Gò Dầu (Phòng giao dịch)');
    expect(asked.out).toContain('1 đơn vị');
    expect(asked.err).toContain('Thêm --yes');
    expect(withDatabase(opened.dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n)).toBe(2);
    const done = await tdcs([...base, 'restore', made.name as string, '--yes']);
    expect(done.code).toBe(0);
    expect(withDatabase(opened.dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n)).toBe(1);
    const listed = await tdcs([...base, 'backups']);
    expect(listed.out).toMatch(/tdcs-restore-\S+ {2}Trước khi khôi phục/);
    opened.reopen();
  });
});

describe('internal errors', () => {
  it('are logged with message, stack and a number; the person sees the number; no personal data is written', async () => {
    const opened = await setUpCore();
    try {
      const unit = await opened.call('units.create', commune('UBND xã Ninh Điền'));
      // A fault the services do not expect: the table is gone from under them.
      withDatabase(opened.dataDir, (db) => db.exec('DROP TABLE people'), { readonly: false });
      const error = await opened.errorOf('people.create', { fullName: 'Nguyễn Thị Bí Mật', birthYear: 1980, gender: 'female', position: 'Tổ trưởng', unitId: unit.id });
      expect(error.code).toBe('internal');
      const reference = String(error.params?.reference);
      expect(reference).toMatch(/^E-[2-9A-Z]{6}$/);
      const log = readFileSync(join(opened.dataDir, 'logs', 'errors.log'), 'utf8');
      expect(log).toContain(reference);
      expect(log).toContain('people.create');
      expect(log).toMatch(/SqliteError: .*people/);
      expect(log).toMatch(/\n {4}at /);
      expect(log).not.toContain('Bí Mật');
      expect(log).not.toContain(ADMIN.password);
    } finally {
      opened.close();
    }
  });
});
