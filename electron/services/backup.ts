import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupResult, RestoreResult, VerifyResult } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import type { SecuritySettings } from '../../shared/domain/account';
import { BACKUP_REASONS, type BackupFile, type BackupReason, type BackupSource, type BackupSummary } from '../../shared/domain/backup';
import { toScoreInput } from '../../shared/domain/dossier';
import { criterionOrder } from '../../shared/scoring/points';
import { criterionPoints, scoreDossier } from '../../shared/scoring/score';
import type { Scheme } from '../../shared/scoring/types';
import { campaignYears, findScheme } from '../db/campaigns';
import { readBackupSummary } from '../db/backup-summary';
import { listDossiersWithContent } from '../db/dossiers';
import { findScore, scoreSource } from '../db/scores';
import { openSqliteFile } from '../db/driver';
import { markRestorePending, stagingPath } from '../db/restore';
import { readSetting } from '../db/settings';
import { flushFolder } from '../exchange/container';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';
import { securitySettings } from './security';
import { explainStoredScore, ScoreInputs } from './stored-scores';

export const BACKUP_FOLDER = 'backups';
const NAME = /^tdcs-(manual|import|restore|scheme|daily)-(\d{8}T\d{6})(\d{3})Z(?:-[a-z0-9]+)?\.sqlite$/;

/** "2026-12-06T01:02:03.456Z" → "20261206T010203456Z". */
function stamp(iso: string): string {
  return iso.replace(/[-:.]/g, '');
}

/** `tdcs-<reason>-<yyyymmddThhmmssmmm>Z[-n].sqlite`: the name says why and when, and sorts by time. */
function backupName(dataDir: string, reason: BackupReason, now: string): string {
  const base = `tdcs-${reason}-${stamp(now)}`;
  let name = `${base}.sqlite`;
  for (let n = 2; existsSync(join(dataDir, BACKUP_FOLDER, name)); n += 1) name = `${base}-${n}.sqlite`;
  return name;
}

function parseName(name: string): { reason: BackupReason; createdAt: string } | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, reason, time = '', millis = '000'] = match;
  const createdAt = `${time.slice(0, 4)}-${time.slice(4, 6)}-${time.slice(6, 8)}T${time.slice(9, 11)}:${time.slice(11, 13)}:${time.slice(13, 15)}.${millis}Z`;
  return (BACKUP_REASONS as readonly string[]).includes(reason ?? '') ? { reason: reason as BackupReason, createdAt } : null;
}

/** The backups in the data folder, newest first. */
export function listBackups(context: ServiceContext): BackupFile[] {
  const folder = join(context.dataDir, BACKUP_FOLDER);
  if (!existsSync(folder)) return [];
  const files: BackupFile[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseName(name);
    if (parsed) files.push({ name, ...parsed, bytes: statSync(join(folder, name)).size });
  }
  return files.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1));
}

