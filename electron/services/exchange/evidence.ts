import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { isBlobKnown } from '../../db/attachments';
import { flushFolder, writeDurably, writeDurablyInBackground } from '../../exchange/container';
import { plainEntry, plainEntrySync, type VerifiedPackage } from '../../exchange/package';
import type { SubmissionPayload } from '../../exchange/payloads';
import { blobPath, typeByStart } from '../attachments';
import type { ServiceContext } from '../context';
import { evidencePath, type EvidenceFacts } from './received';

export type ReceivedFile = SubmissionPayload['dossiers'][number]['attachments'][number];

/** Plain bytes that must be the file its name (its SHA-256) says, of the type judged from its first bytes. */
function checkedPlain(bytes: Buffer, file: ReceivedFile, facts: EvidenceFacts | undefined): Buffer {
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) throw new AppError('exchange.hashMismatch', { path: file.fileName });
  // The first bytes were read apart, before the records were judged: the whole file must still be what they said.
  if (facts && typeByStart(bytes) !== facts.type) throw new AppError('exchange.damaged');
  return bytes;
}

/** One received evidence file, decrypted, checked and written durably, synchronously (inside a transaction); returns its size. */
export function storeReceivedBlob(context: ServiceContext, verified: VerifiedPackage, file: ReceivedFile, facts: EvidenceFacts | undefined): number {
  const bytes = checkedPlain(plainEntrySync(context.keys(), verified, evidencePath(file.sha256)), file, facts);
  mkdirSync(dirname(blobPath(context.dataDir, file.sha256)), { recursive: true });
  writeDurably(blobPath(context.dataDir, file.sha256), bytes);
  return bytes.length;
}

/** Files written at once; enough for the device to be busy while the next file is decrypted and checked. */
const EVIDENCE_WRITES_IN_FLIGHT = 8;

/** The evidence files an import will store: each once, and only those not already here (named by their SHA-256, they are the same). */
export function evidenceToStore(context: ServiceContext, evidence: ReceivedFile[]): ReceivedFile[] {
  return [...new Map(evidence.map((file) => [file.sha256, file])).values()].filter((file) => !existsSync(blobPath(context.dataDir, file.sha256)));
}

/**
 * The evidence of the dossiers about to be imported, stored before the transaction so that the device writes while
 * the next file is decrypted. Returns the files it wrote, for {@link removeStoredEvidence} if the import then fails.
 * Files are named by their SHA-256, so one left by a crash mid-import is reused whole by the retry (and its
 * temporary files are swept at the next start).
 */
export async function storeReceivedEvidence(context: ServiceContext, verified: VerifiedPackage, pending: ReceivedFile[], facts: ReadonlyMap<string, EvidenceFacts>): Promise<{ sha256: string; path: string }[]> {
  const folders = new Set<string>();
  const writes = new Set<Promise<void>>();
  const written: { sha256: string; path: string }[] = [];
  let failure: unknown = null;
  try {
    for (const file of pending) {
      if (failure) break;
      const path = blobPath(context.dataDir, file.sha256);
      const bytes = checkedPlain(await plainEntry(context.keys(), verified, evidencePath(file.sha256)), file, facts.get(file.sha256));
      mkdirSync(dirname(path), { recursive: true });
      folders.add(dirname(path));
      const write = writeDurablyInBackground(path, bytes).then(
        () => void written.push({ sha256: file.sha256, path }),
        (error: unknown) => {
          failure ??= error;
        },
      );
      writes.add(write);
      void write.finally(() => writes.delete(write));
      if (writes.size >= EVIDENCE_WRITES_IN_FLIGHT) await Promise.race(writes);
    }
  } catch (error) {
    failure ??= error;
  }
  await Promise.all(writes);
  if (failure) {
    removeStoredEvidence(context, written);
    throw failure instanceof AppError ? failure : new AppError('exchange.storeFailed');
  }
  // The renames reach the device before the transaction that points to the files commits.
  for (const folder of folders) flushFolder(folder);
  return written;
}

/**
 * An import that failed after storing its evidence takes the files back: nothing of it stays behind. A file that
 * something else (another import, an attachment added meanwhile) now points to is the other's, and stays.
 */
export function removeStoredEvidence(context: ServiceContext, files: { sha256: string; path: string }[]): void {
  for (const file of files) if (!isBlobKnown(context.db, file.sha256)) rmSync(file.path, { force: true });
}
