// What a crash leaves in the data folder — an evidence file half-stored by an import, a backup half-copied, an export
// half-written to the outbox — is gone at the next start; a temporary file whose writer still runs (the command line
// beside the window) is left to it, and whole files are never touched.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { temporaryDataDir } from '../support/data-dir';

const folders: { remove: () => void }[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

/** The id of a process that has ended. */
function endedProcessId(): number {
  const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(ended.stdout);
}

function write(dataDir: string, path: string): string {
  const full = join(dataDir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, 'x');
  return path;
}

describe('temporary files at start', () => {
  it('those of ended processes go, those of a running writer and every whole file stay', async () => {
    const data = temporaryDataDir('tdcs-leftovers-');
    folders.push(data);
    const dead = endedProcessId();
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const alive = running.pid ?? 0;
      const sha = 'ab'.padEnd(64, '0');
      const swept = [
        write(data.dir, `attachments/ab/.${sha}.${dead}-1a2b3c4d.partial`),
        write(data.dir, `attachments/ab/${sha}.${dead}.partial`),
        write(data.dir, `backups/tdcs-import-20251201T101010101Z.sqlite.${dead}.partial`),
        write(data.dir, `backups/tdcs-import-20251201T101010101Z.sqlite.${dead}.partial-journal`),
        write(data.dir, 'outbox/.2025-12-01-submission-Go-Dau-0002.tdcs.partial'),
      ];
      const kept = [
        write(data.dir, `attachments/cd/.${'cd'.padEnd(64, '1')}.${alive}-0f0f0f0f.partial`),
        write(data.dir, `attachments/ab/${sha}`),
        write(data.dir, 'backups/tdcs-import-20251201T101010101Z.sqlite'),
        write(data.dir, 'outbox/2025-12-01-submission-Go-Dau-0002.tdcs'),
      ];
      openCore({ dataDir: data.dir }).close();
      for (const path of swept) expect(existsSync(join(data.dir, path)), path).toBe(false);
      for (const path of kept) expect(existsSync(join(data.dir, path)), path).toBe(true);
      expect(readdirSync(join(data.dir, 'attachments', 'ab'))).toEqual([sha]);
    } finally {
      running.kill();
    }
  });
});
