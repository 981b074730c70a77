import type { CollectiveKind, UnitLevel } from '../../shared/domain/kinds';
import type { Unit } from '../../shared/domain/unit';
import type { Connection } from './connection';
import { statement } from './statements';

interface UnitRow {
  id: string;
  name: string;
  kind: CollectiveKind;
  level: UnitLevel;
  commune: string;
  parent_office_id: string | null;
  retired: number;
}

function fromRow(row: UnitRow): Unit {
  return { id: row.id, name: row.name, kind: row.kind, level: row.level, commune: row.commune, parentOfficeId: row.parent_office_id, retired: row.retired === 1 };
}

export function insertUnit(db: Connection, unit: Unit, now: string): void {
  statement(db, 'INSERT INTO units (id, name, kind, level, commune, parent_office_id, retired, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    unit.id,
    unit.name,
    unit.kind,
    unit.level,
    unit.commune,
    unit.parentOfficeId,
    unit.retired ? 1 : 0,
    now,
    now,
  );
}

export function findUnit(db: Connection, id: string): Unit | null {
  const row = statement(db, 'SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;
  return row ? fromRow(row) : null;
}

export function listUnits(db: Connection, includeRetired: boolean): Unit[] {
  const rows = statement(db, 'SELECT * FROM units WHERE retired = 0 OR ? ORDER BY name').all(includeRetired ? 1 : 0) as UnitRow[];
  return rows.map(fromRow);
}

export function countUnits(db: Connection): number {
  return (statement(db, 'SELECT count(*) AS n FROM units').get() as { n: number }).n;
}

export function updateUnit(db: Connection, unit: Unit, now: string): void {
  statement(db, 'UPDATE units SET name = ?, kind = ?, level = ?, commune = ?, parent_office_id = ?, retired = ?, updated_at = ? WHERE id = ?').run(
    unit.name,
    unit.kind,
    unit.level,
    unit.commune,
    unit.parentOfficeId,
    unit.retired ? 1 : 0,
    now,
    unit.id,
  );
}
