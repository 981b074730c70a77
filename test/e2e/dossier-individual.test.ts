import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StoredDraftOutput } from '../../shared/contract/calls';
import type { CallResponse } from '../../shared/contract/envelope';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { ADMIN, setUpCore } from '../support/core';
import { buildIfStale, chooseNominee, hashOf, login, pickerNames, pickNominee, shot } from './helpers';

/**
 * Individual dossiers, in Vietnamese then English: the form does not ask for the collective "share of women" (the
 * priority for women follows the person's gender in the registry), an older individual dossier that stored a share
 * still opens and saves, and a new dossier's autosaved draft comes back after a reload without choosing the nominee
 * again; discarding it really drops it. The tests share one browser page and run in order.
 */

const UNIT_NAME = 'UBND xã Hảo Đước';
const WOMAN = { fullName: 'Nguyễn Thị Thu Hà', birthYear: 1980, gender: 'female', position: 'Tổ trưởng Tổ TK&VV ấp Bình Hòa' } as const;
const MAN = { fullName: 'Trần Văn Bảy', birthYear: 1976, gender: 'male', position: 'Tổ trưởng Tổ TK&VV ấp Bình Lợi' } as const;
/** The share of women an older version let the office type on the man's individual dossier. */
const OLD_SHARE = 90;
const REPORT = 'I. SƠ LƯỢC LÝ LỊCH\nChị Nguyễn Thị Thu Hà làm Tổ trưởng Tổ TK&VV ấp Bình Hòa từ năm 2015, gương mẫu, nhiệt tình.';

