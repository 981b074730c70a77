/**
 * electron/main.ts's own logic, run for real: bundled with esbuild against a faithful fake of the 'electron'
 * module (test/support/fake-electron.ts), in a child process, over a real SQLite data directory.
 */
import Database from 'better-sqlite3';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import { migrations } from '../../electron/db/migrations';
import { fingerprint, publicKeysOf, rawPublicKey } from '../../electron/exchange/keys';
import { CONTENT_SECURITY_POLICY } from '../../electron/transport/security';
import { IPC_CHANNELS } from '../../shared/contract/bridge';
import type { CallResponse } from '../../shared/contract/envelope';
import { translator } from '../../shared/i18n/translator';
import { temporaryDataDir } from '../support/data-dir';
import { APP_FRAME, buildShell, SECRET, startShell, type ShellLayout, type ShellProcess, type StartOptions } from '../support/electron-shell';
import type { FetchResult, MenuItemSnapshot } from '../support/electron-shell-protocol';

const ADMIN = { username: 'admin', fullName: 'Nguyễn Văn Quản Trị', password: 'mat-khau-an-toan' };
const SETUP = { mode: 'office', organisationName: 'Phòng giao dịch NHCSXH Gò Dầu', admin: ADMIN, language: 'vi', loadDemo: false };
const vi = translator('vi');
const en = translator('en');

let layout: ShellLayout;
const running: ShellProcess[] = [];
const removals: (() => void)[] = [];

beforeAll(async () => {
  layout = await buildShell();
}, 240_000);
afterAll(() => layout?.remove());
afterEach(async () => {
  await Promise.all(running.splice(0).map((shell) => shell.stop()));
  for (const remove of removals.splice(0)) remove();
});

function launch(options: StartOptions): ShellProcess {
  const shell = startShell(layout, options);
  running.push(shell);
  return shell;
}

function freshDir(prefix = 'tdcs-shell-'): string {
  const data = temporaryDataDir(prefix);
  removals.push(data.remove);
  return data.dir;
}

function ok<T>(response: CallResponse): T {
  if (!response.ok) throw new Error(`call failed: ${response.error.code}`);
  return response.value as T;
}

function page(result: FetchResult): { status: number; headers: Record<string, string>; body: string } {
  if ('error' in result) throw new Error(`request failed: ${result.error}`);
  return result;
}

function labels(items: MenuItemSnapshot[] | null | undefined): (string | undefined)[] {
  return (items ?? []).map((item) => item.label ?? item.type);
}

function exchangeFiles(): { dir: string; a: string; b: string; c: string; notes: string } {
  const dir = freshDir('tdcs-shell-files-');
  const files = { dir, a: join(dir, 'nop-ho-so.tdcs'), b: join(dir, 'bien-nhan.tdcs'), c: join(dir, 'KET-QUA.TDCS'), notes: join(dir, 'ghi-chu.txt') };
  for (const file of [files.a, files.b, files.c, files.notes]) writeFileSync(file, 'PK\u0003\u0004');
  return files;
}

