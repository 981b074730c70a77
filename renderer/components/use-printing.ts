import { useSyncExternalStore } from 'react';

const printMedia = typeof window !== 'undefined' ? window.matchMedia('print') : null;
let printing = false;

function subscribe(changed: () => void): () => void {
  const before = () => {
    printing = true;
    changed();
  };
  const after = () => {
    printing = false;
    changed();
  };
  const media = () => changed();
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  printMedia?.addEventListener('change', media);
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
    printMedia?.removeEventListener('change', media);
  };
}

/** True while the page is being printed: a long list then renders every row, not only those in view. */
export function usePrinting(): boolean {
  return useSyncExternalStore(subscribe, () => printing || (printMedia?.matches ?? false));
}
