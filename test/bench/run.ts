// `npm run bench`: what a person waits for, end to end, each against a baseline doing the same work the simplest way in
// the same run (median of several runs, with min and max): scoring; ranking.get from real SQLite files at 1k, 10k and
// 50k collectives; the command line's rank; opening the Ranking page and a keystroke in the dossier form in Chromium
// with the host's memory; export and import of 500 MB. Prints one table with pass/fail against the goals of issue 14.
// `--only=scoring,ranking,cli,browser,exchange` runs some sections; `--sizes=1000,10000` other dataset sizes;
// `--update-docs` writes the table into docs/performance.md. Figures, not tests: nothing here fails on time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { browserBench, browserRows } from './browser';
import { benchRoot, generatedDataset, type Dataset } from './datasets';
import { runExchangeBench } from './exchange';
import { fixed, markdownTable, textTable, type Row } from './figures';
import { cliBench, cliRows, rankingCallBench, rankingRow } from './ranking';
import { scoringBench } from './scoring';

// This file runs as dist/bench/run.js.
const ROOT = resolve(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const SECTIONS = ['scoring', 'ranking', 'cli', 'browser', 'exchange'] as const;
type Section = (typeof SECTIONS)[number];

function option(name: string): string | null {
  return process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${fixed(totalmem() / 1024 ** 3, 1)} GB RAM (${fixed(freemem() / 1024 ** 3, 1)} GB free), ${process.platform} ${process.arch}, Node ${process.version} (V8 ${process.versions.v8})`;
}

function load(): string {
  return loadavg()
    .map((value) => fixed(value, 2))
    .join(' / ');
}

const DOCS_START = '<!-- bench:start -->';
const DOCS_END = '<!-- bench:end -->';

function updateDocs(markdown: string): void {
  const file = join(ROOT, 'docs', 'performance.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `${DOCS_START}\n${DOCS_END}\n`;
  const start = text.indexOf(DOCS_START);
  const end = text.indexOf(DOCS_END);
  if (start < 0 || end < start) throw new Error(`docs/performance.md has no ${DOCS_START} … ${DOCS_END} block`);
  writeFileSync(file, `${text.slice(0, start + DOCS_START.length)}\n${markdown}\n${text.slice(end)}`);
  log(`Table written into ${file}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = option('only');
  const sections = new Set<Section>(only ? (only.split(',') as Section[]) : SECTIONS);
  const sizes = (option('sizes') ?? '1000,10000,50000').split(',').map(Number);
  const loadBefore = load();
  log(`Machine: ${machine()}; load average ${loadBefore}`);
  const rows: Row[] = [];
  const notes: string[] = [];
  const results: Record<string, unknown> = {};
  const { root, remove } = benchRoot();
  try {
    if (sections.has('scoring')) {
      log('scoring 10,000 dossiers: score-only, with explanation, and by hand…');
      const scoring = scoringBench();
      rows.push(...scoring.rows);
      notes.push(`Scoring: ${scoring.checked}.`);
      results.scoring = scoring.figures;
    }

    const datasets: Dataset[] = [];
    if (sections.has('ranking') || sections.has('cli') || sections.has('browser')) {
      for (const size of sizes) {
        log(`generating ${size.toLocaleString('en')} collectives (and ${Math.round(size / 5).toLocaleString('en')} individuals) with the generator…`);
        const dataset = await generatedDataset(size, root);
        datasets.push(dataset);
        notes.push(`Dataset ${size.toLocaleString('en')}: ${dataset.summary.dossiers.toLocaleString('en')} dossiers, ${dataset.summary.units.toLocaleString('en')} units, ${dataset.summary.people.toLocaleString('en')} people, generated in ${fixed(dataset.seconds, 1)} s (not timed work).`);
      }
    }
    const tenThousand = datasets.find((dataset) => dataset.collectives === 10_000) ?? datasets[0];

    if (sections.has('ranking')) {
      const figures = [];
      for (const dataset of datasets) {
        log(`ranking.get on ${dataset.collectives.toLocaleString('en')} collectives…`);
        const measured = await rankingCallBench(dataset);
        figures.push(measured);
        rows.push(rankingRow(measured));
      }
      results.ranking = figures;
    }

    if (sections.has('cli') && tenThousand) {
      log(`tdcs rank on ${tenThousand.collectives.toLocaleString('en')} collectives…`);
      const cli = await cliBench(tenThousand, root, DIST);
      rows.push(...cliRows(cli, tenThousand.collectives));
      results.cli = cli;
    }

    if (sections.has('browser')) {
      log('Chromium: opening the Ranking page, keystrokes in the dossier form, the host’s memory…');
      const pageSets = datasets.filter((dataset) => dataset.collectives >= 10_000);
      try {
        const browser = await browserBench(pageSets.length > 0 ? pageSets : datasets, DIST, ROOT);
        if ('skipped' in browser) notes.push(`Chromium: skipped — ${browser.skipped}.`);
        else {
          rows.push(...browserRows(browser));
          notes.push(`Chromium ${browser.chromium}, headless, 1366×860, no GPU; frames at the display's 60 Hz, so a frame waits up to 16.7 ms for its turn.`);
        }
        results.browser = browser;
      } catch (error) {
        notes.push(`Chromium: failed — ${message(error)}`);
        results.browser = { failed: message(error) };
        process.exitCode = 1;
      }
    }

    if (sections.has('exchange')) {
      log('the USB exchange: export and import of 2,000 dossiers with 500 MB of evidence…');
      try {
        const exchange = await runExchangeBench(log);
        rows.push(...exchange.rows);
        notes.push(`Exchange: ${exchange.environment}.`);
        if (exchange.checks.length > 0) process.exitCode = 1;
        results.exchange = exchange;
      } catch (error) {
        notes.push(`Exchange: failed — ${message(error)}`);
        results.exchange = { failed: message(error) };
        process.exitCode = 1;
      }
    }
  } finally {
    remove();
  }

  const loadAfter = load();
  const date = new Date().toISOString();
  const machineLine = `${machine()}. Load average before / after: ${loadBefore} → ${loadAfter} (other work on the machine shows here; ratios compare with baselines measured in the same run).`;
  log('');
  log(textTable(rows));
  log('');
  for (const note of notes) log(note);
  log(machineLine);
  const markdown = [`Run ${date.slice(0, 16).replace('T', ' ')} UTC in ${fixed((Date.now() - started) / 1000, 0)} s on ${machineLine}`, '', markdownTable(rows), '', ...notes.map((note) => `- ${note}`)].join('\n');
  mkdirSync(DIST, { recursive: true });
  writeFileSync(join(DIST, 'bench-results.json'), `${JSON.stringify({ date, machine: machineLine, rows, notes, results }, null, 2)}\n`);
  writeFileSync(join(DIST, 'bench-table.md'), `${markdown}\n`);
  log(`\nFigures written to dist/bench-results.json and dist/bench-table.md (${fixed((Date.now() - started) / 1000, 1)} s)`);
  if (process.argv.includes('--update-docs')) updateDocs(markdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
