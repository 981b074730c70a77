// `npm run screenshots`: refreshes the README's screenshots (docs/screenshots/*.png) from the current screens. Builds,
// runs the end-to-end flows that show them (browser mode, Debian's Chromium, the demo data where the README shows it),
// then copies each flow's picture under the README's name. Stops with the list of pictures that were not taken.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'test-artifacts');
const target = join(root, 'docs', 'screenshots');

/** Each flow, and which of its pictures (test-artifacts/NAME.png) the README shows under which name. */
const FLOWS = [
  { test: 'test/e2e/first-dossier.test.ts', shots: { 'wizard-vi': 'first-dossier-01-wizard-mode-vi', 'dossier-form-vi': 'first-dossier-08-form-preview-vi', 'dossier-form-en': 'first-dossier-15-form-preview-en' } },
  {
    test: 'test/e2e/overview.test.ts',
    shots: {
      'overview-branch-vi': 'overview-01-branch-vi',
      'overview-branch-en': 'overview-02-branch-en',
      'ranking-vi': 'overview-03-ranking-details-vi',
      'ranking-en': 'overview-04-ranking-details-en',
      'overview-office-vi': 'overview-05-office-vi',
      'number-question-vi': 'overview-06-number-question-vi',
    },
  },
  { test: 'test/e2e/office-files.test.ts', shots: { 'office-list-import-vi': 'office-files-01-people-preview-vi', 'office-list-import-en': 'office-files-02-people-preview-en', 'word-report-vi': 'office-files-05-word-preview-vi' } },
  {
    test: 'test/e2e/trust.test.ts',
    shots: { 'accounts-vi': 'trust-01-accounts-vi', 'accounts-en': 'trust-01-accounts-en', 'audit-vi': 'trust-03-audit-admin-vi', 'audit-en': 'trust-03-audit-admin-en', 'backups-restore-vi': 'trust-05-backups-restore-vi' },
  },
  { test: 'test/e2e/exchange.test.ts', shots: { 'exchange-dry-run-vi': 'exchange-14-branch-submission-dry-run-vi', 'exchange-dry-run-en': 'exchange-14-branch-submission-dry-run-en', 'adjustment-vi': 'exchange-19b-branch-received-adjusted-vi' } },
  { test: 'test/e2e/exchange-hostile-names.test.ts', shots: { 'exchange-hostile-names-vi': 'exchange-hostile-names-01-dry-run-vi' } },
  { test: 'test/e2e/exchange-progress.test.ts', shots: { 'exchange-progress-vi': 'exchange-progress-01-writing-vi' } },
  { test: 'test/e2e/documents.test.ts', shots: { 'documents-vi': 'documents-01-page-vi', 'documents-en': 'documents-02-page-en' } },
  // Page 1 of two of the council's PDFs, rendered by poppler in the documents' integration test.
  { test: 'test/integration/documents.test.ts', project: 'integration', shots: { 'documents-submission-page1': 'documents-submission-page1', 'documents-scores-page1': 'documents-scores-page1' } },
  {
    test: 'test/e2e/council-year.test.ts',
    shots: Object.fromEntries(['meeting', 'ballots', 'tie-decided', 'round-locked'].flatMap((name) => ['vi', 'en'].map((language) => [`council-${name}-${language}`, `council-${name}-${language}`]))),
  },
];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

if (!run(process.execPath, [join(root, 'scripts', 'build.mjs')])) process.exit(1);
// Yesterday's pictures are never taken for today's.
for (const flow of FLOWS) for (const name of Object.values(flow.shots)) rmSync(join(artifacts, `${name}.png`), { force: true });
let passed = true;
for (const project of ['e2e', 'integration']) {
  const tests = FLOWS.filter((flow) => (flow.project ?? 'e2e') === project).map((flow) => flow.test);
  passed = run(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--project', project, ...tests]) && passed;
}
mkdirSync(target, { recursive: true });
const missing = [];
for (const flow of FLOWS) {
  for (const [readme, name] of Object.entries(flow.shots)) {
    const from = join(artifacts, `${name}.png`);
    if (!existsSync(from)) {
      missing.push(`${readme}.png (${name}, ${flow.test})`);
      continue;
    }
    copyFileSync(from, join(target, `${readme}.png`));
  }
}
const copied = FLOWS.reduce((count, flow) => count + Object.keys(flow.shots).length, 0) - missing.length;
console.log(`\n${copied} screenshots refreshed in docs/screenshots/${missing.length > 0 ? `; not taken:\n  ${missing.join('\n  ')}` : '.'}`);
process.exit(missing.length === 0 && passed ? 0 : 1);
