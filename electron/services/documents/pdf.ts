import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pdfmake from 'pdfmake';
import { MOTTO, NATIONAL_TITLE, PAGE, SIZES, type DocumentBlock, type DocumentModel, type LetterheadBlock, type ParagraphBlock, type SignatureBlock, type Signer, type TableBlock, type TextRun } from '../../../shared/documents/model';

/** Liberation Serif: free (SIL OFL 1.1), metric-compatible with Times New Roman, with Vietnamese; embedded in every PDF. */
export const PDF_FONT = 'LiberationSerif';
const FONT_FILES = { normal: 'LiberationSerif-Regular.ttf', bold: 'LiberationSerif-Bold.ttf', italics: 'LiberationSerif-Italic.ttf', bolditalics: 'LiberationSerif-BoldItalic.ttf' } as const;

const POINTS_PER_MM = 72 / 25.4;
const pt = (mm: number) => mm * POINTS_PER_MM;

/** The fonts beside the running code: dist/electron/fonts when built, the source folder under tests. */
function fontFolder(): string {
  const candidates = [join(__dirname, 'fonts'), join(__dirname, 'services', 'documents', 'fonts')];
  const found = candidates.find((folder) => existsSync(join(folder, FONT_FILES.normal)));
  if (!found) throw new Error('The documents font (Liberation Serif) is missing from the installation.');
  return found;
}

let ready = false;

/** pdfmake reads fonts from its own in-memory files only; it may fetch nothing and open no file (templates are data). */
function preparePdfmake(): void {
  if (ready) return;
  const folder = fontFolder();
  for (const file of Object.values(FONT_FILES)) pdfmake.virtualfs.writeFileSync(file, readFileSync(join(folder, file)));
  pdfmake.setFonts({ [PDF_FONT]: FONT_FILES });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

type Content = Record<string, unknown> | string;

function textWidth(orientation: DocumentModel['orientation']): number {
  return pt((orientation === 'landscape' ? PAGE.heightMm : PAGE.widthMm) - PAGE.leftMm - PAGE.rightMm);
}

/** A short solid line, centred, a third of `width`. */
function rule(width: number, after = 0): Content {
  return { canvas: [{ type: 'line', x1: width / 3, y1: 1, x2: (2 * width) / 3, y2: 1, lineWidth: 0.6 }], margin: [0, 3, 0, after] };
}

/**
 * A run cut so that "152/2025/NĐ-CP" or "TTr-HĐTĐKT" stays one unbreakable piece: pdfmake may break after "/" and "-",
 * and a justified line then spreads its extra space into the symbol.
 */
function pieces(run: TextRun): Record<string, unknown>[] {
  const style = { bold: run.bold ?? false, italics: run.italic ?? false, decoration: run.underline ? 'underline' : undefined };
  return run.text
    .split(/(\S*[^\s/-][/-][^\s/-]\S*)/)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, ...style, ...(/[^\s/-][/-][^\s/-]/.test(part) && !/\s/.test(part) ? { noWrap: true } : {}) }));
}

function paragraph(block: ParagraphBlock, width: number): Content {
  if (block.rule) return rule(width, block.after ?? 0);
  return {
    text: block.runs.length === 0 ? ' ' : block.runs.flatMap(pieces),
    alignment: block.align ?? 'left',
    fontSize: block.size ?? SIZES.body,
    leadingIndent: block.indent ? pt(12.7) : 0,
    margin: [0, block.before ?? 0, 0, block.after ?? 0],
    ...(block.pageBreakBefore ? { pageBreak: 'before' } : {}),
  };
}

const line = (text: string, fontSize: number, style: Record<string, unknown> = {}): Content => ({ text, fontSize, alignment: 'center', ...style });

