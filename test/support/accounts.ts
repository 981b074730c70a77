import type { Core } from '../../electron/core';
import type { Role } from '../../shared/domain/account';

/**
 * Creates an account as the command line's operator would, signs in with its first password and changes it (a new
 * account must), and returns the signed-in session: how a person of that role starts using the application.
 */
export async function accountSession(core: Core, account: { username: string; fullName?: string; role: Role; password: string }): Promise<string> {
  const first = `${account.password}-lan-dau`;
  const created = await core.call({ call: 'users.create', input: { username: account.username, fullName: account.fullName ?? account.username, role: account.role, password: first }, session: null }, true);
  if (!created.ok) throw new Error(`users.create: ${created.error.code}`);
  const login = await core.call({ call: 'auth.login', input: { username: account.username, password: first }, session: null });
  if (!login.ok) throw new Error(`auth.login: ${login.error.code}`);
  const session = (login.value as { session: string }).session;
  const changed = await core.call({ call: 'auth.changePassword', input: { currentPassword: first, newPassword: account.password }, session });
  if (!changed.ok) throw new Error(`auth.changePassword: ${changed.error.code}`);
  return session;
}
