import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import type { Unit, UnitInput } from '../../shared/domain/unit';
import { findUnit, insertUnit, listUnits } from '../db/units';
import { inTransaction, type ServiceContext } from './context';

export function createUnit(context: ServiceContext, input: UnitInput): Unit {
  return inTransaction(context, () => {
    if (input.parentOfficeId !== null && !findUnit(context.db, input.parentOfficeId)) {
      throw new AppError('unit.notFound', { id: input.parentOfficeId });
    }
    const unit: Unit = { id: randomUUID(), ...input, retired: false };
    insertUnit(context.db, unit, context.now());
    return unit;
  });
}

export function unitsList(context: ServiceContext, includeRetired: boolean): Unit[] {
  return listUnits(context.db, includeRetired);
}
