// Builds the main process, preload, CLI and browser host to plain JS (esbuild) and the renderer (Vite).
// `--only-node` skips the renderer; `--if-stale` skips everything that is newer than its sources.
import { build as esbuild } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function stale(stamp, dirs) {
  const file = join(root, 'dist', stamp);
  if (!existsSync(file)) return true;
  const built = statSync(file).mtimeMs;
  return dirs.some((dir) => newest(join(root, dir)) > built) || statSync(join(root, 'package.json')).mtimeMs > built;
}

function touch(stamp) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', stamp), new Date().toISOString());
}

export async function buildNode() {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3'],
    absWorkingDir: root,
  };
  await Promise.all([
    esbuild({ ...common, entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts', cli: 'electron/cli-main.ts', browser: 'electron/browser.ts' }, outdir: 'dist/electron' }),
    esbuild({ ...common, entryPoints: { run: 'test/bench/run.ts' }, outdir: 'dist/bench' }),
  ]);
  // The documents' serif (embedded in every PDF) travels beside the bundles that load it.
  cpSync(join(root, 'electron/services/documents/fonts'), join(root, 'dist/electron/fonts'), { recursive: true });
  touch('.node-stamp');
}

export async function buildRenderer() {
  const { build } = await import('vite');
  await build({ root: join(root, 'renderer'), configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });
  touch('.renderer-stamp');
}

async function main() {
  const ifStale = args.has('--if-stale');
  if (!ifStale || stale('.node-stamp', ['electron', 'shared', 'test/bench'])) await buildNode();
  if (!args.has('--only-node') && (!ifStale || stale('.renderer-stamp', ['renderer', 'shared']))) await buildRenderer();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
