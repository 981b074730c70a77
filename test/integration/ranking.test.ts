import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ranking, RankingExplanation } from '../../shared/contract/calls';
import type { Dossier } from '../../shared/domain/dossier';
import { toScoreInput } from '../../shared/domain/dossier';
import { nomineeGroupOf } from '../../shared/domain/kinds';
import { formatHundredths } from '../../shared/scoring/decimal';
import { isCollectiveKind } from '../../shared/domain/kinds';
import { defaultSchemes2025 } from '../../shared/scoring/schemes';
import { scoreDossier } from '../../shared/scoring/score';
import type { Scheme } from '../../shared/scoring/types';
import { DEMO_YEAR, setUpCore } from '../support/core';
import { commune, dossierInput, goodContent, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

describe('the official ranking of the demo campaign', () => {
  let installation: Installation;
  let ranking: Ranking;
  let explained: Map<string, RankingExplanation>;
  beforeAll(async () => {
    installation = await setUpCore({ demo: true });
    ranking = await installation.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    const explanations = await installation.call('ranking.explain', { dossierIds: ranking.rows.map((row) => row.dossierId) });
    explained = new Map(explanations.map((explanation) => [explanation.dossierId, explanation]));
  });
  afterAll(() => installation.close());

  it('ranks every collective dossier of the campaign once', async () => {
    const list = await installation.call('dossiers.list', { campaignYear: DEMO_YEAR });
    // Drafts and returned dossiers never enter the ranking: they are counted beside it.
    const ofGroup = list.filter((dossier) => nomineeGroupOf(dossier.nomineeKind) === 'collective');
    const collective = ofGroup.filter((dossier) => ['ready', 'exported', 'received'].includes(dossier.status));
    const drafts = ofGroup.filter((dossier) => dossier.status === 'draft').length;
    const returned = ofGroup.filter((dossier) => dossier.status === 'returned').length;
    expect(collective.length).toBeGreaterThanOrEqual(150);
    expect(drafts + returned).toBeGreaterThan(0);
    expect({ draft: 0, returned: 0, ...ranking.unranked }).toEqual({ draft: drafts, returned });
    expect(ranking.campaignYear).toBe(DEMO_YEAR);
    expect(ranking.group).toBe('collective');
    expect(ranking.rows).toHaveLength(collective.length);
    expect(new Set(ranking.rows.map((row) => row.dossierId))).toEqual(new Set(collective.map((dossier) => dossier.id)));
    const names = new Map(collective.map((dossier) => [dossier.id, dossier.unitName]));
    for (const row of ranking.rows) expect(row.unitName).toBe(names.get(row.dossierId));
  });

  it('puts eligible dossiers first, totals never increasing within each part', () => {
    const eligibility = ranking.rows.map((row) => row.eligible);
    const firstIneligible = eligibility.indexOf(false);
    expect(ranking.rows.some((row) => row.eligible)).toBe(true);
    expect(firstIneligible).toBeGreaterThan(0);
    expect(eligibility.slice(firstIneligible).every((eligible) => !eligible)).toBe(true);
    for (let i = 1; i < ranking.rows.length; i += 1) {
      const previous = ranking.rows[i - 1];
      const current = ranking.rows[i];
      if (previous && current && previous.eligible === current.eligible) expect(current.total, `row ${i + 1}`).toBeLessThanOrEqual(previous.total);
    }
    for (const row of ranking.rows) {
      const explanation = explained.get(row.dossierId);
      expect(explanation?.eligible, row.dossierId).toBe(row.eligible);
      if (!row.eligible) expect(explanation?.gateFailures.length, row.dossierId).toBeGreaterThan(0);
      else expect(explanation?.gateFailures).toEqual([]);
    }
  });

  it('numbers positions from 1; tied rows share the position of the first of them', () => {
    expect(ranking.rows[0]?.position).toBe(1);
    ranking.rows.forEach((row, index) => {
      // The rows tied with one stand next to it, and its explanation names them.
      expect(explained.get(row.dossierId)?.tiedWith, row.dossierId).toEqual(
        ranking.rows.filter((other) => other !== row && other.position === row.position).map((other) => other.dossierId).sort(),
      );
      expect(row.tied).toBe(ranking.rows.filter((other) => other.position === row.position).length - 1);
      if (row.tied === 0) {
        expect(row.position, row.dossierId).toBe(index + 1);
      } else {
        expect(row.position).toBeLessThanOrEqual(index + 1);
        const first = ranking.rows[row.position - 1];
        expect(first?.position).toBe(row.position);
        expect(first?.total).toBe(row.total);
      }
    });
    const positions = ranking.rows.map((row) => row.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('gives every row the total the renderer preview computes from the same content, to the hundredth', async () => {
    const dossiers = withDatabase(installation.dataDir, (db) =>
      db.prepare('SELECT id, content, scheme_id AS schemeId, scheme_version AS schemeVersion FROM dossiers WHERE campaign_year = ?').all(DEMO_YEAR),
    ) as { id: string; content: string; schemeId: string; schemeVersion: number }[];
    const contents = new Map(dossiers.map((dossier) => [dossier.id, dossier]));
    // The preview scores with the scheme the form receives from dossiers.get.
    const schemes = new Map<string, Scheme>();
    for (const row of ranking.rows) {
      const stored = contents.get(row.dossierId);
      expect(stored, row.dossierId).toBeDefined();
      if (!stored) continue;
      const key = `${stored.schemeId}@${stored.schemeVersion}`;
      if (!schemes.has(key)) schemes.set(key, (await installation.call('dossiers.get', { id: row.dossierId })).scheme);
      const scheme = schemes.get(key) as Scheme;
      const preview = scoreDossier(scheme, toScoreInput(JSON.parse(stored.content) as Dossier['content']));
      expect(row.total, row.dossierId).toBe(preview.total);
      expect(formatHundredths(row.total)).toBe(formatHundredths(preview.total));
      expect(row.eligible, row.dossierId).toBe(preview.eligible);
      expect(explained.get(row.dossierId)?.result).toEqual(preview);
    }
    // Every collective kind of the demo is scored with its own default scheme, as stored in the campaign.
    // (under the year's own ids and labels: "collective-2026", "… 2026").
    const ofYear = (text: string) => text.replace(/2025$/, String(DEMO_YEAR));
    expect([...schemes.values()].map((scheme) => scheme.id).sort()).toEqual(
      defaultSchemes2025.filter((scheme) => scheme.kinds.some((kind) => isCollectiveKind(kind))).map((scheme) => ofYear(scheme.id)).sort(),
    );
    for (const scheme of schemes.values()) {
      const original = defaultSchemes2025.find((candidate) => ofYear(candidate.id) === scheme.id);
      expect(scheme).toEqual(original && { ...original, id: ofYear(original.id), label: { vi: ofYear(original.label.vi), en: ofYear(original.label.en) } });
    }
  });

  it('agrees with the total stored when each dossier was saved', async () => {
    const list = await installation.call('dossiers.list', { campaignYear: DEMO_YEAR });
    const stored = new Map(list.map((dossier) => [dossier.id, dossier.selfTotal]));
    for (const row of ranking.rows) expect(row.total, row.dossierId).toBe(stored.get(row.dossierId));
  });

  it('the individual ranking has no collective dossier in it', async () => {
    const individual = await installation.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'individual' });
    expect(individual.rows.every((row) => nomineeGroupOf(row.nomineeKind) === 'individual')).toBe(true);
  });

  it('a dossier saved through the seam stays out of the ranking as a draft, and enters it with its total once ready', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Phước Vinh (mới)'));
    const saved = await installation.call('dossiers.save', { ...dossierInput(unit.id, goodContent()), campaignYear: DEMO_YEAR });
    const asDraft = await installation.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    expect(asDraft.rows).toHaveLength(ranking.rows.length);
    expect(asDraft.unranked.draft).toBe((ranking.unranked.draft ?? 0) + 1);
    // Marked ready (here in the file itself: the database queues its score again whoever changes its status).
    withDatabase(installation.dataDir, (db) => db.prepare("UPDATE dossiers SET status = 'ready' WHERE id = ?").run(saved.dossier.id), { readonly: false });
    const after = await installation.call('ranking.get', { campaignYear: DEMO_YEAR, group: 'collective' });
    expect(after.rows).toHaveLength(ranking.rows.length + 1);
    const row = after.rows.find((candidate) => candidate.dossierId === saved.dossier.id);
    expect(row).toBeDefined();
    expect(row?.total).toBe(saved.dossier.selfTotal);
    expect(row?.eligible).toBe(saved.dossier.eligible);
    expect(row?.unitName).toBe('UBND xã Phước Vinh (mới)');
    // It stands where its total puts it: after every eligible row with a higher total, before every lower one.
    const total = row?.total ?? 0;
    const higher = after.rows.filter((other) => other.eligible && other.total > total).length;
    const notLower = after.rows.filter((other) => other.eligible && other.total >= total).length;
    expect(row?.eligible).toBe(true);
    expect(row?.position).toBeGreaterThan(higher);
    expect(row?.position).toBeLessThanOrEqual(notLower);
  });
});
