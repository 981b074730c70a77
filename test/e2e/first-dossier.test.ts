import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toScoreInput } from '../../shared/domain/dossier';
import { emptyFormValues, formValuesToContent, type DossierFormValues } from '../../shared/domain/dossier-form';
import { collectiveScheme2025, scoreDossier } from '../../shared/scoring';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { pdfBytes } from '../integration/exchange-support';
import { addUnit, buildIfStale, chooseNominee, expectHundredths, hashOf, hundredths, login, shot } from './helpers';

/**
 * The whole first-use story in Vietnamese: set-up, sign-in, a unit, a dossier typed by hand with
 * its live preview, the official ranking, a restart, and finally the same screens in English.
 * The tests share one browser page and run in order.
 */

const ORGANISATION = 'Chi nhánh NHCSXH tỉnh Tây Ninh';
const ADMIN = { fullName: 'Nguyễn Thị Mai', username: 'mai.nguyen', password: 'mat-khau-2025' };
const UNIT_NAME = 'UBND xã Phước Vinh';

/** What is typed into the dossier form (besides #indicator-overdueRatio, typed key by key). */
const TYPED_INDICATORS: Record<string, string> = {
  outstandingLoans: '52000',
  outstandingLoansPlan: '50000',
  inspectionsDone: '11',
  inspectionsPlanned: '12',
  overdueRatioChange: '-0,05',
  outstandingInterestRatio: '0,08',
  householdSavingsGrowth: '7,5',
  goodGroupsShare: '90,5',
  weakGroups: '1',
  meetingsHeld: '10',
  meetingsPlanned: '12',
  violationsUnhandled: '0',
  mediaArticles: '4',
};
const CHOSEN_INDICATORS: Record<string, 'yes' | 'no'> = { guidanceIssued: 'yes', seriousViolation: 'no', entrustedBudgetCapital: 'yes' };
const SELF_SCORES: Record<string, { points: string; justification: string }> = {
  participation: { points: '13,5', justification: 'Chỉ đạo sát sao, họp giao ban đầy đủ.' },
  recordsQuality: { points: '4,5', justification: 'Hồ sơ, sổ sách lưu trữ đầy đủ.' },
  goodModels: { points: '0,5', justification: 'Mô hình tổ vay vốn gắn với tiết kiệm.' },
};
const WOMEN_SHARE = '72';
const REPORT = [
  'I. ĐẶC ĐIỂM, TÌNH HÌNH',
  'Xã Phước Vinh có 6 ấp với hơn 3.500 hộ dân, trong đó 190 hộ nghèo và 160 hộ cận nghèo. Ủy ban nhân dân xã xác định tín dụng chính sách xã hội là kênh quan trọng để giảm nghèo bền vững, tạo việc làm và xây dựng nông thôn mới, và phối hợp chặt chẽ với Phòng giao dịch NHCSXH.',
  'II. THÀNH TÍCH ĐẠT ĐƯỢC',
  'Năm 2025, dư nợ các chương trình tín dụng chính sách trên địa bàn đạt 52 tỷ đồng, vượt kế hoạch được giao. Tỷ lệ nợ quá hạn giảm còn 0,12%, lãi tồn đọng ở mức thấp. Ban giảm nghèo xã đã kiểm tra 11 trên 12 tổ tiết kiệm và vay vốn theo kế hoạch, phối hợp với các hội đoàn thể nhận ủy thác tổ chức giao ban định kỳ hằng tháng. Hơn 90% tổ xếp loại tốt. Xã đã bố trí vốn ngân sách địa phương ủy thác qua Ngân hàng Chính sách xã hội để cho vay hộ nghèo và giải quyết việc làm.',
  'III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC',
  'Năm 2023 và năm 2024, Ủy ban nhân dân xã được Chủ tịch Ủy ban nhân dân huyện tặng Giấy khen vì có thành tích xuất sắc trong thực hiện tín dụng chính sách xã hội.',
].join('\n');
/** The one piece of evidence the checklist asks for before the dossier can be marked ready. */
const EVIDENCE = { name: 'bien-ban-binh-xet.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Phuoc Vinh 2025') };

