import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encrypts private keys at rest where the system offers it (Electron's safeStorage: the OS keychain). */
export interface KeyProtector {
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

/** An installation's own keys: Ed25519 to sign what it sends, X25519 to receive what is encrypted to it. */
export interface InstallationKeys {
  signing: { privateKey: KeyObject; publicKey: KeyObject };
  agreement: { privateKey: KeyObject; publicKey: KeyObject };
}

/** Raw 32-byte public keys, base64url, as they travel in manifests. */
export interface PublicKeys {
  signingKey: string;
  agreementKey: string;
}

const KEY_FILE = 'keys.json';

/** A public key's raw 32 bytes, from Node's JWK export (the `x` member is the raw key, base64url). */
export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as { x?: string };
  if (!jwk.x) throw new Error('not an OKP public key');
  return jwk.x;
}

export function signingKeyFromRaw(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

export function agreementKeyFromRaw(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw }, format: 'jwk' });
}

export function publicKeysOf(keys: InstallationKeys): PublicKeys {
  return { signingKey: rawPublicKey(keys.signing.publicKey), agreementKey: rawPublicKey(keys.agreement.publicKey) };
}

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A fingerprint two people can read to each other by phone: SHA-256 of both public keys, 20 characters
 * from an alphabet without look-alikes (no I, O, 0, 1), in groups of four.
 */
export function fingerprint(keys: PublicKeys): string {
  const digest = createHash('sha256').update(Buffer.from(keys.signingKey, 'base64url')).update(Buffer.from(keys.agreementKey, 'base64url')).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= 20) break;
  }
  return (out.match(/.{4}/g) ?? []).join('-');
}

interface StoredKeys {
  protected: boolean;
  signing: string;
  agreement: string;
}

function exportPrivate(key: KeyObject, protector: KeyProtector | null): string {
  const pem = Buffer.from(key.export({ format: 'pem', type: 'pkcs8' }) as string);
  return (protector ? protector.encrypt(pem) : pem).toString('base64');
}

function importPrivate(text: string, isProtected: boolean, protector: KeyProtector | null): KeyObject {
  const bytes = Buffer.from(text, 'base64');
  if (isProtected && !protector) throw new Error('the keys are protected by the system keychain, which is not available here');
  return createPrivateKey(isProtected && protector ? protector.decrypt(bytes) : bytes);
}

/** Loads the installation's keys from its data directory, creating them on first use; private keys never leave it. */
export function loadOrCreateKeys(dataDir: string, protector: KeyProtector | null): InstallationKeys {
  const folder = join(dataDir, 'keys');
  const file = join(folder, KEY_FILE);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKeys;
    const signingPrivate = importPrivate(stored.signing, stored.protected, protector);
    const agreementPrivate = importPrivate(stored.agreement, stored.protected, protector);
    return {
      signing: { privateKey: signingPrivate, publicKey: createPublicKey(signingPrivate) },
      agreement: { privateKey: agreementPrivate, publicKey: createPublicKey(agreementPrivate) },
    };
  }
  const signing = generateKeyPairSync('ed25519');
  const agreement = generateKeyPairSync('x25519');
  const stored: StoredKeys = { protected: protector !== null, signing: exportPrivate(signing.privateKey, protector), agreement: exportPrivate(agreement.privateKey, protector) };
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  writeFileSync(partial, JSON.stringify(stored), { mode: 0o600 });
  renameSync(partial, file);
  chmodSync(file, 0o600);
  return { signing, agreement };
}
