import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAttachmentBlob, linkAttachment } from '../../electron/db/attachments';
import { blobPath } from '../../electron/services/attachments';
import { temporaryDataDir } from '../support/data-dir';
import { BRANCH_NAME, enrol, OFFICE_NAME, openInstallation, pdfBytes, readyDossier, stateOf, type Enrolled } from './exchange-support';
import { countRows, rankedCount } from './helpers';
import { DEMO_YEAR } from '../support/core';

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

  it('init reads the password from standard input; rank --json prints the ranking of the demo year', () => {
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

    const rank = tdcs(['--data-dir', data.dir, 'rank', '--campaign', String(DEMO_YEAR), '--json']);
    expect(rank.stderr).toBe('');
    expect(rank.code).toBe(0);
    const ranking = JSON.parse(rank.stdout) as { campaignYear: number; rows: { position: number; total: number; keys: number[] }[] };
    expect(ranking.campaignYear).toBe(DEMO_YEAR);
    expect(ranking.rows).toHaveLength(rankedCount(data.dir, 'collective', DEMO_YEAR));
    expect(ranking.rows[0]?.position).toBe(1);
    for (const row of ranking.rows) {
      expect(typeof row.total).toBe('number');
      expect(row.keys.length).toBeGreaterThan(0);
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

describe('the built command line exchanges files: keys, export (Ctrl+C cancels cleanly), import --dry-run, import', () => {
  const EVIDENCE_FILES = 120;
  let usb: string;
  let world: Enrolled;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--only-node', '--if-stale'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
    usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-cli-'));
    world = await enrol(await openInstallation('branch', BRANCH_NAME), await openInstallation('office', OFFICE_NAME), usb, { communes: 3 });
    // Three ready dossiers with 240 MB of evidence between them, put straight into the office's store (a fixture).
    const now = new Date().toISOString();
    for (const [index, commune] of world.communes.entries()) {
      const dossier = await readyDossier(world.office, { kind: 'communePeoplesCommittee', unitId: commune.id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes(`cli-${index}`) }]);
      for (let file = 0; file < EVIDENCE_FILES / 3; file += 1) {
        const bytes = randomFillSync(Buffer.allocUnsafe(2 * 1024 * 1024));
        bytes.write('%PDF-1.7\n', 0, 'latin1');
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        mkdirSync(dirname(blobPath(world.office.dataDir, sha256)), { recursive: true });
        writeFileSync(blobPath(world.office.dataDir, sha256), bytes);
        insertAttachmentBlob(world.office.core.db, sha256, bytes.length, 'application/pdf', now);
        linkAttachment(world.office.core.db, dossier.dossier.id, sha256, `Ảnh ${file}.pdf`, now);
      }
    }
    world.office.shutdown();
    world.branch.shutdown();
  }, 150_000);

  afterAll(() => {
    world.office.close();
    world.branch.close();
    rmSync(usb, { recursive: true, force: true });
  });

  it('keys prints both fingerprints, the same on each side', () => {
    const office = tdcs(['--data-dir', world.office.dataDir, '--lang', 'vi', 'keys', '--json']);
    const branch = tdcs(['--data-dir', world.branch.dataDir, '--lang', 'vi', 'keys', '--json']);
    expect(office.code).toBe(0);
    expect(branch.code).toBe(0);
    const own = (text: string) => JSON.parse(text) as { fingerprint: string; peers: { fingerprint: string; organisation: string }[] };
    expect(own(office.stdout).peers.find((peer) => peer.organisation === BRANCH_NAME)?.fingerprint).toBe(own(branch.stdout).fingerprint);
    expect(own(branch.stdout).peers.find((peer) => peer.organisation === OFFICE_NAME)?.fingerprint).toBe(own(office.stdout).fingerprint);
  });

  it('Ctrl+C during an export removes the unfinished file and records nothing; the next export completes', async () => {
    const before = stateOf(world.office.dataDir);
    const target = join(usb, 'nop-ho-so.tdcs');
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'tdcs.cjs'), '--data-dir', world.office.dataDir, '--lang', 'vi', 'export', '--kind', 'submission', '--to', target], { cwd: ROOT });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Interrupted once the evidence is being written, as a person pressing Ctrl+C would.
      if (!interrupted && stderr.includes('Đang mã hóa và ghi')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
    expect(interrupted).toBe(true);
    expect(code).toBe(1);
    expect(stderr).toContain('Đã hủy; chưa ghi gì.');
    expect(readdirSync(usb).filter((name) => name.includes('nop-ho-so'))).toEqual([]);
    expect(stateOf(world.office.dataDir)).toEqual(before);

    const written = tdcs(['--data-dir', world.office.dataDir, '--lang', 'vi', 'export', '--kind', 'submission', '--to', target]);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('3 bản ghi, tệp số 2');
    expect(written.stderr).toContain('Đang mã hóa và ghi hồ sơ, minh chứng…');
    expect(written.stdout).toContain('đã đọc lại và kiểm tra');
  }, 120_000);

  it('import --dry-run lists the dossiers, writes nothing and exits 3 naming the acceptance it needs; import needs the late dossiers accepted, then applies them once', () => {
    const file = join(usb, 'nop-ho-so.tdcs');
    const before = stateOf(world.branch.dataDir);
    const dryRun = tdcs(['--data-dir', world.branch.dataDir, '--lang', 'vi', 'import', file, '--dry-run']);
    expect(dryRun.stderr).toBe('tdcs: Chỉ nhập được tệp này khi chấp nhận rõ ràng: --accept-late (xem phía trên). Chưa ghi gì.\n');
    expect(dryRun.code).toBe(3);
    expect(dryRun.stdout).toContain(`Chạy thử — Tệp gửi hồ sơ từ ${OFFICE_NAME}`);
    expect(dryRun.stdout).toContain('mới 3, cập nhật 0');
    // Each record on its own line, its category in the reader's language.
    expect(dryRun.stdout).toMatch(/^ {2}Mới {9}UBND xã Phước Thạnh go-dau 1 — Đến sau hạn nộp\.$/m);
    expect(stateOf(world.branch.dataDir)).toEqual(before);
    const refused = tdcs(['--data-dir', world.branch.dataDir, '--lang', 'vi', 'import', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('tdcs: Hồ sơ đến sau hạn nộp: Thư ký phải chấp nhận rõ ràng.\nChưa nhập gì. Nếu chắc chắn vẫn muốn nhập, hãy chạy lại lệnh với --accept-late.\n');
    const applied = tdcs(['--data-dir', world.branch.dataDir, '--lang', 'vi', 'import', file, '--accept-late']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Đã nhập — Tệp gửi hồ sơ');
    expect(countRows(world.branch.dataDir).dossiers).toBe(3);
    const again = tdcs(['--data-dir', world.branch.dataDir, '--lang', 'vi', 'import', file, '--accept-late']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Tệp số 2 đã được nhận');
    expect(again.stderr).toContain('--accept-replay');
    // The dry run of a file that would be refused says so, and exits 1.
    const dryAgain = tdcs(['--data-dir', world.branch.dataDir, '--lang', 'en', 'import', file, '--dry-run']);
    expect([dryAgain.code, dryAgain.stderr]).toEqual([3, 'tdcs: The file can be imported only with a deliberate acceptance: --accept-replay (see above). Nothing was written.\n']);
    const folder = tdcs(['--data-dir', world.branch.dataDir, '--lang', 'en', 'import', usb, '--dry-run']);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('is a folder, not an exchange file');
    expect(folder.stderr).toContain('Dry run: this file would be refused. Nothing was written.');
  }, 120_000);
});
