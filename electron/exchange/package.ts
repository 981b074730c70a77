import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import { EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION, manifestSchema, type Manifest, type PackageKind } from '../../shared/domain/exchange';
import { buildContainer, openContainer, type ContainerEntry } from './container';
import { decryptEntry, ENCRYPTION_SCHEME, encryptEntry, openSealing, sealTo, signBytes, verifyBytes } from './crypto';
import { signingKeyFromRaw, type InstallationKeys } from './keys';

export const PAYLOAD_ENTRY = 'payload.json';

export interface OutgoingPackage {
  kind: PackageKind;
  sender: Manifest['sender'];
  recipient: Manifest['recipient'];
  /** The recipient's X25519 key when the payload must be encrypted (personal data), else null. */
  encryptTo: string | null;
  campaignYear: number;
  sequence: number;
  createdAt: string;
  payload: unknown;
  /** Extra files (attachments), named by their SHA-256. */
  files: { path: string; data: Buffer }[];
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sealingInfo(packageId: string): string {
  return `tdcs/v${EXCHANGE_FORMAT_VERSION}/${packageId}`;
}

/** Builds a signed (and, for personal data, encrypted) package; returns its bytes and manifest. */
export async function buildPackage(keys: InstallationKeys, outgoing: OutgoingPackage): Promise<{ bytes: Buffer; manifest: Manifest }> {
  const packageId = randomUUID();
  const sealing = outgoing.encryptTo ? sealTo(outgoing.encryptTo, sealingInfo(packageId)) : null;
  const plainEntries = [{ path: PAYLOAD_ENTRY, data: Buffer.from(JSON.stringify(outgoing.payload), 'utf8'), compress: true }, ...outgoing.files.map((file) => ({ ...file, compress: false }))];
  const entries: ContainerEntry[] = plainEntries.map((entry) => (sealing ? { path: entry.path, data: encryptEntry(sealing.key, entry.path, entry.data), compress: false } : entry));
  const manifest: Manifest = {
    format: EXCHANGE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    packageId,
    kind: outgoing.kind,
    sender: outgoing.sender,
    recipient: outgoing.recipient,
    campaignYear: outgoing.campaignYear,
    createdAt: outgoing.createdAt,
    sequence: outgoing.sequence,
    encryption: sealing ? { scheme: ENCRYPTION_SCHEME, ephemeralKey: sealing.ephemeralKey, salt: sealing.salt } : null,
    entries: entries.map((entry) => ({ path: entry.path, sha256: sha256(entry.data), size: entry.data.length, encrypted: sealing !== null })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const bytes = await buildContainer(manifestBytes, signBytes(keys.signing.privateKey, manifestBytes), entries);
  return { bytes, manifest };
}

export interface VerifiedPackage {
  manifest: Manifest;
  /** Entries exactly as stored (encrypted ones still encrypted), every hash checked. */
  entries: Map<string, Buffer>;
}

/**
 * Opens a package: ZIP limits, then the signature over the exact manifest bytes with the key the manifest names
 * (trust in that key is the caller's next check), then the format, then every entry's size and SHA-256.
 */
export async function verifyPackage(bytes: Buffer): Promise<VerifiedPackage> {
  const container = await openContainer(bytes);
  let signingKey: string;
  let raw: unknown;
  try {
    raw = JSON.parse(container.manifestBytes.toString('utf8'));
    signingKey = String((raw as { sender?: { signingKey?: unknown } }).sender?.signingKey ?? '');
    if (!/^[A-Za-z0-9_-]{43}$/.test(signingKey)) throw new Error('no key');
  } catch {
    throw new AppError('exchange.malformed', { part: 'manifest' });
  }
  let key;
  try {
    key = signingKeyFromRaw(signingKey);
  } catch {
    throw new AppError('exchange.badSignature');
  }
  if (!verifyBytes(key, container.manifestBytes, container.signature)) throw new AppError('exchange.badSignature');
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if ((raw as { format?: unknown }).format !== EXCHANGE_FORMAT) throw new AppError('exchange.malformed', { part: 'manifest' });
  if (version !== EXCHANGE_FORMAT_VERSION) throw new AppError('exchange.formatVersion', { found: String(version), supported: EXCHANGE_FORMAT_VERSION });
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('exchange.malformed', { part: 'manifest' });
  const manifest = parsed.data;
  const listed = new Set(manifest.entries.map((entry) => entry.path));
  for (const path of container.entries.keys()) if (!listed.has(path)) throw new AppError('exchange.hashMismatch', { path });
  for (const entry of manifest.entries) {
    const data = container.entries.get(entry.path);
    if (!data) throw new AppError('exchange.missingEntry', { path: entry.path });
    if (data.length !== entry.size || sha256(data) !== entry.sha256) throw new AppError('exchange.hashMismatch', { path: entry.path });
  }
  if (!listed.has(PAYLOAD_ENTRY)) throw new AppError('exchange.missingEntry', { path: PAYLOAD_ENTRY });
  return { manifest, entries: container.entries };
}

/** An entry's plain bytes, decrypting with this installation's key where the package is encrypted. */
export function plainEntry(keys: InstallationKeys, verified: VerifiedPackage, path: string): Buffer {
  const data = verified.entries.get(path);
  if (!data) throw new AppError('exchange.missingEntry', { path });
  const encryption = verified.manifest.encryption;
  if (!encryption) return data;
  try {
    const key = openSealing(keys.agreement.privateKey, encryption.ephemeralKey, encryption.salt, sealingInfo(verified.manifest.packageId));
    return decryptEntry(key, path, data);
  } catch {
    throw new AppError('exchange.decrypt');
  }
}

/** The payload as JSON (decrypted where needed). */
export function readPayload(keys: InstallationKeys, verified: VerifiedPackage): unknown {
  try {
    return JSON.parse(plainEntry(keys, verified, PAYLOAD_ENTRY).toString('utf8'));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('exchange.malformed', { part: 'payload' });
  }
}
