import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIE_BREAKS, schemeFor } from '../../shared/domain/campaign';
import { checkAgainstScheme, dossierContentSchema, type DossierContent } from '../../shared/domain/dossier';
import { isCollectiveKind } from '../../shared/domain/kinds';
import { type RankEntry, type RankedRow, rankDossiers } from '../../shared/scoring/rank';
import { leafCriteria } from '../../shared/scoring/leaves';
import { collectiveScheme2025 } from '../../shared/scoring/schemes/collective-2025';
import { scoreDossier } from '../../shared/scoring/score';
import type { CriterionResult, ScoreInput, ScoreResult, Scheme, TieBreak } from '../../shared/scoring/types';
import { launchChromium } from '../support/browser-mode';
import { setUpCore } from '../support/core';
import { markReadyInFile } from '../integration/helpers';
import { fingerprint, generateDossiers, toDossierContent, type GeneratedDossier } from '../support/generated-dossiers';
import { buildBrowserBundle, type ScoringGlobals } from './fixtures/scoring-bundle';

/**
 * The scoring library runs in three places: the renderer (Chromium, live preview), the main process
 * (Node, the official ranking) and the command line. Thousands of generated dossiers must get the
 * same points, eligibility and positions in each, to the hundredth.
 */

const ROOT = resolve(__dirname, '..', '..');
const PER_SCHEME = 3000;
const CHUNK = 250;
const CLI_DOSSIERS = 300;

/** The 2025 collective scheme, and every scheme of `defaultSchemes2025` once that list exists. */
async function schemesToCompare(): Promise<Scheme[]> {
  const schemes: Scheme[] = [collectiveScheme2025];
  const index = join(ROOT, 'shared', 'scoring', 'schemes', 'index.ts');
  if (!existsSync(index)) return schemes;
  const module = (await import(/* @vite-ignore */ index)) as { defaultSchemes2025?: unknown };
  const listed = module.defaultSchemes2025;
  const candidates: unknown[] = Array.isArray(listed) ? listed : listed && typeof listed === 'object' ? Object.values(listed) : [];
  for (const candidate of candidates) {
    const scheme = candidate as Scheme;
    if (typeof scheme?.id !== 'string' || !Array.isArray(scheme.criteria)) continue;
    if (!schemes.some((known) => known.id === scheme.id)) schemes.push(scheme);
  }
  return schemes;
}

/** A seed per scheme, from its id, so adding a scheme never changes another's dossiers. */
function seedOf(scheme: Scheme): number {
  return Number.parseInt(fingerprint(`${scheme.id}@${scheme.version}`).slice(0, 8), 16);
}

const schemes = await schemesToCompare();
const generated = new Map<string, GeneratedDossier[]>(schemes.map((scheme) => [scheme.id, generateDossiers(scheme, { count: PER_SCHEME, seed: seedOf(scheme) })]));

function dossiersOf(scheme: Scheme): GeneratedDossier[] {
  const dossiers = generated.get(scheme.id);
  if (!dossiers) throw new Error(`no dossiers for ${scheme.id}`);
  return dossiers;
}

function flatten(results: CriterionResult[]): CriterionResult[] {
  return results.flatMap((result) => [result, ...flatten(result.children)]);
}

/** The figures compared one by one, so a difference names what differs. */
function summary(result: ScoreResult) {
  return {
    total: result.total,
    base: result.base,
    bonus: result.bonus,
    eligible: result.eligible,
    complete: result.complete,
    gates: result.gateFailures.map((failure) => failure.gateId),
    missing: result.missing,
    points: flatten([...result.criteria, ...result.bonusCriteria]).map((criterion) => [criterion.id, criterion.points] as const),
  };
}

/** Tie-break chains to rank with: the scheme's own, none, and one that consults every leaf criterion. */
function chainsOf(scheme: Scheme): TieBreak[][] {
  const leaves = leafCriteria(scheme).map((criterion): TieBreak => ({ type: 'criterion', criterionId: criterion.id }));
  return [DEFAULT_TIE_BREAKS, [], [{ type: 'womenPriority' }, ...leaves]];
}

