// The ranking from a real SQLite file: `ranking.get` in process (the call and the JSON a transport sends) against
// the select of the columns it needs, and the command line's `rank --json` against a script that selects the same
// rows and prints them, both in child processes with their peak memory.
import { spawn } from 'node:child_process';
import { closeSync, openSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { RANKING_COLUMNS, rankingRecords } from '../../electron/db/scores';
import { BENCH_YEAR, type Dataset } from './datasets';
import { fixed, mb, ms, spread, verdict, type Row, type Spread } from './figures';

const RUNS = 15;
const GOAL_MS = 50;
const GOAL_RATIO = 3;
const CLI_RUNS = 5;
const CLI_GOAL_MS = 1000;
const CLI_GOAL_BYTES = 10 * 1024 * 1024;

export interface RankingFigures {
  collectives: number;
  call: Spread;
  select: Spread;
  ratio: number;
  responseBytes: number;
}

/** `ranking.get` and its baseline in turn, so both see the same machine; the call's result is serialised as a transport would. */
export async function rankingCallBench(dataset: Dataset): Promise<RankingFigures> {
  const core = openCore({ dataDir: dataset.dataDir });
  try {
    const input = { campaignYear: BENCH_YEAR, group: 'collective' as const };
    let responseBytes = 0;
    const call = async () => {
      const response = await core.call({ call: 'ranking.get', input, session: null }, true);
      if (!response.ok) throw new Error(`ranking.get: ${response.error.code}`);
      responseBytes = JSON.stringify(response).length;
      return (response.value as { rows: unknown[] }).rows.length;
    };
    const select = () => rankingRecords(core.db, BENCH_YEAR, 'collective').length;
    const [rows, selected] = [await call(), select()];
    if (rows !== dataset.collectives || selected !== dataset.collectives) throw new Error(`ranked ${rows} and selected ${selected} of ${dataset.collectives} collectives`);
    const calls: number[] = [];
    const selects: number[] = [];
    for (let run = 0; run < RUNS + 1; run += 1) {
      let start = process.hrtime.bigint();
      select();
      const selectMs = Number(process.hrtime.bigint() - start) / 1e6;
      start = process.hrtime.bigint();
      await call();
      const callMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (run === 0) continue;
      selects.push(selectMs);
      calls.push(callMs);
    }
    const callSpread = spread(calls);
    const selectSpread = spread(selects);
    return { collectives: dataset.collectives, call: callSpread, select: selectSpread, ratio: callSpread.median / selectSpread.median, responseBytes };
  } finally {
    core.close();
  }
}

export function rankingRow(figures: RankingFigures): Row {
  const atTenThousand = figures.collectives === 10_000;
  const ok = figures.ratio <= GOAL_RATIO && (!atTenThousand || figures.call.median <= GOAL_MS);
  return {
    what: `ranking.get in process, ${figures.collectives.toLocaleString('en')} collectives (${mb(figures.responseBytes)} JSON)`,
    measured: ms(figures.call),
    baseline: `select of its columns ${ms(figures.select)}`,
    ratio: `${fixed(figures.ratio, 2)}×`,
    goal: atTenThousand ? `≤ ${GOAL_MS} ms, ≤ ${GOAL_RATIO}×` : `≤ ${GOAL_RATIO}×`,
    verdict: verdict(ok),
  };
}

interface ProcessRun {
  ms: number;
  outputBytes: number;
  peakBytes: number;
}

/** Runs a Node script with a preload that reports its peak memory, stdout to a file; times it from spawn to exit. */
function runNode(args: string[], preload: string, output: string): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const out = openSync(output, 'w');
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', preload, ...args], { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      closeSync(out);
      const peak = /TDCS_BENCH_MAXRSS (\d+)/.exec(stderr);
      if (code !== 0 || !peak) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      resolve({ ms: elapsed, outputBytes: statSync(output).size, peakBytes: Number(peak[1]) * 1024 });
    });
  });
}

