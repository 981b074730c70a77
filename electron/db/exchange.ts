import type { ExchangeRecord, PackageKind, PeerInfo } from '../../shared/domain/exchange';
import type { Connection } from './connection';
import { statement } from './statements';

export interface PeerRow extends PeerInfo {
  signingKey: string;
  agreementKey: string;
}

interface PeerDbRow {
  installation_id: string;
  organisation: string;
  mode: 'branch' | 'office';
  office_unit_id: string | null;
  signing_key: string;
  agreement_key: string;
  fingerprint: string;
  status: 'trusted' | 'revoked';
  last_sequence: number;
}

function peerFromRow(row: PeerDbRow): PeerRow {
  return {
    installationId: row.installation_id,
    organisation: row.organisation,
    mode: row.mode,
    officeUnitId: row.office_unit_id,
    signingKey: row.signing_key,
    agreementKey: row.agreement_key,
    fingerprint: row.fingerprint,
    status: row.status,
    lastSequence: row.last_sequence,
  };
}

export function findPeer(db: Connection, installationId: string): PeerRow | null {
  const row = statement(db, 'SELECT * FROM peers WHERE installation_id = ?').get(installationId) as PeerDbRow | undefined;
  return row ? peerFromRow(row) : null;
}

export function listPeers(db: Connection): PeerRow[] {
  return (statement(db, 'SELECT * FROM peers ORDER BY mode, organisation').all() as PeerDbRow[]).map(peerFromRow);
}

export function upsertPeer(db: Connection, peer: PeerRow, now: string): void {
  statement(
    db,
    `INSERT INTO peers (installation_id, organisation, mode, office_unit_id, signing_key, agreement_key, fingerprint, status, last_sequence, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(installation_id) DO UPDATE SET organisation = excluded.organisation, office_unit_id = excluded.office_unit_id,
       status = excluded.status, last_sequence = excluded.last_sequence, updated_at = excluded.updated_at`,
  ).run(peer.installationId, peer.organisation, peer.mode, peer.officeUnitId, peer.signingKey, peer.agreementKey, peer.fingerprint, peer.status, peer.lastSequence, now, now);
}

export function setPeerStatus(db: Connection, installationId: string, status: 'trusted' | 'revoked', now: string): boolean {
  return statement(db, 'UPDATE peers SET status = ?, updated_at = ? WHERE installation_id = ?').run(status, now, installationId).changes > 0;
}

export function recordExchange(db: Connection, record: ExchangeRecord & { packageId: string; senderInstallation?: string | null }): void {
  statement(db, 'INSERT INTO exchanges (id, package_id, direction, kind, peer, sequence, file_name, summary, at, sender_installation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    record.id,
    record.packageId,
    record.direction,
    record.kind,
    record.peer,
    record.sequence,
    record.fileName,
    JSON.stringify(record.summary),
    record.at,
    record.senderInstallation ?? null,
  );
}

/** Whether this file (its package id), or another with its number from the same sender, was received already. */
export function wasReceived(db: Connection, senderInstallation: string, sequence: number, packageId: string): boolean {
  return (
    statement(db, "SELECT 1 FROM exchanges WHERE direction = 'in' AND ((sender_installation = ? AND sequence = ?) OR package_id = ?) LIMIT 1").get(senderInstallation, sequence, packageId) !==
    undefined
  );
}

export function listExchanges(db: Connection): ExchangeRecord[] {
  const rows = statement(db, 'SELECT * FROM exchanges ORDER BY at DESC, rowid DESC LIMIT 500').all() as {
    id: string;
    direction: 'in' | 'out';
    kind: PackageKind;
    peer: string;
    sequence: number;
    file_name: string;
    summary: string;
    at: string;
  }[];
  return rows.map((row) => ({ id: row.id, direction: row.direction, kind: row.kind, peer: row.peer, sequence: row.sequence, fileName: row.file_name, summary: JSON.parse(row.summary) as Record<string, number>, at: row.at }));
}

export function recordIssuedSetup(db: Connection, packageId: string, officeUnitId: string, now: string): void {
  statement(db, 'INSERT INTO issued_setups (package_id, office_unit_id, at) VALUES (?, ?, ?)').run(packageId, officeUnitId, now);
}

export function issuedSetupFor(db: Connection, officeUnitId: string): boolean {
  return statement(db, 'SELECT 1 FROM issued_setups WHERE office_unit_id = ? LIMIT 1').get(officeUnitId) !== undefined;
}

