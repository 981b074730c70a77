import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { DEMO_YEAR } from '../support/core';
import { temporaryDataDir } from '../support/data-dir';
import { addUnit, buildIfStale, completeWizard, login, shot } from './helpers';

/**
 * Keyboard only, as a person who cannot use a mouse works: the branch writes an office's setup file and the office
 * imports it on the Exchange page; the office fills in a dossier (the nominee found by typing, a number typed the
 * Vietnamese way) and saves it; the ranking opens a row's explanation and closes it. Preparing the installations may
 * click; every step of the paths themselves is a key press.
 */

const BRANCH_ADMIN = { fullName: 'Phạm Thị Hạnh', username: 'hanh.pham', password: 'ban-phim-2026' };
const OFFICE_ADMIN = { fullName: 'Trần Văn Bình', username: 'binh.tran', password: 'ban-phim-pgd-2026' };
const OFFICE = 'Phòng giao dịch NHCSXH Gò Dầu';
const COMMUNE = 'UBND xã Phước Thạnh';

/** Presses Tab (or Shift+Tab) until the focused element matches the selector; fails after `limit` presses. */
async function tabTo(page: Page, selector: string, options: { back?: boolean; limit?: number } = {}): Promise<void> {
  for (let press = 0; press < (options.limit ?? 80); press += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`the keyboard never reached ${selector}`);
}

/** The element that has the focus, described for assertions. */
async function focused(page: Page): Promise<{ id: string; testId: string | null; text: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return { id: element?.id ?? '', testId: element?.getAttribute('data-testid') ?? null, text: element?.textContent ?? '' };
  });
}

