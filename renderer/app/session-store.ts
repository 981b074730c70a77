import { create } from 'zustand';
import type { AppStatus } from '../../shared/contract/calls';
import type { User } from '../../shared/domain/account';
import type { Language } from '../../shared/domain/kinds';
import { call, hasSession, setSession } from './api';
import { applyLanguage, initialLanguage } from './i18n';

interface SessionState {
  status: AppStatus | null;
  user: User | null;
  language: Language;
  /** Loads the installation's status; the first thing the app does. */
  refresh(): Promise<void>;
  signedIn(session: string, user: User): void;
  signOut(): Promise<void>;
  /** Forgets the session without asking the application (it already did). */
  sessionLost(): void;
  setLanguage(language: Language): Promise<void>;
  setStatus(status: AppStatus): void;
}

const USER_KEY = 'tdcs.user';

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
  user: storedUser(),
  language: initialLanguage(),
  async refresh() {
    const status = await call('app.status', {});
    get().setStatus(status);
  },
  setStatus(status) {
    // The installation's stored choice wins over this browser's.
    if (status.language && status.language !== get().language) {
      applyLanguage(status.language);
      set({ language: status.language });
    }
    set({ status });
  },
  signedIn(session, user) {
    setSession(session);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
    set({ user });
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
    set({ user: null });
  },
  async setLanguage(language) {
    applyLanguage(language);
    set({ language });
    const status = await call('app.setLanguage', { language });
    set({ status });
  },
}));
