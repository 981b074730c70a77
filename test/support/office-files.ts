import ExcelJS from 'exceljs';

/**
 * Files as Vietnamese offices make them, for the import tests and for the fixtures saved through LibreOffice
 * (scripts/office-fixtures.mjs): a people list with the bank's title block, the national title, the list's title, a
 * two-row header with "Năm sinh" split into "Nam" and "Nữ", a row of column numbers, totals and signatures; a list of
 * collectives on a second sheet, and a sheet of instructions; and a collective's achievement report.
 */

export const OFFICE_UNITS = ['UBND xã Tân Lập', 'Hội Nông dân xã Tân Lập', 'Hội Liên hiệp Phụ nữ xã Tân Lập'] as const;

/** Who is already registered before the list is imported: the list's namesake and its true duplicate refer to her. */
export const REGISTERED_PERSON = { fullName: 'Trần Thị Mai', birthYear: 1979, gender: 'female', position: 'Tổ trưởng', unit: 'UBND xã Tân Lập' } as const;

type Cell = string | number | Date | null;

/**
 * The people of the list, as the office typed them: a year under "Nam" or "Nữ" (a number, a text date, a real date,
 * a date serial typed as a number), names in capitals or with doubled spaces, one namesake, one true duplicate and one
 * row with both columns filled. `expected` is what the preview should make of each.
 */
export const OFFICE_PEOPLE: { cells: [string, Cell, Cell, string, string]; expected: { fullName: string; birthYear: string; gender: string; outcome: 'ok' | 'namesake' | 'exists' | 'genderBoth' } }[] = [
  { cells: ['NGUYỄN VĂN ĐỨC', 1975, null, 'Tổ trưởng Tổ TK&VV ấp Tân Đông', 'UBND xã Tân Lập'], expected: { fullName: 'Nguyễn Văn Đức', birthYear: '1975', gender: 'male', outcome: 'ok' } },
  { cells: ['Lê  Thị   Hồng', null, '15/03/1982', 'Chủ tịch Hội', 'Hội Nông dân xã Tân Lập'], expected: { fullName: 'Lê Thị Hồng', birthYear: '1982', gender: 'female', outcome: 'ok' } },
  { cells: ['Trần Thị Mai', null, new Date(Date.UTC(1985, 6, 2)), 'Hội viên', 'Hội Nông dân xã Tân Lập'], expected: { fullName: 'Trần Thị Mai', birthYear: '1985', gender: 'female', outcome: 'namesake' } },
  { cells: ['Phạm Văn Bình', 28199, null, 'Tổ trưởng Tổ TK&VV ấp Tân Tây', 'UBND xã Tân Lập'], expected: { fullName: 'Phạm Văn Bình', birthYear: '1977', gender: 'male', outcome: 'ok' } },
  { cells: ['võ thị lan', null, 1990, 'Tổ viên', 'Hội Liên hiệp Phụ nữ xã Tân Lập'], expected: { fullName: 'Võ Thị Lan', birthYear: '1990', gender: 'female', outcome: 'ok' } },
  { cells: ['Trần Thị Mai', null, 1979, 'Tổ trưởng', 'UBND xã Tân Lập'], expected: { fullName: 'Trần Thị Mai', birthYear: '1979', gender: 'female', outcome: 'exists' } },
  { cells: ['Đặng Văn Tâm', 1968, 1968, 'Tổ trưởng', 'UBND xã Tân Lập'], expected: { fullName: 'Đặng Văn Tâm', birthYear: '', gender: '', outcome: 'genderBoth' } },
];

/** Rows of the people sheet: the title block is rows 1–2, the list's title row 4, titles rows 6–7, column numbers row 8. */
export const PEOPLE_LAYOUT = { titleRow: 4, headerRow: 6, subheaderRow: 7, numberingRow: 8, firstRow: 9 } as const;

const THIN = { style: 'thin' } as const;

