import type { ExchangeIdentity } from '../../../shared/contract/calls';
import { AppError } from '../../../shared/contract/errors';
import { PACKAGE_SENDER, type ImportPlan, type Manifest, type PeerInfo } from '../../../shared/domain/exchange';
import { findPeer, issuedSetupFor, listPeers, setPeerStatus, upsertPeer, type PeerRow } from '../../db/exchange';
import { readSetting } from '../../db/settings';
import { fingerprint, publicKeysOf } from '../../exchange/keys';
import { audit } from '../audit';
import { inTransaction, type ServiceContext } from '../context';
import { ownId, ownMode } from './common';

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
  const sequenceStatus: ImportPlan['sequenceStatus'] = !peer ? 'first' : manifest.sequence <= last ? 'replay' : manifest.sequence === last + 1 ? 'next' : 'gap';
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

/** At the branch: an office's key is no longer trusted; its files are refused from now on. */
export function revokePeer(context: ServiceContext, installationId: string, revoked: boolean): PeerInfo[] {
  if (ownMode(context) !== 'branch') throw new AppError('mode.branchOnly');
  inTransaction(context, () => {
    const peer = findPeer(context.db, installationId);
    if (!setPeerStatus(context.db, installationId, revoked ? 'revoked' : 'trusted', context.now())) throw new AppError('exchange.notFound');
    audit(context, revoked ? 'exchange.peerRevoked' : 'exchange.peerTrusted', { type: 'peer', id: installationId }, { before: { status: peer?.status ?? null }, after: { status: revoked ? 'revoked' : 'trusted', organisation: peer?.organisation ?? null } });
  });
  return identity(context).peers;
}
