import { describe, expect, it } from 'vitest';
import { findHeaderRow, isFooterRow, readTable, type SheetGrid } from '../../shared/domain/import-table';
import { normalisePersonName } from '../../shared/domain/person';
import { fieldTitles, parseBirthYear, suggestMapping } from '../../shared/domain/registry-import';
import { reportFromBlocks } from '../../shared/domain/word-report';

const people = fieldTitles('people');

/** A sheet from rows of cells, numbered from 1, blank rows left out as a reader leaves them. */
function grid(rows: string[][], merges: SheetGrid['merges'] = []): SheetGrid {
  return { name: 'DS', rows: rows.map((cells, index) => ({ row: index + 1, cells })).filter((row) => row.cells.some((cell) => cell !== '')), merges };
}

describe('finding the row of column titles', () => {
  it('skips the title block and the list title, and prefers the titles to a data row that happens to hold known words', () => {
    const sheet = grid([
      ['NGÂN HÀNG CHÍNH SÁCH XÃ HỘI', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['PGD NHCSXH HUYỆN TÂN BIÊN', '', '', 'Độc lập - Tự do - Hạnh phúc'],
      [],
      ['DANH SÁCH TỔ TRƯỞNG ĐỀ NGHỊ KHEN THƯỞNG'],
      ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Đơn vị công tác'],
      ['1', 'Nguyễn Văn Đức', '1975', 'Nam', 'Đơn vị UBND xã'],
    ]);
    expect(findHeaderRow(sheet, people)?.row).toBe(5);
    const table = readTable(sheet, people);
    expect(table).toMatchObject({ headerRow: 5, headerRows: 1, columns: ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Đơn vị công tác'] });
    expect(table?.body.map((row) => row.row)).toEqual([6]);
  });

  it('a title merged down over two rows is read once; the row under a title split in two is read with it', () => {
    const sheet = grid(
      [
        ['STT', 'Họ và tên', 'Năm sinh', 'Năm sinh', 'Đơn vị'],
        ['STT', 'Họ và tên', 'Nam', 'Nữ', 'Đơn vị'],
        ['1', 'Lê Thị Hồng', '', '1982', 'UBND xã Tân Lập'],
      ],
      [
        { top: 1, bottom: 2, left: 0, right: 0 },
        { top: 1, bottom: 2, left: 1, right: 1 },
        { top: 1, bottom: 1, left: 2, right: 3 },
        { top: 1, bottom: 2, left: 4, right: 4 },
      ],
    );
    const table = readTable(sheet, people);
    expect(table).toMatchObject({ headerRow: 1, headerRows: 2, columns: ['STT', 'Họ và tên', 'Năm sinh — Nam', 'Năm sinh — Nữ', 'Đơn vị'] });
    expect(suggestMapping('people', table?.columns ?? [])).toMatchObject({ fullName: 1, male: 2, female: 3, unit: 4, birthYear: null });
  });

  it('a data row under single titles is never taken for sub-titles', () => {
    const table = readTable(grid([['Họ và tên', 'Giới tính', 'Đơn vị'], ['Lê Thị Hồng', 'Nữ', 'UBND xã Tân Lập']]), people);
    expect(table).toMatchObject({ headerRows: 1 });
    expect(table?.body).toHaveLength(1);
  });

  it('leaves out a row of column numbers, and everything from the totals or the signatures on', () => {
    const table = readTable(
      grid([
        ['Họ và tên', 'Giới tính', 'Đơn vị'],
        ['(1)', '(2)', '(3)'],
        ['Lê Thị Hồng', 'Nữ', 'UBND xã Tân Lập'],
        ['Tổng cộng: 1 người'],
        ['Lý Văn Tư', 'Nam', 'UBND xã Tân Lập'],
      ]),
      people,
    );
    expect(table?.body.map((row) => row.cells[0])).toEqual(['Lê Thị Hồng']);
    expect(table?.notes).toEqual([
      { key: 'importNote.numberingRow', params: { row: 2 } },
      { key: 'importNote.footer', params: { row: 4, count: 2 } },
    ]);
  });

  it('tells the end of a table from a person whose position or note only looks like it', () => {
    expect(isFooterRow(['', 'NGƯỜI LẬP BIỂU', '', 'GIÁM ĐỐC'])).toBe(true);
    expect(isFooterRow(['Tân Biên, ngày 10 tháng 12 năm 2025'])).toBe(true);
    expect(isFooterRow(['Cộng'])).toBe(true);
    expect(isFooterRow(['', 'GIÁM ĐỐC'])).toBe(true);
    expect(isFooterRow(['3', 'Trần Văn Lộc', '1980', 'Giám đốc', 'Hợp tác xã Tân Lập'])).toBe(false);
    expect(isFooterRow(['4', 'Lê Văn Cộng', '1979', 'Cộng tác viên', 'UBND xã Tân Lập'])).toBe(false);
    expect(isFooterRow(['5', 'Võ Thị Lan', '1990', 'Tổ viên', 'QĐ 12 ngày 5 tháng 3 năm 2024'])).toBe(false);
  });

  it('a chosen row that is blank or outside the sheet gives no table', () => {
    expect(readTable(grid([['Họ và tên'], [], ['Lê Thị Hồng']]), people, 2)).toBeNull();
    expect(readTable(grid([['Họ và tên']]), people, 40)).toBeNull();
  });
});

describe('reading what offices write', () => {
  it('years of birth as years, text dates, date serials; anything else is not a year', () => {
    expect(['1975', '1975.0', '15/03/1982', '5-7-1985', '02.07.1985', '03/1978', '28199', '28199.5', ''].map(parseBirthYear)).toEqual([1975, 1975, 1982, 1985, 1985, 1978, 1977, 1977, null]);
    for (const text of ['19x0', '31/13/1980', '78', 'Nam', '1/1/80']) expect(parseBirthYear(text)).toBeNaN();
  });

  it('names in capitals or lower case get a capital per word; spaces are tidied; mixed case is kept', () => {
    expect(normalisePersonName('  NGUYỄN   VĂN ĐỨC ')).toBe('Nguyễn Văn Đức');
    expect(normalisePersonName('võ thị lan')).toBe('Võ Thị Lan');
    expect(normalisePersonName('Lê  Thị\tHồng')).toBe('Lê Thị Hồng');
    expect(normalisePersonName('Đặng Văn TÂM')).toBe('Đặng Văn TÂM');
    // Decomposed accents (as some old files hold them) are composed.
    expect(normalisePersonName('Nguye\u0302\u0303n')).toBe('Nguyễn');
  });
});

describe('a Word report as the report text', () => {
  it('maps the sections by their titles, whatever their numbering marks, and keeps lists and tables', () => {
    const result = reportFromBlocks('collective', [
      { type: 'paragraph', text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' },
      { type: 'paragraph', text: 'I. Sơ lược đặc điểm, tình hình' },
      { type: 'paragraph', text: 'Hội có 1.245 hội viên.' },
      { type: 'paragraph', text: 'II) Thành tích đạt được' },
      { type: 'item', ordered: false, level: 0, number: 1, text: 'Giao ban 12 buổi;' },
      { type: 'item', ordered: true, level: 1, number: 1, text: 'Kiểm tra 9 Tổ.' },
      { type: 'table', rows: [['Chỉ tiêu', 'Thực hiện'], ['Dư nợ', '42.350']] },
      { type: 'heading', text: 'Kiến nghị' },
    ]);
    expect(result.text).toBe(
      ['I. ĐẶC ĐIỂM, TÌNH HÌNH', 'Hội có 1.245 hội viên.', '', 'II. THÀNH TÍCH ĐẠT ĐƯỢC', '- Giao ban 12 buổi;', '  1. Kiểm tra 9 Tổ.', 'Chỉ tiêu | Thực hiện', 'Dư nợ | 42.350', '', 'Kiến nghị'].join('\n'),
    );
    expect(result.missing).toEqual(['III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC']);
    expect(result.notes).toEqual([{ key: 'wordNote.letterhead', params: { count: 1 } }]);
  });
});
