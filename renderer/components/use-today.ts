import { useSyncExternalStore } from 'react';
import { localIsoDate } from '../../shared/domain/deadline';

function subscribe(changed: () => void): () => void {
  // A laptop left open overnight moves to the next day without a reload.
  const timer = window.setInterval(changed, 60_000);
  window.addEventListener('focus', changed);
  return () => {
    window.clearInterval(timer);
    window.removeEventListener('focus', changed);
  };
}

function today(): string {
  return localIsoDate(new Date());
}

/** Today's date on the user's own calendar (yyyy-MM-dd), kept current. */
export function useToday(): string {
  return useSyncExternalStore(subscribe, today);
}
