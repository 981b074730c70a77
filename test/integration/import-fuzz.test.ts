// Generated files fed to the importers, with a fixed seed: workbooks with random merged ranges, empty rows and columns,
// values of every type in any column (formulas with and without results, rich text, errors, dates, huge cells), many
// sheets, and their bytes cut or overwritten; Word documents with random headings, lists, tables, odd characters and
// huge paragraphs, also cut or overwritten. Every outcome is either a preview or a refusal with its own code (import.*,
// report.*): never 'internal', and a refused import writes nothing.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppErrorShape } from '../../shared/contract/errors';
import { docxOf, listItem, paragraph, table } from '../support/docx';
import { setUpCore } from '../support/core';
import { commune, databaseSnapshot } from './helpers';

const SEED = 0x15_2025;

const TEXTS = [
  'STT',
  'Họ và tên',
  'Năm sinh',
  'Nam',
  'Nữ',
  'Giới tính',
  'Chức vụ',
  'Đơn vị',
  'Tên đơn vị',
  'Loại đơn vị',
  'Cấp',
  'Xã/phường',
  'Phòng giao dịch',
  'Tổng cộng',
  'Người lập biểu',
  'Tân Biên, ngày 10 tháng 12 năm 2025',
  'NGÂN HÀNG CHÍNH SÁCH XÃ HỘI',
  'Nguyễn Văn Đức',
  'TRẦN THỊ MAI',
  'UBND xã Tân Lập',
  'UBND cấp xã',
  '15/03/1982',
  '31/02/1980',
  '(1)',
  'x',
  '',
  ' ',
  '=SUM(A1)',
  '<b>&amp;</b>',
  '\u0000\u0007',
  '🙂',
];

const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: -1_000_000, max: 3_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.boolean(),
  fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
  // Plain objects, as a program builds them (fast-check's records have no prototype, which ExcelJS does not expect).
  fc.tuple(fc.constantFrom('SUM(A1:A3)', 'A1&B1', 'NOW()', '1/0'), fc.option(fc.oneof(fc.integer(), fc.string({ maxLength: 10 })), { nil: undefined })).map(([formula, result]) => (result === undefined ? { formula } : { formula, result }) as ExcelJS.CellValue),
  fc.array(fc.constantFrom(...TEXTS), { maxLength: 3 }).map((parts) => ({ richText: parts.map((text) => ({ text })) }) as ExcelJS.CellValue),
  fc.constantFrom(...TEXTS).map((text) => ({ text, hyperlink: 'https://example.invalid/' }) as ExcelJS.CellValue),
  fc.constant({ error: '#N/A' } as ExcelJS.CellValue),
  fc.integer({ min: 1, max: 40_000 }).map((length) => 'Ngân hàng Chính sách xã hội '.repeat(Math.ceil(length / 28)).slice(0, length)),
);

/** A cut or 64 overwritten bytes somewhere inside the file, in one file out of four. */
const damage = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ at: fc.integer({ min: 1, max: 999 }).map((permille) => permille / 1000), kind: fc.constantFrom('cut' as const, 'overwrite' as const) }) },
);

/** Mostly nothing (the import finds it by itself), sometimes a choice of the person's. */
const sometimes = <T,>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const sheetSpec = fc.record({
  name: fc.string({ minLength: 1, maxLength: 20 }),
  cells: fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 190, max: 260 })), cellValue), { maxLength: 120 }),
  merges: fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 })), { maxLength: 8 }),
});

