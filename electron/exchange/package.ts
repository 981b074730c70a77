import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import { EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION, manifestSchema, type Manifest, type PackageKind } from '../../shared/domain/exchange';
import { CONTAINER_LIMITS, ContainerWriter, MANIFEST_ENTRY, SIGNATURE_ENTRY } from './container';
import { ContainerReader, type ContainerEntry } from './container-reader';
import { decryptEntry, decryptStart, ENCRYPTION_SCHEME, encryptEntry, encryptEntryParts, openSealing, SEALING_NONCE_BYTES, SEALING_OVERHEAD, sealTo, signBytes, verifyBytes } from './crypto';
import { signingKeyFromRaw, type InstallationKeys } from './keys';

export const PAYLOAD_ENTRY = 'payload.json';

/** An evidence file to send, read only when its turn comes so that a package never has to fit in memory. */
export interface OutgoingFile {
  path: string;
  /** Plain size in bytes, known before reading (the manifest's length depends on it). */
  size: number;
  /** Its bytes, checked: asked for one file ahead, so that reading and checking the next overlaps writing this one. */
  read: () => Buffer | Promise<Buffer>;
}

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
  files: OutgoingFile[];
}

/** How far a package being written has got, in stored bytes: written first, then read back. */
export interface WriteProgress {
  phase: 'writing' | 'verifying';
  done: number;
  total: number;
}

export interface WriteOptions {
  onProgress?: (progress: WriteProgress) => void;
  /** Asked between entries and between read-back chunks; true stops the export with nothing left behind. */
  cancelled?: () => boolean;
  /**
   * Records the checked package (sequence number, revisions sent) and calls `name` inside that record's transaction
   * to give the file its real name: if recording fails, the file is removed again, so a file under its real name is
   * always a recorded one. Without it the file is simply named.
   */
  record?: (manifest: Manifest, name: () => void) => void;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sealingInfo(packageId: string): string {
  return `tdcs/v${EXCHANGE_FORMAT_VERSION}/${packageId}`;
}

const SIGNATURE_BYTES = 64;
const UNKNOWN_DIGEST = '0'.repeat(64);

/**
 * Writes a signed (and, for personal data, encrypted) package to `target`, entry by entry: each evidence file is read,
 * encrypted, hashed and written before the next is touched. The manifest comes first in the file but lists every
 * entry's hash, so its room is reserved (its length is known in advance: hashes are fixed-length) and it is written
 * and signed last. The file is flushed, read back and checked before it takes its real name.
 */
export async function writePackage(keys: InstallationKeys, outgoing: OutgoingPackage, target: string, options: WriteOptions = {}): Promise<{ manifest: Manifest; bytes: number }> {
  const cancelled = options.cancelled ?? (() => false);
  const report = options.onProgress ?? (() => undefined);
  const packageId = randomUUID();
  const sealing = outgoing.encryptTo ? sealTo(outgoing.encryptTo, sealingInfo(packageId)) : null;
  const store = (path: string, plain: Buffer) => (sealing ? encryptEntry(sealing.key, path, plain) : plain);
  const storedSize = (plainSize: number) => (sealing ? plainSize + SEALING_OVERHEAD : plainSize);
  const payload = store(PAYLOAD_ENTRY, Buffer.from(JSON.stringify(outgoing.payload), 'utf8'));
  const listed: Manifest['entries'] = [
    { path: PAYLOAD_ENTRY, sha256: sha256(payload), size: payload.length, encrypted: sealing !== null },
    ...outgoing.files.map((file) => ({ path: file.path, sha256: UNKNOWN_DIGEST, size: storedSize(file.size), encrypted: sealing !== null })),
  ];
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
    entries: listed,
  };
  const manifestLength = Buffer.byteLength(JSON.stringify(manifest), 'utf8');
  const total = listed.reduce((sum, entry) => sum + entry.size, 0);
  const writer = new ContainerWriter(target);
  let writing: Promise<void> = Promise.resolve();
  try {
    writer.reserve(MANIFEST_ENTRY, manifestLength);
    writer.reserve(SIGNATURE_ENTRY, SIGNATURE_BYTES);
    // Unencrypted payloads (setup, enrolment) are JSON and compress well; encrypted bytes do not.
    await writer.add(PAYLOAD_ENTRY, payload, sealing === null);
    let done = payload.length;
    // One file ahead is read and checked on the thread pool, and one entry's write is in flight, while this one is
    // encrypted and hashed: the device, the thread pool and this thread work at once.
    let next: Promise<Buffer> | null = outgoing.files[0] ? Promise.resolve(outgoing.files[0].read()) : null;
    for (const [index, file] of outgoing.files.entries()) {
      if (cancelled()) throw new AppError('exchange.cancelled');
      const plain = await (next as Promise<Buffer>);
      const following = outgoing.files[index + 1];
      next = following ? Promise.resolve(following.read()) : null;
      // A failure of the file read ahead surfaces when its turn comes.
      next?.catch(() => undefined);
      // Nonce, body and tag are hashed and written as they are, never joined into one more copy.
      const parts = sealing ? encryptEntryParts(sealing.key, file.path, plain) : [plain];
      const entry = listed[index + 1];
      const length = parts.reduce((sum, part) => sum + part.length, 0);
      if (!entry || length !== entry.size) throw new AppError('attachment.corrupt', { sha256: file.path.slice(-64, -52) });
      const hash = createHash('sha256');
      for (const part of parts) hash.update(part);
      entry.sha256 = hash.digest('hex');
      await writing;
      writing = writer.addStored(file.path, parts);
      // Awaited before the next entry (or on failure, below): never an unhandled rejection meanwhile.
      writing.catch(() => undefined);
      done += length;
      report({ phase: 'writing', done, total });
    }
    await writing;
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    await writer.fill(MANIFEST_ENTRY, manifestBytes);
    await writer.fill(SIGNATURE_ENTRY, signBytes(keys.signing.privateKey, manifestBytes));
    const bytes = await writer.finish();
    const intact = await writer.readBack((read, size) => report({ phase: 'verifying', done: read, total: size }), cancelled);
    if (cancelled()) throw new AppError('exchange.cancelled');
    if (!intact) throw new AppError('exchange.verifyFailed', { path: target });
    if (options.record) options.record(manifest, () => writer.commit());
    else writer.commit();
    return { manifest, bytes };
  } catch (error) {
    // The entry being written (if any) lands before its file is removed.
    await writing.catch(() => undefined);
    writer.abort();
    throw error;
  }
}

