import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, roleMay } from '../../shared/contract/access';
import { contract, type CallName } from '../../shared/contract/calls';
import type { CallResponse } from '../../shared/contract/envelope';
import { ROLES, type Role } from '../../shared/domain/account';
import { accountSession } from '../support/accounts';
import { ADMIN, setUpCore } from '../support/core';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

const CALLS = Object.keys(contract) as CallName[];
/** Calls that end or lock the session that makes them: each gets a session of its own. */
const ENDS_SESSION = new Set<CallName>(['auth.logout', 'auth.lock']);

const refusedCodes = new Set(['auth.forbidden', 'auth.required']);

describe('the access table, enforced by the core for every call of the contract', () => {
  let branch: Installation;
  const sessions = new Map<Role, string>();
  const passwords = new Map<Role, string>();

  async function sessionFor(role: Role): Promise<string> {
    if (role === 'admin') return (await branch.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;
    const response = await branch.core.call({ call: 'auth.login', input: { username: `nguoi.${role}`, password: passwords.get(role) ?? '' }, session: null });
    if (!response.ok) throw new Error(`${role}: ${response.error.code}`);
    return (response.value as { session: string }).session;
  }

  beforeAll(async () => {
    branch = await setUpCore({ mode: 'branch' });
    for (const role of ROLES) {
      if (role === 'admin') continue;
      passwords.set(role, `mat-khau-${role}-2025`);
      sessions.set(role, await accountSession(branch.core, { username: `nguoi.${role}`, fullName: `Người ${role}`, role, password: passwords.get(role) ?? '' }));
    }
    sessions.set('admin', await sessionFor('admin'));
  }, 120_000);

  afterAll(() => branch.close());

  it('has exactly one entry for every call of the contract', () => {
    expect(Object.keys(ACCESS).sort()).toEqual([...CALLS].sort());
  });

  it('refuses every call but the public ones without a session (the command line’s own as forbidden), before reading its input', async () => {
    for (const name of CALLS) {
      const response = await branch.core.call({ call: name, input: { unexpected: true }, session: null });
      if (ACCESS[name] === 'public') expect(response, name).not.toEqual({ ok: false, error: { code: 'auth.required' } });
      // The command line's own calls are no one's to make through a session: signing in would not help.
      else if (ACCESS[name] === 'operator') expect(response, name).toEqual({ ok: false, error: { code: 'auth.forbidden' } });
      else expect(response, name).toEqual({ ok: false, error: { code: 'auth.required' } });
    }
  });

  for (const role of ROLES) {
    it(`answers every call as the table says for a ${role}`, async () => {
      const mismatches: string[] = [];
      for (const name of CALLS) {
        const session = ENDS_SESSION.has(name) ? await sessionFor(role) : (sessions.get(role) ?? null);
        // An input the schema refuses: an allowed call answers call.invalidInput (or works), a refused one auth.forbidden.
        const response: CallResponse = await branch.core.call({ call: name, input: { unexpected: true }, session });
        const refused = !response.ok && refusedCodes.has(response.error.code);
        if (refused !== !roleMay(ACCESS[name], role)) mismatches.push(`${name}: ${JSON.stringify(response).slice(0, 120)}`);
        if (refused && response.ok === false) expect(response.error.code, name).toBe('auth.forbidden');
      }
      expect(mismatches).toEqual([]);
    }, 120_000);
  }

  it('a locked session answers only the unlock, and a session that must change its password only that change', async () => {
    const clerk = await sessionFor('clerk');
    expect((await branch.core.call({ call: 'auth.lock', input: {}, session: clerk })).ok).toBe(true);
    expect(await branch.core.call({ call: 'dossiers.list', input: { campaignYear: 2025 }, session: clerk })).toEqual({ ok: false, error: { code: 'auth.sessionLocked' } });
    expect(await branch.core.call({ call: 'auth.unlock', input: { password: 'not-it' }, session: clerk })).toMatchObject({ ok: false, error: { code: 'auth.badCredentials' } });
    expect((await branch.core.call({ call: 'auth.unlock', input: { password: passwords.get('clerk') }, session: clerk })).ok).toBe(true);
    expect((await branch.core.call({ call: 'dossiers.list', input: { campaignYear: 2025 }, session: clerk })).ok).toBe(true);

    const admin = sessions.get('admin') ?? null;
    const created = await branch.core.call({ call: 'users.create', input: { username: 'moi.vao', fullName: 'Trần Văn Mới', role: 'clerk', password: 'tam-thoi-123' }, session: admin });
    expect(created.ok).toBe(true);
    const login = await branch.core.call({ call: 'auth.login', input: { username: 'moi.vao', password: 'tam-thoi-123' }, session: null });
    expect(login).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    const fresh = login.ok ? (login.value as { session: string }).session : null;
    expect(await branch.core.call({ call: 'dossiers.list', input: { campaignYear: 2025 }, session: fresh })).toEqual({ ok: false, error: { code: 'auth.passwordChangeRequired' } });
    expect((await branch.core.call({ call: 'auth.changePassword', input: { currentPassword: 'tam-thoi-123', newPassword: 'cua-rieng-toi-1' }, session: fresh })).ok).toBe(true);
    expect((await branch.core.call({ call: 'dossiers.list', input: { campaignYear: 2025 }, session: fresh })).ok).toBe(true);
  }, 60_000);
});
