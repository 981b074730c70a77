import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { IPC_CHANNELS, type MenuCommand } from '../shared/contract/bridge';
import type { CallRequest } from '../shared/contract/envelope';
import { AppError } from '../shared/contract/errors';
import type { Language } from '../shared/domain/kinds';
import { describeError, languageForLocale } from '../shared/i18n';
import { translator } from '../shared/i18n/translator';
import { EXCHANGE_EXTENSION } from '../shared/domain/exchange';
import { openCore, type Core } from './core';
import type { KeyProtector } from './exchange/keys';
import { readSetting } from './db/settings';
import { argValue, DATA_DIR_ENV, DATA_FOLDER } from './data-dir';
import { menuLabels } from './menu-labels';
import { CONTENT_SECURITY_POLICY } from './transport/security';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://tdcs`;
const RENDERER_DIR = resolve(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const dataDirFlag = argValue(process.argv, '--data-dir') ?? process.env[DATA_DIR_ENV];
if (dataDirFlag) app.setPath('userData', resolve(dataDirFlag));
else app.setPath('userData', join(app.getPath('appData'), DATA_FOLDER));

// One data directory, one process: a second launch focuses the first window. Electron scopes the lock to
// userData as it is when asked, so it is asked after userData is the data directory.
if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

/**
 * Files a person picked in one of our dialogs or opened from the system: the only paths the page may name in a call.
 * A path the page makes up (or a script in it) is refused by the core with path.notChosen.
 */
const chosenPaths = new Set<string>();

function chosen(path: string | null | undefined): string | null {
  if (!path) return null;
  chosenPaths.add(resolve(path));
  return path;
}

/** better-sqlite3 built for Electron's ABI: beside the app when packaged, else where `npm start` put it. */
function nativeBinding(): string | undefined {
  const packaged = join(process.resourcesPath, 'native', 'better_sqlite3.node');
  if (app.isPackaged && existsSync(packaged)) return packaged;
  return process.env.TDCS_NATIVE_BINDING;
}

/** The OS keychain seals the private keys where Electron can reach it (DPAPI, Keychain, libsecret). */
function keyProtector(): KeyProtector | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  // Linux without a keyring "encrypts" with a fixed password: that would only pretend to protect the keys.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

function currentLanguage(): Language {
  const stored = core ? readSetting(core.db, 'language') : null;
  return stored === 'vi' || stored === 'en' ? stored : languageForLocale(app.getLocale());
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer from app://tdcs, with the same CSP as browser mode. */
function serveRenderer(): void {
  protocol.handle(SCHEME, (request) => {
    const { pathname } = new URL(request.url);
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    let file = resolve(join(RENDERER_DIR, normalize(relative)));
    if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file)) file = join(RENDERER_DIR, 'index.html');
    return new Response(readFileSync(file), {
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

function isOurFrame(url: string | undefined): boolean {
  return typeof url === 'string' && url.startsWith(`${ORIGIN}/`);
}

/** Menu items that need a signed-in person's rights are done by the page, with its session (the core checks them). */
function askPage(command: MenuCommand): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  mainWindow.webContents.send(IPC_CHANNELS.menuCommand, command);
}

function buildMenu(): void {
  const t = translator(currentLanguage());
  const labels = menuLabels(t);
  const template: MenuItemConstructorOptions[] = [
    {
      label: labels.file,
      submenu: [
        {
          label: labels.openExchangeFile,
          accelerator: 'CmdOrCtrl+O',
          click: () =>
            void (async () => {
              if (!mainWindow) return;
              const choice = await dialog.showOpenDialog(mainWindow, { properties: ['openFile'], filters: [{ name: 'Thi đua TDCS', extensions: ['tdcs'] }] });
              const file = choice.filePaths[0];
              if (!choice.canceled && file) openExchangeFile(file);
            })(),
        },
        { type: 'separator' },
        { label: labels.backup, click: () => askPage('backup') },
        { label: labels.backups, click: () => askPage('backups') },
        { label: labels.openDataFolder, click: () => void shell.openPath(app.getPath('userData')) },
        { type: 'separator' },
        { label: labels.quit, role: 'quit' },
      ],
    },
    {
      label: labels.edit,
      submenu: [
        { label: labels.undo, role: 'undo' },
        { label: labels.redo, role: 'redo' },
        { type: 'separator' },
        { label: labels.cut, role: 'cut' },
        { label: labels.copy, role: 'copy' },
        { label: labels.paste, role: 'paste' },
        { label: labels.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: labels.view,
      submenu: [
        { label: labels.reload, role: 'reload' },
        { label: labels.zoomIn, role: 'zoomIn' },
        { label: labels.zoomOut, role: 'zoomOut' },
        { label: labels.resetZoom, role: 'resetZoom' },
        { label: labels.fullScreen, role: 'togglefullscreen' },
      ],
    },
    {
      label: labels.help,
      submenu: [
        {
          label: labels.about,
          click: () =>
            void dialog.showMessageBox({ type: 'info', title: 'Thi đua TDCS', message: `Thi đua TDCS ${app.getVersion()}`, detail: `${labels.dataFolder}: ${app.getPath('userData')}` }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: 'Thi đua TDCS',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contents = mainWindow.webContents;
  contents.on('will-navigate', (event) => {
    if (!isOurFrame(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOurFrame(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A page with unsaved edits refuses to unload; Electron would then keep the window open without a word, so we ask.
  contents.on('will-prevent-unload', (event) => {
    if (!mainWindow) return;
    const t = translator(currentLanguage());
    const choice = dialog.showMessageBoxSync(mainWindow, {
      type: 'question',
      title: 'Thi đua TDCS',
      message: t('unsavedChanges.title'),
      detail: t('unsavedChanges.message'),
      buttons: [t('unsavedChanges.stay'), t('unsavedChanges.leave')],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    // Preventing this event lets the window close (or reload) after all.
    if (choice === 1) event.preventDefault();
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  contents.on('did-finish-load', () => {
    if (pendingExchangeFile) {
      contents.send(IPC_CHANNELS.openExchangeFile, pendingExchangeFile);
      pendingExchangeFile = null;
    }
  });
  void mainWindow.loadURL(`${ORIGIN}/`);
}

/** A .tdcs path among the arguments the system started us with (file association, double-click). */
function exchangeFileIn(argv: readonly string[], workingDirectory = process.cwd()): string | null {
  return argv.map((arg) => resolve(workingDirectory, arg)).find((path) => path.toLowerCase().endsWith(EXCHANGE_EXTENSION) && existsSync(path)) ?? null;
}

let pendingExchangeFile: string | null = chosen(exchangeFileIn(process.argv));

function openExchangeFile(path: string): void {
  chosen(path);
  if (mainWindow && !mainWindow.webContents.isLoading()) mainWindow.webContents.send(IPC_CHANNELS.openExchangeFile, path);
  else pendingExchangeFile = path;
}

/** Only our own page, in the window we created, may use the IPC channels; anything else is ignored. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  return mainWindow !== null && event.sender === mainWindow.webContents && isOurFrame(event.senderFrame?.url);
}

function registerIpc(): void {
  const exchangeFilter = [{ name: 'Thi đua TDCS', extensions: ['tdcs'] }];
  const backupFilter = [{ name: 'SQLite', extensions: ['sqlite'] }];
  const safeName = (name: unknown, fallback: string) => (typeof name === 'string' ? name.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 120) : fallback);
  ipcMain.handle(IPC_CHANNELS.chooseExchangeFile, async (event) => {
    if (!fromOurWindow(event) || !mainWindow) return null;
    const t = translator(currentLanguage());
    const choice = await dialog.showOpenDialog(mainWindow, { title: t('menu.openExchangeFile'), properties: ['openFile'], filters: exchangeFilter });
    return choice.canceled ? null : chosen(choice.filePaths[0]);
  });
  ipcMain.handle(IPC_CHANNELS.chooseSaveLocation, async (event, defaultName: unknown) => {
    if (!fromOurWindow(event) || !mainWindow) return null;
    const t = translator(currentLanguage());
    const choice = await dialog.showSaveDialog(mainWindow, { title: t('menu.saveExchangeFile'), defaultPath: safeName(defaultName, 'tdcs.tdcs'), filters: exchangeFilter });
    return choice.canceled ? null : chosen(choice.filePath);
  });
  ipcMain.handle(IPC_CHANNELS.chooseBackupLocation, async (event, defaultName: unknown) => {
    if (!fromOurWindow(event) || !mainWindow) return null;
    const t = translator(currentLanguage());
    const choice = await dialog.showSaveDialog(mainWindow, {
      title: t('menu.backup'),
      defaultPath: join(app.getPath('documents'), safeName(defaultName, 'tdcs-backup.sqlite')),
      filters: backupFilter,
    });
    return choice.canceled ? null : chosen(choice.filePath);
  });
  ipcMain.handle(IPC_CHANNELS.chooseBackupFile, async (event) => {
    if (!fromOurWindow(event) || !mainWindow) return null;
    const t = translator(currentLanguage());
    const choice = await dialog.showOpenDialog(mainWindow, { title: t('menu.backups'), properties: ['openFile'], filters: backupFilter });
    return choice.canceled ? null : chosen(choice.filePaths[0]);
  });
  ipcMain.handle(IPC_CHANNELS.call, async (event, request: CallRequest) => {
    // Only our own page may call; anything else (a stray frame, a navigated window, another webContents) is refused.
    if (!fromOurWindow(event) || !core) return { ok: false, error: { code: 'auth.forbidden' } };
    const response = await core.call(
      { call: request?.call, input: request?.input, session: typeof request?.session === 'string' ? request.session : null },
      { paths: (path) => chosenPaths.has(path) },
    );
    if (response.ok && request?.call === 'app.setLanguage') buildMenu();
    return response;
  });
}

app.on('second-instance', (_event, argv, workingDirectory) => {
  // A relative path is the second launch's: resolved against its working directory, not ours.
  const file = exchangeFileIn(argv, workingDirectory);
  if (file) openExchangeFile(file);
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

// macOS hands over double-clicked files this way.
app.on('open-file', (event, path) => {
  event.preventDefault();
  openExchangeFile(path);
});

app.on('window-all-closed', () => {
  // An export still running is cancelled and takes its temporary file off the stick before the process ends.
  void (core ? core.closeWhenIdle() : Promise.resolve()).finally(() => app.quit());
});

void app.whenReady().then(() => {
  // A second launch that was refused the lock quits; it must not open the database even if "ready" still comes.
  if (!app.hasSingleInstanceLock()) return;
  // No camera, microphone, notifications, geolocation…: the page asks for nothing, and gets nothing if it does.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  try {
    core = openCore({ dataDir: app.getPath('userData'), nativeBinding: nativeBinding(), keyProtector: keyProtector(), dailyBackup: true });
  } catch (error) {
    const t = translator(languageForLocale(app.getLocale()));
    const shape = error instanceof AppError ? error.toShape() : { code: 'internal' as const };
    dialog.showErrorBox('Thi đua TDCS', `${describeError(shape, t)}\n${error instanceof Error && !(error instanceof AppError) ? error.message : ''}`);
    app.quit();
    return;
  }
  serveRenderer();
  registerIpc();
  buildMenu();
  createWindow();
});
