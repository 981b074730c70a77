import { create } from 'zustand';
import type { DossierSummary } from '../../../shared/domain/dossier';
import { call } from '../../app/api';

interface DossiersState {
  dossiers: DossierSummary[] | null;
  error: unknown;
  /** The dossier just saved, so its page can say so even when saving moved it to a new address. */
  justSaved: string | null;
  loadDossiers(year: number): Promise<void>;
  markSaved(id: string | null): void;
}

/** The campaign's dossier list, shared by the list page and refreshed after a save. */
export const useDossiers = create<DossiersState>((set) => ({
  dossiers: null,
  error: null,
  justSaved: null,
  markSaved(id) {
    set({ justSaved: id });
  },
  async loadDossiers(year) {
    try {
      set({ dossiers: await call('dossiers.list', { campaignYear: year }), error: null });
    } catch (error) {
      set({ error });
    }
  },
}));
