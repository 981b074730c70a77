import { create } from 'zustand';
import { call } from '../../app/api';

interface BackupRequests {
  /** What the last backup from the menu did (a path and size), for the backups page to say. */
  saved: { path: string; bytes: number } | null;
  failure: unknown;
}

export const useBackupRequests = create<BackupRequests>(() => ({ saved: null, failure: null }));

/**
 * The menu's "Back up the database…" in the desktop app: the save dialog, then a backup there with the signed-in
 * administrator's rights. What happened is shown on the backups page.
 */
export async function saveBackupCopy(defaultName: string): Promise<boolean> {
  const path = await window.tdcs?.chooseBackupLocation(defaultName);
  if (!path) return false;
  try {
    const made = await call('backup.create', { to: path });
    useBackupRequests.setState({ saved: { path: made.path, bytes: made.bytes }, failure: null });
  } catch (error) {
    useBackupRequests.setState({ saved: null, failure: error });
  }
  return true;
}
