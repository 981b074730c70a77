import type { Connection } from './connection';
import { statement } from './statements';

import type { Review } from '../../shared/domain/review';

interface ReviewRow {
  id: string;
  dossier_id: string;
  reviewer: string;
  member_id: string | null;
  scores: string;
  conflict: number;
  note: string;
  updated_at: string;
}

function fromRow(row: ReviewRow): Review {
  return { id: row.id, dossierId: row.dossier_id, reviewer: row.reviewer, memberId: row.member_id, scores: JSON.parse(row.scores) as Record<string, number>, conflict: row.conflict === 1, note: row.note, updatedAt: row.updated_at };
}

export function reviewsOf(db: Connection, dossierId: string): Review[] {
  return (statement(db, 'SELECT * FROM reviews WHERE dossier_id = ? ORDER BY reviewer').all(dossierId) as ReviewRow[]).map(fromRow);
}

/** Every review of a campaign's dossiers, grouped by dossier, for ranking. */
export function reviewsOfCampaign(db: Connection, campaignYear: number): Map<string, Review[]> {
  const rows = statement(db, 'SELECT r.* FROM reviews r JOIN dossiers d ON d.id = r.dossier_id WHERE d.campaign_year = ? ORDER BY r.reviewer').all(campaignYear) as ReviewRow[];
  const grouped = new Map<string, Review[]>();
  for (const row of rows) {
    const list = grouped.get(row.dossier_id) ?? [];
    list.push(fromRow(row));
    grouped.set(row.dossier_id, list);
  }
  return grouped;
}

export function findReview(db: Connection, id: string): Review | null {
  const row = statement(db, 'SELECT * FROM reviews WHERE id = ?').get(id) as ReviewRow | undefined;
  return row ? fromRow(row) : null;
}

/** Inserts or replaces the review of one reviewer for one dossier. */
export function upsertReview(db: Connection, review: Review, userId: string | null, now: string): void {
  statement(
    db,
    `INSERT INTO reviews (id, dossier_id, reviewer, member_id, scores, conflict, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dossier_id, reviewer) DO UPDATE SET member_id = excluded.member_id, scores = excluded.scores, conflict = excluded.conflict, note = excluded.note,
       updated_at = excluded.updated_at`,
  ).run(review.id, review.dossierId, review.reviewer, review.memberId, JSON.stringify(review.scores), review.conflict ? 1 : 0, review.note, userId, now, now);
}

export function deleteReview(db: Connection, id: string): void {
  statement(db, 'DELETE FROM reviews WHERE id = ?').run(id);
}