export interface VerifiedPackage {
  manifest: Manifest;
  /** The open file: entries are read from it one at a time, each checked against the manifest when read. */
  container: ContainerReader;
  /** The entries the manifest lists, by path: the size and SHA-256 of their bytes as stored. */
  listed: ReadonlyMap<string, Manifest['entries'][number]>;
}

function stored(container: ContainerReader, path: string): ContainerEntry {
  const entry = container.entries.get(path);
  if (!entry) throw new AppError('exchange.missingEntry', { path });
  return entry;
}

/**
 * Opens a package with bounded memory, trusting nothing before its signature: the ZIP's directory and layout (see
 * {@link ContainerReader}), then only the manifest and its signature are read; the signature over the exact manifest
 * bytes is checked with the key the manifest names (trust in that key is the caller's next check, still before any
 * other entry is read), then the format, then that the directory holds exactly the entries the manifest lists, with
 * their sizes. Each entry's SHA-256 is checked when it is read. The caller closes the container.
 */
export async function verifyPackage(path: string): Promise<VerifiedPackage> {
  const container = await ContainerReader.open(path);
  try {
    const manifestEntry = container.entries.get(MANIFEST_ENTRY);
    const signatureEntry = container.entries.get(SIGNATURE_ENTRY);
    if (!manifestEntry || !signatureEntry) throw new AppError('exchange.missingEntry', { path: manifestEntry ? SIGNATURE_ENTRY : MANIFEST_ENTRY });
    if (manifestEntry.size > CONTAINER_LIMITS.manifestBytes) throw new AppError('exchange.malformed');
    if (signatureEntry.size !== SIGNATURE_BYTES) throw new AppError('exchange.badSignature');
    const manifestBytes = await container.read(MANIFEST_ENTRY);
    const signature = await container.read(SIGNATURE_ENTRY);
    let signingKey: string;
    let raw: unknown;
    try {
      raw = JSON.parse(manifestBytes.toString('utf8'));
      signingKey = String((raw as { sender?: { signingKey?: unknown } }).sender?.signingKey ?? '');
      if (!/^[A-Za-z0-9_-]{43}$/.test(signingKey)) throw new Error('no key');
    } catch {
      throw new AppError('exchange.malformed');
    }
    let key;
    try {
      key = signingKeyFromRaw(signingKey);
    } catch {
      throw new AppError('exchange.badSignature');
    }
    if (!verifyBytes(key, manifestBytes, signature)) throw new AppError('exchange.badSignature');
    const version = (raw as { formatVersion?: unknown }).formatVersion;
    if ((raw as { format?: unknown }).format !== EXCHANGE_FORMAT) throw new AppError('exchange.malformed');
    if (version !== EXCHANGE_FORMAT_VERSION) throw new AppError('exchange.formatVersion', { found: String(version), supported: EXCHANGE_FORMAT_VERSION });
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('exchange.malformed');
    const manifest = parsed.data;
    const listed = new Map(manifest.entries.map((entry) => [entry.path, entry]));
    if (listed.size !== manifest.entries.length || listed.has(MANIFEST_ENTRY) || listed.has(SIGNATURE_ENTRY)) throw new AppError('exchange.malformed');
    for (const path of container.entries.keys()) if (path !== MANIFEST_ENTRY && path !== SIGNATURE_ENTRY && !listed.has(path)) throw new AppError('exchange.hashMismatch', { path });
    for (const entry of manifest.entries) if (stored(container, entry.path).size !== entry.size) throw new AppError('exchange.hashMismatch', { path: entry.path });
    if (!listed.has(PAYLOAD_ENTRY)) throw new AppError('exchange.missingEntry', { path: PAYLOAD_ENTRY });
    return { manifest, container, listed };
  } catch (error) {
    container.close();
    throw error;
  }
}

