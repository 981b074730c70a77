import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { allVirtualRows, buildIfStale, completeWizard, expectHundredths, hashOf, hundredths, login, shot } from './helpers';

/** The demo dataset: a few hundred dossiers to list, search without accents, rank and explain. */

const ADMIN = { fullName: 'Lê Minh Quang', username: 'quang.le', password: 'demo-mat-khau' };
const TOP_CRITERIA = ['participation', 'capitalManagement', 'overdueDebt', 'savingsAndGroups', 'guidanceMeetings', 'recordsViolations'];
const BONUS_CRITERIA = ['entrustedCapital', 'communication', 'goodModels'];

/** "12/345 hồ sơ" → [12, 345]. */
function parseCount(text: string | null): [number, number] {
  const match = /^(\d+)\/(\d+) hồ sơ$/.exec(text ?? '');
  if (!match) throw new Error(`unexpected dossier count "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

describe('the demo dataset', () => {
  const data = temporaryDataDir('tdcs-e2e-demo-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let total = 0;

  const nameCells = () => page.getByTestId('dossier-table').locator('tbody tr td:first-child');

  /** Types a query key by key; resolves with the rows shown once every one of them matches `pattern`. */
  async function search(query: string, pattern: RegExp): Promise<string[]> {
    const box = page.getByTestId('dossier-search');
    await box.fill('');
    await box.pressSequentially(query);
    let names: string[] = [];
    await expect
      .poll(async () => {
        const [shown, all] = parseCount(await page.getByTestId('dossier-count').textContent());
        names = await nameCells().allTextContents();
        // The list is virtualised: the rows in view are rendered, never more than the matches.
        return all === total && shown > 0 && shown < total && names.length > 0 && names.length <= shown && names.every((name) => pattern.test(name));
      })
      .toBe(true);
    return names;
  }

  beforeAll(async () => {
    buildIfStale();
    host = await startBrowserMode(data.dir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('sets up an office installation with the demo data and lists a few hundred dossiers', async () => {
    if (!host) throw new Error('browser mode did not start');
    await page.goto(host.url);
    await completeWizard(page, { mode: 'office', organisation: 'Phòng giao dịch NHCSXH Tân Biên', ...ADMIN, demo: true }, 60_000);
    await login(page, ADMIN.username, ADMIN.password);
    // Signed in, the overview comes first; the dossiers are a click away.
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByTestId('dossier-table').waitFor();
    const [shown, all] = parseCount(await page.getByTestId('dossier-count').textContent());
    expect(shown).toBe(all);
    expect(all).toBeGreaterThanOrEqual(200);
    expect(all).toBeLessThan(1000);
    // Virtualised: every dossier is counted, only the rows in view are in the page.
    const rendered = await page.getByTestId('dossier-table').locator('tbody tr').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(all);
    total = all;
    await shot(page, 'demo-01-dossiers-vi');
  });

  it('finds names typed without accents', async () => {
    // Among the collectives: a person is listed by name, the unit that matched beside it.
    await page.getByTestId('dossier-filter-kind').selectOption('group:collective');
    const farmers = await search('hoi nong dan', /Hội Nông dân/);
    expect(farmers.length).toBeGreaterThan(10);
    for (const name of farmers) expect(name).toContain('Hội Nông dân');
    await shot(page, 'demo-02-search-hoi-nong-dan-vi');

    // đ is folded to d, and the words may come in any order.
    const youth = await search('tncs doan', /^Đoàn TNCS Hồ Chí Minh /);
    expect(youth.length).toBeGreaterThan(10);

    // Accents are ignored on both sides: "vinh" finds Phước Vinh and Phước Vĩnh Tây alike.
    const place = await search('phuoc vinh', /Phước V(i|ĩ)nh/);
    expect(place.some((name) => name.includes('Phước Vĩnh Tây'))).toBe(true);

    await page.getByTestId('dossier-search').fill('khong co don vi nao nhu the');
    await page.getByText('Không có hồ sơ phù hợp.').waitFor();
    expect(parseCount(await page.getByTestId('dossier-count').textContent())).toEqual([0, total]);
  });

  it('ranks the dossiers with positions and explains the first one', async () => {
    // The ranking takes the collectives marked ready, sent or received: counted in the list with its filters.
    await page.getByTestId('dossier-search').fill('');
    await page.getByTestId('dossier-filter-kind').selectOption('group:collective');
    const shownWith = async (status: string): Promise<number> => {
      await page.getByTestId('dossier-filter-status').selectOption(status);
      // Read once the rows in view are all of that status (the list has followed the filter).
      await expect.poll(() => page.getByTestId('dossier-table').locator('tbody tr[data-status]').evaluateAll((rows, wanted) => rows.every((row) => row.getAttribute('data-status') === wanted), status)).toBe(true);
      return parseCount(await page.getByTestId('dossier-count').textContent())[0];
    };
    let ranked = 0;
    for (const status of ['ready', 'exported', 'received']) ranked += await shownWith(status);
    expect(ranked).toBeGreaterThan(0);
    expect(await shownWith('draft')).toBeGreaterThan(0);
    await page.getByTestId('dossier-clear-filters').click();

    await page.locator('nav.main-nav').getByRole('link', { name: 'Xếp hạng' }).click();
    const table = page.getByTestId('ranking-table');
    await table.locator('tbody tr[data-dossier]').first().waitFor();
    // Virtualised: the table counts every row, the page holds the ones in view; reading them all means scrolling.
    expect(await table.locator('tbody tr').count()).toBeLessThan(ranked);
    const rows = (await allVirtualRows(page, 'ranking-table')).filter((row) => row.attributes['data-dossier']);
    expect(rows).toHaveLength(ranked);

    // Positions start at 1 and never go down; ties share the position of the first tied row.
    const positions = rows.map((row) => Number(row.cells[0]));
    expect(positions[0]).toBe(1);
    positions.forEach((position, index) => {
      expect(Number.isInteger(position)).toBe(true);
      expect(position).toBeLessThanOrEqual(index + 1);
      if (index > 0) expect(position).toBeGreaterThanOrEqual(positions[index - 1] ?? 0);
    });
    // Eligible first, by total, highest first.
    const eligible = rows.map((row) => !(row.attributes.class ?? '').split(' ').includes('ineligible'));
    const totals = rows.map((row) => row.hundredths ?? Number.NaN);
    const firstIneligible = eligible.indexOf(false);
    expect(firstIneligible).toBeGreaterThan(0);
    expect(eligible.slice(firstIneligible).every((value) => !value)).toBe(true);
    const eligibleTotals = totals.slice(0, firstIneligible);
    expect(eligibleTotals).toEqual([...eligibleTotals].sort((a, b) => b - a));
    await shot(page, 'demo-03-ranking-vi');

    const first = table.locator('tbody tr[data-dossier]').first();
    const firstId = (await first.getAttribute('data-dossier')) ?? '';
    const firstTotal = await hundredths(page.getByTestId(`ranking-total-${firstId}`));
    const details = first.getByRole('button', { name: 'Chi tiết' });
    expect(await details.getAttribute('aria-expanded')).toBe('false');
    await details.click();
    // The explanation is asked for now, and shown beside the table; the address names the row.
    const breakdown = page.getByTestId('ranking-details').locator('table.breakdown');
    await breakdown.waitFor();
    expect(hashOf(page)).toBe(`#/ranking/${encodeURIComponent(firstId)}`);
    expect(await first.getByRole('button', { name: 'Ẩn' }).getAttribute('aria-expanded')).toBe('true');
    expect(await breakdown.textContent()).toContain('Mức độ tham gia, chỉ đạo, phối hợp');
    expect(await breakdown.textContent()).toContain('Điểm thưởng (tối đa 5)');

    // The breakdown adds up to the ranked total: the six criteria plus the bonus (capped at 5 points).
    const points = async (ids: string[]) => {
      let sum = 0;
      for (const id of ids) sum += await hundredths(breakdown.getByTestId(`points-${id}`));
      return sum;
    };
    // The bonus criteria are the scheme's own (each kind has its scheme): read them off the bonus rows.
    const bonusCriteria = await breakdown.locator('tr.bonus-heading ~ tr[data-criterion]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-criterion') ?? ''));
    expect(bonusCriteria.length).toBeGreaterThan(0);
    expect(bonusCriteria.every((id) => BONUS_CRITERIA.includes(id))).toBe(true);
    expect((await points(TOP_CRITERIA)) + Math.min(500, await points(bonusCriteria))).toBe(firstTotal);
    await shot(page, 'demo-04-ranking-details-vi');

    // The renderer's preview of that dossier agrees with the main process's ranking.
    await page.goto(`${new URL(page.url()).origin}/#/dossiers/${encodeURIComponent(firstId)}`);
    await expectHundredths(page.getByTestId('preview-total'), firstTotal);
    expect(await page.getByTestId('preview-eligibility').textContent()).toBe('Đủ điều kiện');
    await shot(page, 'demo-05-first-dossier-vi');
  });
});
