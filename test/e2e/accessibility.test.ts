import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { foreignText, visibleText } from '../support/screen-text';
import { buildIfStale, completeWizard, login } from './helpers';

/**
 * Every screen, in Vietnamese and in English, at the branch and at an office (both with the demo data): an automated
 * accessibility scan (axe-core) finds no serious or critical problem, and no English word, internal code or
 * untranslated key is on a Vietnamese screen (nor a code or key on an English one).
 */

const ADMIN = { fullName: 'Phạm Thị Hạnh', username: 'hanh.pham', password: 'kiem-tra-2026' };
type Language = 'vi' | 'en';
const LANGUAGES: Language[] = ['vi', 'en'];

interface Finding {
  screen: string;
  language: Language;
  problem: string;
}

describe('accessibility and wording of every screen', () => {
  const branchData = temporaryDataDir('tdcs-e2e-a11y-branch-');
  const officeData = temporaryDataDir('tdcs-e2e-a11y-office-');
  let branchHost: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let officeHost: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const findings: Finding[] = [];
  const scanned: string[] = [];

  /**
   * Waits until the page has its heading and nothing is still loading: no text on screen that is, as a whole, a loading
   * or checking message ("Đang tải…", "Checking the file…"). A sentence that merely starts with the word, such as the
   * English demo criterion "Checking that members use their loans as intended", is not one.
   */
  async function settled(): Promise<void> {
    await page.locator('h1, h2').first().waitFor();
    await page.waitForFunction(
      () => {
        const busy = /^(Đang tải|Loading|Đang kiểm tra|Checking)[^…]*…$/;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (busy.test((node.nodeValue ?? '').trim()) && node.parentElement?.checkVisibility()) return false;
        }
        return true;
      },
      undefined,
      { timeout: 20_000 },
    );
    await page.waitForTimeout(150);
  }

  async function setLanguage(language: Language): Promise<void> {
    const select = page.getByTestId('language-switch');
    if ((await select.inputValue()) !== language) await select.selectOption(language);
    await page.waitForFunction((wanted) => document.documentElement.lang === wanted, language);
  }

  /** Scans what is on screen now, in one language: axe-core's serious and critical findings, and foreign words or codes. */
  async function scan(screen: string, language: Language): Promise<void> {
    await settled();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const violation of results.violations.filter((entry) => entry.impact === 'serious' || entry.impact === 'critical')) {
      findings.push({ screen, language, problem: `${violation.id}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}` });
    }
    for (const word of foreignText(await visibleText(page), language)) findings.push({ screen, language, problem: `on screen: “${word}”` });
    scanned.push(`${screen} (${language})`);
  }

  /** Opens a page of the signed-in application by its address and scans it in both languages. */
  async function screen(name: string, hash: string, then?: () => Promise<void>): Promise<void> {
    for (const language of LANGUAGES) {
      await setLanguage(language);
      await page.evaluate((target) => {
        window.location.hash = target;
      }, hash);
      await settled();
      if (then) await then();
      await scan(name, language);
    }
  }

  beforeAll(async () => {
    buildIfStale();
    branchHost = await startBrowserMode(branchData.dir);
    officeHost = await startBrowserMode(officeData.dir);
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await branchHost?.stop();
    await officeHost?.stop();
    branchData.remove();
    officeData.remove();
  });

  it('the first-run wizard and the sign-in page, in both languages', async () => {
    if (!branchHost) throw new Error('browser mode did not start');
    await page.goto(branchHost.url);
    for (const language of LANGUAGES) {
      await setLanguage(language);
      await scan('wizard: where', language);
    }
    await setLanguage('vi');
    await completeWizard(page, { mode: 'branch', organisation: 'Chi nhánh NHCSXH tỉnh Tây Ninh', ...ADMIN, demo: true }, 90_000);
    for (const language of LANGUAGES) {
      await setLanguage(language);
      await scan('sign-in', language);
    }
    await setLanguage('vi');
    await login(page, ADMIN.username, ADMIN.password);
  });

  it('every page of the branch, in both languages', async () => {
    await screen('overview', '#/overview', async () => {
      await page.getByTestId('ranking-chart-table-toggle').click();
      await page.locator('[data-testid="overview-offices"] button[aria-expanded]').first().click();
    });
    await screen('dossiers', '#/dossiers');
    const dossierId = await page.getByTestId('dossier-table').locator('tbody tr[data-dossier]').first().getAttribute('data-dossier');
    await screen('dossier (received, read-only)', `#/dossiers/${dossierId ?? ''}`, async () => {
      await page.getByTestId('preview-chart-toggle').click();
    });
    await screen('new dossier', '#/dossiers/new', async () => {
      await page.getByTestId('nominee-select').fill('hoi nong dan');
    });
    await screen('ranking', '#/ranking');
    await screen('ranking, one row explained', `#/ranking/${dossierId ?? ''}`, async () => {
      await page.getByTestId('ranking-details').locator('[data-testid="criteria-chart"]').waitFor();
    });
    await screen('units', '#/units');
    await screen('people', '#/people');
    for (const tab of ['identity', 'send', 'receive', 'dossiers', 'history']) {
      await screen(`exchange: ${tab}`, '#/exchange', async () => {
        await page.getByTestId(`exchange-tab-${tab}`).click();
      });
    }
    await screen('schemes', '#/schemes');
    const scheme = await page.locator('[data-testid^="edit-scheme-"]').first().getAttribute('data-testid');
    await screen('scheme editor', `#/schemes/${(scheme ?? '').replace('edit-scheme-', '')}`);
    await screen('campaign', '#/campaign', async () => {
      await page.locator('#campaign-quota-collectives').fill('8');
      await page.getByTestId('campaign-quota-reason').waitFor();
    });
    // The council's tabs: its members and meeting, and each round's ballots and results.
    for (const tab of ['members', 'round1', 'round2']) {
      await screen(`council: ${tab}`, '#/council', async () => {
        await page.getByTestId(`council-tab-${tab}`).click();
      });
    }
    for (const tab of ['documents', 'settings', 'templates']) {
      await screen(`documents: ${tab}`, '#/documents', async () => {
        await page.getByTestId(`documents-tab-${tab}`).click();
      });
    }
    await screen('allocation', '#/allocation');
    await screen('accounts', '#/accounts');
    await screen('activity log', '#/audit');
    await screen('backups', '#/backups');
    await screen('password', '#/password');
  });

  it('every page of an office, in both languages', async () => {
    if (!officeHost) throw new Error('browser mode did not start');
    await page.goto(officeHost.url);
    await completeWizard(page, { mode: 'office', organisation: 'Phòng giao dịch NHCSXH Gò Dầu', ...ADMIN, demo: true }, 90_000);
    await login(page, ADMIN.username, ADMIN.password);
    await screen('office overview', '#/overview');
    await screen('office dossiers', '#/dossiers');
    await page.getByTestId('dossier-filter-status').selectOption('draft');
    const draft = await page.getByTestId('dossier-table').locator('tbody tr[data-dossier]').first().getAttribute('data-dossier');
    await page.getByTestId('dossier-clear-filters').click();
    await screen('office dossier form, a number read two ways', `#/dossiers/${draft ?? ''}`, async () => {
      const field = page.locator('input[id^="indicator-"][inputmode="decimal"]').first();
      await field.fill('1.000');
      await field.blur();
    });
    await screen('office ranking preview', '#/ranking');
    await screen('office exchange', '#/exchange');
  });

  it('finds nothing to fix', () => {
    expect(scanned.length).toBeGreaterThan(60);
    expect(findings.map((finding) => `${finding.screen} (${finding.language}): ${finding.problem}`)).toEqual([]);
  });
});
