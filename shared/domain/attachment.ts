/** An evidence file of a dossier, stored once by its SHA-256 whatever the number of dossiers it supports. */
export interface AttachmentInfo {
  sha256: string;
  fileName: string;
  size: number;
  mimeType: string;
  addedAt: string;
}

/** The media type of a Word document (.docx): an office's own report, kept as the original of the text imported from it. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What offices attach: scans, PDFs, photos, and the Word originals of their reports. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/tiff': '.tif',
  [DOCX_TYPE]: '.docx',
};

export const ATTACHMENT_LIMITS = {
  /** One file. */
  fileBytes: 20 * 1024 * 1024,
  /** All the files of one dossier. */
  dossierBytes: 200 * 1024 * 1024,
  files: 50,
} as const;
