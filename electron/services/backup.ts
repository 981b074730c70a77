import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BackupResult, VerifyResult } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import { toScoreInput } from '../../shared/domain/dossier';
import { scoreDossier } from '../../shared/scoring/score';
import { campaignYears, findScheme } from '../db/campaigns';
import { listDossiersWithContent } from '../db/dossiers';
import type { ServiceContext } from './context';

/** Copies the database to `to` with SQLite's online backup, checks the copy, and only then gives it its name. */
export async function createBackup(context: ServiceContext, to: string): Promise<BackupResult> {
  const target = resolve(to);
  if (existsSync(target)) throw new AppError('backup.targetExists', { path: target });
  const partial = `${target}.partial`;
  try {
    await context.db.backup(partial);
    // The copy is one self-contained file: no WAL beside it, so it can be carried or restored as it is.
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    copy.close();
    if (check !== 'ok') throw new AppError('backup.failed', { detail: String(check) });
    renameSync(partial, target);
    return { path: target, bytes: statSync(target).size };
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('backup.failed', { detail: error instanceof Error ? error.message : String(error) });
  }
}

/** A full integrity check: SQLite's own, foreign keys, and every stored score against a fresh scoring. */
export function verifyDatabase(context: ServiceContext): VerifyResult {
  const problems: string[] = [];
  const integrity = context.db.pragma('integrity_check') as { integrity_check: string }[];
  for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(`integrity: ${row.integrity_check}`);
  const foreignKeys = context.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const row of foreignKeys) problems.push(`foreign key: ${row.table} row ${row.rowid} → ${row.parent}`);
  let dossiers = 0;
  for (const year of campaignYears(context.db)) {
    for (const dossier of listDossiersWithContent(context.db, year)) {
      dossiers += 1;
      const scheme = findScheme(context.db, dossier.schemeId, dossier.schemeVersion);
      if (!scheme) {
        problems.push(`dossier ${dossier.id}: scheme ${dossier.schemeId}@${dossier.schemeVersion} missing`);
        continue;
      }
      const total = scoreDossier(scheme, toScoreInput(dossier.content)).total;
      if (total !== dossier.selfTotal) problems.push(`dossier ${dossier.id}: stored total ${dossier.selfTotal} ≠ ${total}`);
    }
  }
  return { ok: problems.length === 0, problems, dossiers };
}
