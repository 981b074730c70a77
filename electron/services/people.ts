import { sortByName } from '../../shared/domain/collation';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import type { Person, PersonInput } from '../../shared/domain/person';
import { findPerson, insertPerson, listPeople, updatePerson } from '../db/people';
import { findUnit } from '../db/units';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';

/** What the audit log keeps of a person: who and where; birth year and gender only as "changed". */
function personSummary(person: PersonInput): Record<string, string> {
  return { fullName: person.fullName, position: person.position, unitId: person.unitId };
}

function changedFields(before: PersonInput, after: PersonInput): string {
  return (['fullName', 'birthYear', 'gender', 'position', 'unitId'] as const).filter((key) => before[key] !== after[key]).join(', ');
}

function requireUnit(context: ServiceContext, unitId: string): void {
  if (!findUnit(context.db, unitId)) throw new AppError('unit.notFound', { id: unitId });
}

export function createPerson(context: ServiceContext, input: PersonInput): Person {
  return inTransaction(context, () => {
    requireUnit(context, input.unitId);
    const id = randomUUID();
    insertPerson(context.db, { id, ...input, unitName: '', retired: false }, context.now());
    audit(context, 'person.created', { type: 'person', id, label: input.fullName }, { after: personSummary(input) });
    return findPerson(context.db, id) as Person;
  });
}

export function editPerson(context: ServiceContext, id: string, input: PersonInput): Person {
  return inTransaction(context, () => {
    const existing = findPerson(context.db, id);
    if (!existing) throw new AppError('person.notFound', { id });
    requireUnit(context, input.unitId);
    updatePerson(context.db, { ...existing, ...input }, context.now());
    audit(context, 'person.updated', { type: 'person', id, label: input.fullName }, { before: personSummary(existing), after: personSummary(input), note: changedFields(existing, input) });
    return findPerson(context.db, id) as Person;
  });
}

/** People are retired, never deleted: a dossier may name them. */
export function retirePerson(context: ServiceContext, id: string, retired: boolean): Person {
  return inTransaction(context, () => {
    const existing = findPerson(context.db, id);
    if (!existing) throw new AppError('person.notFound', { id });
    updatePerson(context.db, { ...existing, retired }, context.now());
    if (existing.retired !== retired) audit(context, retired ? 'person.retired' : 'person.restored', { type: 'person', id, label: existing.fullName }, { before: { retired: existing.retired }, after: { retired } });
    return findPerson(context.db, id) as Person;
  });
}

export function peopleList(context: ServiceContext, includeRetired: boolean): Person[] {
  return sortByName(listPeople(context.db, includeRetired), (person) => person.fullName);
}
