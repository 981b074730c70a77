/**
 * A test double of the parts of the `electron` module that electron/main.ts uses, for running the main
 * process's own logic under plain Node (bundled with esbuild, 'electron' aliased to this file).
 *
 * It follows Electron 45's documented behaviour where main.ts depends on it:
 * - `app.whenReady()` resolves only when the test says so (`fake.becomeReady()`); an app that called
 *   `app.quit()` before that never becomes ready.
 * - the single-instance lock is scoped to `app.getPath('userData')` *at the time of the call* (a lock file in
 *   that folder, as Chromium's `SingletonLock`); a refused instance hands its argv and working directory to
 *   the primary, which emits 'second-instance' after it is ready.
 * - `BrowserWindow` and `session.defaultSession` throw before ready; `protocol.registerSchemesAsPrivileged`
 *   throws after ready; a second `ipcMain.handle` for one channel throws; `Menu.buildFromTemplate` refuses an
 *   item with neither label, role nor type.
 * - `safeStorage.isEncryptionAvailable()` is false before ready (Linux, Windows) and when the keychain is
 *   switched off; `encryptString` / `decryptString` then throw.
 * - dialogs answer from a queue the test fills; with nothing queued the user is taken to have pressed Escape
 *   (open/save cancelled with `filePaths: []` / `filePath: ''`, message boxes answer their `cancelId`).
 * - IPC arguments and results are structured-cloned, as they cross processes in Electron.
 * Softer rules (an API documented "after ready" used before) are collected in `fake.violations`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface FakeElectronConfig {
  /** `app.getPath('appData')`; the default userData is `<appData>/<name>`. */
  appData: string;
  /** What `app.getLocale()` answers (after ready). */
  locale: string;
  /** `app.getName()`: Electron takes the package's productName. */
  name: string;
  version: string;
  isPackaged: boolean;
  /** Whether the OS keychain is reachable (safeStorage). */
  encryptionAvailable: boolean;
  /** The keychain's secret: another secret cannot open what this one sealed. */
  keychainSecret: string;
  /** Linux: the secret store safeStorage found (`basic_text` when there is no keyring, a fixed password). */
  storageBackend: string;
}

const defaults: FakeElectronConfig = {
  appData: join(tmpdir(), 'fake-electron-appdata'),
  locale: 'en-US',
  name: 'Thi đua TDCS',
  version: '0.1.0',
  isPackaged: false,
  encryptionAvailable: true,
  keychainSecret: 'fake-keychain',
  storageBackend: 'gnome_libsecret',
};

let config: FakeElectronConfig = { ...defaults };
let ready = false;
let quitRequested = false;
let windowIds = 0;
let contentsIds = 0;

/** Everything main.ts did through Electron, in order, for the test to read. */
export const log: string[] = [];
/** Documented rules main.ts broke (an API used before it may be, …). */
export const violations: string[] = [];

function note(entry: string): void {
  log.push(entry);
}