/** A setup file the branch wrote: for which office, and whether an installation enrolled with it or it was voided. */
export function findIssuedSetup(db: Connection, packageId: string): { officeUnitId: string; usedBy: string | null; voided: boolean } | null {
  const row = statement(db, 'SELECT office_unit_id, used_by, voided_at FROM issued_setups WHERE package_id = ?').get(packageId) as
    | { office_unit_id: string; used_by: string | null; voided_at: string | null }
    | undefined;
  return row ? { officeUnitId: row.office_unit_id, usedBy: row.used_by, voided: row.voided_at !== null } : null;
}

export function markSetupUsed(db: Connection, packageId: string, installationId: string, now: string): void {
  statement(db, 'UPDATE issued_setups SET used_by = ?, used_at = ? WHERE package_id = ? AND used_by IS NULL').run(installationId, now, packageId);
}

/** When an office's key is revoked: no setup file written for it so far may enrol an installation any more (but the one `keep` enrolled with). */
export function voidSetupsOf(db: Connection, officeUnitId: string, now: string, keep: string | null): void {
  statement(db, 'UPDATE issued_setups SET voided_at = ? WHERE office_unit_id = ? AND voided_at IS NULL AND (used_by IS NULL OR used_by IS NOT ?)').run(now, officeUnitId, keep);
}

/** The other trusted installations enrolled for an office unit. */
export function trustedPeersOfUnit(db: Connection, officeUnitId: string, except: string): PeerRow[] {
  return (statement(db, "SELECT * FROM peers WHERE office_unit_id = ? AND installation_id <> ? AND status = 'trusted' AND mode = 'office'").all(officeUnitId, except) as PeerDbRow[]).map(peerFromRow);
}

/** At the branch: mark a dossier received from an office (or returned with a reason). */
export function markReceived(db: Connection, dossierId: string, origin: string, late: boolean, now: string): void {
  statement(db, "UPDATE dossiers SET status = 'received', origin_installation = ?, received_at = ?, late = ?, return_reason = NULL WHERE id = ?").run(origin, now, late ? 1 : 0, dossierId);
}

export function markReturned(db: Connection, dossierId: string, reason: string, now: string): void {
  statement(db, "UPDATE dossiers SET status = 'returned', return_reason = ?, updated_at = ? WHERE id = ?").run(reason, now, dossierId);
}

/** At an office: the revisions written to a submission file. */
export function markExported(db: Connection, dossierId: string, revision: number, now: string): void {
  statement(db, "UPDATE dossiers SET status = 'exported', exported_revision = ?, updated_at = ? WHERE id = ? AND revision = ?").run(revision, now, dossierId, revision);
}

/** At an office: what the branch's receipt says of one revision. */
export function markOutcome(db: Connection, dossierId: string, revision: number, outcome: 'received' | 'returned', reason: string | null): boolean {
  return (
    statement(db, "UPDATE dossiers SET status = ?, return_reason = ? WHERE id = ? AND revision = ? AND status IN ('exported', 'received', 'returned')").run(
      outcome,
      reason,
      dossierId,
      revision,
    ).changes > 0
  );
}

export function dossierOrigins(db: Connection, origin: string): { id: string; revision: number; status: string; returnReason: string | null }[] {
  return (
    statement(db, 'SELECT id, revision, status, return_reason FROM dossiers WHERE origin_installation = ?').all(origin) as {
      id: string;
      revision: number;
      status: string;
      return_reason: string | null;
    }[]
  ).map((row) => ({ id: row.id, revision: row.revision, status: row.status, returnReason: row.return_reason }));
}

export function dossierOrigin(db: Connection, dossierId: string): string | null {
  const row = statement(db, 'SELECT origin_installation FROM dossiers WHERE id = ?').get(dossierId) as { origin_installation: string | null } | undefined;
  return row?.origin_installation ?? null;
}

/** Where a dossier came from: the installation that sent it (null: made here) and the office unit that installation is enrolled for. */
export function dossierProvenance(db: Connection, dossierId: string): { origin: string | null; officeUnitId: string | null } | null {
  const row = statement(db, 'SELECT d.origin_installation, p.office_unit_id FROM dossiers d LEFT JOIN peers p ON p.installation_id = d.origin_installation WHERE d.id = ?').get(dossierId) as
    | { origin_installation: string | null; office_unit_id: string | null }
    | undefined;
  return row ? { origin: row.origin_installation, officeUnitId: row.office_unit_id } : null;
}
