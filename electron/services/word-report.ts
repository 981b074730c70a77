import mammoth from 'mammoth';
import { AppError } from '../../shared/contract/errors';
import { ATTACHMENT_LIMITS } from '../../shared/domain/attachment';
import { DOSSIER_LIMITS } from '../../shared/domain/dossier';
import { countWords } from '../../shared/domain/text';
import { reportFromBlocks, type ReportBlock, type WordReport, type WordReportRequest } from '../../shared/domain/word-report';
import { checkOfficeFile, isWordPackage } from './office-files';

/** A report is text and a few photos: more entries or more unpacked bytes than this is not one (or is a zip bomb). */
export const WORD_LIMITS = { fileBytes: ATTACHMENT_LIMITS.fileBytes, entries: 2_000, unpackedBytes: 64 * 1024 * 1024 } as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const tidy = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line, index, all) => line !== '' || (index > 0 && index < all.length - 1))
    .join('\n')
    .trim();

/**
 * Reads the HTML mammoth writes (h1–h6, p, ul/ol/li, table/tr/td/th, br, img, inline tags) back into blocks. It is
 * a reader of that one writer's output: tags are well formed and text is escaped.
 */
export function blocksOfHtml(html: string): { blocks: ReportBlock[]; images: number } {
  const blocks: ReportBlock[] = [];
  const lists: { ordered: boolean; count: number }[] = [];
  let text = '';
  let kind: 'heading' | 'paragraph' | 'item' | null = null;
  let item: { ordered: boolean; level: number; number: number } | null = null;
  let tableDepth = 0;
  let rows: string[][] = [];
  let cell: string | null = null;
  let images = 0;

  const flush = (): void => {
    const content = tidy(text);
    text = '';
    if (content === '' || kind === null) return;
    if (kind === 'item' && item) blocks.push({ type: 'item', ...item, text: content });
    else blocks.push({ type: kind === 'heading' ? 'heading' : 'paragraph', text: content });
  };

  for (const match of html.matchAll(/<(\/?)([a-zA-Z0-9]+)[^>]*>|([^<]+)/g)) {
    const [, closing, rawName, chars] = match;
    if (chars !== undefined) {
      const decoded = decode(chars);
      if (cell !== null) cell += decoded;
      else text += decoded;
      continue;
    }
    const name = (rawName as string).toLowerCase();
    const open = closing === '';
    if (name === 'img') {
      images += 1;
      continue;
    }
    if (name === 'br') {
      if (cell !== null) cell += '\n';
      else text += '\n';
      continue;
    }
    if (name === 'table') {
      if (open) {
        tableDepth += 1;
        if (tableDepth === 1) {
          flush();
          kind = null;
          rows = [];
        }
      } else {
        tableDepth = Math.max(0, tableDepth - 1);
        if (tableDepth === 0) {
          if (rows.some((row) => row.some((value) => value !== ''))) blocks.push({ type: 'table', rows });
          rows = [];
          cell = null;
        }
      }
      continue;
    }
    if (tableDepth > 0) {
      // Inside a table: rows and cells of the outer table; anything nested becomes text of its cell.
      if (tableDepth === 1 && name === 'tr' && open) rows.push([]);
      else if (tableDepth === 1 && (name === 'td' || name === 'th')) {
        if (open) cell = '';
        else if (cell !== null) {
          if (rows.length === 0) rows.push([]);
          (rows[rows.length - 1] as string[]).push(tidy(cell));
          cell = null;
        }
      } else if (cell !== null && !open && (name === 'p' || /^h[1-6]$/.test(name) || name === 'li' || name === 'td' || name === 'th')) cell += '\n';
      continue;
    }
    if (name === 'ul' || name === 'ol') {
      if (open) {
        // A nested list starts inside an item: the item's own text comes first.
        flush();
        lists.push({ ordered: name === 'ol', count: 0 });
      } else {
        flush();
        lists.pop();
      }
      continue;
    }
    if (name === 'li') {
      flush();
      if (open) {
        const list = lists[lists.length - 1] ?? { ordered: false, count: 0 };
        list.count += 1;
        kind = 'item';
        item = { ordered: list.ordered, level: Math.max(0, lists.length - 1), number: list.count };
      } else kind = null;
      continue;
    }
    if (name === 'p' || /^h[1-6]$/.test(name)) {
      if (open) {
        if (kind !== 'item') {
          flush();
          kind = name === 'p' ? 'paragraph' : 'heading';
        }
      } else if (kind !== 'item') {
        flush();
        kind = null;
      }
    }
  }
  flush();
  return { blocks, images };
}

/**
 * Reads an office's achievement report (.docx) as the dossier's report text, without writing anything: the file is
 * checked by its bytes first (an old .doc, a password-protected file or anything else gets its own message), unpacked
 * once within limits, then converted by mammoth with external files and embedded style maps ignored.
 */
export async function reportFromWord(request: WordReportRequest): Promise<WordReport> {
  const name = request.fileName;
  const bytes = Buffer.from(request.content, 'base64');
  if (bytes.length === 0) throw new AppError('report.notWord', { name });
  if (bytes.length > WORD_LIMITS.fileBytes) throw new AppError('report.tooLarge', { name, maximum: WORD_LIMITS.fileBytes / 1024 / 1024 });
  const check = await checkOfficeFile(bytes, WORD_LIMITS);
  if (check.kind === 'ole2') throw new AppError(check.encrypted ? 'report.encrypted' : 'report.oldWord', { name });
  if (check.kind === 'tooLarge') throw new AppError('report.tooLarge', { name, maximum: WORD_LIMITS.unpackedBytes / 1024 / 1024 });
  if (check.kind === 'damaged') throw new AppError('report.damaged', { name });
  if (check.kind !== 'zip' || !isWordPackage(check.entries)) throw new AppError('report.notWord', { name });
  let html: string;
  try {
    const converted = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        externalFileAccess: false,
        includeEmbeddedStyleMap: false,
        ignoreEmptyParagraphs: true,
        // Photos stay in the original, which is attached as evidence; the report keeps its text.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = converted.value;
  } catch {
    throw new AppError('report.damaged', { name });
  }
  const { blocks, images } = blocksOfHtml(html);
  const report = reportFromBlocks(request.group, blocks);
  if (report.text === '') throw new AppError('report.empty', { name });
  if (report.text.length > DOSSIER_LIMITS.reportChars) throw new AppError('report.tooLong', { name, length: report.text.length, maximum: DOSSIER_LIMITS.reportChars });
  if (images > 0) report.notes.push({ key: 'wordNote.images', params: { count: images } });
  return { fileName: name, ...report, words: countWords(report.text) };
}
