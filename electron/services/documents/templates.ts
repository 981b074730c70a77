import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import mammoth from 'mammoth';
import { AppError, type FieldIssue } from '../../../shared/contract/errors';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/documents/model';
import type { TemplateInfo } from '../../../shared/documents/outputs';
import { checkWording, defaultWording, DEFAULT_WORDING, PLACEHOLDERS, PLACEHOLDERS_OF, type Wording } from '../../../shared/documents/wording';
import { fileSlug } from '../../../shared/documents/vietnamese';
import { readDocumentRecord, removeDocumentRecord, writeDocumentRecord } from '../../db/documents';
import { audit } from '../audit';
import { inTransaction, type ServiceContext } from '../context';
import { requireBranch } from '../mode';
import { checkOfficeFile, isWordPackage } from '../office-files';
import { blocksOfHtml } from '../word-report';
import { DOCX_FONT } from './docx';

/** A template is a page or two of wording: more than this is not one (or is a zip bomb). */
export const TEMPLATE_LIMITS = { fileBytes: 5 * 1024 * 1024, entries: 500, unpackedBytes: 20 * 1024 * 1024 } as const;

/** The names documents go by in the template file and its name. */
export const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  submission: 'Tờ trình đề nghị khen thưởng',
  minutes: 'Biên bản họp Hội đồng',
  list: 'Danh sách đề nghị khen thưởng',
  scores: 'Bảng tổng hợp điểm',
  report: 'Báo cáo thành tích',
  notice: 'Thông báo kết quả',
};

/** The heading of the template's wording table: the reader finds the table by it. */
const KEY_COLUMN = 'Mã phần';

export interface StoredWording {
  wording: Wording;
  /** Who imported it and when; null for the built-in wording. */
  importedAt: string | null;
  importedBy: string | null;
  fileName: string | null;
}

/** The wording in use for a document kind: the one imported last, or the built-in one. */
export function wordingOf(context: ServiceContext, kind: DocumentKind): StoredWording {
  const stored = readDocumentRecord(context.db, `documents.wording.${kind}`);
  if (stored) {
    const parsed = JSON.parse(stored) as StoredWording;
    // A part added by a later version of the application keeps its built-in text until the template is edited again.
    return { ...parsed, wording: { ...defaultWording(kind), ...parsed.wording } };
  }
  return { wording: defaultWording(kind), importedAt: null, importedBy: null, fileName: null };
}

const cellText = (text: string, bold = false) =>
  text.split('\n').map((line) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: line, bold, font: DOCX_FONT, size: 24 })] }));

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function grid(rows: string[][], widths: number[], boldFirstRow = true): Table {
  return new Table({
    width: { size: widths.reduce((sum, value) => sum + value, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: rows.map((cells, index) => new TableRow({ tableHeader: index === 0, children: cells.map((text, column) => new TableCell({ width: { size: widths[column] ?? 1000, type: WidthType.DXA }, children: cellText(text, boldFirstRow && index === 0) })) })),
  });
}

/** The template file of a document: how to edit it, the placeholders it may use, and its wording, one part a row. */
export async function templateFile(context: ServiceContext, kind: DocumentKind): Promise<{ fileName: string; content: string }> {
  requireBranch(context);
  const { wording } = wordingOf(context, kind);
  const note = (text: string, bold = false) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 }, children: [new TextRun({ text, bold, font: DOCX_FONT, size: 26 })] });
  const document = new Document({
    creator: 'Thi đua TDCS',
    title: `Mẫu: ${DOCUMENT_NAMES[kind]}`,
    styles: { default: { document: { run: { font: DOCX_FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1418, right: 850 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: `MẪU VĂN BẢN: ${DOCUMENT_NAMES[kind].toLocaleUpperCase('vi')}`, bold: true, font: DOCX_FONT, size: 28 })] }),
          note('Sửa nội dung ở cột “Nội dung” rồi lưu tệp (định dạng .docx) và nhập lại trên trang Văn bản. Không sửa cột “Mã phần”. Mỗi dòng trong một ô là một đoạn văn.'),
          note('Chỗ trong ngoặc nhọn, ví dụ {nam}, sẽ được thay bằng số liệu đã ghi nhận. Chỉ dùng những chỗ điền trong bảng dưới đây; tệp có chỗ điền lạ hoặc thiếu ngoặc sẽ bị từ chối và mẫu đang dùng được giữ nguyên.'),
          note('Cách trình bày (khổ giấy, lề, phông chữ, quốc hiệu, tiêu ngữ) theo Nghị định 30/2020/NĐ-CP do ứng dụng bảo đảm.'),
          grid([['Chỗ điền', 'Ý nghĩa'], ...PLACEHOLDERS_OF[kind].map((name) => [`{${name}}`, PLACEHOLDERS[name] ?? ''])], [2600, 6600]),
          new Paragraph({ spacing: { after: 200 }, children: [] }),
          grid([[KEY_COLUMN, 'Phần', 'Nội dung'], ...DEFAULT_WORDING[kind].map((entry) => [entry.key, entry.about, wording[entry.key] ?? entry.text])], [1900, 2100, 5200]),
        ],
      },
    ],
  });
  const content = await Packer.toBuffer(document);
  return { fileName: `mau-${fileSlug(DOCUMENT_NAMES[kind])}.docx`, content: content.toString('base64') };
}

