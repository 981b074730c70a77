/** Repeated measurements and the benchmark's one table: median of the runs with their range, against a goal. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, runs: sorted.length };
}

/** Times `work` `runs` times (after `warmup` untimed runs), in milliseconds. */
export async function timeRuns(runs: number, work: () => unknown, warmup = 1): Promise<Spread> {
  for (let i = 0; i < warmup; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return spread(samples);
}

export type Verdict = 'pass' | 'FAIL' | '—';

/** One line of the table: what a person waits for, the baseline doing the same work the simplest way, and the goal. */
export interface Row {
  what: string;
  measured: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: Verdict;
}

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** "12.3 ms (11.9–14.0)": the median and the range of the runs. */
export function ms(value: Spread, digits = 1): string {
  return `${fixed(value.median, digits)} ms (${fixed(value.min, digits)}–${fixed(value.max, digits)})`;
}

export function us(value: Spread, digits = 2): string {
  return `${fixed(value.median, digits)} µs (${fixed(value.min, digits)}–${fixed(value.max, digits)})`;
}

export function mb(bytes: number): string {
  return `${fixed(bytes / 1024 / 1024, 1)} MB`;
}

export function verdict(ok: boolean): Verdict {
  return ok ? 'pass' : 'FAIL';
}

const HEADER: Row = { what: 'what', measured: 'measured: median (min–max)', baseline: 'baseline, same run', ratio: 'ratio', goal: 'goal', verdict: '—' };

/** The table as plain text for the terminal. */
export function textTable(rows: readonly Row[]): string {
  const cells = [HEADER, ...rows].map((row, index) => [row.what, row.measured, row.baseline, row.ratio, row.goal, index === 0 ? 'result' : row.verdict]);
  const widths = (cells[0] as string[]).map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** The same table in Markdown, for docs/performance.md. */
export function markdownTable(rows: readonly Row[]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| what | measured: median (min–max) | baseline, same run | ratio | goal | result |', '|---|---|---|---|---|---|'];
  for (const row of rows) lines.push(`| ${[row.what, row.measured, row.baseline, row.ratio, row.goal, row.verdict].map(escape).join(' | ')} |`);
  return lines.join('\n');
}
