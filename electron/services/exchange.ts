import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { mayExchange } from '../../shared/contract/access';
import type { ExchangeIdentity, ExportResult, exportRequestSchema, PackageSource } from '../../shared/contract/calls';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { checkAgainstScheme, toScoreInput, type DossierContent } from '../../shared/domain/dossier';
import {
  EXCHANGE_EXTENSION,
  fileNameSlug,
  IMPORT_CATEGORIES,
  PACKAGE_SENDER,
  type ImportCategory,
  type ImportDecision,
  type ImportItem,
  type ImportPlan,
  type ExchangeRecord,
  type Manifest,
  type PackageKind,
  type PeerInfo,
} from '../../shared/domain/exchange';
import type { Unit } from '../../shared/domain/unit';
import { scoreDossier } from '../../shared/scoring/score';
import type { RuleNote, Scheme } from '../../shared/scoring/types';
import { attachmentsOf, insertAttachmentBlob, isBlobKnown, linkAttachment } from '../db/attachments';
import { findCampaign, findScheme, insertCampaign, insertScheme, latestScheme, replaceScheme, updateCampaignRow } from '../db/campaigns';
import { findDossier, findDossierForNominee, insertDossier, listDossiersWithContent, updateDossier } from '../db/dossiers';
import {
  dossierOrigin,
  dossierOrigins,
  findPeer,
  issuedSetupFor,
  listExchanges,
  listPeers,
  markExported,
  markOutcome,
  markReceived,
  markReturned,
  recordExchange,
  recordIssuedSetup,
  setPeerStatus,
  upsertPeer,
  type PeerRow,
} from '../db/exchange';
import { findPerson, insertPerson, updatePerson } from '../db/people';
import { readSetting, writeSetting } from '../db/settings';
import { findUnit, insertUnit, listUnits, updateUnit } from '../db/units';
import { CONTAINER_LIMITS, flushFolder, readPackageFile, writeDurably, writeDurablyInBackground } from '../exchange/container';
import { fingerprint, publicKeysOf } from '../exchange/keys';
import { plainEntry, readPayload, verifyPackage, writePackage, type OutgoingFile, type VerifiedPackage, type WriteOptions } from '../exchange/package';
import { allocationPayload, enrolmentPayload, receiptPayload, resultsPayload, setupPayload, submissionPayload, type SubmissionPayload } from '../exchange/payloads';
import { allocateIndividualQuota } from './allocation';
import { blobPath, readBlob } from './attachments';
import { discardBackup, keepBackupsByRule, recordBackup, writeBackup } from './backup';
import { getCampaign } from './campaigns';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';
import { rankCampaign } from './ranking';

type Mode = 'branch' | 'office';

function ownMode(context: ServiceContext): Mode {
  const mode = readSetting(context.db, 'mode');
  if (mode !== 'branch' && mode !== 'office') throw new AppError('setup.notDone');
  return mode;
}

function ownId(context: ServiceContext): string {
  const id = readSetting(context.db, 'installationId');
  if (!id) throw new AppError('setup.notDone');
  return id;
}

function ownFingerprint(context: ServiceContext): string {
  return fingerprint(publicKeysOf(context.keys()));
}

/** This installation's identity as other installations see it. */
export function identity(context: ServiceContext): ExchangeIdentity {
  return {
    installationId: ownId(context),
    organisation: readSetting(context.db, 'organisationName') ?? '',
    mode: ownMode(context),
    fingerprint: ownFingerprint(context),
    officeUnitId: readSetting(context.db, 'officeUnitId'),
    peers: listPeers(context.db).map(({ signingKey: _s, agreementKey: _a, ...peer }) => peer),
  };
}

function sender(context: ServiceContext): Manifest['sender'] {
  const keys = publicKeysOf(context.keys());
  return {
    installationId: ownId(context),
    organisation: readSetting(context.db, 'organisationName') ?? '',
    mode: ownMode(context),
    officeUnitId: readSetting(context.db, 'officeUnitId'),
    signingKey: keys.signingKey,
    agreementKey: keys.agreementKey,
  };
}

function nextSequence(context: ServiceContext): number {
  const next = Number(readSetting(context.db, 'outgoingSequence') ?? '0') + 1;
  writeSetting(context.db, 'outgoingSequence', String(next));
  return next;
}

function trustedPeer(context: ServiceContext, installationId: string): PeerRow {
  const peer = findPeer(context.db, installationId);
  if (!peer) throw new AppError('exchange.notEnrolled');
  if (peer.status === 'revoked') throw new AppError('exchange.revokedSender', { name: peer.organisation });
  return peer;
}

function branchPeer(context: ServiceContext): PeerRow {
  const id = readSetting(context.db, 'branchInstallationId');
  if (!id) throw new AppError('exchange.notEnrolled');
  return trustedPeer(context, id);
}

type ExportRequest = z.infer<typeof exportRequestSchema>;

/** Whether the caller may write or read in this kind of file (the command line's operator may do everything). */
function requireExchangeRight(context: ServiceContext, kind: PackageKind, direction: 'export' | 'import'): void {
  if (context.actor.role !== null && !mayExchange(kind, direction, context.actor.role)) throw new AppError('exchange.kindForbidden', { kind });
}