function fsyncFile(path: string): void {
  const descriptor = openSync(path, 'r+');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** Checks an SQLite file completely (integrity, foreign keys) with this process's driver; throws backup.invalid. */
function checkCopy(path: string, makeSelfContained: boolean): void {
  let copy;
  try {
    copy = openSqliteFile(path, { fileMustExist: true });
  } catch (error) {
    throw new AppError('backup.invalid', { detail: error instanceof Error ? error.message.slice(0, 200) : '' });
  }
  try {
    // A backup is one self-contained file: no WAL beside it, so it can be carried or restored as it is.
    if (makeSelfContained) copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('backup.invalid', { detail: String(check).slice(0, 200) });
    if ((copy.pragma('foreign_key_check') as unknown[]).length > 0) throw new AppError('backup.invalid', { detail: 'foreign keys' });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('backup.invalid', { detail: error instanceof Error ? error.message.slice(0, 200) : '' });
  } finally {
    copy.close();
  }
}

/**
 * Copies the database with SQLite's online backup to a temporary name, checks the copy completely, flushes it, and
 * only then gives it its name: a file under a backup's name is always a whole, checked backup.
 */
async function writeCheckedCopy(context: ServiceContext, target: string): Promise<void> {
  // Named by this process: a copy a crash interrupted is swept at the next start, one still being written is not.
  const partial = `${target}.${process.pid}.partial`;
  try {
    await context.db.backup(partial);
    checkCopy(partial, true);
    fsyncFile(partial);
    renameSync(partial, target);
    flushFolder(dirname(target));
  } catch (error) {
    // The copy of a WAL database opens in WAL mode until it is switched: its log files go with it.
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('backup.failed', { detail: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
}

/**
 * Writes a backup into the data folder's backups/ (named by its reason and time) or to a file a person chose, without
 * recording it: the caller records it in the transaction of the change it protects (an import, a scheme edit), so
 * that a change that fails leaves no trace — and the caller then removes the backup with {@link discardBackup}.
 */
export async function writeBackup(context: ServiceContext, reason: BackupReason, to?: string): Promise<BackupResult> {
  const folder = join(context.dataDir, BACKUP_FOLDER);
  const name = to ? null : backupName(context.dataDir, reason, context.now());
  const target = to ? resolve(to) : join(folder, name as string);
  if (existsSync(target)) throw new AppError('backup.targetExists', { path: target });
  if (!to) mkdirSync(folder, { recursive: true });
  await writeCheckedCopy(context, target);
  return { path: target, name, bytes: statSync(target).size };
}

/** Records a backup in the audit log; runs inside the caller's transaction. */
export function recordBackup(context: ServiceContext, backup: BackupResult, reason: BackupReason): void {
  audit(context, 'backup.created', { type: 'backup', id: backup.name ?? backup.path, label: backup.name ?? basename(backup.path) }, { after: { reason, bytes: backup.bytes } });
}

/** A backup made for a change that did not happen: it equals the database as it still is, so it goes. */
export function discardBackup(backup: BackupResult): void {
  rmSync(backup.path, { force: true });
}

/** After a change that made an automatic backup: the retention rule decides which automatic backups stay. */
export function keepBackupsByRule(context: ServiceContext): void {
  pruneBackups(context, securitySettings(context));
}

/** Makes a backup on its own (from the menu, the backups page, the command line, the day's first start), recorded. */
export async function createBackup(context: ServiceContext, reason: BackupReason, to?: string): Promise<BackupResult> {
  const backup = await writeBackup(context, reason, to);
  inTransaction(context, () => recordBackup(context, backup, reason));
  if (!to && reason !== 'manual') keepBackupsByRule(context);
  return backup;
}

/** Which automatic backups the retention rule keeps: the newest `keepLast`, then the newest of each of `keepMonths` months. */
export function backupsToKeep(files: readonly BackupFile[], rule: Pick<SecuritySettings, 'backupKeepLast' | 'backupKeepMonths'>): Set<string> {
  const automatic = files.filter((file) => file.reason !== 'manual').sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const keep = new Set(automatic.slice(0, rule.backupKeepLast).map((file) => file.name));
  const months = new Set<string>();
  for (const file of automatic.slice(rule.backupKeepLast)) {
    const month = file.createdAt.slice(0, 7);
    if (months.has(month) || months.size >= rule.backupKeepMonths) continue;
    months.add(month);
    keep.add(file.name);
  }
  return keep;
}

/** Removes the automatic backups the retention rule does not keep; backups a person made are never removed. */
export function pruneBackups(context: ServiceContext, rule: SecuritySettings): void {
  const files = listBackups(context);
  const keep = backupsToKeep(files, rule);
  for (const file of files) if (file.reason !== 'manual' && !keep.has(file.name)) rmSync(join(context.dataDir, BACKUP_FOLDER, file.name), { force: true });
}

/** The day's first start makes a backup (once a day, whatever the number of starts). */
export async function dailyBackup(context: ServiceContext, lastDay: string | null, markDone: (day: string) => void): Promise<BackupResult | null> {
  const today = context.now().slice(0, 10);
  if (lastDay === today) return null;
  const result = await createBackup(context, 'daily');
  markDone(today);
  return result;
}

/** Where a backup to inspect or restore is on this computer. */
export function backupPath(context: ServiceContext, source: BackupSource): string {
  const path =
    'name' in source ? join(context.dataDir, BACKUP_FOLDER, source.name) : 'path' in source ? resolve(source.path) : join(context.dataDir, 'inbox', `${source.uploadId}.sqlite`);
  if (!existsSync(path) || !statSync(path).isFile()) throw new AppError('backup.notFound');
  return path;
}

/**
 * What a backup holds, read from a checked copy of it (the original, perhaps on a USB stick, is never opened for
 * writing): its date, its installation, its campaigns and counts, and the last entry of its audit log.
 */
export function inspectBackup(context: ServiceContext, source: BackupSource): BackupSummary {
  const path = backupPath(context, source);
  const staging = stagingPath(context.dataDir);
  try {
    const { installationId, newerThanThisVersion: _newer, ...summary } = stageBackup(path, staging);
    return { ...summary, bytes: statSync(path).size, sameInstallation: installationId === readSetting(context.db, 'installationId') };
  } finally {
    rmSync(staging, { force: true });
  }
}

/** Copies a backup to `staging` (in the data folder), checks it, and reads its summary. */
export function stageBackup(path: string, staging: string): ReturnType<typeof readBackupSummary> {
  mkdirSync(dirname(staging), { recursive: true });
  rmSync(staging, { force: true });
  try {
    copyDurably(path, staging);
    checkCopy(staging, true);
    return readBackupSummary(staging);
  } catch (error) {
    rmSync(staging, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('backup.invalid', { detail: error instanceof Error ? error.message.slice(0, 200) : '' });
  }
}

function copyDurably(from: string, to: string): void {
  copyFileSync(from, to);
  fsyncFile(to);
  flushFolder(dirname(to));
}

/** The stored ranking score of a dossier against its explanation computed afresh (decision 007). */
function rankingScoreProblems(context: ServiceContext, dossierId: string, scheme: Scheme, inputs: ScoreInputs): string[] {
  const stored = findScore(context.db, dossierId);
  const source = scoreSource(context.db, dossierId);
  const settings = source ? inputs.settings(source.campaignYear) : null;
  if (!stored) return [`dossier ${dossierId}: no ranking score stored`];
  if (!source || !settings) return [];
  const fresh = explainStoredScore(source, scheme, settings);
  const points = Object.fromEntries(criterionOrder(scheme).map((id) => [id, criterionPoints(fresh.result, id)]));
  const expected = { total: fresh.result.total, selfTotal: fresh.selfTotal, eligible: fresh.result.eligible, revision: source.revision, schemeVersion: source.schemeVersion, tieKeys: fresh.tieKeys, points };
  const found = { total: stored.total, selfTotal: stored.selfTotal, eligible: stored.eligible, revision: stored.revision, schemeVersion: stored.schemeVersion, tieKeys: stored.tieKeys, points: stored.points };
  return JSON.stringify(found) === JSON.stringify(expected) ? [] : [`dossier ${dossierId}: stored ranking score ${JSON.stringify(found)} ≠ ${JSON.stringify(expected)}`];
}

/** A full integrity check: SQLite's own, foreign keys, and every stored score against a fresh scoring. */
export function verifyDatabase(context: ServiceContext): VerifyResult {
  const problems: string[] = [];
  const integrity = context.db.pragma('integrity_check') as { integrity_check: string }[];
  for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(`integrity: ${row.integrity_check}`);
  const foreignKeys = context.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const row of foreignKeys) problems.push(`foreign key: ${row.table} row ${row.rowid} → ${row.parent}`);
  let dossiers = 0;
  const inputs = new ScoreInputs(context.db);
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
      problems.push(...rankingScoreProblems(context, dossier.id, scheme, inputs));
    }
  }
  return { ok: problems.length === 0, problems, dossiers };
}

/** What the core does for a restore: closes the database, puts the restored file in place, opens it again. */
export interface DatabaseSwap {
  /** Closes the database, finishes the pending restore, reopens (migrating if needed); returns the new context. */
  swap(): ServiceContext;
  /** True while an export is writing (a restore waits for it). */
  busy(): boolean;
}

/**
 * Restores a backup: shows nothing new (the summary was shown by inspect), checks the copy again, backs up the current
 * database first, then replaces it in a way that a crash at any moment finishes or leaves untouched
 * (see electron/db/restore.ts). Everyone must sign in again afterwards.
 */
export async function restoreBackup(context: ServiceContext, source: BackupSource, swap: DatabaseSwap): Promise<RestoreResult> {
  if (swap.busy()) throw new AppError('backup.busy');
  const path = backupPath(context, source);
  const ownInstallation = readSetting(context.db, 'installationId');
  const summary = stageBackup(path, stagingPath(context.dataDir));
  try {
    if (summary.newerThanThisVersion) throw new AppError('backup.tooNew');
    if (summary.mode !== readSetting(context.db, 'mode')) throw new AppError('backup.wrongMode', { mode: summary.mode ?? '' });
  } catch (error) {
    rmSync(stagingPath(context.dataDir), { force: true });
    throw error;
  }
  // The database as it is now, in case the restore was a mistake (recorded in the restored database's entry).
  const safety = await writeBackup(context, 'restore');
  markRestorePending(context.dataDir);
  const restored = { ...swap.swap(), actor: context.actor };
  inTransaction(restored, () =>
    audit(restored, 'backup.restored', { type: 'backup', id: 'name' in source ? source.name : 'path' in source ? source.path : source.fileName }, {
      note: `safety backup ${safety.name ?? ''}`,
      after: { dossiers: summary.dossiers, lastAuditSeq: summary.lastAudit?.seq ?? null },
    }),
  );
  const { installationId, newerThanThisVersion: _newer, ...shown } = summary;
  return { restored: { ...shown, bytes: statSync(path).size, sameInstallation: installationId === ownInstallation }, safetyBackup: safety.name ?? safety.path };
}
