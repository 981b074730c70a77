import { create } from 'zustand';
import type { PackageSource } from '../../../shared/contract/calls';
import { useRouter } from '../../app/router';

export const EXCHANGE_TABS = ['identity', 'send', 'receive', 'dossiers', 'history'] as const;
export type ExchangeTab = (typeof EXCHANGE_TABS)[number];

/** A file chosen for import; `id` tells two choices of the same file apart, so each gets its own dry run. */
export interface ChosenFile {
  id: number;
  source: PackageSource;
  fileName: string;
}

interface ExchangeState {
  tab: ExchangeTab;
  chosen: ChosenFile | null;
  setTab(tab: ExchangeTab): void;
  /** A file to dry-run: the receive tab opens with it. */
  choose(source: PackageSource, fileName: string): void;
  clear(): void;
}

let choices = 0;

export const useExchange = create<ExchangeState>((set) => ({
  tab: 'identity',
  chosen: null,
  setTab(tab) {
    set({ tab });
  },
  choose(source, fileName) {
    choices += 1;
    set({ tab: 'receive', chosen: { id: choices, source, fileName } });
  },
  clear() {
    set({ chosen: null });
  },
}));

/** The last part of a path, whichever separator the system uses. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

// Electron: a .tdcs file opened from the system (double-click, File → Open) lands on the exchange page with its dry run.
if (typeof window !== 'undefined' && window.tdcs) {
  window.tdcs.onOpenExchangeFile((path) => {
    useExchange.getState().choose({ path }, baseName(path));
    useRouter.getState().go({ page: 'exchange' });
  });
}
