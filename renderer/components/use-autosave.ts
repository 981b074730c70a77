import { useEffect, useRef, useState } from 'react';
import { call } from '../app/api';

const DEBOUNCE_MS = 500;

export type AutosaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: string } | { state: 'failed'; error: unknown };

/**
 * Keeps what is typed as a draft in the database, half a second after the last keystroke and whenever the
 * window is hidden or closed, so that a crash or a power cut loses at most the last moment of typing. Every form of
 * the application uses it: dossiers, score sheets, ballots, the meeting.
 */
export function useAutosave<Values extends object>(draftKey: string, campaignYear: number, dossierId: string | null, values: Values, dirty: boolean): AutosaveState {
  const [status, setStatus] = useState<AutosaveState>({ state: 'idle' });
  const latest = useRef({ values, dirty });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A draft was kept since the form was last clean (as saved, or undone back to it).
  const kept = useRef(false);

  useEffect(() => {
    latest.current = { values, dirty };
  });

  useEffect(() => {
    const flush = (): void => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
      if (!latest.current.dirty) return;
      kept.current = true;
      setStatus({ state: 'saving' });
      call('drafts.save', { key: draftKey, campaignYear, dossierId, form: latest.current.values as unknown as Record<string, unknown> }).then(
        (saved) => setStatus({ state: 'saved', at: saved.updatedAt }),
        (error: unknown) => setStatus({ state: 'failed', error }),
      );
    };
    if (dirty) {
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(flush, DEBOUNCE_MS);
    } else if (kept.current) {
      // Back to what is stored (undone, or saved): a kept draft would bring the undone changes back next time.
      kept.current = false;
      void call('drafts.discard', { key: draftKey }).catch(() => undefined);
    }
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [values, dirty, draftKey, campaignYear, dossierId]);

  // Leaving the form (another page) keeps the last keystrokes too.
  useEffect(
    () => () => {
      if (pending.current && latest.current.dirty) {
        clearTimeout(pending.current);
        void call('drafts.save', { key: draftKey, campaignYear, dossierId, form: latest.current.values as unknown as Record<string, unknown> }).catch(() => undefined);
      }
    },
    [draftKey, campaignYear, dossierId],
  );

  return status;
}
