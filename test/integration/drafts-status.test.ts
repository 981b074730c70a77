import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../shared/contract/calls';
import { schemeFor } from '../../shared/domain/campaign';
import type { ChecklistItem } from '../../shared/domain/checklist';
import type { DossierContent, DossierStatus } from '../../shared/domain/dossier';
import { REPORT_HEADINGS, REPORT_MIN_WORDS } from '../../shared/domain/report-template';
import { countWords } from '../../shared/domain/text';
import type { Unit } from '../../shared/domain/unit';
import { messages } from '../../shared/i18n';
import { manualCriteria } from '../../shared/scoring/leaves';
import type { Scheme } from '../../shared/scoring/types';
import { setUpCore } from '../support/core';
import { commune, completeContent, databaseSnapshot, officeCounts, tableRows, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;
const KIND = 'communePeoplesCommittee' as const;

/** A form as typed: Vietnamese in both Unicode forms, line breaks of every system, and characters that break naive code. */
const TYPED_FORM = {
  report: 'I. ĐẶC ĐIỂM, TÌNH HÌNH\r\nỦy ban nhân dân xã Tân Phong phối hợp chặt chẽ với NHCSXH…\n\tII. THÀNH TÍCH',
  'indicators.outstandingLoans': '152.000,5',
  'indicators.overdueRatio': '0,24',
  decomposed: 'Nguye\u0302\u0303n Thi\u0323 Ha\u0300',
  odd: 'quote " apostrophe \' backslash \\ slash / <b>html</b> ${x} %s \u0000 nul \u2028 line-separator \u200b zero-width',
  emoji: '👩‍🌾 Tổ TK&VV 🇻🇳',
  rightToLeft: 'مرحبا',
  nested: { selfScores: { participation: { points: '13,5', justification: 'Chỉ đạo sát sao — “kịp thời”.' } }, list: [1, 'hai', null, true] },
  empty: '',
  nothing: null,
};

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

function item(detail: DossierDetail, key: string): ChecklistItem {
  const found = detail.checklist.find((line) => line.key === key);
  if (!found) throw new Error(`no checklist line ${key}`);
  return found;
}

function okMap(detail: DossierDetail): Record<string, boolean> {
  return Object.fromEntries(detail.checklist.map((line) => [line.key, line.ok]));
}

/** A report with the collective headings and exactly `words` words in all. */
function reportOfWords(words: number): string {
  const headings = REPORT_HEADINGS.collective;
  const skeleton = headings.join('\n\n');
  const filler = Array.from({ length: words - countWords(skeleton) }, (_unused, index) => `từ${index + 1}`).join(' ');
  const report = `${headings[0]}\n${filler}\n\n${headings.slice(1).join('\n\n')}`;
  expect(countWords(report)).toBe(words);
  return report;
}

function setStatusDirectly(dataDir: string, id: string, status: DossierStatus): void {
  withDatabase(dataDir, (db) => db.prepare('UPDATE dossiers SET status = ?, exported_revision = revision WHERE id = ?').run(status, id), { readonly: false });
}

describe('autosaved drafts', () => {
  let installation: Installation;
  let unit: Unit;
  let scheme: Scheme;
  beforeEach(async () => {
    installation = await setUpCore();
    unit = await installation.call('units.create', commune('UBND xã Tân Phong'));
    const found = schemeFor(await installation.call('campaigns.get', { year: 2025 }), KIND);
    if (!found) throw new Error('no collective scheme');
    scheme = found;
  });
  afterEach(() => installation.close());

  it('a draft keeps exactly what was typed — Vietnamese, decomposed accents, emoji, NUL — and is gone once discarded', async () => {
    const key = `new:${KIND}:${unit.id}`;
    const saved = await installation.call('drafts.save', { key, campaignYear: 2025, dossierId: null, form: TYPED_FORM });
    expect(Number.isNaN(Date.parse(saved.updatedAt))).toBe(false);
    const draft = await installation.call('drafts.get', { key });
    expect(draft).toEqual({ key, dossierId: null, form: TYPED_FORM, updatedAt: saved.updatedAt });
    // Nothing is normalised: the decomposed letters stay decomposed.
    expect((draft?.form as typeof TYPED_FORM).decomposed).not.toBe(TYPED_FORM.decomposed.normalize('NFC'));

    // Typing on replaces the draft; it is still one draft.
    const later = { ...TYPED_FORM, report: `${TYPED_FORM.report}\nIII. CÁC HÌNH THỨC KHEN THƯỞNG` };
    await installation.call('drafts.save', { key, campaignYear: 2025, dossierId: null, form: later });
    expect((await installation.call('drafts.get', { key }))?.form).toEqual(later);
    expect(officeCounts(installation.dataDir).drafts).toBe(1);

    expect(await installation.call('drafts.discard', { key })).toBeNull();
    expect(await installation.call('drafts.get', { key })).toBeNull();
    expect(officeCounts(installation.dataDir).drafts).toBe(0);
    // Discarding what is not there is not an error.
    expect(await installation.call('drafts.discard', { key })).toBeNull();
  });

  it('a draft survives a restart of the application', async () => {
    const key = `new:${KIND}:${unit.id}`;
    const saved = await installation.call('drafts.save', { key, campaignYear: 2025, dossierId: null, form: TYPED_FORM });
    installation.reopen();
    expect((await installation.errorOf('drafts.get', { key })).code).toBe('auth.required');
    await installation.login();
    expect(await installation.call('drafts.get', { key })).toEqual({ key, dossierId: null, form: TYPED_FORM, updatedAt: saved.updatedAt });
  });

  it('a draft of a dossier that does not exist is refused with dossier.notFound; nothing written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const error = await installation.errorOf('drafts.save', { key: 'dossier:no-such-dossier', campaignYear: 2025, dossierId: 'no-such-dossier', form: { report: 'Bản nháp' } });
    expect(error).toEqual({ code: 'dossier.notFound', params: { id: 'no-such-dossier' } });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a form over 200,000 characters is refused as too long; nothing written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const error = await installation.errorOf('drafts.save', { key: 'new:x', campaignYear: 2025, dossierId: null, form: { report: 'chữ '.repeat(50_001) } });
    expect(error).toMatchObject({ code: 'call.invalidInput', issues: [{ path: 'form', key: 'validation.tooLong', params: { maximum: 200_000 } }] });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('saving the dossier deletes the draft it came from: the new dossier’s, then the dossier’s own; other drafts stay', async () => {
    const other = await installation.call('units.create', commune('UBND xã Tân Lập'));
    const otherKey = `new:${KIND}:${other.id}`;
    await installation.call('drafts.save', { key: otherKey, campaignYear: 2025, dossierId: null, form: { report: 'Nháp của xã khác' } });
    const newKey = `new:${KIND}:${unit.id}`;
    await installation.call('drafts.save', { key: newKey, campaignYear: 2025, dossierId: null, form: TYPED_FORM });

    const content = completeContent(scheme, KIND);
    const created = await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: KIND, unitId: unit.id, content });
    expect(await installation.call('drafts.get', { key: newKey })).toBeNull();
    expect(await installation.call('drafts.get', { key: otherKey })).not.toBeNull();

    const ownKey = `dossier:${created.dossier.id}`;
    await installation.call('drafts.save', { key: ownKey, campaignYear: 2025, dossierId: created.dossier.id, form: { report: 'Đang sửa…' } });
    expect((await installation.call('drafts.get', { key: ownKey }))?.dossierId).toBe(created.dossier.id);
    await installation.call('dossiers.save', { id: created.dossier.id, campaignYear: 2025, nomineeKind: KIND, unitId: unit.id, content: { ...content, womenShare: 30 } });
    expect(await installation.call('drafts.get', { key: ownKey })).toBeNull();
    expect(await installation.call('drafts.get', { key: otherKey })).not.toBeNull();
    expect(officeCounts(installation.dataDir).drafts).toBe(1);
  });

  it('a refused save keeps the draft: nothing typed is lost', async () => {
    const newKey = `new:${KIND}:${unit.id}`;
    await installation.call('drafts.save', { key: newKey, campaignYear: 2025, dossierId: null, form: TYPED_FORM });
    const content = completeContent(scheme, KIND);
    const firstIndicator = scheme.indicators[0];
    if (!firstIndicator) throw new Error('scheme without indicators');
    const bad = { ...content, indicators: { ...content.indicators, [firstIndicator.key]: firstIndicator.unit === 'yesNo' ? 5 : firstIndicator.max + 1 } };
    const error = await installation.errorOf('dossiers.save', { campaignYear: 2025, nomineeKind: KIND, unitId: unit.id, content: bad });
    expect(error.code).toBe('call.invalidInput');
    expect(error.issues?.[0]?.path).toBe(`content.indicators.${firstIndicator.key}`);
    expect((await installation.call('drafts.get', { key: newKey }))?.form).toEqual(TYPED_FORM);
  });
});

