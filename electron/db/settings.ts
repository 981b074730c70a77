import type { Connection } from './connection';
import { statement } from './statements';

export type SettingKey =
  | 'mode'
  | 'organisationName'
  | 'language'
  | 'installationId'
  | 'currentCampaignYear'
  // The one number earlier versions gave every file sent; now only where each recipient's own numbering starts.
  | 'outgoingSequence'
  /** The last number of the files sent to each recipient (office unit, or the branch's installation), as JSON. */
  | 'outgoingSequences'
  | 'officeUnitId'
  | 'branchInstallationId'
  // At an office: the setup file it was set up with, which its enrolment names.
  | 'setupPackageId'
  | 'auditHead'
  | 'security'
  | 'lastDailyBackup'
  /** The scoring library's version that computed the stored scores (decision 007). */
  | 'storedScoresVersion';

export function readSetting(db: Connection, key: SettingKey): string | null {
  const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSetting(db: Connection, key: SettingKey, value: string): void {
  statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
