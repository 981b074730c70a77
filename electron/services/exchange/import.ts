import { compareNames } from '../../../shared/domain/collation';
import { randomUUID } from 'node:crypto';
import type { PackageSource } from '../../../shared/contract/calls';
import { AppError } from '../../../shared/contract/errors';
import type { ExchangeRecord, ImportDecision, ImportItem, ImportPlan } from '../../../shared/domain/exchange';
import { findDossier } from '../../db/dossiers';
import { listExchanges, markReturned, recordExchange } from '../../db/exchange';
import { fingerprint } from '../../exchange/keys';
import { audit } from '../audit';
import { discardBackup, keepBackupsByRule, recordBackup, writeBackup } from '../backup';
import { getCampaign } from '../campaigns';
import { inTransaction, type ServiceContext } from '../context';
import { requireDossierRoundOpen } from '../council';
import { discardUpload, emptyCounts, isLate, ownMode } from './common';
import { evidenceToStore, removeStoredEvidence, storeReceivedEvidence, type ReceivedFile } from './evidence';
import { analyseInformational, analyseReceipt, analyseSetup } from './import-other';
import { analyseSubmission } from './import-submission';
import { judgeEnrolment, judgeSender, recordSender } from './peers';
import { checkUnstored, evidencePath, receive, type Received } from './received';

interface Analysis {
  plan: ImportPlan;
  /** Evidence files the import will point to, to be stored before its transaction. */
  evidence: ReceivedFile[];
  /** Applies the plan; runs inside the import's transaction. */
  apply: () => void;
}

/**
 * Judges a received package against this installation's current state; synchronous, so it can run again inside the
 * import's transaction. Who sent it is judged again too: a revocation may have come in between.
 */
function analyse(context: ServiceContext, received: Received, decision: ImportDecision = {}): Analysis {
  const { manifest } = received.verified;
  const { peer, firstContact, sequenceStatus } = judgeSender(context, manifest);
  const items: ImportItem[] = [];
  const evidence: ReceivedFile[] = [];
  let replaces: ImportPlan['replaces'] = null;
  let officeName: ImportPlan['officeName'] = null;
  let applyKind: () => void;
  if (manifest.kind === 'submission') applyKind = analyseSubmission(context, received, peer, items, evidence);
  else if (manifest.kind === 'setup') {
    const setup = analyseSetup(context, received, items);
    officeName = setup.officeName;
    applyKind = () => setup.apply(decision);
  }
  else if (manifest.kind === 'receipt') applyKind = analyseReceipt(context, received, items);
  else if (manifest.kind === 'enrolment') {
    const enrolment = judgeEnrolment(context, received, items);
    replaces = enrolment.replaces ? { organisation: enrolment.replaces.organisation, fingerprint: enrolment.replaces.fingerprint } : null;
    applyKind = enrolment.apply;
  } else applyKind = analyseInformational(context, received, items);
  const counts = emptyCounts();
  for (const item of items) counts[item.category] += 1;
  // The dry run lists names in Vietnamese order, on screen and at the command line alike (a scheme by its Vietnamese label).
  items.sort((a, b) => compareNames(typeof a.label === 'string' ? a.label : a.label.vi, typeof b.label === 'string' ? b.label : b.label.vi));
  const senderFingerprint = fingerprint({ signingKey: manifest.sender.signingKey, agreementKey: manifest.sender.agreementKey });
  const late = manifest.kind === 'submission' && isLate(getCampaign(context, manifest.campaignYear).deadline, context.now());
  const plan: ImportPlan = {
    packageId: manifest.packageId,
    kind: manifest.kind,
    sender: { organisation: manifest.sender.organisation, mode: manifest.sender.mode, fingerprint: senderFingerprint, known: peer !== null },
    campaignYear: manifest.campaignYear,
    createdAt: manifest.createdAt,
    sequence: manifest.sequence,
    sequenceStatus,
    late,
    needsFingerprintCheck: firstContact,
    replaces,
    officeName,
    items,
    counts,
  };
  const apply = () => {
    applyKind();
    recordSender(context, manifest, peer, senderFingerprint);
  };
  return { plan, evidence, apply };
}

/**
 * The database's own refusal of an import, in words: a clash with what is here (a constraint the judging should have
 * foreseen), or a disk that cannot be written. Neither is helped by trying again, unlike what an internal error says.
 */
