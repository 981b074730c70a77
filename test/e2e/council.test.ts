import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { allVirtualRows, buildIfStale, completeWizard, expectHundredths, hundredths, login, shot } from './helpers';

/**
 * The council at work on the branch installation with the demo data: the council's members are named, three of them
 * score a dossier (one with a conflict of interest), the aggregate is explained, the ranking uses it once the council's
 * total is made the official one, and the individual quota is allocated. The tests share one browser page and run in
 * order.
 */

const ADMIN = { fullName: 'Võ Thị Thu', username: 'thu.vo', password: 'hoi-dong-2025' };
const QUOTA = 10;
const MEMBERS = [
  { fullName: 'Nguyễn Văn Hùng', position: 'chair' },
  { fullName: 'Trần Thị Lan', position: 'secretary' },
  { fullName: 'Lê Minh Tâm', position: 'member' },
] as const;

/** Points for a member: `share` of each criterion's maximum, in its step, written with a comma. */
function typed(max: number, step: number, share: number): string {
  const hundredths = Math.floor((max * share) / step) * step;
  return String(hundredths / 100).replace('.', ',');
}

describe('the council: members, score sheets, ranking and allocation', () => {
  const data = temporaryDataDir('tdcs-e2e-council-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let dossierId = '';
  let councilTotal = Number.NaN;

  const nav = (name: string) => page.locator('nav.main-nav').getByRole('link', { name, exact: true });
  const panel = () => page.getByTestId('council-panel');
  const sheetRow = (reviewer: string) => page.getByTestId('review-table').locator(`tr[data-reviewer="${reviewer}"]`);

  /** Fills the open score sheet: the member (chosen, or fixed when editing), `share` of every criterion's maximum, a conflict, a note. */
  async function fillSheet(member: string | null, share: number, conflict: boolean, note: string): Promise<void> {
    const form = page.getByTestId('review-form');
    await form.waitFor();
    if (member !== null) await form.getByTestId('review-member').selectOption({ label: member });
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

  /** Sets which total the official ranking uses, in the council's rules. */
  async function officialTotal(value: 'council' | 'self'): Promise<void> {
    await nav('Hội đồng').click();
    const rules = page.getByTestId('council-rules');
    await rules.waitFor();
    await rules.getByTestId('official-total').selectOption(value);
    await rules.getByTestId('rules-save').click();
    await rules.getByText('Đã lưu quy chế.').waitFor();
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

  it('opens the best dossier of the ranking: the self-assessment is the official total, and no sheet without members', async () => {
    await nav('Xếp hạng').click();
    const first = page.getByTestId('ranking-table').locator('tbody tr[data-dossier]').first();
    await first.waitFor();
    dossierId = (await first.getAttribute('data-dossier')) ?? '';
    expect(await page.getByTestId('official-total').textContent()).toBe('Tổng điểm chính thức: điểm tự chấm của đơn vị.');
    expect(await page.getByTestId(`ranking-source-${dossierId}`).getAttribute('data-source')).toBe('self');
    await page.goto(`${new URL(page.url()).origin}/#/dossiers/${encodeURIComponent(dossierId)}`);
    await panel().waitFor();
    await expect.poll(() => panel().locator('.empty').count()).toBe(1);
    expect(await panel().locator('.empty').textContent()).toContain('Chưa có thành viên Hội đồng nào chấm hồ sơ này');
    // Sheets are the members': none is named yet, so none can be entered.
    expect(await panel().textContent()).toContain('Chưa ghi danh sách thành viên Hội đồng');
    expect(await page.getByTestId('review-add').count()).toBe(0);
  });

  it('names the council’s three members', async () => {
    await nav('Hội đồng').click();
    for (const member of MEMBERS) {
      await page.getByTestId('member-add').click();
      const form = page.getByTestId('member-form');
      await form.locator('#member-fullName').fill(member.fullName);
      await form.locator('#member-position').selectOption(member.position);
      await form.getByTestId('member-save').click();
      await page.getByTestId('members-table').locator(`tr[data-member="${member.fullName}"]`).waitFor();
    }
    expect(await page.getByTestId('members-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-member')))).toEqual(MEMBERS.map((member) => member.fullName));
  });

  it('refuses points above the maximum at the field, then records three members’ sheets, one with a conflict of interest', async () => {
    await page.goto(`${new URL(page.url()).origin}/#/dossiers/${encodeURIComponent(dossierId)}`);
    await panel().waitFor();
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

    // The last member left is the only one the form offers: shown, not chosen.
    await page.getByTestId('review-add').click();
    expect(await page.getByTestId('review-member-fixed').textContent()).toBe('Lê Minh Tâm');
    await fillSheet(null, 1, true, 'Vợ là cán bộ của đơn vị.');
    await saveSheet('Lê Minh Tâm');
    expect(await sheetRow('Lê Minh Tâm').getByTestId('review-conflict-mark').textContent()).toBe('Xung đột');
    // Every member has a sheet here: there is no one left to add.
    expect(await page.getByTestId('review-add').count()).toBe(0);

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

  it('deletes a sheet after confirmation, enters it again, and edits another', async () => {
    const tam = sheetRow('Lê Minh Tâm');
    await tam.getByRole('button', { name: 'Xóa' }).click();
    await page.getByTestId('review-confirm-delete').waitFor();
    await shot(page, 'council-04-confirm-delete-vi');
    await page.getByTestId('review-confirm-delete').click();
    await tam.waitFor({ state: 'detached' });
    expect(await page.getByTestId('review-notice').textContent()).toBe('Đã xóa phiếu chấm của Lê Minh Tâm.');
    // A conflicted sheet was never counted: the aggregate stays.
    await expectHundredths(page.getByTestId('aggregate-total'), councilTotal);
    await page.getByTestId('review-add').click();
    await fillSheet(null, 1, true, 'Vợ là cán bộ của đơn vị.');
    await saveSheet('Lê Minh Tâm');

    // Editing keeps the member and recomputes the aggregate.
    await sheetRow('Trần Thị Lan').getByRole('button', { name: 'Sửa' }).click();
    expect(await page.getByTestId('review-member-fixed').textContent()).toBe('Trần Thị Lan');
    await fillSheet(null, 0.8, false, 'Điều chỉnh sau khi xem minh chứng.');
    const lan = await saveSheet('Trần Thị Lan');
    const hung = await hundredths(sheetRow('Nguyễn Văn Hùng').getByTestId('review-total'));
    councilTotal = Math.round((hung + lan) / 2);
    await expectHundredths(page.getByTestId('aggregate-total'), councilTotal);
  });

  it('with the council’s total made the official one, the ranking uses the sheets, counts 2 of 3, and explains them', async () => {
    await officialTotal('council');
    await nav('Xếp hạng').click();
    const row = page.locator(`tr[data-dossier="${dossierId}"]`);
    await row.waitFor();
    expect(await page.getByTestId('official-total').textContent()).toBe('Tổng điểm chính thức: điểm của Hội đồng (phiếu chấm của các thành viên).');
    expect(await page.getByTestId(`ranking-source-${dossierId}`).getAttribute('data-source')).toBe('council');
    expect(await page.getByTestId(`ranking-source-${dossierId}`).textContent()).toBe('Hội đồng (2/3 phiếu)');
    await expectHundredths(page.getByTestId(`ranking-total-${dossierId}`), councilTotal);
    expect(await page.getByTestId('tie-break-chain').textContent()).toMatch(/^Khi bằng tổng điểm, xét lần lượt: \(1\) điểm tiêu chí “/);
    // The others await their sheets and cannot be proposed: this one alone is, pending the council's vote.
    expect(await page.getByTestId('awaiting-sheets').textContent()).toMatch(/^Còn \d+ hồ sơ chờ phiếu chấm của thành viên Hội đồng/);
    expect(await page.locator('[data-testid^="ranking-proposed-"]').evaluateAll((pills) => pills.map((pill) => pill.getAttribute('data-testid')))).toEqual([`ranking-proposed-${dossierId}`]);
    expect(await page.getByTestId(`ranking-proposed-${dossierId}`).textContent()).toBe('Đề xuất, chờ biểu quyết');
    expect(await page.getByTestId('quota-line').textContent()).toContain('Chỉ tiêu: đề xuất tối đa 5');
    await shot(page, 'council-05-ranking-vi');

    await row.getByRole('button', { name: 'Chi tiết' }).click();
    const explanation = page.getByTestId('ranking-aggregate');
    await explanation.waitFor();
    await expectHundredths(page.getByTestId('ranking-aggregate-total'), councilTotal);
    expect(await explanation.locator('tr[data-reviewer="Lê Minh Tâm"]').getAttribute('data-standing')).toBe('excluded');
    await shot(page, 'council-06-ranking-details-vi');

    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.getByTestId(`ranking-source-${dossierId}`).textContent()).toBe('Council (2/3 sheets)');
    await page.getByTestId('ranking-aggregate').waitFor();
    expect(await page.getByTestId('ranking-aggregate').textContent()).toContain('Not counted: conflict of interest');
    await shot(page, 'council-11-ranking-en');
    await page.getByTestId('language-switch').selectOption('vi');
    await nav('Xếp hạng').waitFor();
    // Back to the demo's self-assessment: the allocation weighs every eligible collective.
    await officialTotal('self');
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

    await page.goto(`${new URL(page.url()).origin}/#/dossiers/${encodeURIComponent(dossierId)}`);
    await panel().waitFor();
    await expectHundredths(page.getByTestId('aggregate-total'), councilTotal);
    expect(await panel().locator('h2').textContent()).toBe('Council score sheets');
    // Every sheet was saved: none comes back as a draft.
    expect(await page.getByTestId('review-draft-restored').count()).toBe(0);
    await sheetRow('Nguyễn Văn Hùng').getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('review-form').waitFor();
    await shot(page, 'council-12-sheets-en');
    await page.getByTestId('review-form').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('language-switch').selectOption('vi');
  });
});
