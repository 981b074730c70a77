import type { AuditAction, AuditChange, AuditEntry } from '../../shared/domain/audit';
import type { Connection } from './connection';
import { statement } from './statements';

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor: string;
  action: AuditAction;
  record_type: string | null;
  record_id: string | null;
  record_label: string | null;
  change: string;
  prev_hash: string;
  hash: string;
}

/** An entry as stored: the change is kept as the exact JSON text the hash covers. */
export interface StoredAuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actor: string;
  action: string;
  recordType: string | null;
  recordId: string | null;
  recordLabel: string | null;
  changeText: string;
  prevHash: string;
  hash: string;
}

function storedFromRow(row: AuditRow): StoredAuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actor: row.actor,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    recordLabel: row.record_label,
    changeText: row.change,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function entryFromRow(row: AuditRow): AuditEntry {
  let change: AuditChange = {};
  try {
    change = JSON.parse(row.change) as AuditChange;
  } catch {
    // An entry edited by hand into something unreadable still lists; `audit verify` names it.
  }
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actor: row.actor,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    recordLabel: row.record_label,
    change,
    hash: row.hash,
  };
}

export function insertAuditEntry(db: Connection, entry: StoredAuditEntry): void {
  statement(db, 'INSERT INTO audit_log (seq, at, actor_id, actor, action, record_type, record_id, record_label, change, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    entry.seq,
    entry.at,
    entry.actorId,
    entry.actor,
    entry.action,
    entry.recordType,
    entry.recordId,
    entry.recordLabel,
    entry.changeText,
    entry.prevHash,
    entry.hash,
  );
}

export function lastAuditEntry(db: Connection): StoredAuditEntry | null {
  const row = statement(db, 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditRow | undefined;
  return row ? storedFromRow(row) : null;
}

/** Every entry in order, one at a time (the chain can be long). */
export function* auditChain(db: Connection): Generator<StoredAuditEntry> {
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) yield storedFromRow(row);
}

export interface AuditFilter {
  actorId?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  /** Inclusive ISO date bounds. */
  from?: string | undefined;
  to?: string | undefined;
  /** An action, or a family of them ("dossier" matches "dossier.updated"). */
  action?: string | undefined;
}

function whereOf(filter: AuditFilter): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.actorId !== undefined) {
    clauses.push('actor_id = ?');
    params.push(filter.actorId);
  }
  if (filter.recordType !== undefined) {
    clauses.push('record_type = ?');
    params.push(filter.recordType);
  }
  if (filter.recordId !== undefined) {
    clauses.push('record_id = ?');
    params.push(filter.recordId);
  }
  if (filter.from !== undefined) {
    clauses.push('at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    // The whole last day: every time of that day sorts before the next day's date.
    clauses.push('at < ?');
    params.push(nextDay(filter.to));
  }
  if (filter.action !== undefined) {
    clauses.push('(action = ? OR action LIKE ?)');
    params.push(filter.action, `${filter.action.replace(/[%_]/g, '')}.%`);
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** A page of entries, newest first, and how many match in all. */
export function listAuditEntries(db: Connection, filter: AuditFilter, offset: number, limit: number): { entries: AuditEntry[]; total: number } {
  const { sql, params } = whereOf(filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${sql}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM audit_log ${sql} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(...params, limit, offset) as AuditRow[];
  return { entries: rows.map(entryFromRow), total };
}

export function countAuditEntries(db: Connection): number {
  return (statement(db, 'SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}
