import type { PackageKind } from '../../../shared/domain/exchange';
import { EXCHANGE_EXTENSION, fileNameSlug } from '../../../shared/domain/exchange';
import type { CallResponse } from '../../../shared/contract/envelope';
import { ApiError } from '../../app/api';

/** True in Electron (native dialogs, paths); false in browser mode (upload and download). */
export function isDesktop(): boolean {
  return window.tdcs !== undefined;
}

/** Browser mode: sends a chosen file to the application's inbox; resolves with the id the dry run names it by. */
export async function uploadExchangeFile(file: File, kind: 'exchange' | 'backup' = 'exchange'): Promise<string> {
  let response: CallResponse;
  try {
    const answer = await fetch(`./api/upload?kind=${kind}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file });
    response = (await answer.json()) as CallResponse;
  } catch {
    throw new ApiError({ code: 'internal' });
  }
  if (!response.ok) throw new ApiError(response.error);
  return (response.value as { uploadId: string }).uploadId;
}

/** Browser mode: where a file written to the outbox is downloaded from. */
export function downloadUrl(fileName: string): string {
  return `./api/download/${encodeURIComponent(fileName)}`;
}

/** A file name without accents or spaces, e.g. "2026-11-25-submission-Phong-giao-dich-Go-Dau.tdcs". */
export function suggestedFileName(kind: PackageKind, name: string, today: Date): string {
  const slug = fileNameSlug(name);
  const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return `${date}-${kind}-${slug}${EXCHANGE_EXTENSION}`;
}
