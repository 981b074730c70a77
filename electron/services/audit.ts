import { createHash } from 'node:crypto';
import type { AuditAction, AuditChange, AuditPage, AuditQuery, AuditValue, AuditVerification } from '../../shared/domain/audit';
import { auditQuerySchema } from '../../shared/domain/audit';
import { auditChain, insertAuditEntry, lastAuditEntry, listAuditEntries, type StoredAuditEntry } from '../db/audit';
import { readSetting, writeSetting } from '../db/settings';
import type { ServiceContext } from './context';

/** The link before the first entry. */
const GENESIS = '0'.repeat(64);
/** A value in a before/after is a glimpse, not a copy of the record. */
const VALUE_CHARS = 200;

export interface AuditRecord {
  type: string;
  id: string;
  /** Its name as a reader knows it (a unit's, a person's, a user name), kept as it was at the time. */
  label?: string | undefined;
}

function hashOf(entry: Omit<StoredAuditEntry, 'hash'>): string {
  const content = JSON.stringify([entry.seq, entry.prevHash, entry.at, entry.actorId, entry.actor, entry.action, entry.recordType, entry.recordId, entry.recordLabel, entry.changeText]);
  return createHash('sha256').update(content).digest('hex');
}

function shortened(values: Record<string, AuditValue> | undefined): Record<string, AuditValue> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' && value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS)}…` : value]));
}

/** When both sides are given, only the fields that changed are kept: the entry says what changed, not everything. */
function onlyChanged(before: Record<string, AuditValue> | undefined, after: Record<string, AuditValue> | undefined): { before?: Record<string, AuditValue>; after?: Record<string, AuditValue> } {
  if (!before || !after) return { before, after };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => before[key] !== after[key]);
  if (keys.length === 0) return { before, after };
  return { before: Object.fromEntries(keys.filter((key) => key in before).map((key) => [key, before[key] ?? null])), after: Object.fromEntries(keys.filter((key) => key in after).map((key) => [key, after[key] ?? null])) };
}

/**
 * Appends an entry to the audit log, chained to the one before it. Must run inside the transaction of the write it
 * records: the entry and the write are committed together, or neither is.
 */
export function audit(context: ServiceContext, action: AuditAction, record: AuditRecord | null, change: AuditChange = {}): void {
  if (!context.db.inTransaction) throw new Error(`audit entry ${action} outside a transaction`);
  const last = lastAuditEntry(context.db);
  const trimmed: AuditChange = {};
  const { before, after } = onlyChanged(shortened(change.before), shortened(change.after));
  if (before) trimmed.before = before;
  if (after) trimmed.after = after;
  if (change.note !== undefined) trimmed.note = change.note.slice(0, VALUE_CHARS * 2);
  const entry = {
    seq: (last?.seq ?? 0) + 1,
    at: context.now(),
    actorId: context.actor.id,
    actor: context.actor.name,
    action,
    recordType: record?.type ?? null,
    recordId: record?.id ?? null,
    recordLabel: record?.label?.slice(0, VALUE_CHARS) ?? null,
    changeText: JSON.stringify(trimmed),
    prevHash: last?.hash ?? GENESIS,
  };
  const hash = hashOf(entry);
  insertAuditEntry(context.db, { ...entry, hash });
  // The head is kept apart from the rows, so that entries removed from the end are noticed too.
  writeSetting(context.db, 'auditHead', `${entry.seq}:${hash}`);
}

/** A page of the log; a person who is not an administrator sees only what they did themselves. */
export function listAudit(context: ServiceContext, query: AuditQuery): AuditPage {
  const parsed = auditQuerySchema.parse(query);
  const actorId = context.actor.role === 'admin' || context.actor.role === null ? parsed.actorId : (context.actor.id ?? '');
  return listAuditEntries(context.db, { ...parsed, actorId }, parsed.offset, parsed.limit);
}

/** Walks the whole chain: each entry's hash, its link to the one before, the numbering, and the stored head. */
export function verifyAudit(context: ServiceContext): AuditVerification {
  let previous: StoredAuditEntry | null = null;
  let entries = 0;
  for (const entry of auditChain(context.db)) {
    entries += 1;
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) return { ok: false, entries, firstBroken: { seq: entry.seq, reason: 'sequence' } };
    if (entry.prevHash !== (previous?.hash ?? GENESIS)) return { ok: false, entries, firstBroken: { seq: entry.seq, reason: 'previous' } };
    const { hash, ...content } = entry;
    if (hashOf(content) !== hash) return { ok: false, entries, firstBroken: { seq: entry.seq, reason: 'hash' } };
    previous = entry;
  }
  const head = readSetting(context.db, 'auditHead');
  const actual = previous ? `${previous.seq}:${previous.hash}` : null;
  if (head !== actual) {
    const headSeq = Number(head?.split(':')[0] ?? 0);
    return { ok: false, entries, firstBroken: { seq: Math.max(headSeq, (previous?.seq ?? 0) + 1), reason: 'head' } };
  }
  return { ok: true, entries, firstBroken: null };
}
