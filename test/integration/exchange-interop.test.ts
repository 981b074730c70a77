// The .tdcs container read by tools that share no code with the application: Info-ZIP's `unzip` lists, tests and
// extracts it, and OpenSSL verifies the Ed25519 signature over the exact manifest bytes, recomputes every entry's
// SHA-256, and derives the same content key (X25519 + HKDF-SHA-256) that opens the AES-256-GCM payload.
// Needs the Debian packages `openssl` and `unzip`; without them each test is skipped with a message saying so.
import { spawnSync } from 'node:child_process';
import { createDecipheriv } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { MANIFEST_ENTRY, SIGNATURE_ENTRY } from '../../electron/exchange/container';
import { signingKeyFromRaw } from '../../electron/exchange/keys';
import { PAYLOAD_ENTRY } from '../../electron/exchange/package';
import { EXCHANGE_FORMAT_VERSION, type Manifest } from '../../shared/domain/exchange';
import { BRANCH_NAME, enrol, entryName, manifestOf, OFFICE_NAME, openInstallation, pdfBytes, pngBytes, readBytes, readyDossier, readZip, YEAR, type Enrolled } from './exchange-support';

function available(tool: string): boolean {
  const probe = spawnSync(tool, tool === 'openssl' ? ['version'] : ['-v'], { encoding: 'utf8' });
  return probe.status === 0 && probe.error === undefined;
}

const MISSING = ['openssl', 'unzip'].filter((tool) => !available(tool));

function requireTools(context: TestContext): void {
  if (MISSING.length > 0) context.skip(`${MISSING.join(' and ')} not installed (apt-get install ${MISSING.join(' ')}): interop not checked`);
}

function run(command: string, args: string[], options: { input?: Buffer } = {}): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(command, args, { input: options.input, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** SubjectPublicKeyInfo for a raw Ed25519 key, written by hand (RFC 8410), so OpenSSL gets it without Node's help. */
function ed25519Pem(raw: string): string {
  const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(raw, 'base64url')]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
}

function x25519Pem(raw: string): string {
  const der = Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), Buffer.from(raw, 'base64url')]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
}

