// `npm run bench`: scoring and ranking 10,000 generated dossiers in Node (the official ranking) and in
// Chromium (the renderer's live preview), each against a baseline measured in the same run; then the USB exchange
// (./exchange.ts: export and import of 2,000 dossiers with 500 MB of evidence against a hash-and-copy baseline).
// `--only=scoring` or `--only=exchange` runs one section.
// Figures, not tests: nothing here fails on time. Prints a table and writes dist/bench-results.json.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Esbuild from 'esbuild';
import type * as Playwright from 'playwright-core';
import { rankDossiers } from '../../shared/scoring/rank';
import { collectiveScheme2025 } from '../../shared/scoring/schemes/collective-2025';
import { scoreDossier } from '../../shared/scoring/score';
import type { ScoreInput, Scheme } from '../../shared/scoring/types';
import { buildBrowserBundle, type ScoringGlobals } from '../e2e/fixtures/scoring-bundle';
import { generateDossiers } from '../support/generated-dossiers';
import { runExchangeBench, type ExchangeBenchResults } from './exchange';
import { measureEngine, type EngineFigures, type MeasureOptions } from './harness';

// This file runs as dist/bench/run.js.
const ROOT = resolve(__dirname, '..', '..');
/** esbuild and playwright-core are loaded at run time, from node_modules, never bundled into run.js. */
const load = createRequire(join(ROOT, 'package.json'));

const DOSSIERS = 10_000;
const SEED = 20_251_000;
const SCHEME: Scheme = collectiveScheme2025;
const OPTIONS: MeasureOptions = { batchSize: 100, warmupPasses: 2, passes: 10, rankRuns: 9 };
const TARGETS = { scoreMedianUs: 20, rankMedianMs: 50 };
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
/** Served by the benchmark itself (page.route): nothing leaves the machine. */
const PAGE_ORIGIN = 'https://tdcs-bench.invalid';

interface Verdicts {
  score: 'PASS' | 'MISS';
  rank: 'PASS' | 'MISS';
}

interface EngineReport {
  engine: string;
  version: string;
  figures: EngineFigures;
  ratios: { scoreToBaseline: number; rankToBaselinePass: number };
  verdicts: Verdicts;
  notes: string[];
}

type ChromiumOutcome = { ok: true; report: EngineReport } | { ok: false; skipped: string };

