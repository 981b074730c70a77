import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Core } from '../../electron/core';
import { DATABASE_FILE } from '../../electron/core';
import type { CallResponse } from '../../shared/contract/envelope';
import type { DossierContent, DossierSaveInput } from '../../shared/domain/dossier';
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

/** One call as a transport makes it, with an explicit session and operator flag. */
export function rawCall(core: Core, call: string, input: unknown, session: string | null = null, operator = false): Promise<CallResponse> {
  return core.call({ call, input, session }, operator);
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
