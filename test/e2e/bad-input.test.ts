import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { addUnit, buildIfStale, chooseNominee, completeWizard, hashOf, login, shot } from './helpers';

/** Wrong input in the dossier form is named next to its field, nothing typed is lost, nothing is saved. */

const ADMIN = { fullName: 'Trần Văn Bình', username: 'binh.tran', password: 'mat-khau-an-toan' };
// A commune People's Committee: scored by the collective-2025 scheme whose indicators the test types into.
const UNIT_NAME = 'UBND xã Long Chữ';

/** A dossier that would be valid, typed as text (the bad values are put in on top of it). */
const TYPED: Record<string, string> = {
  '#indicator-outstandingLoans': '52000',
  '#indicator-outstandingLoansPlan': '50000',
  '#indicator-inspectionsDone': '11',
  '#indicator-inspectionsPlanned': '12',
  '#indicator-overdueRatio': '0,12',
  '#indicator-overdueRatioChange': '-0,05',
  '#indicator-householdSavingsGrowth': '7,5',
  '#indicator-goodGroupsShare': '90,5',
  '#indicator-mediaArticles': '4',
  '#self-participation': '13,5',
  '#justification-participation': 'Phối hợp tốt với Phòng giao dịch.',
  '#self-recordsQuality': '4,5',
  '#womenShare': '40',
  '#report': 'Hội Nông dân xã Long Chữ hoàn thành tốt nhiệm vụ ủy thác.',
};

describe('bad input in the dossier form', () => {
  const data = temporaryDataDir('tdcs-e2e-bad-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  /** Every typed field still holds what was typed, except the fields given in `changed`. */
  async function expectValuesKept(changed: Record<string, string>): Promise<void> {
    const expected = { ...TYPED, ...changed };
    const actual: Record<string, string> = {};
    for (const selector of Object.keys(expected)) actual[selector] = await page.locator(selector).inputValue();
    expect(actual).toEqual(expected);
  }

  /** The error shown beneath the field `id`, in the same labelled block as the field. */
  function fieldError(id: string) {
    return page.locator('.field', { has: page.locator(`#${id}`) }).locator(`#${id}-error`);
  }

  async function expectNothingSaved(): Promise<void> {
    // Still the new dossier (its address names the nominee chosen), not a saved one.
    expect(hashOf(page)).toMatch(/^#\/dossiers\/new(\/|$)/);
    expect(await page.getByTestId('save-notice').count()).toBe(0);
    expect(await page.locator('.dossier-form .banner-error').first().textContent()).toBe(
      'Một số ô cần sửa; hồ sơ chưa được lưu. Những gì đã nhập vẫn được giữ nguyên.',
    );
  }

  beforeAll(async () => {
    buildIfStale();
    host = await startBrowserMode(data.dir);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('refuses the application without its access token (HTTP 403)', async () => {
    if (!host || !browser) throw new Error('browser mode did not start');
    const plain = await fetch(`${host.origin}/`);
    expect(plain.status).toBe(403);
    expect(await plain.text()).toContain('Access token');
    const api = await fetch(`${host.origin}/api/call`, { method: 'POST', body: JSON.stringify({ call: 'app.status', input: {}, session: null }) });
    expect(api.status).toBe(403);

    const stranger = await browser.newContext({ locale: 'vi-VN' });
    try {
      const refused = await stranger.newPage();
      const response = await refused.goto(`${host.origin}/`);
      expect(response?.status()).toBe(403);
      const text = await refused.locator('body').textContent();
      expect(text).toContain('Access token');
      expect(text).toContain('Thiếu hoặc sai mã truy cập.');
      // Nothing of the application itself was served.
      expect(await refused.locator('#root').count()).toBe(0);
      await shot(refused, 'bad-input-01-no-token-403');
    } finally {
      await stranger.close();
    }
  });

  it('prepares an installation with one unit', async () => {
    if (!host) throw new Error('browser mode did not start');
    await page.goto(host.url);
    await completeWizard(page, { mode: 'office', organisation: 'Phòng giao dịch NHCSXH Bến Cầu', ...ADMIN, demo: false });
    await login(page, ADMIN.username, ADMIN.password);
    // Signed in, the overview comes first; the dossiers are a click away.
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe('0/0 hồ sơ');
    await page.locator('nav.main-nav').getByRole('link', { name: 'Đơn vị' }).click();
    await addUnit(page, { name: UNIT_NAME, kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Long Chữ' });
  });

  it('names letters in a number field as "Không phải là số." and keeps everything typed', async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ' }).click();
    await page.getByTestId('new-dossier').click();
    await chooseNominee(page, UNIT_NAME);
    for (const [selector, value] of Object.entries(TYPED)) await page.locator(selector).fill(value);
    await page.locator('#indicator-guidanceIssued').selectOption('yes');

    const loans = page.locator('#indicator-outstandingLoans');
    await loans.fill('');
    await loans.pressSequentially('abc');
    await page.getByTestId('save-dossier').click();

    const error = fieldError('indicator-outstandingLoans');
    await error.waitFor();
    expect(await error.textContent()).toBe('Không phải là số.');
    expect(await page.locator('.field-invalid #indicator-outstandingLoans').count()).toBe(1);
    // Only that field is wrong.
    expect(await page.locator('.dossier-form .field-error').count()).toBe(1);
    await expectNothingSaved();
    await expectValuesKept({ '#indicator-outstandingLoans': 'abc' });
    expect(await page.locator('#indicator-guidanceIssued').inputValue()).toBe('yes');
    expect(await page.getByTestId('nominee-select').inputValue()).toBe(UNIT_NAME);
    await shot(page, 'bad-input-02-not-a-number');
  });

  it('refuses a self-score above the maximum', async () => {
    await page.locator('#indicator-outstandingLoans').fill(TYPED['#indicator-outstandingLoans'] ?? '');
    await page.locator('#self-participation').fill('16');
    await page.getByTestId('save-dossier').click();

    const error = fieldError('self-participation');
    await error.waitFor();
    expect(await error.textContent()).toBe('Tối đa 15.');
    await expect.poll(() => fieldError('indicator-outstandingLoans').count()).toBe(0);
    expect(await page.locator('.dossier-form .field-error').count()).toBe(1);
    await expectNothingSaved();
    await expectValuesKept({ '#self-participation': '16' });
    await shot(page, 'bad-input-03-self-score-too-high');
  });

  it('refuses a value with too many decimals', async () => {
    await page.locator('#self-participation').fill(TYPED['#self-participation'] ?? '');
    await page.locator('#indicator-overdueRatio').fill('0,125');
    await page.getByTestId('save-dossier').click();

    const error = fieldError('indicator-overdueRatio');
    await error.waitFor();
    expect(await error.textContent()).toBe('Tối đa 2 chữ số thập phân.');
    await expect.poll(() => fieldError('self-participation').count()).toBe(0);
    expect(await page.locator('.dossier-form .field-error').count()).toBe(1);
    await expectNothingSaved();
    await expectValuesKept({ '#indicator-overdueRatio': '0,125' });
    await shot(page, 'bad-input-04-too-many-decimals');
  });

  it('saved nothing: the dossier list is still empty', async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor();
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe('0/0 hồ sơ');
    expect(await page.getByText('Chưa có hồ sơ nào.').isVisible()).toBe(true);
    await page.locator('nav.main-nav').getByRole('link', { name: 'Xếp hạng' }).click();
    await page.getByText('Chưa có hồ sơ để xếp hạng.').waitFor();
    await shot(page, 'bad-input-05-nothing-saved');
  });
});