describe('electron/main.ts under a fake Electron', () => {
  it('starts: lock on the data directory, the core opened there, a sandboxed window, app:// served with the CSP', async () => {
    const dir = freshDir();
    const shell = launch({ dataDir: dir });
    const before = await shell.state();
    expect(before.ready).toBe(false);
    expect(before.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(before.userData).toBe(dir);
    // Nothing opens before Electron is ready.
    expect(before.windows).toEqual([]);
    expect(before.handledSchemes).toEqual([]);
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(false);

    const state = await shell.ready();
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(true);
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations[migrations.length - 1]?.version);
    db.close();
    expect(state.handledSchemes).toEqual(['app']);
    expect([...state.ipcChannels].sort()).toEqual([IPC_CHANNELS.call, IPC_CHANNELS.chooseExchangeFile, IPC_CHANNELS.chooseSaveLocation, IPC_CHANNELS.chooseBackupLocation, IPC_CHANNELS.chooseBackupFile].sort());
    expect(state.permissionHandlerSet).toBe(true);
    expect(state.windows).toHaveLength(1);
    const window = state.windows[0]!;
    expect(window.options).toMatchObject({
      show: false,
      title: 'Thi đua TDCS',
      webPreferences: { preload: join(layout.electronDir, 'preload.js'), contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false },
    });
    expect(window.url).toBe('app://tdcs/');
    expect(window.loading).toBe(true);
    expect(window.visible).toBe(false);

    // The page's main resource, through main.ts's protocol handler.
    const index = page(await shell.finishLoad());
    expect(index).toEqual({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
      body: readFileSync(join(layout.rendererDir, 'index.html'), 'utf8'),
    });
    const loaded = await shell.state();
    expect(loaded.windows[0]).toMatchObject({ loading: false, visible: true });

    const script = readdirSync(join(layout.rendererDir, 'assets')).find((name) => name.endsWith('.js'));
    expect(script).toBeDefined();
    const asset = page(await shell.fetch(`app://tdcs/assets/${script}`));
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(asset.body).toBe(readFileSync(join(layout.rendererDir, 'assets', script!), 'utf8'));

    // The page may ask for nothing (camera, location, notifications…), and a check says so too.
    expect(await shell.request({ op: 'permission', permission: 'media' })).toBe(false);
    expect(await shell.request({ op: 'permission', permission: 'geolocation' })).toBe(false);
    expect(await shell.request({ op: 'permissionCheck', permission: 'notifications' })).toBe(false);
    expect(loaded.violations).toEqual([]);
  });

  it('IPC answers only the window the application created: another webContents showing our own URL is refused', async () => {
    const shell = launch({ dataDir: freshDir() });
    await shell.ready();
    await shell.finishLoad();
    expect(await shell.call('app.status', {})).toMatchObject({ ok: true });
    // A popup or webview that somehow loaded app://tdcs/ is not our window: the call is refused, the dialogs never open.
    expect(await shell.request({ op: 'invoke', channel: IPC_CHANNELS.call, senderUrl: APP_FRAME, args: [{ call: 'app.status', input: {}, session: null }], fromOtherContents: true })).toEqual({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    await shell.queueDialog('open', { canceled: false, filePaths: ['/etc/passwd'] });
    expect(await shell.request({ op: 'invoke', channel: IPC_CHANNELS.chooseExchangeFile, senderUrl: APP_FRAME, args: [], fromOtherContents: true })).toBeNull();
    expect((await shell.state()).dialogs).toEqual([]);
  });

  it('app:// never serves a file outside the renderer folder: unknown or escaping paths get index.html', async () => {
    const shell = launch({ dataDir: freshDir() });
    await shell.ready();
    const index = readFileSync(join(layout.rendererDir, 'index.html'), 'utf8');
    // Both exist on disk beside the renderer folder.
    expect(readFileSync(join(layout.appDir, 'secret.txt'), 'utf8')).toBe(SECRET);
    const attempts = [
      'app://tdcs/../../etc/passwd',
      'app://tdcs/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      'app://tdcs/%2e%2e/secret.txt',
      'app://tdcs/%2e%2e%2fsecret.txt',
      'app://tdcs/..%2fsecret.txt',
      'app://tdcs/assets/..%2f..%2fsecret.txt',
      'app://tdcs/%2e%2e%2frenderer-evil%2fsecret.txt',
      'app://tdcs/..%5csecret.txt',
      'app://tdcs/no/such/page',
      'app://tdcs/%2Fetc%2Fpasswd',
    ];
    for (const url of attempts) {
      const answer = page(await shell.fetch(url));
      expect({ url, status: answer.status, type: answer.headers['content-type'], csp: answer.headers['content-security-policy'] }).toEqual({
        url,
        status: 200,
        type: 'text/html; charset=utf-8',
        csp: CONTENT_SECURITY_POLICY,
      });
      expect(answer.body).toBe(index);
      expect(answer.body).not.toContain(SECRET);
    }
    expect((await shell.state()).violations).toEqual([]);
  });

  it("the 'call' channel answers our page's frames and refuses any other origin with auth.forbidden", async () => {
    const dir = freshDir();
    const shell = launch({ dataDir: dir });
    await shell.ready();
    const status = await shell.call('app.status', {});
    expect(status).toEqual({ ok: true, value: { initialised: false, mode: null, organisationName: null, language: null, version: '0.1.0', dataDir: dir, currentCampaignYear: 2025 } });
    expect(await shell.call('app.status', {}, null, 'app://tdcs/')).toMatchObject({ ok: true });

    const forbidden = { ok: false, error: { code: 'auth.forbidden' } };
    for (const frame of ['https://evil.example/', 'app://tdcs.evil.example/', 'app://tdcsx/', 'app://evil/tdcs/', 'file:///index.html', 'http://127.0.0.1:41234/', null]) {
      expect({ frame, response: await shell.call('app.status', {}, null, frame) }).toEqual({ frame, response: forbidden });
    }
    // A foreign frame cannot set the installation up…
    expect(await shell.call('setup.initialise', SETUP, null, 'https://evil.example/')).toEqual(forbidden);
    expect(ok<{ initialised: boolean }>(await shell.call('app.status', {})).initialised).toBe(false);
    // …and our page gets no operator rights through IPC: a backup needs a signed-in administrator.
    expect(await shell.call('backup.create', { to: join(dir, 'copy.sqlite') })).toEqual({ ok: false, error: { code: 'auth.required' } });
    expect(existsSync(join(dir, 'copy.sqlite'))).toBe(false);
    // The real core behind the seam: set-up through IPC is stored in the data directory.
    expect(ok<{ initialised: boolean; language: string }>(await shell.call('setup.initialise', SETUP))).toMatchObject({ initialised: true, language: 'vi' });
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect((db.prepare("SELECT value FROM settings WHERE key = 'organisationName'").get() as { value: string }).value).toBe(SETUP.organisationName);
    db.close();
    expect((await shell.state()).violations).toEqual([]);
  });

  it('a .tdcs file given on the command line reaches the page after did-finish-load; second-instance and open-file send at once', async () => {
    const files = exchangeFiles();
    const dir = freshDir();
    const shell = launch({ dataDir: dir, args: [files.a] });
    await shell.ready();
    expect((await shell.state()).windows[0]?.sent).toEqual([]);
    await shell.finishLoad();
    let state = await shell.state();
    expect(state.windows[0]?.sent).toEqual([{ channel: IPC_CHANNELS.openExchangeFile, args: [files.a] }]);
    expect(state.log.indexOf('contents.did-finish-load')).toBeLessThan(state.log.indexOf(`contents.send ${IPC_CHANNELS.openExchangeFile} ${files.a}`));

    // Double-click on another file while the window is minimised: Electron hands us the new launch's argv.
    await shell.request({ op: 'minimize' });
    await shell.request({ op: 'secondInstance', argv: [process.execPath, layout.mainJs, '--data-dir', dir, files.b], workingDirectory: files.dir });
    state = await shell.state();
    expect(state.windows[0]?.sent.map((message) => message.args[0])).toEqual([files.a, files.b]);
    expect(state.windows[0]).toMatchObject({ minimized: false, focused: true, restoreCount: 1, focusCount: 1 });

    // A launch without an existing .tdcs file only brings the window forward.
    await shell.request({ op: 'secondInstance', argv: [process.execPath, layout.mainJs, join(files.dir, 'khong-co.tdcs'), files.notes], workingDirectory: files.dir });
    state = await shell.state();
    expect(state.windows[0]?.sent).toHaveLength(2);
    expect(state.windows[0]).toMatchObject({ restoreCount: 1, focusCount: 2 });

    // A relative path is the second launch's, not ours.
    await shell.request({ op: 'secondInstance', argv: [process.execPath, layout.mainJs, 'bien-nhan.tdcs'], workingDirectory: files.dir });
    state = await shell.state();
    expect(state.windows[0]?.sent.map((message) => message.args[0])).toEqual([files.a, files.b, files.b]);

    // macOS hands files over with 'open-file'; main.ts takes it (preventDefault) and sends it on.
    expect(await shell.request({ op: 'openFile', path: files.c })).toEqual({ defaultPrevented: true });
    state = await shell.state();
    expect(state.windows[0]?.sent.at(-1)).toEqual({ channel: IPC_CHANNELS.openExchangeFile, args: [files.c] });
    expect(state.violations).toEqual([]);
  });

  it("macOS 'open-file' before the window exists waits for the page, like a file on the command line", async () => {
    const files = exchangeFiles();
    const shell = launch({ dataDir: freshDir() });
    expect(await shell.request({ op: 'openFile', path: files.c })).toEqual({ defaultPrevented: true });
    await shell.ready();
    expect((await shell.state()).windows[0]?.sent).toEqual([]);
    await shell.finishLoad();
    const state = await shell.state();
    expect(state.windows[0]?.sent).toEqual([{ channel: IPC_CHANNELS.openExchangeFile, args: [files.c] }]);
  });

  it('a file handed over while the page is still loading is kept until did-finish-load', async () => {
    const files = exchangeFiles();
    const dir = freshDir();
    const shell = launch({ dataDir: dir });
    await shell.ready();
    await shell.request({ op: 'secondInstance', argv: [process.execPath, layout.mainJs, '--data-dir', dir, files.b], workingDirectory: files.dir });
    let state = await shell.state();
    expect(state.windows[0]).toMatchObject({ loading: true, sent: [], focusCount: 1 });
    await shell.finishLoad();
    state = await shell.state();
    expect(state.windows[0]?.sent).toEqual([{ channel: IPC_CHANNELS.openExchangeFile, args: [files.b] }]);
  });

  it('the single-instance lock is per data directory: a second launch on it hands its file over and quits; another data directory runs alone', async () => {
    const files = exchangeFiles();
    const dir = freshDir();
    const primary = launch({ dataDir: dir });
    await primary.ready();
    await primary.finishLoad();
    expect((await primary.state()).lockRequests).toEqual([{ userData: dir, obtained: true }]);

    // Launched from the folder of the file, with a relative path, on the same data directory.
    const second = launch({ dataDir: dir, args: ['bien-nhan.tdcs'], cwd: files.dir });
    const refused = await second.state();
    expect(refused.lockRequests).toEqual([{ userData: dir, obtained: false }]);
    expect(refused.quitCalls).toBe(1);
    // It quit before Electron was ready: it never opens the database nor a window.
    expect(await second.request({ op: 'ready' })).toBe(false);
    expect((await second.state()).windows).toEqual([]);
    const handedOver = await primary.waitFor('the second launch’s file', (state) => (state.windows[0]?.sent.length ?? 0) > 0);
    expect(handedOver.windows[0]?.sent).toEqual([{ channel: IPC_CHANNELS.openExchangeFile, args: [files.b] }]);
    expect(handedOver.windows[0]?.focusCount).toBe(1);

    // Another installation's data directory is another application instance.
    const otherDir = freshDir();
    const other = launch({ dataDir: otherDir, args: [files.a] });
    const otherState = await other.state();
    expect(otherState.lockRequests).toEqual([{ userData: otherDir, obtained: true }]);
    expect(otherState.quitCalls).toBe(0);
    await other.ready();
    await other.finishLoad();
    expect(existsSync(join(otherDir, DATABASE_FILE))).toBe(true);
    expect((await other.state()).windows[0]?.sent).toEqual([{ channel: IPC_CHANNELS.openExchangeFile, args: [files.a] }]);
    await new Promise((done) => setTimeout(done, 150));
    expect((await primary.state()).windows[0]?.sent).toHaveLength(1);
  });

  it('the file dialogs: a chosen path, null when cancelled or for a foreign frame; the suggested name is sanitised', async () => {
    const shell = launch({ dataDir: freshDir(), fake: { locale: 'vi-VN' } });
    const state = await shell.ready();
    const windowId = state.windows[0]!.id;
    const filters = [{ name: 'Thi đua TDCS', extensions: ['tdcs'] }];

    await shell.queueDialog('save', { canceled: false, filePath: '/media/usb/nop-ho-so.tdcs' });
    expect(await shell.invoke(IPC_CHANNELS.chooseSaveLocation, APP_FRAME, 'Nộp hồ sơ 2025/../../etc/x.tdcs')).toBe('/media/usb/nop-ho-so.tdcs');
    await shell.queueDialog('save', { canceled: true, filePath: '' });
    expect(await shell.invoke(IPC_CHANNELS.chooseSaveLocation, APP_FRAME, 'ho-so.tdcs')).toBeNull();
    // Nothing queued: the user pressed Escape.
    expect(await shell.invoke(IPC_CHANNELS.chooseSaveLocation, APP_FRAME, 42)).toBeNull();
    expect(await shell.invoke(IPC_CHANNELS.chooseSaveLocation, 'https://evil.example/', 'x.tdcs')).toBeNull();

    await shell.queueDialog('open', { canceled: false, filePaths: ['/media/usb/bien-nhan.tdcs'] });
    expect(await shell.invoke(IPC_CHANNELS.chooseExchangeFile, APP_FRAME)).toBe('/media/usb/bien-nhan.tdcs');
    await shell.queueDialog('open', { canceled: true, filePaths: [] });
    expect(await shell.invoke(IPC_CHANNELS.chooseExchangeFile, APP_FRAME)).toBeNull();
    expect(await shell.invoke(IPC_CHANNELS.chooseExchangeFile, null)).toBeNull();
    expect(await shell.invoke(IPC_CHANNELS.chooseExchangeFile, 'app://tdcs.evil.example/')).toBeNull();

    const after = await shell.state();
    expect(after.pendingDialogAnswers).toBe(0);
    // The refused frames saw no dialog at all; each dialog is modal to the window, titled in the user's language.
    expect(after.dialogs.map(({ kind, parent, answeredBy, options }) => ({ kind, parent, answeredBy, defaultPath: options.defaultPath }))).toEqual([
      { kind: 'save', parent: windowId, answeredBy: 'queue', defaultPath: 'N-p-h--s--2025-..-..-etc-x.tdcs' },
      { kind: 'save', parent: windowId, answeredBy: 'queue', defaultPath: 'ho-so.tdcs' },
      { kind: 'save', parent: windowId, answeredBy: 'escape', defaultPath: 'tdcs.tdcs' },
      { kind: 'open', parent: windowId, answeredBy: 'queue', defaultPath: undefined },
      { kind: 'open', parent: windowId, answeredBy: 'queue', defaultPath: undefined },
    ]);
    expect(after.dialogs[0]?.options).toMatchObject({ title: vi('menu.saveExchangeFile'), filters });
    expect(after.dialogs[3]?.options).toMatchObject({ title: vi('menu.openExchangeFile'), properties: ['openFile'], filters });
    expect(after.violations).toEqual([]);
  });

  it('safeStorage: the private keys written to the data directory are sealed by the keychain, and open again after a restart', async () => {
    const dir = freshDir();
    const first = launch({ dataDir: dir, fake: { encryptionAvailable: true } });
    await first.ready();
    ok(await first.call('setup.initialise', SETUP));
    const session = ok<{ session: string }>(await first.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;
    const shown = ok<{ fingerprint: string }>(await first.call('exchange.identity', {}, session)).fingerprint;

    const text = readFileSync(join(dir, 'keys', 'keys.json'), 'utf8');
    const stored = JSON.parse(text) as { protected: boolean; signing: string; agreement: string };
    expect(stored.protected).toBe(true);
    for (const sealed of [stored.signing, stored.agreement]) {
      const bytes = Buffer.from(sealed, 'base64');
      expect(bytes.subarray(0, 3).toString()).toBe('v11');
      expect(bytes.toString('latin1')).not.toContain('PRIVATE KEY');
      // PKCS#8 of Ed25519 / X25519 starts "MC4CAQAwBQYDK2V…" once in base64: it is nowhere in the file.
      expect(bytes.toString('latin1')).not.toContain('MC4CAQAwBQYDK2V');
    }
    expect(text).not.toContain('MC4CAQAwBQYDK2V');
    // Only the keychain opens them, and they are the keys the installation shows.
    const signingPem = Buffer.from(await first.request<string>({ op: 'unseal', base64: stored.signing }), 'base64').toString('utf8');
    const agreementPem = Buffer.from(await first.request<string>({ op: 'unseal', base64: stored.agreement }), 'base64').toString('utf8');
    expect(signingPem).toContain('-----BEGIN PRIVATE KEY-----');
    const keys = {
      signing: { privateKey: createPrivateKey(signingPem), publicKey: createPublicKey(createPrivateKey(signingPem)) },
      agreement: { privateKey: createPrivateKey(agreementPem), publicKey: createPublicKey(createPrivateKey(agreementPem)) },
    };
    expect(rawPublicKey(keys.signing.publicKey)).toHaveLength(43);
    expect(fingerprint(publicKeysOf(keys))).toBe(shown);
    await first.stop();

    const again = launch({ dataDir: dir, fake: { encryptionAvailable: true } });
    await again.ready();
    const session2 = ok<{ session: string }>(await again.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;
    expect(ok<{ fingerprint: string }>(await again.call('exchange.identity', {}, session2)).fingerprint).toBe(shown);
    expect((await again.state()).violations).toEqual([]);
  });

  it('safeStorage unavailable: the keys are kept unsealed (the contrast that makes the sealed case meaningful)', async () => {
    const dir = freshDir();
    const shell = launch({ dataDir: dir, fake: { encryptionAvailable: false } });
    await shell.ready();
    ok(await shell.call('setup.initialise', SETUP));
    const stored = JSON.parse(readFileSync(join(dir, 'keys', 'keys.json'), 'utf8')) as { protected: boolean; signing: string };
    expect(stored.protected).toBe(false);
    expect(Buffer.from(stored.signing, 'base64').toString('utf8')).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('Linux without a keyring (safeStorage on a fixed password): the keys are not said to be sealed', async (context) => {
    if (process.platform !== 'linux') context.skip();
    const dir = freshDir();
    const shell = launch({ dataDir: dir, fake: { encryptionAvailable: true, storageBackend: 'basic_text' } });
    await shell.ready();
    ok(await shell.call('setup.initialise', SETUP));
    const stored = JSON.parse(readFileSync(join(dir, 'keys', 'keys.json'), 'utf8')) as { protected: boolean };
    expect(stored.protected).toBe(false);
  });

  it('a database that cannot be opened shows an error box in the system language and quits, leaving the file alone', async () => {
    const garbage = 'this is not an SQLite database\n'.repeat(200);
    const start = (locale: string, content: string | ((dir: string) => void)) => {
      const dir = freshDir();
      if (typeof content === 'string') writeFileSync(join(dir, DATABASE_FILE), content);
      else content(dir);
      return { dir, shell: launch({ dataDir: dir, fake: { locale } }) };
    };
    const latest = migrations[migrations.length - 1]!.version;
    const runs = [
      { ...start('vi-VN', garbage), expected: `${vi('errors.internal')}\nfile is not a database` },
      { ...start('en-GB', garbage), expected: `${en('errors.internal')}\nfile is not a database` },
      {
        ...start('vi', (dir) => {
          const db = new Database(join(dir, DATABASE_FILE));
          db.pragma('user_version = 999');
          db.close();
        }),
        expected: `${vi('errors.database.tooNew', { found: 999, supported: latest })}\n`,
      },
    ];
    const states = await Promise.all(runs.map(({ shell }) => shell.ready()));
    states.forEach((state, i) => {
      expect(state.errorBoxes).toEqual([{ title: 'Thi đua TDCS', content: runs[i]!.expected }]);
      expect(state.quitCalls).toBe(1);
      expect(state.windows).toEqual([]);
      expect(state.handledSchemes).toEqual([]);
      expect(state.ipcChannels).toEqual([]);
      expect(state.menu).toBeNull();
    });
    expect(runs[0]!.expected).toContain('Ứng dụng gặp lỗi');
    expect(runs[2]!.expected).toContain('lược đồ 999');
    expect(readFileSync(join(runs[0]!.dir, DATABASE_FILE), 'utf8')).toBe(garbage);
  });

  it('the menu is built from translated labels: the stored language wins over the system locale, and a change rebuilds it', async () => {
    const dir = freshDir();
    const first = launch({ dataDir: dir, fake: { locale: 'en-US' } });
    let state = await first.ready();
    expect(labels(state.menu)).toEqual(['File', 'Edit', 'View', 'Help']);
    ok(await first.call('setup.initialise', SETUP));
    ok(await first.call('app.setLanguage', { language: 'vi' }));
    state = await first.state();
    expect(state.menuSetCount).toBe(2);
    expect(labels(state.menu)).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    await first.stop();

    // Restart on an English system: the installation's language (vi) is used from the start.
    const shell = launch({ dataDir: dir, fake: { locale: 'en-US' } });
    state = await shell.ready();
    expect(labels(state.menu)).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    expect(state.menu?.[0]?.submenu).toEqual([
      { label: 'Mở tệp trao đổi…', accelerator: 'CmdOrCtrl+O', hasClick: true },
      { type: 'separator', hasClick: false },
      { label: 'Sao lưu cơ sở dữ liệu…', hasClick: true },
      { label: 'Sao lưu và khôi phục…', hasClick: true },
      { label: 'Mở thư mục dữ liệu', hasClick: true },
      { type: 'separator', hasClick: false },
      { label: 'Thoát', role: 'quit', hasClick: false },
    ]);
    expect(labels(state.menu?.[1]?.submenu)).toEqual(['Hoàn tác', 'Làm lại', 'separator', 'Cắt', 'Sao chép', 'Dán', 'Chọn tất cả']);
    expect(state.menu?.[2]?.submenu?.map((item) => item.role)).toEqual(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']);

    // Tệp › Sao lưu…: the menu asks the page, which does it with the signed-in person's rights (never the operator's).
    await shell.finishLoad();
    await shell.request({ op: 'clickMenu', path: ['Tệp', 'Sao lưu cơ sở dữ liệu…'] });
    state = await shell.waitFor('the menu command', (current) => (current.windows[0]?.sent.length ?? 0) > 0);
    expect(state.windows[0]?.sent).toEqual([{ channel: IPC_CHANNELS.menuCommand, args: ['backup'] }]);
    expect(state.dialogs).toEqual([]);
    // The page asks for a place (the save dialog), then backs up there as the signed-in administrator.
    const backup = join(freshDir('tdcs-shell-backup-'), 'sao-luu.sqlite');
    await shell.queueDialog('save', { canceled: false, filePath: backup });
    expect(await shell.invoke(IPC_CHANNELS.chooseBackupLocation, APP_FRAME, 'tdcs-backup-2026-12-06.sqlite')).toBe(backup);
    state = await shell.state();
    expect(state.dialogs[0]?.options).toMatchObject({ title: 'Sao lưu cơ sở dữ liệu…', filters: [{ name: 'SQLite', extensions: ['sqlite'] }] });
    expect(String(state.dialogs[0]?.options.defaultPath)).toMatch(/tdcs-backup-2026-12-06\.sqlite$/);
    const session = ok<{ session: string }>(await shell.call('auth.login', { username: SETUP.admin.username, password: SETUP.admin.password })).session;
    // A path the page makes up is refused; the one the dialog returned is accepted.
    expect(await shell.call('backup.create', { to: join(dir, 'made-up.sqlite') }, session)).toEqual({ ok: false, error: { code: 'path.notChosen' } });
    expect(existsSync(join(dir, 'made-up.sqlite'))).toBe(false);
    expect(ok<{ path: string }>(await shell.call('backup.create', { to: backup }, session)).path).toBe(backup);
    const copy = new Database(backup, { readonly: true });
    expect((copy.prepare("SELECT value FROM settings WHERE key = 'language'").get() as { value: string }).value).toBe('vi');
    copy.close();
    await shell.request({ op: 'clickMenu', path: ['Tệp', 'Sao lưu và khôi phục…'] });
    state = await shell.waitFor('the second menu command', (current) => (current.windows[0]?.sent.length ?? 0) > 1);
    expect(state.windows[0]?.sent.at(-1)).toEqual({ channel: IPC_CHANNELS.menuCommand, args: ['backups'] });

    // Tệp › Mở tệp trao đổi…: the chosen file goes to the page.
    const files = exchangeFiles();
    await shell.queueDialog('open', { canceled: false, filePaths: [files.b] });
    await shell.request({ op: 'clickMenu', path: ['Tệp', 'Mở tệp trao đổi…'] });
    state = await shell.waitFor('the opened file', (current) => (current.windows[0]?.sent.length ?? 0) > 2);
    expect(state.windows[0]?.sent.at(-1)).toEqual({ channel: IPC_CHANNELS.openExchangeFile, args: [files.b] });

    // Tệp › Mở thư mục dữ liệu opens the data directory; Trợ giúp › Giới thiệu names it.
    await shell.request({ op: 'clickMenu', path: ['Tệp', 'Mở thư mục dữ liệu'] });
    await shell.request({ op: 'clickMenu', path: ['Trợ giúp', 'Giới thiệu Thi đua TDCS'] });
    state = await shell.state();
    expect(state.openedPaths).toEqual([dir]);
    expect(state.dialogs.at(-1)).toMatchObject({ kind: 'messageBox', parent: null, options: { message: 'Thi đua TDCS 0.1.0', detail: `Thư mục dữ liệu: ${dir}` } });

    // The page switches to English: the menu follows.
    ok(await shell.call('app.setLanguage', { language: 'en' }));
    state = await shell.state();
    expect(labels(state.menu)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(state.menu?.[0]?.submenu)).toEqual([en('menu.openExchangeFile'), 'separator', en('menu.backup'), en('menu.backups'), en('menu.openDataFolder'), 'separator', en('menu.quit')]);
    expect(en('menu.openExchangeFile')).not.toBe(vi('menu.openExchangeFile'));
    expect(state.violations).toEqual([]);
  });

  it('navigation, pop-ups, webviews and unsaved edits are guarded', async () => {
    const shell = launch({ dataDir: freshDir(), fake: { locale: 'vi-VN' } });
    const ready = await shell.ready();
    await shell.finishLoad();
    expect(await shell.request({ op: 'navigate', event: 'will-navigate', url: 'https://example.org/' })).toEqual({ defaultPrevented: true });
    expect(await shell.request({ op: 'navigate', event: 'will-navigate', url: 'file:///etc/passwd' })).toEqual({ defaultPrevented: true });
    expect(await shell.request({ op: 'navigate', event: 'will-navigate', url: 'app://tdcs/#/ranking' })).toEqual({ defaultPrevented: false });
    expect(await shell.request({ op: 'navigate', event: 'will-redirect', url: 'http://127.0.0.1:8080/' })).toEqual({ defaultPrevented: true });
    expect(await shell.request({ op: 'windowOpen', url: 'https://example.org/' })).toEqual({ action: 'deny' });
    // Any other web contents (a pop-up, a webview) is held to the same rules.
    expect(await shell.request({ op: 'guestContents' })).toEqual({ windowOpen: { action: 'deny' }, webviewPrevented: true });

    // The page refuses to unload (unsaved edits): main.ts asks; "leave" lets it go (preventDefault), "stay" keeps it.
    await shell.queueDialog('messageBoxSync', 1);
    expect(await shell.request({ op: 'preventUnload' })).toEqual({ defaultPrevented: true });
    await shell.queueDialog('messageBoxSync', 0);
    expect(await shell.request({ op: 'preventUnload' })).toEqual({ defaultPrevented: false });
    // Escape answers the cancel button: stay.
    expect(await shell.request({ op: 'preventUnload' })).toEqual({ defaultPrevented: false });
    const state = await shell.state();
    const asked = state.dialogs.filter((call) => call.kind === 'messageBoxSync');
    expect(asked).toHaveLength(3);
    expect(asked[0]).toMatchObject({
      parent: ready.windows[0]?.id,
      options: { type: 'question', message: vi('unsavedChanges.title'), detail: vi('unsavedChanges.message'), buttons: [vi('unsavedChanges.stay'), vi('unsavedChanges.leave')], cancelId: 0, defaultId: 0 },
    });
    expect(vi('unsavedChanges.stay')).not.toBe(en('unsavedChanges.stay'));
    expect(state.violations).toEqual([]);
  });
});