function inboxPath(context: ServiceContext, uploadId: string): string {
  return join(context.dataDir, 'inbox', `${uploadId}${EXCHANGE_EXTENSION}`);
}

/** Browser mode: an uploaded file is removed once imported, or when the person cancels. */
export function discardUpload(context: ServiceContext, uploadId: string): void {
  rmSync(inboxPath(context, uploadId), { force: true });
}

/** A package's bytes from a path on this computer or from browser mode's inbox. */
export async function packageBytes(context: ServiceContext, source: PackageSource): Promise<{ bytes: Buffer; fileName: string }> {
  const path = 'path' in source ? source.path : inboxPath(context, source.uploadId);
  if (!existsSync(path) || !statSync(path).isFile()) throw new AppError('exchange.notFound');
  const size = statSync(path).size;
  if (size > CONTAINER_LIMITS.fileBytes) throw new AppError('exchange.tooLarge', { maximum: CONTAINER_LIMITS.fileBytes });
  // Read on the thread pool: a slow USB stick must not freeze the window while hundreds of MB come in.
  try {
    return { bytes: await readPackageFile(path, size), fileName: 'path' in source ? basename(source.path) : source.fileName };
  } catch {
    throw new AppError('exchange.truncated');
  }
}

function fileNameFor(kind: PackageKind, organisation: string, sequence: number, createdAt: string): string {
  return `${createdAt.slice(0, 10)}-${kind}-${fileNameSlug(organisation)}-${String(sequence).padStart(4, '0')}${EXCHANGE_EXTENSION}`;
}

interface Outgoing {
  recipient: Manifest['recipient'];
  encryptTo: string | null;
  payload: unknown;
  files: OutgoingFile[];
  items: number;
  /** What to record once the file is safely written (in the same transaction as the log). */
  afterWrite: (packageId: string) => void;
}

function submissionOutgoing(context: ServiceContext, campaignYear: number, dossierIds: string[] | undefined): Outgoing {
  const branch = branchPeer(context);
  const chosen = listDossiersWithContent(context.db, campaignYear).filter((dossier) =>
    dossierIds ? dossierIds.includes(dossier.id) : dossier.status === 'ready' || (dossier.status === 'exported' && dossier.exportedRevision !== dossier.revision),
  );
  if (chosen.length === 0) throw new AppError('exchange.nothingToSend');
  const files = new Map<string, OutgoingFile>();
  const dossiers: SubmissionPayload['dossiers'] = chosen.map((dossier) => {
    const unit = findUnit(context.db, dossier.unitId);
    if (!unit) throw new AppError('unit.notFound', { id: dossier.unitId });
    const person = dossier.personId ? findPerson(context.db, dossier.personId) : null;
    const attachments = attachmentsOf(context.db, dossier.id);
    for (const { sha256, size } of attachments) {
      // Read (and its hash checked) only when the writer reaches it: one evidence file in memory at a time.
      if (!files.has(sha256)) files.set(sha256, { path: `attachments/${sha256}`, size, read: () => readBlob(context.dataDir, sha256) });
    }
    return {
      id: dossier.id,
      revision: dossier.revision,
      nomineeKind: dossier.nomineeKind,
      unit,
      person: person ? { id: person.id, fullName: person.fullName, birthYear: person.birthYear, gender: person.gender, position: person.position } : null,
      schemeId: dossier.schemeId,
      schemeVersion: dossier.schemeVersion,
      content: dossier.content,
      attachments: attachments.map(({ sha256, fileName, size, mimeType }) => ({ sha256, fileName, size, mimeType })),
    };
  });
  return {
    recipient: { installationId: branch.installationId, officeUnitId: null, name: branch.organisation },
    encryptTo: branch.agreementKey,
    payload: { dossiers },
    files: [...files.values()],
    items: dossiers.length,
    afterWrite: () => {
      for (const dossier of chosen) markExported(context.db, dossier.id, dossier.revision, context.now());
    },
  };
}

function officeRecipient(context: ServiceContext, installationId: string | undefined): { peer: PeerRow; recipient: Manifest['recipient'] } {
  if (!installationId) throw new AppError('exchange.notEnrolled');
  const peer = trustedPeer(context, installationId);
  if (peer.mode !== 'office') throw new AppError('exchange.wrongMode');
  return { peer, recipient: { installationId: peer.installationId, officeUnitId: peer.officeUnitId, name: peer.organisation } };
}

