import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { schemeFor } from '../../shared/domain/campaign';
import { REPORT_HEADINGS } from '../../shared/domain/report-template';
import { join } from 'node:path';
import { ARTIFACTS, launchChromium, startBrowserMode } from '../support/browser-mode';
import { ADMIN, setUpCore } from '../support/core';
import { OFFICE_UNITS, officeWorkbook, PEOPLE_LAYOUT, REGISTERED_PERSON } from '../support/office-files';
import { commune, completeContent } from '../integration/helpers';
import { buildIfStale, chooseNominee, hashOf, login, shot } from './helpers';

/**
 * An office clerk brings the files the office already has: the people list in Excel with its title block and its
 * "Nam"/"Nữ" columns, an old .xls copy of it, and the collective's achievement report in Word. The preview shows the
 * row of titles it found, the notes, the rows as they will be saved and the namesake to confirm; the report is read
 * into the dossier form, shown first, used, undone and used again, and its original attached as evidence.
 * The tests share one browser page and run in order.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/office/${name}`, import.meta.url));

describe('the files offices already have, in the browser', () => {
  let installation: Awaited<ReturnType<typeof setUpCore>>;
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let dossierId: string;

  const nav = (name: string) => page.locator('nav.main-nav').getByRole('link', { name, exact: true });
  /** What a person sees around an element (the dossier form is too long for one picture). */
  const view = async (testId: string, name: string): Promise<void> => {
    await page.getByTestId(testId).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };
  const importRow = (row: number) => page.getByTestId('import-preview').locator(`tbody tr[data-row="${row}"]`);

  beforeAll(async () => {
    buildIfStale();
    installation = await setUpCore({ mode: 'office' });
    const ids = new Map<string, string>();
    for (const name of OFFICE_UNITS) {
      const kind = name.startsWith('UBND') ? 'communePeoplesCommittee' : name.startsWith('Hội Nông dân') ? 'farmersAssociation' : 'womensUnion';
      ids.set(name, (await installation.call('units.create', { ...commune(name), kind })).id);
    }
    await installation.call('people.create', { fullName: REGISTERED_PERSON.fullName, birthYear: REGISTERED_PERSON.birthYear, gender: REGISTERED_PERSON.gender, position: REGISTERED_PERSON.position, unitId: ids.get(REGISTERED_PERSON.unit) ?? '' });
    const scheme = schemeFor(await installation.call('campaigns.get', { year: 2025 }), 'farmersAssociation');
    if (!scheme) throw new Error('no scheme for farmers');
    const content = { ...completeContent(scheme, 'farmersAssociation'), report: 'Báo cáo tóm tắt do văn phòng gõ tạm.' };
    dossierId = (await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'farmersAssociation', unitId: ids.get('Hội Nông dân xã Tân Lập') ?? '', content })).dossier.id;
    installation.core.close();
    host = await startBrowserMode(installation.dataDir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await page.goto(host.url);
    await page.locator('#login-username').waitFor();
    await login(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(installation.dataDir, { recursive: true, force: true });
  });

  it('previews the office list as it is: the title row found under the title block, two title rows read as one, notes, rows as they will be saved', async () => {
    await nav('Cá nhân').click();
    await page.getByRole('button', { name: 'Nhập từ Excel/CSV' }).click();
    await page.getByTestId('import-file').setInputFiles({ name: 'DS khen thưởng 2025.xlsx', mimeType: XLSX, buffer: await officeWorkbook() });
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('7 dòng: 5 dòng đúng, 2 dòng có lỗi. Có 1 dòng đúng trùng tên cần kiểm tra.');
    expect(await page.getByTestId('import-sheet').locator('option:checked').textContent()).toBe('DS cá nhân');
    expect(await page.getByTestId('import-header-row').inputValue()).toBe(String(PEOPLE_LAYOUT.headerRow));
    expect(await page.getByTestId('import-header-found').textContent()).toBe('Đã tìm thấy tiêu đề cột ở dòng 6 và 7, đọc gộp làm một; các dòng bên dưới là danh sách.');
    expect(await page.getByTestId('import-notes').locator('li').allTextContents()).toEqual([
      'Tệp có 3 trang tính: danh sách được đọc từ trang “DS cá nhân”.',
      'Tiêu đề cột gồm hai dòng (6 và 7) và đã được đọc gộp.',
      'Dòng 8 là dòng đánh số cột nên được bỏ qua.',
      'Bảng kết thúc trước dòng 16 (dòng tổng cộng, phần ký tên): bỏ qua 5 dòng từ đó trở đi.',
      'Đã chỉnh 3 họ tên (khoảng trắng, chữ hoa): danh sách hiển thị đúng như khi lưu.',
    ]);
    expect(await page.getByTestId('import-columns').locator('li').allTextContents()).toEqual([
      'A STT',
      'B Họ và tên',
      'C Năm sinh — Nam',
      'D Năm sinh — Nữ',
      'E Chức vụ',
      'F Đơn vị công tác',
      'G Ghi chú',
    ]);
    expect(await page.getByTestId('map-male').inputValue()).toBe('2');
    expect(await page.getByTestId('map-female').inputValue()).toBe('3');
    // Each row as it will be saved, with what the file held when it was tidied.
    expect(await importRow(9).locator('td').allTextContents()).toEqual(['9', 'Nguyễn Văn Đứctrong tệp: NGUYỄN VĂN ĐỨC', '1975', 'Nam', 'Tổ trưởng Tổ TK&VV ấp Tân Đông', 'UBND xã Tân Lập', '✓ Đúng']);
    expect(await importRow(10).locator('td').nth(2).textContent()).toBe('1982trong tệp: 15/03/1982');
    expect(await importRow(12).locator('td').nth(2).textContent()).toBe('1977trong tệp: 28199');
    expect(await importRow(11).locator('.import-warnings li').allTextContents()).toEqual([
      '⚠ Họ và tên: “Trần Thị Mai” trùng tên với 1 người đã có trong danh sách (UBND xã Tân Lập). Nếu là người khác thì vẫn nhập được.',
    ]);
    expect(await importRow(14).locator('.import-problems li').allTextContents()).toEqual(['Họ và tên: “Trần Thị Mai” đã có trong danh sách.']);
    expect(await importRow(15).locator('.import-problems li').allTextContents()).toEqual(['Giới tính: Có ghi ở cả cột “Nam” và cột “Nữ”.']);
    // The namesake is confirmed before anything can be imported.
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await shot(page, 'office-files-01-people-preview-vi');
  });

  it('the same preview in English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('7 rows: 5 correct, 2 with problems. 1 correct row has a namesake to check.');
    expect(await page.getByTestId('import-header-found').textContent()).toBe('The column titles were found on rows 6 and 7, read together; the rows under them are the list.');
    await shot(page, 'office-files-02-people-preview-en');
    await page.getByTestId('language-switch').selectOption('vi');
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toContain('7 dòng');
  });

  it('another title row can be chosen, and the found one chosen back', async () => {
    await page.getByTestId('import-header-row').selectOption(String(PEOPLE_LAYOUT.titleRow));
    await expect.poll(() => page.getByTestId('import-header-found').textContent()).toBe('Đã tìm thấy tiêu đề cột ở dòng 4; các dòng bên dưới là danh sách.');
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toMatch(/0 dòng đúng/);
    await page.getByTestId('import-header-row').selectOption(String(PEOPLE_LAYOUT.headerRow));
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('7 dòng: 5 dòng đúng, 2 dòng có lỗi. Có 1 dòng đúng trùng tên cần kiểm tra.');
  });

  it('imports the correct rows once the namesake is confirmed', async () => {
    await page.getByTestId('import-confirm-namesakes').check();
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-result').textContent()).toBe('Đã nhập 5 dòng từ “DS khen thưởng 2025.xlsx”; bỏ qua 2 dòng có lỗi.');
    await expect.poll(() => page.getByTestId('person-count').textContent()).toBe('6/6 người');
  });

  it('an old .xls file gets the message saying how to save it as .xlsx', async () => {
    await page.getByTestId('import-file').setInputFiles({ name: 'DS khen thưởng 2025.xls', mimeType: 'application/vnd.ms-excel', buffer: fixture('danh-sach-ca-nhan.xls') });
    const alert = page.getByTestId('import-panel').getByRole('alert');
    await expect
      .poll(() => alert.first().textContent())
      .toBe(
        '“DS khen thưởng 2025.xls” là tệp Excel cũ (.xls), ứng dụng chưa đọc được định dạng này. Lưu lại dưới dạng .xlsx: mở tệp trong Excel, chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx), rồi chọn tệp mới.',
      );
    expect(await page.getByTestId('import-counts').count()).toBe(0);
    await shot(page, 'office-files-03-old-xls-vi');
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => alert.first().textContent()).toMatch(/^“DS khen thưởng 2025\.xls” is an old Excel file \(\.xls\)/);
    await shot(page, 'office-files-04-old-xls-en');
    await page.getByTestId('language-switch').selectOption('vi');
  });

  it('reads the Word report into the dossier form, shows it first, replaces the report only when asked, and attaches the original', async () => {
    await page.goto(`${host?.url ?? ''}#/dossiers/${dossierId}`);
    await page.getByTestId('dossier-form').waitFor();
    const report = page.locator('#report');
    expect(await report.inputValue()).toBe('Báo cáo tóm tắt do văn phòng gõ tạm.');
    await page.getByTestId('word-import-file').setInputFiles({ name: 'Báo cáo thành tích HND Tân Lập.docx', mimeType: DOCX, buffer: fixture('bao-cao-thanh-tich.docx') });
    const preview = page.getByTestId('word-preview');
    await preview.waitFor();
    expect(await page.getByTestId('word-sections').locator('li').allTextContents()).toEqual([
      '✓ I. ĐẶC ĐIỂM, TÌNH HÌNH ← “I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH”',
      '✓ II. THÀNH TÍCH ĐẠT ĐƯỢC ← “II. THÀNH TÍCH ĐẠT ĐƯỢC”',
      '✓ III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC ← “III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG”',
    ]);
    expect(await preview.textContent()).toContain('Báo cáo đang có ở trên (9 từ) sẽ bị thay thế. Có thể hoàn tác.');
    // Nothing changed yet.
    expect(await report.inputValue()).toBe('Báo cáo tóm tắt do văn phòng gõ tạm.');
    await view('word-preview', 'office-files-05-word-preview-vi');

    await page.getByTestId('word-use').click();
    await expect.poll(() => report.inputValue()).toMatch(/^BÁO CÁO THÀNH TÍCH\n/);
    for (const heading of REPORT_HEADINGS.collective) expect(await report.inputValue()).toContain(`\n${heading}\n`);
    await expect.poll(() => page.getByTestId('word-replaced').textContent()).toContain('Đã đính kèm tệp gốc làm minh chứng.');
    await expect.poll(() => page.getByTestId('attachment-list').locator('.attachment-name').allTextContents()).toContain('Báo cáo thành tích HND Tân Lập.docx');
    await view('word-replaced', 'office-files-06-word-used-vi');

    await page.getByTestId('word-undo').click();
    await expect.poll(() => report.inputValue()).toBe('Báo cáo tóm tắt do văn phòng gõ tạm.');
    expect(await page.getByTestId('word-undone').textContent()).toBe('Báo cáo đã trở lại như trước khi nhập.');
  });

  it('the Word import in English, and a password-protected report refused with its message', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('word-import-file').setInputFiles({ name: 'Report.docx', mimeType: DOCX, buffer: fixture('bao-cao-mat-khau.docx') });
    const alert = page.getByTestId('word-import').getByRole('alert');
    await expect.poll(() => alert.first().textContent()).toMatch(/^“Report\.docx” is protected by a password\./);
    await page.getByTestId('word-import-file').setInputFiles({ name: 'Báo cáo thành tích HND Tân Lập.docx', mimeType: DOCX, buffer: fixture('bao-cao-thanh-tich.docx') });
    await page.getByTestId('word-preview').waitFor();
    expect(await page.getByTestId('word-use').textContent()).toBe('Replace the report with this text');
    await view('word-preview', 'office-files-07-word-preview-en');
    await page.getByTestId('word-cancel').click();
    expect(await page.getByTestId('word-preview').count()).toBe(0);
    await page.getByTestId('language-switch').selectOption('vi');
  });

  it('in a dossier not yet saved, the report is used at once and the original attached when the dossier is first saved', async () => {
    await nav('Hồ sơ').click();
    await page.getByTestId('new-dossier').click();
    await chooseNominee(page, 'UBND xã Tân Lập');
    await page.getByTestId('word-import-file').setInputFiles({ name: 'Báo cáo UBND Tân Lập.docx', mimeType: DOCX, buffer: fixture('bao-cao-thanh-tich.docx') });
    await page.getByTestId('word-preview').waitFor();
    expect(await page.getByTestId('word-use').textContent()).toBe('Dùng nội dung này làm báo cáo');
    await page.getByTestId('word-use').click();
    await expect.poll(() => page.getByTestId('word-replaced').textContent()).toContain('Tệp gốc sẽ được đính kèm làm minh chứng khi lưu hồ sơ.');
    await page.getByTestId('save-dossier').click();
    await expect.poll(() => hashOf(page)).toMatch(/^#\/dossiers\/[A-Za-z0-9_-]+$/);
    await expect.poll(() => page.getByTestId('attachment-list').locator('.attachment-name').allTextContents()).toEqual(['Báo cáo UBND Tân Lập.docx']);
    expect(await page.locator('#report').inputValue()).toMatch(/^BÁO CÁO THÀNH TÍCH\n/);
  });
});
