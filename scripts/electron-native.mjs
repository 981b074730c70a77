// better-sqlite3 compiled for Electron's ABI, kept apart from the Node build that the tests and CLI use.
// Tries the published prebuilt binary first (prebuild-install), then compiles against Electron's headers.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** Where the Electron build of better-sqlite3 lives for this Electron, system and architecture. */
export function electronNativePath(version = electronVersion(), platform = process.platform, arch = process.arch) {
  return join(root, '.native', `electron-${version}-${platform}-${arch}`, 'better_sqlite3.node');
}

function run(command, args, cwd) {
  const env = { ...process.env };
  // npm passes its own nodedir (Node's headers); Electron's build needs Electron's.
  for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 15 * 60_000 });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/** Returns the path of better_sqlite3.node for Electron, building it once if needed; throws with the reason. */
export function ensureElectronNative({ version = electronVersion(), platform = process.platform, arch = process.arch, log = () => {} } = {}) {
  const target = electronNativePath(version, platform, arch);
  if (existsSync(target)) return target;
  const work = mkdtempSync(join(tmpdir(), 'tdcs-native-'));
  try {
    const source = join(root, 'node_modules', 'better-sqlite3');
    const copy = join(work, 'better-sqlite3');
    cpSync(source, copy, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
    log(`Preparing the database engine for Electron ${version} (${platform}-${arch})…`);
    const prebuilt = run(process.execPath, [join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime', 'electron', '--target', version, '--platform', platform, '--arch', arch], copy);
    if (!prebuilt.ok) {
      log('No prebuilt engine could be downloaded; compiling it against Electron’s headers (a few minutes)…');
      const compiled = run(
        process.execPath,
        [join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), 'rebuild', '--release', '--runtime=electron', `--target=${version}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
        copy,
      );
      if (!compiled.ok) throw new Error(`better-sqlite3 could not be built for Electron: ${compiled.output.split('\n').slice(-3).join(' ')}`);
    }
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw new Error('better-sqlite3 for Electron was not produced');
    mkdirSync(dirname(target), { recursive: true });
    cpSync(built, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
