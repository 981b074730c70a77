import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders of the data directory where files are written under a temporary name before they get their own. */
const WRITTEN_UNDER_TEMPORARY_NAMES = ['attachments', 'backups', 'outbox'];
/** `….<pid>.partial`, `….<pid>-<random>.partial` (and SQLite's `-journal`, `-wal`, `-shm` beside one); older names carry no process id. */
const PARTIAL = /(?:\.(\d+)(?:-[0-9a-f]+)?)?\.partial(?:-journal|-wal|-shm)?$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function partialsIn(folder: string, depth: number): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(folder, name);
    try {
      if (statSync(path).isDirectory()) return depth > 0 ? partialsIn(path, depth - 1) : [];
    } catch {
      return [];
    }
    return PARTIAL.test(name) ? [path] : [];
  });
}

/**
 * At start, the temporary files of work a crash or a kill interrupted (an evidence file half-stored by an import, a
 * backup half-copied, an export half-written to the outbox) are removed. A file whose writer is still running (the
 * command line beside the window, named by its process id) is left to it. Whole files named by their SHA-256 stay:
 * nothing points to them until an import commits, and its retry reuses them.
 */
export function sweepLeftovers(dataDir: string): string[] {
  const removed: string[] = [];
  for (const folder of WRITTEN_UNDER_TEMPORARY_NAMES) {
    for (const path of partialsIn(join(dataDir, folder), 1)) {
      const pid = Number(PARTIAL.exec(path)?.[1] ?? Number.NaN);
      if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue;
      rmSync(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}
