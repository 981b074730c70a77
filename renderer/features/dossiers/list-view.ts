import { create } from 'zustand';
import type { DossierStatus } from '../../../shared/domain/dossier';
import type { NomineeKind } from '../../../shared/domain/kinds';

export type DossierSortKey = 'nominee' | 'total' | 'status';
export type KindFilter = '' | 'group:collective' | 'group:individual' | NomineeKind;

export interface DossierListView {
  query: string;
  kind: KindFilter;
  status: DossierStatus | '';
  unitId: string;
  /** The minimum total as typed ("70", "72,5"); ignored while it is not a number. */
  minTotal: string;
  sort: { by: DossierSortKey; direction: 'ascending' | 'descending' };
}

export const DEFAULT_VIEW: DossierListView = { query: '', kind: '', status: '', unitId: '', minTotal: '', sort: { by: 'nominee', direction: 'ascending' } };

interface ListViewState {
  view: DossierListView;
  change(part: Partial<DossierListView>): void;
  clearFilters(): void;
  /** A click on a column header: the same column turns around, another starts in its natural order. */
  sortBy(by: DossierSortKey): void;
}

/** How the dossier list is searched, filtered and sorted; kept while the user opens a dossier and comes back. */
export const useDossierListView = create<ListViewState>((set) => ({
  view: DEFAULT_VIEW,
  change(part) {
    set((state) => ({ view: { ...state.view, ...part } }));
  },
  clearFilters() {
    set((state) => ({ view: { ...DEFAULT_VIEW, sort: state.view.sort } }));
  },
  sortBy(by) {
    set((state) => {
      const { sort } = state.view;
      const direction = sort.by === by ? (sort.direction === 'ascending' ? 'descending' : 'ascending') : by === 'total' ? 'descending' : 'ascending';
      return { view: { ...state.view, sort: { by, direction } } };
    });
  },
}));

/** Points typed by a person ("70", "72,5", "72.50") as hundredths; null when empty, NaN when not a number. */
export function parseMinimumTotal(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,3}([.,]\d{1,2})?$/.test(trimmed)) return Number.NaN;
  return Math.round(Number(trimmed.replace(',', '.')) * 100);
}
