// Stored ranking scores (decision 007) are never stale: after every kind of change the scores in the database equal
// a fresh computation from the dossiers, reviews, adjustments, schemes, campaign rules and people as they now are —
// computed here independently, the way the ranking computed every score on every call before scores were stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustedContent, type Adjustment, type AdjustedValue } from '../../shared/domain/adjustment';
import { readSettings, schemeFor } from '../../shared/domain/campaign';
import { toScoreInput, type DossierContent } from '../../shared/domain/dossier';
import { nomineeGroupOf, type NomineeKind } from '../../shared/domain/kinds';
import type { Gender } from '../../shared/domain/person';
import { aggregateScores, councilResult } from '../../shared/scoring/aggregation';
import { manualCriteria } from '../../shared/scoring/leaves';
import { criterionPoints, scoreDossier } from '../../shared/scoring/score';
import type { CriterionResult, Scheme } from '../../shared/scoring/types';
import { enrol, OFFICE_NAME, BRANCH_NAME, openInstallation, pdfBytes, readyDossier, YEAR, type Installation } from './exchange-support';
import { withDatabase } from './helpers';

interface Fresh {
  dossierId: string;
  group: string;
  status: string;
  total: number;
  selfTotal: number;
  eligible: boolean;
  source: 'self' | 'council' | 'awaiting';
  reviewers: number;
  counted: number;
  adjustments: number;
  votesFor: number | null;
  voters: number | null;
  tieKeys: number[];
  points: Record<string, number>;
  schemeVersion: number;
  revision: number;
}

function flatten(results: CriterionResult[]): CriterionResult[] {
  return results.flatMap((result) => [result, ...flatten(result.children)]);
}

