import type { AdjustedValue, Adjustment, AdjustmentTarget } from '../../shared/domain/adjustment';
import type { Connection } from './connection';
import { statement } from './statements';

interface AdjustmentRow {
  id: string;
  dossier_id: string;
  revision: number;
  target_type: 'indicator' | 'criterion';
  target: string;
  office_value: string;
  value: string;
  reason: string;
  by_name: string;
  at: string;
}

function fromRow(row: AdjustmentRow): Adjustment {
  const target: AdjustmentTarget = row.target_type === 'indicator' ? { type: 'indicator', key: row.target } : { type: 'criterion', id: row.target };
  return {
    id: row.id,
    dossierId: row.dossier_id,
    revision: row.revision,
    target,
    officeValue: JSON.parse(row.office_value) as AdjustedValue,
    value: JSON.parse(row.value) as AdjustedValue,
    reason: row.reason,
    byName: row.by_name,
    at: row.at,
  };
}

function targetKey(target: AdjustmentTarget): string {
  return target.type === 'indicator' ? target.key : target.id;
}

/** The council's adjustments in force for a dossier's revision. */
export function activeAdjustments(db: Connection, dossierId: string, revision: number): Adjustment[] {
  const rows = statement(db, 'SELECT * FROM adjustments WHERE dossier_id = ? AND revision = ? AND withdrawn_at IS NULL ORDER BY at').all(dossierId, revision) as AdjustmentRow[];
  return rows.map(fromRow);
}

/** Every adjustment in force in a campaign, by dossier (for the ranking). */
export function activeAdjustmentsOfCampaign(db: Connection, campaignYear: number): Map<string, Adjustment[]> {
  const rows = statement(
    db,
    `SELECT a.* FROM adjustments a JOIN dossiers d ON d.id = a.dossier_id
     WHERE d.campaign_year = ? AND a.revision = d.revision AND a.withdrawn_at IS NULL ORDER BY a.at`,
  ).all(campaignYear) as AdjustmentRow[];
  const grouped = new Map<string, Adjustment[]>();
  for (const row of rows) {
    const list = grouped.get(row.dossier_id) ?? [];
    list.push(fromRow(row));
    grouped.set(row.dossier_id, list);
  }
  return grouped;
}

export function findAdjustment(db: Connection, id: string): Adjustment | null {
  const row = statement(db, 'SELECT * FROM adjustments WHERE id = ? AND withdrawn_at IS NULL').get(id) as AdjustmentRow | undefined;
  return row ? fromRow(row) : null;
}

export function insertAdjustment(db: Connection, adjustment: Adjustment, userId: string | null): void {
  statement(
    db,
    `INSERT INTO adjustments (id, dossier_id, revision, target_type, target, office_value, value, reason, user_id, by_name, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    adjustment.id,
    adjustment.dossierId,
    adjustment.revision,
    adjustment.target.type,
    targetKey(adjustment.target),
    JSON.stringify(adjustment.officeValue),
    JSON.stringify(adjustment.value),
    adjustment.reason,
    userId,
    adjustment.byName,
    adjustment.at,
  );
}

/** Withdraws an adjustment; the row stays, with who withdrew it, when and why. */
export function withdrawAdjustment(db: Connection, id: string, by: string, reason: string, at: string): void {
  statement(db, 'UPDATE adjustments SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? WHERE id = ?').run(at, by, reason, id);
}

/** The active adjustment of one target, if any (a new one replaces it). */
export function activeAdjustmentOf(db: Connection, dossierId: string, revision: number, target: AdjustmentTarget): Adjustment | null {
  const row = statement(db, 'SELECT * FROM adjustments WHERE dossier_id = ? AND revision = ? AND target_type = ? AND target = ? AND withdrawn_at IS NULL').get(
    dossierId,
    revision,
    target.type,
    targetKey(target),
  ) as AdjustmentRow | undefined;
  return row ? fromRow(row) : null;
}
