import { create } from 'zustand';
import type { Unit, UnitInput } from '../../../shared/domain/unit';
import { call } from '../../app/api';

interface UnitsState {
  units: Unit[] | null;
  error: unknown;
  load(): Promise<void>;
  create(input: UnitInput): Promise<Unit>;
  update(id: string, input: UnitInput): Promise<Unit>;
  /** Retires a unit (never deletes it: dossiers and people refer to it), or brings it back. */
  setRetired(id: string, retired: boolean): Promise<Unit>;
}

/** The unit registry as this window knows it; reloaded after every change. */
export const useUnits = create<UnitsState>((set, get) => ({
  units: null,
  error: null,
  async load() {
    try {
      set({ units: await call('units.list', { includeRetired: true }), error: null });
    } catch (error) {
      set({ error });
    }
  },
  async create(input) {
    const unit = await call('units.create', input);
    await get().load();
    return unit;
  },
  async update(id, input) {
    const unit = await call('units.update', { ...input, id });
    await get().load();
    return unit;
  },
  async setRetired(id, retired) {
    const unit = await call('units.retire', { id, retired });
    await get().load();
    return unit;
  },
}));
