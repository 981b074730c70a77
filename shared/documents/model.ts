/**
 * A council document as one model that every output reads: the DOCX, the PDF, the XLSX (its tables) and the preview
 * on screen print the same blocks, so what is signed is what was previewed. Layout follows Decree 30/2020/NĐ-CP.
 */

export const DOCUMENT_KINDS = ['submission', 'minutes', 'list', 'scores', 'report', 'notice'] as const;
/** Tờ trình, biên bản, danh sách, bảng tổng hợp điểm, báo cáo thành tích, thông báo kết quả. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The formats each document comes in: tables also as a workbook. */
export const FORMATS_OF: Record<DocumentKind, readonly DocumentFormat[]> = {
  submission: ['docx', 'pdf'],
  minutes: ['docx', 'pdf'],
  list: ['docx', 'pdf', 'xlsx'],
  scores: ['docx', 'pdf', 'xlsx'],
  report: ['docx', 'pdf'],
  notice: ['docx', 'pdf'],
};

/** Documents made once per nominee (the achievement report) or per office (the notice of results). */
export const PER_SUBJECT: Partial<Record<DocumentKind, 'nominee' | 'office'>> = { report: 'nominee', notice: 'office' };

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: TextRun[];
  align?: Align;
  /** First-line indent of body text (1.27 cm). */
  indent?: boolean;
  /** Points; body text is 14. */
  size?: number;
  /** Points before and after. */
  before?: number;
  after?: number;
  pageBreakBefore?: boolean;
  /** Draws a short solid line, centred, a third of the column wide, instead of text (Decree 30's rule under a subject). */
  rule?: boolean;
}

export interface TableCell {
  text: string;
  bold?: boolean;
  italic?: boolean;
  align?: Align;
  /** Columns this cell spans. */
  span?: number;
  /** A number the workbook keeps as a number (hundredths for points, else a count), beside its printed text. */
  value?: { hundredths: number } | { count: number };
}

export interface TableBlock {
  type: 'table';
  /** Relative widths of the columns. */
  widths: number[];
  header: TableCell[][];
  rows: TableCell[][];
  size?: number;
  /** The sheet's name when the table is written to a workbook (31 characters at most). */
  sheet?: string;
}

/** Decree 30's two-column heading: organ and number on the left, national title, motto, place and date on the right. */
export interface LetterheadBlock {
  type: 'letterhead';
  parentOrgan: string;
  organ: string;
  /** "Số: …/TTr-HĐTĐKT", or null for a table that has no number. */
  number: string | null;
  /** "Tây Ninh, ngày 05 tháng 01 năm 2026", or null. */
  placeDate: string | null;
  /** Starts a new page (the lists attached to a submission). */
  pageBreakBefore?: boolean;
}

export interface Signer {
  /** "TM. HỘI ĐỒNG", "KT. …"; empty when the signer signs in their own name. */
  capacity: string;
  title: string;
  name: string;
  /** A line under the title, e.g. "(Ký, ghi rõ họ tên)". */
  note?: string;
}

/** The end of a document: "Nơi nhận:" with its list on the left and the signer on the right, or two signers side by side. */
export interface SignatureBlock {
  type: 'signature';
  recipients: string[] | null;
  left: Signer | null;
  right: Signer;
}

export type DocumentBlock = ParagraphBlock | TableBlock | LetterheadBlock | SignatureBlock;

export interface DocumentModel {
  kind: DocumentKind;
  /** The file name without extension, without accents ("to-trinh-2025"). */
  fileStem: string;
  /** What the document is, for the screen ("Tờ trình đề nghị khen thưởng năm 2025"). */
  title: string;
  orientation: 'portrait' | 'landscape';
  /** Why the document is still a draft (the round is not locked, ballots are missing…), printed at its top; null when final. */
  draft: string | null;
  blocks: DocumentBlock[];
}

/** Decree 30's page: A4, margins top and bottom 20 mm, left 30 mm, right 15 mm (inside the ranges it allows). */
export const PAGE = { widthMm: 210, heightMm: 297, topMm: 20, bottomMm: 20, leftMm: 30, rightMm: 15, headerMm: 10 } as const;

/** Font sizes of Decree 30's model table: national title 12, motto 13, organs 12, number and date 13, type 14, body 14. */
export const SIZES = { title: 12, motto: 13, organ: 12, number: 13, date: 13, type: 14, body: 14, signature: 14, recipientsHead: 12, recipients: 11, table: 12, wideTable: 10, pageNumber: 13 } as const;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export function text(value: string, style: Omit<TextRun, 'text'> = {}): TextRun {
  return { text: value, ...style };
}

export function paragraph(runs: TextRun[] | string, options: Omit<ParagraphBlock, 'type' | 'runs'> = {}): ParagraphBlock {
  return { type: 'paragraph', runs: typeof runs === 'string' ? [text(runs)] : runs, ...options };
}

/** Body text: 14, justified, first line indented, 6 pt after. */
export function body(value: string, style: Omit<TextRun, 'text'> = {}): ParagraphBlock {
  return paragraph([text(value, style)], { align: 'justify', indent: true, size: SIZES.body, after: 6 });
}

/** Centred bold heading of a document's type and subject. */
export function centred(value: string, style: Omit<TextRun, 'text'> = {}, size: number = SIZES.type): ParagraphBlock {
  return paragraph([text(value, style)], { align: 'center', size, after: 0 });
}
