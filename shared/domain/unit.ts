import { z } from 'zod';
import { PROVINCE_BUCKET } from '../scoring/allocation';
import { COLLECTIVE_KINDS, UNIT_LEVELS, type CollectiveKind, type UnitLevel } from './kinds';

/** A body that can be nominated as a collective or employs nominated individuals. */
export interface Unit {
  id: string;
  name: string;
  kind: CollectiveKind;
  level: UnitLevel;
  commune: string;
  parentOfficeId: string | null;
  retired: boolean;
}

export const unitInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(COLLECTIVE_KINDS),
  level: z.enum(UNIT_LEVELS),
  commune: z.string().trim().max(100),
  parentOfficeId: z.string().min(1).max(64).nullable(),
});

export type UnitInput = z.infer<typeof unitInputSchema>;

/** The transaction office a unit belongs to: itself, the office it is filed under, or the province level ({@link PROVINCE_BUCKET}). */
export function officeOfUnit(unit: Pick<Unit, 'id' | 'kind' | 'parentOfficeId'> | undefined): string {
  if (!unit) return PROVINCE_BUCKET;
  return unit.kind === 'transactionOffice' ? unit.id : (unit.parentOfficeId ?? PROVINCE_BUCKET);
}