describe('interoperability of .tdcs files with unzip and OpenSSL', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tdcs-interop-'));
  let world: Enrolled;
  let submissionPath: string;
  let setupPath: string;

  beforeAll(async () => {
    const branch = await openInstallation('branch', BRANCH_NAME);
    const office = await openInstallation('office', OFFICE_NAME);
    world = await enrol(branch, office, folder, { communes: 1 });
    await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: world.communes[0]?.id as string }, [
      { fileName: 'Biên bản.pdf', bytes: pdfBytes('interop') },
      { fileName: 'Ảnh.png', bytes: pngBytes(5) },
    ]);
    submissionPath = join(folder, 'submission.tdcs');
    await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: submissionPath });
    setupPath = join(folder, 'setup-go-dau.tdcs');
  });

  afterAll(() => {
    world.branch.close();
    world.office.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('`unzip -l` lists the container and `unzip -t` finds no error in it', (context) => {
    requireTools(context);
    for (const path of [setupPath, submissionPath]) {
      const manifest = manifestOf(readBytes(path));
      const listing = run('unzip', ['-l', path]);
      expect(listing.status, listing.stderr).toBe(0);
      const text = listing.stdout.toString('utf8');
      for (const name of [MANIFEST_ENTRY, SIGNATURE_ENTRY, ...manifest.entries.map((entry) => entry.path)]) expect(text).toContain(name);
      expect(text).toMatch(new RegExp(`\\s${manifest.entries.length + 2} files`));
      const tested = run('unzip', ['-t', path]);
      expect(tested.status, tested.stderr).toBe(0);
      expect(tested.stdout.toString('utf8')).toContain('No errors detected');
    }
  });

  it('OpenSSL verifies the Ed25519 signature over manifest.json as `unzip -p` extracts it, and rejects a changed byte', (context) => {
    requireTools(context);
    for (const path of [setupPath, submissionPath]) {
      const manifestBytes = run('unzip', ['-p', path, MANIFEST_ENTRY]).stdout;
      const signature = run('unzip', ['-p', path, SIGNATURE_ENTRY]).stdout;
      expect(signature).toHaveLength(64);
      const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
      expect(manifest.formatVersion).toBe(EXCHANGE_FORMAT_VERSION);
      const pem = ed25519Pem(manifest.sender.signingKey);
      // The hand-written key is the one Node reads from the manifest.
      expect(pem.replace(/\n/g, '')).toBe(String(signingKeyFromRaw(manifest.sender.signingKey).export({ format: 'pem', type: 'spki' })).replace(/\n/g, ''));
      const files = { pem: join(folder, 'sender.pem'), manifest: join(folder, 'manifest.json'), signature: join(folder, 'manifest.sig') };
      writeFileSync(files.pem, pem);
      writeFileSync(files.manifest, manifestBytes);
      writeFileSync(files.signature, signature);
      const verify = () => run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', files.pem, '-rawin', '-in', files.manifest, '-sigfile', files.signature]);
      const good = verify();
      expect(good.status, good.stderr).toBe(0);
      expect(good.stdout.toString('utf8')).toContain('Signature Verified Successfully');

      const tampered = Buffer.from(manifestBytes);
      tampered[20] = (tampered[20] as number) ^ 0x01;
      writeFileSync(files.manifest, tampered);
      const bad = verify();
      expect(bad.status).not.toBe(0);
      expect(bad.stdout.toString('utf8')).toContain('Signature Verification Failure');
    }
  });

  it('every entry extracted by `unzip -p` has the SHA-256 and size the signed manifest lists (computed by OpenSSL)', (context) => {
    requireTools(context);
    for (const path of [setupPath, submissionPath]) {
      const manifest = manifestOf(readBytes(path));
      for (const entry of manifest.entries) {
        const data = run('unzip', ['-p', path, entry.path]).stdout;
        expect(data.length, entry.path).toBe(entry.size);
        const digest = run('openssl', ['dgst', '-sha256', '-r'], { input: data });
        expect(digest.stdout.toString('utf8').split(' ')[0], entry.path).toBe(entry.sha256);
      }
    }
  });

  it('OpenSSL derives the same content key (X25519 with the branch key, then HKDF-SHA-256), which opens payload.json', (context) => {
    requireTools(context);
    const manifest = manifestOf(readBytes(submissionPath));
    const encryption = manifest.encryption;
    if (!encryption) throw new Error('the submission is not encrypted');
    // The branch's private X25519 key, as PKCS#8 PEM from its data directory (keys/keys.json, unprotected in tests).
    const stored = JSON.parse(readFileSync(join(world.branch.dataDir, 'keys', 'keys.json'), 'utf8')) as { protected: boolean; agreement: string };
    expect(stored.protected).toBe(false);
    const files = { own: join(folder, 'branch-x25519.pem'), peer: join(folder, 'ephemeral.pem') };
    writeFileSync(files.own, Buffer.from(stored.agreement, 'base64'));
    writeFileSync(files.peer, x25519Pem(encryption.ephemeralKey));
    const shared = run('openssl', ['pkeyutl', '-derive', '-inkey', files.own, '-peerkey', files.peer]);
    expect(shared.status, shared.stderr).toBe(0);
    expect(shared.stdout).toHaveLength(32);
    const info = `tdcs/v${EXCHANGE_FORMAT_VERSION}/${manifest.packageId}`;
    const kdf = run('openssl', [
      'kdf',
      '-keylen',
      '32',
      '-kdfopt',
      'digest:SHA256',
      '-kdfopt',
      `hexkey:${shared.stdout.toString('hex')}`,
      '-kdfopt',
      `hexsalt:${Buffer.from(encryption.salt, 'base64url').toString('hex')}`,
      '-kdfopt',
      `hexinfo:${Buffer.from(info, 'utf8').toString('hex')}`,
      'HKDF',
    ]);
    expect(kdf.status, kdf.stderr).toBe(0);
    const key = Buffer.from(kdf.stdout.toString('utf8').trim().replace(/:/g, ''), 'hex');
    expect(key).toHaveLength(32);
    // nonce (12) ‖ ciphertext ‖ tag (16), the entry's path as additional data.
    const sealed = run('unzip', ['-p', submissionPath, PAYLOAD_ENTRY]).stdout;
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(PAYLOAD_ENTRY, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const payload = JSON.parse(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString('utf8')) as { dossiers: { id: string }[] };
    expect(payload.dossiers).toHaveLength(1);
    // And the same ZIP as the application's own reader sees it.
    expect(readZip(readBytes(submissionPath)).map(entryName)).toEqual([MANIFEST_ENTRY, SIGNATURE_ENTRY, ...manifest.entries.map((entry) => entry.path)]);
  });
});