describe('readiness: the checklist, ready and draft, revisions after sending', () => {
  let installation: Installation;
  let unit: Unit;
  let scheme: Scheme;
  beforeEach(async () => {
    installation = await setUpCore();
    unit = await installation.call('units.create', commune('UBND xã Tân Phong'));
    const found = schemeFor(await installation.call('campaigns.get', { year: 2025 }), KIND);
    if (!found) throw new Error('no collective scheme');
    scheme = found;
  });
  afterEach(() => installation.close());

  /** Content that fails every line of the checklist: an empty indicator, a short justification, a report without heading III and too short. */
  function incompleteContent(): DossierContent {
    const full = completeContent(scheme, KIND);
    const indicator = scheme.indicators[0]?.key as string;
    const criterion = manualCriteria(scheme)[0]?.id as string;
    return {
      ...full,
      indicators: { ...full.indicators, [indicator]: null },
      selfScores: { ...full.selfScores, [criterion]: { points: full.selfScores[criterion]?.points ?? null, justification: ' Tốt lắm!! ' } },
      report: `${REPORT_HEADINGS.collective[0]}\nXã hoàn thành tốt nhiệm vụ.\n${REPORT_HEADINGS.collective[1]}\nĐạt các chỉ tiêu.`,
    };
  }

  async function save(content: DossierContent, id?: string) {
    return installation.call('dossiers.save', { ...(id ? { id } : {}), campaignYear: 2025, nomineeKind: KIND, unitId: unit.id, content });
  }

  async function attach(dossierId: string) {
    return installation.call('attachments.add', { dossierId, fileName: 'Biên bản họp.pdf', content: PDF.toString('base64') });
  }

  it('the checklist of an incomplete dossier says what is missing, and marking it ready is dossier.incomplete with nothing changed', async () => {
    const saved = await save(incompleteContent());
    expect(saved.checklist).toEqual([
      { key: 'checklist.indicators', ok: false, params: { missing: 1 } },
      { key: 'checklist.justifications', ok: false, params: { missing: 1, minimum: 10 } },
      { key: 'checklist.headings', ok: false, params: { missing: `: ${REPORT_HEADINGS.collective[2] as string}` } },
      { key: 'checklist.words', ok: false, params: { words: countWords(saved.dossier.content.report), minimum: REPORT_MIN_WORDS } },
      { key: 'checklist.evidence', ok: false, params: { count: 0 } },
    ]);
    for (const line of saved.checklist) {
      const [section, name] = line.key.split('.') as ['checklist', keyof (typeof messages)['vi']['checklist']];
      expect(typeof messages.vi[section][name]).toBe('string');
      expect(typeof messages.en[section][name]).toBe('string');
    }

    const before = databaseSnapshot(installation.dataDir);
    expect(await installation.errorOf('dossiers.setStatus', { id: saved.dossier.id, status: 'ready' })).toEqual({ code: 'dossier.incomplete' });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
    expect((await installation.call('dossiers.get', { id: saved.dossier.id })).dossier.status).toBe('draft');
  });

  it('each condition turns its own line green, at its boundary; with all five the dossier can be marked ready', async () => {
    const content = incompleteContent();
    const complete = completeContent(scheme, KIND);
    const { id } = (await save(content)).dossier;

    // All the indicators.
    let detail: DossierDetail = await save({ ...content, indicators: complete.indicators }, id);
    expect(okMap(detail)).toEqual({ 'checklist.indicators': true, 'checklist.justifications': false, 'checklist.headings': false, 'checklist.words': false, 'checklist.evidence': false });

    // A justification of 9 characters is not enough; 10 (after trimming) is.
    const criterion = manualCriteria(scheme)[0]?.id as string;
    const points = complete.selfScores[criterion]?.points ?? null;
    detail = await save({ ...content, indicators: complete.indicators, selfScores: { ...complete.selfScores, [criterion]: { points, justification: '  123456789  ' } } }, id);
    expect(item(detail, 'checklist.justifications')).toMatchObject({ ok: false, params: { missing: 1 } });
    content.indicators = complete.indicators;
    content.selfScores = { ...complete.selfScores, [criterion]: { points, justification: ' Đạt 10 ký. ' } };
    expect(content.selfScores[criterion]?.justification.trim()).toHaveLength(10);
    detail = await save(content, id);
    expect(item(detail, 'checklist.justifications')).toMatchObject({ ok: true, params: { missing: 0 } });

    // The three headings (case and spacing do not matter), but only 149 words.
    content.report = reportOfWords(REPORT_MIN_WORDS - 1).replace(REPORT_HEADINGS.collective[2] as string, 'iii.  các hình thức   khen thưởng đã đạt được');
    detail = await save(content, id);
    expect(item(detail, 'checklist.headings').ok).toBe(true);
    expect(item(detail, 'checklist.words')).toEqual({ key: 'checklist.words', ok: false, params: { words: REPORT_MIN_WORDS - 1, minimum: REPORT_MIN_WORDS } });
    content.report = reportOfWords(REPORT_MIN_WORDS);
    detail = await save(content, id);
    expect(item(detail, 'checklist.words').ok).toBe(true);
    expect(item(detail, 'checklist.evidence').ok).toBe(false);
    expect((await installation.errorOf('dossiers.setStatus', { id, status: 'ready' })).code).toBe('dossier.incomplete');

    // One piece of evidence completes it.
    await attach(id);
    detail = await installation.call('dossiers.get', { id });
    expect(item(detail, 'checklist.evidence')).toEqual({ key: 'checklist.evidence', ok: true, params: { count: 1 } });
    expect(detail.checklist.every((line) => line.ok)).toBe(true);
    const ready = await installation.call('dossiers.setStatus', { id, status: 'ready' });
    expect(ready.dossier.status).toBe('ready');
    expect(ready.dossier.revision).toBe(1);
    expect((await installation.call('dossiers.list', { campaignYear: 2025 }))[0]?.status).toBe('ready');

    // And back to draft on request.
    expect((await installation.call('dossiers.setStatus', { id, status: 'draft' })).dossier.status).toBe('draft');
  });

  it('a ready dossier saved and still complete stays ready; saved without its only evidence, it goes back to draft', async () => {
    const content = completeContent(scheme, KIND);
    const { id } = (await save(content)).dossier;
    const { sha256: sha } = (await attach(id))[0] ?? { sha256: '' };
    expect(sha).toBe(sha256(PDF));
    await installation.call('dossiers.setStatus', { id, status: 'ready' });

    const edited = await save({ ...content, womenShare: 71 }, id);
    expect(edited.dossier).toMatchObject({ status: 'ready', revision: 1 });
    expect(edited.revisionStarted).toBe(false);

    await installation.call('attachments.remove', { dossierId: id, sha256: sha });
    const saved = await save({ ...content, womenShare: 71 }, id);
    expect(saved.dossier.status).toBe('draft');
    expect(item(saved, 'checklist.evidence')).toMatchObject({ ok: false, params: { count: 0 } });

    // A ready dossier that loses a line of its checklist in the form goes back to draft too.
    await attach(id);
    await installation.call('dossiers.setStatus', { id, status: 'ready' });
    const shorter = await save({ ...content, report: reportOfWords(REPORT_MIN_WORDS - 1) }, id);
    expect(shorter.dossier.status).toBe('draft');
  });

  it('a dossier already sent cannot be marked ready or draft: dossier.alreadySent, nothing changed', async () => {
    const { id } = (await save(completeContent(scheme, KIND))).dossier;
    await attach(id);
    for (const sent of ['exported', 'received', 'returned'] as const) {
      setStatusDirectly(installation.dataDir, id, sent);
      const before = databaseSnapshot(installation.dataDir);
      for (const status of ['ready', 'draft'] as const) {
        expect(await installation.errorOf('dossiers.setStatus', { id, status })).toEqual({ code: 'dossier.alreadySent', params: { revision: 1 } });
      }
      expect(databaseSnapshot(installation.dataDir)).toEqual(before);
    }
  });

  it('changing a sent dossier starts revision 2 in draft; saving it unchanged keeps its revision and status', async () => {
    const content = completeContent(scheme, KIND);
    const { id } = (await save(content)).dossier;
    await attach(id);
    await installation.call('dossiers.setStatus', { id, status: 'ready' });
    setStatusDirectly(installation.dataDir, id, 'exported');

    const unchanged = await save(content, id);
    expect(unchanged.dossier).toMatchObject({ revision: 1, status: 'exported', exportedRevision: 1 });
    expect(unchanged.revisionStarted).toBe(false);

    const changed = await save({ ...content, womenShare: 12 }, id);
    expect(changed.dossier).toMatchObject({ revision: 2, status: 'draft', exportedRevision: 1 });
    expect(changed.revisionStarted).toBe(true);
    expect(tableRows(installation.dataDir, 'dossiers')).toMatchObject([{ id, revision: 2, status: 'draft' }]);

    // Saved again before it is sent: still revision 2.
    const again = await save({ ...content, womenShare: 13 }, id);
    expect(again.dossier).toMatchObject({ revision: 2, status: 'draft' });
    expect(again.revisionStarted).toBe(false);

    // Revision 2 is sent, then returned by the branch: the next change is revision 3.
    setStatusDirectly(installation.dataDir, id, 'returned');
    expect((await save({ ...content, womenShare: 13 }, id)).dossier).toMatchObject({ revision: 2, status: 'returned' });
    const third = await save({ ...content, womenShare: 14 }, id);
    expect(third.dossier).toMatchObject({ revision: 3, status: 'draft' });
    expect(third.revisionStarted).toBe(true);
  });
});
