import type { AttachmentInfo } from '../../shared/domain/attachment';
import type { Connection } from './connection';
import { statement } from './statements';

export function insertAttachmentBlob(db: Connection, sha256: string, size: number, mimeType: string, now: string): void {
  statement(db, 'INSERT INTO attachments (sha256, size, mime_type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING').run(sha256, size, mimeType, now);
}

export function linkAttachment(db: Connection, dossierId: string, sha256: string, fileName: string, now: string): boolean {
  return statement(db, 'INSERT INTO dossier_attachments (dossier_id, sha256, file_name, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(dossierId, sha256, fileName, now).changes > 0;
}

export function unlinkAttachment(db: Connection, dossierId: string, sha256: string): boolean {
  return statement(db, 'DELETE FROM dossier_attachments WHERE dossier_id = ? AND sha256 = ?').run(dossierId, sha256).changes > 0;
}

/** Removes a blob's row once no dossier refers to it; true when it was removed (its file can go too). */
/** Whether an evidence file is on record (some dossier points to it, or did). */
export function isBlobKnown(db: Connection, sha256: string): boolean {
  return statement(db, 'SELECT 1 FROM attachments WHERE sha256 = ?').get(sha256) !== undefined;
}

export function dropUnusedBlob(db: Connection, sha256: string): boolean {
  return statement(db, 'DELETE FROM attachments WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM dossier_attachments WHERE sha256 = ?)').run(sha256, sha256).changes > 0;
}

export function attachmentsOf(db: Connection, dossierId: string): AttachmentInfo[] {
  const rows = statement(
    db,
    `SELECT l.sha256, l.file_name, l.added_at, a.size, a.mime_type FROM dossier_attachments l JOIN attachments a ON a.sha256 = l.sha256
     WHERE l.dossier_id = ? ORDER BY l.added_at, l.file_name`,
  ).all(dossierId) as { sha256: string; file_name: string; added_at: string; size: number; mime_type: string }[];
  return rows.map((row) => ({ sha256: row.sha256, fileName: row.file_name, size: row.size, mimeType: row.mime_type, addedAt: row.added_at }));
}

export function countAttachments(db: Connection, dossierId: string): number {
  return (statement(db, 'SELECT count(*) AS n FROM dossier_attachments WHERE dossier_id = ?').get(dossierId) as { n: number }).n;
}

export function attachmentBytesOf(db: Connection, dossierId: string): number {
  return (
    statement(db, 'SELECT coalesce(sum(a.size), 0) AS n FROM dossier_attachments l JOIN attachments a ON a.sha256 = l.sha256 WHERE l.dossier_id = ?').get(dossierId) as {
      n: number;
    }
  ).n;
}
