import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { ErrorBanner, errorShape, useErrorText } from '../../components/errors';

/** Events that count as someone using the application. */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Locks the screen after the installation's idle time without a keystroke or a click. */
export function useIdleLock(): void {
  const minutes = useSession((state) => state.rules?.idleLockMinutes ?? null);
  const locked = useSession((state) => state.locked);
  const lock = useSession((state) => state.lock);
  useEffect(() => {
    if (minutes === null || locked) return;
    let timer = window.setTimeout(() => lock(true), minutes * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => lock(true), minutes * 60_000);
    };
    for (const event of ACTIVITY) window.addEventListener(event, restart, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, restart, { capture: true });
    };
  }, [minutes, locked, lock]);
}

/**
 * Covers the application while the session is locked. The page underneath stays as it was (forms keep what was typed,
 * made inert so the keyboard cannot reach it); the person's own password opens it again.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const user = useSession((state) => state.user);
  const unlocked = useSession((state) => state.unlocked);
  const signOut = useSession((state) => state.signOut);
  const sessionLost = useSession((state) => state.sessionLost);
  const setNotice = useSession((state) => state.setNotice);
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  const unlock = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await call('auth.unlock', { password });
      setPassword('');
      unlocked();
    } catch (error) {
      // Too many wrong passwords end the session: the sign-in page says how long to wait.
      if (errorShape(error).code === 'auth.locked') {
        setNotice(errorText(error));
        sessionLost();
        return;
      }
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-screen">
      <form
        className="card login"
        onSubmit={(event) => {
          event.preventDefault();
          void unlock();
        }}
      >
        <h2 id="lock-title">{t('trust.lock.title')}</h2>
        <p>{t('trust.lock.intro', { name: user?.fullName ?? '' })}</p>
        <div className="field">
          <label htmlFor="lock-password">{t('trust.lock.password')}</label>
          <input id="lock-password" ref={field} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        <ErrorBanner error={failure} />
        <div className="form-actions">
          <button type="submit" disabled={busy || password.length === 0} data-testid="lock-unlock">
            {busy ? t('trust.lock.unlocking') : t('trust.lock.unlock')}
          </button>
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {t('trust.lock.signOut')}
          </button>
        </div>
      </form>
    </div>
  );
}
