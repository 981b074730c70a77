import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Environment variable that points every transport at a data directory. */
export const DATA_DIR_ENV = 'TDCS_DATA_DIR';

/** Folder name under the system's application-data directory (the Electron shell uses the same). */
export const DATA_FOLDER = 'ThiDuaTDCS';

/** Where Electron's appData is on each system, computed without loading Electron. */
export function systemAppData(): string {
  if (process.platform === 'win32') return process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/** The data directory: the `--data-dir` flag, else the environment variable, else the system default. */
export function resolveDataDir(flag: string | undefined): string {
  const chosen = flag ?? process.env[DATA_DIR_ENV];
  return resolve(chosen && chosen.length > 0 ? chosen : join(systemAppData(), DATA_FOLDER));
}

/** Reads `--name value` or `--name=value` from an argument list. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}
