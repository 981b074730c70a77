import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import type { ExportResult, exportRequestSchema } from '../../../shared/contract/calls';
import { AppError } from '../../../shared/contract/errors';
import { EXCHANGE_EXTENSION, fileNameSlug, PACKAGE_SENDER, type Manifest, type PackageKind } from '../../../shared/domain/exchange';
import { attachmentsOf } from '../../db/attachments';
import { listDossiersWithContent } from '../../db/dossiers';
import { dossierOrigins, markExported, recordExchange, recordIssuedSetup, type PeerRow } from '../../db/exchange';
import { findPerson } from '../../db/people';
import { readSetting, writeSetting } from '../../db/settings';
import { findUnit, listUnits } from '../../db/units';
import { writePackage, type OutgoingFile, type WriteOptions } from '../../exchange/package';
import type { SubmissionPayload } from '../../exchange/payloads';
import { findRound } from '../../db/council';
import { allocateIndividualQuota } from '../allocation';
import { readBlobInBackground } from '../attachments';
import { audit } from '../audit';
import { getCampaign } from '../campaigns';
import { inTransaction, type ServiceContext } from '../context';
import { rankCampaign } from '../ranking';
import { branchPeer, ownMode, requireExchangeRight, trustedPeer } from './common';
import { ownSender } from './peers';

type ExportRequest = z.infer<typeof exportRequestSchema>;

/**
 * Each recipient's files are numbered on their own: a receiver checks that nothing of this sender's is missing, so a
 * number given to another office must not look like a file it never got. Counters start from the one shared number
 * earlier versions kept, so a receiver that already holds a higher number never sees a replay.
 */
function recipientKey(recipient: Manifest['recipient']): string {
  return recipient.officeUnitId ?? recipient.installationId ?? 'unknown';
}

function sequenceCounters(context: ServiceContext): Record<string, number> {
  const stored = readSetting(context.db, 'outgoingSequences');
  return stored ? (JSON.parse(stored) as Record<string, number>) : {};
}

function peekSequence(context: ServiceContext, recipient: Manifest['recipient']): number {
  return (sequenceCounters(context)[recipientKey(recipient)] ?? Number(readSetting(context.db, 'outgoingSequence') ?? '0')) + 1;
}

function takeSequence(context: ServiceContext, recipient: Manifest['recipient']): number {
  const next = peekSequence(context, recipient);
  writeSetting(context.db, 'outgoingSequences', JSON.stringify({ ...sequenceCounters(context), [recipientKey(recipient)]: next }));
  return next;
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
      // Read, and its hash checked, on the thread pool when the writer is one file away: two files in memory at most.
      if (!files.has(sha256)) files.set(sha256, { path: `attachments/${sha256}`, size, read: () => readBlobInBackground(context.dataDir, sha256) });
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
      const units = listUnits(context.db, true);
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
      // The setup file this office was set up with: the branch lets it enrol one installation only.
      const setupPackageId = readSetting(context.db, 'setupPackageId');
      if (!setupPackageId) throw new AppError('exchange.notEnrolled');
      return {
        recipient: { installationId: branch.installationId, officeUnitId: null, name: branch.organisation },
        encryptTo: null,
        payload: { officeUnitId: readSetting(context.db, 'officeUnitId') ?? '', organisation: readSetting(context.db, 'organisationName') ?? '', setupPackageId },
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
      // The offices are told their quota once it is final: round 1 locked, and any tie at the last seat decided.
      if (!report.final) throw new AppError('exchange.allocationNotFinal');
      if (report.tie && !report.tie.decision) throw new AppError('decision.openTies', { count: 1 });
      const lines = report.allocation.lines.map((line) => ({ unitId: line.id, name: line.name, seats: line.seats }));
      return { recipient, encryptTo: peer.agreementKey, payload: { method: report.allocation.method, quota: report.allocation.quota, lines }, files: [], items: lines.length, afterWrite: () => undefined };
    }
    case 'results': {
      const { peer, recipient } = officeRecipient(context, request.officeInstallationId);
      // The proposals are final only when both rounds are locked.
      if ([1, 2].some((round) => findRound(context.db, request.campaignYear, round as 1 | 2).status !== 'locked')) throw new AppError('exchange.resultsNotFinal');
      const summary = (group: 'collective' | 'individual') => {
        const ranking = rankCampaign(context, request.campaignYear, group);
        const selected = new Set(ranking.selection.selected);
        return ranking.rows.map((row) => ({ position: row.position, name: row.personName ? `${row.personName} (${row.unitName})` : row.unitName, total: row.total, selected: selected.has(row.dossierId) }));
      };
      const collectives = summary('collective');
      const individuals = summary('individual');
      return { recipient, encryptTo: peer.agreementKey, payload: { collectives, individuals }, files: [], items: collectives.length + individuals.length, afterWrite: () => undefined };
    }
  }
}

/**
 * Writes a package: gathered in one read transaction, then written entry by entry to a temporary name, flushed, read
 * back and checked, renamed, and only then recorded (sequence, exported revisions) in one transaction. A cancel or a
 * failure at any point leaves no file and no record.
 */
export async function exportPackage(context: ServiceContext, request: ExportRequest, options: WriteOptions = {}): Promise<ExportResult> {
  requireExchangeRight(context, request.kind, 'export');
  const createdAt = context.now();
  const { outgoing, sequence } = inTransaction(context, () => {
    const gathered = outgoingFor(context, request);
    return { outgoing: gathered, sequence: peekSequence(context, gathered.recipient) };
  });
  // Named after the office concerned: the recipient of what the branch sends, the sender of what an office sends.
  const named = PACKAGE_SENDER[request.kind] === 'branch' ? outgoing.recipient.name : (readSetting(context.db, 'organisationName') ?? '');
  const fileName = request.to ? basename(request.to) : fileNameFor(request.kind, named, sequence, createdAt);
  const folder = join(context.dataDir, 'outbox');
  if (!request.to) mkdirSync(folder, { recursive: true });
  const path = request.to ?? join(folder, fileName);
  if (existsSync(path)) throw new AppError('exchange.fileExists', { path });
  const keys = context.keys();
  const from = ownSender(context);
  // Recorded in the same transaction that names the file: a file under its real name is always a recorded one.
  const record = (manifest: Manifest, name: () => void) =>
    inTransaction(context, () => {
      // Another export (the command line on the same data folder) took this number meanwhile: this file must not exist.
      if (takeSequence(context, outgoing.recipient) !== sequence) throw new AppError('exchange.sequenceTaken', { sequence });
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
