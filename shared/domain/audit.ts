import { z } from 'zod';

/** Everything the audit log records, one name per kind of write. */
export const AUDIT_ACTIONS = [
  'setup.initialised',
  'settings.language',
  'auth.signedIn',
  'auth.signInFailed',
  'auth.signedOut',
  'auth.passwordChanged',
  'account.created',
  'account.updated',
  'account.disabled',
  'account.enabled',
  'account.passwordReset',
  'security.updated',
  'campaign.updated',
  'scheme.saved',
  'scheme.rescored',
  'unit.created',
  'unit.updated',
  'unit.retired',
  'unit.restored',
  'person.created',
  'person.updated',
  'person.retired',
  'person.restored',
  'registry.imported',
  'dossier.created',
  'dossier.updated',
  'dossier.statusChanged',
  'dossier.returned',
  'dossier.adjusted',
  'dossier.adjustmentWithdrawn',
  'attachment.added',
  'attachment.removed',
  'review.saved',
  'review.deleted',
  'exchange.exported',
  'exchange.imported',
  'exchange.peerRevoked',
  'exchange.peerTrusted',
  'exchange.installationReplaced',
  'council.memberAdded',
  'council.memberUpdated',
  'council.memberRemoved',
  'council.meetingRecorded',
  'council.meetingUpdated',
  'ballot.entered',
  'ballot.accepted',
  'ballot.recount',
  'decision.recorded',
  'decision.withdrawn',
  'round.locked',
  'round.reopened',
  'campaign.started',
  'award.recorded',
  'backup.created',
  'backup.restored',
  'demo.loaded',
  'documents.settingsSaved',
  'documents.templateImported',
  'documents.templateReset',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A short value in a before/after: enough to see what changed, never a whole record or a password. */
export type AuditValue = string | number | boolean | null;

/** What changed: a few fields before and after, and a note (a reason, a file name). */
export interface AuditChange {
  before?: Record<string, AuditValue>;
  after?: Record<string, AuditValue>;
  note?: string;
}

/** One entry of the hash-chained audit log. */
export interface AuditEntry {
  seq: number;
  at: string;
  /** The account that acted, if any (null for the command line's operator and for the system). */
  actorId: string | null;
  /** Who acted, as shown: a username, "operator:<system user>" or "system". */
  actor: string;
  action: AuditAction;
  recordType: string | null;
  recordId: string | null;
  /** The record's name when it was written (a unit, a person, an account's user name): what a reader recognises. */
  recordLabel: string | null;
  change: AuditChange;
  /** SHA-256 of the previous entry's hash and this entry's content. */
  hash: string;
}

export const auditQuerySchema = z.strictObject({
  /** An account's id; a person who is not an administrator always sees only their own entries. */
  actorId: z.string().max(64).optional(),
  recordType: z.string().max(40).optional(),
  recordId: z.string().max(200).optional(),
  /** Dates (yyyy-mm-dd), both included. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  action: z.string().max(60).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10_000).default(200),
});

export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

/** The result of walking the chain: every link checked, or the first one that does not hold. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose link is broken (edited, deleted before it, or out of order) and why. */
  firstBroken: { seq: number; reason: 'hash' | 'previous' | 'sequence' | 'head' } | null;
}
