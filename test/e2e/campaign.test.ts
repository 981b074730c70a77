import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { buildIfStale, completeWizard, hashOf, login, shot } from './helpers';

/**
 * The council's campaign settings: the deadline in dd/MM/yyyy, quotas (one above the plan's only with
 * the council's reason), how reviewers' scores are combined, the tie-break chain, the allocation method;
 * saved, still there after a reload; the status moves forward only after a confirmation, and a closed
 * campaign's settings are read-only. Next year's campaign is offered from the current one.
 */

const ADMIN = { fullName: 'Phạm Thị Hạnh', username: 'hanh.pham', password: 'thu-ky-2025' };

describe('the campaign settings', () => {
  const data = temporaryDataDir('tdcs-e2e-campaign-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;

  const nav = () => page.locator('nav.main-nav');
  const chain = () => page.getByTestId('tie-break-list').locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-tie-break')));
  const status = () => page.getByTestId('campaign-status').getAttribute('data-status');
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');

  async function openSettings(): Promise<void> {
    await nav().getByRole('link', { name: /^(Đợt thi đua|Campaign)$/ }).click();
    await page.getByTestId('campaign-form').waitFor();
  }

  beforeAll(async () => {
    buildIfStale();
    host = await startBrowserMode(data.dir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('shows the campaign in preparation with the plan’s defaults', async () => {
    if (!host) throw new Error('browser mode did not start');
    await page.goto(host.url);
    // Without the demo (which loads the year in progress, already open): the first campaign, 2025, in preparation, as a new branch starts it.
    await completeWizard(page, { mode: 'branch', organisation: 'Chi nhánh NHCSXH tỉnh Tây Ninh', ...ADMIN, demo: false }, 60_000);
    await login(page, ADMIN.username, ADMIN.password);
    await openSettings();
    expect(hashOf(page)).toBe('#/campaign');
    await page.getByRole('heading', { name: 'Đợt thi đua năm 2025', level: 1 }).waitFor();
    expect(await status()).toBe('preparation');
    expect(await page.getByTestId('campaign-status').textContent()).toBe('Đang chuẩn bị');
    expect(await page.getByTestId('campaign-transition').textContent()).toBe('Mở đợt thi đua');
    // dd/MM/yyyy whatever the computer's own date format, with the day spelt out beneath.
    expect(await page.getByTestId('campaign-deadline').inputValue()).toBe('10/01/2026');
    await page.getByText('Hạn cuối: Thứ Bảy, 10 tháng 1, 2026.').waitFor();
    expect(await page.locator('#campaign-quota-collectives').inputValue()).toBe('5');
    expect(await page.locator('#campaign-quota-individuals').inputValue()).toBe('10');
    expect(await page.getByLabel('Điểm bình quân', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Bình quân cắt (bỏ cao nhất và thấp nhất)', { exact: true }).isChecked()).toBe(false);
    await page.getByText('Loại một tổng điểm cao nhất và một tổng điểm thấp nhất khi có từ 5 thành viên chấm trở lên').waitFor();
    expect(await chain()).toEqual(['criterion:overdueRatio', 'voteShare', 'womenPriority']);
    expect(await page.getByTestId('tie-break-list').textContent()).toContain('Điểm tiêu chí “Tỷ lệ nợ quá hạn”');
    expect(await page.getByLabel('Phần dư lớn nhất (Hamilton)').isChecked()).toBe(true);
    expect(await page.getByLabel('Số tập thể đủ điều kiện của đơn vị').isChecked()).toBe(true);
    // The plan's quotas: no warning, no reason asked.
    expect(await page.getByTestId('quota-collectives-warning').count()).toBe(0);
    expect(await page.getByTestId('campaign-quota-reason').count()).toBe(0);
    // The current (and only) campaign offers to start the next year's.
    expect(await page.getByTestId('campaign-start-next').textContent()).toBe('Bắt đầu đợt thi đua năm 2026');
    await shot(page, 'campaign-01-settings-vi');
  });

  it('refuses a quota out of range at the field and keeps what was typed', async () => {
    await page.locator('#campaign-quota-collectives').fill('500');
    await page.getByText('Tối đa 100.').waitFor();
    await page.getByTestId('save-campaign').click();
    await page.getByText('Một số mục cần sửa; chưa lưu gì. Các thay đổi của bạn vẫn được giữ.').waitFor();
    expect(await page.locator('#campaign-quota-collectives').inputValue()).toBe('500');
    await shot(page, 'campaign-02-quota-error-vi');
    await page.locator('#campaign-quota-collectives').fill('6');
    await expect.poll(() => page.getByText('Tối đa 100.').count()).toBe(0);
    // Within range but above the plan's 5: a warning, and the council's reason is asked for.
    expect(await page.getByTestId('quota-collectives-warning').textContent()).toBe('⚠ Kế hoạch đề nghị tối đa 5 mỗi năm; 6 là khác với kế hoạch.');
    await page.getByTestId('campaign-quota-reason').waitFor();
    expect(await page.getByTestId('quota-individuals-warning').count()).toBe(0);
  });

  it('edits the aggregation, the tie-break chain and the allocation, with the keyboard where it matters', async () => {
    await page.getByLabel('Bình quân cắt (bỏ cao nhất và thấp nhất)', { exact: true }).check();
    await page.getByTestId('campaign-deadline').fill('31/02/2026');
    await page.getByText('Nhập ngày theo dạng ngày/tháng/năm, ví dụ 10/01/2026.').first().waitFor();
    expect(await page.getByTestId('campaign-deadline').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('campaign-deadline').fill('15/01/2026');
    await page.getByText('Hạn cuối: Thứ Năm, 15 tháng 1, 2026.').waitFor();

    // Women's priority goes before the vote share, from the keyboard: the focus follows the moved rule.
    await page.locator('#tie-break-2-up').focus();
    await page.keyboard.press('Enter');
    await expect.poll(chain).toEqual(['criterion:overdueRatio', 'womenPriority', 'voteShare']);
    expect(await focused()).toBe('tie-break-1-up');

    // The overdue-ratio criterion is removed, and the inspections criterion added at the end, by keyboard too.
    const remove = page.locator('[data-tie-break="criterion:overdueRatio"]').getByRole('button', { name: /^Xóa “Điểm tiêu chí “Tỷ lệ nợ quá hạn”/ });
    await remove.focus();
    await page.keyboard.press('Enter');
    await expect.poll(chain).toEqual(['womenPriority', 'voteShare']);
    await expect.poll(focused).toBe('tie-break-to-add');
    const toAdd = page.getByTestId('tie-break-to-add');
    // Offered by the criterion's name (the value is its id).
    const inspectionsText = (await toAdd.locator('option[value="criterion:inspections"]').textContent()) ?? '';
    expect(inspectionsText).toMatch(/^Điểm tiêu chí “[^”]+”/);
    await toAdd.selectOption('criterion:inspections');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('tie-break-add');
    await page.keyboard.press('Enter');
    await expect.poll(chain).toEqual(['womenPriority', 'voteShare', 'criterion:inspections']);
    expect(await page.locator('[data-tie-break="criterion:inspections"] .tie-break-name').textContent()).toBe(inspectionsText);
    // What is in the chain is no longer offered.
    expect(await toAdd.locator('option[value="criterion:inspections"]').count()).toBe(0);

    await page.getByLabel('D’Hondt (thương số lớn nhất)').check();
    await page.getByLabel('Tổng điểm các tập thể đủ điều kiện của đơn vị').check();
    await shot(page, 'campaign-03-edited-vi');
    // The quota above the plan is not saved without the council's reason.
    await page.getByTestId('save-campaign').click();
    await page.getByText('Hãy ghi lý do của Hội đồng (tối thiểu 5 ký tự).').waitFor();
    await page.getByText('Một số mục cần sửa; chưa lưu gì. Các thay đổi của bạn vẫn được giữ.').waitFor();
    expect(await page.getByTestId('campaign-saved').count()).toBe(0);
    await page.getByTestId('campaign-quota-reason').fill('Năm nay có thêm một xã đạt chuẩn nông thôn mới.');
    await page.getByTestId('save-campaign').click();
    await page.getByTestId('campaign-saved').waitFor();
    expect(await page.getByTestId('campaign-saved').textContent()).toBe('Đã lưu các quy định.');
  });

  it('keeps the saved settings after a reload', async () => {
    await page.reload();
    await page.getByTestId('campaign-form').waitFor();
    expect(await page.getByLabel('Bình quân cắt (bỏ cao nhất và thấp nhất)', { exact: true }).isChecked()).toBe(true);
    expect(await chain()).toEqual(['womenPriority', 'voteShare', 'criterion:inspections']);
    expect(await page.getByTestId('campaign-deadline').inputValue()).toBe('15/01/2026');
    expect(await page.locator('#campaign-quota-collectives').inputValue()).toBe('6');
    // The saved quota still departs from the plan, but its reason was given: no new one is asked while it stays.
    await page.getByTestId('quota-collectives-warning').waitFor();
    expect(await page.getByTestId('campaign-quota-reason').count()).toBe(0);
    expect(await page.getByLabel('D’Hondt (thương số lớn nhất)').isChecked()).toBe(true);
    expect(await page.getByLabel('Tổng điểm các tập thể đủ điều kiện của đơn vị').isChecked()).toBe(true);
  });

  it('opens, closes and reopens the campaign, each after a confirmation', async () => {
    // Cancelling leaves the campaign as it was.
    await page.getByTestId('campaign-transition').click();
    const dialog = page.getByTestId('campaign-transition-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Sau khi mở đợt thi đua năm 2025, thang điểm được cố định');
    // The focus starts on the safe answer.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('campaign-transition-cancel');
    await shot(page, 'campaign-04-open-confirm-vi');
    await page.getByTestId('campaign-transition-cancel').click();
    expect(await status()).toBe('preparation');

    await page.getByTestId('campaign-transition').click();
    await page.getByTestId('campaign-transition-confirm').click();
    await expect.poll(status).toBe('open');
    expect(await page.getByTestId('campaign-status-changed').textContent()).toBe('Đợt thi đua đã chuyển sang “Đang mở”.');
    expect(await page.getByTestId('campaign-transition').textContent()).toBe('Kết thúc đợt thi đua');

    await page.getByTestId('campaign-transition').click();
    await page.getByTestId('campaign-transition-confirm').click();
    await expect.poll(status).toBe('closed');
    await page.getByTestId('campaign-closed-note').waitFor();
    expect(await page.getByTestId('save-campaign').count()).toBe(0);
    expect(await page.locator('#campaign-quota-collectives').isDisabled()).toBe(true);
    expect(await page.locator('#tie-break-0-up').count()).toBe(0);
    expect(await page.getByTestId('campaign-transition').textContent()).toBe('Mở lại đợt thi đua');
    await shot(page, 'campaign-05-closed-vi');

    await page.getByTestId('campaign-transition').click();
    await page.getByTestId('campaign-transition-confirm').click();
    await expect.poll(status).toBe('open');
    expect(await page.locator('#campaign-quota-collectives').isDisabled()).toBe(false);
    // The settings came through the status changes untouched.
    expect(await chain()).toEqual(['womenPriority', 'voteShare', 'criterion:inspections']);
  });

  it('shows the page in English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { name: 'Campaign 2025', level: 1 }).waitFor();
    expect(await page.getByTestId('campaign-status').textContent()).toBe('Open');
    expect(await page.getByTestId('campaign-deadline').inputValue()).toBe('15/01/2026');
    await page.getByText('Last day: Thursday, 15 January 2026.').waitFor();
    expect(await page.getByTestId('tie-break-list').textContent()).toContain('Share of the council’s votes');
    await shot(page, 'campaign-06-settings-en');
    await page.getByTestId('campaign-transition').click();
    await page.getByTestId('campaign-transition-dialog').waitFor();
    await shot(page, 'campaign-07-close-confirm-en');
    await page.keyboard.press('Escape');
    expect(await status()).toBe('open');
    await page.getByTestId('language-switch').selectOption('vi');
  });
});