function title(sheet: ExcelJS.Worksheet, range: string, text: string, font: Partial<ExcelJS.Font> = {}): void {
  sheet.mergeCells(range);
  const cell = sheet.getCell(range.split(':')[0] as string);
  cell.value = text;
  cell.font = { name: 'Times New Roman', size: 12, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** The people sheet, laid out the way offices lay out their lists. */
function peopleSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('DS cá nhân');
  sheet.columns = [{ width: 6 }, { width: 28 }, { width: 10 }, { width: 10 }, { width: 34 }, { width: 30 }, { width: 14 }];
  title(sheet, 'A1:C1', 'NGÂN HÀNG CHÍNH SÁCH XÃ HỘI');
  title(sheet, 'A2:C2', 'PGD NHCSXH HUYỆN TÂN BIÊN', { bold: true });
  title(sheet, 'E1:G1', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  title(sheet, 'E2:G2', 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true });
  title(sheet, 'A4:G4', 'DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025', { bold: true, size: 14 });
  const header = PEOPLE_LAYOUT.headerRow;
  const sub = PEOPLE_LAYOUT.subheaderRow;
  for (const [column, text] of [['A', 'STT'], ['B', 'Họ và tên'], ['E', 'Chức vụ'], ['F', 'Đơn vị công tác'], ['G', 'Ghi chú']] as const) {
    title(sheet, `${column}${header}:${column}${sub}`, text, { bold: true });
  }
  title(sheet, `C${header}:D${header}`, 'Năm sinh', { bold: true });
  for (const [column, text] of [['C', 'Nam'], ['D', 'Nữ']] as const) {
    const cell = sheet.getCell(`${column}${sub}`);
    cell.value = text;
    cell.font = { name: 'Times New Roman', size: 12, bold: true };
    cell.alignment = { horizontal: 'center' };
  }
  sheet.getRow(PEOPLE_LAYOUT.numberingRow).values = ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'];
  OFFICE_PEOPLE.forEach(({ cells }, index) => {
    const row = sheet.getRow(PEOPLE_LAYOUT.firstRow + index);
    row.values = [index + 1, ...cells.map((cell) => cell ?? undefined)];
    const born = row.getCell(cells[1] instanceof Date ? 3 : 4);
    if (born.value instanceof Date) born.numFmt = 'dd/mm/yyyy';
    if (cells[2] instanceof Date) row.getCell(4).numFmt = 'dd/mm/yyyy';
  });
  const last = PEOPLE_LAYOUT.firstRow + OFFICE_PEOPLE.length - 1;
  for (let row = header; row <= last; row += 1) {
    for (let column = 1; column <= 7; column += 1) sheet.getCell(row, column).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  }
  const total = last + 1;
  title(sheet, `A${total}:B${total}`, 'Tổng cộng', { bold: true });
  sheet.getCell(`C${total}`).value = { formula: `COUNT(C${PEOPLE_LAYOUT.firstRow}:C${last})`, result: 3 };
  sheet.getCell(`D${total}`).value = { formula: `COUNT(D${PEOPLE_LAYOUT.firstRow}:D${last})`, result: 4 };
  title(sheet, `E${total + 2}:G${total + 2}`, 'Tân Biên, ngày 10 tháng 12 năm 2025', { italic: true });
  title(sheet, `A${total + 3}:C${total + 3}`, 'NGƯỜI LẬP BIỂU', { bold: true });
  title(sheet, `E${total + 3}:G${total + 3}`, 'GIÁM ĐỐC', { bold: true });
  title(sheet, `A${total + 4}:C${total + 4}`, '(Ký, ghi rõ họ tên)', { italic: true });
  title(sheet, `A${total + 7}:C${total + 7}`, 'Nguyễn Thị Thu');
  title(sheet, `E${total + 7}:G${total + 7}`, 'Lê Văn Hùng', { bold: true });
}

/** The collectives on a sheet of their own, with a one-row header, so each register finds its own sheet. */
function unitsSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('DS tập thể');
  title(sheet, 'A1:E1', 'DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025', { bold: true });
  sheet.getRow(3).values = ['STT', 'Tên đơn vị', 'Loại đơn vị', 'Xã/phường', 'Phòng giao dịch'];
  sheet.getRow(4).values = [1, 'Đoàn Thanh niên xã Tân Lập', 'Đoàn Thanh niên', 'xã Tân Lập', ''];
  sheet.getRow(5).values = [2, 'Hội Cựu chiến binh xã Tân Lập', 'Hội Cựu chiến binh', 'xã Tân Lập', ''];
}

