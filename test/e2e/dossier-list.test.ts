import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { markReturned } from '../../electron/db/exchange';
import { defaultDeadline } from '../../shared/domain/campaign';
import { INDIVIDUAL_KINDS } from '../../shared/domain/kinds';
import { deadlineState, formatIsoDate, localIsoDate } from '../../shared/domain/deadline';
import type { DossierSummary } from '../../shared/domain/dossier';
import { matchesSearch } from '../../shared/domain/text';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { ADMIN, DEMO_YEAR, setUpCore } from '../support/core';
import { allVirtualRows, buildIfStale, hashOf, login, shot } from './helpers';

/**
 * The office's dossier list with the demo data (a few hundred dossiers of collectives and individuals, in
 * every state), plus one individual dossier of our own and one more the branch returned: the deadline
 * countdown, a virtualised list that scrolls through all of them, accent-free search, filters and sorting.
 * The tests share one browser page and run in order.
 */

const PERSON = 'Lê Thị Thu Hà';
const RETURN_REASON = 'Thiếu biên bản họp bình xét của Hội; bổ sung và gửi lại.';
/** The demo's campaign is the year in progress: its deadline is still ahead. */
const DEADLINE = defaultDeadline(DEMO_YEAR);
const SHOWN = formatIsoDate(DEADLINE);

