import type { Connection } from './connection';
import { statement } from './statements';

/** The documents' settings and wordings, kept beside the installation's other settings (backed up and restored with them). */
export type DocumentRecordKey = `documents.settings.${number}` | `documents.wording.${string}`;

export function readDocumentRecord(db: Connection, key: DocumentRecordKey): string | null {
  const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeDocumentRecord(db: Connection, key: DocumentRecordKey, value: string): void {
  statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function removeDocumentRecord(db: Connection, key: DocumentRecordKey): void {
  statement(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

/** Campaign years that have their own document settings, newest first. */
export function yearsWithDocumentSettings(db: Connection): number[] {
  const rows = statement(db, "SELECT key FROM settings WHERE key LIKE 'documents.settings.%'").all() as { key: string }[];
  return rows.map((row) => Number(row.key.slice('documents.settings.'.length))).filter((year) => Number.isInteger(year)).sort((a, b) => b - a);
}
