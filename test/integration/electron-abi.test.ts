import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../shared/contract/bridge';
import type { CallResponse } from '../../shared/contract/envelope';
import { electronAbiProcess } from '../support/electron-abi';
import { APP_FRAME, buildShell, startShell, type ShellLayout, type ShellProcess } from '../support/electron-shell';
import { ADMIN, BRANCH_NAME, enrol, OFFICE_NAME, openInstallation, pdfBytes, readyDossier, YEAR, type Enrolled } from './exchange-support';

/**
 * Inside Electron only the Electron build of better-sqlite3 loads; the Node build throws. These tests run the real
 * entry points (command line, browser mode, the desktop shell over a fake Electron) in processes where the Node build
 * is made unloadable the same way (test/support/electron-abi.cjs), with the stand-in Electron build named as the
 * application names it. Every path that opens a database — start, import (with its automatic backup), backup,
 * verify, restore, the audit check — must still work.
 */
const ROOT = resolve(__dirname, '..', '..');
const abi = electronAbiProcess();
const PASSWORD = 'mat-khau-electron-abi';

function run(args: string[], options: { binding?: boolean; input?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(options.binding === false ? {} : abi.env) };
  if (options.binding === false) delete env.TDCS_NATIVE_BINDING;
  const result = spawnSync(process.execPath, [...abi.execArgv, join(ROOT, 'dist', 'electron', 'cli.js'), '--lang', 'en', ...args], {
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let world: Enrolled;
let usb: string;
let submission: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'pipe', timeout: 240_000 });
  usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-abi-'));
  world = await enrol(await openInstallation('branch', BRANCH_NAME), await openInstallation('office', OFFICE_NAME), usb, { communes: 2 });
  for (const [index, commune] of world.communes.entries()) {
    await readyDossier(world.office, { kind: 'communePeoplesCommittee', unitId: commune.id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes(`abi-${index}`) }]);
  }
  submission = join(usb, 'nop-ho-so.tdcs');
  await world.office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: submission });
  world.branch.shutdown();
  world.office.shutdown();
}, 300_000);

afterAll(() => {
  world?.branch.close();
  world?.office.close();
  rmSync(usb, { recursive: true, force: true });
});

describe('the unloadable-driver mode bites', () => {
  it('a plain `new Database` fails in it, as it fails inside Electron', () => {
    const probe = spawnSync(process.execPath, [...abi.execArgv, '-e', "require('better-sqlite3')(':memory:')"], { cwd: ROOT, encoding: 'utf8' });
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toContain('NODE_MODULE_VERSION');
    // …and works with the stand-in Electron build named explicitly.
    const named = spawnSync(process.execPath, [...abi.execArgv, '-e', `require('better-sqlite3')(':memory:', { nativeBinding: ${JSON.stringify(abi.binding)} }).close()`], { cwd: ROOT, encoding: 'utf8' });
    expect(named.stderr).toBe('');
    expect(named.status).toBe(0);
  });

  it('the command line without the Electron build named fails to open the database', () => {
    const refused = run(['--data-dir', world.branch.dataDir, 'status'], { binding: false });
    expect(refused.code).not.toBe(0);
  });
});

