// `npm start`: the Electron app where its binary can be had; otherwise one line saying why, then browser mode.
// `npm run start:browser -- [--data-dir D] [--port N] [--no-open]` goes straight to browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((arg) => arg !== '--browser');

function build() {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron executable if it is on this machine, found without loading the electron package. */
function electronBinary() {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/** Electron ≥ 42 fetches its binary on first use: try once, and report the reason it failed. */
function downloadElectron() {
  if (process.env.TDCS_NO_ELECTRON_DOWNLOAD === '1') return { binary: null, reason: 'TDCS_NO_ELECTRON_DOWNLOAD=1' };
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return { binary: null, reason: 'the electron package is not installed (run npm install)' };
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 10 * 60_000 });
  const binary = electronBinary();
  if (binary) return { binary, reason: null };
  const message = `${result.stderr ?? ''}${result.error?.message ?? ''}`.split('\n').find((line) => /error|ENOTFOUND|EAI_AGAIN|ECONN|fetch failed/i.test(line));
  return { binary: null, reason: `the Electron binary could not be downloaded: ${(message ?? 'no answer').trim().slice(0, 160)}` };
}

function startBrowserMode() {
  const child = spawn(process.execPath, [join(root, 'dist', 'electron', 'browser.js'), ...passThrough], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

build();
if (forceBrowser) {
  startBrowserMode();
} else {
  let binary = electronBinary();
  let reason = null;
  if (!binary) ({ binary, reason } = downloadElectron());
  let nativeBinding = null;
  if (binary) {
    try {
      nativeBinding = ensureElectronNative({ log: (line) => console.log(line) });
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
  }
  if (binary && nativeBinding) {
    const child = spawn(binary, [root, ...passThrough], { stdio: 'inherit', env: { ...process.env, TDCS_NATIVE_BINDING: nativeBinding } });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    console.log(`Electron cannot start on this machine (${reason}); starting browser mode instead.`);
    startBrowserMode();
  }
}