interface Mismatch {
  id: string;
  what: string;
  input: string;
  node: unknown;
  chromium: unknown;
}

function describeMismatches(mismatches: Mismatch[]): string {
  return mismatches
    .slice(0, 5)
    .map((m) => `${m.id} (${m.what})\n  input:    ${m.input}\n  node:     ${JSON.stringify(m.node)}\n  chromium: ${JSON.stringify(m.chromium)}`)
    .join('\n');
}

describe('scoring the same dossiers in Node, Chromium and the command line', () => {
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    const bundle = await buildBrowserBundle({ build }, ROOT);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle });
    const exposed = await page.evaluate(() => {
      const g = globalThis as unknown as Partial<ScoringGlobals>;
      return [typeof g.scoreDossier, typeof g.rankDossiers, typeof g.fingerprint];
    });
    expect(exposed).toEqual(['function', 'function', 'function']);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(`generates ${PER_SCHEME} varied dossiers for each of ${schemes.length} scheme(s) (${schemes.map((s) => s.id).join(', ')}), deterministically from a seed`, () => {
    for (const scheme of schemes) {
      const dossiers = dossiersOf(scheme);
      expect(dossiers).toHaveLength(PER_SCHEME);
      expect(new Set(dossiers.map((d) => d.id)).size).toBe(PER_SCHEME);
      expect(generateDossiers(scheme, { count: 20, seed: seedOf(scheme) })).toEqual(dossiers.slice(0, 20));
    }
    // What the 2025 collective dossiers cover, so the comparison means something.
    const dossiers = dossiersOf(collectiveScheme2025);
    const results = dossiers.map((d) => scoreDossier(collectiveScheme2025, d.input));
    const values = dossiers.flatMap((d) => Object.values(d.input.indicators));
    const numbers = values.filter((v): v is number => typeof v === 'number');
    const steps = new Map(leafCriteria(collectiveScheme2025).flatMap((c) => (c.rule?.type === 'manual' ? [[c.id, c.rule.step] as const] : [])));
    const selfScores = dossiers.flatMap((d) => Object.entries(d.input.selfScores).map(([id, points]) => ({ points, step: Math.max(1, steps.get(id) ?? 1) })));
    const counts = {
      eligible: results.filter((r) => r.eligible).length,
      ineligibleOnlyByTotal: results.filter((r) => r.gateFailures.length === 1 && r.gateFailures[0]?.gateId === 'minTotal').length,
      incomplete: results.filter((r) => !r.complete).length,
      nullValues: values.filter((v) => v === null).length,
      absentValues: dossiers.reduce((n, d) => n + collectiveScheme2025.indicators.filter((i) => !(i.key in d.input.indicators)).length, 0),
      decimals: numbers.filter((v) => !Number.isInteger(v)).length,
      negatives: numbers.filter((v) => v < 0).length,
      yes: values.filter((v) => v === true).length,
      no: values.filter((v) => v === false).length,
      onStep: selfScores.filter((s) => typeof s.points === 'number' && s.points % s.step === 0).length,
      offStep: selfScores.filter((s) => typeof s.points === 'number' && s.points % s.step !== 0).length,
      distinctTotals: new Set(results.map((r) => r.total)).size,
    };
    for (const [what, count] of Object.entries(counts)) expect(count, what).toBeGreaterThan(20);
    expect(counts.eligible).toBeGreaterThan(PER_SCHEME / 10);
    for (const status of ['none', 'discipline', 'investigation', 'inspection'] as const) {
      expect(dossiers.filter((d) => d.input.discipline === status).length, status).toBeGreaterThan(50);
    }
  });

  describe.each(schemes.map((scheme) => ({ id: scheme.id, scheme })))('scheme $id', ({ scheme }) => {
    const empty = scoreDossier(scheme, { indicators: {}, selfScores: {}, discipline: 'none', womenPriority: false });
    const criteriaPerDossier = flatten([...empty.criteria, ...empty.bonusCriteria]).length;

    it(`${scheme.id}: gives all ${PER_SCHEME} dossiers the same total, ${criteriaPerDossier} criterion points each, eligibility and full result in Chromium as in Node`, async () => {
      const dossiers = dossiersOf(scheme);
      const mismatches: Mismatch[] = [];
      const compared = { dossiers: 0, totals: 0, criterionPoints: 0, eligibility: 0, fullResults: 0 };
      await page.evaluate((schemeId) => {
        const g = globalThis as unknown as { entries?: Record<string, RankEntry[]> };
        g.entries = { ...g.entries, [schemeId]: [] };
      }, scheme.id);

      for (let start = 0; start < dossiers.length; start += CHUNK) {
        const chunk = dossiers.slice(start, start + CHUNK);
        const sent = JSON.stringify(chunk.map((d) => ({ id: d.id, input: d.input })));
        const answers = await page.evaluate(
          ({ scheme: pageScheme, sent: text }) => {
            const g = globalThis as unknown as ScoringGlobals & { entries: Record<string, RankEntry[]> };
            const items = JSON.parse(text) as { id: string; input: ScoreInput }[];
            const entries = g.entries[pageScheme.id] as RankEntry[];
            return items.map(({ id, input }) => {
              const result = g.scoreDossier(pageScheme, input);
              entries.push({ id, result, womenPriority: input.womenPriority });
              return { id, received: g.fingerprint(JSON.stringify(input)), result: JSON.stringify(result) };
            });
          },
          { scheme, sent },
        );
        expect(answers).toHaveLength(chunk.length);

        chunk.forEach((dossier, i) => {
          const answer = answers[i];
          const inputText = JSON.stringify(dossier.input);
          if (!answer || answer.id !== dossier.id || answer.received !== fingerprint(inputText)) {
            mismatches.push({ id: dossier.id, what: 'input did not arrive intact', input: inputText, node: fingerprint(inputText), chromium: answer?.received });
            return;
          }
          const node = scoreDossier(scheme, dossier.input);
          const chromium = JSON.parse(answer.result) as ScoreResult;
          const [a, b] = [summary(node), summary(chromium)];
          compared.dossiers += 1;
          compared.totals += 1;
          compared.criterionPoints += a.points.length;
          compared.eligibility += 1;
          compared.fullResults += 1;
          if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push({ id: dossier.id, what: 'totals, points or eligibility', input: inputText, node: a, chromium: b });
          else if (JSON.stringify(node) !== answer.result) mismatches.push({ id: dossier.id, what: 'notes or inputs of the full result', input: inputText, node, chromium });
        });
      }

      expect(mismatches.length, describeMismatches(mismatches)).toBe(0);
      expect(compared).toEqual({
        dossiers: PER_SCHEME,
        totals: PER_SCHEME,
        criterionPoints: PER_SCHEME * criteriaPerDossier,
        eligibility: PER_SCHEME,
        fullResults: PER_SCHEME,
      });
    });

    it(`${scheme.id}: ranks the ${PER_SCHEME} dossiers to the same positions in Chromium as in Node, under ${chainsOf(scheme).length} tie-break chains`, async () => {
      const dossiers = dossiersOf(scheme);
      const entries: RankEntry[] = dossiers.map((d) => ({ id: d.id, result: scoreDossier(scheme, d.input), womenPriority: d.input.womenPriority }));
      let positions = 0;
      for (const chain of chainsOf(scheme)) {
        const node = rankDossiers(entries, chain);
        const chromium = await page.evaluate(
          ({ schemeId, chain: pageChain }) => {
            const g = globalThis as unknown as ScoringGlobals & { entries?: Record<string, RankEntry[]> };
            const pageEntries = g.entries?.[schemeId] ?? [];
            return g.rankDossiers(pageEntries, pageChain);
          },
          { schemeId: scheme.id, chain },
        );
        expect(chromium, 'the page ranks the dossiers it scored in the test before').toHaveLength(PER_SCHEME);
        const differing = node.filter((row, i) => JSON.stringify(row) !== JSON.stringify(chromium[i]));
        const report = differing.slice(0, 3).map((row) => JSON.stringify({ chain, node: row, chromium: chromium.find((other: RankedRow) => other.id === row.id) }));
        expect(differing.length, report.join('\n')).toBe(0);
        positions += node.length;
        // The chains must leave something to decide: ties and tie-breaks both occur.
        expect(new Set(node.map((row) => row.position)).size).toBeGreaterThan(PER_SCHEME / 10);
      }
      expect(positions).toBe(PER_SCHEME * chainsOf(scheme).length);
    });
  });

  it(`the built command line (rank --campaign 2025 --explain) gives each of ${CLI_DOSSIERS} stored collective dossiers its Node total, eligibility, position and points`, async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--only-node', '--if-stale'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
    const installation = await setUpCore();
    try {
      const campaign = await installation.call('campaigns.get', { year: 2025 });
      const stored: { dossier: GeneratedDossier; scheme: Scheme; content: DossierContent }[] = [];
      for (const dossier of dossiersOf(collectiveScheme2025)) {
        if (stored.length === CLI_DOSSIERS) break;
        const scheme = schemeFor(campaign, dossier.kind);
        const content = toDossierContent(dossier);
        // Only what the form and dossiers.save accept can be stored: values in bounds, self scores on the step.
        if (!scheme || !isCollectiveKind(dossier.kind) || !dossierContentSchema.safeParse(content).success || checkAgainstScheme(scheme, content).length > 0) continue;
        stored.push({ dossier, scheme, content });
      }
      expect(stored).toHaveLength(CLI_DOSSIERS);

      const expected = new Map<string, { result: ScoreResult; womenPriority: boolean; generatedId: string }>();
      for (const [i, { dossier, scheme, content }] of stored.entries()) {
        if (!isCollectiveKind(dossier.kind)) continue;
        const unit = await installation.call('units.create', { name: `Đơn vị thử ${i + 1} (${dossier.id})`, kind: dossier.kind, level: 'commune', commune: 'Trảng Bàng', parentOfficeId: null });
        const saved = await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: dossier.kind, unitId: unit.id, content });
        const result = scoreDossier(scheme, dossier.input);
        expect(saved.dossier.selfTotal, dossier.id).toBe(result.total);
        expected.set(saved.dossier.id, { result, womenPriority: dossier.input.womenPriority, generatedId: dossier.id });
      }
      installation.core.close();
      // Only dossiers marked ready are ranked; these are generated to test the scoring, not filled to pass the checklist.
      markReadyInFile(installation.dataDir, [...expected.keys()]);

      // --explain: the totals and keys the ranking stores, with each row's breakdown computed again.
      const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'tdcs.cjs'), '--data-dir', installation.dataDir, 'rank', '--campaign', '2025', '--explain'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 512 * 1024 * 1024,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const ranking = JSON.parse(run.stdout) as {
        tieBreaks?: TieBreak[];
        rows: { dossierId: string; position: number; totalHundredths: number; eligible: boolean; breakdown: CriterionResult[] }[];
      };
      expect(ranking.rows).toHaveLength(CLI_DOSSIERS);

      // The chain the command line reports it ranked with (the campaign's), else the collective scheme's own.
      const chain = ranking.tieBreaks ?? DEFAULT_TIE_BREAKS;
      const nodePositions = new Map(rankDossiers([...expected].map(([id, e]) => ({ id, result: e.result, womenPriority: e.womenPriority })), chain).map((row) => [row.id, row.position]));
      const differing: unknown[] = [];
      for (const row of ranking.rows) {
        const node = expected.get(row.dossierId);
        const cli = { total: row.totalHundredths, eligible: row.eligible, position: row.position, points: flatten(row.breakdown).map((c) => c.points) };
        const want = node && { total: node.result.total, eligible: node.result.eligible, position: nodePositions.get(row.dossierId), points: flatten([...node.result.criteria, ...node.result.bonusCriteria]).map((c) => c.points) };
        if (JSON.stringify(cli) !== JSON.stringify(want)) differing.push({ dossier: node?.generatedId ?? row.dossierId, cli, node: want });
      }
      expect(differing.length, differing.slice(0, 5).map((d) => JSON.stringify(d)).join('\n')).toBe(0);
      expect(new Set(ranking.rows.map((row) => row.dossierId))).toEqual(new Set(expected.keys()));
    } finally {
      installation.close();
    }
  });
});