/** Electron's Event: `preventDefault()` and `defaultPrevented`, plus whatever the event carries. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** Electron's defaults for the paths main.ts may ask for, under the configured appData. */
function defaultPath(name: string): string | undefined {
  switch (name) {
    case 'appData':
      return config.appData;
    case 'userData':
    case 'sessionData':
      return join(config.appData, config.name);
    case 'home':
      return homedir();
    case 'temp':
      return tmpdir();
    case 'documents':
    case 'downloads':
    case 'desktop':
      return join(config.appData, '..', `fake-${name}`);
    case 'exe':
      return process.execPath;
    case 'logs':
      return join(config.appData, config.name, 'logs');
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------- app

interface SingleInstanceMessage {
  argv: string[];
  workingDirectory: string;
  additionalData: unknown;
}

class FakeApp extends EventEmitter {
  private readonly paths = new Map<string, string>();
  private lockFolder: string | null = null;
  private secondInstanceTimer: NodeJS.Timeout | null = null;
  private resolveReady: (() => void) | null = null;
  private readonly readyPromise = new Promise<void>((resolveReady) => {
    this.resolveReady = resolveReady;
  });
  /** Calls of `quit()`, for the test. */
  quitCalls = 0;
  /** The userData folder the lock was asked for, and whether it was obtained. */
  lockRequests: { userData: string; obtained: boolean }[] = [];

  get isPackaged(): boolean {
    return config.isPackaged;
  }

  getName(): string {
    return config.name;
  }

  getVersion(): string {
    return config.version;
  }

  getLocale(): string {
    if (!ready) violations.push('app.getLocale() called before ready');
    return config.locale;
  }

  getPath(name: string): string {
    const path = this.paths.get(name) ?? defaultPath(name);
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  setPath(name: string, path: string): void {
    if (defaultPath(name) === undefined) throw new Error(`Failed to set path '${name}'`);
    note(`app.setPath ${name} ${path}`);
    this.paths.set(name, path);
  }

  isReady(): boolean {
    return ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  quit(): void {
    this.quitCalls += 1;
    note('app.quit');
    if (quitRequested) return;
    quitRequested = true;
    this.emit('before-quit', new FakeEvent());
    for (const window of [...FakeBrowserWindow.windows]) window.close();
    this.emit('will-quit', new FakeEvent());
  }

  exit(code = 0): void {
    note(`app.exit ${code}`);
    quitRequested = true;
  }

  /**
   * Chromium's process singleton: a lock file in the userData folder (as `app.getPath('userData')` is at the
   * time of this call). A refused instance leaves its argv for the primary and returns false.
   */
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const folder = resolve(this.getPath('userData'));
    mkdirSync(folder, { recursive: true });
    const lockFile = join(folder, 'SingletonLock');
    const create = (): boolean => {
      try {
        writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    };
    let obtained = create();
    if (!obtained) {
      const holder = Number(readFileSync(lockFile, 'utf8'));
      obtained = holder === process.pid;
      // A lock left by a process that died is taken over, as Chromium does.
      if (!obtained && !processAlive(holder)) {
        rmSync(lockFile, { force: true });
        obtained = create();
      }
    }
    this.lockRequests.push({ userData: folder, obtained });
    note(`app.requestSingleInstanceLock ${folder} ${obtained ? 'obtained' : 'refused'}`);
    if (obtained) {
      this.lockFolder = folder;
      process.once('exit', () => this.releaseSingleInstanceLock());
      return true;
    }
    const inbox = join(folder, 'SingletonMessages');
    mkdirSync(inbox, { recursive: true });
    const message: SingleInstanceMessage = { argv: [...process.argv], workingDirectory: process.cwd(), additionalData: additionalData ?? null };
    const partial = join(inbox, `${Date.now()}-${process.pid}.partial`);
    writeFileSync(partial, JSON.stringify(message));
    renameSync(partial, partial.replace(/\.partial$/, '.json'));
    return false;
  }

  hasSingleInstanceLock(): boolean {
    return this.lockFolder !== null;
  }

  releaseSingleInstanceLock(): void {
    if (!this.lockFolder) return;
    const lockFile = join(this.lockFolder, 'SingletonLock');
    if (existsSync(lockFile) && Number(readFileSync(lockFile, 'utf8')) === process.pid) rmSync(lockFile, { force: true });
    this.lockFolder = null;
  }

  /** The test's "Electron has finished initialising". */
  becomeReady(): boolean {
    if (ready) return true;
    if (quitRequested) return false;
    ready = true;
    note('app.ready');
    this.emit('will-finish-launching');
    this.emit('ready', new FakeEvent(), {});
    this.resolveReady?.();
    // 'second-instance' is only ever emitted after 'ready'.
    if (this.lockFolder) {
      const inbox = join(this.lockFolder, 'SingletonMessages');
      this.secondInstanceTimer = setInterval(() => this.deliverSecondInstances(inbox), 25);
      this.secondInstanceTimer.unref();
    }
    return true;
  }

  private deliverSecondInstances(inbox: string): void {
    if (!existsSync(inbox)) return;
    for (const name of readdirSync(inbox).filter((entry) => entry.endsWith('.json')).sort()) {
      const file = join(inbox, name);
      const message = JSON.parse(readFileSync(file, 'utf8')) as SingleInstanceMessage;
      rmSync(file, { force: true });
      note(`app.second-instance ${message.argv.slice(2).join(' ')}`);
      this.emit('second-instance', new FakeEvent(), message.argv, message.workingDirectory, message.additionalData);
    }
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const app = new FakeApp();

// ------------------------------------------------------------------------------------- web contents

export interface SentMessage {
  channel: string;
  args: unknown[];
}

type WindowOpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'allow' | 'deny' };

class FakeWebContents extends EventEmitter {
  readonly id = ++contentsIds;
  url = '';
  private loading = false;
  private finishPending: (() => void) | null = null;
  readonly sent: SentMessage[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  private destroyed = false;

  loadURL(url: string): Promise<void> {
    note(`contents.loadURL ${url}`);
    this.url = url;
    this.loading = true;
    this.emit('did-start-loading');
    // Resolves on 'did-finish-load', which the test brings about with finishLoad().
    return new Promise<void>((resolveLoad) => {
      this.finishPending = resolveLoad;
    });
  }

  getURL(): string {
    return this.url;
  }

  isLoading(): boolean {
    return this.loading;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    note(`contents.send ${channel} ${args.map((arg) => String(arg)).join(' ')}`);
    this.sent.push({ channel, args: structuredClone(args) });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** The page finished loading: its main resource came from the registered protocol handler. */
  async finishLoad(): Promise<ProtocolAnswer> {
    if (!this.loading) throw new Error('nothing is loading');
    const answer = await protocol.fetch(this.url);
    if ('error' in answer) throw new Error(`the page failed to load: ${answer.error}`);
    this.loading = false;
    note('contents.did-finish-load');
    this.emit('dom-ready', new FakeEvent());
    this.emit('did-finish-load', new FakeEvent());
    this.finishPending?.();
    this.finishPending = null;
    return answer;
  }
}

// ----------------------------------------------------------------------------------------- windows

export class FakeBrowserWindow extends EventEmitter {
  static readonly windows: FakeBrowserWindow[] = [];

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.windows.filter((window) => !window.destroyed);
  }

  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows().find((window) => window.focused) ?? null;
  }

  readonly id = ++windowIds;
  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  visible = false;
  focused = false;
  minimized = false;
  focusCount = 0;
  restoreCount = 0;
  private destroyed = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    if (!ready) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = structuredClone(options);
    this.visible = options.show !== false;
    this.webContents = new FakeWebContents();
    FakeBrowserWindow.windows.push(this);
    note(`window.create ${this.id}`);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
    app.emit('browser-window-created', new FakeEvent(), this);
    // Electron emits 'ready-to-show' once the page has rendered for the first time.
    this.webContents.once('did-finish-load', () => this.emit('ready-to-show', new FakeEvent()));
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  show(): void {
    note(`window.show ${this.id}`);
    this.visible = true;
    this.minimized = false;
    this.focused = true;
  }

  hide(): void {
    this.visible = false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  focus(): void {
    note(`window.focus ${this.id}`);
    this.focusCount += 1;
    this.focused = true;
  }

  isFocused(): boolean {
    return this.focused;
  }

  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    note(`window.restore ${this.id}`);
    this.restoreCount += 1;
    this.minimized = false;
  }

  setTitle(title: string): void {
    this.options.title = title;
  }

  getTitle(): string {
    return String(this.options.title ?? '');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    if (this.destroyed) return;
    const closing = new FakeEvent();
    this.emit('close', closing);
    if (closing.defaultPrevented) return;
    this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    note(`window.closed ${this.id}`);
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0 && !quitRequested) app.emit('window-all-closed');
  }
}

export { FakeBrowserWindow as BrowserWindow };

// ----------------------------------------------------------------------------------------- dialogs

export type DialogKind = 'open' | 'save' | 'messageBox' | 'messageBoxSync';

export interface DialogCall {
  kind: DialogKind;
  /** The id of the window the dialog is modal to, or null for a free-standing dialog. */
  parent: number | null;
  options: Record<string, unknown>;
  answer: unknown;
  /** 'queue': the test's answer; 'escape': nothing was queued, the user dismissed it. */
  answeredBy: 'queue' | 'escape';
}

const dialogAnswers: { kind: DialogKind; answer: unknown }[] = [];
export const dialogCalls: DialogCall[] = [];
export const errorBoxes: { title: string; content: string }[] = [];

function dialogArgs(first: unknown, second: unknown): { parent: number | null; options: Record<string, unknown> } {
  if (first instanceof FakeBrowserWindow) return { parent: first.id, options: (second ?? {}) as Record<string, unknown> };
  return { parent: null, options: (first ?? {}) as Record<string, unknown> };
}

function answerDialog(kind: DialogKind, first: unknown, second: unknown, escape: (options: Record<string, unknown>) => unknown): unknown {
  const { parent, options } = dialogArgs(first, second);
  const next = dialogAnswers[0];
  if (next && next.kind !== kind) throw new Error(`fake dialog: a ${next.kind} answer is queued but main.ts showed a ${kind} dialog`);
  if (next) dialogAnswers.shift();
  const answer = next ? next.answer : escape(options);
  dialogCalls.push({ kind, parent, options: structuredClone(options), answer, answeredBy: next ? 'queue' : 'escape' });
  note(`dialog.${kind}`);
  return answer;
}

export const dialog = {
  showOpenDialog(first: unknown, second?: unknown): Promise<{ canceled: boolean; filePaths: string[] }> {
    return Promise.resolve(answerDialog('open', first, second, () => ({ canceled: true, filePaths: [] })) as { canceled: boolean; filePaths: string[] });
  },
  showSaveDialog(first: unknown, second?: unknown): Promise<{ canceled: boolean; filePath: string }> {
    return Promise.resolve(answerDialog('save', first, second, () => ({ canceled: true, filePath: '' })) as { canceled: boolean; filePath: string });
  },
  showMessageBox(first: unknown, second?: unknown): Promise<{ response: number; checkboxChecked: boolean }> {
    const response = answerDialog('messageBox', first, second, (options) => (typeof options.cancelId === 'number' ? options.cancelId : 0)) as number;
    return Promise.resolve({ response, checkboxChecked: false });
  },
  showMessageBoxSync(first: unknown, second?: unknown): number {
    return answerDialog('messageBoxSync', first, second, (options) => (typeof options.cancelId === 'number' ? options.cancelId : 0)) as number;
  },
  showErrorBox(title: string, content: string): void {
    note('dialog.errorBox');
    errorBoxes.push({ title, content });
  },
};

// --------------------------------------------------------------------------------------------- IPC

export interface FakeInvokeEvent {
  sender: FakeWebContents | null;
  senderFrame: { url: string; origin: string } | null;
  frameId: number;
  processId: number;
}

type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /**
   * `ipcRenderer.invoke(channel, ...args)` from a frame at `senderUrl` (null: the frame has gone), in the app's window —
   * or, with `fromOtherContents`, in another webContents (a popup or a webview that loaded a page at that URL).
   */
  async invoke(channel: string, senderUrl: string | null, args: unknown[], fromOtherContents = false): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const sender = fromOtherContents ? new FakeWebContents() : (FakeBrowserWindow.getAllWindows()[0]?.webContents ?? null);
    let origin = 'null';
    if (senderUrl !== null) {
      try {
        origin = new URL(senderUrl).origin;
      } catch {
        origin = 'null';
      }
    }
    const event: FakeInvokeEvent = { sender, senderFrame: senderUrl === null ? null : { url: senderUrl, origin }, frameId: 1, processId: 1 };
    return structuredClone(await handler(event, ...structuredClone(args)));
  }
}

export const ipcMain = new FakeIpcMain();

// -------------------------------------------------------------------------------------------- menu

export interface MenuItemConstructorOptions {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: (...args: unknown[]) => unknown;
  submenu?: MenuItemConstructorOptions[];
  [key: string]: unknown;
}

export class Menu {
  static applicationMenu: Menu | null = null;
  static setCount = 0;

  constructor(readonly items: MenuItemConstructorOptions[]) {}

  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    const check = (items: MenuItemConstructorOptions[]) => {
      for (const item of items) {
        if (item.label === undefined && item.role === undefined && item.type === undefined) throw new Error('Invalid template for MenuItem: must have at least one of label, role or type');
        if (item.submenu) check(item.submenu);
      }
    };
    check(template);
    return new Menu(template);
  }

  static setApplicationMenu(menu: Menu | null): void {
    if (!ready) violations.push('Menu.setApplicationMenu() called before ready');
    Menu.applicationMenu = menu;
    Menu.setCount += 1;
    note('menu.setApplicationMenu');
  }

  static getApplicationMenu(): Menu | null {
    return Menu.applicationMenu;
  }
}

// ---------------------------------------------------------------------------------------- protocol

export type ProtocolAnswer = { status: number; headers: Record<string, string>; body: Buffer } | { error: string };
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

const privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
const protocolHandlers = new Map<string, ProtocolHandler>();

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    privileged.push(...structuredClone(schemes));
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!ready) violations.push('protocol.handle() called before ready');
    if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocolHandlers.has(scheme);
  },
  /** A request from the page: what the registered handler answers, or the network error Chromium reports. */
  async fetch(url: string): Promise<ProtocolAnswer> {
    const scheme = url.slice(0, Math.max(0, url.indexOf(':')));
    const handler = protocolHandlers.get(scheme);
    if (!handler) return { error: 'net::ERR_UNKNOWN_URL_SCHEME' };
    try {
      const response = await handler(new Request(url));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
    } catch {
      // Electron logs the handler's exception and fails the request.
      return { error: 'net::ERR_FAILED' };
    }
  },
  get privilegedSchemes() {
    return privileged;
  },
};

