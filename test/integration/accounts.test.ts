import { scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { SCRYPT } from '../../electron/services/accounts';
import type { Account } from '../../shared/domain/account';
import { ADMIN, setUpCore } from '../support/core';
import { fakeIo, rawCall, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

async function tdcs(argv: string[], stdin = '') {
  const terminal = fakeIo(stdin);
  const code = await runCli(argv, terminal.io);
  return { code, out: terminal.out.join('\n'), err: terminal.err.join('\n') };
}

describe('accounts', () => {
  let installation: Installation | null = null;
  afterEach(() => {
    installation?.close();
    installation = null;
  });

  it('the administrator creates an account; its owner must choose a password at the first sign-in', async () => {
    const opened = await setUpCore({ mode: 'branch' });
    installation = opened;
    const created = await opened.call('users.create', { username: 'lan.nguyen', fullName: 'Nguyễn Thị Lan', role: 'secretary', password: 'tam-thoi-2025' });
    expect(created).toMatchObject({ username: 'lan.nguyen', role: 'secretary', disabled: false, mustChangePassword: true, lastSignInAt: null });
    expect((await opened.errorOf('users.create', { username: 'LAN.NGUYEN', fullName: 'Người khác', role: 'clerk', password: 'tam-thoi-2025' })).code).toBe('user.usernameTaken');

    const login = await rawCall(opened.core, 'auth.login', { username: 'lan.nguyen', password: 'tam-thoi-2025' });
    expect(login).toMatchObject({ ok: true, value: { mustChangePassword: true, user: { role: 'secretary' } } });
    const session = login.ok ? (login.value as { session: string }).session : null;
    expect(await rawCall(opened.core, 'campaigns.get', { year: 2025 }, session)).toEqual({ ok: false, error: { code: 'auth.passwordChangeRequired' } });
    expect(await rawCall(opened.core, 'auth.changePassword', { currentPassword: 'sai', newPassword: 'mat-khau-rieng' }, session)).toEqual({ ok: false, error: { code: 'auth.wrongPassword' } });
    expect(await rawCall(opened.core, 'auth.changePassword', { currentPassword: 'tam-thoi-2025', newPassword: 'tam-thoi-2025' }, session)).toEqual({ ok: false, error: { code: 'auth.samePassword' } });
    expect((await rawCall(opened.core, 'auth.changePassword', { currentPassword: 'tam-thoi-2025', newPassword: 'mat-khau-rieng' }, session)).ok).toBe(true);
    expect((await rawCall(opened.core, 'campaigns.get', { year: 2025 }, session)).ok).toBe(true);
    const listed = (await opened.call('users.list', {})).find((account) => account.username === 'lan.nguyen') as Account;
    expect(listed.mustChangePassword).toBe(false);
    expect(listed.lastSignInAt).not.toBeNull();
  });

  it('changing a role takes effect on the next call; disabling ends the sessions; a reset asks for a new password', async () => {
    const opened = await setUpCore({ mode: 'branch' });
    installation = opened;
    const account = await opened.call('users.create', { username: 'minh.tran', fullName: 'Trần Văn Minh', role: 'secretary', password: 'tam-thoi-2025' });
    const first = await rawCall(opened.core, 'auth.login', { username: 'minh.tran', password: 'tam-thoi-2025' });
    const session = first.ok ? (first.value as { session: string }).session : null;
    await rawCall(opened.core, 'auth.changePassword', { currentPassword: 'tam-thoi-2025', newPassword: 'cua-minh-2025' }, session);
    expect((await rawCall(opened.core, 'campaigns.update', { year: 2025, deadline: '2026-01-12' }, session)).ok).toBe(true);

    await opened.call('users.update', { id: account.id, fullName: 'Trần Văn Minh', role: 'viewer' });
    expect(await rawCall(opened.core, 'campaigns.update', { year: 2025, deadline: '2026-01-13' }, session)).toEqual({ ok: false, error: { code: 'auth.forbidden' } });

    await opened.call('users.setDisabled', { id: account.id, disabled: true });
    expect(await rawCall(opened.core, 'campaigns.get', { year: 2025 }, session)).toEqual({ ok: false, error: { code: 'auth.required' } });
    expect(await rawCall(opened.core, 'auth.login', { username: 'minh.tran', password: 'cua-minh-2025' })).toMatchObject({ ok: false, error: { code: 'auth.badCredentials' } });

    await opened.call('users.setDisabled', { id: account.id, disabled: false });
    const reset = await opened.call('users.resetPassword', { id: account.id, password: 'tam-thoi-moi-1' });
    expect(reset.mustChangePassword).toBe(true);
    expect(await rawCall(opened.core, 'auth.login', { username: 'minh.tran', password: 'cua-minh-2025' })).toMatchObject({ ok: false, error: { code: 'auth.badCredentials' } });
    expect(await rawCall(opened.core, 'auth.login', { username: 'minh.tran', password: 'tam-thoi-moi-1' })).toMatchObject({ ok: true, value: { mustChangePassword: true } });
  });

  it('there is always an administrator who can sign in; no one disables their own account', async () => {
    const opened = await setUpCore();
    installation = opened;
    const admin = (await opened.call('users.list', {}))[0] as Account;
    expect((await opened.errorOf('users.update', { id: admin.id, fullName: admin.fullName, role: 'clerk' })).code).toBe('user.lastAdmin');
    expect((await opened.errorOf('users.setDisabled', { id: admin.id, disabled: true })).code).toBe('user.self');
    const second = await opened.call('users.create', { username: 'quantri2', fullName: 'Quản trị hai', role: 'admin', password: 'tam-thoi-2025' });
    // Now the first can step down; the second, the last one left, cannot be disabled.
    expect((await opened.call('users.update', { id: admin.id, fullName: admin.fullName, role: 'clerk' })).role).toBe('clerk');
    expect((await rawCall(opened.core, 'users.setDisabled', { id: second.id, disabled: true }, null, true))).toEqual({ ok: false, error: { code: 'user.lastAdmin' } });
  });

  it('a password hashed with yesterday’s cost is re-hashed with today’s at the next sign-in', async () => {
    const opened = await setUpCore();
    installation = opened;
    const salt = Buffer.alloc(16, 7);
    const weak = ['scrypt', 16384, 8, 1, salt.toString('base64'), scryptSync(ADMIN.password, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
    withDatabase(opened.dataDir, (db) => db.prepare('UPDATE users SET password_hash = ?').run(weak), { readonly: false });
    expect((await rawCall(opened.core, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    const stored = withDatabase(opened.dataDir, (db) => (db.prepare('SELECT password_hash FROM users').get() as { password_hash: string }).password_hash);
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(SCRYPT.N), String(SCRYPT.r), String(SCRYPT.p)]);
    expect((await rawCall(opened.core, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
  });

  it('the lockout rule is a setting, shown before signing in', async () => {
    const opened = await setUpCore();
    installation = opened;
    expect(await rawCall(opened.core, 'auth.settings', {})).toEqual({ ok: true, value: { maxFailedSignIns: 5, lockMinutes: 5, idleLockMinutes: 15 } });
    await opened.call('security.update', { maxFailedSignIns: 3, lockMinutes: 10, idleLockMinutes: 5, backupKeepLast: 10, backupKeepMonths: 12 });
    for (const remaining of [2, 1]) {
      expect(await rawCall(opened.core, 'auth.login', { username: ADMIN.username, password: 'sai' })).toEqual({ ok: false, error: { code: 'auth.badCredentials', params: { remaining } } });
    }
    expect(await rawCall(opened.core, 'auth.login', { username: ADMIN.username, password: 'sai' })).toEqual({ ok: false, error: { code: 'auth.locked', params: { minutes: 10 } } });
  });

  it('the command line manages accounts, reading passwords from standard input', async () => {
    const opened = await setUpCore({ mode: 'branch' });
    installation = opened;
    opened.core.close();
    const base = ['--data-dir', opened.dataDir, '--lang', 'vi'];
    const added = await tdcs([...base, 'users', 'add', '--username', 'hoa.le', '--role', 'councilMember', '--full-name', 'Lê Thị Hoa'], 'tam-thoi-hoa-1\n');
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toBe('Đã tạo tài khoản “hoa.le” (Thành viên Hội đồng); người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.');
    expect((await tdcs([...base, 'users', 'add', '--username', 'x.y', '--role', 'boss'], 'abcdefgh\n')).code).toBe(2);
    expect((await tdcs([...base, 'users', 'add', '--username', 'x.y', '--role', 'clerk'], '')).code).toBe(2);
    const listed = await tdcs([...base, 'users', 'list']);
    expect(listed.out.split('\n')).toEqual([`admin  ${ADMIN.fullName}  Quản trị viên  Đang hoạt động`, 'hoa.le  Lê Thị Hoa  Thành viên Hội đồng  Phải đặt mật khẩu']);
    expect((await tdcs([...base, 'users', 'disable', 'hoa.le'])).out).toBe('Đã khóa tài khoản “hoa.le”.');
    expect((await tdcs([...base, 'users', 'disable', 'khong.co'])).err).toBe('tdcs: không có tài khoản “khong.co”');
    expect((await tdcs([...base, 'users', 'enable', 'hoa.le'])).code).toBe(0);
    expect((await tdcs([...base, 'users', 'reset-password', 'hoa.le'], 'moi-tam-thoi-2\n')).out).toBe('Đã đặt mật khẩu tạm cho “hoa.le”; phải đổi ở lần đăng nhập tới.');
    const json = JSON.parse((await tdcs([...base, 'users', 'list', '--json'])).out) as Account[];
    expect(json.map((account) => [account.username, account.role, account.mustChangePassword])).toEqual([
      ['admin', 'admin', false],
      ['hoa.le', 'councilMember', true],
    ]);
    expect(JSON.stringify(json)).not.toContain('scrypt');
  });
});
