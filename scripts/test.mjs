// `npm test`: typecheck, lint, build, then every vitest project (unit, integration, end-to-end).
// Ends with one line `N passed, N failed`; the checks before vitest count as one test each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;

function step(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`✖ ${label} failed`);
  }
  return result.status === 0;
}

step('typecheck', process.execPath, [join(root, 'scripts', 'typecheck.mjs')]);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
const built = step('build', process.execPath, [join(root, 'scripts', 'build.mjs')]);

const report = join(root, 'dist', 'vitest-report.json');
mkdirSync(dirname(report), { recursive: true });
writeFileSync(report, '{}');
const projects = built ? [] : ['--project', 'unit', '--project', 'integration'];
console.log('\n▶ vitest');
const vitest = spawnSync(bin('vitest'), ['run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: root, stdio: 'inherit' });
const results = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : {};
passed += results.numPassedTests ?? 0;
failed += results.numFailedTests ?? 0;
if (vitest.status !== 0 && !results.numFailedTests) failed += 1;

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(root, 'dist', 'test-summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed === 0 ? 0 : 1);
