import { rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { mayExchange } from '../../../shared/contract/access';
import type { PackageSource } from '../../../shared/contract/calls';
import { AppError } from '../../../shared/contract/errors';
import { EXCHANGE_EXTENSION, IMPORT_CATEGORIES, type ImportCategory, type PackageKind } from '../../../shared/domain/exchange';
import type { RuleNote } from '../../../shared/scoring/types';
import { findPeer, type PeerRow } from '../../db/exchange';
import { readSetting } from '../../db/settings';
import type { ServiceContext } from '../context';

export type Mode = 'branch' | 'office';

export function ownMode(context: ServiceContext): Mode {
  const mode = readSetting(context.db, 'mode');
  if (mode !== 'branch' && mode !== 'office') throw new AppError('setup.notDone');
  return mode;
}

export function ownId(context: ServiceContext): string {
  const id = readSetting(context.db, 'installationId');
  if (!id) throw new AppError('setup.notDone');
  return id;
}

export function trustedPeer(context: ServiceContext, installationId: string): PeerRow {
  const peer = findPeer(context.db, installationId);
  if (!peer) throw new AppError('exchange.notEnrolled');
  if (peer.status === 'revoked') throw new AppError('exchange.revokedSender', { name: peer.organisation });
  return peer;
}

export function branchPeer(context: ServiceContext): PeerRow {
  const id = readSetting(context.db, 'branchInstallationId');
  if (!id) throw new AppError('exchange.notEnrolled');
  return trustedPeer(context, id);
}

/** Whether the caller may write or read in this kind of file (the command line's operator may do everything). */
export function requireExchangeRight(context: ServiceContext, kind: PackageKind, direction: 'export' | 'import'): void {
  if (context.actor.role !== null && !mayExchange(kind, direction, context.actor.role)) throw new AppError('exchange.kindForbidden', { kind });
}

export function note(key: string, params: Record<string, string | number> = {}): RuleNote {
  return { key, params };
}

export function emptyCounts(): Record<ImportCategory, number> {
  return Object.fromEntries(IMPORT_CATEGORIES.map((category) => [category, 0])) as Record<ImportCategory, number>;
}

export function isLate(deadline: string, now: string): boolean {
  return now.slice(0, 10) > deadline;
}

function inboxPath(context: ServiceContext, uploadId: string): string {
  return join(context.dataDir, 'inbox', `${uploadId}${EXCHANGE_EXTENSION}`);
}

/** Browser mode: an uploaded file is removed once imported, or when the person cancels. */
export function discardUpload(context: ServiceContext, uploadId: string): void {
  rmSync(inboxPath(context, uploadId), { force: true });
}

/**
 * Where a package is: a path on this computer, or browser mode's inbox. Nothing of it is read here; a folder or a
 * device is named for what it is.
 */
export function packagePath(context: ServiceContext, source: PackageSource): { path: string; fileName: string } {
  const path = 'path' in source ? source.path : inboxPath(context, source.uploadId);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new AppError('exchange.notFound');
  }
  if (stats.isDirectory()) throw new AppError('exchange.notAFile', { name: basename(path) });
  if (!stats.isFile()) throw new AppError('exchange.notZip');
  return { path, fileName: 'path' in source ? basename(source.path) : source.fileName };
}
