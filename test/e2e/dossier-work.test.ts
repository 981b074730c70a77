import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { REPORT_HEADINGS, REPORT_MIN_WORDS, reportTemplate } from '../../shared/domain/report-template';
import { countWords } from '../../shared/domain/text';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { foldForSearch } from '../../shared/domain/text';
import { addUnit, buildIfStale, chooseNominee, completeWizard, hashOf, login, shot } from './helpers';

/**
 * An office's daily work on dossiers, in Vietnamese: nothing typed is lost (autosaved drafts survive a
 * reload and a closed tab), undo, the report template, evidence files, the readiness checklist and the
 * "ready" status, and a dossier for an individual; then the same screens in English.
 * The tests share one browser page and run in order.
 */

const ADMIN = { fullName: 'Lê Thị Hồng', username: 'hong.le', password: 'mat-khau-van-phong' };
// A commune People's Committee: scored by the collective-2025 scheme (the indicators of first-dossier.test.ts).
const UNIT_NAME = 'UBND xã Hảo Đước';
const PERSON = { fullName: 'Phạm Văn Lực', birthYear: '1975', position: 'Tổ trưởng Tổ TK&VV ấp Bình Hòa' };

/** Typed before the first autosave. */
const FIRST_TYPED: Record<string, string> = {
  '#indicator-outstandingLoans': '52000',
  '#indicator-outstandingLoansPlan': '50000',
  '#indicator-inspectionsDone': '11',
  '#indicator-inspectionsPlanned': '12',
  '#self-participation': '13,5',
  '#justification-participation': 'Chỉ đạo sát sao, họp giao ban',
};
/** Typed key by key just before the reload, within the autosave's half second. */
const LAST_KEYS = ' đầy đủ.';

/** The rest of a complete dossier. */
const REST_TYPED: Record<string, string> = {
  '#indicator-overdueRatio': '0,12',
  '#indicator-overdueRatioChange': '-0,05',
  '#indicator-outstandingInterestRatio': '0,08',
  '#indicator-householdSavingsGrowth': '7,5',
  '#indicator-goodGroupsShare': '90,5',
  '#indicator-weakGroups': '1',
  '#indicator-meetingsHeld': '10',
  '#indicator-meetingsPlanned': '12',
  '#indicator-violationsUnhandled': '0',
};
const CHOSEN: Record<string, 'yes' | 'no'> = { '#indicator-guidanceIssued': 'yes', '#indicator-seriousViolation': 'no', '#indicator-entrustedBudgetCapital': 'yes' };
const OTHER_SELF_SCORES: Record<string, { points: string; justification: string }> = {
  recordsQuality: { points: '4,5', justification: 'Hồ sơ, sổ sách lưu trữ đầy đủ.' },
  goodModels: { points: '0,5', justification: 'Mô hình tổ vay vốn gắn với tiết kiệm.' },
};

const [HEADING_1, HEADING_2, HEADING_3] = REPORT_HEADINGS.collective as [string, string, string];
/** An achievement report under the template's headings, long enough for the checklist. */
const REPORT = [
  HEADING_1,
  'Xã Hảo Đước có 5 ấp với hơn 3.200 hộ dân, trong đó 210 hộ nghèo và 180 hộ cận nghèo. Ủy ban nhân dân xã luôn xác định tín dụng chính sách xã hội là một kênh quan trọng để giảm nghèo bền vững, tạo việc làm và xây dựng nông thôn mới.',
  HEADING_2,
  'Năm 2025, dư nợ các chương trình tín dụng chính sách trên địa bàn đạt 52 tỷ đồng, vượt kế hoạch được giao. Tỷ lệ nợ quá hạn giảm còn 0,12%, lãi tồn đọng ở mức thấp. Ban giảm nghèo xã đã kiểm tra 11 trên 12 tổ tiết kiệm và vay vốn theo kế hoạch, phối hợp chặt chẽ với các hội đoàn thể nhận ủy thác và Phòng giao dịch tổ chức giao ban định kỳ hằng tháng. Các tổ được củng cố, kiện toàn kịp thời; hơn 90% tổ xếp loại tốt. Xã đã bố trí vốn ngân sách địa phương ủy thác qua Ngân hàng Chính sách xã hội để cho vay hộ nghèo và giải quyết việc làm.',
  HEADING_3,
  'Năm 2023 và năm 2024, Ủy ban nhân dân xã được Chủ tịch Ủy ban nhân dân huyện tặng Giấy khen vì có thành tích xuất sắc trong thực hiện tín dụng chính sách xã hội.',
].join('\n');