/** Every dossier's ranking score computed from the tables as they are, with the explaining scorer. */
function freshScores(dataDir: string): Fresh[] {
  return withDatabase(dataDir, (db) => {
    const dossiers = db
      .prepare('SELECT d.id, d.campaign_year, d.status, d.nominee_kind, d.scheme_id, d.scheme_version, d.revision, d.content, p.gender FROM dossiers d LEFT JOIN people p ON p.id = d.person_id')
      .all() as { id: string; campaign_year: number; status: string; nominee_kind: NomineeKind; scheme_id: string; scheme_version: number; revision: number; content: string; gender: Gender | null }[];
    // An office previews on its self-assessment; the branch totals what its campaign says.
    const atOffice = (db.prepare("SELECT value FROM settings WHERE key = 'mode'").pluck().get() as string) === 'office';
    return dossiers.map((dossier) => {
      const scheme = JSON.parse((db.prepare('SELECT definition FROM schemes WHERE id = ? AND version = ?').get(dossier.scheme_id, dossier.scheme_version) as { definition: string }).definition) as Scheme;
      const settings = readSettings(JSON.parse((db.prepare('SELECT settings FROM campaigns WHERE year = ?').get(dossier.campaign_year) as { settings: string }).settings));
      const adjustments = (
        db.prepare('SELECT target_type, target, value FROM adjustments WHERE dossier_id = ? AND revision = ? AND withdrawn_at IS NULL ORDER BY at').all(dossier.id, dossier.revision) as {
          target_type: 'indicator' | 'criterion';
          target: string;
          value: string;
        }[]
      ).map((row) => ({ target: row.target_type === 'indicator' ? { type: 'indicator', key: row.target } : { type: 'criterion', id: row.target }, value: JSON.parse(row.value) as AdjustedValue }) as Adjustment);
      const reviews = db.prepare('SELECT reviewer, scores, conflict FROM reviews WHERE dossier_id = ? ORDER BY reviewer').all(dossier.id) as { reviewer: string; scores: string; conflict: number }[];
      const input = toScoreInput(adjustedContent(JSON.parse(dossier.content) as DossierContent, adjustments), { nomineeKind: dossier.nominee_kind, personGender: dossier.gender });
      const self = scoreDossier(scheme, input);
      let result = self;
      let source: Fresh['source'] = 'self';
      let counted = 0;
      if (!atOffice && settings.officialTotal === 'council') {
        source = 'awaiting';
        result = { ...self, eligible: false };
        const byReviewer = reviews.map((review) => ({ reviewer: review.reviewer, conflict: review.conflict === 1, result: scoreDossier(scheme, { ...input, selfScores: JSON.parse(review.scores) as Record<string, number> }) }));
        const aggregate = aggregateScores(byReviewer, settings.aggregation);
        if (aggregate.total !== null) {
          result = councilResult(byReviewer.filter((sheet) => aggregate.counted.includes(sheet.reviewer)).map((sheet) => sheet.result), aggregate.total, scheme.minTotal);
          source = 'council';
          counted = aggregate.counted.length;
        }
      }
      const round = nomineeGroupOf(dossier.nominee_kind) === 'individual' ? 2 : 1;
      const ballot = db
        .prepare('SELECT b.votes_for AS votesFor, b.voters FROM ballots b JOIN meetings m ON m.id = b.meeting_id WHERE m.campaign_year = ? AND m.round = ? AND b.dossier_id = ?')
        .get(dossier.campaign_year, round, dossier.id) as { votesFor: number; voters: number } | undefined;
      return {
        dossierId: dossier.id,
        group: nomineeGroupOf(dossier.nominee_kind),
        status: dossier.status,
        total: result.total,
        // The office's own total, as it sent it: the council's adjustments show beside it, never in it.
        selfTotal: scoreDossier(scheme, toScoreInput(JSON.parse(dossier.content) as DossierContent, { nomineeKind: dossier.nominee_kind, personGender: dossier.gender })).total,
        eligible: result.eligible,
        source,
        reviewers: reviews.length,
        counted,
        adjustments: adjustments.length,
        votesFor: ballot?.votesFor ?? null,
        voters: ballot?.voters ?? null,
        tieKeys: settings.tieBreaks.map((tieBreak) =>
          tieBreak.type === 'criterion' ? criterionPoints(result, tieBreak.criterionId) : tieBreak.type === 'womenPriority' ? (input.womenPriority ? 1 : 0) : ballot ? ballot.votesFor / ballot.voters : 0,
        ),
        points: Object.fromEntries(flatten([...result.criteria, ...result.bonusCriteria]).map((criterion) => [criterion.id, criterion.points])),
        schemeVersion: dossier.scheme_version,
        revision: dossier.revision,
      } satisfies Fresh;
    });
  });
}

function storedScores(dataDir: string): Fresh[] {
  return withDatabase(dataDir, (db) => {
    const rows = db.prepare('SELECT * FROM dossier_scores').all() as Record<string, unknown>[];
    return rows.map((row) => ({
      dossierId: row.dossier_id as string,
      group: row.nominee_group as string,
      status: row.status as string,
      total: row.total as number,
      selfTotal: row.self_total as number,
      eligible: row.eligible === 1,
      source: row.source as Fresh['source'],
      reviewers: row.reviewers as number,
      counted: row.counted as number,
      adjustments: row.adjustments as number,
      votesFor: row.votes_for as number | null,
      voters: row.voters as number | null,
      tieKeys: JSON.parse(row.tie_keys as string) as number[],
      points: JSON.parse(row.points as string) as Record<string, number>,
      schemeVersion: row.scheme_version as number,
      revision: row.revision as number,
    }));
  });
}

const byId = (a: { dossierId: string }, b: { dossierId: string }) => (a.dossierId < b.dossierId ? -1 : 1);

