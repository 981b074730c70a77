import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { DEMO_YEAR } from '../support/core';
import { ARTIFACTS, launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { buildIfStale, completeWizard, login, shot } from './helpers';

/**
 * The council's secretary makes the documents of the demo's completed year in browser mode: chooses the campaign and
 * the round, sees each document ready, saves the PDF, Word and Excel files and finds the nominees in them; the year in
 * progress says why its documents are not final. The tests share one browser page and run in order.
 */

const ADMIN = { fullName: 'Lê Minh Tuấn', username: 'tuan.le', password: 'van-ban-2025' };
const COMPLETED = DEMO_YEAR - 1;

describe('the council’s documents in the browser', () => {
  const data = temporaryDataDir('tdcs-e2e-documents-');
  const downloads = join(data.dir, 'downloads');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;

  const row = (kind: string) => page.getByTestId(`document-${kind}`);

  /** Clicks a document's save button and keeps the downloaded file; returns its path. */
  async function save(kind: string, format: string): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), row(kind).getByTestId(`document-save-${kind}-${format}`).click()]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    await page.getByTestId('document-saved').waitFor();
    return path;
  }

  async function chooseRound(round: 1 | 2): Promise<void> {
    await page.getByTestId(`documents-round-${round}`).check();
    await row('submission').waitFor();
  }

  beforeAll(async () => {
    buildIfStale();
    mkdirSync(downloads, { recursive: true });
    host = await startBrowserMode(data.dir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('sets up the branch with the demo and opens the Documents page of the completed year', async () => {
    if (!host) throw new Error('browser mode did not start');
    await page.goto(host.url);
    await completeWizard(page, { mode: 'branch', organisation: 'Chi nhánh NHCSXH tỉnh Tây Ninh', ...ADMIN, demo: true }, 90_000);
    await login(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('campaign-switcher').selectOption(String(COMPLETED));
    await page.locator('nav.main-nav').getByRole('link', { name: 'Văn bản', exact: true }).click();
    await expect.poll(() => page.locator('.documents-page h1').textContent()).toContain(String(COMPLETED));
    await chooseRound(1);
    for (const kind of ['submission', 'minutes', 'list', 'scores', 'report', 'notice']) await expect.poll(() => row(kind).getAttribute('data-state')).toBe('final');
    await expect.poll(() => page.locator('.round-choice.active').textContent()).toContain('đã khóa');
  });

  it('previews the submission with the nominees, the national title and the motto', async () => {
    await row('submission').getByTestId('document-preview-submission').click();
    const preview = page.locator('.document-preview-panel');
    await preview.waitFor();
    await expect.poll(() => preview.textContent()).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    await expect.poll(() => preview.textContent()).toContain('Độc lập - Tự do - Hạnh phúc');
    await shot(page, 'documents-01-page-vi');
  });

  it('saves round 2’s list as PDF, Word and Excel, each naming the proposed individuals', async () => {
    await chooseRound(2);
    await expect.poll(() => row('list').getAttribute('data-state')).toBe('final');
    const pdf = await save('list', 'pdf');
    expect(pdf).toMatch(/\.pdf$/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Đặng Văn Phúc');
    expect(text).toContain('DANH SÁCH CÁ NHÂN');
    expect(text).not.toContain('\uFFFD');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    // The "emb" column of every font says yes: the file prints the same anywhere.
    for (const line of fonts) expect(line.split(/\s+/).at(-5)).toBe('yes');

    const word = await save('list', 'docx');
    expect(readFileSync(word).subarray(0, 2).toString('latin1')).toBe('PK');
    const { value: wordText, messages } = await mammoth.extractRawText({ path: word });
    expect(messages.filter((message) => message.type === 'error')).toEqual([]);
    expect(wordText).toContain('Nguyễn Thị Hồng Nhung');
    expect(wordText).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');

    const excel = await save('list', 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(excel);
    const names: string[] = [];
    const totals: number[] = [];
    workbook.worksheets[0]?.eachRow((line) =>
      line.eachCell((cell) => {
        if (typeof cell.value === 'string') names.push(cell.value);
        if (typeof cell.value === 'number' && cell.numFmt === '0.00') totals.push(cell.value);
      }),
    );
    expect(names).toContain('Nguyễn Thị Hồng Nhung');
    expect(totals.length).toBeGreaterThan(0);
  });

  it('saves the minutes of round 1 as a PDF with the council and the tie it decided', async () => {
    await chooseRound(1);
    const pdf = await save('minutes', 'pdf');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Nguyễn Văn Hùng');
    expect(text).toContain('Quyết định của Hội đồng đối với trường hợp bằng điểm');
    // The tie names both women's unions the council chose between, and the one it chose.
    expect(text).toMatch(/- Hội LHPN [^;,]+, Hội LHPN [^;,]+ bằng điểm;/);
    expect(text).toMatch(/Hội đồng chọn Hội LHPN [^.]+\. Lý do: Hai đơn vị bằng điểm/);
  });

  it('the year in progress says why its documents are not final yet', async () => {
    await page.getByTestId('campaign-switcher').selectOption(String(DEMO_YEAR));
    await expect.poll(() => page.locator('.documents-page h1').textContent()).toContain(String(DEMO_YEAR));
    await chooseRound(1);
    await expect.poll(() => row('submission').getAttribute('data-state')).not.toBe('final');
    await expect.poll(() => row('submission').locator('.document-needs').textContent()).toContain('chưa khóa');
  });

  it('shows the page in English', async () => {
    await page.getByTestId('campaign-switcher').selectOption(String(COMPLETED));
    await page.getByTestId('language-switch').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await chooseRound(1);
    await expect.poll(() => page.locator('.documents-page h1').textContent()).toContain('documents');
    await expect.poll(() => row('submission').getAttribute('data-state')).toBe('final');
    await row('scores').getByTestId('document-preview-scores').click();
    await page.locator('.document-preview-panel').waitFor();
    await shot(page, 'documents-02-page-en');
  });

  it('the ranking exports to Excel and prints every row on A4 landscape without the menu', async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Ranking', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-excel').click()]);
    const excel = join(downloads, download.suggestedFilename());
    await download.saveAs(excel);
    expect(excel).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(excel);
    const sheet = workbook.worksheets[0];
    expect(sheet?.views[0]?.state).toBe('frozen');
    let numbers = 0;
    sheet?.eachRow((line) => line.eachCell((cell) => void (typeof cell.value === 'number' ? (numbers += 1) : undefined)));
    expect(numbers).toBeGreaterThan(40);

    await page.getByTestId('print-view').click();
    const sheetView = page.getByTestId('print-sheet');
    await sheetView.waitFor();
    const rows = await sheetView.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(40);
    // What the printer gets: Chromium's own print of the page, as the system's print would.
    const printed = join(downloads, 'ranking-print.pdf');
    await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' });
    expect(text).toContain('Hội LHPN');
    execFileSync('pdftoppm', ['-r', '50', '-png', '-singlefile', '-f', '1', '-l', '1', printed, join(ARTIFACTS, 'documents-03-ranking-print-page1')]);
    for (const menu of ['Dossiers', 'Allocation', 'Signed in as', 'Close the print view']) expect(text).not.toContain(menu);
    await page.getByRole('button', { name: 'Close the print view' }).click();
    await sheetView.waitFor({ state: 'detached' });
  });
});
