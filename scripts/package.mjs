// `npm run package -- [--win|--linux|--mac] [--x64|--arm64]`: installers with electron-builder.
// Needs internet (Electron, its tools and the prebuilt engine are downloaded): run it on a build machine.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const platform = args.includes('--win') ? 'win32' : args.includes('--mac') ? 'darwin' : args.includes('--linux') ? 'linux' : process.platform;
const arch = args.includes('--arm64') ? 'arm64' : args.includes('--x64') ? 'x64' : process.arch;

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
// The installer carries better-sqlite3 built for Electron's ABI in resources/native (see electron/main.ts).
const native = ensureElectronNative({ platform, arch, log: (line) => console.log(line) });
const staged = join(root, '.native', 'current');
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged, { recursive: true });
cpSync(native, join(staged, 'better_sqlite3.node'));
run(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), ...args]);