/**
 * The same total worked out by hand from the 2025 scheme, as a check that does not use the scoring
 * library at all: participation 13.50; loans 10.00 + inspections 11/12 → 9.17; overdue 15.00 +
 * change 2.50 + interest 3.00; savings 4.50 + good groups 6.56 + weak groups 2.00; guidance 4.00 +
 * meetings 5.00; records 4.50 + violations 5.00; bonus 2.00 + 1.00 + 0.50.
 */
const HAND_COMPUTED_TOTAL = 8823;

/** The scoring library's total for form values, computed here, outside the browser. */
function expectedTotal(values: DossierFormValues): number {
  const { content } = formValuesToContent(collectiveScheme2025, values);
  return scoreDossier(collectiveScheme2025, toScoreInput(content)).total;
}

function formValues(overdueRatio: string, complete: boolean): DossierFormValues {
  const values = emptyFormValues(collectiveScheme2025, 'unit');
  values.indicators.overdueRatio = overdueRatio;
  if (complete) {
    Object.assign(values.indicators, TYPED_INDICATORS, CHOSEN_INDICATORS);
    for (const [id, self] of Object.entries(SELF_SCORES)) values.selfScores[id] = { ...self };
    values.womenShare = WOMEN_SHARE;
    values.report = REPORT;
  }
  return values;
}