function letterhead(block: LetterheadBlock, width: number): Content {
  const left = width * 0.45;
  const right = width - left;
  const lines = (value: string, bold: boolean) => value.split('\n').map((part) => line(part, SIZES.organ, bold ? { bold: true } : {}));
  return {
    table: {
      widths: [left - 8, right - 8],
      body: [
        [
          {
            stack: [
              ...(block.parentOrgan ? lines(block.parentOrgan, false) : []),
              ...(block.organ ? lines(block.organ, true) : []),
              rule(left - 8, 6),
              ...(block.number ? [line(block.number, SIZES.number)] : []),
            ],
          },
          {
            stack: [line(NATIONAL_TITLE, SIZES.title, { bold: true }), line(MOTTO, SIZES.motto, { bold: true, decoration: 'underline', margin: [0, 0, 0, 6] }), ...(block.placeDate ? [line(block.placeDate, SIZES.date, { italics: true })] : [])],
          },
        ],
      ],
    },
    layout: 'noBorders',
    ...(block.pageBreakBefore ? { pageBreak: 'before' } : {}),
  };
}

function table(block: TableBlock, width: number): Content {
  const total = block.widths.reduce((sum, value) => sum + value, 0);
  const padding = 6;
  const widths = block.widths.map((value) => (value / total) * width - padding - 0.5);
  const toCell = (entry: TableBlock['rows'][number][number]) => ({
    text: entry.text,
    bold: entry.bold ?? false,
    italics: entry.italic ?? false,
    alignment: entry.align ?? 'left',
    ...(entry.span && entry.span > 1 ? { colSpan: entry.span } : {}),
  });
  return {
    table: { headerRows: block.header.length, dontBreakRows: true, widths, body: [...block.header, ...block.rows].map((cells) => cells.map(toCell)) },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingLeft: () => 3, paddingRight: () => 3, paddingTop: () => 1.5, paddingBottom: () => 1.5 },
    fontSize: block.size ?? SIZES.table,
    margin: [0, 0, 0, 4],
  };
}

function signer(entry: Signer): Content {
  return {
    stack: [
      ...(entry.capacity ? [line(entry.capacity, SIZES.signature, { bold: true })] : []),
      line(entry.title, SIZES.signature, { bold: true }),
      ...(entry.note ? [line(entry.note, 12, { italics: true })] : []),
      { text: ' ', fontSize: SIZES.signature, margin: [0, 0, 0, 56] },
      line(entry.name, SIZES.signature, { bold: true }),
    ],
  };
}

function signature(block: SignatureBlock, width: number): Content {
  const left = width * 0.45;
  const leftContent: Content = block.recipients
    ? { stack: [{ text: 'Nơi nhận:', bold: true, italics: true, fontSize: SIZES.recipientsHead }, ...block.recipients.map((entry) => ({ text: entry, fontSize: SIZES.recipients }))] }
    : block.left
      ? signer(block.left)
      : { text: '' };
  return { table: { widths: [left - 8, width - left - 8], body: [[leftContent, signer(block.right)]] }, layout: 'noBorders', unbreakable: true, margin: [0, 10, 0, 0] };
}

function blockToPdf(block: DocumentBlock, width: number): Content {
  switch (block.type) {
    case 'paragraph':
      return paragraph(block, width);
    case 'letterhead':
      return letterhead(block, width);
    case 'table':
      return table(block, width);
    case 'signature':
      return signature(block, width);
  }
}

/** A document as the PDF that is signed and archived: A4, Decree 30's margins, the serif embedded, page numbers from page 2. */
export async function documentToPdf(model: DocumentModel): Promise<Buffer> {
  preparePdfmake();
  const width = textWidth(model.orientation);
  const definition = {
    info: { title: model.title, creator: 'Thi đua TDCS', producer: 'Thi đua TDCS (pdfmake)' },
    pageSize: 'A4',
    pageOrientation: model.orientation,
    pageMargins: [pt(PAGE.leftMm), pt(PAGE.topMm), pt(PAGE.rightMm), pt(PAGE.bottomMm)],
    defaultStyle: { font: PDF_FONT, fontSize: SIZES.body, lineHeight: 1.1 },
    header: (currentPage: number) => (currentPage > 1 ? { text: String(currentPage), alignment: 'center', fontSize: SIZES.pageNumber, margin: [0, pt(PAGE.headerMm), 0, 0] } : null),
    content: model.blocks.map((block) => blockToPdf(block, width)),
  };
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return Buffer.from(buffer);
}