function problemIssues(problems: ReturnType<typeof checkWording>): FieldIssue[] {
  return problems.map((problem) => ({ path: problem.part, key: `documents.templates.${problem.key}`, params: { part: problem.part, ...('placeholder' in problem ? { placeholder: problem.placeholder } : {}) } }));
}

/** Reads an edited template's wording: checked by its bytes, unpacked within limits, then read by mammoth. */
async function readTemplate(fileName: string, bytes: Buffer): Promise<Wording> {
  if (bytes.length === 0 || bytes.length > TEMPLATE_LIMITS.fileBytes) throw new AppError('documents.template.notTemplate', { name: fileName });
  const check = await checkOfficeFile(bytes, TEMPLATE_LIMITS);
  if (check.kind === 'ole2') throw new AppError(check.encrypted ? 'report.encrypted' : 'report.oldWord', { name: fileName });
  if (check.kind !== 'zip' || !isWordPackage(check.entries)) throw new AppError('documents.template.notTemplate', { name: fileName });
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { externalFileAccess: false, includeEmbeddedStyleMap: false, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) })).value;
  } catch {
    throw new AppError('report.damaged', { name: fileName });
  }
  const table = blocksOfHtml(html).blocks.find((block) => block.type === 'table' && block.rows[0]?.[0]?.trim() === KEY_COLUMN);
  if (!table || table.type !== 'table') throw new AppError('documents.template.notTemplate', { name: fileName });
  const wording: Wording = {};
  for (const row of table.rows.slice(1)) {
    const key = row[0]?.trim() ?? '';
    if (key === '') continue;
    wording[key] = (row[row.length - 1] ?? '').trim();
  }
  return wording;
}

/**
 * Takes an edited template into use, or refuses it naming what is wrong (a part or placeholder it does not know, a
 * placeholder with a brace missing): then the template in use stays as it was.
 */
export async function importTemplate(context: ServiceContext, input: { kind: DocumentKind; fileName: string; content: string }): Promise<void> {
  requireBranch(context);
  const wording = await readTemplate(input.fileName, Buffer.from(input.content, 'base64'));
  const problems = checkWording(input.kind, wording);
  if (problems.length > 0) throw new AppError('documents.template.refused', { name: input.fileName, count: problems.length }, problemIssues(problems));
  inTransaction(context, () => {
    const before = wordingOf(context, input.kind);
    const stored: StoredWording = { wording, importedAt: context.now(), importedBy: context.actor.name, fileName: input.fileName };
    writeDocumentRecord(context.db, `documents.wording.${input.kind}`, JSON.stringify(stored));
    const changed = Object.keys(wording).filter((key) => wording[key] !== before.wording[key]);
    audit(context, 'documents.templateImported', { type: 'template', id: input.kind, label: DOCUMENT_NAMES[input.kind] }, { after: { parts: changed.join(', ') || '—' }, note: input.fileName });
  });
}

/** Back to the built-in wording. */
export function resetTemplate(context: ServiceContext, kind: DocumentKind): void {
  requireBranch(context);
  inTransaction(context, () => {
    removeDocumentRecord(context.db, `documents.wording.${kind}`);
    audit(context, 'documents.templateReset', { type: 'template', id: kind, label: DOCUMENT_NAMES[kind] });
  });
}

export function templatesInfo(context: ServiceContext): TemplateInfo[] {
  requireBranch(context);
  return DOCUMENT_KINDS.map((kind) => {
    const stored = wordingOf(context, kind);
    return { kind, name: DOCUMENT_NAMES[kind], custom: stored.importedAt !== null, importedAt: stored.importedAt, importedBy: stored.importedBy, fileName: stored.fileName };
  });
}