describe('first dossier, from a fresh installation to the ranking and after a restart', () => {
  const data = temporaryDataDir('tdcs-e2e-first-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let dossierId = '';
  let previewTotal = Number.NaN;
  let noticeSeenOnCreate = false;

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

  it('sets the installation up with the wizard, in Vietnamese', async () => {
    const current = host;
    if (!current) throw new Error('browser mode did not start');
    await page.goto(current.url);
    const step = page.getByTestId('wizard-step');
    await expect.poll(() => step.textContent()).toBe('Bước 1/4');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Thiết lập Thi đua TDCS');
    await page.getByTestId('mode-branch').check();
    expect(await page.getByTestId('mode-branch').isChecked()).toBe(true);
    await shot(page, 'first-dossier-01-wizard-mode-vi');
    await page.getByTestId('wizard-next').click();

    // Step 2: an empty organisation name is refused, in Vietnamese, and the wizard stays put.
    await expect.poll(() => step.textContent()).toBe('Bước 2/4');
    await page.getByTestId('wizard-next').click();
    const organisationError = page.locator('#organisationName-error');
    await organisationError.waitFor();
    expect(await organisationError.textContent()).toBe('Bắt buộc nhập.');
    expect(await step.textContent()).toBe('Bước 2/4');
    await shot(page, 'first-dossier-02-wizard-organisation-required-vi');
    await page.locator('#organisationName').fill(ORGANISATION);
    await page.getByTestId('wizard-next').click();

    // Step 3: the two passwords must agree.
    await expect.poll(() => step.textContent()).toBe('Bước 3/4');
    await page.locator('#fullName').fill(ADMIN.fullName);
    await page.locator('#username').fill(ADMIN.username);
    await page.locator('#password').fill(ADMIN.password);
    await page.locator('#passwordAgain').fill(`${ADMIN.password}x`);
    await page.getByTestId('wizard-next').click();
    const passwordError = page.locator('#passwordAgain-error');
    await passwordError.waitFor();
    expect(await passwordError.textContent()).toBe('Hai mật khẩu không giống nhau.');
    expect(await step.textContent()).toBe('Bước 3/4');
    await shot(page, 'first-dossier-03-wizard-passwords-differ-vi');
    await page.locator('#passwordAgain').fill(ADMIN.password);
    await page.getByTestId('wizard-next').click();

    // Step 4: the summary; no demo data.
    await expect.poll(() => step.textContent()).toBe('Bước 4/4');
    const summary = page.locator('dl.summary');
    expect(await summary.textContent()).toContain('Chi nhánh (Hội đồng Thi đua - Khen thưởng)');
    expect(await summary.textContent()).toContain(ORGANISATION);
    expect(await summary.textContent()).toContain(ADMIN.username);
    expect(await page.getByTestId('load-demo').isChecked()).toBe(false);
    await shot(page, 'first-dossier-04-wizard-summary-vi');
    await page.getByTestId('wizard-finish').click();
    await page.locator('#login-username').waitFor();
  });

  it('refuses a wrong password and signs in with the right one', async () => {
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Đăng nhập');
    expect(await page.locator('.login').textContent()).toContain(ORGANISATION);
    await page.locator('#login-username').fill(ADMIN.username);
    await page.locator('#login-password').fill('khong-dung-mat-khau');
    await page.getByTestId('login-submit').click();
    const failure = page.locator('.login [role=alert]');
    await failure.waitFor();
    expect(await failure.textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng. Còn 4 lần nhập sai nữa thì phải chờ vài phút mới đăng nhập được.');
    await shot(page, 'first-dossier-05-login-wrong-password-vi');

    await login(page, ADMIN.username, ADMIN.password);
    expect(await page.locator('.topbar .user').textContent()).toBe(`Đăng nhập: ${ADMIN.fullName}`);
    // Signed in, the overview comes first; the dossiers are a click away.
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByTestId('dossier-count').waitFor();
    expect(await page.getByTestId('dossier-count').textContent()).toBe('0/0 hồ sơ');
    expect(await page.getByText('Chưa có hồ sơ nào.').isVisible()).toBe(true);
    expect(await page.getByTestId('dossier-table').count()).toBe(0);
    await shot(page, 'first-dossier-06-dossiers-empty-vi');
  });

  it('adds the unit to nominate', async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Đơn vị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
    await page.getByText('Chưa có đơn vị nào. Hãy thêm đơn vị đầu tiên.').waitFor();
    await addUnit(page, { name: UNIT_NAME, kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Phước Vinh' });
    expect(await page.locator('form.side-form [role=status]').textContent()).toBe(`Đã thêm đơn vị “${UNIT_NAME}”.`);
    const row = page.locator('table tbody tr', { hasText: UNIT_NAME });
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('UBND cấp xã');
    expect(await row.locator('td').nth(2).textContent()).toBe('xã Phước Vinh');
    expect(hashOf(page)).toBe('#/units');
    await shot(page, 'first-dossier-07-units-vi');
  });

  it('fills a dossier while the preview follows every keystroke', async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ' }).click();
    await page.getByTestId('new-dossier').click();
    expect(hashOf(page)).toBe('#/dossiers/new');
    await chooseNominee(page, UNIT_NAME);

    const total = page.getByTestId('preview-total');
    const overdue = page.getByTestId('points-overdueRatio');
    await expectHundredths(total, 0);
    expect(await page.getByTestId('preview-eligibility').textContent()).toBe('Không đủ điều kiện');

    // One key at a time: "0" is a number (15 points), "0," is not yet one, "0,1" and "0,12" are.
    const field = page.locator('#indicator-overdueRatio');
    const seen = new Set<number>([await hundredths(total)]);
    let typed = '';
    for (const key of ['0', ',', '1', '2']) {
      await field.pressSequentially(key);
      typed += key;
      expect(await field.inputValue()).toBe(typed);
      const expected = expectedTotal(formValues(typed, false));
      await expectHundredths(total, expected);
      seen.add(expected);
    }
    // The preview moved while typing (0 → 15,00 → 0 → 15,00), it did not only settle at the end.
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1500]);
    await expectHundredths(overdue, 1500);
    expect(await total.textContent()).toBe('15,00');

    // The rest of the dossier: complete and eligible.
    for (const [key, value] of Object.entries(TYPED_INDICATORS)) await page.locator(`#indicator-${key}`).fill(value);
    for (const [key, value] of Object.entries(CHOSEN_INDICATORS)) await page.locator(`#indicator-${key}`).selectOption(value);
    for (const [id, self] of Object.entries(SELF_SCORES)) {
      await page.locator(`#self-${id}`).fill(self.points);
      await page.locator(`#justification-${id}`).fill(self.justification);
    }
    await page.locator('#womenShare').fill(WOMEN_SHARE);
    await page.locator('#discipline').selectOption('none');
    await page.locator('#report').fill(REPORT);

    const expected = expectedTotal(formValues('0,12', true));
    expect(expected).toBe(HAND_COMPUTED_TOTAL);
    await expectHundredths(total, expected);
    expect(await total.textContent()).toBe('88,23');
    expect(await page.getByTestId('preview-eligibility').textContent()).toBe('Đủ điều kiện');
    expect(await page.getByTestId('gate-failures').count()).toBe(0);
    expect(await page.getByTestId('score-preview').textContent()).not.toContain('Còn thiếu');
    await expectHundredths(page.getByTestId('points-inspections'), 917);
    await expectHundredths(page.getByTestId('points-goodGroups'), 656);
    await expectHundredths(page.getByTestId('points-participation'), 1350);
    expect(await page.getByTestId('bonus-total').textContent()).toBe('3,50');
    previewTotal = await hundredths(total);
    await shot(page, 'first-dossier-08-form-preview-vi');
  });

  it('saves the dossier', async () => {
    // Watch the whole save for the notice: it should appear and stay, but see the next test.
    await page.evaluate(() => {
      const flags = window as unknown as { saveNoticeSeen: boolean };
      flags.saveNoticeSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="save-notice"]')) flags.saveNoticeSeen = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('save-dossier').click();
    await expect.poll(() => hashOf(page)).toMatch(/^#\/dossiers\/(?!new$)[^/]+$/);
    dossierId = decodeURIComponent(hashOf(page).slice('#/dossiers/'.length));
    expect(dossierId).not.toBe('');
    // The saved dossier is shown as stored: its title, revision 1 as a draft, the same values and total.
    await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${UNIT_NAME}` }).waitFor();
    expect(await page.locator('.page-header p').textContent()).toBe('UBND cấp xã · Lần 1 · Nháp');
    expect(await page.locator('#indicator-overdueRatio').inputValue()).toBe('0,12');
    await expectHundredths(page.getByTestId('preview-total'), previewTotal);
    noticeSeenOnCreate = await page.evaluate(() => (window as unknown as { saveNoticeSeen: boolean }).saveNoticeSeen);

    // Saving the existing dossier again does show the notice.
    await page.getByTestId('save-dossier').click();
    await page.getByTestId('save-notice').waitFor();
    expect(await page.getByTestId('save-notice').textContent()).toBe('Đã lưu hồ sơ.');
    await expectHundredths(page.getByTestId('preview-total'), previewTotal);
    await shot(page, 'first-dossier-09-saved-vi');
  });

  it('shows the save notice after creating a dossier', () => {
    expect(noticeSeenOnCreate).toBe(true);
  });

  it('leaves the draft out of the ranking, then ranks it once its evidence is added and it is marked ready', async () => {
    const nav = page.locator('nav.main-nav');
    await nav.getByRole('link', { name: 'Xếp hạng' }).click();
    // A draft is counted beside the ranking, not in it.
    await page.getByTestId('unranked').waitFor();
    expect(await page.getByTestId('unranked').textContent()).toBe('Không đưa vào xếp hạng: 1 hồ sơ nháp và 0 hồ sơ bị trả lại (chỉ xếp hạng hồ sơ đã sẵn sàng hoặc đã nhận).');
    expect(await page.getByTestId(`ranking-total-${dossierId}`).count()).toBe(0);

    await page.goto(`${new URL(page.url()).origin}/#/dossiers/${encodeURIComponent(dossierId)}`);
    await page.getByTestId('attachment-input').setInputFiles([EVIDENCE]);
    await page.getByTestId('attachment-list').locator('li', { hasText: EVIDENCE.name }).waitFor();
    const markReady = page.getByTestId('mark-ready');
    await expect.poll(() => markReady.isEnabled()).toBe(true);
    await markReady.click();
    await page.getByTestId('back-to-draft').waitFor();
    expect(await page.locator('.page-header p').textContent()).toBe('UBND cấp xã · Lần 1 · Sẵn sàng');
  });

  it('ranks the dossier with the same total as the preview', async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Xếp hạng' }).click();
    const rankingTotal = page.getByTestId(`ranking-total-${dossierId}`);
    await rankingTotal.waitFor();
    expect(await hundredths(rankingTotal)).toBe(previewTotal);
    expect(await rankingTotal.textContent()).toBe('88,23');
    const row = page.locator(`tr[data-dossier="${dossierId}"]`);
    expect(await row.locator('td').first().textContent()).toBe('1');
    expect(await row.textContent()).toContain(UNIT_NAME);
    // The branch's official total is the council's: until a member's sheet counts, the self-assessment is shown, awaiting.
    expect(await page.getByTestId(`ranking-source-${dossierId}`).textContent()).toBe('Chờ Hội đồng chấm (0 phiếu)');
    expect(await page.getByTestId('awaiting-sheets').textContent()).toBe('Còn 1 hồ sơ chờ phiếu chấm của thành viên Hội đồng: chưa được đề xuất cho đến khi được chấm.');
    await shot(page, 'first-dossier-10-ranking-vi');
  });

  it('keeps the dossier and its total across a restart', async () => {
    await host?.stop();
    host = await startBrowserMode(data.dir);
    // A new tab: the old session belonged to the stopped process.
    await page.close();
    page = await context.newPage();
    await page.goto(host.url);
    await page.locator('#login-username').waitFor();
    await login(page, ADMIN.username, ADMIN.password);
    await page.locator('nav.main-nav').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    const count = page.getByTestId('dossier-count');
    await expect.poll(() => count.textContent()).toBe('1/1 hồ sơ');
    const row = page.getByTestId('dossier-table').locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').first().textContent()).toBe(UNIT_NAME);
    expect(await row.locator('td').nth(3).textContent()).toBe('88,23');
    await shot(page, 'first-dossier-11-dossiers-after-restart-vi');

    await page.locator('nav.main-nav').getByRole('link', { name: 'Xếp hạng' }).click();
    const rankingTotal = page.getByTestId(`ranking-total-${dossierId}`);
    await rankingTotal.waitFor();
    expect(await hundredths(rankingTotal)).toBe(previewTotal);
  });

  it('shows the same screens in English and remembers the choice', async () => {
    const nav = page.locator('nav.main-nav');
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Ranking' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId(`ranking-total-${dossierId}`).textContent()).toBe('88.23');
    await shot(page, 'first-dossier-12-ranking-en');

    await nav.getByRole('link', { name: 'Dossiers' }).click();
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe('1 of 1 dossiers');
    await shot(page, 'first-dossier-13-dossiers-en');

    await nav.getByRole('link', { name: 'Units' }).click();
    await page.getByRole('heading', { level: 1, name: 'Units' }).waitFor();
    expect(await page.locator('table tbody tr', { hasText: UNIT_NAME }).locator('td').nth(1).textContent()).toBe('Commune People’s Committee');
    await shot(page, 'first-dossier-14-units-en');

    await nav.getByRole('link', { name: 'Dossiers' }).click();
    await page.getByTestId('dossier-table').getByRole('link', { name: UNIT_NAME }).click();
    await page.getByRole('heading', { level: 1, name: `Dossier: ${UNIT_NAME}` }).waitFor();
    await expectHundredths(page.getByTestId('preview-total'), previewTotal);
    expect(await page.getByTestId('preview-eligibility').textContent()).toBe('Eligible');
    // The stored values come back as typed, decimals written with a comma.
    expect(await page.locator('#indicator-overdueRatio').inputValue()).toBe('0,12');
    expect(await page.locator('#self-participation').inputValue()).toBe('13,5');
    await shot(page, 'first-dossier-15-form-preview-en');

    // A reload keeps English (the installation and the browser both remember it).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Dossier: ${UNIT_NAME}` }).waitFor();
    // The branch installation's entries, in English (other council pages may sit among them).
    expect(await nav.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Dossiers', 'Ranking', 'Allocation', 'Units']));
    expect(await page.getByTestId('language-switch').inputValue()).toBe('en');

    await page.getByTestId('person-menu').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#login-username').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Sign in');
    await shot(page, 'first-dossier-16-login-en');
  });
});
