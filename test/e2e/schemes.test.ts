import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { DEMO_YEAR } from '../support/core';
import { temporaryDataDir } from '../support/data-dir';
import { buildIfStale, completeWizard, expectHundredths, hashOf, hundredths, login, shot } from './helpers';

/**
 * The council edits a scoring scheme: in preparation an edit is checked field by field, previewed on a
 * sample dossier as it is typed, and re-scores the dossiers when saved; once the campaign is open an
 * edit becomes version 2 and the dossiers move only when the council re-scores them; a closed
 * campaign's scheme can be read, not changed. A long scheme folds to its criteria' headings, and leaving with
 * unsaved edits asks first. The tests share one page and run in order.
 */

const ADMIN = { fullName: 'Trần Văn Bình', username: 'binh.tran', password: 'hoi-dong-2025' };
/** The scheme of commune People's Committees of the demo's year in progress: the demo's dossiers are scored with it. */
const SCHEME = `collective-${DEMO_YEAR}`;
const GROUP = 'capitalManagement';
const CHILD = 'loanPlan';
/** The scheme's first criterion, the only one open when the editor opens. */
const FIRST = 'participation';

describe('the scoring scheme editor', () => {
  const data = temporaryDataDir('tdcs-e2e-schemes-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let origin = '';
  let sampleId = '';
  let dossierCount = 0;
  /** The sample dossier's total before any edit, after the edit saved in preparation, and after version 2. */
  let original = 0;
  let afterPreparationEdit = 0;
  let afterVersionTwo = 0;

  const nav = () => page.locator('nav.main-nav');
  const maxOf = (criterion: string): Locator => page.getByTestId(`criterion-${criterion}`).getByLabel(/^(Điểm tối đa|Maximum \(points\))$/).first();
  const sampleTotal = () => page.getByTestId('sample-total');
  const foldButton = (code: string): Locator => page.getByTestId(`fold-${code}`);
  const expanded = async (code: string): Promise<boolean> => (await foldButton(code).getAttribute('aria-expanded')) === 'true';

  /** Opens a folded criterion (or condition) by its heading's button. */
  async function unfold(code: string): Promise<void> {
    if (!(await expanded(code))) await foldButton(code).click();
    await expect.poll(() => expanded(code)).toBe(true);
  }

  /** Whether closing the window now would ask first (the page refuses a plain unload). */
  const unloadRefused = () =>
    page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });

  /** Clicks a main menu entry while the editor has unsaved edits: the question must come first. */
  async function leaveBy(entry: string): Promise<Locator> {
    await nav().getByRole('link', { name: entry }).click();
    const dialog = page.getByTestId('unsaved-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    return dialog;
  }

  /** Replaces what a field holds by typing key by key, as a person does. */
  async function retype(field: Locator, text: string): Promise<void> {
    await field.fill('');
    await field.pressSequentially(text);
  }

  async function rankingTotal(dossierId: string): Promise<number> {
    // The address that names the dossier opens its row and scrolls the ranking to it.
    await page.goto(`${origin}/#/ranking/${encodeURIComponent(dossierId)}`);
    const total = page.getByTestId(`ranking-total-${dossierId}`);
    await total.waitFor();
    return hundredths(total);
  }

  /** Opens the editor with the group and the sub-criterion the tests edit unfolded. */
  async function openEditor(): Promise<void> {
    await page.goto(`${origin}/#/schemes/${SCHEME}`);
    await page.getByTestId('scheme-form').waitFor();
    await sampleTotal().waitFor();
    await unfold(GROUP);
    await unfold(CHILD);
  }

  async function schemesList(): Promise<void> {
    await nav().getByRole('link', { name: /^(Thang điểm|Scoring schemes)$/ }).click();
    await page.getByTestId(`scheme-${SCHEME}`).waitFor();
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

  it('lists the campaign’s schemes for the council, with versions, dossiers and the proposal note', async () => {
    if (!host) throw new Error('browser mode did not start');
    origin = host.origin;
    await page.goto(host.url);
    await completeWizard(page, { mode: 'branch', organisation: 'Chi nhánh NHCSXH tỉnh Tây Ninh', ...ADMIN, demo: true }, 60_000);
    await login(page, ADMIN.username, ADMIN.password);
    await expect.poll(() => nav().getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Thang điểm', 'Đợt thi đua']));

    await schemesList();
    expect(hashOf(page)).toBe('#/schemes');
    expect(await page.getByTestId('proposal-note').textContent()).toContain('đề xuất của Hội đồng');
    const card = page.getByTestId(`scheme-${SCHEME}`);
    expect(await card.textContent()).toContain('Áp dụng cho: UBND cấp xã');
    expect(await page.getByTestId(`scheme-version-${SCHEME}`).textContent()).toBe('1');
    dossierCount = Number(await page.getByTestId(`scheme-${SCHEME}-v1-dossiers`).textContent());
    expect(dossierCount).toBeGreaterThan(10);
    expect(await card.textContent()).toContain('Chưa có thay đổi');
    expect(await page.getByTestId(`rescore-${SCHEME}`).count()).toBe(0);
    await shot(page, 'schemes-01-list-vi');
  });

  it('opens with every criterion folded but the first; each folds and unfolds by its heading, from the keyboard too', async () => {
    await page.getByTestId(`edit-scheme-${SCHEME}`).click();
    await page.getByTestId('scheme-form').waitFor();
    expect(hashOf(page)).toBe(`#/schemes/${SCHEME}`);
    await sampleTotal().waitFor();
    expect(await expanded(FIRST)).toBe(true);
    expect(await expanded(GROUP)).toBe(false);
    // A folded criterion shows its name and maximum; its fields are not on the page.
    expect(await foldButton(GROUP).textContent()).toContain('2. Quản lý, kiểm tra, giám sát vốn');
    expect(await page.getByTestId(`criterion-${GROUP}`).locator('.fold-meta').textContent()).toBe('tối đa 20 điểm');
    expect(await maxOf(GROUP).count()).toBe(0);
    expect(await foldButton(GROUP).getAttribute('aria-controls')).toBe(`scheme-criteria-1-body`);
    await shot(page, 'schemes-01b-editor-folded-vi');

    // Enter and Space on the heading's button unfold and fold again.
    await foldButton(GROUP).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => expanded(GROUP)).toBe(true);
    expect(await maxOf(GROUP).inputValue()).toBe('20');
    // The group's own sub-criteria start folded.
    expect(await expanded(CHILD)).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(() => expanded(GROUP)).toBe(false);
    expect(await maxOf(GROUP).count()).toBe(0);

    // Expand all opens every criterion, sub-criteria included; collapse all folds them all.
    const criteria = page.locator('[data-list="criteria"]').getByRole('button', { expanded: false });
    await page.getByTestId('criteria-expand-all').click();
    await expect.poll(() => criteria.count()).toBe(0);
    expect(await expanded(CHILD)).toBe(true);
    expect(await page.getByTestId('criteria-expand-all').getAttribute('aria-label')).toBe('Mở rộng tất cả trong “Tiêu chí”');
    await page.getByTestId('criteria-collapse-all').click();
    await expect.poll(() => expanded(FIRST)).toBe(false);
    expect(await page.locator('[data-list="criteria"]').getByRole('button', { expanded: true }).count()).toBe(0);
    // The bonus criteria and the conditions fold the same way.
    expect(await page.getByTestId('bonus-expand-all').isVisible()).toBe(true);
    const gate = page.locator('[data-testid^="gate-"]').first();
    const gateButton = gate.getByRole('button', { expanded: false }).first();
    await gateButton.click();
    await expect.poll(() => gate.getByRole('button', { expanded: true }).count()).toBe(1);
    expect(await gate.getByLabel('Tên (tiếng Việt)').count()).toBe(1);
    await page.getByTestId('gates-collapse-all').click();
    await expect.poll(() => gate.getByLabel('Tên (tiếng Việt)').count()).toBe(0);
    // Nothing folded or unfolded is an edit.
    expect(await page.getByTestId('save-scheme').isDisabled()).toBe(true);
  });

  it('refuses a group maximum its sub-criteria cannot reach, at the field, in Vietnamese', async () => {
    await unfold(GROUP);
    await unfold(CHILD);
    sampleId = await page.getByTestId('sample-dossier').inputValue();
    expect(sampleId).not.toBe('');
    original = await hundredths(sampleTotal());
    expect(await hundredths(page.getByTestId('sample-saved-total'))).toBe(original);
    expect(await page.getByTestId('scheme-status-note').textContent()).toContain('đang chuẩn bị');

    const group = page.getByTestId(`criterion-${GROUP}`);
    expect(await maxOf(GROUP).inputValue()).toBe('20');
    await retype(maxOf(GROUP), '25');
    const message = 'Các tiêu chí con cộng lại được 20, ít hơn điểm tối đa của nhóm 25.';
    await group.getByText(message).first().waitFor();
    expect(await maxOf(GROUP).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('scheme-errors').textContent()).toContain(message);
    await shot(page, 'schemes-02-editor-error-vi');

    // Saving now is refused in the page; nothing is lost.
    await page.getByTestId('save-scheme').click();
    await page.getByText('Một số mục cần sửa; chưa lưu gì. Các thay đổi của bạn vẫn được giữ.').waitFor();
    expect(await maxOf(GROUP).inputValue()).toBe('25');
    expect(await page.getByTestId('scheme-saved').count()).toBe(0);

    // Folded, the criterion says it needs fixing; the link in the list of problems unfolds it and puts the focus there.
    await page.getByTestId('criteria-collapse-all').click();
    await expect.poll(() => expanded(GROUP)).toBe(false);
    expect(await page.getByTestId(`criterion-${GROUP}`).locator('.fold-heading .pill-bad').textContent()).toBe('Cần sửa');
    await page.getByTestId('scheme-errors').getByRole('button', { name: new RegExp(message) }).first().click();
    await expect.poll(() => expanded(GROUP)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('scheme-criteria-1-max');
    await unfold(CHILD);
  });

  it('scores the sample dossier again as the fix is typed', async () => {
    const child = maxOf(CHILD);
    expect(await child.inputValue()).toBe('10');
    await child.fill('');
    // An empty maximum gives no score rather than a wrong one.
    await expect.poll(() => sampleTotal().getAttribute('data-hundredths')).toBeNull();
    await child.pressSequentially('1');
    await expect.poll(() => hundredths(sampleTotal())).toBeLessThan(original);
    const withOne = await hundredths(sampleTotal());
    await child.pressSequentially('5');
    await expect.poll(() => hundredths(sampleTotal())).toBeGreaterThan(original);
    afterPreparationEdit = await hundredths(sampleTotal());
    expect(withOne).toBeLessThan(original);
    await expectHundredths(page.getByTestId('sample-difference'), afterPreparationEdit - original);
    // The sub-criteria reach 25 again: the message is gone everywhere.
    await expect.poll(() => page.getByTestId('scheme-errors').count()).toBe(0);
    expect(await maxOf(GROUP).getAttribute('aria-invalid')).toBeNull();
    await shot(page, 'schemes-03-editor-sample-vi');
  });

  it('asks before unsaved edits are lost; staying keeps the page and the edits', async () => {
    const stayed = async () => {
      expect(hashOf(page)).toBe(`#/schemes/${SCHEME}`);
      expect(await maxOf(GROUP).inputValue()).toBe('25');
      expect(await maxOf(CHILD).inputValue()).toBe('15');
      await expectHundredths(sampleTotal(), afterPreparationEdit);
    };
    // Another menu entry: the question names the scheme, in Vietnamese; the focus starts on “stay”.
    const dialog = await leaveBy('Xếp hạng');
    expect(await dialog.getByRole('heading').textContent()).toBe('Rời trang mà không lưu?');
    expect(await dialog.textContent()).toContain(`Thang điểm “Thang điểm UBND cấp xã ${DEMO_YEAR}” có thay đổi chưa được lưu. Nếu rời trang bây giờ, các thay đổi này sẽ bị mất.`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('unsaved-stay');
    await shot(page, 'schemes-03b-leave-unsaved-vi');
    await page.getByTestId('unsaved-stay').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await stayed();

    // The breadcrumb link, then Escape: the same.
    await page.getByRole('link', { name: '← Danh sách thang điểm' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await stayed();

    // A changed address (back, forward, typed): the address returns to the editor while the question is asked.
    await page.evaluate(() => {
      window.location.hash = '#/units';
    });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(hashOf(page)).toBe(`#/schemes/${SCHEME}`);
    await page.getByTestId('unsaved-stay').click();
    await stayed();

    // Closing or reloading the window asks through the browser's own dialog; dismissing it stays.
    const asked = new Promise<string>((resolve) => {
      page.once('dialog', (question) => {
        resolve(question.type());
        void question.dismiss();
      });
    });
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    await stayed();

    // Leaving after all: the edits are gone, as the person chose.
    await leaveBy('Xếp hạng');
    await page.getByTestId('unsaved-leave').click();
    await page.getByTestId('ranking-table').locator('tbody tr[data-dossier]').first().waitFor();
    expect(hashOf(page)).toBe('#/ranking');
    await openEditor();
    expect(await maxOf(GROUP).inputValue()).toBe('20');
    expect(await page.getByTestId('save-scheme').isDisabled()).toBe(true);
  });

  it('saves in preparation and re-scores every dossier, which the ranking shows', async () => {
    expect(await rankingTotal(sampleId)).toBe(original);
    await openEditor();
    // Nothing changed yet, nothing to save.
    expect(await page.getByTestId('save-scheme').isDisabled()).toBe(true);
    await retype(maxOf(GROUP), '25');
    await retype(maxOf(CHILD), '15');
    await expectHundredths(sampleTotal(), afterPreparationEdit);
    await page.getByTestId('save-scheme').click();
    const notice = page.getByTestId('scheme-saved');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(`Đã lưu; đã chấm lại ${dossierCount} hồ sơ.`);
    // Saved: leaving asks nothing any more.
    expect(await unloadRefused()).toBe(false);
    // The saved version is now the edited one: nothing differs any more.
    await expectHundredths(page.getByTestId('sample-saved-total'), afterPreparationEdit);
    await expectHundredths(page.getByTestId('sample-difference'), 0);

    expect(await rankingTotal(sampleId)).toBe(afterPreparationEdit);
    await schemesList();
    expect(await page.getByTestId(`scheme-version-${SCHEME}`).textContent()).toBe('1');
    const history = page.getByTestId(`scheme-history-${SCHEME}`);
    expect(await history.locator('tbody tr').count()).toBe(1);
    expect(await history.locator('tbody tr').first().textContent()).toContain('Sửa phiên bản 1');
    expect(await history.locator('tbody tr').first().textContent()).toContain(String(dossierCount));
  });

  it('once the campaign is open, an edit creates version 2 and the dossiers keep version 1', async () => {
    await nav().getByRole('link', { name: 'Đợt thi đua' }).click();
    await page.getByTestId('campaign-transition').click();
    await page.getByTestId('campaign-transition-confirm').click();
    await expect.poll(() => page.getByTestId('campaign-status').getAttribute('data-status')).toBe('open');

    await openEditor();
    expect(await page.getByTestId('scheme-status-note').textContent()).toContain('tạo phiên bản mới');
    await retype(maxOf(CHILD), '20');
    await retype(maxOf(GROUP), '30');
    await expect.poll(() => hundredths(sampleTotal())).toBeGreaterThan(afterPreparationEdit);
    afterVersionTwo = await hundredths(sampleTotal());
    await page.getByTestId('save-scheme').click();
    const notice = page.getByTestId('scheme-saved');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Đã tạo phiên bản 2; các hồ sơ giữ phiên bản 1 cho đến khi được chấm lại.');
    await shot(page, 'schemes-04-version-2-saved-vi');

    // The ranking still uses version 1.
    expect(await rankingTotal(sampleId)).toBe(afterPreparationEdit);
  });

  it('offers to re-score the dossiers on version 1, asks first, and moves them', async () => {
    await schemesList();
    expect(await page.getByTestId(`scheme-version-${SCHEME}`).textContent()).toBe('2');
    expect(Number(await page.getByTestId(`scheme-${SCHEME}-v1-dossiers`).textContent())).toBe(dossierCount);
    expect(Number(await page.getByTestId(`scheme-${SCHEME}-v2-dossiers`).textContent())).toBe(0);
    expect(await page.getByTestId(`scheme-history-${SCHEME}`).locator('tbody tr').first().textContent()).toContain('Tạo phiên bản 2 từ phiên bản 1');
    const rescore = page.getByTestId(`rescore-${SCHEME}`);
    expect(await rescore.textContent()).toBe(`Chấm lại ${dossierCount} hồ sơ theo phiên bản 2`);
    // The top of the list says which scheme needs it, and takes the keyboard there.
    const attention = page.getByTestId('rescore-attention');
    expect(await attention.textContent()).toContain(`Thang điểm UBND cấp xã ${DEMO_YEAR}: ${dossierCount} hồ sơ cần chấm lại theo phiên bản 2`);
    await attention.getByRole('button').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`rescore-${SCHEME}`);

    // Cancelling changes nothing.
    await rescore.click();
    const dialog = page.getByTestId(`rescore-${SCHEME}-dialog`);
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`${dossierCount} hồ sơ đang chấm theo phiên bản cũ`);
    await shot(page, 'schemes-05-rescore-confirm-vi');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(Number(await page.getByTestId(`scheme-${SCHEME}-v1-dossiers`).textContent())).toBe(dossierCount);

    await rescore.click();
    await page.getByTestId(`rescore-${SCHEME}-confirm`).click();
    const done = page.getByTestId('rescore-done');
    await done.waitFor();
    expect(await done.textContent()).toBe(`Đã chấm lại ${dossierCount} hồ sơ theo phiên bản 2.`);
    // The button is gone with its work done; the keyboard focus is on what it did.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('rescore-done');
    await expect.poll(async () => Number(await page.getByTestId(`scheme-${SCHEME}-v2-dossiers`).textContent())).toBe(dossierCount);
    expect(Number(await page.getByTestId(`scheme-${SCHEME}-v1-dossiers`).textContent())).toBe(0);
    expect(await page.getByTestId(`rescore-${SCHEME}`).count()).toBe(0);
    expect(await page.getByTestId('rescore-attention').count()).toBe(0);
    expect(await page.getByTestId(`scheme-history-${SCHEME}`).locator('tbody tr').first().textContent()).toContain('Chấm lại hồ sơ theo phiên bản 2');
    await shot(page, 'schemes-06-list-rescored-vi');

    expect(await rankingTotal(sampleId)).toBe(afterVersionTwo);
  });

  it('shows the list and the editor in English', async () => {
    await schemesList();
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { name: 'Scoring schemes', level: 1 }).waitFor();
    expect(await page.getByTestId('proposal-note').textContent()).toContain('council’s proposal');
    await shot(page, 'schemes-07-list-en');
    await openEditor();
    await retype(maxOf(GROUP), '35');
    await page.getByTestId(`criterion-${GROUP}`).getByText('The sub-criteria add up to 30, less than the group’s maximum 35.').first().waitFor();
    await shot(page, 'schemes-08-editor-error-en');
    expect(await unloadRefused()).toBe(true);
    await page.getByRole('button', { name: 'Undo unsaved changes' }).click();
    await expect.poll(() => maxOf(GROUP).inputValue()).toBe('30');
    // Undone: nothing to lose, nothing asked.
    expect(await unloadRefused()).toBe(false);
    await page.getByTestId('criteria-collapse-all').click();
    await expect.poll(() => expanded(GROUP)).toBe(false);
    expect(await page.getByTestId('criteria-expand-all').textContent()).toBe('Expand all');
    expect(await page.getByTestId(`criterion-${GROUP}`).locator('.fold-meta').textContent()).toBe('max 30 points');
    await shot(page, 'schemes-08b-editor-folded-en');
    // While the question is asked in English too.
    await unfold(GROUP);
    await retype(maxOf(GROUP), '35');
    const dialog = await leaveBy('Ranking');
    expect(await dialog.textContent()).toContain(`The scheme “Commune People’s Committee scheme ${DEMO_YEAR}” has changes that are not saved.`);
    expect(await page.getByTestId('unsaved-leave').textContent()).toBe('Leave without saving');
    await shot(page, 'schemes-08c-leave-unsaved-en');
    await page.getByTestId('unsaved-stay').click();
    await page.getByRole('button', { name: 'Undo unsaved changes' }).click();
    await expect.poll(() => maxOf(GROUP).inputValue()).toBe('30');
    await page.getByTestId('language-switch').selectOption('vi');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('can be driven from the keyboard: a new criterion is added, named and moved without the mouse', async () => {
    await openEditor();
    const add = page.locator('#scheme-criteria-add');
    await add.focus();
    await page.keyboard.press('Enter');
    // The new criterion's first field takes the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^scheme-criteria-\d+-label-vi$/);
    const id = (await page.evaluate(() => document.activeElement?.id)) ?? '';
    const index = Number(/criteria-(\d+)-/.exec(id)?.[1]);
    await page.keyboard.type('Tiêu chí thử');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Trial criterion');
    const up = page.locator(`#scheme-criteria-${index}-up`);
    await up.focus();
    await page.keyboard.press('Enter');
    // The moved criterion keeps the focus on its own button, one place higher.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`scheme-criteria-${index - 1}-up`);
    expect(await page.locator(`#scheme-criteria-${index - 1}-label-vi`).inputValue()).toBe('Tiêu chí thử');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`scheme-criteria-${index - 1}-remove`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`#scheme-criteria-${index}-label-vi`).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('scheme-criteria-add');
  });

  it('keeps unsaved edits when the save is refused because the campaign was closed meanwhile', async () => {
    if (!host) throw new Error('browser mode did not start');
    await openEditor();
    await retype(page.locator('#scheme-minTotal'), '65');
    // Meanwhile the secretary closes the campaign from another window.
    const other = await page.context().newPage();
    await other.goto(host.url);
    await login(other, ADMIN.username, ADMIN.password);
    await other.goto(`${origin}/#/campaign`);
    await other.getByTestId('campaign-transition').click();
    await other.getByTestId('campaign-transition-confirm').click();
    await expect.poll(() => other.getByTestId('campaign-status').getAttribute('data-status')).toBe('closed');
    await other.close();

    await page.getByTestId('save-scheme').click();
    const refused = page.getByTestId('closed-meanwhile');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(`Đợt thi đua năm ${DEMO_YEAR} vừa được kết thúc: chưa lưu gì. Các thay đổi của bạn vẫn hiện trên màn hình; hãy mở lại đợt thi đua để lưu.`);
    expect(await page.locator('#scheme-minTotal').inputValue()).toBe('65');
    expect(await page.getByTestId('scheme-saved').count()).toBe(0);
    // The editor learns the campaign is closed: read-only now, with the edit still on screen.
    await expect.poll(() => page.getByTestId('scheme-status-note').textContent()).toContain('đã kết thúc');
    expect(await page.locator('#scheme-minTotal').isDisabled()).toBe(true);
    expect(await page.locator('#scheme-minTotal').inputValue()).toBe('65');
    await shot(page, 'schemes-09-save-refused-vi');
  });

  it('is read-only once the campaign is closed', async () => {
    // The refused edit is still on screen, unsaved: reloading asks first, and the person agrees.
    const asked = new Promise<string>((resolve) => {
      page.once('dialog', (question) => {
        resolve(question.type());
        void question.accept();
      });
    });
    await page.reload();
    expect(await asked).toBe('beforeunload');
    await page.getByTestId('scheme-form').waitFor();
    // Folding still works when nothing can be changed.
    await unfold(GROUP);
    expect(await page.getByTestId('scheme-status-note').textContent()).toContain('đã kết thúc');
    expect(await page.getByTestId('save-scheme').count()).toBe(0);
    expect(await maxOf(GROUP).isDisabled()).toBe(true);
    expect(await page.locator('#scheme-label-vi').isDisabled()).toBe(true);
    expect(await page.locator('#scheme-minTotal').inputValue()).toBe('70');
    expect(await page.locator('#scheme-criteria-add').count()).toBe(0);
    // The sample still scores, for reading.
    await expectHundredths(sampleTotal(), afterVersionTwo);
    await page.getByTestId('scheme-indicators').locator('summary').click();
    await shot(page, 'schemes-10-editor-closed-vi');

    await schemesList();
    expect(await page.getByTestId(`edit-scheme-${SCHEME}`).textContent()).toBe('Xem thang điểm');
  });
});