describe('every path that opens a database works with the Electron build', () => {
  it('the command line: import (with its automatic backup), backup, verify, the audit check, accounts, restore', () => {
    const branch = ['--data-dir', world.branch.dataDir];
    // The file is late: the dry run reads it whole and says which acceptance the import needs (exit 3).
    const dry = run([...branch, 'import', submission, '--dry-run']);
    expect(dry.stderr).toContain('--accept-late');
    expect(dry.code).toBe(3);
    const imported = run([...branch, 'import', submission, '--accept-late']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(readdirSync(join(world.branch.dataDir, 'backups')).some((name) => name.startsWith('tdcs-import-'))).toBe(true);

    const copy = join(usb, 'sao-luu.sqlite');
    expect(run([...branch, 'backup', '--to', copy]).code).toBe(0);
    expect(existsSync(copy)).toBe(true);
    const verify = run([...branch, 'verify']);
    expect(verify.stdout).toContain('The database is sound');
    expect(run([...branch, 'audit', 'verify']).code).toBe(0);
    const added = run([...branch, 'users', 'add', '--username', 'thu.ky', '--role', 'secretary', '--full-name', 'Trần Thị Thư Ký'], { input: `${PASSWORD}\n` });
    expect(added.stderr).toBe('');
    expect(run([...branch, 'users', 'list']).stdout).toContain('thu.ky');

    const backups = run([...branch, 'backups']);
    expect(backups.code).toBe(0);
    const restored = run([...branch, 'restore', copy, '--yes']);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(run([...branch, 'verify']).code).toBe(0);
  }, 240_000);

  it('browser mode: the day’s first backup at start, a backup from the page, an uploaded file imported', async () => {
    const dataDir = world.office.dataDir;
    const child = spawn(process.execPath, [...abi.execArgv, join(ROOT, 'dist', 'electron', 'browser.js'), '--data-dir', dataDir, '--no-open'], {
      env: { ...process.env, ...abi.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        const timer = setTimeout(() => reject(new Error(output)), 30_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolveUrl(match[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      });
      const { origin, searchParams } = new URL(url);
      const token = searchParams.get('token') ?? '';
      const post = (path: string, body: string | Buffer, contentType = 'application/json') =>
        new Promise<CallResponse>((resolveBody, reject) => {
          const sent = request(`${origin}${path}`, { method: 'POST', headers: { 'x-tdcs-token': token, 'content-type': contentType, origin } }, (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolveBody(JSON.parse(text) as CallResponse));
          });
          sent.on('error', reject);
          sent.end(body);
        });
      const call = (name: string, input: unknown, session: string | null) => post('/api/call', JSON.stringify({ call: name, input, session }));
      const login = await call('auth.login', { username: ADMIN.username, password: ADMIN.password }, null);
      expect(login.ok).toBe(true);
      const session = login.ok ? (login.value as { session: string }).session : null;
      // The daily backup of the first start of the day.
      await expect.poll(async () => ((await call('backup.list', {}, session)) as { ok: true; value: { reason: string }[] }).value.map((backup) => backup.reason), { timeout: 20_000 }).toContain('daily');
      const made = await call('backup.create', {}, session);
      expect(made).toMatchObject({ ok: true, value: { name: expect.stringMatching(/^tdcs-manual-/) } });
      // A path from the page is refused; the file itself is uploaded and imported.
      expect(await call('exchange.dryRun', { source: { path: submission } }, session)).toEqual({ ok: false, error: { code: 'path.notChosen' } });
      const uploaded = await post('/api/upload', readFileSync(submission), 'application/octet-stream');
      expect(uploaded.ok).toBe(true);
      const uploadId = uploaded.ok ? (uploaded.value as { uploadId: string }).uploadId : '';
      const dry = await call('exchange.dryRun', { source: { uploadId, fileName: 'nop-ho-so.tdcs' } }, session);
      // The office does not take in its own submission: a clear refusal, after the file was read with the Electron build.
      expect(dry).toMatchObject({ ok: false, error: { code: 'exchange.wrongMode' } });
      expect(await call('exchange.discardUpload', { uploadId }, session)).toEqual({ ok: true, value: null });
      expect(readdirSync(join(dataDir, 'inbox'))).toEqual([]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
    expect(output).not.toContain('NODE_MODULE_VERSION');
  }, 120_000);
});

describe('the desktop shell (main.ts over a fake Electron) with the Node build unloadable', () => {
  let layout: ShellLayout;
  let shell: ShellProcess | null = null;
  beforeAll(async () => {
    layout = await buildShell();
  }, 240_000);
  afterAll(async () => {
    await shell?.stop();
    layout?.remove();
  });

  it('starts, signs in, backs up to a chosen file and restores from the backups folder', async () => {
    shell = startShell(layout, { dataDir: world.office.dataDir, env: abi.env, execArgv: abi.execArgv });
    await shell.ready();
    const login = await shell.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(login.ok).toBe(true);
    const session = login.ok ? (login.value as { session: string }).session : null;
    const target = join(usb, 'tu-menu.sqlite');
    await shell.queueDialog('save', { canceled: false, filePath: target });
    expect(await shell.invoke(IPC_CHANNELS.chooseBackupLocation, APP_FRAME, 'tdcs-backup.sqlite')).toBe(target);
    expect(await shell.call('backup.create', { to: target }, session)).toMatchObject({ ok: true, value: { path: target } });
    const list = await shell.call('backup.list', {}, session);
    const name = list.ok ? (list.value as { name: string }[])[0]?.name : undefined;
    expect(name).toBeTruthy();
    expect(await shell.call('backup.inspect', { source: { name } }, session)).toMatchObject({ ok: true, value: { mode: 'office' } });
    expect(await shell.call('backup.restore', { source: { name } }, session)).toMatchObject({ ok: true });
    const again = await shell.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(again.ok).toBe(true);
    expect(await shell.call('database.verify', {}, again.ok ? (again.value as { session: string }).session : null)).toMatchObject({ ok: true, value: { ok: true } });
    expect(shell.output).not.toContain('NODE_MODULE_VERSION');
  }, 120_000);
});
