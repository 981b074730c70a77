import { foldForSearch } from './text';

/** One non-blank row of a sheet: its number as the spreadsheet shows it (1-based) and its cells as text, no holes. */
export interface GridRow {
  row: number;
  cells: string[];
}

/** A merged range of cells: rows as the spreadsheet numbers them, columns from 0. */
export interface MergedRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A sheet read as text: its non-blank rows in order and its merged ranges (a merged range's cells all hold its text). */
export interface SheetGrid {
  name: string;
  rows: GridRow[];
  merges: MergedRange[];
}

/** Something the import noticed and tells the person: a translation key and its parameters. */
export interface ImportNote {
  key: string;
  params: Record<string, string | number>;
}

/** The column titles found, where they are, and the rows of the table under them. */
export interface ReadTable {
  /** The row of the titles; a second title row (sub-titles) is `headerRow + 1` when `headerRows` is 2. */
  headerRow: number;
  headerRows: 1 | 2;
  columns: string[];
  body: GridRow[];
  notes: ImportNote[];
}

/** How many non-blank rows from the top may hold the titles: title blocks are a few lines, never a page. */
export const HEADER_SCAN_ROWS = 30;

/** What joins a title and its sub-title when two title rows are read as one ("Năm sinh — Nữ"). */
export const SUBTITLE_JOIN = ' — ';

const isBlank = (cells: string[]): boolean => cells.every((cell) => cell.trim() === '');

/** Titles of columns an office list has besides the fields: they still say "this is the title row". */
const OTHER_TITLES = ['stt', 'so tt', 'so thu tu', 'ghi chu', 'nam', 'nu', 'ky ten', 'ky nhan'];

/** A longer title that begins with a known one ("Họ và tên cán bộ", "Đơn vị công tác"): data rarely starts that way. */
function beginsWith(title: string, known: string): boolean {
  return title.startsWith(`${known} `) || title.startsWith(`${known}(`);
}

/**
 * How strongly a row looks like the row of column titles: each field named by one of its cells counts 2 when the
 * title is exactly a known one and 1 when a short title begins with one; the usual other titles ("STT", "Ghi chú")
 * count a little. Cells inside a merged range count once, so a title merged across the page counts as one cell.
 */
export function headerScore(fieldTitles: string[][], cells: string[], continuation: (column: number) => boolean = () => false): number {
  const matched = new Map<number, number>();
  let others = 0;
  cells.forEach((cell, column) => {
    if (continuation(column)) return;
    const title = foldForSearch(cell).replace(/[.:*]+$/, '');
    if (title === '') return;
    if (OTHER_TITLES.includes(title)) others += 1;
    const short = title.split(' ').length <= 6;
    fieldTitles.forEach((titles, field) => {
      const score = titles.includes(title) ? 2 : short && titles.some((known) => beginsWith(title, known)) ? 1 : 0;
      if (score > (matched.get(field) ?? 0)) matched.set(field, score);
    });
  });
  return [...matched.values()].reduce((sum, score) => sum + score, 0) + Math.min(others, 2) * 0.5;
}

/** The merged range a cell belongs to, if any. */
function rangeAt(merges: MergedRange[], row: number, column: number): MergedRange | undefined {
  return merges.find((range) => row >= range.top && row <= range.bottom && column >= range.left && column <= range.right);
}

/** True when a cell repeats its merged range's text without being the range's first cell. */
function isContinuation(merges: MergedRange[], row: number, column: number): boolean {
  const range = rangeAt(merges, row, column);
  return range !== undefined && (column > range.left || row > range.top);
}

/** The rows a person may choose as the title row: the first non-blank rows, each shown by its text. */
export function headerChoices(grid: SheetGrid, limit = HEADER_SCAN_ROWS): { row: number; text: string }[] {
  return grid.rows
    .filter((row) => !isBlank(row.cells))
    .slice(0, limit)
    .map((row) => {
      const parts = row.cells.filter((cell, column) => cell.trim() !== '' && !isContinuation(grid.merges, row.row, column)).map((cell) => cell.replace(/\s+/g, ' ').trim());
      const text = parts.join(' · ');
      return { row: row.row, text: text.length > 90 ? `${text.slice(0, 89)}…` : text };
    });
}

/**
 * The row whose titles best match the known column titles, read with the row under it when that row holds sub-titles
 * (the first on a tie), or the first non-blank row when nothing matches.
 */
export function findHeaderRow(grid: SheetGrid, fieldTitles: string[][]): { row: number; score: number } | null {
  const rows = grid.rows.filter((row) => !isBlank(row.cells));
  let best: { row: number; score: number } | null = null;
  rows.slice(0, HEADER_SCAN_ROWS).forEach((candidate, index) => {
    const { titles, twoRows } = titlesAt(grid, rows, index);
    const score = headerScore(fieldTitles, titles, (column) => !twoRows && isContinuation(grid.merges, candidate.row, column));
    if (!best || score > best.score) best = { row: candidate.row, score };
  });
  return best;
}

/**
 * Groups of columns that one title covers in the title row: a title merged across several columns, or (in a CSV, or
 * a file without merges) a title followed by empty cells. Each group is [first, last] column.
 */
function titleGroups(grid: SheetGrid, header: GridRow): [number, number][] {
  const groups: [number, number][] = [];
  for (let column = 0; column < header.cells.length; column += 1) {
    const range = rangeAt(grid.merges, header.row, column);
    if (range && range.left === column && range.right > range.left && range.top === header.row) {
      groups.push([range.left, Math.min(range.right, header.cells.length - 1)]);
      column = range.right;
      continue;
    }
    if ((header.cells[column] ?? '').trim() === '' || range) continue;
    let last = column;
    while (last + 1 < header.cells.length && (header.cells[last + 1] ?? '').trim() === '' && !rangeAt(grid.merges, header.row, last + 1)) last += 1;
    if (last > column) groups.push([column, last]);
    column = last;
  }
  return groups;
}

/**
 * Whether the row under the titles holds sub-titles: it has text only under titles that span several columns (or
 * under a title merged down over both rows), and some of it under a spanning title. A data row has text under the
 * single-column titles too ("Họ và tên"), so it never qualifies.
 */
function subtitleGroups(grid: SheetGrid, header: GridRow, next: GridRow | undefined): [number, number][] | null {
  if (!next || next.row !== header.row + 1 || isBlank(next.cells)) return null;
  const groups = titleGroups(grid, header);
  if (groups.length === 0) return null;
  const inGroup = (column: number): boolean => groups.some(([first, last]) => column >= first && column <= last);
  let underGroup = false;
  for (let column = 0; column < next.cells.length; column += 1) {
    const text = (next.cells[column] ?? '').trim();
    if (text === '') continue;
    const range = rangeAt(grid.merges, next.row, column);
    const mergedDown = range !== undefined && range.top <= header.row && range.bottom >= next.row;
    if (mergedDown && !inGroup(column)) continue;
    if (!inGroup(column)) return null;
    underGroup = true;
  }
  return underGroup ? groups : null;
}

/** A row of column numbers under the titles ("1 2 3…" or "(1) (2) (3)…"), which Vietnamese forms often have. */
function isNumberingRow(cells: string[]): boolean {
  const marks = cells.map((cell) => cell.trim()).filter((cell) => cell !== '');
  if (marks.length < 2) return false;
  const numbers = marks.map((mark) => /^\(?(\d{1,2})\)?$/.exec(mark)?.[1] ?? /^\(?([A-Za-z])\)?$/.exec(mark)?.[1]?.toUpperCase());
  if (numbers.some((number) => number === undefined)) return false;
  const values = numbers.map((number) => (/^\d+$/.test(number as string) ? Number(number) : (number as string).charCodeAt(0)));
  return values.every((value, index) => index === 0 || value > (values[index - 1] as number));
}

/** Totals under a table: "Tổng cộng", "Tổng số", or "Tổng" / "Cộng" alone or before a colon. */
const TOTAL = [/^(tong cong|tong so)\b/, /^(tong|cong)\s*([:.]|$)/];
/** Lines that end a list: who drew it up, the place and date, the signature instructions, the recipients. */
const SIGNATURE = [/^nguoi lap( bieu| danh sach)?\b/, /^([^,]{0,40},\s*)?ngay\s+\S+\s+thang\s+\S+\s+nam\b/, /^\(ky[, ]/, /^noi nhan\b/, /^(tm|kt|q|tl|tuq)\s*\.\s*\S/, /^xac nhan cua\b/];
/** Titles of the people who sign: a footer only when every cell of the row is such a title. */
const SIGNER = /^(thu truong( don vi)?|giam doc|pho giam doc|truong phong|pho truong phong|ke toan( truong)?|chu tich|truong ban|thu ky)\b/;

/**
 * Whether a row is where the table ends: totals, or the signature block ("Người lập biểu", the date, the signers).
 * Signature lines count only in a sparse row (at most three cells), so a note in a data row never ends the table.
 */
export function isFooterRow(cells: string[]): boolean {
  const texts = cells.map((cell) => foldForSearch(cell)).filter((text) => text !== '');
  if (texts.length === 0) return false;
  if (texts.some((text) => TOTAL.some((pattern) => pattern.test(text)))) return true;
  if (texts.length > 3) return false;
  if (texts.some((text) => SIGNATURE.some((pattern) => pattern.test(text)))) return true;
  return texts.every((text) => SIGNER.test(text));
}

/** The column titles of the row at `index`, read together with the row under it when that row holds sub-titles. */
function titlesAt(grid: SheetGrid, rows: GridRow[], index: number): { titles: string[]; twoRows: boolean } {
  const header = rows[index] as GridRow;
  const width = Math.max(0, ...rows.map((row) => row.cells.length));
  const titles = Array.from({ length: width }, (_unused, column) => (header.cells[column] ?? '').replace(/\s+/g, ' ').trim());
  const sub = rows[index + 1];
  const groups = subtitleGroups(grid, header, sub);
  if (!groups || !sub) return { titles, twoRows: false };
  for (const [first, last] of groups) {
    const parent = titles[first] ?? '';
    for (let column = first; column <= last; column += 1) {
      const text = (sub.cells[column] ?? '').replace(/\s+/g, ' ').trim();
      titles[column] = text === '' || text === parent ? parent : parent === '' ? text : `${parent}${SUBTITLE_JOIN}${text}`;
    }
  }
  for (let column = 0; column < width; column += 1) {
    if (titles[column] === '') titles[column] = (sub.cells[column] ?? '').replace(/\s+/g, ' ').trim();
  }
  return { titles, twoRows: true };
}

/**
 * Reads a sheet as a table: the title row (found, or the one the person chose), a second title row read with it
 * ("Năm sinh — Nam"), a row of column numbers skipped, and the rows after the table (totals, signatures) left out.
 */
export function readTable(grid: SheetGrid, fieldTitles: string[][], chosenRow?: number): ReadTable | null {
  const rows = grid.rows.filter((row) => !isBlank(row.cells));
  const headerRow = chosenRow ?? findHeaderRow(grid, fieldTitles)?.row;
  const headerIndex = rows.findIndex((row) => row.row === headerRow);
  const header = rows[headerIndex];
  if (!header) return null;
  const notes: ImportNote[] = [];
  const { titles, twoRows } = titlesAt(grid, rows, headerIndex);
  let next = headerIndex + 1;
  if (twoRows) {
    notes.push({ key: 'importNote.twoRowHeader', params: { first: header.row, second: (rows[next] as GridRow).row } });
    next += 1;
  }
  const numbering = rows[next];
  if (numbering && isNumberingRow(numbering.cells)) {
    notes.push({ key: 'importNote.numberingRow', params: { row: numbering.row } });
    next += 1;
  }

  const after = rows.slice(next);
  const footerIndex = after.findIndex((row) => isFooterRow(row.cells));
  const body = footerIndex < 0 ? after : after.slice(0, footerIndex);
  if (footerIndex >= 0) {
    const footer = after[footerIndex] as GridRow;
    notes.push({ key: 'importNote.footer', params: { row: footer.row, count: after.length - footerIndex } });
  }
  return { headerRow: header.row, headerRows: twoRows ? 2 : 1, columns: titles, body, notes };
}
