import { create } from 'zustand';
import type { DossierSummary } from '../../../shared/domain/dossier';
import { call } from '../../app/api';

interface DossiersState {
  dossiers: DossierSummary[] | null;
  error: unknown;
  loadDossiers(year: number): Promise<void>;
}

/** The campaign's dossier list, shared by the list page and refreshed after a save. */
export const useDossiers = create<DossiersState>((set) => ({
  dossiers: null,
  error: null,
  async loadDossiers(year) {
    try {
      set({ dossiers: await call('dossiers.list', { campaignYear: year }), error: null });
    } catch (error) {
      set({ error });
    }
  },
}));