function outgoingFor(context: ServiceContext, request: ExportRequest): Outgoing {
  const mode = ownMode(context);
  if (PACKAGE_SENDER[request.kind] !== mode) throw new AppError('exchange.wrongMode');
  const campaign = getCampaign(context, request.campaignYear);
  switch (request.kind) {
    case 'setup': {
      const office = request.officeUnitId ? findUnit(context.db, request.officeUnitId) : null;
      if (!office || office.kind !== 'transactionOffice') throw new AppError('unit.notFound', { id: request.officeUnitId ?? '' });
      const units = listUnitsForSetup(context);
      return {
        recipient: { installationId: null, officeUnitId: office.id, name: office.name },
        encryptTo: null,
        payload: {
          office: { unitId: office.id, name: office.name },
          branch: { organisation: readSetting(context.db, 'organisationName') ?? '' },
          campaign: { year: campaign.year, status: campaign.status, deadline: campaign.deadline, quotaCollectives: campaign.quotaCollectives, quotaIndividuals: campaign.quotaIndividuals, settings: campaign.settings },
          schemes: campaign.schemes,
          units,
        },
        files: [],
        items: units.length,
        afterWrite: (packageId) => recordIssuedSetup(context.db, packageId, office.id, context.now()),
      };
    }
    case 'enrolment': {
      const branch = branchPeer(context);
      return {
        recipient: { installationId: branch.installationId, officeUnitId: null, name: branch.organisation },
        encryptTo: null,
        payload: { officeUnitId: readSetting(context.db, 'officeUnitId') ?? '', organisation: readSetting(context.db, 'organisationName') ?? '' },
        files: [],
        items: 1,
        afterWrite: () => undefined,
      };
    }
    case 'submission':
      return submissionOutgoing(context, request.campaignYear, request.dossierIds);
    case 'receipt': {
      const { peer, recipient } = officeRecipient(context, request.officeInstallationId);
      const items = dossierOrigins(context.db, peer.installationId)
        .filter((dossier) => dossier.status === 'received' || dossier.status === 'returned')
        .map((dossier) => ({ dossierId: dossier.id, revision: dossier.revision, outcome: dossier.status as 'received' | 'returned', reason: dossier.returnReason }));
      return { recipient, encryptTo: peer.agreementKey, payload: { items }, files: [], items: items.length, afterWrite: () => undefined };
    }
    case 'allocation': {
      const { peer, recipient } = officeRecipient(context, request.officeInstallationId);
      const report = allocateIndividualQuota(context, request.campaignYear);
      const lines = report.allocation.lines.map((line) => ({ unitId: line.id, name: line.name, seats: line.seats }));
      return { recipient, encryptTo: peer.agreementKey, payload: { method: report.allocation.method, quota: report.allocation.quota, lines }, files: [], items: lines.length, afterWrite: () => undefined };
    }
    case 'results': {
      const { peer, recipient } = officeRecipient(context, request.officeInstallationId);
      const summary = (group: 'collective' | 'individual') => {
        const ranking = rankCampaign(context, request.campaignYear, group);
        const selected = new Set(ranking.selection.selected);
        return ranking.rows.map((row) => ({ position: row.position, name: row.unitName, total: row.total, selected: selected.has(row.dossierId) }));
      };
      const collectives = summary('collective');
      const individuals = summary('individual');
      return { recipient, encryptTo: peer.agreementKey, payload: { collectives, individuals }, files: [], items: collectives.length + individuals.length, afterWrite: () => undefined };
    }
  }
}

function listUnitsForSetup(context: ServiceContext) {
  return listUnits(context.db, true);
}

/**
 * Writes a package: gathered in one read transaction, then written entry by entry to a temporary name, flushed, read
 * back and checked, renamed, and only then recorded (sequence, exported revisions) in one transaction. A cancel or a
 * failure at any point leaves no file and no record.
 */
