import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Restoring replaces the database file, so it must survive being killed at any moment. The order:
 * 1. the backup is copied into the data folder (`restore/incoming.sqlite`), checked and flushed;
 * 2. a marker (`restore.pending`) is written and flushed: from here on, the restore will be finished;
 * 3. the database is closed (its write-ahead log emptied into it);
 * 4. the old write-ahead log is removed (it must never be replayed onto the restored file), then the restored file is
 *    renamed over the database and the folder flushed;
 * 5. the marker is removed.
 * A start that finds the marker repeats 4 and 5, which are safe to repeat. Killed before 2, nothing changed.
 */
export const RESTORE_MARKER = 'restore.pending';
export const RESTORE_STAGING = join('restore', 'incoming.sqlite');

function flush(path: string, flags: string): void {
  try {
    const descriptor = openSync(path, flags);
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Windows cannot open a folder to flush it; the files' own flushes have happened.
  }
}

export function stagingPath(dataDir: string): string {
  return join(dataDir, RESTORE_STAGING);
}

/** Step 2: from now on a restart finishes the restore. */
export function markRestorePending(dataDir: string): void {
  const marker = join(dataDir, RESTORE_MARKER);
  writeFileSync(marker, RESTORE_STAGING);
  flush(marker, 'r+');
  flush(dataDir, 'r');
}

/** Steps 4 and 5, for a database file that is closed; does nothing when no restore is pending. Safe to repeat. */
export function finishPendingRestore(dataDir: string, databaseFile: string): boolean {
  const marker = join(dataDir, RESTORE_MARKER);
  if (!existsSync(marker)) {
    // A staged copy without a marker is a restore that never began: it is not used.
    rmSync(dirname(stagingPath(dataDir)), { recursive: true, force: true });
    return false;
  }
  const staged = stagingPath(dataDir);
  const database = join(dataDir, databaseFile);
  if (existsSync(staged)) {
    rmSync(`${database}-wal`, { force: true });
    rmSync(`${database}-shm`, { force: true });
    rmSync(`${database}-journal`, { force: true });
    renameSync(staged, database);
    flush(dataDir, 'r');
  }
  rmSync(marker, { force: true });
  flush(dataDir, 'r');
  return true;
}