function checkListed(verified: VerifiedPackage, path: string, bytes: Buffer): Buffer {
  const entry = verified.listed.get(path);
  if (!entry) throw new AppError('exchange.missingEntry', { path });
  if (bytes.length !== entry.size || sha256(bytes) !== entry.sha256) throw new AppError('exchange.hashMismatch', { path });
  return bytes;
}

/** An entry's bytes as stored (encrypted ones still encrypted), checked against the manifest's SHA-256. */
export async function readStored(verified: VerifiedPackage, path: string): Promise<Buffer> {
  return checkListed(verified, path, await verified.container.read(path));
}

/** A package's content key, agreed once however many entries are decrypted. */
const contentKeys = new WeakMap<VerifiedPackage, Buffer>();

function contentKey(keys: InstallationKeys, verified: VerifiedPackage, encryption: NonNullable<Manifest['encryption']>): Buffer {
  let key = contentKeys.get(verified);
  if (!key) {
    key = openSealing(keys.agreement.privateKey, encryption.ephemeralKey, encryption.salt, sealingInfo(verified.manifest.packageId));
    contentKeys.set(verified, key);
  }
  return key;
}

function opened(keys: InstallationKeys, verified: VerifiedPackage, path: string, data: Buffer): Buffer {
  const encryption = verified.manifest.encryption;
  if (!encryption) return data;
  try {
    return decryptEntry(contentKey(keys, verified, encryption), path, data);
  } catch {
    throw new AppError('exchange.decrypt');
  }
}

/** An entry's plain bytes (read, checked, decrypted with this installation's key where the package is encrypted). */
export async function plainEntry(keys: InstallationKeys, verified: VerifiedPackage, path: string): Promise<Buffer> {
  return opened(keys, verified, path, await readStored(verified, path));
}

/** The same, synchronously (inside a transaction, where nothing may be awaited). */
export function plainEntrySync(keys: InstallationKeys, verified: VerifiedPackage, path: string): Buffer {
  return opened(keys, verified, path, checkListed(verified, path, verified.container.readSync(path)));
}

/** How long an entry's plain bytes are, from the size the manifest lists. */
export function plainSize(verified: VerifiedPackage, path: string): number {
  const size = verified.listed.get(path)?.size ?? 0;
  return verified.manifest.encryption ? Math.max(0, size - SEALING_OVERHEAD) : size;
}

/**
 * The first plain bytes of an entry, read and decrypted without the rest: enough to tell a PDF from an image before
 * the whole file is read. Not authenticated; the whole entry is checked (and its type again) when it is stored.
 */
export async function plainStart(keys: InstallationKeys, verified: VerifiedPackage, path: string, length: number): Promise<Buffer> {
  const plain = plainSize(verified, path);
  const encryption = verified.manifest.encryption;
  if (!encryption) return verified.container.readStart(path, Math.min(length, plain));
  const start = await verified.container.readStart(path, SEALING_NONCE_BYTES + Math.min(length, plain));
  try {
    return decryptStart(contentKey(keys, verified, encryption), path, start);
  } catch {
    throw new AppError('exchange.decrypt');
  }
}

/** The payload as JSON (decrypted where needed), read only if the manifest lists it at no more than `maximum` bytes. */
export async function readPayload(keys: InstallationKeys, verified: VerifiedPackage, maximum: number = CONTAINER_LIMITS.entryBytes): Promise<unknown> {
  if ((verified.listed.get(PAYLOAD_ENTRY)?.size ?? 0) > maximum) throw new AppError('exchange.tooLarge', { maximum });
  const bytes = await plainEntry(keys, verified, PAYLOAD_ENTRY);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('exchange.badRecords');
  }
}