export async function exportPackage(context: ServiceContext, request: ExportRequest, options: WriteOptions = {}): Promise<ExportResult> {
  requireExchangeRight(context, request.kind, 'export');
  const createdAt = context.now();
  const { outgoing, sequence } = inTransaction(context, () => ({ outgoing: outgoingFor(context, request), sequence: Number(readSetting(context.db, 'outgoingSequence') ?? '0') + 1 }));
  const fileName = request.to ? basename(request.to) : fileNameFor(request.kind, readSetting(context.db, 'organisationName') ?? '', sequence, createdAt);
  const folder = join(context.dataDir, 'outbox');
  if (!request.to) mkdirSync(folder, { recursive: true });
  const path = request.to ?? join(folder, fileName);
  if (existsSync(path)) throw new AppError('exchange.fileExists', { path });
  const keys = context.keys();
  const from = sender(context);
  // Recorded in the same transaction that names the file: a file under its real name is always a recorded one.
  const record = (manifest: Manifest, name: () => void) =>
    inTransaction(context, () => {
      // Another export (the command line on the same data folder) took this number meanwhile: this file must not exist.
      if (nextSequence(context) !== sequence) throw new AppError('exchange.sequenceTaken', { sequence });
      outgoing.afterWrite(manifest.packageId);
      recordExchange(context.db, {
        id: randomUUID(),
        packageId: manifest.packageId,
        direction: 'out',
        kind: request.kind,
        peer: outgoing.recipient.name,
        sequence,
        fileName,
        at: createdAt,
        summary: { items: outgoing.items },
      });
      audit(context, 'exchange.exported', { type: 'package', id: manifest.packageId, label: fileName }, { after: { kindOfFile: request.kind, recipient: outgoing.recipient.name, sequence, items: outgoing.items }, note: fileName });
      name();
    });
  let written: Awaited<ReturnType<typeof writePackage>>;
  try {
    written = await writePackage(
      keys,
      { kind: request.kind, sender: from, recipient: outgoing.recipient, encryptTo: outgoing.encryptTo, campaignYear: request.campaignYear, sequence, createdAt, payload: outgoing.payload, files: outgoing.files },
      path,
      { ...options, record },
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A stick pulled out, a folder that is not there, a full or read-only device: a clear message, nothing recorded.
    throw new AppError('exchange.writeFailed', { path });
  }
  const { manifest, bytes } = written;
  return { path, fileName, bytes, packageId: manifest.packageId, sequence, items: outgoing.items };
}

function contentHash(content: DossierContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function note(key: string, params: Record<string, string | number> = {}): RuleNote {
  return { key, params };
}

interface Analysis {
  plan: ImportPlan;
  /** Evidence files the import will point to, to be stored before its transaction. */
  evidence: ReceivedFile[];
  /** Applies the plan; runs inside the import's transaction. */
  apply: () => void;
}

/** Who sent this, and may they: signature already checked; here the key, the mode, the recipient and the sequence. */
function judgeSender(context: ServiceContext, manifest: Manifest): { peer: PeerRow | null; firstContact: boolean; sequenceStatus: ImportPlan['sequenceStatus'] } {
  const mode = ownMode(context);
  if (PACKAGE_SENDER[manifest.kind] !== manifest.sender.mode || manifest.sender.mode === mode) throw new AppError('exchange.wrongMode');
  const peer = findPeer(context.db, manifest.sender.installationId);
  if (peer?.status === 'revoked') throw new AppError('exchange.revokedSender', { name: peer.organisation });
  if (peer && (peer.signingKey !== manifest.sender.signingKey || peer.agreementKey !== manifest.sender.agreementKey)) throw new AppError('exchange.keyMismatch', { name: peer.organisation });
  let firstContact = false;
  if (!peer) {
    if (manifest.kind === 'setup' && mode === 'office') {
      const branch = readSetting(context.db, 'branchInstallationId');
      if (branch && branch !== manifest.sender.installationId) throw new AppError('exchange.keyMismatch', { name: manifest.sender.organisation });
      firstContact = true;
    } else if (manifest.kind === 'enrolment' && mode === 'branch') {
      if (!manifest.sender.officeUnitId || !issuedSetupFor(context.db, manifest.sender.officeUnitId)) throw new AppError('exchange.unknownSender', { name: manifest.sender.organisation });
      firstContact = true;
    } else {
      throw new AppError('exchange.unknownSender', { name: manifest.sender.organisation });
    }
  }
  if (manifest.kind === 'setup') {
    const mine = readSetting(context.db, 'officeUnitId');
    if (mine && manifest.recipient.officeUnitId !== mine) throw new AppError('exchange.wrongRecipient', { name: manifest.recipient.name });
  } else if (manifest.recipient.installationId !== ownId(context)) {
    throw new AppError('exchange.wrongRecipient', { name: manifest.recipient.name });
  }
  const last = peer?.lastSequence ?? 0;
  const sequenceStatus: ImportPlan['sequenceStatus'] = !peer ? 'first' : manifest.sequence <= last ? 'replay' : manifest.sequence === last + 1 ? 'next' : 'gap';
  return { peer, firstContact, sequenceStatus };
}

function emptyCounts(): Record<ImportCategory, number> {
  return Object.fromEntries(IMPORT_CATEGORIES.map((category) => [category, 0])) as Record<ImportCategory, number>;
}

function isLate(deadline: string, now: string): boolean {
  return now.slice(0, 10) > deadline;
}

type ReceivedFile = SubmissionPayload['dossiers'][number]['attachments'][number];

function analyseSubmission(context: ServiceContext, verified: VerifiedPackage, items: ImportItem[], evidence: ReceivedFile[]): () => void {
  const parsed = submissionPayload.safeParse(readPayload(context.keys(), verified));
  if (!parsed.success) throw new AppError('exchange.malformed', { part: 'payload' });
  const origin = verified.manifest.sender.installationId;
  const now = context.now();
  const late = isLate(getCampaign(context, verified.manifest.campaignYear).deadline, now);
  const actions: (() => void)[] = [];
  // Thousands of dossiers share a dozen schemes: each is read and parsed once.
  const schemes = new Map<string, Scheme | null>();
  const schemeOf = (id: string, version: number): Scheme | null => {
    const key = `${id}@${version}`;
    if (!schemes.has(key)) schemes.set(key, findScheme(context.db, id, version) ?? latestScheme(context.db, id));
    return schemes.get(key) ?? null;
  };
  for (const incoming of parsed.data.dossiers) {
    const label = incoming.person?.fullName ?? incoming.unit.name;
    const existing = findDossier(context.db, incoming.id);
    const scheme = schemeOf(incoming.schemeId, incoming.schemeVersion);
    const push = (category: ImportCategory, reason: RuleNote | null) => items.push({ ref: incoming.id, label, revision: incoming.revision, category, reason });
    if (!scheme || !(scheme.kinds as string[]).includes(incoming.nomineeKind)) {
      push('rejected', note('exchangeItem.noScheme', { scheme: `${incoming.schemeId}@${incoming.schemeVersion}` }));
      continue;
    }
    const problems = checkAgainstScheme(scheme, incoming.content);
    if (problems.length > 0) {
      push('rejected', note('exchangeItem.invalid', { count: problems.length }));
      continue;
    }
    const missingFile = incoming.attachments.find((attachment) => !verified.entries.has(`attachments/${attachment.sha256}`));
    if (missingFile) {
      push('rejected', note('exchangeItem.missingFile', { name: missingFile.fileName }));
      continue;
    }
    if (existing) {
      const from = dossierOrigin(context.db, existing.id);
      if (from && from !== origin) {
        push('rejected', note('exchangeItem.otherOffice'));
        continue;
      }
      if (existing.revision > incoming.revision) {
        push('stale', note('exchangeItem.stale', { have: existing.revision }));
        continue;
      }
      if (existing.revision === incoming.revision) {
        if (contentHash(existing.content) === contentHash(incoming.content)) push('unchanged', null);
        else push('conflicting', note('exchangeItem.conflict', { revision: incoming.revision }));
        continue;
      }
    }
    const sameNominee = findDossierForNominee(context.db, verified.manifest.campaignYear, incoming.unit.id, incoming.person?.id ?? null, incoming.nomineeKind);
    if (sameNominee && sameNominee !== incoming.id) {
      push('conflicting', note('exchangeItem.sameNominee'));
      continue;
    }
    push(existing ? 'updated' : 'new', late ? note('exchangeItem.late') : null);
    evidence.push(...incoming.attachments);
    actions.push(() => {
      if (!findUnit(context.db, incoming.unit.id)) insertUnit(context.db, { ...incoming.unit, parentOfficeId: knownParentOffice(context, incoming.unit, verified.manifest.sender.officeUnitId) }, now);
      if (incoming.person) {
        const person = { ...incoming.person, unitId: incoming.unit.id, unitName: '', retired: false };
        if (findPerson(context.db, incoming.person.id)) updatePerson(context.db, person, now);
        else insertPerson(context.db, person, now);
      }
      const result = scoreDossier(scheme, toScoreInput(incoming.content));
      const record = {
        id: incoming.id,
        campaignYear: verified.manifest.campaignYear,
        nomineeKind: incoming.nomineeKind,
        unitId: incoming.unit.id,
        personId: incoming.person?.id ?? null,
        schemeId: scheme.id,
        schemeVersion: scheme.version,
        revision: incoming.revision,
        status: 'received' as const,
        content: incoming.content,
        selfTotal: result.total,
        eligible: result.eligible,
        complete: result.complete,
        createdBy: null,
      };
      if (existing) updateDossier(context.db, record, now);
      else insertDossier(context.db, record, now);
      for (const attachment of incoming.attachments) {
        // Normally stored already, before the transaction (storeReceivedEvidence); stored here if not.
        const size = existsSync(blobPath(context.dataDir, attachment.sha256)) ? statSync(blobPath(context.dataDir, attachment.sha256)).size : storeReceivedBlob(context, verified, attachment);
        insertAttachmentBlob(context.db, attachment.sha256, size, attachment.mimeType, now);
        linkAttachment(context.db, incoming.id, attachment.sha256, attachment.fileName, now);
      }
      markReceived(context.db, incoming.id, origin, late, now);
    });
  }
  return () => actions.forEach((action) => action());
}

/**
 * The parent office a unit first seen in a submission is filed under: its own when this installation knows that unit,
 * else the sending office's (which serves it), so that a unit the branch never saw cannot break the import.
 */
function knownParentOffice(context: ServiceContext, unit: Unit, senderOfficeUnitId: string | null): string | null {
  if (unit.parentOfficeId && findUnit(context.db, unit.parentOfficeId)) return unit.parentOfficeId;
  if (senderOfficeUnitId && senderOfficeUnitId !== unit.id && findUnit(context.db, senderOfficeUnitId)) return senderOfficeUnitId;
  return null;
}

/** One received evidence file, decrypted, checked against its name (its SHA-256) and written durably; returns its size. */
function storeReceivedBlob(context: ServiceContext, verified: VerifiedPackage, file: ReceivedFile): number {
  const bytes = receivedPlain(context, verified, file);
  mkdirSync(dirname(blobPath(context.dataDir, file.sha256)), { recursive: true });
  writeDurably(blobPath(context.dataDir, file.sha256), bytes);
  return bytes.length;
}

function receivedPlain(context: ServiceContext, verified: VerifiedPackage, file: ReceivedFile): Buffer {
  const bytes = plainEntry(context.keys(), verified, `attachments/${file.sha256}`);
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) throw new AppError('exchange.hashMismatch', { path: file.fileName });
  return bytes;
}

/** Files written at once; enough for the device to be busy while the next file is decrypted and checked. */
const EVIDENCE_WRITES_IN_FLIGHT = 8;

/**
 * The evidence of the dossiers about to be imported, stored before the transaction so that the device writes while
 * the next file is decrypted. Returns the files it wrote, for {@link removeStoredEvidence} if the import then fails.
 * Files are named by their SHA-256, so one left by a crash mid-import is harmless (nothing points to it) and is
 * reused whole by the retry.
 */
async function storeReceivedEvidence(context: ServiceContext, verified: VerifiedPackage, evidence: ReceivedFile[]): Promise<{ sha256: string; path: string }[]> {
  const pending = [...new Map(evidence.map((file) => [file.sha256, file])).values()].filter((file) => !existsSync(blobPath(context.dataDir, file.sha256)));
  const folders = new Set<string>();
  const writes = new Set<Promise<void>>();
  const written: { sha256: string; path: string }[] = [];
  let failure: unknown = null;
  try {
    for (const file of pending) {
      if (failure) break;
      const path = blobPath(context.dataDir, file.sha256);
      const bytes = receivedPlain(context, verified, file);
      mkdirSync(dirname(path), { recursive: true });
      folders.add(dirname(path));
      const write = writeDurablyInBackground(path, bytes).then(
        () => void written.push({ sha256: file.sha256, path }),
        (error: unknown) => {
          failure ??= error;
        },
      );
      writes.add(write);
      void write.finally(() => writes.delete(write));
      if (writes.size >= EVIDENCE_WRITES_IN_FLIGHT) await Promise.race(writes);
    }
  } catch (error) {
    failure ??= error;
  }
  await Promise.all(writes);
  if (failure) {
    removeStoredEvidence(context, written);
    throw failure instanceof AppError ? failure : new AppError('exchange.storeFailed');
  }
  // The renames reach the device before the transaction that points to the files commits.
  for (const folder of folders) flushFolder(folder);
  return written;
}

/**
 * An import that failed after storing its evidence takes the files back: nothing of it stays behind. A file that
 * something else (another import, an attachment added meanwhile) now points to is the other's, and stays.
 */
function removeStoredEvidence(context: ServiceContext, files: { sha256: string; path: string }[]): void {
  for (const file of files) if (!isBlobKnown(context.db, file.sha256)) rmSync(file.path, { force: true });
}

function analyseSetup(context: ServiceContext, verified: VerifiedPackage, items: ImportItem[]): () => void {
  const parsed = setupPayload.safeParse(readPayload(context.keys(), verified));
  if (!parsed.success) throw new AppError('exchange.malformed', { part: 'payload' });
  const setup = parsed.data;
  const now = context.now();
  for (const unit of setup.units) {
    const existing = findUnit(context.db, unit.id);
    items.push({ ref: unit.id, label: unit.name, revision: null, category: !existing ? 'new' : JSON.stringify(existing) === JSON.stringify(unit) ? 'unchanged' : 'updated', reason: null });
  }
  for (const scheme of setup.schemes) {
    const existing = findScheme(context.db, scheme.id, scheme.version);
    items.push({ ref: `${scheme.id}@${scheme.version}`, label: scheme.label, revision: scheme.version, category: !existing ? 'new' : JSON.stringify(existing) === JSON.stringify(scheme) ? 'unchanged' : 'updated', reason: null });
  }
  return () => {
    // Units come sorted by name, so an association ("Hội …") can precede its office ("Phòng giao dịch …"): check references at commit.
    context.db.pragma('defer_foreign_keys = ON');
    writeSetting(context.db, 'officeUnitId', setup.office.unitId);
    writeSetting(context.db, 'branchInstallationId', verified.manifest.sender.installationId);
    for (const unit of setup.units) {
      const existing = findUnit(context.db, unit.id);
      // An unchanged unit is left alone (the dry run calls it unchanged): importing the same file twice changes nothing.
      if (existing) {
        if (JSON.stringify(existing) !== JSON.stringify(unit)) updateUnit(context.db, unit, now);
      } else insertUnit(context.db, unit, now);
    }
    const campaign = { year: setup.campaign.year, status: setup.campaign.status, deadline: setup.campaign.deadline, quotaCollectives: setup.campaign.quotaCollectives, quotaIndividuals: setup.campaign.quotaIndividuals, settings: setup.campaign.settings };
    if (findCampaign(context.db, campaign.year)) updateCampaignRow(context.db, campaign);
    else insertCampaign(context.db, campaign, now);
    writeSetting(context.db, 'currentCampaignYear', String(campaign.year));
    for (const scheme of setup.schemes) {
      if (findScheme(context.db, scheme.id, scheme.version)) replaceScheme(context.db, scheme);
      else insertScheme(context.db, campaign.year, scheme, now);
    }
  };
}

function analyseReceipt(context: ServiceContext, verified: VerifiedPackage, items: ImportItem[]): () => void {
  const parsed = receiptPayload.safeParse(readPayload(context.keys(), verified));
  if (!parsed.success) throw new AppError('exchange.malformed', { part: 'payload' });
  const known = parsed.data.items.filter((item) => {
    const dossier = findDossier(context.db, item.dossierId);
    const label = dossier ? (dossier.personName ?? dossier.unitName) : item.dossierId;
    if (!dossier) items.push({ ref: item.dossierId, label, revision: item.revision, category: 'rejected', reason: note('exchangeItem.unknownDossier') });
    else if (dossier.revision !== item.revision) items.push({ ref: item.dossierId, label, revision: item.revision, category: 'stale', reason: note('exchangeItem.stale', { have: dossier.revision }) });
    else if (dossier.status === item.outcome && (dossier.returnReason ?? null) === item.reason) items.push({ ref: item.dossierId, label, revision: item.revision, category: 'unchanged', reason: null });
    else {
      items.push({ ref: item.dossierId, label, revision: item.revision, category: 'updated', reason: item.outcome === 'returned' ? note('exchangeItem.returned', { reason: item.reason ?? '' }) : note('exchangeItem.received') });
      return true;
    }
    return false;
  });
  return () => {
    for (const item of known) markOutcome(context.db, item.dossierId, item.revision, item.outcome, item.outcome === 'returned' ? item.reason : null);
  };
}

function analyseInformational(context: ServiceContext, verified: VerifiedPackage, items: ImportItem[]): () => void {
  const payload = readPayload(context.keys(), verified);
  if (verified.manifest.kind === 'allocation') {
    const parsed = allocationPayload.safeParse(payload);
    if (!parsed.success) throw new AppError('exchange.malformed', { part: 'payload' });
    for (const line of parsed.data.lines) items.push({ ref: line.unitId, label: line.name, revision: null, category: 'new', reason: note('exchangeItem.seats', { seats: line.seats }) });
  } else if (verified.manifest.kind === 'results') {
    const parsed = resultsPayload.safeParse(payload);
    if (!parsed.success) throw new AppError('exchange.malformed', { part: 'payload' });
    for (const row of [...parsed.data.collectives, ...parsed.data.individuals].filter((entry) => entry.selected)) {
      items.push({ ref: row.name, label: row.name, revision: null, category: 'new', reason: note('exchangeItem.selected', { position: row.position }) });
    }
  } else {
    const parsed = enrolmentPayload.safeParse(payload);
    if (!parsed.success || parsed.data.officeUnitId !== verified.manifest.sender.officeUnitId) throw new AppError('exchange.malformed', { part: 'payload' });
    items.push({ ref: verified.manifest.sender.installationId, label: verified.manifest.sender.organisation, revision: null, category: 'new', reason: note('exchangeItem.enrolment') });
  }
  // Informational packages are kept in the exchange log (their payload lives in the file); nothing else changes.
  return () => undefined;
}

/** Judges a verified package against this installation's current state; synchronous, so it can run inside a transaction. */
function analyse(context: ServiceContext, verified: VerifiedPackage): Analysis {
  const { manifest } = verified;
  const { peer, firstContact, sequenceStatus } = judgeSender(context, manifest);
  if (manifest.kind !== 'setup' && !findCampaign(context.db, manifest.campaignYear)) throw new AppError('exchange.otherCampaign', { year: manifest.campaignYear });
  if (manifest.kind !== 'setup' && manifest.kind !== 'enrolment' && !manifest.encryption) throw new AppError('exchange.malformed', { part: 'encryption' });
  const items: ImportItem[] = [];
  const evidence: ReceivedFile[] = [];
  const applyKind =
    manifest.kind === 'submission'
      ? analyseSubmission(context, verified, items, evidence)
      : manifest.kind === 'setup'
        ? analyseSetup(context, verified, items)
        : manifest.kind === 'receipt'
          ? analyseReceipt(context, verified, items)
          : analyseInformational(context, verified, items);
  const counts = emptyCounts();
  for (const item of items) counts[item.category] += 1;
  const senderKeys = { signingKey: manifest.sender.signingKey, agreementKey: manifest.sender.agreementKey };
  const late = manifest.kind === 'submission' && isLate(getCampaign(context, manifest.campaignYear).deadline, context.now());
  const plan: ImportPlan = {
    packageId: manifest.packageId,
    kind: manifest.kind,
    sender: { organisation: manifest.sender.organisation, mode: manifest.sender.mode, fingerprint: fingerprint(senderKeys), known: peer !== null },
    campaignYear: manifest.campaignYear,
    createdAt: manifest.createdAt,
    sequence: manifest.sequence,
    sequenceStatus,
    late,
    needsFingerprintCheck: firstContact,
    items,
    counts,
  };
  const apply = () => {
    applyKind();
    upsertPeer(
      context.db,
      {
        installationId: manifest.sender.installationId,
        organisation: manifest.sender.organisation,
        mode: manifest.sender.mode,
        officeUnitId: manifest.sender.officeUnitId,
        signingKey: manifest.sender.signingKey,
        agreementKey: manifest.sender.agreementKey,
        fingerprint: plan.sender.fingerprint,
        status: 'trusted',
        lastSequence: Math.max(peer?.lastSequence ?? 0, manifest.sequence),
      },
      context.now(),
    );
  };
  return { plan, evidence, apply };
}

/** Changes when anything is written to the database, by this connection or another one. */
function databaseVersion(context: ServiceContext): string {
  return `${String(context.db.pragma('data_version', { simple: true }))}:${String(context.db.prepare('SELECT total_changes()').pluck().get())}`;
}

/** The dry run: everything checked, every record judged, nothing written. */
export async function dryRunImport(context: ServiceContext, source: PackageSource): Promise<ImportPlan> {
  const verified = await verifyPackage((await packageBytes(context, source)).bytes);
  requireExchangeRight(context, verified.manifest.kind, 'import');
  return analyse(context, verified).plan;
}

/** Only the council's staff (or the operator) may accept dossiers that came after the deadline. */
function mayAcceptLate(context: ServiceContext): boolean {
  return context.actor.role === null || context.actor.role === 'admin' || context.actor.role === 'secretary';
}

/** Applies a package after the person's decisions: an automatic backup, then one transaction, then the log. */
export async function applyImport(context: ServiceContext, source: PackageSource, requested: ImportDecision): Promise<ImportPlan> {
  const { bytes, fileName } = await packageBytes(context, source);
  const verified = await verifyPackage(bytes);
  requireExchangeRight(context, verified.manifest.kind, 'import');
  const decision = mayAcceptLate(context) ? requested : { ...requested, acceptLate: false };
  const judgedAt = databaseVersion(context);
  const first = analyse(context, verified);
  const { plan, evidence } = first;
  if (plan.needsFingerprintCheck && !decision.fingerprintConfirmed) throw new AppError('exchange.unknownSender', { name: plan.sender.organisation });
  if (plan.sequenceStatus === 'replay' && !decision.acceptReplay) throw new AppError('exchange.replay', { sequence: plan.sequence });
  if (plan.sequenceStatus === 'gap' && !decision.acceptReplay) throw new AppError('exchange.outOfOrder', { sequence: plan.sequence });
  if (plan.late && !decision.acceptLate && (plan.counts.new > 0 || plan.counts.updated > 0)) throw new AppError('exchange.late');
  const backup = await writeBackup(context, 'import');
  let stored: Awaited<ReturnType<typeof storeReceivedEvidence>> = [];
  try {
    stored = await storeReceivedEvidence(context, verified, evidence);
    const applied = inTransaction(context, () => {
      recordBackup(context, backup, 'import');
      // Judged again inside the transaction if anything was written since the first look: nothing is applied blindly.
      const current = databaseVersion(context) === judgedAt ? first : analyse(context, verified);
      current.apply();
      recordExchange(context.db, {
        id: randomUUID(),
        packageId: plan.packageId,
        direction: 'in',
        kind: plan.kind,
        peer: plan.sender.organisation,
        sequence: plan.sequence,
        fileName,
        at: context.now(),
        summary: current.plan.counts,
      });
      audit(context, 'exchange.imported', { type: 'package', id: plan.packageId, label: fileName }, { after: { kindOfFile: plan.kind, sender: plan.sender.organisation, sequence: plan.sequence, ...current.plan.counts }, note: fileName });
      if (plan.needsFingerprintCheck) audit(context, 'exchange.peerTrusted', { type: 'peer', id: verified.manifest.sender.installationId, label: plan.sender.organisation }, { after: { organisation: plan.sender.organisation, fingerprint: plan.sender.fingerprint } });
      return current.plan;
    });
    if ('uploadId' in source) discardUpload(context, source.uploadId);
    keepBackupsByRule(context);
    return applied;
  } catch (error) {
    removeStoredEvidence(context, stored);
    discardBackup(backup);
    throw error;
  }
}

export function exchangeHistory(context: ServiceContext): ExchangeRecord[] {
  return listExchanges(context.db);
}

/** At the branch: a received dossier goes back to its office with a reason, sent in the next receipt. */
export function returnDossier(context: ServiceContext, dossierId: string, reason: string): void {
  if (ownMode(context) !== 'branch') throw new AppError('mode.branchOnly');
  inTransaction(context, () => {
    const dossier = findDossier(context.db, dossierId);
    if (!dossier) throw new AppError('dossier.notFound', { id: dossierId });
    if (dossier.status !== 'received' && dossier.status !== 'returned') throw new AppError('exchange.notFound');
    markReturned(context.db, dossierId, reason, context.now());
    audit(context, 'dossier.returned', { type: 'dossier', id: dossierId, label: dossier.personName ?? dossier.unitName }, { before: { status: dossier.status }, after: { status: 'returned', revision: dossier.revision }, note: reason });
  });
}

/** At the branch: an office's key is no longer trusted; its files are refused from now on. */
export function revokePeer(context: ServiceContext, installationId: string, revoked: boolean): PeerInfo[] {
  if (ownMode(context) !== 'branch') throw new AppError('mode.branchOnly');
  inTransaction(context, () => {
    const peer = findPeer(context.db, installationId);
    if (!setPeerStatus(context.db, installationId, revoked ? 'revoked' : 'trusted', context.now())) throw new AppError('exchange.notFound');
    audit(context, revoked ? 'exchange.peerRevoked' : 'exchange.peerTrusted', { type: 'peer', id: installationId, label: peer?.organisation }, { before: { status: peer?.status ?? null }, after: { status: revoked ? 'revoked' : 'trusted', organisation: peer?.organisation ?? null } });
  });
  return identity(context).peers;
}