function inWords<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof AppError || typeof code !== 'string' || !code.startsWith('SQLITE_')) throw error;
    throw new AppError(code.startsWith('SQLITE_CONSTRAINT') ? 'exchange.applyConflict' : 'exchange.applyFailed');
  }
}

/** Changes when anything is written to the database, by this connection or another one. */
function databaseVersion(context: ServiceContext): string {
  return `${String(context.db.pragma('data_version', { simple: true }))}:${String(context.db.prepare('SELECT total_changes()').pluck().get())}`;
}

/** The dry run: everything checked (every entry read once), every record judged, nothing written. */
export async function dryRunImport(context: ServiceContext, source: PackageSource): Promise<ImportPlan> {
  const received = await receive(context, source, true);
  try {
    return analyse(context, received).plan;
  } finally {
    received.close();
  }
}

/** Only the council's staff (or the operator) may accept dossiers that came after the deadline. */
function mayAcceptLate(context: ServiceContext): boolean {
  return context.actor.role === null || context.actor.role === 'admin' || context.actor.role === 'secretary';
}

/** Applies a package after the person's decisions: an automatic backup, then one transaction, then the log. */
export async function applyImport(context: ServiceContext, source: PackageSource, requested: ImportDecision): Promise<ImportPlan> {
  const received = await receive(context, source, false);
  try {
    return await applyReceived(context, source, received, mayAcceptLate(context) ? requested : { ...requested, acceptLate: false });
  } finally {
    received.close();
  }
}

async function applyReceived(context: ServiceContext, source: PackageSource, received: Received, decision: ImportDecision): Promise<ImportPlan> {
  const { verified, fileName } = received;
  const judgedAt = databaseVersion(context);
  const first = analyse(context, received, decision);
  const { plan } = first;
  if (plan.needsFingerprintCheck && !decision.fingerprintConfirmed) throw new AppError('exchange.fingerprintUnconfirmed', { name: plan.sender.organisation });
  if (plan.sequenceStatus === 'replay' && !decision.acceptReplay) throw new AppError('exchange.replay', { sequence: plan.sequence });
  if (plan.sequenceStatus === 'gap' && !decision.acceptReplay) throw new AppError('exchange.outOfOrder', { sequence: plan.sequence });
  if (plan.sequenceStatus === 'skipped' && !decision.acceptReplay) throw new AppError('exchange.skipped', { sequence: plan.sequence });
  if (plan.replaces && !decision.acceptReplacement) throw new AppError('exchange.secondInstallation', { name: plan.sender.organisation });
  if (plan.late && !decision.acceptLate && (plan.counts.new > 0 || plan.counts.updated > 0)) throw new AppError('exchange.late');
  const pending = evidenceToStore(context, first.evidence);
  // Every entry is checked before anything is written, the evidence to store as it is stored: a refused file leaves no backup.
  await checkUnstored(verified, new Set(pending.map((file) => evidencePath(file.sha256))));
  const backup = await writeBackup(context, 'import');
  let stored: Awaited<ReturnType<typeof storeReceivedEvidence>> = [];
  try {
    stored = await storeReceivedEvidence(context, verified, pending, received.evidence);
    const applied = inWords(() => inTransaction(context, () => {
      // Judged again inside the transaction if anything was written since the first look: nothing is applied blindly.
      // (Asked before this transaction writes its own backup record, which would always count as a change.)
      const current = databaseVersion(context) === judgedAt ? first : analyse(context, received, decision);
      recordBackup(context, backup, 'import');
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
        senderInstallation: verified.manifest.sender.installationId,
      });
      audit(context, 'exchange.imported', { type: 'package', id: plan.packageId, label: fileName }, { after: { kindOfFile: plan.kind, sender: plan.sender.organisation, sequence: plan.sequence, ...current.plan.counts }, note: fileName });
      if (plan.needsFingerprintCheck) audit(context, 'exchange.peerTrusted', { type: 'peer', id: verified.manifest.sender.installationId, label: plan.sender.organisation }, { after: { organisation: plan.sender.organisation, fingerprint: plan.sender.fingerprint } });
      return current.plan;
    }));
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
    requireDossierRoundOpen(context, dossier);
    markReturned(context.db, dossierId, reason, context.now());
    audit(context, 'dossier.returned', { type: 'dossier', id: dossierId, label: dossier.personName ?? dossier.unitName }, { before: { status: dossier.status }, after: { status: 'returned', revision: dossier.revision }, note: reason });
  });
}
