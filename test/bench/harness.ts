import { DEFAULT_TIE_BREAKS } from '../../shared/domain/campaign';
import type { RankEntry, rankDossiers } from '../../shared/scoring/rank';
import type { scoreDossier } from '../../shared/scoring/score';
import type { ScoreInput, Scheme } from '../../shared/scoring/types';
import { sumIndicatorValues } from '../support/generated-dossiers';

/**
 * The measurements of the benchmark, run unchanged in each engine: imported by run.ts in Node, and
 * bundled into a classic script (global `tdcsBench`) for the Chromium page. The scoring functions are
 * passed in, so each engine measures its own copy of the library.
 */

export interface ScoringApi {
  scoreDossier: typeof scoreDossier;
  rankDossiers: typeof rankDossiers;
}

export interface MeasureOptions {
  /** Dossiers scored between two readings of the clock. */
  batchSize: number;
  /** Untimed passes over every dossier first, so the JIT has compiled what is measured. */
  warmupPasses: number;
  /** Timed passes over every dossier (each one split into batches, and preceded by a baseline pass). */
  passes: number;
  /** Timed rankings of every dossier. */
  rankRuns: number;
}

export interface EngineFigures {
  dossiers: number;
  batchSize: number;
  /** Smallest step of the clock seen (µs): Chromium coarsens it unless the page is cross-origin isolated. */
  clockResolutionUs: number;
  /** Scoring: median over every batch of (batch time / batch size), µs, with the 10th and 90th percentiles. */
  scoreMedianUs: number;
  scoreP10Us: number;
  scoreP90Us: number;
  scoreBatches: number;
  /** Scoring a whole pass (every dossier), median over passes, ms. */
  scorePassMedianMs: number;
  /** Baseline: summing every indicator value of every dossier, one pass, median over passes, ms. */
  baselinePassMedianMs: number;
  /** Baseline per dossier (pass median / dossiers), µs. */
  baselinePerDossierUs: number;
  passes: number;
  /** Ranking every dossier (scored beforehand), median over runs, ms. */
  rankMedianMs: number;
  rankMinMs: number;
  rankMaxMs: number;
  rankRuns: number;
  /** Sum of every total, the baseline's sum and a digest of the positions: no engine can skip the work, and both must agree. */
  totalsChecksum: number;
  baselineSum: number;
  rankChecksum: number;
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

function clockResolution(now: () => number): number {
  let smallest = Number.POSITIVE_INFINITY;
  let last = now();
  const end = last + 20;
  for (let changes = 0; changes < 200; ) {
    const current = now();
    if (current !== last) {
      smallest = Math.min(smallest, current - last);
      last = current;
      changes += 1;
    }
    if (current > end) break;
  }
  return smallest * 1000;
}

/** Scores and ranks `inputs` with `api`, timing with `now` (performance.now in both engines). */
export function measureEngine(api: ScoringApi, scheme: Scheme, inputs: ScoreInput[], options: MeasureOptions, now: () => number = () => performance.now()): EngineFigures {
  const count = inputs.length;
  const results = new Array<ReturnType<typeof scoreDossier>>(count);
  const baselineSum = sumIndicatorValues(inputs);

  for (let pass = 0; pass < options.warmupPasses; pass += 1) {
    for (let i = 0; i < count; i += 1) results[i] = api.scoreDossier(scheme, inputs[i] as ScoreInput);
    if (sumIndicatorValues(inputs) !== baselineSum) throw new Error('the baseline changed between passes');
  }

  const batchSamples: number[] = [];
  const passSamples: number[] = [];
  const baselineSamples: number[] = [];
  for (let pass = 0; pass < options.passes; pass += 1) {
    // The baseline in the same conditions, just before each scoring pass.
    const b0 = now();
    const sum = sumIndicatorValues(inputs);
    baselineSamples.push(now() - b0);
    // Every pass's sum is used, so no engine can drop the loop.
    if (sum !== baselineSum) throw new Error(`the baseline summed ${baselineSum}, then ${sum}`);

    const p0 = now();
    for (let start = 0; start < count; start += options.batchSize) {
      const end = Math.min(count, start + options.batchSize);
      const t0 = now();
      for (let i = start; i < end; i += 1) results[i] = api.scoreDossier(scheme, inputs[i] as ScoreInput);
      batchSamples.push(((now() - t0) * 1000) / (end - start));
    }
    passSamples.push(now() - p0);
  }

  let totalsChecksum = 0;
  const entries: RankEntry[] = results.map((result, i) => {
    totalsChecksum += result.total;
    return { id: `d${String(i).padStart(6, '0')}`, result, womenPriority: (inputs[i] as ScoreInput).womenPriority };
  });

  api.rankDossiers(entries, DEFAULT_TIE_BREAKS); // warm-up
  const rankSamples: number[] = [];
  let rankChecksum = 0;
  for (let run = 0; run < options.rankRuns; run += 1) {
    const t0 = now();
    const rows = api.rankDossiers(entries, DEFAULT_TIE_BREAKS);
    rankSamples.push(now() - t0);
    rankChecksum = rows.reduce((sum, row, i) => sum + row.position * (i % 7), 0);
  }

  const baselinePassMedianMs = quantile(baselineSamples, 0.5);
  return {
    dossiers: count,
    batchSize: options.batchSize,
    clockResolutionUs: clockResolution(now),
    scoreMedianUs: quantile(batchSamples, 0.5),
    scoreP10Us: quantile(batchSamples, 0.1),
    scoreP90Us: quantile(batchSamples, 0.9),
    scoreBatches: batchSamples.length,
    scorePassMedianMs: quantile(passSamples, 0.5),
    baselinePassMedianMs,
    baselinePerDossierUs: (baselinePassMedianMs * 1000) / count,
    passes: options.passes,
    rankMedianMs: quantile(rankSamples, 0.5),
    rankMinMs: Math.min(...rankSamples),
    rankMaxMs: Math.max(...rankSamples),
    rankRuns: options.rankRuns,
    totalsChecksum,
    baselineSum,
    rankChecksum,
  };
}