export interface CliFigures {
  rank: Spread;
  baseline: Spread;
  explain: Spread;
  outputBytes: number;
  explainBytes: number;
  peakBytes: number;
  baselinePeakBytes: number;
}

/** `tdcs rank --json` (and `--explain`) on the dataset, against a script doing the same select and printing it. */
export async function cliBench(dataset: Dataset, root: string, distDir: string): Promise<CliFigures> {
  const preload = join(root, 'report-peak-memory.js');
  writeFileSync(preload, "process.on('exit', () => { require('node:fs').writeSync(2, `\\nTDCS_BENCH_MAXRSS ${process.resourceUsage().maxRSS}\\n`); });\n");
  const baselineScript = join(root, 'select-and-print.js');
  // The simplest way: open the file, select the ranking's columns, print them as JSON, one row a line.
  writeFileSync(
    baselineScript,
    [
      `const Database = require(${JSON.stringify(join(distDir, '..', 'node_modules', 'better-sqlite3'))});`,
      `const db = new Database(${JSON.stringify(join(dataset.dataDir, 'tdcs.sqlite'))}, { readonly: true });`,
      `const rows = db.prepare(${JSON.stringify(`SELECT ${RANKING_COLUMNS} FROM dossier_scores s JOIN units u ON u.id = s.unit_id WHERE s.campaign_year = ? AND s.nominee_group = ?`)}).raw(true).all(${BENCH_YEAR}, 'collective');`,
      "process.stdout.write('[\\n' + rows.map((row) => JSON.stringify(row)).join(',\\n') + '\\n]\\n');",
    ].join('\n'),
  );
  const cli = join(distDir, 'electron', 'cli.js');
  const rankArgs = [cli, '--data-dir', dataset.dataDir, 'rank', '--campaign', String(BENCH_YEAR), '--json'];
  const rank: ProcessRun[] = [];
  const baseline: ProcessRun[] = [];
  for (let run = 0; run < CLI_RUNS; run += 1) {
    baseline.push(await runNode([baselineScript], preload, join(root, 'baseline.json')));
    rank.push(await runNode(rankArgs, preload, join(root, 'rank.json')));
  }
  const explain = [await runNode([cli, '--data-dir', dataset.dataDir, 'rank', '--campaign', String(BENCH_YEAR), '--explain'], preload, join(root, 'rank-explain.json'))];
  return {
    rank: spread(rank.map((run) => run.ms)),
    baseline: spread(baseline.map((run) => run.ms)),
    explain: spread(explain.map((run) => run.ms)),
    outputBytes: (rank[0] as ProcessRun).outputBytes,
    explainBytes: (explain[0] as ProcessRun).outputBytes,
    peakBytes: Math.max(...rank.map((run) => run.peakBytes)),
    baselinePeakBytes: Math.max(...baseline.map((run) => run.peakBytes)),
  };
}

export function cliRows(figures: CliFigures, collectives: number): Row[] {
  return [
    {
      what: `tdcs rank --json, ${collectives.toLocaleString('en')} collectives (${mb(figures.outputBytes)} out, peak ${mb(figures.peakBytes)})`,
      measured: ms(figures.rank, 0),
      baseline: `select + print script ${ms(figures.baseline, 0)} (peak ${mb(figures.baselinePeakBytes)})`,
      ratio: `${fixed(figures.rank.median / figures.baseline.median, 2)}×`,
      goal: `≤ ${CLI_GOAL_MS} ms, ≤ ${mb(CLI_GOAL_BYTES)}`,
      verdict: verdict(figures.rank.median <= CLI_GOAL_MS && figures.outputBytes <= CLI_GOAL_BYTES),
    },
    {
      what: `  tdcs rank --explain (breakdowns on request, ${mb(figures.explainBytes)} out)`,
      measured: `${fixed(figures.explain.median, 0)} ms (1 run)`,
      baseline: '',
      ratio: '',
      goal: '(no goal)',
      verdict: '—',
    },
  ];
}