/** "12/345 hồ sơ" → [12, 345]. */
function parseCount(text: string | null): [number, number] {
  const match = /^(\d+)\/(\d+) hồ sơ$/.exec(text ?? '');
  if (!match) throw new Error(`unexpected dossier count "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

const collator = new Intl.Collator('vi', { numeric: true });
const nominee = (dossier: DossierSummary) => dossier.personName ?? dossier.unitName;
const individual = (dossier: DossierSummary) => (INDIVIDUAL_KINDS as readonly string[]).includes(dossier.nomineeKind);

describe('the dossier list: deadline, virtualised rows, search, filters and sorting', () => {
  let installation: Awaited<ReturnType<typeof setUpCore>>;
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let dossiers: DossierSummary[] = [];
  let returnedId = '';
  let individualId = '';
  let individualUnit = '';
  let returnedUnit = '';

  const table = () => page.getByTestId('dossier-table');
  const rows = () => table().locator('tbody tr');
  const names = () => table().locator('tbody tr td:first-child').allTextContents();
  const count = async () => parseCount(await page.getByTestId('dossier-count').textContent());
  const scroller = () => page.locator('.vt-scroll', { has: table() });
  const totals = () => rows().evaluateAll((elements) => elements.map((element) => Number(element.getAttribute('data-hundredths'))));

  beforeAll(async () => {
    buildIfStale();
    // An office with the demo data, plus what the demo lacks: an individual and a dossier the branch returned.
    installation = await setUpCore({ mode: 'office', demo: true });
    const units = await installation.call('units.list', {});
    const farmers = units.find((unit) => unit.kind === 'farmersAssociation');
    if (!farmers) throw new Error('the demo has no farmers’ association');
    individualUnit = farmers.name;
    const person = await installation.call('people.create', { fullName: PERSON, birthYear: 1981, gender: 'female', position: 'Tổ trưởng Tổ TK&VV ấp Suối Đá', unitId: farmers.id });
    const saved = await installation.call('dossiers.save', {
      campaignYear: DEMO_YEAR,
      nomineeKind: 'groupHead',
      unitId: farmers.id,
      personId: person.id,
      content: { indicators: {}, selfScores: {}, report: '', discipline: 'none', womenShare: null },
    });
    individualId = saved.dossier.id;
    const listed = await installation.call('dossiers.list', { campaignYear: DEMO_YEAR });
    const youth = [...listed].sort((a, b) => collator.compare(a.unitName, b.unitName)).find((dossier) => dossier.nomineeKind === 'youthUnion');
    if (!youth) throw new Error('the demo has no youth union dossier');
    returnedId = youth.id;
    returnedUnit = youth.unitName;
    markReturned(installation.core.db, returnedId, RETURN_REASON, new Date().toISOString());
    dossiers = await installation.call('dossiers.list', { campaignYear: DEMO_YEAR });
    // Our person is the only one of that name: the demo's people are others.
    expect(dossiers.filter((dossier) => matchesSearch(nominee(dossier), 'le thi thu ha')).map((dossier) => dossier.id)).toEqual([individualId]);
    installation.core.close();

    host = await startBrowserMode(installation.dataDir);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 860 } });
    page = await context.newPage();
    await page.goto(host.url);
    await page.locator('#login-username').waitFor();
    await login(page, ADMIN.username, ADMIN.password);
    // Signed in, the overview comes first; the dossiers are a click away.
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await table().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(installation.dataDir, { recursive: true, force: true });
  });

  it('counts the days left to the deadline of the year in progress, on the dossier list only', async () => {
    const state = deadlineState(DEADLINE, localIsoDate(new Date()));
    expect(state.phase).not.toBe('passed');
    const banner = page.getByTestId('deadline-banner');
    const text = state.phase === 'lastDay' ? `⚠Hạn nộp hồ sơ: ${SHOWN} — hôm nay là ngày cuối cùng` : `${state.urgency === 'calm' ? '🗓' : '⚠'}Hạn nộp hồ sơ: ${SHOWN} — còn ${state.days} ngày`;
    await expect.poll(() => banner.textContent()).toBe(text);
    expect(await banner.getAttribute('data-urgency')).toBe(state.urgency);
    await page.locator('nav.main-nav').getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
    expect(await page.getByTestId('deadline-banner').count()).toBe(0);
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await table().waitFor();
  });

  it('counts down on the user’s own calendar: calm, then amber in the last week, then the last day', async () => {
    // A clock of its own: Playwright's clock belongs to the whole browser context.
    const otherContext = await (browser as Browser).newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 860 } });
    const other = await otherContext.newPage();
    const at = async (time: Date, text: string, urgency: string) => {
      await other.clock.setFixedTime(time);
      await other.reload();
      const banner = other.getByTestId('deadline-banner');
      await expect.poll(() => banner.textContent()).toBe(text);
      expect(await banner.getAttribute('data-urgency')).toBe(urgency);
    };
    await other.clock.setFixedTime(new Date(DEMO_YEAR, 11, 1, 9, 0));
    await other.goto(host?.url ?? '');
    await other.locator('#login-username').waitFor();
    await login(other, ADMIN.username, ADMIN.password);
    await other.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await at(new Date(DEMO_YEAR, 11, 1, 9, 0), `🗓Hạn nộp hồ sơ: ${SHOWN} — còn 40 ngày`, 'calm');
    await at(new Date(DEMO_YEAR + 1, 0, 7, 8, 0), `⚠Hạn nộp hồ sơ: ${SHOWN} — còn 3 ngày`, 'soon');
    await shot(other, 'dossier-list-02-deadline-soon-vi');
    // Half past midnight local time is already the 10th, though UTC may still say the 9th.
    await at(new Date(DEMO_YEAR + 1, 0, 10, 0, 30), `⚠Hạn nộp hồ sơ: ${SHOWN} — hôm nay là ngày cuối cùng`, 'soon');
    await at(new Date(DEMO_YEAR + 1, 0, 11, 0, 5), `⚠Hạn nộp hồ sơ: ${SHOWN} — Đã quá hạn 1 ngày`, 'late');
    // Overdue, in red.
    expect(await other.getByTestId('deadline-banner').evaluate((element) => getComputedStyle(element).color)).toBe('rgb(180, 35, 24)');
    await otherContext.close();
  });

  it('lists every dossier while rendering only the rows in view, sorted by name the Vietnamese way', async () => {
    const total = dossiers.length;
    expect(total).toBeGreaterThanOrEqual(200);
    expect(await count()).toEqual([total, total]);
    expect(await table().getAttribute('aria-rowcount')).toBe(String(total + 1));
    const rendered = await rows().count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    const expected = dossiers.map(nominee).sort(collator.compare);
    const shown = await names();
    expect(shown).toEqual(expected.slice(0, shown.length));
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Đối tượng đề nghị');
    await shot(page, 'dossier-list-01-overdue-vi');

    // Scrolled to the end: the last dossiers are there, and still only a window of rows exists.
    await scroller().evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect.poll(async () => (await names()).at(-1)).toBe(expected.at(-1));
    expect(await rows().last().getAttribute('aria-rowindex')).toBe(String(total + 1));
    expect(await rows().count()).toBeLessThan(60);
    await shot(page, 'dossier-list-03-scrolled-to-end-vi');

    // Half-way.
    await scroller().evaluate((element) => element.scrollTo(0, element.scrollHeight / 2));
    await expect.poll(async () => Number(await rows().first().getAttribute('aria-rowindex'))).toBeGreaterThan(total / 3);
    const middle = await names();
    const from = expected.indexOf(middle[0] ?? '');
    expect(middle).toEqual(expected.slice(from, from + middle.length));
    await scroller().evaluate((element) => element.scrollTo(0, 0));
  });

  it('finds names typed without accents', async () => {
    await page.getByTestId('dossier-search').pressSequentially('hoi nong dan');
    const farmers = dossiers.filter((dossier) => matchesSearch(`${nominee(dossier)} ${dossier.unitName}`, 'hoi nong dan'));
    await expect.poll(count).toEqual([farmers.length, dossiers.length]);
    expect(farmers.length).toBeGreaterThan(10);
    // The associations and their people (found by their unit's name), in the list's order.
    const shown = await allVirtualRows(page, 'dossier-table');
    expect(shown.map((row) => row.cells[0])).toEqual(farmers.map(nominee).sort(collator.compare));
    for (const row of shown) expect(`${row.cells[0]} ${row.cells[4]}`).toMatch(/Hội Nông dân/);
    expect(farmers.some(individual)).toBe(true);
    expect(farmers.some((dossier) => !individual(dossier))).toBe(true);
    // Our individual is found by her unit's name too.
    expect(farmers.some((dossier) => dossier.personName === PERSON)).toBe(true);
    await shot(page, 'dossier-list-04-search-hoi-nong-dan-vi');
    await page.getByTestId('dossier-search').fill('le thi thu ha');
    await expect.poll(names).toEqual([PERSON]);
    await page.getByTestId('dossier-search').fill('');
  });

  it('filters by kind, status and minimum total', async () => {
    await page.getByTestId('dossier-filter-kind').selectOption('farmersAssociation');
    await page.getByTestId('dossier-filter-status').selectOption('ready');
    await page.getByTestId('dossier-filter-min-total').fill('60,5');
    const expected = dossiers.filter((dossier) => dossier.nomineeKind === 'farmersAssociation' && dossier.status === 'ready' && dossier.selfTotal >= 6050);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(count).toEqual([expected.length, dossiers.length]);
    expect(await table().locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(expected.map(() => 'Hội Nông dân').slice(0, await rows().count()));
    for (const status of await rows().evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status')))) expect(status).toBe('ready');
    for (const total of await totals()) expect(total).toBeGreaterThanOrEqual(6050);
    await shot(page, 'dossier-list-05-filters-vi');

    await page.getByTestId('dossier-filter-min-total').fill('sáu mươi');
    await page.getByText('Hãy nhập số điểm, ví dụ 70 hoặc 72,5.').waitFor();
    // A minimum that is not a number does not filter.
    await expect.poll(count).toEqual([dossiers.filter((dossier) => dossier.nomineeKind === 'farmersAssociation' && dossier.status === 'ready').length, dossiers.length]);

    await page.getByTestId('dossier-clear-filters').click();
    await expect.poll(count).toEqual([dossiers.length, dossiers.length]);
    expect(await page.getByTestId('dossier-filter-min-total').inputValue()).toBe('');
  });

  it('sorts by total, highest first, and back', async () => {
    await page.getByTestId('sort-total').click();
    const descending = dossiers.map((dossier) => dossier.selfTotal).sort((a, b) => b - a);
    await expect.poll(async () => (await totals())[0]).toBe(descending[0]);
    const shown = await totals();
    expect(shown).toEqual(descending.slice(0, shown.length));
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Tổng điểm tự chấm');
    await shot(page, 'dossier-list-06-sorted-by-total-vi');
    await page.getByTestId('sort-total').click();
    await expect.poll(async () => (await totals())[0]).toBe(descending.at(-1));
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Tổng điểm tự chấm');

    await page.getByTestId('sort-status').click();
    await expect.poll(async () => (await rows().first().getAttribute('data-status')) ?? '').toBe('draft');
    await page.getByTestId('sort-nominee').click();
    await expect.poll(async () => (await names())[0]).toBe(dossiers.map(nominee).sort(collator.compare)[0]);
  });

  it('shows the person for an individual dossier, with her unit, and filters by unit', async () => {
    // The individuals only: the demo's and ours.
    await page.getByTestId('dossier-filter-kind').selectOption('group:individual');
    const individuals = dossiers.filter(individual);
    expect(individuals.length).toBeGreaterThan(1);
    expect(individuals.length).toBeLessThan(dossiers.length);
    await expect.poll(count).toEqual([individuals.length, dossiers.length]);
    const listed = await allVirtualRows(page, 'dossier-table');
    expect(listed.map((row) => row.attributes['data-dossier']).sort()).toEqual(individuals.map((dossier) => dossier.id).sort());
    expect(listed.map((row) => row.cells[0])).toEqual(individuals.map(nominee).sort(collator.compare));
    // Ours, with her kind and her unit.
    await page.getByTestId('dossier-search').fill('le thi thu ha');
    await expect.poll(count).toEqual([1, dossiers.length]);
    const row = rows().first();
    expect(await row.getAttribute('data-dossier')).toBe(individualId);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(PERSON);
    expect(cells[1]).toBe('Tổ trưởng Tổ TK&VV');
    expect(cells[4]).toBe(individualUnit);
    await page.getByTestId('dossier-search').fill('');
    await page.getByTestId('dossier-filter-kind').selectOption('');
    await page.getByTestId('dossier-filter-unit').selectOption({ label: individualUnit });
    const ofUnit = dossiers.filter((dossier) => dossier.unitName === individualUnit);
    await expect.poll(count).toEqual([ofUnit.length, dossiers.length]);
    const ofUnitShown = (await allVirtualRows(page, 'dossier-table')).map((row) => row.cells[0]);
    expect(ofUnitShown).toEqual(ofUnit.map(nominee).sort(collator.compare));
    expect(ofUnitShown).toContain(PERSON);
    await shot(page, 'dossier-list-07-individual-vi');
    await page.getByTestId('dossier-clear-filters').click();
  });

  it('explains why a dossier was returned, on hover and on keyboard focus', async () => {
    // The demo's returned dossiers and ours, each with the branch's reason.
    await page.getByTestId('dossier-filter-status').selectOption('returned');
    const returned = dossiers.filter((dossier) => dossier.status === 'returned');
    expect(returned.length).toBeGreaterThan(1);
    expect(returned.every((dossier) => Boolean(dossier.returnReason))).toBe(true);
    await expect.poll(count).toEqual([returned.length, dossiers.length]);
    expect((await allVirtualRows(page, 'dossier-table')).map((row) => row.attributes['data-dossier']).sort()).toEqual(returned.map((dossier) => dossier.id).sort());
    // Ours alone, found by its unit's name.
    await page.getByTestId('dossier-search').fill(returnedUnit);
    const ours = returned.filter((dossier) => matchesSearch(`${nominee(dossier)} ${dossier.unitName}`, returnedUnit));
    expect(ours.map((dossier) => dossier.id)).toEqual([returnedId]);
    await expect.poll(count).toEqual([1, dossiers.length]);
    const pill = page.getByTestId('returned-reason');
    const tooltip = page.getByRole('tooltip');
    expect(await tooltip.count()).toBe(0);
    await pill.hover();
    await expect.poll(() => tooltip.textContent()).toBe(`Chi nhánh trả lại: ${RETURN_REASON}`);
    expect(await tooltip.isVisible()).toBe(true);
    await shot(page, 'dossier-list-08-returned-reason-vi');
    await page.mouse.move(0, 0);
    await expect.poll(() => tooltip.count()).toBe(0);
    await pill.focus();
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    await pill.blur();
    await expect.poll(() => tooltip.count()).toBe(0);
    // Screen readers hear the reason with the status.
    const described = await pill.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).textContent()).toBe(`Chi nhánh trả lại: ${RETURN_REASON}`);
    await page.getByTestId('dossier-clear-filters').click();
  });

  it('opens a dossier by clicking its row, and comes back to the same view', async () => {
    await page.getByTestId('dossier-search').fill('le thi thu ha');
    await expect.poll(names).toEqual([PERSON]);
    await rows().first().locator('td').nth(1).click();
    await expect.poll(() => hashOf(page)).toBe(`#/dossiers/${individualId}`);
    await page.goBack();
    await expect.poll(names).toEqual([PERSON]);
    expect(await page.getByTestId('dossier-search').inputValue()).toBe('le thi thu ha');
    await page.getByTestId('dossier-search').fill('');
  });

  it('shows the same list in English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    const state = deadlineState(DEADLINE, localIsoDate(new Date()));
    const text = state.phase === 'lastDay' ? `Deadline for dossiers: ${SHOWN} — today is the last day` : `Deadline for dossiers: ${SHOWN} — ${state.days} ${state.days === 1 ? 'day' : 'days'} left`;
    await expect.poll(() => page.getByTestId('deadline-banner').textContent()).toBe(`${state.urgency === 'calm' ? '🗓' : '⚠'}${text}`);
    expect(await page.getByTestId('dossier-count').textContent()).toBe(`${dossiers.length} of ${dossiers.length} dossiers`);
    await page.getByTestId('dossier-filter-kind').selectOption('group:individual');
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe(`${dossiers.filter(individual).length} of ${dossiers.length} dossiers`);
    await page.getByTestId('dossier-search').fill('le thi thu ha');
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe(`1 of ${dossiers.length} dossiers`);
    expect(await rows().first().locator('td').nth(1).textContent()).toBe('Savings-and-loan group head');
    await page.getByTestId('dossier-search').fill('');
    await page.getByTestId('dossier-filter-kind').selectOption('');
    await shot(page, 'dossier-list-09-en');
    await page.getByTestId('dossier-filter-status').selectOption('returned');
    await page.getByTestId('dossier-search').fill(returnedUnit);
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe(`1 of ${dossiers.length} dossiers`);
    await page.getByTestId('returned-reason').hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toBe(`Returned by the branch: ${RETURN_REASON}`);
    await shot(page, 'dossier-list-10-returned-en');
    await page.getByTestId('dossier-clear-filters').click();
    await page.getByTestId('language-switch').selectOption('vi');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor();
  });
});
