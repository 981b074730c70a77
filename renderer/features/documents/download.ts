import type { DocumentFile } from '../../../shared/documents/outputs';

/**
 * Hands a made file to the person: a download in browser mode; in the desktop window the same link opens the system's
 * save dialog (Electron asks where to save a download), so the file goes where the person chooses, written whole.
 */
export function saveFile(file: DocumentFile): void {
  if (!file.content) return;
  const bytes = Uint8Array.from(atob(file.content), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the bytes once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file chosen in the page, as base64 for a call. */
export async function fileAsBase64(file: File): Promise<string> {
  const buffer = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < buffer.length; index += 0x8000) binary += String.fromCharCode(...buffer.subarray(index, index + 0x8000));
  return btoa(binary);
}
