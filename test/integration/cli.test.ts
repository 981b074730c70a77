import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { DATABASE_FILE } from '../../electron/core';
import { DEMO_YEAR } from '../support/core';
import { temporaryDataDir } from '../support/data-dir';
import { countRows, fakeIo, hasVietnameseDiacritics, rankedCount, withDatabase } from './helpers';

const PASSWORD = 'mat-khau-dong-lenh';

interface RankJson {
  campaignYear: number;
  group: string;
  selection: { selected: string[] };
  rows: { position: number; total: number; totalHundredths: number; eligible: boolean; unitName: string; dossierId: string; keys: number[]; breakdown?: { id: string; points: number }[] }[];
}

/** Runs the command line in this process as an operator would type it. */
async function tdcs(argv: string[], stdin = '') {
  const terminal = fakeIo(stdin);
  const code = await runCli(argv, terminal.io);
  return { code, out: terminal.out.join('\n'), err: terminal.err };
}

describe('the command line, step by step on one installation', () => {
  const data = temporaryDataDir('tdcs-cli-');
  const base = ['--data-dir', data.dir, '--lang', 'en'];
  afterAll(() => data.remove());

  beforeAll(async () => {
    const init = await tdcs(
      [...base, 'init', '--mode', 'office', '--organisation', 'Phòng giao dịch NHCSXH Gò Dầu', '--admin', 'quantri', '--full-name', 'Lê Thị Mai'],
      `${PASSWORD}\n`,
    );
    expect(init.err).toEqual([]);
    expect(init.code).toBe(0);
  });

  it('init sets up the installation with its administrator, reading the password from standard input', async () => {
    expect(existsSync(join(data.dir, DATABASE_FILE))).toBe(true);
    const users = withDatabase(data.dir, (db) => db.prepare('SELECT username, full_name, role, password_hash FROM users').all()) as {
      username: string;
      full_name: string;
      role: string;
      password_hash: string;
    }[];
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ username: 'quantri', full_name: 'Lê Thị Mai', role: 'admin' });
    expect(users[0]?.password_hash).not.toContain(PASSWORD);
    const status = await tdcs([...base, 'status']);
    expect(status.code).toBe(0);
    expect(status.out).toContain(data.dir);
    expect(status.out).toContain('Phòng giao dịch NHCSXH Gò Dầu');
    expect(status.out).toMatch(/Set up: yes/);
    expect(status.out).toMatch(/Mode: office/);
    expect(status.out).toMatch(/Campaign: 2025/);
  });

  it('init a second time fails with exit code 1 and one line on stderr', async () => {
    const again = await tdcs([...base, 'init', '--mode', 'branch', '--organisation', 'Khác', '--admin', 'other'], 'another-password\n');
    expect(again.code).toBe(1);
    expect(again.err).toHaveLength(1);
    expect(again.err).toEqual(['tdcs: This installation is already set up.']);
    expect(countRows(data.dir).users).toBe(1);
  });

  it('demo loads the demo dataset; rank --json gives totals and tie-break keys, --explain each row’s breakdown too', async () => {
    const demo = await tdcs([...base, 'demo']);
    expect(demo.code).toBe(0);
    const counts = countRows(data.dir);
    expect(demo.out).toBe(`Loaded ${counts.units} units and ${counts.dossiers} dossiers.`);
    // The collective ranking: the demo has individuals too.
    const collectives = (withDatabase(data.dir, (db) => db.prepare('SELECT count(*) AS n FROM dossiers WHERE person_id IS NULL').get()) as { n: number }).n;
    expect(collectives).toBeLessThan(counts.dossiers);

    const rank = await tdcs([...base, 'rank', '--campaign', String(DEMO_YEAR), '--json']);
    expect(rank.code).toBe(0);
    expect(rank.err).toEqual([]);
    const ranking = JSON.parse(rank.out) as RankJson;
    expect(ranking.campaignYear).toBe(DEMO_YEAR);
    expect(ranking.group).toBe('collective');
    // Drafts and returned dossiers stay out of the ranking: only those marked ready, sent or received enter it.
    const ranked = rankedCount(data.dir, 'collective', DEMO_YEAR);
    expect(ranked).toBeGreaterThan(50);
    expect(ranked).toBeLessThan(collectives);
    expect(ranking.rows.length).toBe(ranked);
    expect(ranking.rows[0]?.position).toBe(1);
    const stored = new Map(
      (withDatabase(data.dir, (db) => db.prepare('SELECT id, self_total FROM dossiers').all()) as { id: string; self_total: number }[]).map((row) => [row.id, row.self_total]),
    );
    for (const row of ranking.rows) {
      expect(row.position).toBeGreaterThanOrEqual(1);
      expect(row.total).toBe(row.totalHundredths / 100);
      expect(row.totalHundredths).toBe(stored.get(row.dossierId));
      expect(row.keys).toHaveLength(3);
      expect(row.breakdown).toBeUndefined();
    }
    // One row a line: hundreds of rows stay short.
    expect(rank.out.split('\n').filter((line) => line.startsWith('    {"position"'))).toHaveLength(ranked);

    const explained = await tdcs([...base, 'rank', '--campaign', String(DEMO_YEAR), '--explain']);
    expect(explained.code).toBe(0);
    const withBreakdowns = JSON.parse(explained.out) as RankJson;
    expect(withBreakdowns.rows.map((row) => row.dossierId)).toEqual(ranking.rows.map((row) => row.dossierId));
    const compact = new Map(ranking.rows.map((row) => [row.dossierId, row]));
    for (const row of withBreakdowns.rows) {
      expect(row).toMatchObject(compact.get(row.dossierId) ?? { missing: true });
      expect(row.breakdown?.map((criterion) => criterion.id)).toContain('participation');
      expect(row.breakdown?.reduce((sum, criterion) => sum + criterion.points, 0)).toBeGreaterThanOrEqual(row.totalHundredths - 500);
    }
    expect(explained.out.length).toBeGreaterThan(rank.out.length * 5);
  });

  it('rank without --json prints the round, the official total, one line per ranked dossier, the cut-off and what stayed out', async () => {
    const rank = await tdcs([...base, 'rank', '--campaign', String(DEMO_YEAR)]);
    expect(rank.code).toBe(0);
    const lines = rank.out.split('\n');
    expect(lines.slice(0, 3)).toEqual([`Ranking ${DEMO_YEAR} — Collectives`, 'Round 1: open (the ranking as it stands).', 'Official total: the offices’ self-assessment.']);
    const ranked = rankedCount(data.dir, 'collective', DEMO_YEAR);
    const rows = lines.slice(3, 3 + ranked);
    expect(rows.every((line) => /^\s+\d+\.\s+\d+\.\d{2}\s+\S/.test(line))).toBe(true);
    const json = JSON.parse((await tdcs([...base, 'rank', '--campaign', String(DEMO_YEAR), '--json'])).out) as RankJson;
    const first = json.rows[0];
    expect(rows[0]).toContain(`${first?.totalHundredths === undefined ? '?' : (first.totalHundredths / 100).toFixed(2)}  ${first?.unitName ?? '?'}`);
    // An office previews with the branch's rules: no council, no vote.
    expect(rows[0]).toContain('(proposed');
    const tail = lines.slice(3 + ranked);
    expect(tail[1]).toBe(`The cut-off: 5 place(s); ${json.selection.selected.length} proposed.`);
    const outside = (status: string): number =>
      (withDatabase(data.dir, (db) => db.prepare("SELECT count(*) AS n FROM dossiers WHERE person_id IS NULL AND status = ? AND campaign_year = ?").get(status, DEMO_YEAR)) as { n: number }).n;
    expect(tail.at(-1)).toBe(`Not in the ranking: ${outside('draft')} draft(s), ${outside('returned')} returned.`);
  });

  it('rank --lang vi prints the group in Vietnamese and totals with a decimal comma', async () => {
    const rank = await tdcs(['--data-dir', data.dir, '--lang', 'vi', 'rank', '--campaign', String(DEMO_YEAR)]);
    expect(rank.code).toBe(0);
    const lines = rank.out.split('\n');
    expect(lines[0]).toBe(`Xếp hạng năm ${DEMO_YEAR} — Tập thể`);
    expect(lines[3]).toMatch(/^\s+1\.\s+\d+,\d{2}\s+\S/);
    expect(rank.out).not.toMatch(/\d\.\d{2}\s/);
    const individual = await tdcs(['--data-dir', data.dir, '--lang', 'vi', 'rank', '--campaign', String(DEMO_YEAR), '--group', 'individual']);
    expect(individual.out.split('\n')[0]).toBe(`Xếp hạng năm ${DEMO_YEAR} — Cá nhân`);
  });

  it('backup --to writes a copy that opens with the same dossiers; a second time it refuses', async () => {
    const to = join(data.dir, 'backup.sqlite');
    const backup = await tdcs([...base, 'backup', '--to', to]);
    expect(backup.err).toEqual([]);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(to);
    const copy = new Database(to, { readonly: true });
    try {
      expect((copy.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(countRows(data.dir).dossiers);
    } finally {
      copy.close();
    }
    const again = await tdcs([...base, 'backup', '--to', to]);
    expect(again.code).toBe(1);
    expect(again.err).toHaveLength(1);
    expect(again.err[0]).toContain(to);
  });

  it('verify says the database is sound, then exits 1 listing the problem after tampering', async () => {
    const verify = await tdcs([...base, 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.out).toBe(`The database is sound (${countRows(data.dir).dossiers} dossiers checked).`);

    const first = withDatabase(data.dir, (db) => db.prepare('SELECT id FROM dossiers ORDER BY id LIMIT 1').get()) as { id: string };
    withDatabase(data.dir, (db) => db.prepare('UPDATE dossiers SET self_total = self_total + 7 WHERE id = ?').run(first.id), { readonly: false });
    const broken = await tdcs([...base, 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toContain(first.id);
    withDatabase(data.dir, (db) => db.prepare('UPDATE dossiers SET self_total = self_total - 7 WHERE id = ?').run(first.id), { readonly: false });
    expect((await tdcs([...base, 'verify'])).code).toBe(0);
  });
});

describe('the command line refuses clearly', () => {
  const data = temporaryDataDir('tdcs-cli-errors-');
  afterAll(() => data.remove());

  it('an unknown command: exit code 2 and one line on stderr', async () => {
    const result = await tdcs(['--data-dir', data.dir, '--lang', 'en', 'frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^tdcs: unknown command “frobnicate”/);
    expect(result.err[0]).not.toContain('\n');
    expect(result.out).toBe('');
  });

  it('no command prints the usage and exits 2; help exits 0', async () => {
    const none = await tdcs(['--data-dir', data.dir, '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.out).toMatch(/^Usage: tdcs/);
    const help = await tdcs(['--lang', 'vi', 'help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Cách dùng: tdcs/);
  });

  it('rank for a year without a campaign: exit 1 with one line, in English and in Vietnamese', async () => {
    const init = await tdcs(['--data-dir', data.dir, 'init', '--mode', 'branch', '--organisation', 'Chi nhánh NHCSXH tỉnh Tây Ninh', '--admin', 'admin'], `${PASSWORD}\n`);
    expect(init.code).toBe(0);

    const english = await tdcs(['--data-dir', data.dir, '--lang', 'en', 'rank', '--campaign', '2030']);
    expect(english.code).toBe(1);
    expect(english.err).toEqual(['tdcs: There is no campaign for 2030.']);
    expect(english.out).toBe('');

    const vietnamese = await tdcs(['--data-dir', data.dir, '--lang', 'vi', 'rank', '--campaign', '2030']);
    expect(vietnamese.code).toBe(1);
    expect(vietnamese.err).toEqual(['tdcs: Không có đợt thi đua năm 2030.']);
  });

  it('rank with a year that is not a number, or a wrong group: exit 2', async () => {
    const year = await tdcs(['--data-dir', data.dir, '--lang', 'en', 'rank', '--campaign', 'hai-nghìn']);
    expect(year.code).toBe(2);
    expect(year.err).toEqual(['tdcs: the option --campaign has a wrong value “hai-nghìn”']);
    const group = await tdcs(['--data-dir', data.dir, '--lang', 'en', 'rank', '--campaign', '2025', '--group', 'everyone']);
    expect(group.code).toBe(2);
    const missing = await tdcs(['--data-dir', data.dir, '--lang', 'en', 'rank']);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual(['tdcs: the option --campaign is required']);
  });

  it('init without a password on standard input fails and sets nothing up', async () => {
    const fresh = temporaryDataDir('tdcs-cli-nopass-');
    try {
      const result = await tdcs(['--data-dir', fresh.dir, '--lang', 'en', 'init', '--mode', 'office', '--organisation', 'PGD', '--admin', 'admin'], '');
      expect(result.code).not.toBe(0);
      expect(result.err).toEqual(['tdcs: no password on standard input']);
      const status = await tdcs(['--data-dir', fresh.dir, '--lang', 'en', 'status']);
      expect(status.out).toMatch(/Set up: no/);
    } finally {
      fresh.remove();
    }
  });

  it('init with a password that is too short fails with the field named', async () => {
    const fresh = temporaryDataDir('tdcs-cli-short-');
    try {
      const result = await tdcs(['--data-dir', fresh.dir, '--lang', 'en', 'init', '--mode', 'office', '--organisation', 'PGD', '--admin', 'admin'], 'short\n');
      expect(result.code).toBe(1);
      expect(result.err).toHaveLength(1);
      expect(result.err[0]).toContain('admin.password');
      expect(countRows(fresh.dir).users).toBe(0);
    } finally {
      fresh.remove();
    }
  });
});

describe('generate: a dataset at scale in an empty folder', () => {
  const data = temporaryDataDir('tdcs-generate-');
  afterAll(() => data.remove());

  it('sets up a branch, makes the collectives, individuals with Vietnamese names and evidence asked for, every one scored', async () => {
    const made = await tdcs(['--data-dir', data.dir, '--lang', 'vi', 'generate', '--dossiers', '130', '--individuals', '40', '--attachments', '3', '--password', 'mat-khau-thu-nghiem']);
    expect(made.err).toEqual([]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^Đã tạo \d+ đơn vị, 40 cá nhân, 170 hồ sơ và 170 tệp minh chứng/);
    expect(made.out).toContain('mat-khau-thu-nghiem');
    const collective = JSON.parse((await tdcs(['--data-dir', data.dir, 'rank', '--campaign', '2025', '--json'])).out) as RankJson;
    const individual = JSON.parse((await tdcs(['--data-dir', data.dir, 'rank', '--campaign', '2025', '--group', 'individual', '--json'])).out) as RankJson;
    expect(collective.rows).toHaveLength(rankedCount(data.dir, 'collective'));
    expect(individual.rows).toHaveLength(rankedCount(data.dir, 'individual'));
    expect(rankedCount(data.dir, 'collective') + rankedCount(data.dir, 'individual')).toBeGreaterThan(100);
    const people = withDatabase(data.dir, (db) => db.prepare('SELECT full_name, gender FROM people').all()) as { full_name: string; gender: string }[];
    expect(people).toHaveLength(40);
    expect(people.every((person) => /^\S+ \S+ \S+$/.test(person.full_name))).toBe(true);
    expect(hasVietnameseDiacritics(people.map((person) => person.full_name).join(' '))).toBe(true);
    expect(new Set(people.map((person) => person.gender))).toEqual(new Set(['female', 'male']));
    expect(countRows(data.dir).dossiers).toBe(170);
    expect((await tdcs(['--data-dir', data.dir, 'verify'])).code).toBe(0);
    // A folder with data is never filled again.
    const again = await tdcs(['--data-dir', data.dir, '--lang', 'en', 'generate', '--dossiers', '10']);
    expect(again.code).toBe(1);
    expect(countRows(data.dir).dossiers).toBe(170);
  });
});