/** Every stored score equals a fresh computation, nothing waits in the queue, the ranking shows them, and `verify` agrees. */
async function expectFresh(installation: Installation, what: string, options: { verify?: boolean } = {}): Promise<Fresh[]> {
  const fresh = freshScores(installation.dataDir).sort(byId);
  expect(withDatabase(installation.dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM stale_scores').get() as { n: number }).n), what).toBe(0);
  expect(storedScores(installation.dataDir).sort(byId), what).toEqual(fresh);
  for (const group of ['collective', 'individual'] as const) {
    const ranking = await installation.call('ranking.get', { campaignYear: YEAR, group });
    const shown = ranking.rows.map((row) => ({ dossierId: row.dossierId, total: row.total, selfTotal: row.selfTotal, eligible: row.eligible, source: row.source, keys: row.keys })).sort(byId);
    expect(shown, `${what}: ${group} ranking`).toEqual(
      fresh.filter((score) => score.group === group && ['ready', 'exported', 'received'].includes(score.status)).map((score) => ({ dossierId: score.dossierId, total: score.total, selfTotal: score.selfTotal, eligible: score.eligible, source: score.source, keys: score.tieKeys })),
    );
  }
  if (options.verify ?? true) expect((await installation.call('database.verify', {})).problems, what).toEqual([]);
  return fresh;
}

describe('stored ranking scores follow every change, in the transaction that makes it', () => {
  const usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-scores-'));
  let branch: Installation;
  let office: Installation;
  let received: string[] = [];
  let womanId = '';

  beforeAll(async () => {
    branch = await openInstallation('branch', BRANCH_NAME);
    office = await openInstallation('office', OFFICE_NAME);
    const { communes } = await enrol(branch, office, usb, { communes: 3 });
    for (const [index, unit] of communes.entries()) await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: unit.id }, [{ fileName: `Biên bản ${index}.pdf`, bytes: pdfBytes(`xa-${index}`) }]);
    const unit = communes[0];
    if (!unit) throw new Error('no commune');
    const woman = await office.call('people.create', { fullName: 'Nguyễn Thị Thu Hà', birthYear: 1980, gender: 'female', position: 'Tổ trưởng Tổ TK&VV ấp Bình Hòa', unitId: unit.id });
    const man = await office.call('people.create', { fullName: 'Trần Văn Bảy', birthYear: 1976, gender: 'male', position: 'Tổ trưởng Tổ TK&VV ấp Bình Lợi', unitId: unit.id });
    womanId = woman.id;
    for (const person of [woman, man]) await readyDossier(office, { kind: 'groupHead', unitId: unit.id, personId: person.id }, [{ fileName: `${person.fullName}.pdf`, bytes: pdfBytes(person.id) }]);
    await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: join(usb, 'submission-1.tdcs') });
    await branch.apply(join(usb, 'submission-1.tdcs'), { acceptLate: true });
    const list = await branch.call('dossiers.list', { campaignYear: YEAR });
    // Collectives first: the tests below adjust and revise those.
    received = [...list.filter((dossier) => dossier.personId === null), ...list.filter((dossier) => dossier.personId !== null)].map((dossier) => dossier.id);
  });
  afterAll(() => {
    branch.close();
    office.close();
    rmSync(usb, { recursive: true, force: true });
  });

  it('a received submission is scored on import', async () => {
    expect(received).toHaveLength(5);
    const fresh = await expectFresh(branch, 'after the import');
    // The council's score is the official total by default: until members score them, the dossiers await it.
    expect(fresh.every((score) => score.source === 'awaiting' && !score.eligible)).toBe(true);
    await expectFresh(office, 'at the office');
  });

  it('council members’ sheets, replaced and deleted, move the council’s total', async () => {
    const [first] = received;
    if (!first) throw new Error('no dossier');
    const { scheme } = await branch.call('dossiers.get', { id: first });
    const member = async (fullName: string): Promise<string> => {
      const council = await branch.call('council.saveMember', { campaignYear: YEAR, fullName, position: 'member', title: '', userId: null });
      return council.members.find((candidate) => candidate.fullName === fullName)?.id ?? '';
    };
    const [a, b, c] = [await member('Trần Văn A'), await member('Lê Thị B'), await member('Phạm Văn C')];
    const sheet = (share: number) => Object.fromEntries(manualCriteria(scheme).map((criterion) => [criterion.id, Math.floor((criterion.max * share) / 50) * 50]));
    await branch.call('reviews.save', { dossierId: first, memberId: a, scores: sheet(0.9), conflict: false, note: '' });
    await branch.call('reviews.save', { dossierId: first, memberId: b, scores: sheet(0.4), conflict: false, note: '' });
    const reviews = await branch.call('reviews.save', { dossierId: first, memberId: c, scores: {}, conflict: true, note: 'Người thân' });
    expect((await expectFresh(branch, 'three sheets')).find((score) => score.dossierId === first)).toMatchObject({ source: 'council', reviewers: 3 });
    await branch.call('reviews.save', { dossierId: first, memberId: b, scores: sheet(1), conflict: false, note: 'Sửa' });
    await expectFresh(branch, 'a sheet replaced');
    await branch.call('reviews.delete', { id: reviews.find((review) => review.reviewer === 'Trần Văn A')?.id ?? '' });
    await expectFresh(branch, 'a sheet deleted');
  });

  it('the council’s rules: the aggregate method and the tie-break chain', async () => {
    const campaign = await branch.call('campaigns.get', { year: YEAR });
    await branch.call('campaigns.update', { year: YEAR, settings: { ...campaign.settings, aggregation: 'trimmedMean', tieBreaks: [{ type: 'womenPriority' }, { type: 'criterion', criterionId: 'participation' }] } });
    const fresh = await expectFresh(branch, 'new rules');
    expect(fresh.every((score) => score.tieKeys.length === 2)).toBe(true);
    await branch.call('campaigns.update', { year: YEAR, settings: campaign.settings });
    await expectFresh(branch, 'rules restored');
  });

  it('an adjustment saved and withdrawn', async () => {
    const target = received[1] as string;
    const detail = await branch.call('adjustments.save', { dossierId: target, target: { type: 'indicator', key: 'overdueRatio' }, value: 2.5, reason: 'Số liệu đối chiếu với sổ sách chi nhánh' });
    const adjusted = (await expectFresh(branch, 'adjusted')).find((score) => score.dossierId === target);
    expect(adjusted?.adjustments).toBe(1);
    // Above the scheme's overdue ceiling: the corrected figure makes the dossier ineligible.
    expect(adjusted?.eligible).toBe(false);
    await branch.call('adjustments.remove', { id: detail.adjustments[0]?.id ?? '', reason: 'Nhập nhầm, trả lại số của đơn vị' });
    expect((await expectFresh(branch, 'withdrawn')).find((score) => score.dossierId === target)?.adjustments).toBe(0);
  });

  it('the nominee’s gender in the registry', async () => {
    const person = (await branch.call('people.list', {})).find((candidate) => candidate.id === womanId);
    if (!person) throw new Error('the person did not arrive');
    await branch.call('people.update', { id: person.id, fullName: person.fullName, birthYear: person.birthYear, gender: 'male', position: person.position, unitId: person.unitId });
    await expectFresh(branch, 'gender changed');
  });

  it('a scheme’s new version, and the dossiers moved to it', async () => {
    const campaign = await branch.call('campaigns.get', { year: YEAR });
    if (campaign.status === 'preparation') await branch.call('campaigns.update', { year: YEAR, status: 'open' });
    const scheme = schemeFor(await branch.call('campaigns.get', { year: YEAR }), 'communePeoplesCommittee') as Scheme;
    const edited: Scheme = { ...scheme, minTotal: 9_000, criteria: scheme.criteria.map((criterion) => (criterion.id === 'participation' ? { ...criterion, label: { vi: 'Tham gia, chỉ đạo', en: 'Participation' } } : criterion)) };
    const saved = await branch.call('schemes.save', { campaignYear: YEAR, scheme: edited });
    expect(saved.newVersion).toBe(true);
    await expectFresh(branch, 'a new version, dossiers still on the old one');
    const moved = await branch.call('dossiers.rescore', { campaignYear: YEAR, schemeId: scheme.id });
    expect(moved.rescored).toBe(3);
    const fresh = await expectFresh(branch, 'dossiers rescored');
    expect(fresh.filter((score) => score.schemeVersion === saved.scheme.version)).toHaveLength(3);
  });

  it('a scheme definition rewritten outside the services is caught by the database itself (the office)', async () => {
    const scheme = schemeFor(await office.call('campaigns.get', { year: YEAR }), 'groupHead') as Scheme;
    const before = await expectFresh(office, 'office before');
    // At the office the setup's schemes are the branch's: a new setup rewrites them, as an edit in preparation does.
    withDatabase(office.dataDir, (db) => db.prepare('UPDATE schemes SET definition = ? WHERE id = ? AND version = ?').run(JSON.stringify({ ...scheme, bonus: { ...scheme.bonus, max: 0 }, minTotal: 0 }), scheme.id, scheme.version), { readonly: false });
    // Queued by the database itself; the next read computes them before answering.
    expect(withDatabase(office.dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM stale_scores').get() as { n: number }).n)).toBe(2);
    await office.call('ranking.get', { campaignYear: YEAR, group: 'individual' });
    // (`verify` would also report the dossier list's own self-assessed totals, which only the services keep.)
    const after = await expectFresh(office, 'office after a rewrite outside the services', { verify: false });
    const individuals = (scores: Fresh[]) => scores.filter((score) => score.group === 'individual');
    const bonusOf = (score: Fresh) => Math.min(scheme.bonus.max, scheme.bonus.criteria.reduce((sum, criterion) => sum + (score.points[criterion.id] ?? 0), 0));
    // Without the bonus the totals fall by what the bonus gave; the collectives' scheme is another one and does not move.
    expect(individuals(before).some((score) => bonusOf(score) > 0)).toBe(true);
    expect(individuals(after).map((score) => score.total)).toEqual(individuals(before).map((score) => score.total - bonusOf(score)));
    expect(after.filter((score) => score.group === 'collective')).toEqual(before.filter((score) => score.group === 'collective'));
    withDatabase(office.dataDir, (db) => db.prepare('UPDATE schemes SET definition = ? WHERE id = ? AND version = ?').run(JSON.stringify(scheme), scheme.id, scheme.version), { readonly: false });
    await office.call('ranking.get', { campaignYear: YEAR, group: 'individual' });
    expect(await expectFresh(office, 'office with its scheme back')).toEqual(before);
  });

  it('the office’s next revision replaces the received one, and the adjustments of the old revision fall away', async () => {
    const target = received[2] as string;
    await branch.call('adjustments.save', { dossierId: target, target: { type: 'indicator', key: 'meetingsHeld' }, value: 1, reason: 'Biên bản họp chỉ có một cuộc' });
    expect((await expectFresh(branch, 'adjusted before the new revision')).find((score) => score.dossierId === target)?.adjustments).toBe(1);
    const { dossier } = await office.call('dossiers.get', { id: target });
    await office.call('dossiers.save', { id: target, campaignYear: YEAR, nomineeKind: dossier.nomineeKind, unitId: dossier.unitId, content: { ...dossier.content, indicators: { ...dossier.content.indicators, meetingsHeld: 3 } } });
    await office.call('dossiers.setStatus', { id: target, status: 'ready' });
    await expectFresh(office, 'office’s new revision');
    await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: join(usb, 'submission-2.tdcs') });
    await branch.apply(join(usb, 'submission-2.tdcs'), { acceptLate: true });
    const fresh = await expectFresh(branch, 'the new revision received');
    expect(fresh.find((score) => score.dossierId === target)).toMatchObject({ adjustments: 0, revision: 2 });
  });

  it('scores survive a restart unchanged, and a database whose queue was filled outside the services is settled at start', async () => {
    const before = storedScores(branch.dataDir).sort(byId);
    withDatabase(branch.dataDir, (db) => db.prepare('INSERT INTO stale_scores SELECT id FROM dossiers').run(), { readonly: false });
    await branch.reopen();
    expect(storedScores(branch.dataDir).sort(byId)).toEqual(before);
    await expectFresh(branch, 'after a restart');
  });
});
