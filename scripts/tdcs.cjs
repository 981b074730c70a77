#!/usr/bin/env node
// `npx tdcs …` / `npm run cli -- …`: builds the command line on first use, then runs it.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--only-node', '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) {
  process.stderr.write('tdcs: the command line could not be built\n');
  process.exit(1);
}
require(join(root, 'dist', 'electron', 'cli.js'));
