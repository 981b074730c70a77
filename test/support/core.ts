import type { CallInput, CallName, CallOutput } from '../../shared/contract/calls';
import type { AppErrorShape } from '../../shared/contract/errors';
import { openCore, type Core } from '../../electron/core';
import { temporaryDataDir } from './data-dir';
import { yearInProgress } from '../../shared/domain/campaign';
import { localIsoDate } from '../../shared/domain/deadline';

/** The campaign year the demo loads today: the year still open for dossiers (its deadline ahead). */
export const DEMO_YEAR = yearInProgress(localIsoDate(new Date()));

export const ADMIN = { username: 'admin', fullName: 'Nguyễn Văn Quản Trị', password: 'mat-khau-an-toan' };

/** A core over a real SQLite file in a fresh temp directory, with helpers to call it as a signed-in user. */
export async function setUpCore(options: { initialise?: boolean; demo?: boolean; mode?: 'branch' | 'office' } = {}) {
  const data = temporaryDataDir();
  let core: Core = openCore({ dataDir: data.dir });
  let session: string | null = null;

  async function callAs<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const response = await core.call({ call: name, input, session }, { paths: 'any' });
    if (!response.ok) throw Object.assign(new Error(`${name}: ${response.error.code}`), { shape: response.error });
    return response.value as CallOutput<K>;
  }

  /** The error a call answers with (fails the test if the call succeeds). */
  async function errorOf(name: string, input: unknown): Promise<AppErrorShape> {
    const response = await core.call({ call: name, input, session }, { paths: 'any' });
    if (response.ok) throw new Error(`${name} unexpectedly succeeded`);
    return response.error;
  }

  async function login(): Promise<void> {
    session = (await callAs('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;
  }

  if (options.initialise ?? true) {
    // An office installation unless the branch's (the council's work) is asked for.
    const branch = options.mode === 'branch';
    const organisationName = branch ? 'Chi nhánh NHCSXH tỉnh Tây Ninh' : 'Phòng giao dịch NHCSXH Gò Dầu';
    await callAs('setup.initialise', { mode: branch ? 'branch' : 'office', organisationName, admin: ADMIN, language: 'vi', loadDemo: options.demo ?? false });
    await login();
  }

  return {
    dataDir: data.dir,
    get core() {
      return core;
    },
    call: callAs,
    errorOf,
    login,
    /** Closes and reopens the database, as a restart of the application would. */
    reopen(): void {
      core.close();
      core = openCore({ dataDir: data.dir });
      session = null;
    },
    close(): void {
      core.close();
      data.remove();
    },
  };
}