function report(engine: string, version: string, figures: EngineFigures, notes: string[] = []): EngineReport {
  return {
    engine,
    version,
    figures,
    ratios: {
      scoreToBaseline: figures.scorePassMedianMs / figures.baselinePassMedianMs,
      rankToBaselinePass: figures.rankMedianMs / figures.baselinePassMedianMs,
    },
    verdicts: {
      score: figures.scoreMedianUs <= TARGETS.scoreMedianUs ? 'PASS' : 'MISS',
      rank: figures.rankMedianMs <= TARGETS.rankMedianMs ? 'PASS' : 'MISS',
    },
    notes,
  };
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

async function measureChromium(json: string): Promise<ChromiumOutcome> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { ok: false, skipped: `no Chromium at ${executablePath} (install Debian's chromium or set CHROMIUM_PATH)` };
  let playwright: typeof Playwright;
  let esbuild: typeof Esbuild;
  try {
    playwright = load('playwright-core') as typeof Playwright;
    esbuild = load('esbuild') as typeof Esbuild;
  } catch (error) {
    return { ok: false, skipped: `playwright-core or esbuild could not be loaded: ${message(error)}` };
  }

  // The same IIFE bundle of shared/scoring the cross-engine test loads, and the same harness as in Node.
  const [scoring, harness] = await Promise.all([buildBrowserBundle(esbuild, ROOT), buildBrowserBundle(esbuild, ROOT, 'test/bench/harness.ts', 'tdcsBench')]);

  let browser: Playwright.Browser;
  try {
    browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  } catch (error) {
    return { ok: false, skipped: `Chromium at ${executablePath} did not start: ${message(error)}` };
  }
  try {
    const page = await browser.newPage();
    // A blank page sent with COOP and COEP is cross-origin isolated: performance.now() then steps by
    // 5 µs instead of 100 µs, fine enough for batches of 100 dossiers.
    await page.route(`${PAGE_ORIGIN}/**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
        body: '<!doctype html><meta charset="utf-8"><title>tdcs bench</title>',
      }),
    );
    await page.goto(`${PAGE_ORIGIN}/`);
    await page.addScriptTag({ content: scoring });
    await page.addScriptTag({ content: harness });
    const isolated = await page.evaluate(() => globalThis.crossOriginIsolated === true);
    const figures = await page.evaluate(
      ({ scheme, text, options }) => {
        const g = globalThis as unknown as ScoringGlobals & { tdcsBench: { measureEngine: typeof measureEngine } };
        return g.tdcsBench.measureEngine({ scoreDossier: g.scoreDossier, rankDossiers: g.rankDossiers }, scheme, JSON.parse(text) as ScoreInput[], options);
      },
      { scheme: SCHEME, text: json, options: OPTIONS },
    );
    const notes = isolated ? [] : ['page not cross-origin isolated: the clock is coarse'];
    return { ok: true, report: report('Chromium', `${browser.version()}`, figures, notes) };
  } catch (error) {
    return { ok: false, skipped: `the measurement in Chromium failed: ${message(error)}` };
  } finally {
    await browser.close();
  }
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('   ').trimEnd()).join('\n');
}

function printReport(node: EngineReport, chromium: ChromiumOutcome, sameWork: string): void {
  const engines = chromium.ok ? [node, chromium.report] : [node];
  const each = (cell: (r: EngineReport) => string) => engines.map(cell);
  const f = node.figures;
  const verdict = (pick: (v: Verdicts) => string) => engines.map((r) => `${r.engine} ${pick(r.verdicts)}`).join(', ');
  const rows: string[][] = [
    ['', ...each((r) => r.engine), 'target', 'result'],
    [`score one dossier, median of ${f.scoreBatches} batches of ${f.batchSize} (µs)`, ...each((r) => fixed(r.figures.scoreMedianUs, 2)), `≤ ${TARGETS.scoreMedianUs} µs`, verdict((v) => v.score)],
    ['  10th – 90th percentile (µs)', ...each((r) => `${fixed(r.figures.scoreP10Us, 2)} – ${fixed(r.figures.scoreP90Us, 2)}`), '', ''],
    [`  a whole pass of ${f.dossiers.toLocaleString('en')}, median of ${f.passes} (ms)`, ...each((r) => fixed(r.figures.scorePassMedianMs, 1)), '', ''],
    ['  mean per dossier over that pass, pauses included (µs)', ...each((r) => fixed((r.figures.scorePassMedianMs * 1000) / r.figures.dossiers, 2)), '', ''],
    [`rank ${f.dossiers.toLocaleString('en')}, median of ${f.rankRuns} (ms)`, ...each((r) => fixed(r.figures.rankMedianMs, 1)), `≤ ${TARGETS.rankMedianMs} ms`, verdict((v) => v.rank)],
    ['  fastest – slowest (ms)', ...each((r) => `${fixed(r.figures.rankMinMs, 1)} – ${fixed(r.figures.rankMaxMs, 1)}`), '', ''],
    [`baseline: sum the indicator values of all ${f.dossiers.toLocaleString('en')} (ms)`, ...each((r) => fixed(r.figures.baselinePassMedianMs, 3)), '', ''],
    ['  per dossier (µs)', ...each((r) => fixed(r.figures.baselinePerDossierUs, 3)), '', ''],
    ['ratio: scoring pass / baseline pass', ...each((r) => `${fixed(r.ratios.scoreToBaseline, 0)}×`), '', ''],
    ['ratio: ranking / baseline pass', ...each((r) => `${fixed(r.ratios.rankToBaselinePass, 0)}×`), '', ''],
    ['clock resolution (µs)', ...each((r) => fixed(r.figures.clockResolutionUs, 3)), '', ''],
  ];
  const lines = [
    '',
    `Scoring benchmark: ${f.dossiers.toLocaleString('en')} generated dossiers, scheme ${SCHEME.id} v${SCHEME.version}, seed ${SEED}`,
    `Node ${process.version} (V8 ${process.versions.v8})${chromium.ok ? `, Chromium ${chromium.report.version}` : ''}; ${cpus().length} CPU(s): ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    '',
    table(rows),
    '',
    chromium.ok ? `Same work in both engines: ${sameWork}` : `Chromium: skipped — ${chromium.skipped}`,
    ...engines.flatMap((r) => r.notes.map((note) => `${r.engine}: ${note}`)),
    'Ratios divide whole passes over the same 10,000 dossiers (a batch of 100 baseline sums is below the browser clock\'s resolution).',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function scoringSection(): Promise<Record<string, unknown>> {
  const dossiers = generateDossiers(SCHEME, { count: DOSSIERS, seed: SEED, oddValues: false });
  // Both engines get the same text and parse it themselves.
  const json = JSON.stringify(dossiers.map((dossier) => dossier.input));

  process.stdout.write(`measuring Node (${DOSSIERS.toLocaleString('en')} dossiers)…\n`);
  const node = report('Node', process.version, measureEngine({ scoreDossier, rankDossiers }, SCHEME, JSON.parse(json) as ScoreInput[], OPTIONS));
  process.stdout.write('measuring Chromium…\n');
  const chromium = await measureChromium(json);

  let sameWork = 'not compared';
  if (chromium.ok) {
    const a = node.figures;
    const b = chromium.report.figures;
    const same = a.totalsChecksum === b.totalsChecksum && a.baselineSum === b.baselineSum && a.rankChecksum === b.rankChecksum;
    sameWork = same
      ? `yes (sum of totals ${a.totalsChecksum}, baseline sum ${a.baselineSum}, positions digest ${a.rankChecksum})`
      : `NO — totals ${a.totalsChecksum} vs ${b.totalsChecksum}, baseline ${a.baselineSum} vs ${b.baselineSum}, positions ${a.rankChecksum} vs ${b.rankChecksum}`;
  }
  printReport(node, chromium, sameWork);

  return {
    dossiers: DOSSIERS,
    seed: SEED,
    scheme: { id: SCHEME.id, version: SCHEME.version },
    options: OPTIONS,
    targets: TARGETS,
    environment: { node: process.version, v8: process.versions.v8, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? null },
    engines: { node, chromium: chromium.ok ? chromium.report : { skipped: chromium.skipped } },
    sameWork,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = process.argv.slice(2).find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? null;
  const scoring = only === 'exchange' ? {} : await scoringSection();
  let exchange: ExchangeBenchResults | { failed: string } | null = null;
  if (only !== 'scoring') {
    process.stdout.write('\nmeasuring the USB exchange (export and import of 2,000 dossiers with 500 MB of evidence)…\n');
    try {
      exchange = await runExchangeBench();
    } catch (error) {
      exchange = { failed: message(error) };
      process.stdout.write(`Exchange benchmark failed: ${exchange.failed}\n`);
    }
  }
  const results = { date: new Date().toISOString(), ...scoring, exchange, seconds: (Date.now() - started) / 1000 };
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const out = join(ROOT, 'dist', 'bench-results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nFigures written to ${out} (${results.seconds.toFixed(1)} s)\n`);
  if (exchange && 'failed' in exchange) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