describe('keyboard-only paths', () => {
  const branchData = temporaryDataDir('tdcs-e2e-keys-branch-');
  const officeData = temporaryDataDir('tdcs-e2e-keys-office-');
  const stick = temporaryDataDir('tdcs-e2e-keys-usb-');
  let branchHost: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let officeHost: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let branch: Page;
  let office: Page;
  const setupFile = join(stick.dir, 'thiet-lap.tdcs');

  const go = (page: Page, hash: string) =>
    page.evaluate((target) => {
      window.location.hash = target;
    }, hash);

  beforeAll(async () => {
    buildIfStale();
    branchHost = await startBrowserMode(branchData.dir);
    officeHost = await startBrowserMode(officeData.dir);
    browser = await launchChromium();
    branch = await (await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 }, acceptDownloads: true })).newPage();
    office = await (await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 }, acceptDownloads: true })).newPage();
    await branch.goto(branchHost.url);
    await completeWizard(branch, { mode: 'branch', organisation: 'Chi nhánh NHCSXH tỉnh Tây Ninh', ...BRANCH_ADMIN, demo: false });
    await login(branch, BRANCH_ADMIN.username, BRANCH_ADMIN.password);
    await go(branch, '#/units');
    await addUnit(branch, { name: OFFICE, kind: 'transactionOffice', level: 'province', commune: '' });
    await branch.locator('#unit-name').fill(COMMUNE);
    await branch.locator('#unit-kind').selectOption('communePeoplesCommittee');
    await branch.locator('#unit-level').selectOption('commune');
    await branch.locator('#unit-commune').fill('xã Phước Thạnh');
    await branch.locator('#unit-parent').selectOption({ label: OFFICE });
    await branch.locator('form.side-form button[type=submit]').click();
    await branch.locator('form.side-form [role=status]').waitFor();
    await office.goto(officeHost.url);
    // The office's own name as its clerk typed it: the branch calls it otherwise.
    await completeWizard(office, { mode: 'office', organisation: 'PGD Gò Dầu', ...OFFICE_ADMIN, demo: true }, 90_000);
    await login(office, OFFICE_ADMIN.username, OFFICE_ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await branchHost?.stop();
    await officeHost?.stop();
    branchData.remove();
    officeData.remove();
    stick.remove();
  });

  it('the branch writes the office’s setup file with the keyboard', async () => {
    await go(branch, '#/exchange');
    await branch.getByTestId('exchange-tab-identity').waitFor();
    await tabTo(branch, '[role=tab][aria-selected=true]');
    await branch.keyboard.press('ArrowRight');
    expect(await branch.getByTestId('exchange-tab-send').getAttribute('aria-selected')).toBe('true');
    expect((await focused(branch)).testId).toBe('exchange-tab-send');
    await tabTo(branch, '#send-office-unit');
    await branch.keyboard.press('ArrowDown');
    expect(await branch.locator('#send-office-unit option:checked').textContent()).toBe(OFFICE);
    await tabTo(branch, '[data-testid=send-write]');
    await branch.keyboard.press('Enter');
    await branch.getByTestId('send-result').waitFor();
    await tabTo(branch, '[data-testid=send-download]', { limit: 30 });
    const [download] = await Promise.all([branch.waitForEvent('download'), branch.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toContain('-setup-Phong-giao-dich-NHCSXH-Go-Dau-');
    await download.saveAs(setupFile);
  });

  it('the office imports it with the keyboard, chooses the branch’s name for itself, and finds the result again on the tab', async () => {
    await go(office, '#/exchange');
    await office.getByTestId('exchange-tab-identity').waitFor();
    await tabTo(office, '[role=tab][aria-selected=true]');
    await office.keyboard.press('ArrowRight');
    await office.keyboard.press('ArrowRight');
    expect(await office.getByTestId('exchange-tab-receive').getAttribute('aria-selected')).toBe('true');
    await tabTo(office, '#receive-file');
    const [chooser] = await Promise.all([office.waitForEvent('filechooser'), office.keyboard.press('Space')]);
    await chooser.setFiles(setupFile);
    await office.getByTestId('receive-dry-run').waitFor();
    expect(await office.getByTestId('office-name-choice').textContent()).toContain(OFFICE);
    expect(await office.getByTestId('office-name-branch').isChecked()).toBe(true);
    await tabTo(office, '[data-testid=accept-fingerprint]');
    await office.keyboard.press('Space');
    expect(await office.getByTestId('accept-fingerprint').isChecked()).toBe(true);
    await tabTo(office, '[data-testid=receive-import]');
    await office.keyboard.press('Enter');
    await office.getByTestId('receive-done').waitFor();
    await expect.poll(() => office.locator('.topbar .brand span').textContent()).toBe(OFFICE);
    await shot(office, 'keyboard-01-office-setup-imported-vi');
    // Away to another tab and back: the result, not the same file judged again as if new.
    await tabTo(office, '[role=tab][aria-selected=true]', { back: true });
    await office.keyboard.press('ArrowLeft');
    await office.keyboard.press('ArrowRight');
    await office.getByTestId('receive-done').waitFor();
    expect(await office.getByTestId('receive-dry-run').count()).toBe(0);
  });

  it('the office fills in a dossier with the keyboard: its own units first, found without accents; 85.400 read as 85 400', async () => {
    await go(office, '#/dossiers/new');
    await office.locator('#nominee').waitFor();
    await tabTo(office, '#nominee');
    await office.keyboard.type('ubnd phuoc thanh');
    const list = office.getByRole('listbox');
    await list.waitFor();
    // The office's own units (from the branch's setup file) come first, before the demo's province-wide list.
    expect(await list.locator('[role=group]').first().getAttribute('data-group')).toBe('own');
    expect(await list.locator('[role=group][data-group=own] .picker-name').allTextContents()).toEqual([COMMUNE]);
    await office.keyboard.press('ArrowDown');
    await office.keyboard.press('ArrowUp');
    await office.keyboard.press('Enter');
    expect(await office.locator('#nominee').inputValue()).toBe(COMMUNE);
    await office.getByTestId('dossier-form').waitFor();
    await tabTo(office, '#indicator-outstandingLoans');
    await office.keyboard.type('85.400');
    await office.keyboard.press('Tab');
    expect(await office.getByTestId('indicator-outstandingLoans-echo').textContent()).toBe('Đã hiểu là 85\u202f400 triệu đồng');
    await shot(office, 'keyboard-02-number-understood-vi');
    await tabTo(office, '[data-testid=save-dossier]', { limit: 200 });
    await office.keyboard.press('Enter');
    await expect.poll(() => new URL(office.url()).hash).toMatch(/^#\/dossiers\/[^/]+$/);
    await office.getByTestId('save-notice').waitFor();
    // Saved as the number it is, written back without doubt.
    expect(await office.locator('#indicator-outstandingLoans').inputValue()).toBe('85400');
  });

  it('the ranking opens a row’s explanation and closes it with the keyboard', async () => {
    // The demo's dossiers marked ready are in the year in progress (the setup file brought the branch's 2025).
    await office.getByTestId('campaign-switcher').selectOption(String(DEMO_YEAR));
    await go(office, '#/ranking');
    await office.getByTestId('ranking-table').waitFor();
    expect(await office.getByRole('heading', { level: 1 }).textContent()).toBe('Xếp hạng thử');
    await tabTo(office, '[data-testid=ranking-group]');
    await office.keyboard.press('ArrowDown');
    await expect.poll(() => office.getByTestId('ranking-group').inputValue()).toBe('individual');
    await office.keyboard.press('ArrowUp');
    await expect.poll(() => office.getByTestId('ranking-group').inputValue()).toBe('collective');
    await tabTo(office, '[data-testid=ranking-table] button[aria-expanded=false]');
    await office.keyboard.press('Enter');
    const details = office.getByTestId('ranking-details');
    await details.locator('[data-testid="criteria-chart"]').waitFor();
    expect(new URL(office.url()).hash).toMatch(/^#\/ranking\/.+/);
    // The opened explanation takes the focus: the keyboard goes on inside it, not through every row of the table first.
    await expect.poll(() => office.evaluate(() => document.activeElement?.closest('[data-testid="ranking-details"]') !== null)).toBe(true);
    const opened = await details.getAttribute('data-dossier');
    // No proposal marks at an office: only the branch proposes.
    expect(await office.locator('[data-testid^="ranking-proposed-"]').count()).toBe(0);
    await tabTo(office, '[data-testid=ranking-details] button.link', { limit: 5 });
    await office.keyboard.press('Enter');
    await expect.poll(() => office.getByTestId('ranking-details').count()).toBe(0);
    expect(new URL(office.url()).hash).toBe('#/ranking');
    // Closed, the focus is back on the row's button that opened it.
    expect(await office.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-dossier') ?? null)).toBe(opened);
  });
});
