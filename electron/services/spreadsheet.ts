import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../shared/contract/errors';
import type { GridRow, MergedRange, SheetGrid } from '../../shared/domain/import-table';
import { IMPORT_LIMITS } from '../../shared/domain/registry-import';
import { checkOfficeFile, isExcelPackage } from './office-files';

/** A workbook unpacks to a few times its size; more than this is not an office's list (or is a zip bomb). */
export const WORKBOOK_LIMITS = { entries: 10_000, unpackedBytes: 160 * 1024 * 1024 } as const;

/** Longest cell text kept: far beyond any name or title, short enough that a sheet of huge cells stays small. */
const CELL_CHARACTERS = 1000;

const pad = (value: number): string => String(value).padStart(2, '0');

/** A cell's value as text: dates as dd/mm/yyyy (the calendar date Excel shows), formulas by their last result. */
export function cellText(value: ExcelJS.CellValue | undefined, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if (depth > 2) return '';
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
    if ('error' in value) return '';
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue, depth + 1);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue, depth + 1);
    return '';
  }
  return String(value);
}

/** Column letters ("AB") to an index from 0. */
function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/** "A1:C2" to a range (rows as numbered, columns from 0), or null when it is not one. */
function rangeOf(text: string): MergedRange | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$/i.exec(text);
  if (!match) return null;
  const [left, right] = [columnIndex(match[1] as string), columnIndex(match[3] as string)];
  const [top, bottom] = [Number(match[2]), Number(match[4])];
  return { top: Math.min(top, bottom), bottom: Math.max(top, bottom), left: Math.min(left, right), right: Math.max(left, right) };
}

function clip(text: string): string {
  return (text.length > CELL_CHARACTERS ? text.slice(0, CELL_CHARACTERS) : text).trim();
}

function gridOf(sheet: ExcelJS.Worksheet): SheetGrid {
  const rows: GridRow[] = [];
  sheet.eachRow((row, number) => {
    const cells: string[] = [];
    row.eachCell((cell, column) => {
      if (column > IMPORT_LIMITS.columns) return;
      const text = clip(cellText(cell.value));
      if (text === '') return;
      while (cells.length < column - 1) cells.push('');
      cells[column - 1] = text;
    });
    if (cells.some((cell) => cell !== '')) rows.push({ row: number, cells });
  });
  const merges = sheet.hasMerges
    ? sheet.model.merges.map(rangeOf).filter((range): range is MergedRange => range !== null && range.left < IMPORT_LIMITS.columns)
    : [];
  return { name: String(sheet.name ?? ''), rows, merges };
}

/** A CSV is text: no PDF header, no control characters other than tabs and line ends in its first 8 KB. */
function looksLikeText(bytes: Buffer): boolean {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return false;
  for (const byte of bytes.subarray(0, 8192)) if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) return false;
  return true;
}

/**
 * The separator of a CSV, read off its title row: Excel writes ";" where the decimal mark is a comma
 * (as on Vietnamese Windows). Papa's own guess fails on short lists of two columns; '' lets it guess.
 */
function csvDelimiter(text: string): string {
  const titles = (text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '').replace(/"[^"]*"/g, '');
  let best = '';
  let most = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = titles.split(candidate).length - 1;
    if (count > most) {
      best = candidate;
      most = count;
    }
  }
  return best;
}

function csvGrid(fileName: string, bytes: Buffer): SheetGrid {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: csvDelimiter(text) });
  const rows: GridRow[] = [];
  parsed.data.forEach((cells, index) => {
    const row = (Array.isArray(cells) ? cells : []).slice(0, IMPORT_LIMITS.columns).map((cell) => clip(String(cell ?? '')));
    if (row.some((cell) => cell !== '')) rows.push({ row: index + 1, cells: row });
  });
  return { name: fileName.replace(/\.[^.]*$/, ''), rows, merges: [] };
}

/**
 * Reads a workbook (.xlsx) or a CSV into sheets of text, checking what the file is by its bytes: an old .xls or a
 * password-protected workbook gets its own message, a damaged or oversized one a plain refusal, before any parser runs.
 */
export async function readSpreadsheet(fileName: string, bytes: Buffer): Promise<SheetGrid[]> {
  const check = await checkOfficeFile(bytes, WORKBOOK_LIMITS);
  if (check.kind === 'ole2') throw new AppError(check.encrypted ? 'import.encrypted' : 'import.oldExcel', { name: fileName });
  if (check.kind === 'tooLarge') throw new AppError('import.unpackedTooLarge', { name: fileName, maximum: WORKBOOK_LIMITS.unpackedBytes / 1024 / 1024 });
  if (check.kind === 'damaged') throw new AppError('import.unreadable', { name: fileName });
  if (check.kind === 'zip') {
    // A ZIP without a workbook is some other archive, not a spreadsheet.
    if (!isExcelPackage(check.entries)) throw new AppError('import.unreadable', { name: fileName });
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError('import.unreadable', { name: fileName });
    }
    if (workbook.worksheets.length === 0) throw new AppError('import.unreadable', { name: fileName });
    if (workbook.worksheets.length > IMPORT_LIMITS.sheets) throw new AppError('import.tooManySheets', { name: fileName, maximum: IMPORT_LIMITS.sheets });
    return workbook.worksheets.map(gridOf);
  }
  if (/\.xls[xmb]?$/i.test(fileName) || !looksLikeText(bytes)) throw new AppError('import.unreadable', { name: fileName });
  return [csvGrid(fileName, bytes)];
}
