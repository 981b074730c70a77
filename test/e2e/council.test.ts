import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { allVirtualRows, buildIfStale, completeWizard, expectHundredths, hundredths, login, shot } from './helpers';

/**
 * The council at work on the branch installation with the demo data: three members score a dossier (one with a
 * conflict of interest), the aggregate is explained, the ranking uses it, and the individual quota is allocated.
 * The tests share one browser page and run in order.
 */

const ADMIN = { fullName: 'Võ Thị Thu', username: 'thu.vo', password: 'hoi-dong-2025' };
const QUOTA = 10;

/** Points for a member: `share` of each criterion's maximum, in its step, written with a comma. */
function typed(max: number, step: number, share: number): string {
  const hundredths = Math.floor((max * share) / step) * step;
  return String(hundredths / 100).replace('.', ',');
}

describe('the council: score sheets, ranking and allocation', () => {
  const data = temporaryDataDir('tdcs-e2e-council-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let dossierId = '';
  let councilTotal = Number.NaN;

  const nav = (name: string) => page.locator('nav.main-nav').getByRole('link', { name, exact: true });
  const panel = () => page.getByTestId('council-panel');
  const sheetRow = (reviewer: string) => page.getByTestId('review-table').locator(`tr[data-reviewer="${reviewer}"]`);

  /** Fills the open score sheet: a name, `share` of every criterion's maximum, a conflict, a note. */
  async function fillSheet(reviewer: string | null, share: number, conflict: boolean, note: string): Promise<void> {
    const form = page.getByTestId('review-form');
    await form.waitFor();
    if (reviewer !== null) await form.locator('#reviewer').fill(reviewer);
    const inputs = form.locator('input[data-criterion]');
    for (let i = 0; i < (await inputs.count()); i += 1) {
      const input = inputs.nth(i);
      const hint = (await input.locator('xpath=..').locator('.field-hint').textContent()) ?? '';
      // "Từ 0 đến 15, bước 0,5 điểm. …": the maximum and the step, as the form states them.
      const [max, step] = [...hint.matchAll(/(\d+(?:,\d+)?)/g)].slice(1, 3).map((match) => Math.round(Number((match[1] ?? '0').replace(',', '.')) * 100));
      await input.fill(typed(max ?? 0, step ?? 50, share));
    }
    const box = form.getByTestId('review-conflict');
    if (conflict) await box.check();
    else await box.uncheck();
    await form.locator('#review-note').fill(note);
  }

  async function saveSheet(reviewer: string): Promise<number> {
    const live = await hundredths(page.getByTestId('review-live-total'));
    await page.getByTestId('review-save').click();
    await page.getByTestId('review-form').waitFor({ state: 'detached' });
    const row = sheetRow(reviewer);
    await row.waitFor();
    await expectHundredths(row.getByTestId('review-total'), live);
    return live;
  }

  beforeAll(async () => {
    buildIfStale();
    host = await startBrowserMode(data.dir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('sets up the branch installation with the demo data', async () => {
    if (!host) throw new Error('browser mode did not start');
    await page.goto(host.url);
    await completeWizard(page, { mode: 'branch', organisation: 'Chi nhánh NHCSXH tỉnh Tây Ninh', ...ADMIN, demo: true }, 60_000);
    await login(page, ADMIN.username, ADMIN.password);
    await expect.poll(() => nav('Phân bổ').count()).toBe(1);
  });

  it('opens the best dossier of the ranking: no score sheet yet, the self-assessment is used', async () => {
    await nav('Xếp hạng').click();
    const first = page.getByTestId('ranking-table').locator('tbody tr[data-dossier]').first();
    await first.waitFor();
    dossierId = (await first.getAttribute('data-dossier')) ?? '';
    expect(await page.getByTestId(`ranking-source-${dossierId}`).getAttribute('data-source')).toBe('self');
    await page.goto(`${new URL(page.url()).origin}/#/dossiers/${encodeURIComponent(dossierId)}`);
    await panel().waitFor();
    await expect.poll(() => panel().locator('.empty').count()).toBe(1);
    expect(await panel().locator('.empty').textContent()).toContain('Chưa có thành viên Hội đồng nào chấm hồ sơ này');
  });

  it('refuses points above the maximum at the field, then records three members, one with a conflict of interest', async () => {
    await page.getByTestId('review-add').click();
    await fillSheet('Nguyễn Văn Hùng', 0.9, false, 'Đơn vị phối hợp tốt.');
    const first = page.getByTestId('review-form').locator('input[data-criterion]').first();
    const kept = await first.inputValue();
    await first.fill('99');
    await page.getByTestId('review-save').click();
    const error = page.getByTestId('review-form').locator('.field-invalid .field-error').first();
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Tối đa \d+/);
    await shot(page, 'council-01-sheet-error-vi');
    await first.fill(kept);
    // The message goes once the corrected field is left (before the sheet is saved).
    await first.blur();
    await error.waitFor({ state: 'detached' });
    const hung = await saveSheet('Nguyễn Văn Hùng');
    expect(await page.getByTestId('review-notice').textContent()).toBe('Đã lưu phiếu chấm của Nguyễn Văn Hùng.');

    await page.getByTestId('review-add').click();
    await fillSheet('Trần Thị Lan', 0.7, false, '');
    await shot(page, 'council-02-sheet-form-vi');
    const lan = await saveSheet('Trần Thị Lan');

    await page.getByTestId('review-add').click();
    await fillSheet('Lê Minh Tâm', 1, true, 'Vợ là cán bộ của đơn vị.');
    await saveSheet('Lê Minh Tâm');
    expect(await sheetRow('Lê Minh Tâm').getByTestId('review-conflict-mark').textContent()).toBe('Xung đột');

    // The council's score: the mean of the two members without a conflict, rounded half away from zero.
    councilTotal = Math.round((hung + lan) / 2);
    await expectHundredths(page.getByTestId('aggregate-total'), councilTotal);
    const standing = (name: string) => page.getByTestId('aggregate').locator(`tr[data-reviewer="${name}"]`).getAttribute('data-standing');
    expect(await standing('Nguyễn Văn Hùng')).toBe('counted');
    expect(await standing('Trần Thị Lan')).toBe('counted');
    expect(await standing('Lê Minh Tâm')).toBe('excluded');
    expect(await page.getByTestId('aggregate').textContent()).toContain('Không tính: xung đột lợi ích');
    expect(await page.getByTestId('aggregate').textContent()).toContain('Điểm bình quân');
    await shot(page, 'council-03-sheets-aggregate-vi');
  });

  it('edits a sheet and deletes one after confirmation', async () => {
    // A fourth member entered by mistake is deleted again.
    await page.getByTestId('review-add').click();
    await fillSheet('Thành viên nhập nhầm', 0.5, false, '');
    await saveSheet('Thành viên nhập nhầm');
    const mistaken = sheetRow('Thành viên nhập nhầm');
    await mistaken.getByRole('button', { name: 'Xóa' }).click();
    await page.getByTestId('review-confirm-delete').waitFor();
    await shot(page, 'council-04-confirm-delete-vi');
    await page.getByTestId('review-confirm-delete').click();
    await mistaken.waitFor({ state: 'detached' });
    expect(await page.getByTestId('review-notice').textContent()).toBe('Đã xóa phiếu chấm của Thành viên nhập nhầm.');
    await expectHundredths(page.getByTestId('aggregate-total'), councilTotal);

    // Editing keeps the member's name and recomputes the aggregate.
    await sheetRow('Trần Thị Lan').getByRole('button', { name: 'Sửa' }).click();
    expect(await page.getByTestId('review-form').locator('#reviewer').inputValue()).toBe('Trần Thị Lan');
    await fillSheet(null, 0.8, false, 'Điều chỉnh sau khi xem minh chứng.');
    const lan = await saveSheet('Trần Thị Lan');
    const hung = await hundredths(sheetRow('Nguyễn Văn Hùng').getByTestId('review-total'));
    councilTotal = Math.round((hung + lan) / 2);
    await expectHundredths(page.getByTestId('aggregate-total'), councilTotal);
  });

  it('the ranking marks the row as scored by the council, with the same total, and explains it', async () => {
    await nav('Xếp hạng').click();
    const row = page.locator(`tr[data-dossier="${dossierId}"]`);
    await row.waitFor();
    expect(await page.getByTestId(`ranking-source-${dossierId}`).getAttribute('data-source')).toBe('council');
    expect(await page.getByTestId(`ranking-source-${dossierId}`).textContent()).toBe('Hội đồng (3 thành viên)');
    await expectHundredths(page.getByTestId(`ranking-total-${dossierId}`), councilTotal);
    expect(await page.getByTestId('tie-break-chain').textContent()).toMatch(/^Khi bằng tổng điểm, xét lần lượt: \(1\) điểm tiêu chí “/);
    // The proposals: within the quota, marked, and the quota line below them.
    const proposed = page.locator('[data-testid^="ranking-proposed-"]');
    const cutoff = page.locator('[data-testid^="ranking-cutoff-"]');
    expect((await proposed.count()) + (await cutoff.count())).toBeGreaterThan(0);
    expect(await proposed.count()).toBeLessThanOrEqual(5);
    expect(await page.getByTestId('quota-line').textContent()).toContain('Chỉ tiêu: đề xuất tối đa 5');
    if ((await cutoff.count()) > 0) expect(await page.getByTestId('cutoff-tie-banner').textContent()).toContain('Hội đồng quyết định');
    await shot(page, 'council-05-ranking-vi');

    await row.getByRole('button', { name: 'Chi tiết' }).click();
    const explanation = page.getByTestId('ranking-aggregate');
    await explanation.waitFor();
    await expectHundredths(page.getByTestId('ranking-aggregate-total'), councilTotal);
    expect(await explanation.locator('tr[data-reviewer="Lê Minh Tâm"]').getAttribute('data-standing')).toBe('excluded');
    await shot(page, 'council-06-ranking-details-vi');
  });

  it('the allocation page shares 10 places among the units and changes with the method', async () => {
    await nav('Phân bổ').click();
    const table = page.getByTestId('allocation-table');
    await table.waitFor();
    expect(await page.getByTestId('allocation-quota').textContent()).toBe(`Chỉ tiêu cá nhân: ${QUOTA}`);
    expect(await table.getAttribute('data-method')).toBe('largestRemainder');
    // The table is virtualised: its rows are read by scrolling it through.
    const lines = () => allVirtualRows(page, 'allocation-table', '.reasons li');
    const seats = async () => (await lines()).map((line) => Number(line.attributes['data-seats']));
    const hamilton = await seats();
    expect(hamilton.reduce((sum, value) => sum + value, 0)).toBe(QUOTA);
    expect(await page.getByTestId('allocation-total').textContent()).toBe(String(QUOTA));
    // The units no office serves are pooled under a name of their own, explained beneath it, on the last line.
    const province = (await lines()).find((line) => line.attributes['data-unit'] === 'province');
    expect(province?.cells[0]).toBe('Đơn vị cấp tỉnhCác đơn vị không thuộc Phòng giao dịch nào, được tính chung.');
    expect(await page.locator('.banner-info').textContent()).toContain('Hội đồng xem xét, quyết định');
    await shot(page, 'council-07-allocation-vi');

    const reasons = async () => (await lines()).flatMap((line) => line.texts);
    expect((await reasons()).every((text) => text.startsWith('phần dư lớn'))).toBe(true);

    // D'Hondt: every place is won by a quotient, one after the other.
    await page.getByTestId('allocation-method').selectOption('dHondt');
    await expect.poll(() => table.getAttribute('data-method')).toBe('dHondt');
    expect((await seats()).reduce((sum, value) => sum + value, 0)).toBe(QUOTA);
    expect(await page.getByTestId('allocation-total').textContent()).toBe(String(QUOTA));
    expect((await reasons()).join(' ')).toContain('suất thứ 1: thương số');
    await shot(page, 'council-08-allocation-dhondt-vi');

    // Equal share: every unit's exact share is the same.
    await page.getByTestId('allocation-method').selectOption('equalShare');
    await expect.poll(() => table.getAttribute('data-method')).toBe('equalShare');
    const units = hamilton.length;
    const equal = (QUOTA / units).toFixed(3).replace('.', ',');
    expect(new Set((await lines()).map((line) => line.cells[5]))).toEqual(new Set([equal]));
    expect((await seats()).reduce((sum, value) => sum + value, 0)).toBe(QUOTA);

    // On the proposed collectives instead of the eligible ones, the places move to the units that have them.
    await page.getByTestId('allocation-method').selectOption('largestRemainder');
    await page.getByTestId('allocation-weight').selectOption('selectedCount');
    await expect.poll(() => table.getAttribute('data-weight')).toBe('selectedCount');
    await expect.poll(() => table.getAttribute('data-method')).toBe('largestRemainder');
    const onSelected = await seats();
    expect(onSelected.reduce((sum, value) => sum + value, 0)).toBe(QUOTA);
    expect(onSelected).not.toEqual(hamilton);
    await shot(page, 'council-09-allocation-selected-vi');
  });

  it('shows the same screens in English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => nav('Allocation').count()).toBe(1);
    await expect.poll(async () => (await allVirtualRows(page, 'allocation-table')).find((line) => line.attributes['data-unit'] === 'province')?.cells[0]).toMatch(/^Province-level units/);
    await shot(page, 'council-10-allocation-en');

    await nav('Ranking').click();
    const row = page.locator(`tr[data-dossier="${dossierId}"]`);
    await row.waitFor();
    expect(await page.getByTestId(`ranking-source-${dossierId}`).textContent()).toBe('Council (3 member(s))');
    await row.getByRole('button', { name: 'Details' }).click();
    await page.getByTestId('ranking-aggregate').waitFor();
    expect(await page.getByTestId('ranking-aggregate').textContent()).toContain('Not counted: conflict of interest');
    await shot(page, 'council-11-ranking-en');

    await page.goto(`${new URL(page.url()).origin}/#/dossiers/${encodeURIComponent(dossierId)}`);
    await panel().waitFor();
    await expectHundredths(page.getByTestId('aggregate-total'), councilTotal);
    expect(await panel().locator('h2').textContent()).toBe('Council score sheets');
    await page.getByTestId('review-add').click();
    await page.getByTestId('review-form').waitFor();
    await shot(page, 'council-12-sheets-en');
    await page.getByTestId('language-switch').selectOption('vi');
  });
});
