import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
export const ELECTRON_ABI_HOOK = join(ROOT, 'test', 'support', 'electron-abi.cjs');

/**
 * What a child process needs to run as Electron's main process does, for the database driver: the default (Node)
 * build of better-sqlite3 made unloadable by a `--require` hook, and a separate copy of the driver standing in for the
 * Electron build, named by TDCS_NATIVE_BINDING as `npm start` and the packaged app name theirs.
 */
export function electronAbiProcess(): { env: NodeJS.ProcessEnv; execArgv: string[]; binding: string } {
  const folder = join(tmpdir(), 'tdcs-electron-abi');
  const binding = join(folder, 'better_sqlite3.node');
  if (!existsSync(binding)) {
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
  }
  return { env: { TDCS_NATIVE_BINDING: binding }, execArgv: ['--require', ELECTRON_ABI_HOOK], binding };
}
