import { createCipheriv, createDecipheriv, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { agreementKeyFromRaw, rawPublicKey } from './keys';

/** The only encryption the exchange uses: X25519 agreement, HKDF-SHA-256, AES-256-GCM (all BoringSSL-safe). */
export const ENCRYPTION_SCHEME = 'x25519-hkdf-sha256-aes256gcm';

const NONCE_BYTES = 12;
/** The nonce that starts every encrypted entry. */
export const SEALING_NONCE_BYTES = NONCE_BYTES;
const TAG_BYTES = 16;
/** How much longer an entry is once encrypted: its nonce and its tag. */
export const SEALING_OVERHEAD = NONCE_BYTES + TAG_BYTES;

/** Signs the exact bytes given (the manifest as written, never a re-serialisation). */
export function signBytes(privateKey: KeyObject, bytes: Buffer): Buffer {
  return sign(null, bytes, privateKey);
}

export function verifyBytes(publicKey: KeyObject, bytes: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}

export interface Sealing {
  ephemeralKey: string;
  salt: string;
  key: Buffer;
}

/** A fresh content key for one package, agreed with the recipient's X25519 key through an ephemeral key. */
export function sealTo(recipientAgreementKey: string, info: string): Sealing {
  const ephemeral = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: agreementKeyFromRaw(recipientAgreementKey) });
  const salt = randomBytes(32);
  const key = Buffer.from(hkdfSync('sha256', shared, salt, Buffer.from(info, 'utf8'), 32));
  return { ephemeralKey: rawPublicKey(ephemeral.publicKey), salt: salt.toString('base64url'), key };
}

/** The same content key, on the recipient's side. */
export function openSealing(privateAgreementKey: KeyObject, ephemeralKey: string, salt: string, info: string): Buffer {
  const shared = diffieHellman({ privateKey: privateAgreementKey, publicKey: agreementKeyFromRaw(ephemeralKey) });
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(salt, 'base64url'), Buffer.from(info, 'utf8'), 32));
}

/**
 * nonce ‖ ciphertext ‖ tag, as its three parts: written one after the other, an entry of hundreds of megabytes is never
 * copied to join them. The entry's path is authenticated too, so entries cannot be swapped.
 */
export function encryptEntryParts(key: Buffer, path: string, plain: Buffer): Buffer[] {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(path, 'utf8'));
  const body = cipher.update(plain);
  // GCM is a stream mode: final() gives no more bytes, only the tag.
  const rest = cipher.final();
  return rest.length > 0 ? [nonce, body, rest, cipher.getAuthTag()] : [nonce, body, cipher.getAuthTag()];
}

/** nonce ‖ ciphertext ‖ tag in one buffer. */
export function encryptEntry(key: Buffer, path: string, plain: Buffer): Buffer {
  return Buffer.concat(encryptEntryParts(key, path, plain));
}

export function decryptEntry(key: Buffer, path: string, sealed: Buffer): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new Error('entry too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(path, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES));
  // final() checks the tag and gives no more bytes: the plain text is not copied again to append nothing.
  const rest = decipher.final();
  return rest.length > 0 ? Buffer.concat([body, rest]) : body;
}

/**
 * The plain bytes that `sealedStart` (an entry's first bytes: its nonce, then ciphertext) decrypts to, without the
 * tag: AES-GCM decrypts as a stream, so the start of a file can be looked at before the whole of it is read.
 */
export function decryptStart(key: Buffer, path: string, sealedStart: Buffer): Buffer {
  if (sealedStart.length <= NONCE_BYTES) return Buffer.alloc(0);
  const decipher = createDecipheriv('aes-256-gcm', key, sealedStart.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(path, 'utf8'));
  return decipher.update(sealedStart.subarray(NONCE_BYTES));
}

/** Checks at start that this runtime's crypto does what the exchange needs (Electron ships BoringSSL). */
export function cryptoSelfTest(): void {
  const signing = generateKeyPairSync('ed25519');
  const message = Buffer.from('tdcs self-test');
  if (!verifyBytes(signing.publicKey, message, signBytes(signing.privateKey, message))) throw new Error('Ed25519 self-test failed');
  const recipient = generateKeyPairSync('x25519');
  const sealing = sealTo(rawPublicKey(recipient.publicKey), 'self-test');
  const key = openSealing(recipient.privateKey, sealing.ephemeralKey, sealing.salt, 'self-test');
  if (!key.equals(sealing.key)) throw new Error('X25519/HKDF self-test failed');
  if (!decryptEntry(key, 'a', encryptEntry(key, 'a', message)).equals(message)) throw new Error('AES-256-GCM self-test failed');
}
