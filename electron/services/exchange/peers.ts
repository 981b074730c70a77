import type { ExchangeIdentity } from '../../../shared/contract/calls';
import { AppError } from '../../../shared/contract/errors';
import { PACKAGE_SENDER, type ImportItem, type ImportPlan, type Manifest, type PeerInfo } from '../../../shared/domain/exchange';
import { findIssuedSetup, findPeer, issuedSetupFor, listPeers, markSetupUsed, setPeerStatus, trustedPeersOfUnit, upsertPeer, voidSetupsOf, wasReceived, type PeerRow } from '../../db/exchange';
import { readSetting } from '../../db/settings';
import { fingerprint, publicKeysOf } from '../../exchange/keys';
import { enrolmentPayload } from '../../exchange/payloads';
import { audit } from '../audit';
import { inTransaction, type ServiceContext } from '../context';
import { note, ownId, ownMode } from './common';
import type { Received } from './received';

/** This installation's identity as other installations see it. */
export function identity(context: ServiceContext): ExchangeIdentity {
  return {
    installationId: ownId(context),
    organisation: readSetting(context.db, 'organisationName') ?? '',
    mode: ownMode(context),
    fingerprint: fingerprint(publicKeysOf(context.keys())),
    officeUnitId: readSetting(context.db, 'officeUnitId'),
    peers: listPeers(context.db).map(({ signingKey: _s, agreementKey: _a, ...peer }) => peer),
  };
}

/** This installation as the sender named in the manifest of a file it writes. */
export function ownSender(context: ServiceContext): Manifest['sender'] {
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

export interface JudgedSender {
  peer: PeerRow | null;
  firstContact: boolean;
  sequenceStatus: ImportPlan['sequenceStatus'];
}

/** Who sent this, and may they: signature already checked; here the key, the mode, the recipient and the sequence. */
export function judgeSender(context: ServiceContext, manifest: Manifest): JudgedSender {
  const mode = ownMode(context);
  if (PACKAGE_SENDER[manifest.kind] !== manifest.sender.mode || manifest.sender.mode === mode) throw new AppError('exchange.wrongMode');
  const peer = findPeer(context.db, manifest.sender.installationId);
  if (peer?.status === 'revoked') throw new AppError('exchange.revokedSender', { name: peer.organisation });
  if (peer && (peer.signingKey !== manifest.sender.signingKey || peer.agreementKey !== manifest.sender.agreementKey)) throw new AppError('exchange.keyMismatch', { name: peer.organisation });
  // What an office owns follows the unit it enrolled for: a file cannot move it to another unit.
  if (peer && peer.officeUnitId !== manifest.sender.officeUnitId) throw new AppError('exchange.identityChanged', { name: peer.organisation });
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
  // A number already passed is a replay only if that file (or one with its number) came in; else it was skipped.
  const passed = (): ImportPlan['sequenceStatus'] => (wasReceived(context.db, manifest.sender.installationId, manifest.sequence, manifest.packageId) ? 'replay' : 'skipped');
  const sequenceStatus: ImportPlan['sequenceStatus'] = !peer ? 'first' : manifest.sequence <= last ? passed() : manifest.sequence === last + 1 ? 'next' : 'gap';
  return { peer, firstContact, sequenceStatus };
}

/** After an import: the sender is trusted, with the highest file number accepted from it. Runs in the import's transaction. */
export function recordSender(context: ServiceContext, manifest: Manifest, peer: PeerRow | null, senderFingerprint: string): void {
  upsertPeer(
    context.db,
    {
      installationId: manifest.sender.installationId,
      organisation: manifest.sender.organisation,
      mode: manifest.sender.mode,
      officeUnitId: manifest.sender.officeUnitId,
      signingKey: manifest.sender.signingKey,
      agreementKey: manifest.sender.agreementKey,
      fingerprint: senderFingerprint,
      status: 'trusted',
      lastSequence: Math.max(peer?.lastSequence ?? 0, manifest.sequence),
    },
    context.now(),
  );
}

/**
 * At the branch, an office's enrolment: the keys of one installation of that office, answering one setup file. A
 * setup file enrols one installation only, and none once the office's key was revoked after it was written; a second
 * installation of an office that has a trusted one is shown as replacing it, which a person must accept (the former
 * key is then revoked, and the decision recorded in the audit log).
 */
export function judgeEnrolment(context: ServiceContext, received: Received, items: ImportItem[]): { replaces: PeerRow | null; apply: () => void } {
  const { manifest } = received.verified;
  const { sender } = manifest;
  const parsed = enrolmentPayload.safeParse(received.payload);
  if (!parsed.success || parsed.data.officeUnitId !== sender.officeUnitId || sender.officeUnitId === null) throw new AppError('exchange.badRecords');
  const officeUnitId = sender.officeUnitId;
  const setup = findIssuedSetup(context.db, parsed.data.setupPackageId);
  if (!setup || setup.officeUnitId !== officeUnitId) throw new AppError('exchange.unknownSender', { name: sender.organisation });
  if (setup.voided || (setup.usedBy !== null && setup.usedBy !== sender.installationId)) throw new AppError('exchange.setupUsed', { name: sender.organisation });
  const replaced = trustedPeersOfUnit(context.db, officeUnitId, sender.installationId);
  const replaces = replaced[0] ?? null;
  items.push({
    ref: sender.installationId,
    label: sender.organisation,
    revision: null,
    category: 'new',
    reason: replaces ? note('exchangeItem.replaces', { fingerprint: replaces.fingerprint }) : note('exchangeItem.enrolment'),
  });
  const apply = () => {
    const now = context.now();
    markSetupUsed(context.db, parsed.data.setupPackageId, sender.installationId, now);
    const newFingerprint = fingerprint({ signingKey: sender.signingKey, agreementKey: sender.agreementKey });
    for (const former of replaced) {
      setPeerStatus(context.db, former.installationId, 'revoked', now);
      voidSetupsOf(context.db, officeUnitId, now, sender.installationId);
      audit(
        context,
        'exchange.installationReplaced',
        { type: 'peer', id: former.installationId, label: sender.organisation },
        { before: { installation: former.installationId, fingerprint: former.fingerprint, status: former.status }, after: { installation: sender.installationId, fingerprint: newFingerprint, status: 'revoked' }, note: sender.organisation },
      );
    }
  };
  return { replaces, apply };
}

/** At the branch: an office's key is no longer trusted; its files are refused from now on, and its setup files void. */
export function revokePeer(context: ServiceContext, installationId: string, revoked: boolean): PeerInfo[] {
  if (ownMode(context) !== 'branch') throw new AppError('mode.branchOnly');
  inTransaction(context, () => {
    const peer = findPeer(context.db, installationId);
    if (!setPeerStatus(context.db, installationId, revoked ? 'revoked' : 'trusted', context.now())) throw new AppError('exchange.notFound');
    // The same setup file (or another written before now) cannot bring the office back with fresh keys.
    if (revoked && peer?.officeUnitId) voidSetupsOf(context.db, peer.officeUnitId, context.now(), null);
    audit(context, revoked ? 'exchange.peerRevoked' : 'exchange.peerTrusted', { type: 'peer', id: installationId, label: peer?.organisation }, { before: { status: peer?.status ?? null }, after: { status: revoked ? 'revoked' : 'trusted', organisation: peer?.organisation ?? null } });
  });
  return identity(context).peers;
}
