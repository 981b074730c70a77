import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDataDir } from '../support/data-dir';
import { countRows } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const PASSWORD = 'mat-khau-tien-trinh';

/** Runs the built command line as a separate process, the way `npx tdcs …` does. */
function tdcs(args: string[], input = '') {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'tdcs.cjs'), ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built command line, as a separate process', () => {
  const data = temporaryDataDir('tdcs-cli-process-');
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--only-node'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
    expect(existsSync(join(ROOT, 'dist', 'electron', 'cli.js'))).toBe(true);
  }, 150_000);
  afterAll(() => data.remove());

  it('init reads the password from standard input; rank --campaign 2025 --json prints the ranking', () => {
    const init = tdcs(
      ['--data-dir', data.dir, '--lang', 'en', 'init', '--mode', 'office', '--organisation', 'Phòng giao dịch NHCSXH Bến Cầu', '--admin', 'admin', '--demo'],
      `${PASSWORD}\n`,
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Phòng giao dịch NHCSXH Bến Cầu');
    const counts = countRows(data.dir);
    expect(counts.users).toBe(1);
    expect(counts.dossiers).toBeGreaterThanOrEqual(200);

    const rank = tdcs(['--data-dir', data.dir, 'rank', '--campaign', '2025', '--json']);
    expect(rank.stderr).toBe('');
    expect(rank.code).toBe(0);
    const ranking = JSON.parse(rank.stdout) as { campaignYear: number; rows: { position: number; total: number; breakdown: unknown[] }[] };
    expect(ranking.campaignYear).toBe(2025);
    expect(ranking.rows).toHaveLength(counts.dossiers);
    expect(ranking.rows[0]?.position).toBe(1);
    for (const row of ranking.rows) {
      expect(typeof row.total).toBe('number');
      expect(row.breakdown.length).toBeGreaterThan(0);
    }
  });

  it('errors end the process with a non-zero code and a single line', () => {
    const unknown = tdcs(['--data-dir', data.dir, '--lang', 'en', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const noCampaign = tdcs(['--data-dir', data.dir, '--lang', 'vi', 'rank', '--campaign', '2031']);
    expect(noCampaign.code).toBe(1);
    expect(noCampaign.stderr).toBe('tdcs: Không có đợt thi đua năm 2031.\n');
  });
});
