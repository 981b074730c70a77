import { sortByName } from '../../shared/domain/collation';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import type { Unit, UnitInput } from '../../shared/domain/unit';
import { findUnit, insertUnit, listUnits, updateUnit } from '../db/units';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';

/** A unit as the audit log shows it. */
export function unitSummary(unit: UnitInput): Record<string, string | null> {
  return { name: unit.name, kind: unit.kind, level: unit.level, commune: unit.commune, parentOfficeId: unit.parentOfficeId };
}

function checkParent(context: ServiceContext, input: UnitInput, selfId: string | null): void {
  if (input.parentOfficeId === null) return;
  if (input.parentOfficeId === selfId || !findUnit(context.db, input.parentOfficeId)) throw new AppError('unit.notFound', { id: input.parentOfficeId });
}

export function createUnit(context: ServiceContext, input: UnitInput): Unit {
  return inTransaction(context, () => {
    checkParent(context, input, null);
    const unit: Unit = { id: randomUUID(), ...input, retired: false };
    insertUnit(context.db, unit, context.now());
    audit(context, 'unit.created', { type: 'unit', id: unit.id, label: unit.name }, { after: unitSummary(unit) });
    return unit;
  });
}

export function editUnit(context: ServiceContext, id: string, input: UnitInput): Unit {
  return inTransaction(context, () => {
    const existing = findUnit(context.db, id);
    if (!existing) throw new AppError('unit.notFound', { id });
    checkParent(context, input, id);
    const unit: Unit = { ...existing, ...input };
    updateUnit(context.db, unit, context.now());
    audit(context, 'unit.updated', { type: 'unit', id, label: unit.name }, { before: unitSummary(existing), after: unitSummary(unit) });
    return unit;
  });
}

/** Units are retired, never deleted: dossiers and people refer to them. */
export function retireUnit(context: ServiceContext, id: string, retired: boolean): Unit {
  return inTransaction(context, () => {
    const existing = findUnit(context.db, id);
    if (!existing) throw new AppError('unit.notFound', { id });
    const unit: Unit = { ...existing, retired };
    updateUnit(context.db, unit, context.now());
    if (existing.retired !== retired) audit(context, retired ? 'unit.retired' : 'unit.restored', { type: 'unit', id, label: existing.name }, { before: { retired: existing.retired }, after: { retired } });
    return unit;
  });
}

export function unitsList(context: ServiceContext, includeRetired: boolean): Unit[] {
  return sortByName(listUnits(context.db, includeRetired), (unit) => unit.name);
}
