import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import type { AppStatus, LoginResult } from '../../shared/contract/calls';
import { COLLECTIVE_KINDS, INDIVIDUAL_KINDS } from '../../shared/domain/kinds';
import { defaultSchemes2025 } from '../../shared/scoring/schemes';
import { ADMIN, setUpCore } from '../support/core';
import { countRows, rawCall, tableRows, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

describe('set-up and accounts', () => {
  let installation: Installation | null = null;
  afterEach(() => {
    installation?.close();
    installation = null;
  });

  it('a fresh installation is not set up until an administrator initialises it', async () => {
    installation = await setUpCore({ initialise: false });
    const before = await installation.call('app.status', {});
    expect(before.initialised).toBe(false);
    expect(before.mode).toBeNull();

    const status = await installation.call('setup.initialise', {
      mode: 'office',
      organisationName: '  Phòng giao dịch NHCSXH Tân Biên  ',
      admin: { username: 'quantri', fullName: 'Trần Thị Hạnh', password: 'mot-mat-khau-dai' },
      language: 'vi',
      loadDemo: false,
    });
    expect(status).toMatchObject<Partial<AppStatus>>({
      initialised: true,
      mode: 'office',
      organisationName: 'Phòng giao dịch NHCSXH Tân Biên',
      language: 'vi',
      currentCampaignYear: 2025,
      dataDir: installation.dataDir,
    });

    const users = tableRows(installation.dataDir, 'users') as { username: string; role: string; full_name: string }[];
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ username: 'quantri', role: 'admin', full_name: 'Trần Thị Hạnh' });

    const login = await rawCall(installation.core, 'auth.login', { username: 'quantri', password: 'mot-mat-khau-dai' });
    expect(login.ok).toBe(true);
    const session = login.ok ? (login.value as LoginResult).session : null;
    const campaign = await rawCall(installation.core, 'campaigns.get', { year: 2025 }, session);
    expect(campaign.ok).toBe(true);
    if (!campaign.ok) return;
    expect(campaign.value).toMatchObject({ year: 2025, status: 'preparation', deadline: '2026-01-10' });
    const schemes = (campaign.value as { schemes: { id: string; kinds: string[] }[] }).schemes;
    // One scheme for every nominee kind, each under the campaign's own id.
    expect(schemes.map((scheme) => scheme.id).sort()).toEqual(defaultSchemes2025.map((scheme) => scheme.id).sort());
    expect(schemes.flatMap((scheme) => scheme.kinds).sort()).toEqual([...COLLECTIVE_KINDS, ...INDIVIDUAL_KINDS].sort());
  });

  it('a second initialise is refused with setup.alreadyDone and changes nothing', async () => {
    installation = await setUpCore();
    const statusBefore = await installation.call('app.status', {});
    const settingsBefore = tableRows(installation.dataDir, 'settings');
    const usersBefore = tableRows(installation.dataDir, 'users');
    const countsBefore = countRows(installation.dataDir);

    const error = await installation.errorOf('setup.initialise', {
      mode: 'branch',
      organisationName: 'Chi nhánh giả mạo',
      admin: { username: 'intruder', fullName: 'Kẻ Lạ', password: 'intruder-password' },
      language: 'en',
      loadDemo: true,
    });
    expect(error.code).toBe('setup.alreadyDone');

    expect(await installation.call('app.status', {})).toEqual(statusBefore);
    expect(tableRows(installation.dataDir, 'settings')).toEqual(settingsBefore);
    expect(tableRows(installation.dataDir, 'users')).toEqual(usersBefore);
    expect(countRows(installation.dataDir)).toEqual(countsBefore);
    const intruder = await rawCall(installation.core, 'auth.login', { username: 'intruder', password: 'intruder-password' });
    expect(intruder).toEqual({ ok: false, error: { code: 'auth.badCredentials', params: { remaining: 4 } } });
  });

  it('a wrong password and an unknown user get the same auth.badCredentials', async () => {
    installation = await setUpCore();
    const wrongPassword = await rawCall(installation.core, 'auth.login', { username: ADMIN.username, password: 'not-the-password' });
    const unknownUser = await rawCall(installation.core, 'auth.login', { username: 'khong-ton-tai', password: ADMIN.password });
    // The same answer, and the same count of tries left, whether the account exists or not.
    expect(wrongPassword).toEqual({ ok: false, error: { code: 'auth.badCredentials', params: { remaining: 4 } } });
    expect(unknownUser).toEqual({ ok: false, error: { code: 'auth.badCredentials', params: { remaining: 4 } } });

    const right = await rawCall(installation.core, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(right.ok).toBe(true);
    if (right.ok) expect((right.value as LoginResult).user).toMatchObject({ username: ADMIN.username, role: 'admin', fullName: ADMIN.fullName });
  });

  it('after five wrong passwords the name is locked for a while, even for the right password, and a restart does not lift it', async () => {
    installation = await setUpCore();
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect(await rawCall(installation.core, 'auth.login', { username: ADMIN.username, password: `sai-${attempt}` })).toEqual({ ok: false, error: { code: 'auth.badCredentials', params: { remaining: 4 - attempt } } });
    }
    // The fifth wrong password says at once how long to wait.
    expect(await rawCall(installation.core, 'auth.login', { username: ADMIN.username, password: 'sai-4' })).toEqual({ ok: false, error: { code: 'auth.locked', params: { minutes: 5 } } });
    const locked = await rawCall(installation.core, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(locked).toEqual({ ok: false, error: { code: 'auth.locked', params: { minutes: 5 } } });
    installation.reopen();
    expect(await rawCall(installation.core, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).toEqual({ ok: false, error: { code: 'auth.locked', params: { minutes: 5 } } });
  });

  it('calls that need a user answer auth.required without a session, with a forged one, and after logout', async () => {
    installation = await setUpCore();
    const unitsBefore = countRows(installation.dataDir).units;
    const unit = { name: 'UBND xã Tân Lập', kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Tân Lập', parentOfficeId: null };

    for (const [call, input] of [
      ['units.list', {}],
      ['units.create', unit],
      ['dossiers.list', { campaignYear: 2025 }],
      ['ranking.get', { campaignYear: 2025, group: 'collective' }],
      ['campaigns.get', { year: 2025 }],
      ['demo.load', {}],
      ['auth.logout', {}],
    ] as const) {
      expect(await rawCall(installation.core, call, input, null), call).toEqual({ ok: false, error: { code: 'auth.required' } });
      expect(await rawCall(installation.core, call, input, 'forged-session-token'), call).toEqual({ ok: false, error: { code: 'auth.required' } });
    }

    const login = await rawCall(installation.core, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const session = login.ok ? (login.value as LoginResult).session : null;
    expect((await rawCall(installation.core, 'units.list', {}, session)).ok).toBe(true);
    expect(await rawCall(installation.core, 'auth.logout', {}, session)).toEqual({ ok: true, value: null });
    expect(await rawCall(installation.core, 'units.create', unit, session)).toEqual({ ok: false, error: { code: 'auth.required' } });
    expect(countRows(installation.dataDir).units).toBe(unitsBefore);
  });

  it('a path the page made up is refused: only the command line, or a file a person chose in a dialog, may be named', async () => {
    const opened = await setUpCore();
    installation = opened;
    const session = (await opened.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;
    const dataDir = opened.dataDir;
    const target = join(dataDir, 'not-chosen.sqlite');
    // Browser mode vouches for no path at all; a desktop window only for what its dialogs returned.
    expect(await opened.core.call({ call: 'backup.create', input: { to: target }, session })).toEqual({ ok: false, error: { code: 'path.notChosen' } });
    expect(await opened.core.call({ call: 'backup.create', input: { to: target }, session }, { paths: (path) => path === join(dataDir, 'chosen.sqlite') })).toEqual({
      ok: false,
      error: { code: 'path.notChosen' },
    });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    const chosen = await opened.core.call({ call: 'backup.create', input: { to: join(dataDir, 'chosen.sqlite') }, session }, { paths: (path) => path === join(dataDir, 'chosen.sqlite') });
    expect(chosen.ok).toBe(true);

    // Without any session nothing is allowed; the operator may do everything.
    expect(await rawCall(opened.core, 'database.verify', {}, null)).toEqual({ ok: false, error: { code: 'auth.required' } });
    const asOperator = await rawCall(opened.core, 'database.verify', {}, null, true);
    expect(asOperator.ok).toBe(true);
  });

  it('the password is stored as a salted scrypt hash, never in clear', async () => {
    installation = await setUpCore();
    const rows = withDatabase(installation.dataDir, (db) => db.prepare('SELECT username, password_hash FROM users').all() as { username: string; password_hash: string }[]);
    expect(rows).toHaveLength(1);
    const stored = rows[0]?.password_hash ?? '';
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(stored).not.toContain(ADMIN.password);
    expect(stored.split('$')).toHaveLength(6);

    // No byte of the database or its write-ahead log holds the password in clear.
    const secret = Buffer.from(ADMIN.password, 'utf8');
    for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
      const path = join(installation.dataDir, file);
      if (existsSync(path)) expect(readFileSync(path).includes(secret), file).toBe(false);
    }
  });
});
