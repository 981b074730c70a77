/**
 * electron/main.ts, bundled with esbuild with 'electron' replaced by test/support/fake-electron.ts, run in a
 * child process (its top-level side effects, lock and process.argv stay there) and driven over fork()'s IPC.
 *
 * The bundle is laid out as the real build is (dist/electron/main.js beside dist/renderer/), in a temp folder:
 *   <root>/app/electron/main.js      the bundle: the driver first, then main.ts
 *   <root>/app/renderer/             a copy of dist/renderer
 *   <root>/app/secret.txt            files outside the renderer folder that the app:// handler must never serve
 *   <root>/app/renderer-evil/secret.txt
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { IPC_CHANNELS } from '../../shared/contract/bridge';
import type { CallResponse } from '../../shared/contract/envelope';
import { FAKE_ELECTRON_ENV, type DialogKind, type FakeElectronConfig, type FakeElectronState, type FetchResult, type ShellReply, type ShellRequest } from './electron-shell-protocol';

export const ROOT = resolve(__dirname, '..', '..');
/** The URL of a frame of our own page. */
export const APP_FRAME = 'app://tdcs/index.html#/';
export const SECRET = 'TOP SECRET: outside the renderer folder';

export interface ShellLayout {
  root: string;
  appDir: string;
  electronDir: string;
  mainJs: string;
  rendererDir: string;
  /** The fake's appData (Electron's default userData lives under it). */
  appData: string;
  remove(): void;
}

/** Bundles main.ts against the fake Electron into a fresh temp layout (builds the renderer first if it is missing). */
export async function buildShell(): Promise<ShellLayout> {
  const builtRenderer = join(ROOT, 'dist', 'renderer');
  if (!existsSync(join(builtRenderer, 'index.html'))) execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'pipe', timeout: 240_000 });
  const root = mkdtempSync(join(tmpdir(), 'tdcs-electron-shell-'));
  const appDir = join(root, 'app');
  const electronDir = join(appDir, 'electron');
  const rendererDir = join(appDir, 'renderer');
  mkdirSync(electronDir, { recursive: true });
  cpSync(builtRenderer, rendererDir, { recursive: true });
  writeFileSync(join(appDir, 'secret.txt'), SECRET);
  mkdirSync(join(appDir, 'renderer-evil'));
  writeFileSync(join(appDir, 'renderer-evil', 'secret.txt'), SECRET);
  const mainJs = join(electronDir, 'main.js');
  await build({
    // The driver's top level runs first and configures the fake; then main.ts runs as Electron would run it.
    stdin: { contents: "require('./test/support/electron-shell-driver.ts');\nrequire('./electron/main.ts');\n", resolveDir: ROOT, sourcefile: 'electron-shell-entry.js', loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: mainJs,
    alias: { electron: './test/support/fake-electron.ts' },
    external: ['better-sqlite3'],
    absWorkingDir: ROOT,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const appData = join(root, 'appdata');
  mkdirSync(appData);
  return { root, appDir, electronDir, mainJs, rendererDir, appData, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface StartOptions {
  dataDir: string;
  /** Extra command-line arguments (a .tdcs file, …). */
  args?: string[];
  /** The working directory of the launch (default: the layout's root). */
  cwd?: string;
  fake?: Partial<FakeElectronConfig>;
  /** Extra environment and Node options (the unloadable-driver mode of test/support/electron-abi.ts). */
  env?: NodeJS.ProcessEnv;
  execArgv?: string[];
}

/** One run of the main process. */
export class ShellProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output = '';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(layout: ShellLayout, options: StartOptions) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // better-sqlite3 stays external, as in the real build: found from the repository's node_modules.
      NODE_PATH: join(ROOT, 'node_modules'),
      [FAKE_ELECTRON_ENV]: JSON.stringify({ appData: layout.appData, ...options.fake }),
    };
    delete env.TDCS_DATA_DIR;
    delete env.TDCS_NATIVE_BINDING;
    Object.assign(env, options.env ?? {});
    this.child = fork(layout.mainJs, ['--data-dir', options.dataDir, ...(options.args ?? [])], {
      cwd: options.cwd ?? layout.root,
      env,
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.on('message', (reply: ShellReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new Error(reply.error));
    });
    this.exited = new Promise((resolveExit) =>
      this.child.once('exit', (code) => {
        for (const waiting of this.pending.values()) waiting.reject(new Error(`the main process exited (${code}):\n${this.output}`));
        this.pending.clear();
        resolveExit(code);
      }),
    );
  }

  request<T>(request: ShellRequest, timeoutMs = 15_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolveReply, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${request.op} within ${timeoutMs} ms:\n${this.output}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolveReply(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ ...request, id });
    });
  }

  state(): Promise<FakeElectronState> {
    return this.request({ op: 'state' });
  }

  /** Electron finished initialising: main.ts's whenReady() runs. */
  async ready(): Promise<FakeElectronState> {
    await this.request({ op: 'ready' });
    return this.state();
  }

  /** The window's page finished loading (its main resource fetched through app://). */
  finishLoad(): Promise<FetchResult> {
    return this.request({ op: 'finishLoad' });
  }

  fetch(url: string): Promise<FetchResult> {
    return this.request({ op: 'fetch', url });
  }

  invoke<T>(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<T> {
    return this.request({ op: 'invoke', channel, senderUrl, args });
  }

  /** `window.tdcs.call(…)` from a frame at `senderUrl`. */
  call(name: string, input: unknown, session: string | null = null, senderUrl: string | null = APP_FRAME): Promise<CallResponse> {
    return this.invoke(IPC_CHANNELS.call, senderUrl, { call: name, input, session });
  }

  queueDialog(kind: DialogKind, answer: unknown): Promise<null> {
    return this.request({ op: 'queueDialog', kind, answer });
  }

  /** Polls the fake's state until `predicate` holds. */
  async waitFor(what: string, predicate: (state: FakeElectronState) => boolean, timeoutMs = 10_000): Promise<FakeElectronState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.state();
      if (predicate(state)) return state;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log:\n${state.log.join('\n')}\n${this.output}`);
      await new Promise((done) => setTimeout(done, 25));
    }
  }

  /** Ends the process: asked to exit (the lock is released as on a normal exit), killed if it does not. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await this.request({ op: 'exit' }, 2_000).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export function startShell(layout: ShellLayout, options: StartOptions): ShellProcess {
  return new ShellProcess(layout, options);
}