describe('individual dossiers: the priority for women from the person, and a new dossier’s draft after a reload', () => {
  let installation: Awaited<ReturnType<typeof setUpCore>>;
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let womanId = '';
  let manDossierId = '';

  const nav = () => page.locator('nav.main-nav');
  const priority = () => page.getByTestId('women-priority');
  const banner = () => page.getByTestId('draft-restored');

  /** One call of the contract from the page, with its session, as the application makes it. */
  async function callFromPage<T>(name: string, input: unknown): Promise<T> {
    const response = await page.evaluate(
      async ([call, body]) => {
        const answer = await fetch('./api/call', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ call, input: body, session: sessionStorage.getItem('tdcs.session') }),
        });
        return (await answer.json()) as CallResponse;
      },
      [name, input] as const,
    );
    if (!response.ok) throw new Error(`${name}: ${response.error.code}`);
    return response.value as T;
  }

  /** Waits for the answer to one call of the contract, started by `action`. */
  async function answered(name: string, action: () => Promise<void>): Promise<{ ok: boolean }> {
    const response = page.waitForResponse((candidate) => candidate.url().endsWith('/api/call') && (candidate.request().postData() ?? '').includes(`"call":"${name}"`));
    await action();
    return (await (await response).json()) as { ok: boolean };
  }

  /** Types the report and waits until the autosave has kept exactly that text. */
  async function typeReportAndKeep(text: string): Promise<void> {
    const kept = page.waitForResponse((response) => {
      if (!response.url().endsWith('/api/call')) return false;
      const request = JSON.parse(response.request().postData() ?? '{}') as { call?: string; input?: { form?: { report?: string } } };
      return request.call === 'drafts.save' && request.input?.form?.report === text;
    });
    await page.locator('#report').fill(text);
    expect(((await (await kept).json()) as { ok: boolean }).ok).toBe(true);
  }

  async function chooseWoman(): Promise<void> {
    await page.getByTestId('group-individual').check();
    await page.getByTestId('individual-kind').selectOption('groupHead');
    await pickNominee(page, 'person-select', WOMAN.fullName);
    await page.getByTestId('dossier-form').waitFor();
  }

  beforeAll(async () => {
    buildIfStale();
    // An office with one commune and two group heads; the man's dossier was saved by an older version with a share of women.
    installation = await setUpCore({ mode: 'office' });
    const unit = await installation.call('units.create', { name: UNIT_NAME, kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Hảo Đước', parentOfficeId: null });
    womanId = (await installation.call('people.create', { ...WOMAN, unitId: unit.id })).id;
    const man = await installation.call('people.create', { ...MAN, unitId: unit.id });
    const saved = await installation.call('dossiers.save', {
      campaignYear: 2025,
      nomineeKind: 'groupHead',
      unitId: unit.id,
      personId: man.id,
      content: { indicators: { overdueRatio: 0 }, selfScores: {}, report: 'Anh Bảy điều hành Tổ nề nếp.', discipline: 'none', womenShare: OLD_SHARE },
    });
    manDossierId = saved.dossier.id;
    installation.core.close();

    host = await startBrowserMode(installation.dataDir);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(host.url);
    await page.locator('#login-username').waitFor();
    await login(page, ADMIN.username, ADMIN.password);
    // Signed in, the overview comes first; the dossiers are a click away.
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(installation.dataDir, { recursive: true, force: true });
  });

  it('an individual’s form does not ask for the share of women: the priority follows the person’s gender', async () => {
    await page.getByTestId('new-dossier').click();
    // The picker finds her without accents, and only her.
    await page.getByTestId('group-individual').check();
    expect(await pickerNames(page, 'person-select', 'nguyen thi thu ha')).toEqual([WOMAN.fullName]);
    await chooseWoman();
    expect(await page.locator('#womenShare').count()).toBe(0);
    expect(await page.getByText('Tỷ lệ nữ trong tập thể (%)').count()).toBe(0);
    expect(await page.locator('label[for="women-priority"]').textContent()).toBe('Ưu tiên nữ khi bằng điểm');
    expect(await priority().textContent()).toBe('Có (cá nhân nữ)');
    expect(await priority().getAttribute('data-priority')).toBe('true');
    expect(await page.locator('.field', { has: priority() }).locator('.field-hint').textContent()).toBe(
      'Đối với cá nhân, việc ưu tiên căn cứ vào giới tính ghi trong danh sách cá nhân (trang Cá nhân); nếu chưa đúng, hãy sửa tại đó.',
    );
    await shot(page, 'dossier-individual-01-form-vi');

    // A collective still gives its share of women.
    await page.getByTestId('group-collective').check();
    await chooseNominee(page, UNIT_NAME);
    expect(await page.locator('label[for="womenShare"]').textContent()).toBe('Tỷ lệ nữ trong tập thể (%)');
    expect(await priority().count()).toBe(0);
    // Back to individuals: the person chosen before is still chosen, and her form again has no share of women.
    await page.getByTestId('group-individual').check();
    expect(await page.getByTestId('individual-kind').inputValue()).toBe('groupHead');
    expect(await page.getByTestId('person-select').getAttribute('data-value')).toBe(womanId);
    expect(await page.getByTestId('person-select').inputValue()).toBe(WOMAN.fullName);
    await page.getByTestId('dossier-form').waitFor();
    expect(await priority().textContent()).toBe('Có (cá nhân nữ)');
    expect(await page.locator('#womenShare').count()).toBe(0);
  });

  it('a new dossier’s draft comes back after a reload and in a reopened window, without choosing the nominee again', async () => {
    if (!host) throw new Error('browser mode did not start');
    expect(hashOf(page)).toBe(`#/dossiers/new/groupHead/${womanId}`);
    await typeReportAndKeep(REPORT);
    await expect.poll(() => page.getByTestId('autosave-status').textContent()).toMatch(/^Đã giữ bản nháp lúc /);

    await page.reload();
    await banner().waitFor();
    expect(await banner().textContent()).toMatch(/^Đã khôi phục các thay đổi chưa lưu lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\. Bỏ các thay đổi đó$/);
    expect(hashOf(page)).toBe(`#/dossiers/new/groupHead/${womanId}`);
    expect(await page.getByTestId('group-individual').isChecked()).toBe(true);
    expect(await page.getByTestId('individual-kind').inputValue()).toBe('groupHead');
    expect(await page.getByTestId('person-select').getAttribute('data-value')).toBe(womanId);
    expect(await page.locator('#report').inputValue()).toBe(REPORT);
    expect(await priority().textContent()).toBe('Có (cá nhân nữ)');
    await shot(page, 'dossier-individual-02-draft-restored-vi');

    // A closed window, the application opened again at its address (no page in it): the same draft.
    await page.close();
    page = await context.newPage();
    await page.goto(host.url);
    await page.locator('#login-username').waitFor();
    await login(page, ADMIN.username, ADMIN.password);
    await banner().waitFor();
    expect(await page.locator('#report').inputValue()).toBe(REPORT);
  });

  it('discarding the restored draft of a new dossier drops it for good', async () => {
    const key = `new:groupHead:${womanId}`;
    expect(await callFromPage<StoredDraftOutput | null>('drafts.get', { key })).toMatchObject({ key, dossierId: null, form: { report: REPORT } });
    expect((await answered('drafts.discard', () => banner().getByRole('button', { name: 'Bỏ các thay đổi đó' }).click())).ok).toBe(true);
    await expect.poll(() => banner().count()).toBe(0);
    expect(await page.locator('#report').inputValue()).toBe('');
    // Nothing is kept again behind the person's back.
    await page.waitForTimeout(800);
    expect(await callFromPage<StoredDraftOutput | null>('drafts.get', { key })).toBeNull();

    await page.reload();
    await page.getByTestId('dossier-form').waitFor();
    expect(await page.getByTestId('person-select').getAttribute('data-value')).toBe(womanId);
    expect(await banner().count()).toBe(0);
    expect(await page.locator('#report').inputValue()).toBe('');
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);

    // Written again and saved: the dossier gets its own page and the new dossier's draft is gone.
    await typeReportAndKeep(REPORT);
    await page.getByTestId('save-dossier').click();
    await expect.poll(() => hashOf(page)).toMatch(/^#\/dossiers\/(?!new)[^/]+$/);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${WOMAN.fullName}` }).waitFor();
    expect(await priority().textContent()).toBe('Có (cá nhân nữ)');
    expect(await callFromPage<StoredDraftOutput | null>('drafts.get', { key })).toBeNull();
  });

  it('an older individual dossier with a share of women opens without it, and saving keeps the stored content as it was', async () => {
    await nav().getByRole('link', { name: 'Hồ sơ' }).click();
    await page.getByTestId('dossier-table').getByRole('link', { name: MAN.fullName }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${MAN.fullName}` }).waitFor();
    expect(await page.locator('#womenShare').count()).toBe(0);
    expect(await priority().textContent()).toBe('Không (cá nhân nam)');
    expect(await priority().getAttribute('data-priority')).toBe('false');
    expect(await page.locator('#report').inputValue()).toBe('Anh Bảy điều hành Tổ nề nếp.');
    await page.getByTestId('save-dossier').click();
    await page.getByTestId('save-notice').waitFor();
    expect(await page.locator('.dossier-form [role=alert]').count()).toBe(0);
    const detail = await callFromPage<{ dossier: { revision: number; personGender: string; content: { womenShare: number | null } } }>('dossiers.get', { id: manDossierId });
    expect(detail.dossier).toMatchObject({ revision: 1, personGender: 'male', content: { womenShare: OLD_SHARE } });
  });

  it('shows the same in English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await nav().getByRole('link', { name: 'Dossiers' }).click();
    await page.getByTestId('dossier-table').getByRole('link', { name: WOMAN.fullName }).click();
    await page.getByRole('heading', { level: 1, name: `Dossier: ${WOMAN.fullName}` }).waitFor();
    expect(await page.locator('label[for="women-priority"]').textContent()).toBe('Priority for women in ties');
    expect(await priority().textContent()).toBe('Yes (a woman)');
    expect(await page.locator('.field', { has: priority() }).locator('.field-hint').textContent()).toBe(
      'For an individual it follows the gender recorded in the people registry (People page); correct it there if it is wrong.',
    );
    expect(await page.locator('#womenShare').count()).toBe(0);
    await shot(page, 'dossier-individual-03-form-en');

    // A new dossier's draft after a reload, in English.
    await nav().getByRole('link', { name: 'Dossiers' }).click();
    await page.getByTestId('new-dossier').click();
    await page.getByTestId('group-individual').check();
    await page.getByTestId('individual-kind').selectOption('branchOfficer');
    await pickNominee(page, 'person-select', MAN.fullName);
    await page.getByTestId('dossier-form').waitFor();
    expect(await priority().textContent()).toBe('No (a man)');
    await typeReportAndKeep('I. BRIEF CURRICULUM VITAE');
    await page.reload();
    await banner().waitFor();
    expect(await banner().textContent()).toMatch(/^Unsaved changes from \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} were restored\. Discard them$/);
    expect(await page.getByTestId('individual-kind').inputValue()).toBe('branchOfficer');
    expect(await page.locator('#report').inputValue()).toBe('I. BRIEF CURRICULUM VITAE');
    await shot(page, 'dossier-individual-04-draft-restored-en');
  });
});
