import { create } from 'zustand';
import type { AppStatus, SignInRules } from '../../shared/contract/calls';
import type { User } from '../../shared/domain/account';
import type { Language } from '../../shared/domain/kinds';
import { call, hasSession, setSession } from './api';
import { applyLanguage, initialLanguage } from './i18n';

interface SessionState {
  status: AppStatus | null;
  /** The sign-in and idle-lock rules, shown before signing in and used by the idle lock. */
  rules: SignInRules | null;
  user: User | null;
  /** A new account or a reset password: the person chooses their own before anything else. */
  mustChangePassword: boolean;
  /** The screen is locked (idle, or the application said so): the page stays underneath, unsaved work and all. */
  locked: boolean;
  /** A menu command the signed-in person may not do (or nobody is signed in). */
  notice: string | null;
  /** The campaign this window shows, when another than the installation's current one was chosen. */
  viewYear: number | null;
  language: Language;
  /** Loads the installation's status; the first thing the app does. */
  refresh(): Promise<void>;
  signedIn(session: string, user: User, mustChangePassword: boolean): void;
  passwordChanged(user: User): void;
  signOut(): Promise<void>;
  /** Forgets the session without asking the application (it already did). */
  sessionLost(): void;
  /** Locks the screen; `tellApplication` also locks the session in the core (idle time). */
  lock(tellApplication: boolean): void;
  unlocked(): void;
  setNotice(notice: string | null): void;
  viewCampaign(year: number | null): void;
  setLanguage(language: Language): Promise<void>;
  setStatus(status: AppStatus): void;
}

const USER_KEY = 'tdcs.user';
const MUST_CHANGE_KEY = 'tdcs.mustChangePassword';
const VIEW_YEAR_KEY = 'tdcs.viewYear';

function storedUser(): User | null {
  if (!hasSession()) return null;
  try {
    return JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null') as User | null;
  } catch {
    return null;
  }
}

export const useSession = create<SessionState>((set, get) => ({
  status: null,
  rules: null,
  user: storedUser(),
  mustChangePassword: hasSession() && sessionStorage.getItem(MUST_CHANGE_KEY) === 'true',
  locked: false,
  notice: null,
  viewYear: Number(sessionStorage.getItem(VIEW_YEAR_KEY)) || null,
  language: initialLanguage(),
  async refresh() {
    const [status, rules] = await Promise.all([call('app.status', {}), call('auth.settings', {}).catch(() => null)]);
    get().setStatus(status);
    set({ rules });
  },
  setStatus(status) {
    // The installation's stored choice wins over this browser's.
    if (status.language && status.language !== get().language) {
      applyLanguage(status.language);
      set({ language: status.language });
    }
    set({ status });
  },
  signedIn(session, user, mustChangePassword) {
    setSession(session);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
    sessionStorage.setItem(MUST_CHANGE_KEY, String(mustChangePassword));
    set({ user, mustChangePassword, locked: false, notice: null });
  },
  passwordChanged(user) {
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
    sessionStorage.setItem(MUST_CHANGE_KEY, 'false');
    set({ user, mustChangePassword: false });
  },
  async signOut() {
    try {
      await call('auth.logout', {});
    } finally {
      get().sessionLost();
    }
  },
  sessionLost() {
    setSession(null);
    sessionStorage.removeItem(USER_KEY);
    sessionStorage.removeItem(MUST_CHANGE_KEY);
    set({ user: null, mustChangePassword: false, locked: false });
  },
  lock(tellApplication) {
    if (get().locked || !get().user) return;
    set({ locked: true });
    if (tellApplication) void call('auth.lock', {}).catch(() => undefined);
  },
  unlocked() {
    set({ locked: false });
  },
  setNotice(notice) {
    set({ notice });
  },
  viewCampaign(year) {
    if (year === null || year === get().status?.currentCampaignYear) sessionStorage.removeItem(VIEW_YEAR_KEY);
    else sessionStorage.setItem(VIEW_YEAR_KEY, String(year));
    set({ viewYear: year === get().status?.currentCampaignYear ? null : year });
  },
  async setLanguage(language) {
    applyLanguage(language);
    set({ language });
    const status = await call('app.setLanguage', { language });
    set({ status });
  },
}));
