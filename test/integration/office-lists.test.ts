import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../shared/domain/unit';
import { zipParts } from '../support/docx';
import { OFFICE_PEOPLE, OFFICE_UNITS, officeWorkbook, PEOPLE_LAYOUT, REGISTERED_PERSON } from '../support/office-files';
import { setUpCore } from '../support/core';
import { commune, databaseSnapshot } from './helpers';

/**
 * An office imports the lists it already keeps, as it keeps them: the bank's title block and the national title
 * above the table, the list's title on row 4, "Năm sinh" split into "Nam" and "Nữ", column numbers, totals and
 * signatures under it, other sheets beside it; an old .xls or a password-protected workbook gets a message that says
 * what to do. Nothing is written until the person confirms, and then all the rows or none.
 */

type Installation = Awaited<ReturnType<typeof setUpCore>>;
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/office/${name}`, import.meta.url)).toString('base64');
const base64 = (bytes: Buffer): string => bytes.toString('base64');

describe('importing the lists offices already have', () => {
  let installation: Installation;
  let units: Unit[];
  let list: string;
  beforeEach(async () => {
    installation = await setUpCore();
    units = [];
    for (const name of OFFICE_UNITS) {
      units.push(await installation.call('units.create', { ...commune(name), kind: name.startsWith('UBND') ? 'communePeoplesCommittee' : name.startsWith('Hội Nông dân') ? 'farmersAssociation' : 'womensUnion' }));
    }
    const unit = units.find((candidate) => candidate.name === REGISTERED_PERSON.unit) as Unit;
    await installation.call('people.create', { fullName: REGISTERED_PERSON.fullName, birthYear: REGISTERED_PERSON.birthYear, gender: REGISTERED_PERSON.gender, position: REGISTERED_PERSON.position, unitId: unit.id });
    list = base64(await officeWorkbook());
  });
  afterEach(() => installation.close());

  it('finds the people sheet, the title row under the title block, and reads the two title rows as one', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'DS khen thưởng 2025.xlsx', content: list });
    expect(preview.sheets).toEqual(['Hướng dẫn', 'DS cá nhân', 'DS tập thể']);
    expect(preview.sheet).toBe(1);
    expect(preview).toMatchObject({ headerRow: PEOPLE_LAYOUT.headerRow, headerRows: 2 });
    expect(preview.columns).toEqual(['STT', 'Họ và tên', 'Năm sinh — Nam', 'Năm sinh — Nữ', 'Chức vụ', 'Đơn vị công tác', 'Ghi chú']);
    // "STT" and "Ghi chú" fill nothing; the year is read from the "Nam" and "Nữ" columns, which also give the gender.
    expect(preview.mapping).toEqual({ fullName: 1, birthYear: null, gender: null, position: 4, unit: 5, male: 2, female: 3 });
    // The title row is offered with the rows above it, so the person can choose another.
    expect(preview.headerChoices.map((choice) => choice.row).slice(0, 5)).toEqual([1, 2, 4, 6, 7]);
    expect(preview.headerChoices.find((choice) => choice.row === 1)?.text).toBe('NGÂN HÀNG CHÍNH SÁCH XÃ HỘI · CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(preview.notes.map((note) => note.key)).toEqual(['importNote.sheet', 'importNote.twoRowHeader', 'importNote.numberingRow', 'importNote.footer', 'importNote.namesTidied']);
    const footer = PEOPLE_LAYOUT.firstRow + OFFICE_PEOPLE.length;
    expect(preview.notes.find((note) => note.key === 'importNote.footer')?.params).toEqual({ row: footer, count: 5 });
    expect(preview.notes.find((note) => note.key === 'importNote.namesTidied')?.params).toEqual({ count: 3 });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('reads each row the way the office wrote it: years as numbers, text dates, real dates and date serials; names tidied as they will be saved', async () => {
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.xlsx', content: list });
    expect(preview.rows.map((row) => row.row)).toEqual(OFFICE_PEOPLE.map((_person, index) => PEOPLE_LAYOUT.firstRow + index));
    preview.rows.forEach((row, index) => {
      const { expected, cells } = OFFICE_PEOPLE[index] as (typeof OFFICE_PEOPLE)[number];
      expect({ row: row.row, fullName: row.saved.fullName, birthYear: row.saved.birthYear, gender: row.saved.gender }).toEqual({
        row: row.row,
        fullName: expected.fullName,
        birthYear: expected.birthYear,
        gender: expected.gender,
      });
      // What the file holds stays beside what will be saved, so the person sees what was changed.
      expect(row.values.fullName).toBe(cells[0].trim());
      const outcome = row.issues.length > 0 ? row.issues.map((issue) => issue.key).join(',') : row.warnings.length > 0 ? row.warnings.map((warning) => warning.key).join(',') : 'ok';
      expect({ row: row.row, outcome }).toEqual({
        row: row.row,
        outcome: { ok: 'ok', namesake: 'importIssue.namesake', exists: 'importIssue.exists', genderBoth: 'importIssue.genderBoth' }[expected.outcome],
      });
    });
    expect(preview.rows[1]?.values).toMatchObject({ fullName: 'Lê  Thị   Hồng', female: '15/03/1982', male: '' });
    expect(preview.rows[2]?.values.female).toBe('02/07/1985');
    expect(preview.rows[3]?.values.male).toBe('28199');
    expect(preview).toMatchObject({ valid: 5, invalid: 2, warned: 1 });
    expect(preview.rows[2]?.warnings[0]?.params).toEqual({ value: 'Trần Thị Mai', count: 1, units: 'UBND xã Tân Lập' });
  });

  it('imports the correct rows once the namesake is confirmed, as they were shown', async () => {
    const request = { target: 'people' as const, fileName: 'ds.xlsx', content: list, skipInvalid: true };
    const before = databaseSnapshot(installation.dataDir);
    expect((await installation.errorOf('registry.importApply', request)).code).toBe('import.namesakesUnconfirmed');
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
    expect(await installation.call('registry.importApply', { ...request, confirmNamesakes: true })).toEqual({ imported: 5, skipped: 2 });
    const unitOf = (name: string): string => (units.find((unit) => unit.name === name) as Unit).id;
    const people = (await installation.call('people.list', {})).map(({ fullName, birthYear, gender, unitId }) => ({ fullName, birthYear, gender, unitId }));
    expect(people).toHaveLength(6);
    expect(people).toEqual(
      expect.arrayContaining([
        { fullName: 'Nguyễn Văn Đức', birthYear: 1975, gender: 'male', unitId: unitOf('UBND xã Tân Lập') },
        { fullName: 'Lê Thị Hồng', birthYear: 1982, gender: 'female', unitId: unitOf('Hội Nông dân xã Tân Lập') },
        { fullName: 'Trần Thị Mai', birthYear: 1985, gender: 'female', unitId: unitOf('Hội Nông dân xã Tân Lập') },
        { fullName: 'Phạm Văn Bình', birthYear: 1977, gender: 'male', unitId: unitOf('UBND xã Tân Lập') },
        { fullName: 'Võ Thị Lan', birthYear: 1990, gender: 'female', unitId: unitOf('Hội Liên hiệp Phụ nữ xã Tân Lập') },
      ]),
    );
  });

  it('another title row chosen by the person is honoured, and the columns are matched again under it', async () => {
    const chosen = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.xlsx', content: list, headerRow: PEOPLE_LAYOUT.titleRow });
    expect(chosen).toMatchObject({ headerRow: PEOPLE_LAYOUT.titleRow, headerRows: 1 });
    expect(chosen.columns[0]).toBe('DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025');
    expect(chosen.mapping).toMatchObject({ fullName: null, unit: null });
    expect(chosen.valid).toBe(0);
    const empty = await installation.errorOf('registry.importPreview', { target: 'people', fileName: 'ds.xlsx', content: list, headerRow: 3 });
    expect(empty).toEqual({ code: 'import.noHeaderRow', params: { row: 3 } });
  });

  it('each register finds its own sheet; a sheet can be chosen, and one that does not exist is refused', async () => {
    const unitsPreview = await installation.call('registry.importPreview', { target: 'units', fileName: 'ds.xlsx', content: list });
    expect(unitsPreview).toMatchObject({ sheet: 2, headerRow: 3, headerRows: 1, valid: 2, invalid: 0 });
    expect(unitsPreview.rows.map((row) => row.saved.name)).toEqual(['Đoàn Thanh niên xã Tân Lập', 'Hội Cựu chiến binh xã Tân Lập']);
    const guide = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.xlsx', content: list, sheet: 0 });
    expect(guide.sheet).toBe(0);
    expect(guide.valid).toBe(0);
    expect(await installation.errorOf('registry.importPreview', { target: 'people', fileName: 'ds.xlsx', content: list, sheet: 5 })).toEqual({ code: 'import.noSheet', params: { sheet: 6, count: 3 } });
  });

  it('the same list saved as CSV (no merged cells: the year title stands over an empty cell) is read the same way', async () => {
    const csv = [
      'NGÂN HÀNG CHÍNH SÁCH XÃ HỘI,,,,CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025,,,,',
      'STT,Họ và tên,Năm sinh,,Đơn vị công tác',
      ',,Nam,Nữ,',
      '1,NGUYỄN VĂN ĐỨC,1975,,UBND xã Tân Lập',
      '2,Lê Thị Hồng,,15/03/1982,Hội Nông dân xã Tân Lập',
      'Tổng cộng,,1,1,',
      ',,,,"Tân Biên, ngày 10 tháng 12 năm 2025"',
      'NGƯỜI LẬP BIỂU,,,,GIÁM ĐỐC',
    ].join('\r\n');
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.csv', content: base64(Buffer.from(csv, 'utf8')) });
    expect(preview).toMatchObject({ headerRow: 3, headerRows: 2, valid: 2, invalid: 0 });
    expect(preview.columns).toEqual(['STT', 'Họ và tên', 'Năm sinh — Nam', 'Năm sinh — Nữ', 'Đơn vị công tác']);
    expect(preview.rows.map((row) => [row.saved.fullName, row.saved.birthYear, row.saved.gender])).toEqual([
      ['Nguyễn Văn Đức', '1975', 'male'],
      ['Lê Thị Hồng', '1982', 'female'],
    ]);
  });

  it('a list with a "Giới tính" column and dates of birth reads the gender from the column and the year from the date', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['DANH SÁCH TỔ TRƯỞNG TỔ TK&VV']);
    sheet.addRow([]);
    sheet.addRow(['STT', 'Họ và tên', 'Ngày tháng năm sinh', 'Giới tính', 'Chức vụ', 'Đơn vị']);
    sheet.addRow([1, 'HUỲNH VĂN SƠN', new Date(Date.UTC(1971, 0, 9)), 'Nam', 'Tổ trưởng', 'UBND xã Tân Lập']);
    sheet.addRow([2, 'Bùi Thị Thu', '03/11/1988', 'Nữ', 'Tổ trưởng', 'hội nông dân xã tân lập']);
    sheet.addRow([3, 'Lý Văn Tư', '1980', 'nam', '', 'UBND xã Tân Lập']);
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'to-truong.xlsx', content: base64(Buffer.from(await workbook.xlsx.writeBuffer())) });
    expect(preview).toMatchObject({ headerRow: 3, headerRows: 1, valid: 3, invalid: 0 });
    expect(preview.mapping).toMatchObject({ fullName: 1, birthYear: 2, gender: 3, position: 4, unit: 5, male: null, female: null });
    expect(preview.rows.map((row) => [row.saved.fullName, row.saved.birthYear, row.saved.gender, row.saved.unit])).toEqual([
      ['Huỳnh Văn Sơn', '1971', 'male', 'UBND xã Tân Lập'],
      ['Bùi Thị Thu', '1988', 'female', 'Hội Nông dân xã Tân Lập'],
      ['Lý Văn Tư', '1980', 'male', 'UBND xã Tân Lập'],
    ]);
  });

  it('an old Excel file (.xls, saved by LibreOffice) gets the message saying how to save it as .xlsx; nothing is written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    for (const call of ['registry.importPreview', 'registry.importApply'] as const) {
      // Whatever the name says: the bytes tell an old workbook.
      for (const fileName of ['DS khen thưởng 2025.xls', 'danh-sach.xlsx']) {
        const error = await installation.errorOf(call, { target: 'people', fileName, content: fixture('danh-sach-ca-nhan.xls'), skipInvalid: true });
        expect(error).toEqual({ code: 'import.oldExcel', params: { name: fileName } });
      }
    }
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a ZIP that names a workbook but whose parts are not one is unreadable; nothing is written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    for (const workbookXml of ['<workbook><sheets><sheet name="DS" r:id="rId9"/></sheets></workbook>', 'không phải XML <<<']) {
      const bytes = await zipParts({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': workbookXml, 'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>' });
      expect(await installation.errorOf('registry.importApply', { target: 'people', fileName: 'ds.xlsx', content: base64(bytes), skipInvalid: true })).toEqual({ code: 'import.unreadable', params: { name: 'ds.xlsx' } });
    }
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a workbook protected by a password is refused with a message saying how to remove it; nothing is written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const error = await installation.errorOf('registry.importApply', { target: 'people', fileName: 'danh-sach.xlsx', content: fixture('danh-sach-mat-khau.xlsx'), skipInvalid: true });
    expect(error).toEqual({ code: 'import.encrypted', params: { name: 'danh-sach.xlsx' } });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });
});

describe('namesakes: the same name is a warning to confirm, the same person an error', () => {
  let installation: Installation;
  let ward: Unit;
  let farmers: Unit;
  beforeEach(async () => {
    installation = await setUpCore();
    ward = await installation.call('units.create', commune('UBND xã Tân Lập'));
    farmers = await installation.call('units.create', { ...commune('Hội Nông dân xã Tân Lập'), kind: 'farmersAssociation' });
    await installation.call('people.create', { fullName: 'Nguyễn Văn An', birthYear: 1970, gender: 'male', position: '', unitId: ward.id });
  });
  afterEach(() => installation.close());

  const csv = (rows: string[]): string => base64(Buffer.from(['Họ và tên,Năm sinh,Giới tính,Đơn vị', ...rows].join('\n'), 'utf8'));

  it('the form and the import agree: a namesake in another unit, or born another year, is another person', async () => {
    // The form accepts a namesake without a word…
    await installation.call('people.create', { fullName: 'Nguyễn Văn An', birthYear: 1985, gender: 'male', position: '', unitId: farmers.id });
    // …and the import asks only for a confirmation.
    const content = csv(['Nguyễn Văn An,1988,Nam,Hội Nông dân xã Tân Lập', 'nguyễn văn an,1992,Nam,UBND xã Tân Lập']);
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.csv', content });
    expect(preview).toMatchObject({ valid: 2, invalid: 0, warned: 2 });
    expect(preview.rows.map((row) => row.warnings.map((warning) => warning.key))).toEqual([
      ['importIssue.namesake'],
      ['importIssue.namesake', 'importIssue.namesakeInFile'],
    ]);
    expect(preview.rows[1]?.warnings[1]?.params).toEqual({ row: 2 });
    expect(await installation.call('registry.importApply', { target: 'people', fileName: 'ds.csv', content, confirmNamesakes: true })).toEqual({ imported: 2, skipped: 0 });
    expect((await installation.call('people.list', {})).filter((person) => person.fullName === 'Nguyễn Văn An')).toHaveLength(4);
  });

  it('the same name, year and unit is the same person: an error, in the registry or earlier in the file', async () => {
    const content = csv(['NGUYỄN VĂN AN,1970,Nam,UBND xã Tân Lập', 'Trần Văn Lộc,1980,Nam,UBND xã Tân Lập', 'Trần  Văn Lộc,1980,Nam,UBND xã Tân Lập', 'Trần Văn Lộc,,Nam,UBND xã Tân Lập']);
    const preview = await installation.call('registry.importPreview', { target: 'people', fileName: 'ds.csv', content });
    expect(preview.rows.map((row) => ({ issues: row.issues.map((issue) => issue.key), warnings: row.warnings.map((warning) => warning.key) }))).toEqual([
      { issues: ['importIssue.exists'], warnings: [] },
      { issues: [], warnings: [] },
      { issues: ['importIssue.repeated'], warnings: [] },
      // No year to compare: the same name in the same unit is only a namesake to check.
      { issues: [], warnings: ['importIssue.namesakeInFile'] },
    ]);
    expect(preview).toMatchObject({ valid: 2, invalid: 2, warned: 1 });
  });
});