/** The workbook an office keeps: instructions first, then its lists. */
export async function officeWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PGD NHCSXH huyện Tân Biên';
  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.getCell('A1').value = 'Ghi năm sinh vào cột Nam hoặc cột Nữ tùy theo giới tính.';
  guide.getCell('A2').value = 'Không sửa tiêu đề cột.';
  peopleSheet(workbook);
  unitsSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A collective's achievement report as an office writes it, in HTML that LibreOffice turns into a Word document: the
 * letterhead table, the title, the three sections in the office's own words (I as bold text, II and III as headings),
 * a bulleted and a numbered list, a table of figures, and a small photo.
 */
export const OFFICE_REPORT_HTML = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo thành tích</title></head><body>
<table width="100%"><tr>
<td><p align="center">NGÂN HÀNG CHÍNH SÁCH XÃ HỘI<br><b>PGD NHCSXH HUYỆN TÂN BIÊN</b></p></td>
<td><p align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b><u>Độc lập - Tự do - Hạnh phúc</u></b></p></td>
</tr></table>
<p align="right"><i>Tân Biên, ngày 05 tháng 12 năm 2025</i></p>
<p align="center"><b>BÁO CÁO THÀNH TÍCH</b></p>
<p align="center"><b>Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025</b></p>
<p>Tên tập thể: Hội Nông dân xã Tân Lập, huyện Tân Biên, tỉnh Tây Ninh.</p>
<p><b>I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH</b></p>
<p>Hội Nông dân xã Tân Lập có 1.245 hội viên, sinh hoạt tại 12 chi hội; Hội nhận ủy thác cho vay vốn tín dụng chính sách qua 9 Tổ tiết kiệm và vay vốn với tổng dư nợ 42.350 triệu đồng.</p>
<p>Ban Thường vụ Hội phân công cán bộ phụ trách từng Tổ, phối hợp chặt chẽ với Phòng giao dịch trong bình xét cho vay, đôn đốc thu nợ và giao ban định kỳ tại Điểm giao dịch xã.</p>
<h2>II. THÀNH TÍCH ĐẠT ĐƯỢC</h2>
<p>Trong năm 2025, Hội đã thực hiện tốt các nhiệm vụ được ủy thác:</p>
<ul>
<li>Tổ chức 12 buổi giao ban với các Tổ trưởng Tổ TK&amp;VV;</li>
<li>Kiểm tra 100% số Tổ TK&amp;VV, không phát hiện sai phạm;</li>
<li>Tỷ lệ nợ quá hạn giảm còn 0,08%.</li>
</ul>
<ol>
<li>Phối hợp tuyên truyền chính sách tín dụng trên đài truyền thanh xã.</li>
<li>Vận động hội viên gửi tiết kiệm, số dư tiết kiệm tăng 18%.</li>
</ol>
<table border="1">
<tr><th>Chỉ tiêu</th><th>Kế hoạch</th><th>Thực hiện</th></tr>
<tr><td>Dư nợ ủy thác (triệu đồng)</td><td>40.000</td><td>42.350</td></tr>
<tr><td>Nợ quá hạn (%)</td><td>0,15</td><td>0,08</td></tr>
</table>
<p><img alt="Ảnh buổi giao ban" width="40" height="20" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEElEQVR4nGOQi1oARwzIHABtygjBkbWLvgAAAABJRU5ErkJggg=="></p>
<h2>III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG</h2>
<table border="1">
<tr><th>Năm</th><th>Hình thức khen thưởng</th><th>Số, ngày của quyết định</th></tr>
<tr><td>2023</td><td>Giấy khen của Giám đốc Chi nhánh</td><td>125/QĐ-NHCS ngày 15/01/2024</td></tr>
<tr><td>2024</td><td>Giấy khen của Chủ tịch UBND huyện</td><td>48/QĐ-UBND ngày 20/01/2025</td></tr>
</table>
<p align="center"><b>XÁC NHẬN CỦA UBND XÃ TÂN LẬP</b></p>
</body></html>
`;
