import { createHash, webcrypto } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, DOCX_TYPE, type AttachmentInfo } from '../../shared/domain/attachment';
import { attachmentBytesOf, attachmentsOf, countAttachments, dropUnusedBlob, insertAttachmentBlob, linkAttachment, unlinkAttachment } from '../db/attachments';
import { findDossier } from '../db/dossiers';
import { inTransaction, type ServiceContext } from './context';
import { audit } from './audit';
import { afterEvidenceChange, requireEditableHere, requireOpenCampaign } from './dossiers';
import { checkOfficeFile, isWordPackage, isZip } from './office-files';
import { WORD_LIMITS } from './word-report';

/** Where a blob lives: attachments/ab/abcdef… under the data directory. */
export function blobPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes a blob once: temporary name, fsync, rename, so a power cut never leaves half a file under its name. */
function storeBlob(dataDir: string, sha256: string, bytes: Buffer): void {
  const target = blobPath(dataDir, sha256);
  if (existsSync(target) && sha256Of(readFileSync(target)) === sha256) return;
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.partial`;
  const descriptor = openSync(temporary, 'w');
  try {
    writeSync(descriptor, bytes);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, target);
}

/** Stores an evidence file by its SHA-256 (once, whatever the number of dossiers it supports). */
export function storeEvidence(dataDir: string, bytes: Buffer): { sha256: string; size: number } {
  const sha256 = sha256Of(bytes);
  storeBlob(dataDir, sha256, bytes);
  return { sha256, size: bytes.length };
}

/** Reads a blob and checks it still has the hash it is named by. */
export function readBlob(dataDir: string, sha256: string): Buffer {
  const path = blobPath(dataDir, sha256);
  if (!existsSync(path)) throw new AppError('attachment.missing', { sha256: sha256.slice(0, 12) });
  const bytes = readFileSync(path);
  if (sha256Of(bytes) !== sha256) throw new AppError('attachment.corrupt', { sha256: sha256.slice(0, 12) });
  return bytes;
}

/** SHA-256 computed on the thread pool, so that the process goes on with other work meanwhile (hex). */
export async function sha256InBackground(bytes: Buffer): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

/** {@link readBlob} with the reading and the check on the thread pool: an export verifies the next file while it writes this one. */
export async function readBlobInBackground(dataDir: string, sha256: string): Promise<Buffer> {
  const path = blobPath(dataDir, sha256);
  if (!existsSync(path)) throw new AppError('attachment.missing', { sha256: sha256.slice(0, 12) });
  const bytes = await readFile(path);
  if ((await sha256InBackground(bytes)) !== sha256) throw new AppError('attachment.corrupt', { sha256: sha256.slice(0, 12) });
  return bytes;
}

/**
 * What a file claims to be by its first bytes (16 are enough), so a renamed executable is not taken for a PDF. A ZIP
 * claims to be a Word document; only {@link sniffType} looks inside to confirm it.
 */
export function typeByStart(bytes: Buffer): string | null {
  if (isZip(bytes)) return DOCX_TYPE;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const tiff = bytes.subarray(0, 4).toString('hex');
  if (tiff === '49492a00' || tiff === '4d4d002a') return 'image/tiff';
  return null;
}

/** What a whole file is: its first bytes, and for a ZIP its directory, which must hold word/document.xml (a renamed spreadsheet or archive is not a Word document). */
export async function sniffType(bytes: Buffer): Promise<string | null> {
  const claimed = typeByStart(bytes);
  if (claimed !== DOCX_TYPE) return claimed;
  const check = await checkOfficeFile(bytes, WORD_LIMITS, false);
  return check.kind === 'zip' && isWordPackage(check.entries) ? DOCX_TYPE : null;
}

/** Adds an evidence file to a dossier: checked, stored once by SHA-256, linked in one transaction. */
export async function addAttachment(context: ServiceContext, input: { dossierId: string; fileName: string; content: string }): Promise<AttachmentInfo[]> {
  const dossier = findDossier(context.db, input.dossierId);
  if (!dossier) throw new AppError('dossier.notFound', { id: input.dossierId });
  requireOpenCampaign(context, dossier.campaignYear);
  requireEditableHere(context, dossier.id);
  const bytes = Buffer.from(input.content, 'base64');
  if (bytes.length === 0) throw new AppError('attachment.empty', { name: input.fileName });
  if (bytes.length > ATTACHMENT_LIMITS.fileBytes) throw new AppError('attachment.tooLarge', { name: input.fileName, maximum: ATTACHMENT_LIMITS.fileBytes / 1024 / 1024 });
  const mimeType = await sniffType(bytes);
  // Another call may have changed the dossier while the file was read: the rules are checked again on what is now stored.
  requireOpenCampaign(context, dossier.campaignYear);
  requireEditableHere(context, dossier.id);
  if (!mimeType || !ATTACHMENT_TYPES[mimeType]) throw new AppError('attachment.type', { name: input.fileName });
  if (countAttachments(context.db, dossier.id) >= ATTACHMENT_LIMITS.files) throw new AppError('attachment.tooMany', { maximum: ATTACHMENT_LIMITS.files });
  if (attachmentBytesOf(context.db, dossier.id) + bytes.length > ATTACHMENT_LIMITS.dossierBytes) {
    throw new AppError('attachment.dossierFull', { maximum: ATTACHMENT_LIMITS.dossierBytes / 1024 / 1024 });
  }
  const sha256 = sha256Of(bytes);
  // The file first (a stray file is harmless), then the rows that make it part of the dossier.
  storeBlob(context.dataDir, sha256, bytes);
  return inTransaction(context, () => {
    const now = context.now();
    insertAttachmentBlob(context.db, sha256, bytes.length, mimeType, now);
    if (linkAttachment(context.db, dossier.id, sha256, input.fileName.slice(0, 200), now)) {
      afterEvidenceChange(context, dossier.id);
      audit(context, 'attachment.added', { type: 'dossier', id: dossier.id, label: dossier.personName ?? dossier.unitName }, { after: { file: input.fileName.slice(0, 200), sha256, bytes: bytes.length } });
    }
    return attachmentsOf(context.db, dossier.id);
  });
}

/** An attachment's bytes (base64), verified against its hash. */
export function readAttachment(context: ServiceContext, dossierId: string, sha256: string): { fileName: string; mimeType: string; content: string } {
  if (!findDossier(context.db, dossierId)) throw new AppError('dossier.notFound', { id: dossierId });
  const info = attachmentsOf(context.db, dossierId).find((attachment) => attachment.sha256 === sha256);
  if (!info) throw new AppError('attachment.missing', { sha256: sha256.slice(0, 12) });
  return { fileName: info.fileName, mimeType: info.mimeType, content: readBlob(context.dataDir, sha256).toString('base64') };
}

export function removeAttachment(context: ServiceContext, dossierId: string, sha256: string): AttachmentInfo[] {
  const { remaining, orphan } = inTransaction(context, () => {
    const dossier = findDossier(context.db, dossierId);
    if (!dossier) throw new AppError('dossier.notFound', { id: dossierId });
    requireOpenCampaign(context, dossier.campaignYear);
    requireEditableHere(context, dossierId);
    const fileName = attachmentsOf(context.db, dossierId).find((attachment) => attachment.sha256 === sha256)?.fileName ?? '';
    if (!unlinkAttachment(context.db, dossierId, sha256)) throw new AppError('attachment.missing', { sha256: sha256.slice(0, 12) });
    afterEvidenceChange(context, dossierId);
    audit(context, 'attachment.removed', { type: 'dossier', id: dossierId, label: dossier.personName ?? dossier.unitName }, { before: { file: fileName, sha256 } });
    return { remaining: attachmentsOf(context.db, dossierId), orphan: dropUnusedBlob(context.db, sha256) };
  });
  // Only after the commit: no dossier refers to the file any more.
  if (orphan) rmSync(blobPath(context.dataDir, sha256), { force: true });
  return remaining;
}
