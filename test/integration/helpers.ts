import Database from 'better-sqlite3';
import { migration007 } from '../../electron/db/migrations/007-stored-scores';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Core } from '../../electron/core';
import { DATABASE_FILE } from '../../electron/core';
import type { CallResponse } from '../../shared/contract/envelope';
import type { DossierContent, DossierSaveInput } from '../../shared/domain/dossier';
import { nomineeGroupOf, type NomineeGroup, type NomineeKind } from '../../shared/domain/kinds';
import { REPORT_HEADINGS, REPORT_MIN_WORDS } from '../../shared/domain/report-template';
import { leafCriteria, manualCriteria } from '../../shared/scoring/leaves';
import type { Indicator, Scheme } from '../../shared/scoring/types';
import type { UnitInput } from '../../shared/domain/unit';

/** Row counts of the tables a bad call must never touch, read through a separate read-only connection. */
export interface Counts {
  users: number;
  settings: number;
  campaigns: number;
  schemes: number;
  units: number;
  dossiers: number;
}

/** What each migration after 5 added, taken away again: a database as an older build wrote it. */
const UNDO: Record<number, (db: Database.Database) => void> = {
  9: (db) => {
    for (const trigger of ['stale_on_dossier_status', 'stale_on_ballot_insert', 'stale_on_ballot_update', 'stale_on_ballot_delete']) db.exec(`DROP TRIGGER ${trigger}`);
    // The scores' table as migration 007 made it (it is derived: it is filled again at the next start).
    db.exec('DROP TABLE dossier_scores');
    const sql = migration007.sql;
    db.exec(sql.slice(sql.indexOf('CREATE TABLE dossier_scores'), sql.indexOf('CREATE TABLE stale_scores')));
    db.exec('INSERT OR IGNORE INTO stale_scores SELECT id FROM dossiers');
  },
  8: (db) => {
    for (const table of ['awards', 'campaign_rounds', 'council_decisions', 'ballots', 'ballot_entries', 'meeting_attendance', 'meetings']) db.exec(`DROP TABLE ${table}`);
    // SQLite cannot drop a column that refers to another table: the score sheets' table is made again without it
    // (with the triggers it had).
    const definition = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'reviews'").pluck().get() as string;
    const triggers = db.prepare("SELECT sql FROM sqlite_schema WHERE type IN ('trigger', 'index') AND tbl_name = 'reviews' AND sql IS NOT NULL").pluck().all() as string[];
    const columns = (db.prepare("SELECT name FROM pragma_table_info('reviews') WHERE name <> 'member_id'").pluck().all() as string[]).join(', ');
    db.exec('ALTER TABLE reviews RENAME TO reviews_with_members');
    db.exec(definition.replace(/,\s*member_id TEXT REFERENCES council_members\(id\)/, ''));
    db.exec(`INSERT INTO reviews (${columns}) SELECT ${columns} FROM reviews_with_members`);
    db.exec('DROP TABLE reviews_with_members');
    for (const sql of triggers) db.exec(sql);
    db.exec('DROP TABLE council_members');
  },
  7: (db) => {
    const triggers = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%stale_scores%'").pluck().all() as string[];
    for (const name of triggers) db.exec(`DROP TRIGGER ${name}`);
    db.exec('DROP TABLE stale_scores; DROP TABLE dossier_scores; DROP INDEX dossiers_by_person; DROP INDEX dossiers_by_scheme');
    db.prepare("DELETE FROM settings WHERE key = 'storedScoresVersion'").run();
  },
  6: (db) => {
    db.exec('DROP INDEX exchanges_by_sender');
    for (const column of ['used_by', 'used_at', 'voided_at']) db.exec(`ALTER TABLE issued_setups DROP COLUMN ${column}`);
    db.exec('ALTER TABLE exchanges DROP COLUMN sender_installation');
  },
};

/**
 * Takes a database back to the schema of an older build (5 at the earliest), so that a migration can be tested on
 * "the database the previous version wrote": what each later migration added is removed, newest first.
 */
export function asSchema(db: Database.Database, version: number): void {
  db.pragma('foreign_keys = OFF');
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let step = current; step > version; step -= 1) UNDO[step]?.(db);
  db.pragma(`user_version = ${version}`);
  db.pragma('foreign_keys = ON');
}

