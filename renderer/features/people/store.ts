import { create } from 'zustand';
import type { Person, PersonInput } from '../../../shared/domain/person';
import { call } from '../../app/api';

interface PeopleState {
  people: Person[] | null;
  error: unknown;
  load(): Promise<void>;
  create(input: PersonInput): Promise<Person>;
  update(id: string, input: PersonInput): Promise<Person>;
  /** Retires a person (never deletes them: dossiers may name them), or brings them back. */
  setRetired(id: string, retired: boolean): Promise<Person>;
}

/** The people an office may nominate, as this window knows them; reloaded after every change. */
export const usePeople = create<PeopleState>((set, get) => ({
  people: null,
  error: null,
  async load() {
    try {
      set({ people: await call('people.list', { includeRetired: true }), error: null });
    } catch (error) {
      set({ error });
    }
  },
  async create(input) {
    const person = await call('people.create', input);
    await get().load();
    return person;
  },
  async update(id, input) {
    const person = await call('people.update', { ...input, id });
    await get().load();
    return person;
  },
  async setRetired(id, retired) {
    const person = await call('people.retire', { id, retired });
    await get().load();
    return person;
  },
}));
