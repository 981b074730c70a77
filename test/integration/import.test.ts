import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldIssue } from '../../shared/contract/errors';
import type { ImportPreview } from '../../shared/domain/registry-import';
import { messages, type Messages } from '../../shared/i18n';
import type { Unit } from '../../shared/domain/unit';
import { setUpCore } from '../support/core';
import { commune, crc32, databaseSnapshot, officeCounts, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;
type Cell = string | number | null;

/** A workbook as an office would send it: a bold header row, widened columns, years typed as numbers. */
async function xlsxOf(rows: Cell[][], options: { sheet?: string; blankRowAfter?: number } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phòng giao dịch NHCSXH Tân Biên';
  const sheet = workbook.addWorksheet(options.sheet ?? 'Danh sách');
  let rowNumber = 1;
  rows.forEach((cells, index) => {
    const row = sheet.getRow(rowNumber);
    row.values = cells.map((cell) => cell ?? undefined);
    if (index === 0) row.font = { bold: true };
    rowNumber += options.blankRowAfter === index + 1 ? 2 : 1;
  });
  sheet.columns.forEach((column) => (column.width = 28));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV as Excel writes it with "CSV UTF-8": a byte-order mark, commas, CRLF, quotes where needed. */
function csvOf(rows: Cell[][]): Buffer {
  const quote = (cell: Cell): string => {
    const text = cell === null ? '' : String(cell);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return Buffer.from(`\uFEFF${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** A ZIP archive (stored, no compression) holding the given files. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Bytes that look random but are the same every run, with the zero bytes binary data (compressed streams, executables) has. */
function noise(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let index = 0; index < length; index += 1) {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    bytes[index] = index % 61 === 7 ? 0 : state >> 16;
  }
  return bytes;
}

const base64 = (bytes: Buffer): string => bytes.toString('base64');

/** The translation key of a per-row problem of an import (its own section of the dictionaries). */
function importIssue(name: keyof Messages['importIssue']): string {
  return `importIssue.${name}`;
}

/** The text a key shows in a language, or undefined when the dictionary lacks it. */
function translation(language: keyof typeof messages, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages[language]);
}

/** Every problem of a preview is shown to the user: each key must have its text in both languages. */
function expectTranslated(preview: ImportPreview): void {
  const keys = new Set(preview.rows.flatMap((row) => row.issues.map((issue) => issue.key)));
  for (const key of keys) {
    expect({ key, vi: typeof translation('vi', key), en: typeof translation('en', key) }).toEqual({ key, vi: 'string', en: 'string' });
  }
}
const OFFICE = 'Phòng giao dịch NHCSXH Tân Biên';

const UNIT_HEADERS: Cell[] = ['Tên đơn vị', 'Loại', 'Cấp', 'Xã/phường', 'Phòng giao dịch'];
/** A list of units with the mistakes offices make, each row's expected issues beside it (file row 2 onwards). */
const UNIT_ROWS: [Cell[], Omit<FieldIssue, 'params'>[]][] = [
  [['UBND xã Tân Phong', 'UBND cấp xã', 'Xã', 'xã Tân Phong', OFFICE], []],
  [['Hội Nông dân xã Tân Phong, huyện Tân Biên', 'Hội Nông dân', 'Cấp xã', 'xã Tân Phong', 'phòng giao dịch nhcsxh tân biên'], []],
  [['Hội LHPN xã Tân Phong', 'hoi lien hiep phu nu', 'xa', 'xã Tân Phong', null], []],
  [['Hợp tác xã Tân Phong', 'Hợp tác xã', 'Xã', 'xã Tân Phong', null], [{ path: 'kind', key: importIssue('unknownKind') }]],
  [[null, 'Đoàn Thanh niên', 'Xã', 'xã Tân Phong', null], [{ path: 'name', key: 'validation.required' }]],
  [['UBND xã Tân Lập', 'UBND cấp xã', 'Xã', 'xã Tân Lập', null], [{ path: 'name', key: importIssue('exists') }]],
  [['UBND xã Tân Phong', 'UBND cấp xã', 'Xã', 'xã Tân Phong', null], [{ path: 'name', key: importIssue('repeated') }]],
  [['Đoàn Thanh niên xã Tân Phong', 'Đoàn Thanh niên', 'Xã', 'xã Tân Phong', 'Phòng giao dịch Ma'], [{ path: 'parentOffice', key: importIssue('unknownOffice') }]],
  [['Hội Cựu chiến binh xã Tân Phong', 'Hội Cựu chiến binh', 'Huyện', 'xã Tân Phong', null], [{ path: 'level', key: importIssue('unknownLevel') }]],
  [['Phòng giao dịch NHCSXH Châu Thành', 'Phòng giao dịch NHCSXH', null, null, null], []],
];

const PEOPLE_HEADERS: Cell[] = ['Họ và tên', 'Năm sinh', 'Giới tính', 'Chức vụ', 'Đơn vị'];
const PEOPLE_ROWS: [Cell[], Omit<FieldIssue, 'params'>[]][] = [
  [['Nguyễn Văn Đức', 1975, 'Nam', 'Tổ trưởng Tổ TK&VV ấp Tân Đông', 'UBND xã Tân Lập'], []],
  [['Lê Thị Hồng', 1982, 'Nữ', 'Chủ tịch Hội', 'Hội Nông dân xã Tân Lập'], []],
  [['Phạm Văn Bình', '19x0', 'nam', 'Tổ trưởng', 'UBND xã Tân Lập'], [{ path: 'birthYear', key: importIssue('badYear') }]],
  [['Võ Thị Lan', 1990, '?', 'Tổ viên', 'UBND xã Tân Lập'], [{ path: 'gender', key: importIssue('unknownGender') }]],
  [['Đặng Văn Tâm', 1968, 'Nam', '', 'UBND xã Không Có'], [{ path: 'unit', key: importIssue('unknownUnit') }]],
  [['Trần Thị Mai', 1979, 'Nữ', '', 'UBND xã Tân Lập'], [{ path: 'fullName', key: importIssue('exists') }]],
  [['Nguyễn Văn Đức', 1975, 'Nam', '', 'UBND xã Tân Lập'], [{ path: 'fullName', key: importIssue('repeated') }]],
  // A namesake in another unit is another person.
  [['Trần Thị Mai', 1985, 'Nữ', 'Hội viên', 'Hội Nông dân xã Tân Lập'], []],
  [['Huỳnh Văn Sơn', null, 'male', null, 'hội nông dân xã tân lập'], []],
  [['Bùi Thị Thu', 1920, 'Nữ', '', 'UBND xã Tân Lập'], [{ path: 'birthYear', key: 'validation.tooSmall' }]],
];

function withoutParams(preview: ImportPreview) {
  return preview.rows.map((row) => ({ row: row.row, issues: row.issues.map(({ path, key }) => ({ path, key })) }));
}

function expectedRows(rows: [Cell[], Omit<FieldIssue, 'params'>[]][], firstRow = 2) {
  return rows.map(([, issues], index) => ({ row: firstRow + index, issues }));
}

describe('importing the unit and people registers from Excel or CSV', () => {
  let installation: Installation;
  let office: Unit;
  let ward: Unit;
  let farmers: Unit;
  beforeEach(async () => {
    installation = await setUpCore();
    office = await installation.call('units.create', { name: OFFICE, kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
    ward = await installation.call('units.create', commune('UBND xã Tân Lập'));
    farmers = await installation.call('units.create', { ...commune('Hội Nông dân xã Tân Lập'), kind: 'farmersAssociation' });
    await installation.call('people.create', { fullName: 'Trần Thị Mai', birthYear: 1979, gender: 'female', position: 'Tổ trưởng', unitId: ward.id });
  });
  afterEach(() => installation.close());

  it('the preview of a units workbook lists every row with its issues, maps the Vietnamese headers and writes nothing', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const file = await xlsxOf([UNIT_HEADERS, ...UNIT_ROWS.map(([cells]) => cells)]);
    const preview = await installation.call('registry.importPreview', { target: 'units', fileName: 'Danh sách đơn vị 2025.xlsx', content: base64(file) });

    expect(preview.target).toBe('units');
    expect(preview.columns).toEqual(UNIT_HEADERS);
    expect(preview.mapping).toEqual({ name: 0, kind: 1, level: 2, commune: 3, parentOffice: 4 });
    expect(withoutParams(preview)).toEqual(expectedRows(UNIT_ROWS));
    expect(preview).toMatchObject({ valid: 4, invalid: 6 });
    expectTranslated(preview);
    expect(preview.rows[0]?.values).toEqual({ name: 'UBND xã Tân Phong', kind: 'UBND cấp xã', level: 'Xã', commune: 'xã Tân Phong', parentOffice: OFFICE });
    // The issues carry what the user typed, to show it back.
    expect(preview.rows[3]?.issues[0]?.params).toEqual({ value: 'Hợp tác xã' });
    expect(preview.rows[5]?.issues[0]?.params).toEqual({ value: 'UBND xã Tân Lập' });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('the same list saved as a UTF-8 CSV with a byte-order mark gives the same preview', async () => {
    const rows = [UNIT_HEADERS, ...UNIT_ROWS.map(([cells]) => cells)];
    const fromExcel = await installation.call('registry.importPreview', { target: 'units', fileName: 'ds.xlsx', content: base64(await xlsxOf(rows)) });
    const fromCsv = await installation.call('registry.importPreview', { target: 'units', fileName: 'ds.csv', content: base64(csvOf(rows)) });
    expect(fromCsv.columns[0]).toBe('Tên đơn vị');
    // Only the sheet's name differs: a CSV's one sheet is named after the file.
    expect(fromCsv.sheets).toEqual(['ds']);
    expect({ ...fromCsv, sheets: fromExcel.sheets }).toEqual(fromExcel);
  });

  it('the preview of a people CSV flags bad years, genders, unknown units, people already registered and names repeated in the file', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const file = csvOf([PEOPLE_HEADERS, ...PEOPLE_ROWS.map(([cells]) => cells)]);
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'Danh sách tổ trưởng.csv', content: base64(file) });
    expect(preview.columns).toEqual(PEOPLE_HEADERS);
    expect(preview.mapping).toEqual({ fullName: 0, birthYear: 1, gender: 2, position: 3, unit: 4, male: null, female: null });
    expect(withoutParams(preview)).toEqual(expectedRows(PEOPLE_ROWS));
    expect(preview).toMatchObject({ valid: 4, invalid: 6 });
    expectTranslated(preview);
    expect(preview.rows[2]?.issues).toEqual([{ path: 'birthYear', key: importIssue('badYear'), params: { value: '19x0' } }]);
    expect(preview.rows[3]?.issues).toEqual([{ path: 'gender', key: importIssue('unknownGender'), params: { value: '?' } }]);
    expect(preview.rows[4]?.issues).toEqual([{ path: 'unit', key: importIssue('unknownUnit'), params: { value: 'UBND xã Không Có' } }]);
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a row with an empty name is invalid on its name field, whatever the register', async () => {
    const people = csvOf([PEOPLE_HEADERS, ['', 1980, 'Nam', '', 'UBND xã Tân Lập'], ['Lý Văn Tư', 1980, 'Nam', '', 'UBND xã Tân Lập']]);
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.csv', content: base64(people) });
    expect(preview).toMatchObject({ valid: 1, invalid: 1 });
    expect(preview.rows[0]?.issues.map((issue) => issue.path)).toEqual(['fullName']);
    expect(preview.rows[1]?.issues).toEqual([]);
  });

  it('a short CSV saved by Excel on Vietnamese Windows (semicolons, two columns) is read by its columns', async () => {
    const file = Buffer.from('Tên đơn vị;Loại\r\nĐoàn Thanh niên xã Tân Lập;Đoàn Thanh niên\r\nHội Cựu chiến binh xã Tân Lập;Hội Cựu chiến binh\r\n', 'utf8');
    const preview = await installation.call('registry.importPreview', { target: 'units', fileName: 'bo-sung.csv', content: base64(file) });
    expect(preview.columns).toEqual(['Tên đơn vị', 'Loại']);
    expect(preview.mapping).toMatchObject({ name: 0, kind: 1 });
    expect(preview).toMatchObject({ valid: 2, invalid: 0 });
    expect(preview.rows.map((row) => row.values.kind)).toEqual(['Đoàn Thanh niên', 'Hội Cựu chiến binh']);
    // A value holding the other separator, quoted, stays whole.
    const quoted = Buffer.from('Họ và tên;Giới tính;Chức vụ;Đơn vị\n"Lý Văn Tư";Nam;"Tổ trưởng; ấp 2, xã Tân Lập";UBND xã Tân Lập\n', 'utf8');
    const people = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.csv', content: base64(quoted) });
    expect(people.rows[0]?.values).toMatchObject({ fullName: 'Lý Văn Tư', position: 'Tổ trưởng; ấp 2, xã Tân Lập', unit: 'UBND xã Tân Lập' });
    expect(people).toMatchObject({ valid: 1, invalid: 0 });
  });

  it('row numbers are the spreadsheet’s own: a blank row in the middle is skipped but counted', async () => {
    const file = await xlsxOf([PEOPLE_HEADERS, ['Nguyễn Văn Đức', 1975, 'Nam', '', 'UBND xã Tân Lập'], ['Lê Thị Hồng', 1982, 'Nữ', '', 'UBND xã Tân Lập']], { blankRowAfter: 2 });
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.xlsx', content: base64(file) });
    expect(preview.rows.map((row) => row.row)).toEqual([2, 4]);
  });

  it('applying a list with errors is refused with import.hasErrors and nothing is imported', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const file = base64(await xlsxOf([UNIT_HEADERS, ...UNIT_ROWS.map(([cells]) => cells)]));
    const error = await installation.errorOf('registry.importApply', { target: 'units', fileName: 'ds.xlsx', content: file });
    expect(error).toMatchObject({ code: 'import.hasErrors', params: { count: 6 } });
    const explicit = await installation.errorOf('registry.importApply', { target: 'units', fileName: 'ds.xlsx', content: file, skipInvalid: false });
    expect(explicit.code).toBe('import.hasErrors');
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('with skipInvalid, exactly the valid units are imported in one go, with their kind, level and office', async () => {
    const file = base64(await xlsxOf([UNIT_HEADERS, ...UNIT_ROWS.map(([cells]) => cells)]));
    const result = await installation.call('registry.importApply', { target: 'units', fileName: 'ds.xlsx', content: file, skipInvalid: true });
    expect(result).toEqual({ imported: 4, skipped: 6 });

    const units = await installation.call('units.list', {});
    const imported = units.filter((unit) => ![office.id, ward.id, farmers.id].includes(unit.id));
    const byName = (name: string) => imported.find((unit) => unit.name === name);
    expect(imported).toHaveLength(4);
    expect(byName('UBND xã Tân Phong')).toMatchObject({ kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Tân Phong', parentOfficeId: office.id, retired: false });
    expect(byName('Hội Nông dân xã Tân Phong, huyện Tân Biên')).toMatchObject({ kind: 'farmersAssociation', level: 'commune', parentOfficeId: office.id });
    expect(byName('Hội LHPN xã Tân Phong')).toMatchObject({ kind: 'womensUnion', level: 'commune', parentOfficeId: null });
    expect(byName('Phòng giao dịch NHCSXH Châu Thành')).toMatchObject({ kind: 'transactionOffice', level: 'province', commune: '' });
    // One transaction: every imported row carries the same time.
    const times = withDatabase(installation.dataDir, (db) => db.prepare('SELECT DISTINCT created_at FROM units WHERE id NOT IN (?, ?, ?)').all(office.id, ward.id, farmers.id));
    expect(times).toHaveLength(1);

    // The same list again: every row is now already registered (or repeated), so nothing is left to import.
    const before = databaseSnapshot(installation.dataDir);
    const again = await installation.errorOf('registry.importApply', { target: 'units', fileName: 'ds.xlsx', content: file, skipInvalid: true });
    expect(again.code).toBe('import.nothingValid');
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('with skipInvalid, exactly the valid people are imported under their units', async () => {
    const file = base64(csvOf([PEOPLE_HEADERS, ...PEOPLE_ROWS.map(([cells]) => cells)]));
    // Trần Thị Mai of the farmers' association is a namesake of the one registered: imported once that is confirmed.
    expect((await installation.errorOf('registry.importApply', { target: 'people', fileName: 'ds.csv', content: file, skipInvalid: true })).code).toBe('import.namesakesUnconfirmed');
    expect(await installation.call('registry.importApply', { target: 'people', fileName: 'ds.csv', content: file, skipInvalid: true, confirmNamesakes: true })).toEqual({ imported: 4, skipped: 6 });
    const people = (await installation.call('people.list', {})).map(({ fullName, birthYear, gender, position, unitId }) => ({ fullName, birthYear, gender, position, unitId }));
    const expected = [
      { fullName: 'Trần Thị Mai', birthYear: 1979, gender: 'female', position: 'Tổ trưởng', unitId: ward.id },
      { fullName: 'Nguyễn Văn Đức', birthYear: 1975, gender: 'male', position: 'Tổ trưởng Tổ TK&VV ấp Tân Đông', unitId: ward.id },
      { fullName: 'Lê Thị Hồng', birthYear: 1982, gender: 'female', position: 'Chủ tịch Hội', unitId: farmers.id },
      { fullName: 'Trần Thị Mai', birthYear: 1985, gender: 'female', position: 'Hội viên', unitId: farmers.id },
      { fullName: 'Huỳnh Văn Sơn', birthYear: null, gender: 'male', position: '', unitId: farmers.id },
    ];
    const key = (person: { fullName: string; unitId: string }) => `${person.fullName}|${person.unitId}`;
    expect([...people].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...expected].sort((a, b) => key(a).localeCompare(key(b))));
    expect(officeCounts(installation.dataDir).people).toBe(5);
  });

  it('a mapping chosen by the user is honoured: columns whose titles were swapped import correctly', async () => {
    // The titles sit above the wrong columns: names are under "Loại", kinds under "Tên đơn vị".
    const file = base64(csvOf([['Loại', 'Tên đơn vị', 'Xã/phường'], ['UBND xã Hòa Hiệp', 'UBND cấp xã', 'xã Hòa Hiệp'], ['Hội Nông dân xã Hòa Hiệp', 'Hội Nông dân', 'xã Hòa Hiệp']]));
    const suggested = await installation.call('registry.importPreview', { target: 'units', fileName: 'ds.csv', content: file });
    expect(suggested.mapping).toMatchObject({ name: 1, kind: 0 });
    expect(suggested.rows.map((row) => row.issues.map((issue) => issue.key))).toEqual([[importIssue('unknownKind')], [importIssue('unknownKind')]]);

    const mapping = { name: 0, kind: 1, level: null, commune: 2, parentOffice: null };
    const chosen = await installation.call('registry.importPreview', { target: 'units', fileName: 'ds.csv', content: file, mapping });
    expect(chosen.mapping).toEqual(mapping);
    expect(chosen).toMatchObject({ valid: 2, invalid: 0 });
    expect(await installation.call('registry.importApply', { target: 'units', fileName: 'ds.csv', content: file, mapping })).toEqual({ imported: 2, skipped: 0 });
    const names = (await installation.call('units.list', {})).map((unit) => [unit.name, unit.kind, unit.commune]);
    expect(names).toContainEqual(['UBND xã Hòa Hiệp', 'communePeoplesCommittee', 'xã Hòa Hiệp']);
    expect(names).toContainEqual(['Hội Nông dân xã Hòa Hiệp', 'farmersAssociation', 'xã Hòa Hiệp']);
  });

  it('columns the headers do not name leave the required fields unmapped on every row', async () => {
    const file = base64(csvOf([['Cột A', 'Cột B'], ['UBND xã Hòa Hiệp', 'UBND cấp xã']]));
    const preview = await installation.call('registry.importPreview', { target: 'units', fileName: 'ds.csv', content: file });
    expect(preview.mapping).toMatchObject({ name: null, kind: null });
    expect(preview.rows[0]?.issues.filter((issue) => issue.key === importIssue('unmapped')).map((issue) => issue.path)).toEqual(['name', 'kind']);
    expect((await installation.errorOf('registry.importApply', { target: 'units', fileName: 'ds.csv', content: file, skipInvalid: true })).code).toBe('import.nothingValid');
  });

  it('a file that is neither a workbook nor a CSV is refused with import.unreadable, and nothing is written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n4 0 obj\n<< /Length 64 /Filter /FlateDecode >>\nstream\n', 'latin1'),
      noise(64, 3),
      Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
    ]);
    const truncatedWorkbook = (await xlsxOf([UNIT_HEADERS, ...UNIT_ROWS.map(([cells]) => cells)])).subarray(0, 300);
    const files: [string, Buffer][] = [
      ['danh-sach.csv', noise(4096)],
      ['danh-sach.xlsx', noise(4096, 11)],
      ['danh-sach.xls', Buffer.from('Tên đơn vị,Loại\nUBND xã A,UBND cấp xã\n', 'utf8')],
      ['danh-sach.pdf', pdf],
      ['danh-sach.xlsx', truncatedWorkbook],
    ];
    for (const [fileName, bytes] of files) {
      for (const call of ['registry.importPreview', 'registry.importApply'] as const) {
        const error = await installation.errorOf(call, { target: 'units', fileName, content: base64(bytes), skipInvalid: true });
        expect({ fileName, call, error }).toEqual({ fileName, call, error: { code: 'import.unreadable', params: { name: fileName } } });
      }
    }
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a ZIP archive that holds no workbook is refused, and nothing is written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const zip = zipOf({ 'readme.txt': 'Không phải bảng tính', 'data/units.csv': 'Tên đơn vị,Loại\nUBND xã A,UBND cấp xã\n' });
    const error = await installation.errorOf('registry.importApply', { target: 'units', fileName: 'danh-sach.zip', content: base64(zip), skipInvalid: true });
    expect(error).toEqual({ code: 'import.unreadable', params: { name: 'danh-sach.zip' } });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('an empty sheet, an empty CSV or a header without rows is refused with import.empty', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const emptyWorkbook = new ExcelJS.Workbook();
    emptyWorkbook.addWorksheet('Trống');
    const files: [string, Buffer][] = [
      ['trong.xlsx', Buffer.from(await emptyWorkbook.xlsx.writeBuffer())],
      ['trong.csv', Buffer.from('\uFEFF\r\n\r\n', 'utf8')],
      ['chi-tieu-de.xlsx', await xlsxOf([UNIT_HEADERS])],
      ['chi-tieu-de.csv', csvOf([UNIT_HEADERS, [null, null, null, null, null]])],
    ];
    for (const [fileName, bytes] of files) {
      const error = await installation.errorOf('registry.importPreview', { target: 'units', fileName, content: base64(bytes) });
      expect({ fileName, error }).toEqual({ fileName, error: { code: 'import.empty', params: { name: fileName } } });
      expect((await installation.errorOf('registry.importApply', { target: 'units', fileName, content: base64(bytes), skipInvalid: true })).code).toBe('import.empty');
    }
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a list of 3,000 people previews and imports whole', async () => {
    const families = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'];
    const middles = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Hữu'];
    const rows: Cell[][] = Array.from({ length: 3000 }, (_unused, index) => [
      `${families[index % families.length]} ${middles[index % middles.length]} Số ${index + 1}`,
      1950 + (index % 55),
      index % 2 === 0 ? 'Nữ' : 'Nam',
      `Tổ trưởng Tổ TK&VV số ${index + 1}`,
      index % 3 === 0 ? 'Hội Nông dân xã Tân Lập' : 'UBND xã Tân Lập',
    ]);
    const file = base64(await xlsxOf([PEOPLE_HEADERS, ...rows]));
    const before = databaseSnapshot(installation.dataDir);
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds-3000.xlsx', content: file });
    expect(preview).toMatchObject({ valid: 3000, invalid: 0 });
    expect(preview.rows).toHaveLength(3000);
    expect(preview.rows[2999]).toMatchObject({ row: 3001, issues: [] });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);

    expect(await installation.call('registry.importApply', { target: 'people', fileName: 'ds-3000.xlsx', content: file })).toEqual({ imported: 3000, skipped: 0 });
    expect(officeCounts(installation.dataDir).people).toBe(3001);
    const people = await installation.call('people.list', {});
    expect(people.filter((person) => person.unitId === farmers.id)).toHaveLength(1000);
    expect(people.find((person) => person.fullName === 'Bùi Hữu Số 3000')).toMatchObject({ birthYear: 1950 + (2999 % 55), gender: 'male', unitId: ward.id });
  });

  it('a file whose base64 is over the call’s 12 MB limit is refused with call.tooLarge before it is read', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const content = 'A'.repeat(12 * 1024 * 1024 + 1);
    for (const call of ['registry.importPreview', 'registry.importApply'] as const) {
      const error = await installation.errorOf(call, { target: 'units', fileName: 'qua-lon.csv', content });
      expect(error).toEqual({ code: 'call.tooLarge', params: { maximum: 12 * 1024 * 1024 } });
    }
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });
});
