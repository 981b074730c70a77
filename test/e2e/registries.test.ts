import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { ADMIN, setUpCore } from '../support/core';
import { buildIfStale, hashOf, login, pickerNames, shot } from './helpers';

/**
 * An office keeps its registries: units and people typed by hand, edited and retired, and lists
 * imported from the spreadsheets offices already keep (an Excel file, a CSV saved by Excel with a
 * BOM), with the problems of each row shown in Vietnamese before anything is written.
 * The tests share one browser page and run in order.
 */

const OFFICE = 'Phòng giao dịch NHCSXH huyện Gò Dầu';
const OTHER_OFFICE = 'Phòng giao dịch NHCSXH huyện Dương Minh Châu';
const SEEDED = [
  { name: OFFICE, kind: 'transactionOffice', level: 'province', commune: '' },
  { name: OTHER_OFFICE, kind: 'transactionOffice', level: 'province', commune: '' },
  { name: 'UBND xã Phước Thạnh', kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Phước Thạnh' },
  { name: 'Hội Nông dân xã Thanh Phước', kind: 'farmersAssociation', level: 'commune', commune: 'xã Thanh Phước' },
  { name: 'Đoàn Thanh niên xã Bàu Đồn', kind: 'youthUnion', level: 'commune', commune: 'xã Bàu Đồn' },
  { name: 'Hội Cựu chiến binh tỉnh Tây Ninh', kind: 'veteransAssociation', level: 'province', commune: '' },
] as const;

/** The office's list of units as it keeps it in Excel: a running number, Vietnamese titles, a few mistakes. */
const UNIT_SHEET: (string | number | null)[][] = [
  ['STT', 'Tên đơn vị', 'Loại đơn vị', 'Cấp', 'Xã/phường', 'Phòng giao dịch'],
  [1, 'Hội Liên hiệp Phụ nữ xã Phước Thạnh', 'Hội Liên hiệp Phụ nữ', 'Cấp xã', 'xã Phước Thạnh', OFFICE],
  [2, 'Hội Nông dân xã Phước Thạnh', 'Hội Nông dân', 'Xã', 'xã Phước Thạnh', OFFICE],
  [3, 'Hợp tác xã Nông nghiệp Phước Thạnh', 'Hợp tác xã', 'Cấp xã', 'xã Phước Thạnh', OFFICE],
  [4, null, 'Đoàn Thanh niên', 'Cấp xã', 'xã Bàu Đồn', OFFICE],
  [5, 'Hội Nông dân xã Phước Thạnh', 'Hội Nông dân', 'Cấp xã', 'xã Phước Thạnh', OFFICE],
  [6, 'UBND xã Phước Thạnh', 'UBND cấp xã', 'Cấp xã', 'xã Phước Thạnh', OFFICE],
  [7, 'Hội Cựu chiến binh xã Thạnh Đức', 'Hội Cựu chiến binh', 'Cấp xã', 'xã Thạnh Đức', 'PGD Trảng Bàng'],
  [8, 'Ủy ban MTTQ Việt Nam xã Thạnh Đức', 'Ủy ban MTTQ Việt Nam', 'Cấp xã', 'xã Thạnh Đức', OTHER_OFFICE],
];

/** Excel's "CSV UTF-8": a byte-order mark, commas, quotes around a value that holds a comma. */
const PEOPLE_CSV =
  '\uFEFFHọ và tên,Năm sinh,Giới tính,Chức vụ,Đơn vị công tác\r\n' +
  'Nguyễn Thị Hoa,1978,Nữ,Chủ tịch Hội,Hội Liên hiệp Phụ nữ xã Phước Thạnh\r\n' +
  'Trần Văn Bình,1969,Nam,Chủ tịch UBND xã,UBND xã Phước Thạnh\r\n' +
  'Lê Văn Cường,19a0,Nam,Phó Chủ tịch UBND xã,UBND xã Phước Thạnh\r\n' +
  'Phạm Thị Dung,1985,Nữ,Cán bộ Hội Phụ nữ,UBND xã Tân Hòa\r\n' +
  ',1990,Nam,Bí thư Đoàn xã,Đoàn Thanh niên xã Bàu Đồn\r\n' +
  'Trần Văn Bình,1969,Nam,Chủ tịch UBND xã,UBND xã Phước Thạnh\r\n' +
  'Võ Thị Em,1980,Khác,Tổ trưởng Tổ TK&VV,Hội Nông dân xã Thanh Phước\r\n' +
  '"Nguyễn Văn An",1975,Nam,"Tổ trưởng Tổ TK&VV, ấp Phước Đức",Hội Nông dân xã Thanh Phước\r\n' +
  'Dương Văn Dũng,1970,nam,Chủ tịch Hội,Hội Cựu chiến binh tỉnh Tây Ninh\r\n';

/** Two correct units; one of them is then added by hand before the import is confirmed. */
const LATE_CSV = 'Tên đơn vị;Loại\nĐoàn Thanh niên xã Phước Thạnh;Đoàn Thanh niên\nHội Cựu chiến binh xã Phước Thạnh;Hội Cựu chiến binh\n';

async function unitWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách đơn vị');
  for (const row of UNIT_SHEET) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(2).width = 40;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('registries: units and people, by hand and from Excel/CSV', () => {
  let installation: Awaited<ReturnType<typeof setUpCore>>;
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;

  const nav = (name: string) => page.locator('nav.main-nav').getByRole('link', { name, exact: true });
  /** The row of a table whose first cell starts with `name`. */
  const rowOf = (table: string, name: string): Locator =>
    page
      .getByTestId(table)
      .locator('tbody tr')
      .filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${escapeRegExp(name)}`) }) });
  const importRow = (row: number) => page.getByTestId('import-preview').locator(`tbody tr[data-row="${row}"]`);
  const problemsOf = async (row: number) => (await importRow(row).locator('.import-problems li').allTextContents()).join(' | ');
  const firstColumn = (table: string) => page.getByTestId(table).locator('tbody tr td:first-child');
  const unitCount = () => page.getByTestId('unit-count').textContent();

  beforeAll(async () => {
    buildIfStale();
    // An office installation with its transaction offices and a few units, made through the contract.
    installation = await setUpCore({ mode: 'office' });
    const ids = new Map<string, string>();
    for (const unit of SEEDED) {
      const parentOfficeId = unit.kind === 'transactionOffice' ? null : (ids.get(OFFICE) ?? null);
      const created = await installation.call('units.create', { ...unit, parentOfficeId });
      ids.set(unit.name, created.id);
    }
    installation.core.close();
    host = await startBrowserMode(installation.dataDir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 860 } });
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

  it('lists the units with Vietnamese sorting, accent-free search and filters by kind and level', async () => {
    await nav('Đơn vị').click();
    await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
    await expect.poll(unitCount).toBe('6/6 đơn vị');
    const names = await firstColumn('unit-table').allTextContents();
    // Vietnamese order: "Đ" after "D", "Ư"/"U" by their base letter, the way a Vietnamese reader files names.
    expect(names).toEqual([...SEEDED.map((unit) => unit.name)].sort(new Intl.Collator('vi').compare));
    expect(names).toEqual([
      'Đoàn Thanh niên xã Bàu Đồn',
      'Hội Cựu chiến binh tỉnh Tây Ninh',
      'Hội Nông dân xã Thanh Phước',
      OTHER_OFFICE,
      OFFICE,
      'UBND xã Phước Thạnh',
    ]);

    await page.getByTestId('unit-search').fill('hoi nong dan thanh phuoc');
    await expect.poll(() => firstColumn('unit-table').allTextContents()).toEqual(['Hội Nông dân xã Thanh Phước']);
    await page.getByTestId('unit-search').fill('');

    await page.getByTestId('unit-filter-kind').selectOption('transactionOffice');
    await expect.poll(() => firstColumn('unit-table').allTextContents()).toEqual([OTHER_OFFICE, OFFICE]);
    await page.getByTestId('unit-filter-kind').selectOption('');
    await page.getByTestId('unit-filter-level').selectOption('province');
    await expect.poll(unitCount).toBe('3/6 đơn vị');
    for (const level of await page.getByTestId('unit-table').locator('tbody tr td:nth-child(5)').allTextContents()) expect(level).toBe('Cấp tỉnh');
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await expect.poll(unitCount).toBe('6/6 đơn vị');
    await shot(page, 'registries-01-units-vi');
  });

  it('previews an Excel list: every problem in Vietnamese on its row, nothing written yet', async () => {
    await page.getByRole('button', { name: 'Nhập từ Excel/CSV' }).click();
    const panel = page.getByTestId('import-panel');
    await panel.getByRole('heading', { name: 'Nhập danh sách đơn vị từ Excel/CSV' }).waitFor();
    // A file over 8 MB is refused on this computer, before anything is sent.
    await page.getByTestId('import-file').setInputFiles({ name: 'ca-tinh.csv', mimeType: 'text/csv', buffer: Buffer.alloc(9 * 1024 * 1024, 'a') });
    await expect
      .poll(() => page.getByTestId('import-problem').textContent())
      .toBe('Tệp “ca-tinh.csv” nặng 9 MB, vượt quá 8 MB. Hãy tách danh sách thành nhiều tệp nhỏ hơn.');
    expect(await page.getByTestId('import-counts').count()).toBe(0);

    await page.getByTestId('import-file').setInputFiles({ name: 'danh-sach-don-vi.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await unitWorkbook() });
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('8 dòng: 3 dòng đúng, 5 dòng có lỗi.');
    expect(await page.getByTestId('import-problem').count()).toBe(0);
    expect(await page.getByTestId('import-file-name').textContent()).toBe('Tệp: danh-sach-don-vi.xlsx');

    // The columns found, and which one fills each field (matched by their Vietnamese titles).
    expect(await page.getByTestId('import-columns').locator('li').allTextContents()).toEqual(['A STT', 'B Tên đơn vị', 'C Loại đơn vị', 'D Cấp', 'E Xã/phường', 'F Phòng giao dịch']);
    expect(await page.getByTestId('map-name').inputValue()).toBe('1');
    expect(await page.getByTestId('map-kind').inputValue()).toBe('2');
    expect(await page.getByTestId('map-parentOffice').inputValue()).toBe('5');
    expect(await page.getByTestId('import-mapping').locator('tbody th').allTextContents()).toEqual([
      'Tên đơn vị * (bắt buộc)',
      'Loại đơn vị * (bắt buộc)',
      'Cấp',
      'Xã / phường',
      'Phòng giao dịch',
    ]);

    // Rows are numbered as Excel numbers them: the titles are row 1.
    expect(await importRow(2).locator('td').last().textContent()).toBe('✓ Đúng');
    expect(await importRow(3).locator('td').last().textContent()).toBe('✓ Đúng');
    expect(await problemsOf(4)).toBe('Loại đơn vị: “Hợp tác xã” không phải là loại đơn vị.');
    expect(await problemsOf(5)).toBe('Tên đơn vị: Bắt buộc nhập.');
    expect(await problemsOf(6)).toBe('Tên đơn vị: Dòng này trùng với một dòng trước trong tệp.');
    expect(await problemsOf(7)).toBe('Tên đơn vị: “UBND xã Phước Thạnh” đã có trong danh sách.');
    expect(await problemsOf(8)).toBe('Phòng giao dịch: Không có Phòng giao dịch tên “PGD Trảng Bàng”.');
    expect(await importRow(9).locator('td').last().textContent()).toBe('✓ Đúng');
    // The faulty value itself is marked.
    expect(await importRow(4).locator('td.cell-problem').textContent()).toBe('Hợp tác xã');
    expect(await importRow(8).locator('td.cell-problem').textContent()).toBe('PGD Trảng Bàng');

    expect(await page.getByTestId('import-confirm').textContent()).toBe('Nhập 3 dòng đúng, bỏ qua 5 dòng có lỗi');
    // Only a preview: the registry has not changed.
    expect(await unitCount()).toBe('6/6 đơn vị');
    await shot(page, 'registries-02-import-units-preview-vi');

    await page.getByTestId('import-only-problems').check();
    await expect.poll(() => page.getByTestId('import-preview').locator('tbody tr').count()).toBe(5);
    await page.getByTestId('import-only-problems').uncheck();
  });

  it('checks the rows again when the columns are chosen differently', async () => {
    await page.getByTestId('map-name').selectOption('');
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('8 dòng: 0 dòng đúng, 8 dòng có lỗi.');
    expect(await problemsOf(2)).toBe('Tên đơn vị: Chưa chọn cột cho trường này.');
    expect(await page.getByTestId('import-confirm').count()).toBe(0);
    expect(await page.getByText('Không có dòng nào nhập được: hãy sửa tệp hoặc chọn lại cột.').isVisible()).toBe(true);
    await shot(page, 'registries-03-import-units-unmapped-vi');

    // The commune taken from the running number: the preview follows.
    await page.getByTestId('map-name').selectOption('1');
    await page.getByTestId('map-commune').selectOption('0');
    await expect.poll(() => importRow(2).locator('td').nth(4).textContent()).toBe('1');
    await page.getByTestId('map-commune').selectOption('4');
    await expect.poll(() => importRow(2).locator('td').nth(4).textContent()).toBe('xã Phước Thạnh');
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('8 dòng: 3 dòng đúng, 5 dòng có lỗi.');
    expect(await unitCount()).toBe('6/6 đơn vị');
  });

  it('imports only the correct rows once confirmed, and the list shows them', async () => {
    await page.getByTestId('import-confirm').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toBe('Đã nhập 3 dòng từ “danh-sach-don-vi.xlsx”; bỏ qua 5 dòng có lỗi.');
    await expect.poll(unitCount).toBe('9/9 đơn vị');
    const names = await firstColumn('unit-table').allTextContents();
    expect(names).toContain('Hội Liên hiệp Phụ nữ xã Phước Thạnh');
    expect(names).toContain('Hội Nông dân xã Phước Thạnh');
    expect(names).toContain('Ủy ban MTTQ Việt Nam xã Thạnh Đức');
    expect(names).not.toContain('Hợp tác xã Nông nghiệp Phước Thạnh');
    expect(names).not.toContain('Hội Cựu chiến binh xã Thạnh Đức');
    expect(names.filter((name) => name === 'Hội Nông dân xã Phước Thạnh')).toHaveLength(1);
    // Read from the file: its kind, its office.
    const front = rowOf('unit-table', 'Ủy ban MTTQ Việt Nam xã Thạnh Đức');
    expect(await front.locator('td').nth(1).textContent()).toBe('Ủy ban MTTQ Việt Nam');
    expect(await front.locator('td').nth(3).textContent()).toBe(OTHER_OFFICE);
    await shot(page, 'registries-04-import-units-done-vi');
  });

  it('writes nothing at all when the list changed between the preview and the confirmation', async () => {
    await page.getByTestId('import-file').setInputFiles({ name: 'bo-sung.csv', mimeType: 'text/csv', buffer: Buffer.from(LATE_CSV, 'utf8') });
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('2 dòng: 2 dòng đúng, 0 dòng có lỗi.');
    expect(await page.getByTestId('import-confirm').textContent()).toBe('Nhập 2 dòng');

    // Meanwhile, a colleague's unit is typed into the form by hand.
    await page.locator('#unit-name').fill('Đoàn Thanh niên xã Phước Thạnh');
    await page.locator('#unit-kind').selectOption('youthUnion');
    await page.locator('#unit-commune').fill('xã Phước Thạnh');
    await page.locator('#unit-parent').selectOption({ label: OFFICE });
    await page.getByTestId('unit-submit').click();
    await expect.poll(() => page.locator('form.side-form [role=status]').textContent()).toBe('Đã thêm đơn vị “Đoàn Thanh niên xã Phước Thạnh”.');
    await expect.poll(unitCount).toBe('10/10 đơn vị');

    await page.getByTestId('import-confirm').click();
    const failed = page.getByTestId('import-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('Có 1 dòng bị lỗi');
    expect(await failed.textContent()).toContain('Chưa nhập dòng nào: danh sách vẫn giữ nguyên như trước.');
    await expect.poll(() => problemsOf(2)).toBe('Tên đơn vị: “Đoàn Thanh niên xã Phước Thạnh” đã có trong danh sách.');
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('2 dòng: 1 dòng đúng, 1 dòng có lỗi.');
    // All or nothing: the correct row was not written either.
    expect(await unitCount()).toBe('10/10 đơn vị');
    expect(await rowOf('unit-table', 'Hội Cựu chiến binh xã Phước Thạnh').count()).toBe(0);
    await shot(page, 'registries-05-import-failed-vi');
    await page.getByTestId('import-panel').getByRole('button', { name: 'Đóng', exact: true }).click();
    await page.getByTestId('import-panel').waitFor({ state: 'detached' });
  });

  it('edits a unit with the same form', async () => {
    const row = rowOf('unit-table', 'Hội Nông dân xã Thanh Phước');
    await row.getByTestId('unit-edit').click();
    const form = page.getByTestId('unit-form');
    await form.getByRole('heading', { name: 'Sửa đơn vị' }).waitFor();
    expect(await page.locator('#unit-name').inputValue()).toBe('Hội Nông dân xã Thanh Phước');
    expect(await page.locator('#unit-kind').inputValue()).toBe('farmersAssociation');
    await page.locator('#unit-name').fill('');
    await page.getByTestId('unit-submit').click();
    expect(await form.locator('#unit-name-error').textContent()).toBe('Bắt buộc nhập.');
    await page.locator('#unit-name').fill('Hội Nông dân xã Thanh Phước');
    await page.locator('#unit-commune').fill('xã Thanh Phước (sau sáp nhập)');
    await page.getByTestId('unit-submit').click();
    await expect.poll(() => form.locator('[role=status]').textContent()).toBe('Đã lưu thay đổi của “Hội Nông dân xã Thanh Phước”.');
    await form.getByRole('heading', { name: 'Thêm đơn vị' }).waitFor();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('xã Thanh Phước (sau sáp nhập)');
    expect(await unitCount()).toBe('10/10 đơn vị');
  });

  it('imports people from a CSV dropped on the page, with its problems in Vietnamese', async () => {
    await nav('Cá nhân').click();
    expect(hashOf(page)).toBe('#/people');
    await page.getByRole('heading', { level: 1, name: 'Cá nhân' }).waitFor();
    await page.getByText('Chưa có cá nhân nào.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Nhập từ Excel/CSV' }).click();
    await page.getByTestId('import-panel').getByRole('heading', { name: 'Nhập danh sách cá nhân từ Excel/CSV' }).waitFor();

    // Dragged from the file manager and dropped on the page.
    const transfer = await page.evaluateHandle((base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'can-bo-2025.csv', { type: 'text/csv' }));
      return data;
    }, Buffer.from(PEOPLE_CSV, 'utf8').toString('base64'));
    await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer });
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('9 dòng: 4 dòng đúng, 5 dòng có lỗi.');
    // The BOM is not part of the first title: "Họ và tên" is recognised.
    expect(await page.getByTestId('import-columns').locator('li').first().textContent()).toBe('A Họ và tên');
    expect(await page.getByTestId('map-fullName').inputValue()).toBe('0');
    expect(await page.getByTestId('map-unit').inputValue()).toBe('4');

    expect(await problemsOf(4)).toBe('Năm sinh: “19a0” không phải là năm sinh.');
    expect(await problemsOf(5)).toBe('Đơn vị công tác: Không có đơn vị tên “UBND xã Tân Hòa”.');
    expect(await problemsOf(6)).toBe('Họ và tên: Bắt buộc nhập.');
    expect(await problemsOf(7)).toBe('Họ và tên: Dòng này trùng với một dòng trước trong tệp.');
    expect(await problemsOf(8)).toBe('Giới tính: “Khác” không phải là giới tính (Nam / Nữ).');
    expect(await importRow(9).locator('td').nth(4).textContent()).toBe('Tổ trưởng Tổ TK&VV, ấp Phước Đức');
    expect(await page.getByTestId('import-confirm').textContent()).toBe('Nhập 4 dòng đúng, bỏ qua 5 dòng có lỗi');
    expect(await page.getByTestId('person-count').textContent()).toBe('0/0 người');
    await shot(page, 'registries-06-import-people-preview-vi');

    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-result').textContent()).toBe('Đã nhập 4 dòng từ “can-bo-2025.csv”; bỏ qua 5 dòng có lỗi.');
    await expect.poll(() => page.getByTestId('person-count').textContent()).toBe('4/4 người');
    expect(await firstColumn('person-table').allTextContents()).toEqual(['Dương Văn Dũng', 'Nguyễn Thị Hoa', 'Nguyễn Văn An', 'Trần Văn Bình']);
    const an = rowOf('person-table', 'Nguyễn Văn An');
    expect(await an.locator('td').allTextContents()).toEqual(['Nguyễn Văn An', '1975', 'Nam', 'Tổ trưởng Tổ TK&VV, ấp Phước Đức', 'Hội Nông dân xã Thanh Phước', expect.stringContaining('Sửa')]);
    await page.getByTestId('import-panel').getByRole('button', { name: 'Đóng', exact: true }).click();
  });

  it('finds people typed without accents', async () => {
    await page.getByTestId('person-search').fill('nguyen van a');
    await expect.poll(() => firstColumn('person-table').allTextContents()).toEqual(['Nguyễn Văn An']);
    await page.getByTestId('person-search').fill('hoi lien hiep');
    await expect.poll(() => firstColumn('person-table').allTextContents()).toEqual(['Nguyễn Thị Hoa']);
    await page.getByTestId('person-search').fill('cuu chien binh');
    await expect.poll(() => firstColumn('person-table').allTextContents()).toEqual(['Dương Văn Dũng']);
    await page.getByTestId('person-search').fill('');
  });

  it('adds, edits and retires a person', async () => {
    const form = page.getByTestId('person-form');
    // The unit chooser offers the units in use, in Vietnamese order.
    const offered = (await page.locator('#person-unit option').allTextContents()).slice(1);
    expect(offered).toEqual([...offered].sort(new Intl.Collator('vi').compare));
    expect(offered).toContain('Đoàn Thanh niên xã Bàu Đồn');

    await page.locator('#person-birth-year').fill('1890');
    await page.getByTestId('person-submit').click();
    expect(await form.locator('#person-name-error').textContent()).toBe('Bắt buộc nhập.');
    expect(await form.locator('#person-birth-year-error').textContent()).toBe('Tối thiểu 1930.');
    expect(await form.locator('#person-unit-error').textContent()).toBe('Bắt buộc nhập.');
    await shot(page, 'registries-07-person-errors-vi');

    await page.locator('#person-name').fill('Đặng Thị Gấm');
    await page.locator('#person-birth-year').fill('1982');
    await page.locator('#person-gender').selectOption('female');
    await page.locator('#person-position').fill('Tổ trưởng Tổ TK&VV ấp Bàu Vừng');
    await page.getByTestId('person-unit-filter').fill('bau don');
    expect(await page.locator('#person-unit option').allTextContents()).toEqual(['— chọn đơn vị —', 'Đoàn Thanh niên xã Bàu Đồn']);
    await page.locator('#person-unit').selectOption({ label: 'Đoàn Thanh niên xã Bàu Đồn' });
    await page.getByTestId('person-submit').click();
    await expect.poll(() => form.locator('[role=status]').textContent()).toBe('Đã thêm “Đặng Thị Gấm”.');
    await expect.poll(() => page.getByTestId('person-count').textContent()).toBe('5/5 người');
    const row = rowOf('person-table', 'Đặng Thị Gấm');
    expect(await row.locator('td').nth(1).textContent()).toBe('1982');
    expect(await row.locator('td').nth(2).textContent()).toBe('Nữ');
    // Vietnamese order: "Đ" is a letter of its own after "D" (an English sort would put Đặng before Dương).
    expect(await firstColumn('person-table').allTextContents()).toEqual(['Dương Văn Dũng', 'Đặng Thị Gấm', 'Nguyễn Thị Hoa', 'Nguyễn Văn An', 'Trần Văn Bình']);

    await row.getByTestId('person-edit').click();
    await form.getByRole('heading', { name: 'Sửa thông tin cá nhân' }).waitFor();
    expect(await page.locator('#person-birth-year').inputValue()).toBe('1982');
    expect(await page.locator('#person-unit').inputValue()).not.toBe('');
    await page.locator('#person-position').fill('Tổ trưởng Tổ TK&VV ấp Bàu Vừng, xã Bàu Đồn');
    await page.getByTestId('person-submit').click();
    await expect.poll(() => form.locator('[role=status]').textContent()).toBe('Đã lưu thay đổi của “Đặng Thị Gấm”.');
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('Tổ trưởng Tổ TK&VV ấp Bàu Vừng, xã Bàu Đồn');
    await shot(page, 'registries-08-people-vi');

    await row.getByTestId('person-retire').click();
    const dialog = row.getByTestId('person-retire-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Ngừng sử dụng “Đặng Thị Gấm”?');
    await row.getByTestId('person-retire-confirm').click();
    await expect.poll(() => row.getAttribute('class')).toContain('retired');
    expect(await row.locator('td').first().textContent()).toBe('Đặng Thị Gấmđã ngừng sử dụng');
    expect(await form.locator('[role=status]').textContent()).toBe('Đã ngừng sử dụng “Đặng Thị Gấm”.');
    await page.getByTestId('person-filter-status').selectOption('active');
    await expect.poll(() => page.getByTestId('person-count').textContent()).toBe('4/5 người');
    await page.getByTestId('person-filter-status').selectOption('all');
    await shot(page, 'registries-09-person-retired-vi');
  });

  it('retires a unit: greyed in the list, no longer offered for people or new dossiers, and back again', async () => {
    await nav('Đơn vị').click();
    const row = rowOf('unit-table', 'Đoàn Thanh niên xã Bàu Đồn');
    await row.getByTestId('unit-retire').click();
    const dialog = row.getByTestId('unit-retire-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Đơn vị sẽ không nhận hồ sơ mới');
    await shot(page, 'registries-10-unit-retire-dialog-vi');
    await row.getByTestId('unit-retire-confirm').click();
    await expect.poll(() => row.getAttribute('class')).toContain('retired');
    expect(await row.locator('.tag-retired').textContent()).toBe('đã ngừng sử dụng');
    expect(await row.getByTestId('unit-restore').textContent()).toBe('Sử dụng lại');
    // Never deleted: still counted, still listed.
    expect(await unitCount()).toBe('10/10 đơn vị');
    await page.getByTestId('unit-filter-status').selectOption('retired');
    await expect.poll(() => firstColumn('unit-table').allTextContents()).toEqual(['Đoàn Thanh niên xã Bàu Đồnđã ngừng sử dụng']);
    await page.getByTestId('unit-filter-status').selectOption('all');
    await shot(page, 'registries-11-unit-retired-vi');

    await nav('Cá nhân').click();
    await page.getByTestId('person-form').waitFor();
    expect(await page.locator('#person-unit option').allTextContents()).not.toContain('Đoàn Thanh niên xã Bàu Đồn');

    await nav('Hồ sơ').click();
    await page.getByTestId('new-dossier').click();
    const offers = async (name: string) => (await pickerNames(page, 'nominee-select', name)).includes(name);
    await expect.poll(() => offers('Hội Nông dân xã Phước Thạnh')).toBe(true);
    expect(await offers('Đoàn Thanh niên xã Bàu Đồn')).toBe(false);

    await nav('Đơn vị').click();
    await rowOf('unit-table', 'Đoàn Thanh niên xã Bàu Đồn').getByTestId('unit-restore').click();
    await expect.poll(async () => (await rowOf('unit-table', 'Đoàn Thanh niên xã Bàu Đồn').getAttribute('class')) ?? '').not.toContain('retired');
    expect(await page.locator('form.side-form [role=status]').textContent()).toBe('“Đoàn Thanh niên xã Bàu Đồn” đã được sử dụng lại.');
  });

  it('shows the same screens in English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Units' }).waitFor();
    expect(await unitCount()).toBe('10 of 10 units');
    expect(await rowOf('unit-table', 'UBND xã Phước Thạnh').locator('td').nth(1).textContent()).toBe('Commune People’s Committee');
    await shot(page, 'registries-12-units-en');

    await page.getByRole('button', { name: 'Import from Excel/CSV' }).click();
    await page.getByTestId('import-file').setInputFiles({ name: 'danh-sach-don-vi.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await unitWorkbook() });
    // Now that three rows were imported, they are duplicates of the registry.
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('8 rows: 0 correct, 8 with problems.');
    expect(await problemsOf(4)).toBe('Kind: “Hợp tác xã” is not a kind of unit.');
    expect(await problemsOf(2)).toBe('Unit name: “Hội Liên hiệp Phụ nữ xã Phước Thạnh” is already in the registry.');
    await shot(page, 'registries-13-import-preview-en');
    await page.getByTestId('import-file').setInputFiles({ name: 'bo-sung.csv', mimeType: 'text/csv', buffer: Buffer.from(LATE_CSV, 'utf8') });
    await expect.poll(() => page.getByTestId('import-confirm').textContent()).toBe('Import the 1 correct row, skip the 1 with problems');
    await shot(page, 'registries-14-import-confirm-en');
    await page.getByTestId('import-panel').getByRole('button', { name: 'Close', exact: true }).click();

    await nav('People').click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    expect(await page.getByTestId('person-count').textContent()).toBe('5 of 5 people');
    expect(await rowOf('person-table', 'Nguyễn Văn An').locator('td').nth(2).textContent()).toBe('Male');
    await rowOf('person-table', 'Trần Văn Bình').getByTestId('person-edit').click();
    await page.getByTestId('person-form').getByRole('heading', { name: 'Edit the person' }).waitFor();
    await shot(page, 'registries-15-people-en');
    await page.getByTestId('language-switch').selectOption('vi');
    await page.getByRole('heading', { level: 1, name: 'Cá nhân' }).waitFor();
  });
});