/** The form as the autosave sends it (only the parts read here). */
interface DraftForm {
  indicators: Record<string, string>;
  selfScores: Record<string, { points: string; justification: string }>;
  womenShare: string;
}

/** A real one-page PDF with a correct cross-reference table. */
function smallPdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 24 60 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 120] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real PNG (RGB, 8 bits): a blue-to-green gradient with a red band, visible as a thumbnail. */
function smallPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) {
      const band = y > height / 3 && y < height / 2;
      rows.push(band ? 200 : 20, band ? 30 : Math.round((x / width) * 200), band ? 30 : 220 - Math.round((y / height) * 150));
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.from(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The start of a Windows executable (MZ header, PE signature), to be renamed .pdf. */
function fakeExecutable(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.write('This program cannot be run in DOS mode.', 0x40, 'latin1');
  return bytes;
}

const PDF = { name: 'bien-ban-kiem-tra.pdf', mimeType: 'application/pdf', buffer: smallPdf('Bien ban kiem tra to TK&VV 2025') };
const PNG = { name: 'anh-giao-ban.png', mimeType: 'image/png', buffer: smallPng(120, 80) };
const EXE = { name: 'bao-cao-quy.pdf', mimeType: 'application/pdf', buffer: fakeExecutable() };

/** The size as the evidence list writes it (AttachmentsPanel's sizeText). */
function sizeText(bytes: number, locale: 'vi-VN' | 'en-GB'): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024)} KB`;
}

describe('dossier work: drafts never lost, undo, template, evidence, checklist, individuals', () => {
  const data = temporaryDataDir('tdcs-e2e-work-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let dossierId = '';
  let personDossierId = '';

  const nav = () => page.locator('nav.main-nav');
  const checklist = () => page.getByTestId('checklist').locator('li');

  /** The checklist's lines as true (green) or false, in order: indicators, justifications, headings, words, evidence. */
  async function checklistState(): Promise<boolean[]> {
    return (await checklist().evaluateAll((items) => items.map((item) => item.getAttribute('data-ok')))).map((ok) => ok === 'true');
  }

  /** Waits for the next autosave whose form satisfies `test`, started by `action`. */
  async function autosaved(action: () => Promise<void>, test: (form: DraftForm) => boolean): Promise<Response> {
    const kept = page.waitForResponse((response) => {
      if (!response.url().endsWith('/api/call')) return false;
      try {
        const request = JSON.parse(response.request().postData() ?? '{}') as { call?: string; input?: { form?: DraftForm } };
        return request.call === 'drafts.save' && request.input?.form !== undefined && test(request.input.form);
      } catch {
        return false;
      }
    });
    await action();
    const response = await kept;
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
    return response;
  }

  /** Waits for the answer to one call of the contract, started by `action`. */
  async function answered(name: string, action: () => Promise<void>): Promise<{ ok: boolean }> {
    const response = page.waitForResponse((candidate) => candidate.url().endsWith('/api/call') && (candidate.request().postData() ?? '').includes(`"call":"${name}"`));
    await action();
    return (await (await response).json()) as { ok: boolean };
  }

  async function valuesOf(selectors: string[]): Promise<Record<string, string>> {
    const values: Record<string, string> = {};
    for (const selector of selectors) values[selector] = await page.locator(selector).inputValue();
    return values;
  }

  /** A new tab on `url` (same browser profile), signed in again: a closed window, a reopened application. */
  async function reopen(url: string): Promise<void> {
    await page.close();
    page = await context.newPage();
    await page.goto(url);
    await page.locator('#login-username').waitFor();
    await login(page, ADMIN.username, ADMIN.password);
  }

  async function openDossier(name: string, title: string): Promise<void> {
    await nav().getByRole('link', { name: title === 'vi' ? 'Hồ sơ' : 'Dossiers' }).click();
    await page.getByTestId('dossier-table').getByRole('link', { name }).click();
    await page.getByTestId('dossier-form').waitFor();
  }

  beforeAll(async () => {
    buildIfStale();
    host = await startBrowserMode(data.dir);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('prepares an office installation with one unit', async () => {
    if (!host) throw new Error('browser mode did not start');
    await page.goto(host.url);
    await completeWizard(page, { mode: 'office', organisation: 'Phòng giao dịch NHCSXH huyện Châu Thành', ...ADMIN, demo: false });
    await login(page, ADMIN.username, ADMIN.password);
    // Signed in, the overview comes first; the dossiers are a click away.
    await nav().getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe('0/0 hồ sơ');
    await nav().getByRole('link', { name: 'Đơn vị' }).click();
    await addUnit(page, { name: UNIT_NAME, kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Hảo Đước' });
  });

  it('never loses what is typed: a reload, a closed tab, then a save and a reopened application', async () => {
    if (!host) throw new Error('browser mode did not start');
    await nav().getByRole('link', { name: 'Hồ sơ' }).click();
    await page.getByTestId('new-dossier').click();
    expect(hashOf(page)).toBe('#/dossiers/new');
    expect(await page.getByTestId('group-collective').isChecked()).toBe(true);
    expect(await page.getByTestId('group-individual').isChecked()).toBe(false);
    expect(await page.locator('fieldset.nominee-choice legend').textContent()).toBe('Đối tượng đề nghị');
    await shot(page, 'dossier-work-01-new-chooser-vi');
    await chooseNominee(page, UNIT_NAME);
    expect(await page.getByTestId('autosave-status').textContent()).toBe('');
    // Evidence comes after the first save.
    expect(await page.getByTestId('attachments-panel').textContent()).toContain('Hãy lưu hồ sơ một lần trước khi thêm minh chứng.');
    expect(await page.getByTestId('attachment-input').count()).toBe(0);

    // Several values, then the autosave half a second later.
    await autosaved(
      async () => {
        for (const [selector, value] of Object.entries(FIRST_TYPED)) await page.locator(selector).fill(value);
      },
      (form) => form.selfScores.participation?.justification === FIRST_TYPED['#justification-participation'] && form.indicators.outstandingLoans === '52000',
    );
    await expect.poll(() => page.getByTestId('autosave-status').textContent()).toMatch(/^Đã giữ bản nháp lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    // A few more keys, then the page is reloaded before the autosave's half second is over.
    const justification = page.locator('#justification-participation');
    await justification.focus();
    await page.keyboard.press('End');
    const typingStarted = Date.now();
    await justification.pressSequentially(LAST_KEYS, { delay: 30 });
    // The whole burst, and the reload after it, inside one second.
    expect(Date.now() - typingStarted).toBeLessThan(1_000);
    const newDossierHash = hashOf(page);
    expect(newDossierHash).toMatch(/^#\/dossiers\/new\/communePeoplesCommittee\/[^/]+$/);
    await page.reload();
    // The session survives a reload; the page is still the new dossier for the same nominee, without choosing it again.
    expect(hashOf(page)).toBe(newDossierHash);
    const banner = page.getByTestId('draft-restored');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^Đã khôi phục các thay đổi chưa lưu lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\. Bỏ các thay đổi đó$/);
    // Everything up to the last autosave is back; of the last keys, at most the last moment is missing.
    const restored = await valuesOf(Object.keys(FIRST_TYPED));
    const full = `${FIRST_TYPED['#justification-participation']}${LAST_KEYS}`;
    const restoredJustification = restored['#justification-participation'] ?? '';
    expect(full.startsWith(restoredJustification)).toBe(true);
    expect(restoredJustification.startsWith(FIRST_TYPED['#justification-participation'] ?? '')).toBe(true);
    expect({ ...restored, '#justification-participation': FIRST_TYPED['#justification-participation'] }).toEqual(FIRST_TYPED);
    await shot(page, 'dossier-work-02-draft-restored-vi');

    // More typing on the restored draft is kept too; then the tab is closed.
    const complete = `${full} Giao ban hằng tháng.`;
    await autosaved(
      () => justification.fill(complete),
      (form) => form.selfScores.participation?.justification === complete,
    );
    await reopen(page.url());
    expect(hashOf(page)).toBe(newDossierHash);
    await page.getByTestId('draft-restored').waitFor();
    expect(await valuesOf(Object.keys(FIRST_TYPED))).toEqual({ ...FIRST_TYPED, '#justification-participation': complete });

    // Saving keeps the dossier for good: the banner goes and the dossier gets its own page.
    await page.getByTestId('save-dossier').click();
    await expect.poll(() => hashOf(page)).toMatch(/^#\/dossiers\/(?!new$)[^/]+$/);
    dossierId = decodeURIComponent(hashOf(page).slice('#/dossiers/'.length));
    await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${UNIT_NAME}` }).waitFor();
    await page.getByTestId('save-notice').waitFor();
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
    expect(await page.locator('.page-header p').textContent()).toBe('UBND cấp xã · Lần 1 · Nháp');

    // Reopening the application (no page in the address) returns to the same dossier, without a draft banner.
    await reopen(host.url);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${UNIT_NAME}` }).waitFor();
    expect(await valuesOf(Object.keys(FIRST_TYPED))).toEqual({ ...FIRST_TYPED, '#justification-participation': complete });
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
  });

  it('undoes the last change, then the one before', async () => {
    const women = page.locator('#womenShare');
    const media = page.locator('#indicator-mediaArticles');
    const undo = page.getByTestId('undo');
    expect(await undo.textContent()).toBe('Hoàn tác');
    // A pause after the first change (it is kept as a draft half a second later): it is one step of the history.
    await autosaved(
      () => women.fill('72'),
      (form) => form.womenShare === '72',
    );
    await expect.poll(() => undo.isEnabled()).toBe(true);
    await media.fill('4');
    // Undo right away, as a person would after a mistake.
    await undo.click();
    await expect.poll(() => media.inputValue()).toBe('');
    expect(await women.inputValue()).toBe('72');
    // Back to the dossier as saved: the draft kept meanwhile is dropped.
    expect((await answered('drafts.discard', () => undo.click())).ok).toBe(true);
    await expect.poll(() => women.inputValue()).toBe('');
    expect(await media.inputValue()).toBe('');
    await expect.poll(() => undo.isDisabled()).toBe(true);
    expect(await page.getByText('Hãy lưu hồ sơ trước khi chuyển sang sẵn sàng.').count()).toBe(0);
    // So the undone changes do not come back as a "restored draft" when the dossier is opened again.
    await page.reload();
    await page.getByTestId('dossier-form').waitFor();
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
    expect(await women.inputValue()).toBe('');
  });

  it('inserts the report template’s three headings', async () => {
    const report = page.locator('#report');
    expect(await report.inputValue()).toBe('');
    expect(await page.getByTestId('insert-template').textContent()).toBe('Chèn các đề mục theo mẫu');
    await page.getByTestId('insert-template').click();
    await expect.poll(() => report.inputValue()).toBe(reportTemplate('collective'));
    const lines = (await report.inputValue()).split('\n').filter((line) => line !== '');
    expect(lines).toEqual(REPORT_HEADINGS.collective);
    // Once is enough: a second click adds nothing.
    await page.getByTestId('insert-template').click();
    expect(await report.inputValue()).toBe(reportTemplate('collective'));
    // The headings line of the checklist turns green; the words line does not.
    await expect.poll(checklistState).toEqual([false, false, true, false, false]);

    // The report written under the headings, then saved (evidence needs a saved dossier).
    await report.fill(REPORT);
    expect(countWords(REPORT)).toBeGreaterThanOrEqual(REPORT_MIN_WORDS);
    await expect.poll(checklistState).toEqual([false, false, true, true, false]);
    await page.getByTestId('save-dossier').click();
    await page.getByTestId('save-notice').waitFor();
  });

  it('adds evidence files, lists each once with its size, refuses a disguised program and removes one', async () => {
    const panel = page.getByTestId('attachments-panel');
    const list = page.getByTestId('attachment-list').locator('li');
    const input = page.getByTestId('attachment-input');
    expect(await panel.textContent()).toContain('Chưa có minh chứng.');
    expect(await list.count()).toBe(0);

    await input.setInputFiles([PDF, PNG]);
    await expect.poll(() => list.count()).toBe(2);
    const pdfItem = list.filter({ hasText: PDF.name });
    const pngItem = list.filter({ hasText: PNG.name });
    expect(await pdfItem.locator('.muted').textContent()).toMatch(new RegExp(`^${sizeText(PDF.buffer.length, 'vi-VN')} · \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2} · SHA-256 [0-9a-f]{12}…$`));
    expect(await pngItem.locator('.muted').textContent()).toContain(sizeText(PNG.buffer.length, 'vi-VN'));
    expect(await panel.textContent()).not.toContain('Chưa có minh chứng.');
    await expect.poll(checklistState).toEqual([false, false, true, true, true]);

    // The same file again is stored and listed once.
    expect((await answered('attachments.add', () => input.setInputFiles([PDF]))).ok).toBe(true);
    await expect.poll(() => page.getByText(`Đang thêm ${PDF.name}…`).count()).toBe(0);
    expect(await list.count()).toBe(2);
    expect(await list.locator('.attachment-name').allTextContents()).toEqual([PDF.name, PNG.name]);

    // A program renamed .pdf is refused by its content, in Vietnamese.
    expect((await answered('attachments.add', () => input.setInputFiles([EXE]))).ok).toBe(false);
    const refusal = panel.locator('[role=alert]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(`“${EXE.name}” không phải tệp PDF, JPEG, PNG, WebP, TIFF hoặc Word (.docx).`);
    expect(await list.count()).toBe(2);

    // The photo shows as a thumbnail inside the panel, read and verified through the contract.
    const thumbnail = pngItem.locator('img.thumbnail');
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(120);
    await shot(page, 'dossier-work-03-evidence-vi');

    // Removing asks first: cancelled, nothing happens; accepted, the file goes.
    const messages: string[] = [];
    page.once('dialog', (dialog) => {
      messages.push(dialog.message());
      void dialog.dismiss();
    });
    await pdfItem.getByRole('button', { name: 'Gỡ bỏ' }).click();
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toBe(`Gỡ “${PDF.name}” khỏi hồ sơ này?`);
    expect(await list.count()).toBe(2);
    page.once('dialog', (dialog) => {
      messages.push(dialog.message());
      void dialog.accept();
    });
    await pdfItem.getByRole('button', { name: 'Gỡ bỏ' }).click();
    await expect.poll(() => list.count()).toBe(1);
    expect(messages).toHaveLength(2);
    expect(await list.locator('.attachment-name').allTextContents()).toEqual([PNG.name]);
    await expect.poll(checklistState).toEqual([false, false, true, true, true]);
  });

  it('turns the checklist green as the dossier is completed, then marks it ready and back to draft', async () => {
    const markReady = page.getByTestId('mark-ready');
    expect(await page.locator('.editor h2', { hasText: 'Trước khi chuyển sang sẵn sàng' }).count()).toBe(1);
    // "Missing" counts the empty indicators (13) and the self-scores not given (2).
    expect(await checklist().allTextContents()).toEqual([
      '○ Đã nhập đủ số liệu và điểm tự chấm (còn thiếu 15).',
      '○ Mỗi điểm tự chấm có giải trình tối thiểu 10 ký tự (còn thiếu 2).',
      '✓ Báo cáo có đủ các đề mục theo mẫu.',
      `✓ Báo cáo có tối thiểu 150 từ (hiện có ${countWords(REPORT)}).`,
      '✓ Có ít nhất một tệp minh chứng (hiện có 1).',
    ]);
    expect(await markReady.isDisabled()).toBe(true);

    for (const [selector, value] of Object.entries(REST_TYPED)) await page.locator(selector).fill(value);
    for (const [selector, value] of Object.entries(CHOSEN)) await page.locator(selector).selectOption(value);
    await page.locator('#indicator-mediaArticles').fill('4');
    // Every indicator is there; the two self-scores not given yet still count as missing.
    await expect.poll(() => checklist().nth(0).textContent()).toBe('○ Đã nhập đủ số liệu và điểm tự chấm (còn thiếu 2).');
    for (const [id, self] of Object.entries(OTHER_SELF_SCORES)) await page.locator(`#self-${id}`).fill(self.points);
    await expect.poll(checklistState).toEqual([true, false, true, true, true]);
    // A justification under ten characters does not count.
    await page.locator('#justification-recordsQuality').fill('Đầy đủ.');
    await page.locator('#justification-goodModels').fill(OTHER_SELF_SCORES.goodModels?.justification ?? '');
    await expect.poll(() => checklist().nth(1).textContent()).toBe('○ Mỗi điểm tự chấm có giải trình tối thiểu 10 ký tự (còn thiếu 1).');
    await page.locator('#justification-recordsQuality').fill(OTHER_SELF_SCORES.recordsQuality?.justification ?? '');
    await page.locator('#womenShare').fill('72');
    await expect.poll(checklistState).toEqual([true, true, true, true, true]);
    // All green, but not saved yet.
    expect(await markReady.isDisabled()).toBe(true);
    expect(await page.getByText('Hãy lưu hồ sơ trước khi chuyển sang sẵn sàng.').isVisible()).toBe(true);

    await page.getByTestId('save-dossier').click();
    await page.getByTestId('save-notice').waitFor();
    await expect.poll(() => markReady.isEnabled()).toBe(true);
    expect(await page.getByTestId('preview-total').getAttribute('data-hundredths')).toBe('8823');
    await shot(page, 'dossier-work-04-checklist-green-vi');

    await markReady.click();
    await page.getByTestId('back-to-draft').waitFor();
    expect(await page.locator('.page-header p').textContent()).toBe('UBND cấp xã · Lần 1 · Sẵn sàng');
    expect(await page.getByText('Hồ sơ đã sẵn sàng để gửi.').isVisible()).toBe(true);
    await shot(page, 'dossier-work-05-ready-vi');

    await nav().getByRole('link', { name: 'Hồ sơ' }).click();
    const row = page.getByTestId('dossier-table').locator(`tr[data-dossier="${dossierId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('ready');
    expect(await row.locator('.pill-ready').textContent()).toBe('Sẵn sàng');
    await shot(page, 'dossier-work-06-list-ready-vi');

    await row.getByRole('link', { name: UNIT_NAME }).click();
    await page.getByTestId('back-to-draft').click();
    await markReady.waitFor();
    expect(await page.locator('.page-header p').textContent()).toBe('UBND cấp xã · Lần 1 · Nháp');
    expect(await markReady.isEnabled()).toBe(true);

    // The dossier can still be changed and saved after going back to draft.
    await page.locator('#indicator-mediaArticles').fill('5');
    await page.getByTestId('save-dossier').click();
    await page.getByTestId('save-notice').waitFor();
    expect(await page.locator('.dossier-form [role=alert]').count()).toBe(0);
    expect(await page.locator('#indicator-mediaArticles').inputValue()).toBe('5');
  });

  it('makes a dossier for an individual, scored by the group-head scheme', async () => {
    await nav().getByRole('link', { name: 'Cá nhân' }).click();
    await page.getByTestId('person-form').waitFor();
    await page.locator('#person-name').fill(PERSON.fullName);
    await page.locator('#person-birth-year').fill(PERSON.birthYear);
    await page.locator('#person-gender').selectOption('male');
    await page.locator('#person-position').fill(PERSON.position);
    const unitValue = await page.locator('#person-unit option', { hasText: UNIT_NAME }).getAttribute('value');
    await page.locator('#person-unit').selectOption(unitValue ?? '');
    await page.getByTestId('person-submit').click();
    const notice = page.getByTestId('person-form').locator('[role=status]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(`Đã thêm “${PERSON.fullName}”.`);

    await nav().getByRole('link', { name: 'Hồ sơ' }).click();
    await page.getByTestId('new-dossier').click();
    await page.getByTestId('group-individual').check();
    const kind = page.getByTestId('individual-kind');
    await kind.selectOption('groupHead');
    expect(await kind.locator('option:checked').textContent()).toBe('Tổ trưởng Tổ TK&VV');
    // The picker finds the person without accents, and says where they work.
    const offered = page.locator('[role=option]', { has: page.locator('.picker-name', { hasText: PERSON.fullName }) });
    await page.getByTestId('person-select').fill(foldForSearch(PERSON.fullName));
    expect(await offered.textContent()).toContain(UNIT_NAME);
    await offered.click();
    await page.getByTestId('dossier-form').waitFor();
    // The group-head scheme's own indicator label, not the commune's.
    expect(await page.locator('label[for="indicator-overdueRatio"]').textContent()).toBe('Tỷ lệ nợ quá hạn của Tổ');
    expect(await page.locator('#indicator-outstandingLoans').count()).toBe(0);
    await page.locator('#indicator-overdueRatio').fill('0');
    await page.locator('#self-groupLeadership').fill('9');
    await page.locator('#justification-groupLeadership').fill('Điều hành Tổ nề nếp, họp đúng kỳ.');
    await page.getByTestId('insert-template').click();
    await expect.poll(() => page.locator('#report').inputValue()).toBe(reportTemplate('individual'));
    await shot(page, 'dossier-work-07-individual-form-vi');

    await page.getByTestId('save-dossier').click();
    await expect.poll(() => hashOf(page)).toMatch(/^#\/dossiers\/(?!new$)[^/]+$/);
    personDossierId = decodeURIComponent(hashOf(page).slice('#/dossiers/'.length));
    expect(personDossierId).not.toBe(dossierId);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${PERSON.fullName}` }).waitFor();
    expect(await page.locator('.page-header p').textContent()).toBe(`Tổ trưởng Tổ TK&VV · ${UNIT_NAME} · Lần 1 · Nháp`);

    await nav().getByRole('link', { name: 'Hồ sơ' }).click();
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe('2/2 hồ sơ');
    const row = page.getByTestId('dossier-table').locator(`tr[data-dossier="${personDossierId}"]`);
    expect(await row.getByRole('link').textContent()).toBe(PERSON.fullName);
    expect(await row.textContent()).toContain('Tổ trưởng Tổ TK&VV');
    await shot(page, 'dossier-work-08-list-individual-vi');
  });

  it('shows the same screens in English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await nav().getByRole('link', { name: 'Dossiers' }).click();
    await page.getByTestId('new-dossier').click();
    expect(await page.locator('fieldset.nominee-choice legend').textContent()).toBe('Nominee');
    await shot(page, 'dossier-work-11-new-chooser-en');
    await page.getByTestId('group-individual').check();
    await page.getByTestId('person-select').waitFor();
    await shot(page, 'dossier-work-12-new-chooser-individual-en');

    // An unsaved change, kept, then a reload: the restored-draft banner in English.
    await openDossier(UNIT_NAME, 'en');
    await autosaved(
      () => page.locator('#indicator-mediaArticles').fill('6'),
      (form) => form.indicators.mediaArticles === '6',
    );
    await expect.poll(() => page.getByTestId('autosave-status').textContent()).toMatch(/^Draft kept at /);
    await page.reload();
    const banner = page.getByTestId('draft-restored');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^Unsaved changes from \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} were restored\. Discard them$/);
    expect(await page.locator('#indicator-mediaArticles').inputValue()).toBe('6');
    await shot(page, 'dossier-work-13-draft-restored-en');
    // Discarding goes back to what was saved.
    await banner.getByRole('button', { name: 'Discard them' }).click();
    await expect.poll(() => page.getByTestId('draft-restored').count()).toBe(0);
    expect(await page.locator('#indicator-mediaArticles').inputValue()).toBe('5');

    // Evidence with its thumbnail, and the checklist all green.
    const pngItem = page.getByTestId('attachment-list').locator('li', { hasText: PNG.name });
    expect(await pngItem.locator('.muted').textContent()).toContain(sizeText(PNG.buffer.length, 'en-GB'));
    await pngItem.locator('img.thumbnail').waitFor();
    await expect.poll(checklistState).toEqual([true, true, true, true, true]);
    expect(await checklist().nth(0).textContent()).toBe('✓ Every indicator and self-score is filled in (0 missing).');
    expect(await page.getByTestId('mark-ready').textContent()).toBe('Mark ready to send');
    await shot(page, 'dossier-work-14-evidence-checklist-en');

    await openDossier(PERSON.fullName, 'en');
    await page.getByRole('heading', { level: 1, name: `Dossier: ${PERSON.fullName}` }).waitFor();
    expect(await page.locator('label[for="indicator-overdueRatio"]').textContent()).toBe('Overdue-debt ratio of the group');
    await shot(page, 'dossier-work-15-individual-en');

    await nav().getByRole('link', { name: 'Dossiers' }).click();
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe('2 of 2 dossiers');
    await shot(page, 'dossier-work-16-list-en');
  });
});
