// Scoring one dossier in Node (the main process scores every dossier that changes): the library's score-only path
// and its explanation, each against a hand-written function that computes the same points for the same scheme.
import { scorePoints } from '../../shared/scoring/points';
import { collectiveScheme2025 } from '../../shared/scoring/schemes/collective-2025';
import { scoreDossier } from '../../shared/scoring/score';
import type { ScoreInput } from '../../shared/scoring/types';
import { generateDossiers } from '../support/generated-dossiers';
import { fixed, spread, us, verdict, type Row, type Spread } from './figures';
import { handScoreCollective2025 } from './hand-scoring';

const DOSSIERS = 10_000;
const SEED = 20_251_000;
const BATCH = 100;
const WARMUP_PASSES = 3;
const PASSES = 11;
const GOAL_US = 10;
const GOAL_RATIO = 3;

type Scorer = (input: ScoreInput) => { total: number; eligible: boolean };

interface Timing {
  /** Per dossier, over batches of 100: the median batch and the range of passes' medians. */
  perDossier: Spread;
  /** Whole passes over every dossier, ms. */
  pass: Spread;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Passes of the three scorers in turn over the same dossiers, so that each sees the same machine; per pass the median
 * batch of 100 gives the per-dossier time (GC pauses fall in a few batches and show in the pass times instead).
 */
function measure(scorers: Record<string, Scorer>, inputs: ScoreInput[]): Record<string, Timing> {
  const names = Object.keys(scorers);
  const batches = new Map<string, number[]>(names.map((name) => [name, []]));
  const passMedians = new Map<string, number[]>(names.map((name) => [name, []]));
  const passes = new Map<string, number[]>(names.map((name) => [name, []]));
  let sink = 0;
  for (let pass = 0; pass < WARMUP_PASSES + PASSES; pass += 1) {
    for (const name of names) {
      const score = scorers[name] as Scorer;
      const own: number[] = [];
      const passStart = now();
      for (let start = 0; start < inputs.length; start += BATCH) {
        const end = Math.min(inputs.length, start + BATCH);
        const batchStart = now();
        for (let i = start; i < end; i += 1) sink += score(inputs[i] as ScoreInput).total;
        own.push(((now() - batchStart) * 1000) / (end - start));
      }
      const passTime = now() - passStart;
      if (pass < WARMUP_PASSES) continue;
      (batches.get(name) as number[]).push(...own);
      (passMedians.get(name) as number[]).push(spread(own).median);
      (passes.get(name) as number[]).push(passTime);
    }
  }
  if (sink === 0) throw new Error('nothing was scored');
  return Object.fromEntries(
    names.map((name) => {
      const medians = spread(passMedians.get(name) as number[]);
      // The median over every batch, with the range of the passes' medians.
      const all = spread(batches.get(name) as number[]);
      return [name, { perDossier: { ...medians, median: all.median }, pass: spread(passes.get(name) as number[]) }];
    }),
  );
}

export interface ScoringResults {
  rows: Row[];
  figures: Record<string, Timing>;
  checked: string;
}

export function scoringBench(): ScoringResults {
  const inputs = generateDossiers(collectiveScheme2025, { count: DOSSIERS, seed: SEED, oddValues: false }).map((dossier) => dossier.input);
  // The three must agree on every dossier, or their times mean nothing.
  let disagreements = 0;
  for (const input of inputs) {
    const hand = handScoreCollective2025(input);
    const points = scorePoints(collectiveScheme2025, input);
    const explained = scoreDossier(collectiveScheme2025, input);
    if (hand.total !== points.total || hand.eligible !== points.eligible || explained.total !== points.total || explained.eligible !== points.eligible) disagreements += 1;
  }
  if (disagreements > 0) throw new Error(`the hand-written scorer and the library disagree on ${disagreements} dossiers`);
  const figures = measure(
    {
      hand: handScoreCollective2025,
      points: (input) => scorePoints(collectiveScheme2025, input),
      explained: (input) => scoreDossier(collectiveScheme2025, input),
    },
    inputs,
  );
  const hand = figures.hand as Timing;
  const points = figures.points as Timing;
  const explained = figures.explained as Timing;
  const ratio = (timing: Timing) => timing.perDossier.median / hand.perDossier.median;
  const passRatio = (timing: Timing) => timing.pass.median / hand.pass.median;
  const rows: Row[] = [
    {
      what: 'scoring one dossier, score-only (Node)',
      measured: us(points.perDossier),
      baseline: `hand-written loop ${us(hand.perDossier)}`,
      ratio: `${fixed(ratio(points), 1)}×`,
      goal: `≤ ${GOAL_US} µs, ≤ ${GOAL_RATIO}×`,
      verdict: verdict(points.perDossier.median <= GOAL_US && ratio(points) <= GOAL_RATIO),
    },
    {
      what: `  whole passes over ${DOSSIERS.toLocaleString('en')}, GC included`,
      measured: `${fixed(points.pass.median, 1)} ms (${fixed(points.pass.min, 1)}–${fixed(points.pass.max, 1)})`,
      baseline: `${fixed(hand.pass.median, 1)} ms`,
      ratio: `${fixed(passRatio(points), 1)}×`,
      goal: '',
      verdict: '—',
    },
    {
      what: 'scoring one dossier, with its explanation',
      measured: us(explained.perDossier),
      baseline: `hand-written loop ${us(hand.perDossier)}`,
      ratio: `${fixed(ratio(explained), 1)}×`,
      goal: '(no goal)',
      verdict: '—',
    },
  ];
  return { rows, figures, checked: `${DOSSIERS.toLocaleString('en')} dossiers of ${collectiveScheme2025.id}, seed ${SEED}: the three scorers agree on every total and eligibility` };
}