/** How many dossiers of a campaign's group enter its ranking (marked ready, sent, or received; never drafts or returned ones). */
export function rankedCount(dataDir: string, group: NomineeGroup, campaignYear = 2025): number {
  const kinds = withDatabase(dataDir, (db) => db.prepare("SELECT nominee_kind AS kind FROM dossiers WHERE campaign_year = ? AND status IN ('ready', 'exported', 'received')").all(campaignYear)) as { kind: NomineeKind }[];
  return kinds.filter((row) => nomineeGroupOf(row.kind) === group).length;
}

/**
 * Marks dossiers ready in the file itself, as a test's shortcut past the checklist (evidence, report): the database
 * queues their scores again whoever changes their status.
 */
export function markReadyInFile(dataDir: string, dossierIds: readonly string[]): void {
  withDatabase(dataDir, (db) => { for (const id of dossierIds) db.prepare("UPDATE dossiers SET status = 'ready' WHERE id = ?").run(id); }, { readonly: false });
}

/** Opens the installation's database file directly (read-only unless asked), runs `work`, closes it. */
export function withDatabase<T>(dataDir: string, work: (db: Database.Database) => T, options: { readonly?: boolean } = {}): T {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: options.readonly ?? true, fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function countRows(dataDir: string): Counts {
  return withDatabase(dataDir, (db) => {
    const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      users: count('users'),
      settings: count('settings'),
      campaigns: count('campaigns'),
      schemes: count('schemes'),
      units: count('units'),
      dossiers: count('dossiers'),
    };
  });
}

/** Every row of a table as plain objects, to compare "nothing changed" exactly. */
export function tableRows(dataDir: string, table: string): unknown[] {
  return withDatabase(dataDir, (db) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all());
}

/**
 * One call as a transport makes it, with an explicit session and operator flag; file paths are vouched for as the
 * desktop's dialogs do (the browser transport's refusal of paths has its own tests).
 */
export function rawCall(core: Core, call: string, input: unknown, session: string | null = null, operator = false): Promise<CallResponse> {
  return core.call({ call, input, session }, { operator, paths: 'any' });
}

export function commune(name: string): UnitInput {
  return { name, kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Tân Biên', parentOfficeId: null };
}

/** A complete, plausible dossier for the 2025 collective scheme. */
export function goodContent(overrides: Partial<DossierContent> = {}): DossierContent {
  return {
    indicators: {
      outstandingLoans: 152_000,
      outstandingLoansPlan: 150_000,
      inspectionsDone: 11,
      inspectionsPlanned: 12,
      overdueRatio: 0.24,
      overdueRatioChange: -0.05,
      outstandingInterestRatio: 0.03,
      householdSavingsGrowth: 7.5,
      goodGroupsShare: 91.2,
      weakGroups: 1,
      guidanceIssued: true,
      meetingsHeld: 12,
      meetingsPlanned: 12,
      violationsUnhandled: 0,
      seriousViolation: false,
      entrustedBudgetCapital: true,
      mediaArticles: 3,
    },
    selfScores: {
      participation: { points: 1300, justification: 'Chỉ đạo sát sao, phối hợp chặt chẽ.' },
      recordsQuality: { points: 450, justification: 'Hồ sơ, sổ sách đầy đủ.' },
      goodModels: { points: 50, justification: 'Mô hình Tổ TK&VV kiểu mẫu.' },
    },
    report: 'I. ĐẶC ĐIỂM, TÌNH HÌNH\nỦy ban nhân dân xã phối hợp tốt với NHCSXH.',
    discipline: 'none',
    womenShare: 42,
    ...overrides,
  };
}

export function dossierInput(unitId: string, content: DossierContent = goodContent()): DossierSaveInput {
  return { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId, content };
}

/** A fake terminal for the CLI: what it printed, and what it reads on standard input. */
export function fakeIo(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (text: string) => void out.push(text),
      stderr: (text: string) => void err.push(text),
      readStdin: () => Promise.resolve(stdin),
    },
  };
}

/** True when the text has Vietnamese letters with diacritics. */
export function hasVietnameseDiacritics(text: string): boolean {
  return /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu.test(text);
}

/** Every row of every table, to show that a refused call wrote nothing at all (not just no dossier). */
export function databaseSnapshot(dataDir: string): Record<string, unknown[]> {
  return withDatabase(dataDir, (db) => {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  });
}

