import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { ADMIN, DEMO_YEAR, setUpCore } from '../support/core';
import { buildIfStale, login, shot } from './helpers';

/**
 * The home pages with the demo data: at the branch, every office's progress with the countdown, arrivals against the
 * deadline and the ranking by criterion; at an office, its dossiers by status and what each needs. Each chart's
 * figures as a table on demand; the numbers a clerk types read the Vietnamese way; list pages printed on A4.
 */

async function openHost(mode: 'branch' | 'office') {
  const installation = await setUpCore({ demo: true, mode });
  installation.core.close();
  const host = await startBrowserMode(installation.dataDir);
  return { host, dataDir: installation.dataDir };
}

describe('the overview and its charts', () => {
  let branch: Awaited<ReturnType<typeof openHost>> | undefined;
  let office: Awaited<ReturnType<typeof openHost>> | undefined;
  let browser: Browser | undefined;
  let page: Page;

  const language = async (code: 'vi' | 'en') => {
    await page.getByTestId('language-switch').selectOption(code);
    await page.waitForFunction((wanted) => document.documentElement.lang === wanted, code);
  };

  beforeAll(async () => {
    buildIfStale();
    branch = await openHost('branch');
    office = await openHost('office');
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await branch?.host.stop();
    await office?.host.stop();
    for (const installation of [branch, office]) if (installation) rmSync(installation.dataDir, { recursive: true, force: true });
  });

  it('the branch’s home page: every office, the countdown, arrivals against the deadline, the ranking by criterion with the quota line', async () => {
    if (!branch) throw new Error('browser mode did not start');
    await page.goto(branch.host.url);
    await login(page, ADMIN.username, ADMIN.password);
    // The home page after signing in.
    await page.getByRole('heading', { level: 1, name: `Tổng quan đợt thi đua năm ${DEMO_YEAR}` }).waitFor();
    const countdown = page.getByTestId('overview-countdown');
    expect(Number(await countdown.getAttribute('data-days'))).toBeGreaterThan(0);
    expect(await countdown.textContent()).toMatch(/^Còn \d+ ngày đến hạn nộp hồ sơ \(10\/01\/\d{4}\)\.$/);
    const offices = page.getByTestId('overview-offices');
    expect(await offices.locator('tbody tr[data-office]').count()).toBe(23);
    expect(await offices.locator('tbody tr.waiting').count()).toBe(3);
    expect(await offices.locator('tr[data-office="province"] th').textContent()).toBe('Đơn vị cấp tỉnh (không thuộc PGD nào)');
    // What is missing, named, on demand.
    const returnedRow = offices.locator('tbody tr[data-office]').filter({ has: page.locator('td[data-column="returned"] .pill') }).first();
    await returnedRow.locator('td[data-column="missing"] button').click();
    expect(await offices.locator('tr.missing-row li').first().textContent()).toContain('Bị trả lại');

    const arrivals = page.getByTestId('arrivals-chart');
    await arrivals.locator('svg .recharts-line').waitFor();
    expect(await arrivals.locator('.recharts-reference-line').count()).toBe(1);
    await arrivals.getByTestId('arrivals-chart-table-toggle').click();
    const days = await arrivals.locator('table tbody tr').count();
    expect(days).toBeGreaterThan(5);

    const ranking = page.getByTestId('ranking-chart');
    await ranking.locator('svg .recharts-bar-rectangle').first().waitFor();
    expect(await ranking.locator('.recharts-reference-line').count()).toBe(1);
    expect(await ranking.locator('.recharts-legend-item-text').allTextContents()).toContain('Điểm thưởng');
    await ranking.getByTestId('ranking-chart-table-toggle').click();
    expect(await ranking.locator('table tbody tr').count()).toBe(10);
    await shot(page, 'overview-01-branch-vi');
    await language('en');
    await page.getByRole('heading', { level: 1, name: `Overview of the ${DEMO_YEAR} campaign` }).waitFor();
    expect(await ranking.locator('.recharts-legend-item-text').allTextContents()).toContain('Bonus');
    await shot(page, 'overview-02-branch-en');
    await language('vi');
  });

  it('the branch’s official ranking with a row explained, its points against each criterion’s maximum as a chart', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/ranking';
    });
    await page.getByTestId('ranking-table').locator('tbody tr[data-dossier]').first().click();
    const details = page.getByTestId('ranking-details');
    await details.getByTestId('criteria-chart').locator('svg .recharts-bar-rectangle').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Xếp hạng');
    await shot(page, 'overview-03-ranking-details-vi');
    await language('en');
    await details.getByRole('heading', { name: 'Points against each criterion’s maximum' }).waitFor();
    await shot(page, 'overview-04-ranking-details-en');
    await language('vi');
  });

  it('a list page prints every row under its header, without the menu or buttons', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/dossiers';
    });
    // The count is read once the list has loaded (it says 0/0 before).
    await page.getByTestId('dossier-table').locator('tbody tr[data-dossier]').first().waitFor();
    const count = await page.getByTestId('dossier-count').textContent();
    const total = Number(/\/(\d+)/.exec(count ?? '')?.[1]);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByTestId('dossier-table').locator('tbody tr').count()).toBe(total);
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByTestId('new-dossier').isVisible()).toBe(false);
    expect(await page.getByTestId('dossier-table').locator('thead').evaluate((head) => getComputedStyle(head).display)).toBe('table-header-group');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('an office’s home page: its dossiers by status and what each still needs; the ranking is a preview there', async () => {
    if (!office) throw new Error('browser mode did not start');
    await page.goto(office.host.url);
    await login(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ của phòng giao dịch, năm ${DEMO_YEAR}` }).waitFor();
    const statuses = page.getByTestId('overview-statuses');
    for (const status of ['draft', 'ready', 'exported', 'received', 'returned']) expect(Number(await statuses.locator(`tr[data-status="${status}"] td`).textContent())).toBeGreaterThan(0);
    const needs = page.getByTestId('overview-needs');
    expect(await needs.locator('tbody tr').first().locator('.pill').textContent()).toBe('Bị trả lại');
    expect(await needs.locator('tbody tr').first().textContent()).toContain('Chi nhánh trả lại:');
    await shot(page, 'overview-05-office-vi');
    await page.evaluate(() => {
      window.location.hash = '#/ranking';
    });
    await page.getByRole('heading', { level: 1, name: 'Xếp hạng thử' }).waitFor();
    expect(await page.getByTestId('ranking-intro').textContent()).toContain('Đây không phải bảng xếp hạng chính thức');
    expect(await page.locator('[data-testid^="ranking-proposed-"]').count()).toBe(0);
    expect(await page.getByTestId('quota-line').count()).toBe(0);
  });

  it('the dossier form reads numbers as typed in Vietnam, says what it understood, and asks when a number reads two ways', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/dossiers';
    });
    await page.getByTestId('dossier-filter-status').selectOption('draft');
    await page.getByTestId('dossier-filter-kind').selectOption('communePeoplesCommittee');
    await page.getByTestId('dossier-table').locator('tbody tr[data-dossier]').first().click();
    await page.getByTestId('dossier-form').waitFor();
    const loans = page.locator('#indicator-outstandingLoans');
    await loans.fill('85.400');
    expect(await page.getByTestId('indicator-outstandingLoans-echo').textContent()).toBe('Đã hiểu là 85\u202f400 triệu đồng');
    expect(await page.getByTestId('indicator-outstandingLoans-echo').getAttribute('data-value')).toBe('85400');
    const overdue = page.locator('#indicator-overdueRatio');
    await overdue.fill('0.14');
    expect(await page.getByTestId('indicator-overdueRatio-echo').textContent()).toBe('Đã hiểu là 0,14 %');
    await shot(page, 'overview-07-numbers-understood-vi');

    // A group head's growth of household savings takes one decimal and up to 1000 %: "1.000" is a thousand or one.
    await page.evaluate(() => {
      window.location.hash = '#/dossiers';
    });
    await page.getByTestId('dossier-filter-kind').selectOption('groupHead');
    await page.getByTestId('dossier-table').locator('tbody tr[data-dossier]').first().click();
    await page.getByTestId('dossier-form').waitFor();
    const growth = page.locator('#indicator-householdSavingsGrowth');
    await growth.fill('1.000');
    await growth.blur();
    const question = page.getByTestId('indicator-householdSavingsGrowth-question');
    await question.waitFor();
    expect(await question.textContent()).toContain('“1.000” có thể hiểu theo hai cách');
    expect(await page.locator('.field-invalid #indicator-householdSavingsGrowth').count()).toBe(1);
    await shot(page, 'overview-06-number-question-vi');
    await question.locator('button[data-value="1000"]').click();
    expect(await growth.inputValue()).toBe('1000');
    expect(await question.count()).toBe(0);
  });
});