const workbookSpec = fc.record({
  sheets: fc.oneof({ weight: 9, arbitrary: fc.array(sheetSpec, { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(sheetSpec, { minLength: 60, maxLength: 70 }) }),
  target: fc.constantFrom('units' as const, 'people' as const),
  // A sheet or a title row the person chose, which may not exist.
  sheet: sometimes(fc.integer({ min: 0, max: 5 })),
  headerRow: sometimes(fc.integer({ min: 1, max: 70 })),
  damage,
});

type SheetSpec = typeof sheetSpec extends fc.Arbitrary<infer T> ? T : never;
type DocumentSpec = typeof documentSpec extends fc.Arbitrary<infer T> ? T : never;

async function workbookOf(spec: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  spec.forEach((sheetSpecValue, index) => {
    // Sheet names must be unique and free of []:*?/\ in Excel; the generator's names are made so.
    const sheet = workbook.addWorksheet(`${index + 1} ${sheetSpecValue.name.replace(/[[\]:*?/\\']/g, '')}`.slice(0, 31));
    for (const [row, column, value] of sheetSpecValue.cells) sheet.getCell(row, column).value = value;
    for (const [row, column, down, across] of sheetSpecValue.merges) {
      try {
        sheet.mergeCells(row, column, row + down, column + across);
      } catch {
        // Overlapping ranges cannot be written; the generator simply drops them.
      }
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function damaged(bytes: Buffer, damage: { at: number; kind: 'cut' | 'overwrite' } | null): Buffer {
  if (!damage) return bytes;
  const at = Math.floor(damage.at * (bytes.length - 1));
  if (damage.kind === 'cut') return bytes.subarray(0, at);
  const copy = Buffer.from(bytes);
  for (let index = at; index < Math.min(copy.length, at + 64); index += 1) copy[index] = (copy[index] as number) ^ 0x5a;
  return copy;
}

const blockSpec = fc.oneof(
  fc.record({ kind: fc.constant('paragraph' as const), text: fc.oneof(fc.constantFrom(...TEXTS, 'I. SƠ LƯỢC ĐẶC ĐIỂM', 'II. Thành tích', 'III - Khen thưởng'), fc.string({ maxLength: 60 })), style: fc.constantFrom(undefined, 'Heading1', 'Heading2', 'Unknown') }),
  fc.record({ kind: fc.constant('item' as const), text: fc.string({ maxLength: 40 }), numbering: fc.constantFrom(1 as const, 2 as const), level: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('table' as const), rows: fc.array(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.record({ text: fc.string({ maxLength: 20 }), span: fc.integer({ min: 1, max: 4 }) })), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('huge' as const), length: fc.integer({ min: 1_000, max: 60_000 }) }),
);

const documentSpec = fc.record({
  blocks: fc.array(blockSpec, { maxLength: 25 }),
  group: fc.constantFrom('collective' as const, 'individual' as const),
  damage,
});

function bodyOf(blocks: DocumentSpec['blocks']): string {
  // XML 1.0 forbids most control characters: Word never writes them, so the generator leaves them out of the text.
  const allowedInXml = (code: number): boolean => (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) && code !== 0xfffe && code !== 0xffff && (code < 0xd800 || code > 0xdfff);
  const clean = (text: string): string => [...text].filter((character) => allowedInXml(character.codePointAt(0) ?? 0)).join('');
  return blocks
    .map((block) => {
      if (block.kind === 'paragraph') return paragraph(clean(block.text), block.style ? { style: block.style } : {});
      if (block.kind === 'item') return listItem(clean(block.text), block.numbering, block.level);
      if (block.kind === 'table') return table(block.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? clean(cell) : { text: clean(cell.text), span: cell.span }))));
      return paragraph('Thành tích '.repeat(Math.ceil(block.length / 11)).slice(0, block.length));
    })
    .join('');
}

const allowed = (error: AppErrorShape, prefix: string): boolean => error.code.startsWith(prefix) || error.code === 'call.invalidInput';

describe('no file can crash an import', () => {
  let installation: Awaited<ReturnType<typeof setUpCore>>;
  beforeAll(async () => {
    installation = await setUpCore();
    await installation.call('units.create', commune('UBND xã Tân Lập'));
  });
  afterAll(() => installation.close());

  it('generated workbooks, whole or damaged, give a preview or a clear refusal, and a refused import writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(workbookSpec, async (spec) => {
        const bytes = damaged(await workbookOf(spec.sheets), spec.damage);
        const request = { target: spec.target, fileName: 'danh-sach.xlsx', content: bytes.toString('base64'), sheet: spec.sheet, headerRow: spec.headerRow };
        const response = await installation.core.call({ call: 'registry.importPreview', input: request, session: null }, true);
        if (response.ok) {
          const preview = response.value as { rows: unknown[]; valid: number; invalid: number; sheets: string[]; sheet: number };
          expect(preview.valid + preview.invalid).toBe(preview.rows.length);
          expect(preview.sheet).toBeLessThan(preview.sheets.length);
        } else expect({ code: response.error.code, allowed: allowed(response.error, 'import.') }).toEqual({ code: response.error.code, allowed: true });
        const before = databaseSnapshot(installation.dataDir);
        const applied = await installation.core.call({ call: 'registry.importApply', input: { ...request, skipInvalid: true, confirmNamesakes: true }, session: null }, true);
        if (!applied.ok) {
          expect({ code: applied.error.code, allowed: allowed(applied.error, 'import.') }).toEqual({ code: applied.error.code, allowed: true });
          expect(databaseSnapshot(installation.dataDir)).toEqual(before);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('generated Word documents, whole or damaged, give a report or a clear refusal', async () => {
    await fc.assert(
      fc.asyncProperty(documentSpec, async (spec) => {
        const bytes = damaged(await docxOf(bodyOf(spec.blocks)), spec.damage);
        const response = await installation.core.call({ call: 'dossiers.reportFromWord', input: { group: spec.group, fileName: 'bao-cao.docx', content: bytes.toString('base64') }, session: null }, true);
        if (response.ok) expect(typeof (response.value as { text: string }).text).toBe('string');
        else expect({ code: response.error.code, allowed: allowed(response.error, 'report.') }).toEqual({ code: response.error.code, allowed: true });
      }),
      { seed: SEED, numRuns: 80 },
    );
  });
});