// ------------------------------------------------------------------------------------- safeStorage

const SEALED_PREFIX = Buffer.from('v11');

function keychainKey(): Buffer {
  return createHash('sha256').update(`fake-electron-keychain:${config.keychainSecret}`).digest();
}

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    // On Linux and Windows: only once the app is ready (and, on Linux, the secret store answers).
    return ready && config.encryptionAvailable;
  },
  getSelectedStorageBackend(): string {
    return ready ? config.storageBackend : 'unknown';
  },
  encryptString(plainText: string): Buffer {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keychainKey(), iv);
    const sealed = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([SEALED_PREFIX, iv, cipher.getAuthTag(), sealed]);
  },
  decryptString(encrypted: Buffer): string {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    if (!Buffer.isBuffer(encrypted)) throw new TypeError('Expected the first argument of decryptString() to be a buffer');
    try {
      if (!encrypted.subarray(0, 3).equals(SEALED_PREFIX)) throw new Error('prefix');
      const decipher = createDecipheriv('aes-256-gcm', keychainKey(), encrypted.subarray(3, 15));
      decipher.setAuthTag(encrypted.subarray(15, 31));
      return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
};

// ---------------------------------------------------------------------------------- session, shell

type PermissionHandler = (contents: FakeWebContents | null, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;

const defaultSession = {
  permissionRequestHandler: null as PermissionHandler | null,
  setPermissionRequestHandler(handler: PermissionHandler | null): void {
    defaultSession.permissionRequestHandler = handler;
  },
  permissionCheckHandler: null as ((contents: FakeWebContents | null, permission: string, origin: string, details: Record<string, unknown>) => boolean) | null,
  setPermissionCheckHandler(handler: ((contents: FakeWebContents | null, permission: string, origin: string, details: Record<string, unknown>) => boolean) | null): void {
    defaultSession.permissionCheckHandler = handler;
  },
};

export const session = {
  get defaultSession() {
    if (!ready) throw new Error('Session can only be received when app is ready');
    return defaultSession;
  },
};

export const shell = {
  openedExternal: [] as string[],
  openedPaths: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.openedExternal.push(url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    shell.openedPaths.push(path);
    return Promise.resolve('');
  },
};

// ------------------------------------------------------------------------------- the test's handle

// Electron defines this for the main process; main.ts reads it (native module beside a packaged app).
const electronProcess = process as NodeJS.Process & { resourcesPath?: string };
if (electronProcess.resourcesPath === undefined) electronProcess.resourcesPath = join(dirname(process.execPath), 'resources');

export interface MenuItemSnapshot {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  hasClick: boolean;
  submenu?: MenuItemSnapshot[];
}

function menuSnapshot(items: MenuItemConstructorOptions[]): MenuItemSnapshot[] {
  return items.map((item) => ({
    label: item.label,
    role: item.role,
    type: item.type,
    accelerator: item.accelerator,
    hasClick: typeof item.click === 'function',
    submenu: item.submenu ? menuSnapshot(item.submenu) : undefined,
  }));
}

export interface WindowSnapshot {
  id: number;
  options: Record<string, unknown>;
  visible: boolean;
  focused: boolean;
  minimized: boolean;
  focusCount: number;
  restoreCount: number;
  destroyed: boolean;
  url: string;
  loading: boolean;
  sent: SentMessage[];
}

/** What a test can see of the fake: everything main.ts asked of Electron. */
export interface FakeElectronState {
  ready: boolean;
  quitCalls: number;
  lockRequests: { userData: string; obtained: boolean }[];
  userData: string;
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[];
  handledSchemes: string[];
  ipcChannels: string[];
  permissionHandlerSet: boolean;
  windows: WindowSnapshot[];
  menu: MenuItemSnapshot[] | null;
  menuSetCount: number;
  dialogs: DialogCall[];
  pendingDialogAnswers: number;
  errorBoxes: { title: string; content: string }[];
  openedPaths: string[];
  openedExternal: string[];
  log: string[];
  violations: string[];
}

function findMenuItem(path: readonly string[]): MenuItemConstructorOptions {
  let items = Menu.applicationMenu?.items ?? [];
  let found: MenuItemConstructorOptions | undefined;
  for (const label of path) {
    found = items.find((item) => item.label === label);
    if (!found) throw new Error(`no menu item "${label}" in ${items.map((item) => item.label ?? item.role ?? item.type).join(', ')}`);
    items = found.submenu ?? [];
  }
  if (!found) throw new Error('empty menu path');
  return found;
}

/** The test's side of the fake: configure it, drive Electron's events, read what main.ts did. */
export const fake = {
  configure(overrides: Partial<FakeElectronConfig>): void {
    config = { ...defaults, ...overrides };
  },
  get config(): FakeElectronConfig {
    return config;
  },
  becomeReady(): boolean {
    return app.becomeReady();
  },
  mainWindow(): FakeBrowserWindow {
    const window = FakeBrowserWindow.getAllWindows()[0];
    if (!window) throw new Error('main.ts has not created a window');
    return window;
  },
  queueDialogAnswer(kind: DialogKind, answer: unknown): void {
    dialogAnswers.push({ kind, answer });
  },
  clickMenu(path: readonly string[]): void {
    const item = findMenuItem(path);
    if (typeof item.click !== 'function') throw new Error(`menu item ${path.join(' › ')} has no click handler (role ${String(item.role)})`);
    item.click(item, FakeBrowserWindow.getFocusedWindow() ?? undefined, {});
  },
  /** A webContents created by the page (a popup or a webview), as Electron announces it. */
  createGuestContents(): FakeWebContents {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), contents);
    return contents;
  },
  /** What a permission check (navigator.permissions, a notification's state…) answers; null with no handler set. */
  checkPermission(permission: string): boolean | null {
    const handler = defaultSession.permissionCheckHandler;
    return handler ? handler(fake.mainWindow().webContents, permission, 'app://tdcs', {}) : null;
  },
  async requestPermission(permission: string): Promise<boolean | null> {
    const handler = defaultSession.permissionRequestHandler;
    if (!handler) return null;
    return new Promise<boolean>((resolveGrant) => handler(fake.mainWindow().webContents, permission, resolveGrant, { requestingUrl: fake.mainWindow().webContents.url }));
  },
  state(): FakeElectronState {
    return structuredClone({
      ready,
      quitCalls: app.quitCalls,
      lockRequests: app.lockRequests,
      userData: app.getPath('userData'),
      privilegedSchemes: privileged,
      handledSchemes: [...protocolHandlers.keys()],
      ipcChannels: [...ipcMain.handlers.keys()],
      permissionHandlerSet: defaultSession.permissionRequestHandler !== null,
      windows: FakeBrowserWindow.windows.map((window) => ({
        id: window.id,
        options: window.options,
        visible: window.visible,
        focused: window.focused,
        minimized: window.minimized,
        focusCount: window.focusCount,
        restoreCount: window.restoreCount,
        destroyed: window.isDestroyed(),
        url: window.webContents.url,
        loading: window.webContents.isLoading(),
        sent: window.webContents.sent,
      })),
      menu: Menu.applicationMenu ? menuSnapshot(Menu.applicationMenu.items) : null,
      menuSetCount: Menu.setCount,
      dialogs: dialogCalls,
      pendingDialogAnswers: dialogAnswers.length,
      errorBoxes,
      openedPaths: shell.openedPaths,
      openedExternal: shell.openedExternal,
      log,
      violations,
    });
  },
};