/** Row counts of the office's own tables (people, evidence, drafts). */
export function officeCounts(dataDir: string): { people: number; attachments: number; links: number; drafts: number } {
  return withDatabase(dataDir, (db) => {
    const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { people: count('people'), attachments: count('attachments'), links: count('dossier_attachments'), drafts: count('drafts') };
  });
}

/** The blob files under <dataDir>/attachments, as "ab/abcdef…" paths, sorted. */
export function blobFiles(dataDir: string): string[] {
  const root = join(dataDir, 'attachments');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(root, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

const FILLER = 'Trong năm qua đơn vị đã phối hợp chặt chẽ với Ngân hàng Chính sách xã hội triển khai cho vay đúng đối tượng hộ nghèo cận nghèo';

/** An achievement report with the template's three headings and at least `words` words under them. */
export function reportText(group: NomineeGroup, words = REPORT_MIN_WORDS + 10): string {
  const filler = FILLER.split(' ');
  const body = Array.from({ length: words }, (_unused, index) => filler[index % filler.length]).join(' ');
  const [first, second, third] = REPORT_HEADINGS[group];
  return `${first}\n${body}.\n\n${second}\nHoàn thành các chỉ tiêu được giao.\n\n${third}\nGiấy khen năm 2024.`;
}

/** A sensible value for an indicator: inside its range, with the decimals it accepts. */
function sensibleValue(indicator: Indicator): number | boolean {
  if (indicator.unit === 'yesNo') return true;
  const value = Math.min(indicator.max, Math.max(indicator.min, 12.5));
  const factor = 10 ** indicator.decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Complete content for any scheme, built from the scheme itself (so it follows the scheme as the council edits it):
 * every indicator filled, every manual criterion scored half-way and justified, a report with the template's headings.
 */
export function completeContent(scheme: Scheme, kind: NomineeKind, overrides: Partial<DossierContent> = {}): DossierContent {
  const indicators: DossierContent['indicators'] = {};
  for (const indicator of scheme.indicators) indicators[indicator.key] = sensibleValue(indicator);
  const selfScores: DossierContent['selfScores'] = {};
  for (const criterion of manualCriteria(scheme)) {
    const step = criterion.rule?.type === 'manual' && criterion.rule.step > 0 ? criterion.rule.step : 1;
    selfScores[criterion.id] = { points: Math.floor(criterion.max / 2 / step) * step, justification: `Đã thực hiện tốt nội dung “${criterion.label.vi}”.` };
  }
  return { indicators, selfScores, report: reportText(nomineeGroupOf(kind)), discipline: 'none', womenShare: 45, ...overrides };
}

/**
 * Content that earns every criterion's full points and passes every gate (each indicator at the value its rule
 * rewards most, every self-assessed criterion at its maximum): an eligible dossier, for tests of what comes after.
 */
export function eligibleContent(scheme: Scheme, kind: NomineeKind): DossierContent {
  const content = completeContent(scheme, kind);
  const set = (key: string, value: number | boolean) => {
    const indicator = scheme.indicators.find((candidate) => candidate.key === key);
    content.indicators[key] = typeof value === 'number' && indicator ? Math.min(indicator.max, Math.max(indicator.min, value)) : value;
  };
  for (const criterion of leafCriteria(scheme)) {
    const rule = criterion.rule;
    if (!rule) continue;
    switch (rule.type) {
      case 'manual':
        content.selfScores[criterion.id] = { points: criterion.max, justification: 'Hoàn thành xuất sắc.' };
        break;
      case 'thresholds': {
        const best = [...rule.steps].sort((a, b) => b.points - a.points)[0];
        if (best) set(rule.indicator, best.bound);
        break;
      }
      case 'linear':
        set(rule.indicator, rule.fullAt);
        break;
      case 'ratio':
        set(rule.plan, 100);
        set(rule.indicator, rule.fullAtPercent);
        break;
      case 'yesNo':
        set(rule.indicator, rule.pointsWhen);
        break;
      case 'deduction':
        set(rule.indicator, 0);
        break;
    }
  }
  for (const { condition } of scheme.gates) set(condition.indicator, condition.type === 'is' ? condition.value : condition.bound);
  return content;
}

const CRC_TABLE = Array.from({ length: 256 }, (_unused, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG and ZIP use it. */
export function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
