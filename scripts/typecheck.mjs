// Typechecks each layer against its own environment: shared (no Node, no DOM), electron (Node + Electron), renderer (DOM), tests.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let ok = true;
for (const project of ['shared', 'electron', 'renderer', 'test']) {
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, project, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) {
    ok = false;
    console.log(`typecheck failed in ${project}/`);
  }
}
process.exit(ok ? 0 : 1);
