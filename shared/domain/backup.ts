import { z } from 'zod';

/** Why a backup was made: by a person, or automatically before an import, a restore, a scheme change, or once a day. */
export const BACKUP_REASONS = ['manual', 'import', 'restore', 'scheme', 'daily'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** A backup in the data folder's backups/ folder. */
export interface BackupFile {
  name: string;
  reason: BackupReason;
  createdAt: string;
  bytes: number;
}

/** Which backup to look at or restore: one of the folder's, a file a person chose, or one uploaded to browser mode. */
export const backupSourceSchema = z.union([
  z.strictObject({ name: z.string().regex(/^[A-Za-z0-9._-]+\.sqlite$/).max(200) }),
  z.strictObject({ path: z.string().min(1).max(4096) }),
  z.strictObject({ uploadId: z.string().regex(/^[0-9a-f-]{36}$/), fileName: z.string().max(255) }),
]);

export type BackupSource = z.infer<typeof backupSourceSchema>;

/** What a backup holds, shown before anything is replaced. */
export interface BackupSummary {
  createdAt: string | null;
  organisation: string | null;
  mode: string | null;
  schemaVersion: number;
  campaigns: number[];
  dossiers: number;
  units: number;
  people: number;
  accounts: number;
  lastAudit: { seq: number; at: string; action: string; actor: string } | null;
  bytes: number;
  /** Made by this installation (another one's backup has other exchange keys and peers). */
  sameInstallation: boolean;
}
