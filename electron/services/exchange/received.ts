import { createHash } from 'node:crypto';
import type { PackageSource } from '../../../shared/contract/calls';
import { AppError } from '../../../shared/contract/errors';
import { ENCRYPTED_KINDS } from '../../../shared/domain/exchange';
import { findCampaign } from '../../db/campaigns';
import { CONTAINER_LIMITS } from '../../exchange/container';
import { plainEntry, plainSize, plainStart, readPayload, readStored, verifyPackage, PAYLOAD_ENTRY, type VerifiedPackage } from '../../exchange/package';
import { submissionPayload } from '../../exchange/payloads';
import { DOCX_TYPE } from '../../../shared/domain/attachment';
import { sniffType, typeByStart } from '../attachments';
import type { ServiceContext } from '../context';
import { packagePath, requireExchangeRight } from './common';
import { judgeSender, type JudgedSender } from './peers';

/** What an evidence file of a submission is, known before the records are judged. */
export interface EvidenceFacts {
  /** Its type by its first bytes (null: not a kind of file offices may attach). */
  type: string | null;
  /** Its plain size in bytes. */
  size: number;
}

/** A package opened and its sender trusted, then (only then) its payload read; the container stays open until closed. */
export interface Received {
  verified: VerifiedPackage;
  fileName: string;
  sender: JudgedSender;
  /** The payload as JSON, not yet checked against its kind's form (each kind's judge does that). */
  payload: unknown;
  /** The evidence files of a submission, by SHA-256 (those the manifest lists). */
  evidence: Map<string, EvidenceFacts>;
  close: () => void;
}

/** How many first bytes tell a file's type. */
const SNIFF_BYTES = 16;

export function evidencePath(sha256: string): string {
  return `attachments/${sha256}`;
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The evidence files a submission's payload names, each once; the payload's form is the judge's to check, so nothing is assumed here. */
function namedEvidence(payload: unknown): { sha256: string; fileName: string }[] {
  const parsed = submissionPayload.safeParse(payload);
  if (!parsed.success) return [];
  const files = new Map<string, string>();
  for (const dossier of parsed.data.dossiers) for (const file of dossier.attachments) if (!files.has(file.sha256)) files.set(file.sha256, file.fileName);
  return [...files].map(([sha256, fileName]) => ({ sha256, fileName }));
}

/**
 * The evidence of a submission. `thorough` (the dry run) reads every entry of the file once: each is checked against
 * the manifest's SHA-256, decrypted (its tag checked) and its plain bytes against the SHA-256 that names them, so the
 * dry run meets every problem the import would. Otherwise (the import, which checks each file as it stores it) only
 * the first bytes of each evidence file are read, to know its type.
 */
async function inspectEvidence(context: ServiceContext, verified: VerifiedPackage, payload: unknown, thorough: boolean): Promise<Map<string, EvidenceFacts>> {
  const facts = new Map<string, EvidenceFacts>();
  const keys = context.keys();
  for (const { sha256, fileName } of namedEvidence(payload)) {
    const path = evidencePath(sha256);
    if (!verified.listed.has(path)) continue;
    if (thorough) {
      const plain = await plainEntry(keys, verified, path);
      if (sha256Of(plain) !== sha256) throw new AppError('exchange.hashMismatch', { path: fileName });
      facts.set(sha256, { type: await sniffType(plain), size: plain.length });
    } else {
      const claimed = typeByStart(await plainStart(keys, verified, path, SNIFF_BYTES));
      // A ZIP is a Word document only if its directory says so: that needs the whole (bounded) file.
      const type = claimed === DOCX_TYPE ? await sniffType(await plainEntry(keys, verified, path)) : claimed;
      facts.set(sha256, { type, size: plainSize(verified, path) });
    }
  }
  if (thorough) for (const path of verified.listed.keys()) if (path !== PAYLOAD_ENTRY && !facts.has(path.slice('attachments/'.length))) await readStored(verified, path);
  return facts;
}

/**
 * Opens a package and trusts it step by step, each before the next reads more: the container's layout, the signature,
 * then the sender (known key, not revoked, this installation as recipient), the campaign and the encryption, and only
 * then the payload (bounded tighter for a first contact, whose sender no one has confirmed yet) and the evidence.
 */
export async function receive(context: ServiceContext, source: PackageSource, thorough: boolean): Promise<Received> {
  const { path, fileName } = packagePath(context, source);
  const verified = await verifyPackage(path);
  const close = () => verified.container.close();
  try {
    const { manifest } = verified;
    requireExchangeRight(context, manifest.kind, 'import');
    const sender = judgeSender(context, manifest);
    if (manifest.kind !== 'setup' && !findCampaign(context.db, manifest.campaignYear)) throw new AppError('exchange.otherCampaign', { year: manifest.campaignYear });
    if (ENCRYPTED_KINDS.includes(manifest.kind) && !manifest.encryption) throw new AppError('exchange.notEncrypted');
    const payload = await readPayload(context.keys(), verified, sender.firstContact ? CONTAINER_LIMITS.firstContactPayloadBytes : CONTAINER_LIMITS.entryBytes);
    const evidence = manifest.kind === 'submission' ? await inspectEvidence(context, verified, payload, thorough) : new Map<string, EvidenceFacts>();
    return { verified, fileName, sender, payload, evidence, close };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * Before an import writes anything: every entry it will not store (evidence already here, evidence of records it
 * refuses) is read and checked too, so a file with one altered entry is refused whole, as the dry run refuses it.
 */
export async function checkUnstored(verified: VerifiedPackage, stored: Set<string>): Promise<void> {
  for (const path of verified.listed.keys()) if (path !== PAYLOAD_ENTRY && !stored.has(path)) await readStored(verified, path);
}
