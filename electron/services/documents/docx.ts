import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { MOTTO, NATIONAL_TITLE, PAGE, SIZES, type Align, type DocumentBlock, type DocumentModel, type LetterheadBlock, type ParagraphBlock, type SignatureBlock, type Signer, type TableBlock, type TextRun as ModelRun } from '../../../shared/documents/model';

/** Word's font for official documents (Decree 30); LibreOffice shows it with the metric-compatible Liberation Serif. */
export const DOCX_FONT = 'Times New Roman';

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const half = (points: number) => Math.round(points * 2);

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

function run(part: ModelRun, size: number): TextRun {
  return new TextRun({ text: part.text, bold: part.bold ?? false, italics: part.italic ?? false, ...(part.underline ? { underline: { type: UnderlineType.SINGLE } } : {}), size: half(size), font: DOCX_FONT });
}

function alignment(align: Align | undefined) {
  return ALIGN[align ?? 'left'];
}

/** Text width of the page in twips. */
function textWidth(orientation: DocumentModel['orientation']): number {
  const width = orientation === 'landscape' ? PAGE.heightMm : PAGE.widthMm;
  return twips(width - PAGE.leftMm - PAGE.rightMm);
}

/** A short solid line, centred, a third of `width` (a paragraph's bottom border between indents). */
function rule(width: number, share = 1 / 3, after = 0): Paragraph {
  const side = Math.round((width * (1 - share)) / 2);
  return new Paragraph({ indent: { left: side, right: side }, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } }, spacing: { before: 0, after: after * 20, line: 240 }, children: [new TextRun({ text: '', size: 4 })] });
}

function paragraph(block: ParagraphBlock, width: number): Paragraph {
  if (block.rule) return rule(width, 1 / 3, block.after ?? 0);
  const size = block.size ?? SIZES.body;
  return new Paragraph({
    alignment: alignment(block.align),
    indent: block.indent ? { firstLine: twips(12.7) } : undefined,
    spacing: { before: (block.before ?? 0) * 20, after: (block.after ?? 0) * 20, line: 264 },
    pageBreakBefore: block.pageBreakBefore ?? false,
    children: block.runs.map((part) => run(part, size)),
  });
}

/** A line of text in a table cell or a heading column. */
function line(text: string, size: number, options: { bold?: boolean; italic?: boolean; underline?: boolean; align?: Align; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: alignment(options.align ?? 'center'),
    spacing: { before: 0, after: (options.after ?? 0) * 20, line: 240 },
    children: [run({ text, bold: options.bold ?? false, italic: options.italic ?? false, underline: options.underline ?? false }, size)],
  });
}

/** A cell of the heading or the signature: no borders, no inner margins (the national title needs the whole width). */
function borderless(children: Paragraph[], width: number): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS, margins: { left: 0, right: 0, top: 0, bottom: 0 }, children });
}

function letterhead(block: LetterheadBlock, width: number): Table {
  const left = Math.round(width * 0.45);
  const right = width - left;
  const lines = (value: string, bold: boolean) => value.split('\n').map((part) => line(part, SIZES.organ, { bold }));
  const leftLines = [
    ...(block.parentOrgan ? lines(block.parentOrgan, false) : []),
    ...(block.organ ? lines(block.organ, true) : []),
    rule(left, 1 / 3, 6),
    ...(block.number ? [line(block.number, SIZES.number)] : []),
  ];
  const rightLines = [line(NATIONAL_TITLE, SIZES.title, { bold: true }), line(MOTTO, SIZES.motto, { bold: true, underline: true, after: 6 }), ...(block.placeDate ? [line(block.placeDate, SIZES.date, { italic: true })] : [])];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [borderless(leftLines, left), borderless(rightLines, right)] })],
  });
}

function table(block: TableBlock, width: number): Table {
  const total = block.widths.reduce((sum, value) => sum + value, 0);
  const columns = block.widths.map((value) => Math.floor((value / total) * width));
  const size = block.size ?? SIZES.table;
  const row = (cells: TableBlock['rows'][number], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (entry) =>
          new TableCell({
            columnSpan: entry.span ?? 1,
            verticalAlign: VerticalAlign.CENTER,
            margins: { left: 60, right: 60, top: 20, bottom: 20 },
            children: (entry.text === '' ? [''] : entry.text.split('\n')).map((text) => line(text, size, { bold: entry.bold ?? false, italic: entry.italic ?? false, align: entry.align ?? 'left' })),
          }),
      ),
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows: [...block.header.map((cells) => row(cells, true)), ...block.rows.map((cells) => row(cells, false))],
  });
}

function signerLines(signer: Signer): Paragraph[] {
  return [
    ...(signer.capacity ? [line(signer.capacity, SIZES.signature, { bold: true })] : []),
    line(signer.title, SIZES.signature, { bold: true }),
    ...(signer.note ? [line(signer.note, 12, { italic: true })] : []),
    // Room for the signature and the seal.
    ...[1, 2, 3, 4].map(() => line('', SIZES.signature)),
    line(signer.name, SIZES.signature, { bold: true }),
  ];
}

function signature(block: SignatureBlock, width: number): Table {
  const left = Math.round(width * 0.45);
  const right = width - left;
  const leftLines = block.recipients
    ? [line('Nơi nhận:', SIZES.recipientsHead, { bold: true, italic: true, align: 'left' }), ...block.recipients.map((entry) => line(entry, SIZES.recipients, { align: 'left' }))]
    : block.left
      ? signerLines(block.left)
      : [line('', SIZES.body)];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [borderless(leftLines, left), borderless(signerLines(block.right), right)] })],
  });
}

function blockToDocx(block: DocumentBlock, width: number): (Paragraph | Table)[] {
  switch (block.type) {
    case 'paragraph':
      return [paragraph(block, width)];
    case 'letterhead':
      // A table cannot start a page itself: an empty paragraph one point high does it.
      return block.pageBreakBefore
        ? [new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [] }), letterhead(block, width)]
        : [letterhead(block, width)];
    case 'table':
      // A table straight after another needs a paragraph between them, or Word joins them into one.
      return [table(block, width), new Paragraph({ spacing: { before: 0, after: 0 }, children: [] })];
    case 'signature':
      return [new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }), signature(block, width)];
  }
}

/** A document as Word writes it: A4, Decree 30's margins, Times New Roman, page numbers centred at the top from page 2. */
export async function documentToDocx(model: DocumentModel): Promise<Buffer> {
  const width = textWidth(model.orientation);
  const pageNumber = new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: half(SIZES.pageNumber), font: DOCX_FONT })] });
  const document = new Document({
    creator: 'Thi đua TDCS',
    title: model.title,
    styles: { default: { document: { run: { font: DOCX_FONT, size: half(SIZES.body) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twips(PAGE.widthMm), height: twips(PAGE.heightMm), orientation: model.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: twips(PAGE.topMm), bottom: twips(PAGE.bottomMm), left: twips(PAGE.leftMm), right: twips(PAGE.rightMm), header: twips(PAGE.headerMm), footer: twips(PAGE.headerMm) },
          },
        },
        headers: { default: new Header({ children: [pageNumber] }), first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children: model.blocks.flatMap((block) => blockToDocx(block, width)),
      },
    ],
  });
  return Packer.toBuffer(document);
}
