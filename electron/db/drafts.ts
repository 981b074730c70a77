import type { Connection } from './connection';
import { statement } from './statements';

export interface StoredDraft {
  key: string;
  campaignYear: number;
  dossierId: string | null;
  form: unknown;
  updatedAt: string;
}

export function upsertDraft(db: Connection, draft: StoredDraft): void {
  statement(
    db,
    `INSERT INTO drafts (key, campaign_year, dossier_id, form, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET form = excluded.form, updated_at = excluded.updated_at, dossier_id = excluded.dossier_id`,
  ).run(draft.key, draft.campaignYear, draft.dossierId, JSON.stringify(draft.form), draft.updatedAt);
}

export function findDraft(db: Connection, key: string): StoredDraft | null {
  const row = statement(db, 'SELECT * FROM drafts WHERE key = ?').get(key) as
    | { key: string; campaign_year: number; dossier_id: string | null; form: string; updated_at: string }
    | undefined;
  if (!row) return null;
  return { key: row.key, campaignYear: row.campaign_year, dossierId: row.dossier_id, form: JSON.parse(row.form) as unknown, updatedAt: row.updated_at };
}

export function deleteDraft(db: Connection, key: string): void {
  statement(db, 'DELETE FROM drafts WHERE key = ?').run(key);
}
