import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../../electron/cli';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { fakeIo } from '../integration/helpers';
import { buildIfStale, login, shot } from './helpers';

/**
 * Trust at the branch, as the people there meet it: the administrator makes accounts for a clerk and the council's
 * secretary; each signs in, chooses a password of their own, does their work, and sees in the activity log only what
 * they did; the administrator sees everyone's, checks the seals, exports the log; a clerk cannot do the council's work
 * even by forcing the call; the screen locks when left alone and keeps what was typed; backups are made and restored.
 */

const ADMIN = { fullName: 'Phạm Văn Quản', username: 'quantri', password: 'quan-tri-2025' };
const CLERK = { fullName: 'Nguyễn Thị Cán Bộ', username: 'can.bo', temporary: 'tam-thoi-can-bo', password: 'can-bo-rieng-1' };
const SECRETARY = { fullName: 'Lê Văn Thư Ký', username: 'thu.ky', temporary: 'tam-thoi-thu-ky', password: 'thu-ky-rieng-1' };

describe('accounts, roles and the activity log, in the browser', () => {
  const data = temporaryDataDir('tdcs-e2e-trust-');
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;

  const openPersonPage = async (name: 'audit' | 'accounts' | 'backups' | 'password') => {
    await page.getByTestId('person-menu').click();
    await page.getByTestId(`person-menu-${name}`).click();
  };
  const signOut = async () => {
    await page.getByTestId('person-menu').click();
    await page.getByTestId('sign-out').click();
    await page.locator('#login-username').waitFor();
  };
  /** A first sign-in with a temporary password: the person must choose their own before anything else. */
  const firstSignIn = async (person: typeof CLERK) => {
    await page.locator('#login-username').fill(person.username);
    await page.locator('#login-password').fill(person.temporary);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('password-form').waitFor();
    await page.locator('#password-current').fill(person.temporary);
    await page.locator('#password-new').fill(person.password);
    await page.locator('#password-again').fill(person.password);
    await page.getByTestId('password-submit').click();
    await page.locator('nav.main-nav').waitFor();
  };
  const auditActions = async () => page.getByTestId('audit-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
  const auditPeople = async () => page.getByTestId('audit-table').locator('tbody tr td:nth-child(3)').allTextContents();

  beforeAll(async () => {
    buildIfStale();
    const terminal = fakeIo(`${ADMIN.password}\n`);
    const code = await runCli(['--data-dir', data.dir, 'init', '--mode', 'branch', '--organisation', 'Chi nhánh NHCSXH tỉnh Tây Ninh', '--admin', ADMIN.username, '--full-name', ADMIN.fullName], terminal.io);
    expect(code).toBe(0);
    host = await startBrowserMode(data.dir);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    await page.clock.install();
    await page.goto(host.url);
    await page.locator('#login-username').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('the sign-in page states the lockout and idle rules', async () => {
    expect(await page.getByTestId('sign-in-rules').textContent()).toBe('Nhập sai mật khẩu 5 lần liên tiếp thì phải chờ 5 phút mới đăng nhập lại được. Màn hình tự khóa sau 15 phút không sử dụng.');
  });

  it('the administrator creates a clerk and the council’s secretary', async () => {
    await login(page, ADMIN.username, ADMIN.password);
    await openPersonPage('accounts');
    await page.getByTestId('accounts-table').waitFor();
    for (const [person, role] of [
      [CLERK, 'clerk'],
      [SECRETARY, 'secretary'],
    ] as const) {
      await page.getByTestId('account-add').click();
      await page.locator('#account-username').fill(person.username);
      await page.locator('#account-fullName').fill(person.fullName);
      await page.getByTestId(`role-${role}`).check();
      await page.locator('#account-password').fill(person.temporary);
      await page.locator('#account-again').fill(person.temporary);
      await page.getByTestId('account-create').click();
      await page.getByTestId(`account-${person.username}`).waitFor();
    }
    expect(await page.getByTestId('accounts-notice').textContent()).toBe(`Đã tạo tài khoản ${SECRETARY.username}. Hãy trao mật khẩu tạm cho người dùng.`);
    expect(await page.getByTestId(`account-${CLERK.username}`).textContent()).toContain('Phải đặt mật khẩu');
    await shot(page, 'trust-01-accounts-vi');
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await shot(page, 'trust-01-accounts-en');
    await page.getByTestId('language-switch').selectOption('vi');
    await signOut();
  });

  it('the clerk chooses a password, works, cannot do the council’s work, and sees only their own actions', async () => {
    await firstSignIn(CLERK);
    const nav = await page.locator('nav.main-nav').getByRole('link').allTextContents();
    expect(nav).not.toContain('Thang điểm');
    expect(nav).not.toContain('Đợt thi đua');
    await page.locator('nav.main-nav').getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.locator('#unit-name').fill('UBND xã Thạnh Bình');
    await page.locator('#unit-commune').fill('xã Thạnh Bình');
    await page.locator('form.side-form button[type=submit]').click();
    await page.locator('form.side-form [role=status]').waitFor();
    // Forcing the council's call from the page gets a refusal, in words.
    const forced = await page.evaluate(async () => {
      const session = sessionStorage.getItem('tdcs.session');
      const response = await fetch('./api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ call: 'campaigns.update', input: { year: 2025, deadline: '2026-02-01' }, session }) });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(forced).toEqual({ ok: false, error: { code: 'auth.forbidden' } });
    // Accounts and backups are not in the clerk's menu.
    await page.getByTestId('person-menu').click();
    expect(await page.getByTestId('person-menu-accounts').count()).toBe(0);
    expect(await page.getByTestId('person-menu-backups').count()).toBe(0);
    await page.getByTestId('person-menu-audit').click();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByText('Những việc bạn đã làm trong bản cài đặt này.').isVisible()).toBe(true);
    expect(new Set(await auditPeople())).toEqual(new Set([CLERK.username]));
    expect(await auditActions()).toEqual(['unit.created', 'auth.passwordChanged', 'auth.signedIn']);
    await shot(page, 'trust-02-audit-clerk-vi');
    await signOut();
  });

  it('the secretary changes the campaign’s deadline and sees only that', async () => {
    await firstSignIn(SECRETARY);
    await page.locator('nav.main-nav').getByRole('link', { name: 'Đợt thi đua', exact: true }).click();
    const deadline = page.getByTestId('campaign-deadline');
    await deadline.fill('15/01/2026');
    await page.getByRole('button', { name: 'Lưu quy định' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu' }).first().waitFor();
    await openPersonPage('audit');
    await page.getByTestId('audit-table').waitFor();
    expect(new Set(await auditPeople())).toEqual(new Set([SECRETARY.username]));
    expect((await auditActions())[0]).toBe('campaign.updated');
    await signOut();
  });

  it('the administrator sees everyone’s actions, filters by person, checks the seals and exports the log', async () => {
    await login(page, ADMIN.username, ADMIN.password);
    await openPersonPage('audit');
    await page.getByTestId('audit-table').waitFor();
    const people = new Set(await auditPeople());
    for (const name of [ADMIN.username, CLERK.username, SECRETARY.username]) expect(people.has(name), name).toBe(true);
    await page.getByTestId('audit-verify').click();
    expect(await page.getByTestId('audit-verify-result').textContent()).toMatch(/^Nhật ký nguyên vẹn: \d+ mục, mọi niêm phong đều khớp\.$/);
    await shot(page, 'trust-03-audit-admin-vi');

    await page.getByTestId('audit-person').selectOption({ label: `${CLERK.fullName} (${CLERK.username})` });
    await page.getByTestId('audit-filter').click();
    await expect.poll(async () => new Set(await auditPeople())).toEqual(new Set([CLERK.username]));
    const downloading = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^nhat-ky-thao-tac-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.startsWith('\ufeffSố,Thời gian,Người thực hiện')).toBe(true);
    expect(csv).toContain('Thêm đơn vị');
    expect(csv).not.toContain(SECRETARY.username);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { name: 'Activity log', level: 1 }).waitFor();
    await shot(page, 'trust-03-audit-admin-en');
    await page.getByTestId('language-switch').selectOption('vi');
  });

  it('the screen locks after the idle time and keeps what was being typed', async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.locator('#unit-name').fill('UBND xã Đang Nhập Dở');
    await page.clock.fastForward('16:00');
    await page.getByTestId('lock-screen').waitFor();
    await shot(page, 'trust-04-lock-screen-vi');
    await page.locator('#lock-password').fill('sai-mat-khau');
    await page.getByTestId('lock-unlock').click();
    await page.getByTestId('lock-screen').getByRole('alert').waitFor();
    await page.locator('#lock-password').fill(ADMIN.password);
    await page.getByTestId('lock-unlock').click();
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    expect(await page.locator('#unit-name').inputValue()).toBe('UBND xã Đang Nhập Dở');
  });

  it('backups: made now, what one holds shown before a restore, the restore done, everyone signs in again', async () => {
    await page.locator('#unit-name').fill('');
    await openPersonPage('backups');
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backups-notice').waitFor();
    const rows = page.getByTestId('backups-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const name = (await page.getByTestId('backups-table').locator('tbody tr').first().getAttribute('data-testid'))?.replace(/^backup-/, '') ?? '';
    expect(name).toMatch(/^tdcs-manual-/);
    await page.getByTestId(`restore-${name}`).click();
    await page.getByTestId('restore-panel').waitFor();
    expect(await page.getByTestId('restore-panel').textContent()).toContain('Chi nhánh NHCSXH tỉnh Tây Ninh');
    expect(await page.getByTestId('restore-confirm').isDisabled()).toBe(true);
    await shot(page, 'trust-05-backups-restore-vi');
    await page.getByTestId('restore-understood').check();
    await page.getByTestId('restore-confirm').click();
    await page.getByTestId('login-notice').waitFor();
    expect(await page.getByTestId('login-notice').textContent()).toMatch(/^Đã khôi phục\. Dữ liệu ngay trước đó được giữ trong bản tdcs-restore-/);
    await login(page, ADMIN.username, ADMIN.password);
  });
});
