import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Ranking } from '../../shared/contract/calls';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { ADMIN, setUpCore } from '../support/core';
import { buildIfStale, hashOf, login, shot } from './helpers';

/**
 * The ranking of ten thousand collectives (the generator's dataset, as `npm run generate` makes it): the page draws
 * the rows in view, scrolls to the very last one, and opens its explanation. What it checks is that it works at that
 * size, not how long it takes (the benchmark measures that).
 */

const COLLECTIVES = 10_000;

describe('the Ranking page with ten thousand collectives', () => {
  let installation: Awaited<ReturnType<typeof setUpCore>>;
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let ranking: Ranking;

  beforeAll(async () => {
    buildIfStale();
    installation = await setUpCore({ mode: 'branch' });
    const generated = await installation.core.call({ call: 'demo.generate', input: { dossiers: COLLECTIVES, individuals: 500, seed: 20_251_207, attachmentKb: 0 }, session: null }, true);
    if (!generated.ok) throw new Error(`demo.generate: ${generated.error.code}`);
    ranking = await installation.call('ranking.get', { campaignYear: 2025, group: 'collective' });
    installation.core.close();
    host = await startBrowserMode(installation.dataDir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 860 } });
    page = await context.newPage();
    await page.goto(host.url);
    await login(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    installation.close();
  });

  const table = () => page.getByTestId('ranking-table');

  it('draws the first rows of all ten thousand, not all of them', async () => {
    expect(ranking.rows).toHaveLength(COLLECTIVES);
    await page.locator('nav.main-nav').getByRole('link', { name: 'Xếp hạng' }).click();
    await table().locator('tbody tr[data-dossier]').first().waitFor();
    const quotaLine = ranking.selection.selected.length + ranking.selection.cutoffTie.length > 0 ? 1 : 0;
    expect(Number(await table().getAttribute('aria-rowcount'))).toBe(COLLECTIVES + quotaLine + 1);
    const drawn = await table().locator('tbody tr').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(100);
    const first = ranking.rows[0];
    expect(await table().locator('tbody tr[data-dossier]').first().getAttribute('data-dossier')).toBe(first?.dossierId);
    await shot(page, 'ranking-10k-01-top-vi');
  });

  it('scrolls to the last row, which shows the last position and total', async () => {
    const last = ranking.rows[ranking.rows.length - 1];
    if (!last) throw new Error('no rows');
    const scroller = page.locator('.vt-scroll', { has: table() });
    const lastRow = table().locator(`tbody tr[data-dossier="${last.dossierId}"]`);
    for (let attempt = 0; attempt < 30 && (await lastRow.count()) === 0; attempt += 1) {
      await scroller.evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
      await page.waitForTimeout(100);
    }
    await lastRow.waitFor();
    expect(await lastRow.getAttribute('aria-rowindex')).toBe(await table().getAttribute('aria-rowcount'));
    expect(await lastRow.locator('td').first().textContent()).toBe(String(last.position));
    expect(Number(await page.getByTestId(`ranking-total-${last.dossierId}`).getAttribute('data-hundredths'))).toBe(last.total);
    // Still only the rows in view are in the page.
    expect(await table().locator('tbody tr').count()).toBeLessThan(100);
    await shot(page, 'ranking-10k-02-bottom-vi');

    await lastRow.getByRole('button', { name: 'Chi tiết' }).click();
    await page.getByTestId('ranking-details').locator('table.breakdown').waitFor();
    expect(hashOf(page)).toBe(`#/ranking/${encodeURIComponent(last.dossierId)}`);
    await shot(page, 'ranking-10k-03-last-explained-vi');
  });

  it('an address that names a dossier deep in the list opens its row in view', async () => {
    const middle = ranking.rows[Math.floor(COLLECTIVES / 2)];
    if (!middle) throw new Error('no rows');
    await page.goto(`${new URL(page.url()).origin}/#/campaign`);
    await page.goto(`${new URL(page.url()).origin}/#/ranking/${encodeURIComponent(middle.dossierId)}`);
    const row = table().locator(`tbody tr[data-dossier="${middle.dossierId}"]`);
    await row.waitFor();
    expect((await row.getAttribute('class')) ?? '').toContain('selected');
    await page.getByTestId('ranking-details').locator('table.breakdown').waitFor();
    expect(await page.getByTestId('ranking-details').getAttribute('data-dossier')).toBe(middle.dossierId);
  });
});
