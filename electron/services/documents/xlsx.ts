import ExcelJS from 'exceljs';
import type { TableBlock, TableCell } from '../../../shared/documents/model';

/** A workbook's heading above its table: the organ, the title, what it covers. */
export interface SheetHeading {
  lines: string[];
  orientation: 'portrait' | 'landscape';
}

const FONT = { name: 'Times New Roman', size: 12 } as const;
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function columnLetter(index: number): string {
  let letters = '';
  let rest = index;
  while (rest > 0) {
    const remainder = (rest - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** A cell's value: numbers stay numbers (points with two decimals); text is always text, never a formula. */
function cellValue(entry: TableCell): ExcelJS.CellValue {
  if (entry.value && 'hundredths' in entry.value) return entry.value.hundredths / 100;
  if (entry.value && 'count' in entry.value) return entry.value.count;
  // exceljs writes a string as a string cell: "=1+1" or "@x" from a dossier stays text in Excel and LibreOffice.
  return entry.text;
}

function addSheet(workbook: ExcelJS.Workbook, block: TableBlock, heading: SheetHeading, index: number): void {
  const name = (block.sheet ?? `Bảng ${index + 1}`).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  const sheet = workbook.addWorksheet(workbook.getWorksheet(name) ? `${name.slice(0, 28)} ${index + 1}` : name, {
    pageSetup: { paperSize: 9, orientation: heading.orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.39, footer: 0.39 } },
  });
  const columns = block.widths.length;
  const total = block.widths.reduce((sum, value) => sum + value, 0);
  sheet.columns = block.widths.map((value) => ({ width: Math.max(6, Math.round((value / total) * (heading.orientation === 'landscape' ? 190 : 130))) }));
  let rowNumber = 0;
  for (const [lineIndex, text] of heading.lines.entries()) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = text;
    row.getCell(1).font = { ...FONT, bold: lineIndex < 2, size: lineIndex === 1 ? 14 : 12 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    // A merged cell does not grow with its text: a long title gets the height of its lines.
    row.height = Math.ceil(text.length / (heading.orientation === 'landscape' ? 150 : 100)) * 18;
    sheet.mergeCells(rowNumber, 1, rowNumber, columns);
  }
  rowNumber += 1;
  const headerStart = rowNumber + 1;
  for (const cells of block.header) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    cells.forEach((entry, column) => {
      const target = row.getCell(column + 1);
      target.value = entry.text;
      target.font = { ...FONT, bold: true };
      target.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      target.border = BORDER;
      target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
  }
  const firstData = rowNumber + 1;
  for (const cells of block.rows) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    cells.forEach((entry, column) => {
      const target = row.getCell(column + 1);
      target.value = cellValue(entry);
      target.font = { ...FONT, bold: entry.bold ?? false };
      target.border = BORDER;
      target.alignment = { horizontal: entry.align === 'justify' ? 'left' : (entry.align ?? 'left'), vertical: 'middle', wrapText: true };
      if (entry.value && 'hundredths' in entry.value) target.numFmt = '0.00';
    });
  }
  const lastData = rowNumber;
  // What a checker recomputes: how many rows, and the mean of every points column, as live formulas.
  if (lastData >= firstData) {
    rowNumber += 2;
    const countRow = sheet.getRow(rowNumber);
    countRow.getCell(2).value = 'Số dòng';
    countRow.getCell(2).font = { ...FONT, italic: true };
    countRow.getCell(3).value = { formula: `COUNTA(B${firstData}:B${lastData})`, result: lastData - firstData + 1 };
    rowNumber += 1;
    const meanRow = sheet.getRow(rowNumber);
    meanRow.getCell(2).value = 'Bình quân';
    meanRow.getCell(2).font = { ...FONT, italic: true };
    for (let column = 0; column < columns; column += 1) {
      const values = block.rows.map((cells) => cells[column]?.value).filter((value): value is { hundredths: number } => value !== undefined && 'hundredths' in value);
      if (values.length === 0) continue;
      const letter = columnLetter(column + 1);
      const mean = values.reduce((sum, value) => sum + value.hundredths, 0) / values.length / 100;
      meanRow.getCell(column + 1).value = { formula: `AVERAGE(${letter}${firstData}:${letter}${lastData})`, result: Math.round(mean * 100) / 100 };
      meanRow.getCell(column + 1).numFmt = '0.00';
    }
  }
  sheet.views = [{ state: 'frozen', ySplit: firstData - 1, xSplit: 0, topLeftCell: `A${firstData}`, activeCell: `A${firstData}` }];
  sheet.pageSetup.printArea = `A1:${columnLetter(columns)}${Math.max(lastData, firstData)}`;
  sheet.pageSetup.printTitlesRow = `${headerStart}:${firstData - 1}`;
}

/** Tables as a workbook: one sheet each, real numbers, the header frozen and repeated on every printed page, the print area set. */
export async function tablesToXlsx(tables: TableBlock[], heading: SheetHeading, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thi đua TDCS';
  workbook.title = title;
  tables.forEach((block, index) => addSheet(workbook, block, heading, index));
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}
