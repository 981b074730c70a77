import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCX_TYPE } from '../../shared/domain/attachment';
import { schemeFor } from '../../shared/domain/campaign';
import { DOSSIER_LIMITS } from '../../shared/domain/dossier';
import { missingHeadings, REPORT_HEADINGS } from '../../shared/domain/report-template';
import { docxOf, docxParts, listItem, paragraph, table, zipParts } from '../support/docx';
import { setUpCore } from '../support/core';
import { commune, completeContent, databaseSnapshot } from './helpers';

/**
 * An office brings the achievement report it already wrote in Word: the dossier form reads it as the report's text,
 * with the branch's headings where the office's sections match them, for the person to confirm; the original is then
 * attached as evidence. Anything that is not a Word document, or is protected by a password, gets a clear message.
 */

type Installation = Awaited<ReturnType<typeof setUpCore>>;
const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/office/${name}`, import.meta.url));
const base64 = (bytes: Buffer): string => bytes.toString('base64');

describe('reading an achievement report from Word', () => {
  let installation: Installation;
  beforeEach(async () => {
    installation = await setUpCore();
  });
  afterEach(() => installation.close());

  const read = (content: Buffer, group: 'collective' | 'individual' = 'collective', fileName = 'Báo cáo thành tích.docx') =>
    installation.call('dossiers.reportFromWord', { group, fileName, content: base64(content) });
  const refusal = (content: Buffer, fileName = 'Báo cáo thành tích.docx') =>
    installation.errorOf('dossiers.reportFromWord', { group: 'collective', fileName, content: base64(content) });

  it('a report saved by LibreOffice as .docx becomes the report text: sections under the branch headings, lists and tables kept, the letterhead left out; nothing is written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const report = await read(fixture('bao-cao-thanh-tich.docx'));
    const headings = REPORT_HEADINGS.collective;
    expect(report.sections).toEqual([
      { heading: headings[0], found: 'I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH' },
      { heading: headings[1], found: 'II. THÀNH TÍCH ĐẠT ĐƯỢC' },
      { heading: headings[2], found: 'III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG' },
    ]);
    expect(report.missing).toEqual([]);
    expect(missingHeadings('collective', report.text)).toEqual([]);
    const lines = report.text.split('\n');
    expect(lines[0]).toBe('BÁO CÁO THÀNH TÍCH');
    expect(report.text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(report.text).not.toContain('Tân Biên, ngày 05 tháng 12 năm 2025');
    // Each section keeps its text, in order, under its heading (with a blank line before it).
    expect(report.text).toContain(`\n\n${headings[0]}\nHội Nông dân xã Tân Lập có 1.245 hội viên`);
    expect(lines).toContain('- Tổ chức 12 buổi giao ban với các Tổ trưởng Tổ TK&VV;');
    expect(lines).toContain('1. Phối hợp tuyên truyền chính sách tín dụng trên đài truyền thanh xã.');
    expect(lines).toContain('2. Vận động hội viên gửi tiết kiệm, số dư tiết kiệm tăng 18%.');
    expect(lines).toContain('Dư nợ ủy thác (triệu đồng) | 40.000 | 42.350');
    expect(lines).toContain('2024 | Giấy khen của Chủ tịch UBND huyện | 48/QĐ-UBND ngày 20/01/2025');
    expect(report.text.indexOf(headings[1] as string)).toBeLessThan(report.text.indexOf('Dư nợ ủy thác'));
    expect(report.text.indexOf(headings[2] as string)).toBeLessThan(report.text.indexOf('Giấy khen của Giám đốc Chi nhánh'));
    expect(report.notes).toEqual([
      { key: 'wordNote.letterhead', params: { count: 2 } },
      { key: 'wordNote.images', params: { count: 1 } },
    ]);
    expect(report.words).toBeGreaterThan(150);
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it("an individual's report is mapped to an individual's headings; a missing section is named", async () => {
    const body = [
      paragraph('BÁO CÁO THÀNH TÍCH CÁ NHÂN', { bold: true }),
      paragraph('I. Sơ lược lý lịch', { style: 'Heading1' }),
      paragraph('Họ và tên: Nguyễn Thị Hoa; năm sinh 1978; Tổ trưởng Tổ TK&VV ấp Phước Đức.'),
      paragraph('II - THÀNH TÍCH ĐẠT ĐƯỢC', { bold: true }),
      listItem('Tổ duy trì 100% tổ viên trả lãi đầy đủ.', 2),
      listItem('Không có nợ quá hạn.', 2, 1),
    ].join('');
    const report = await read(await docxOf(body), 'individual');
    expect(report.sections).toEqual([
      { heading: 'I. SƠ LƯỢC LÝ LỊCH', found: 'I. Sơ lược lý lịch' },
      { heading: 'II. THÀNH TÍCH ĐẠT ĐƯỢC', found: 'II - THÀNH TÍCH ĐẠT ĐƯỢC' },
    ]);
    expect(report.missing).toEqual(['III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC']);
    expect(report.text).toBe(
      ['BÁO CÁO THÀNH TÍCH CÁ NHÂN', '', 'I. SƠ LƯỢC LÝ LỊCH', 'Họ và tên: Nguyễn Thị Hoa; năm sinh 1978; Tổ trưởng Tổ TK&VV ấp Phước Đức.', '', 'II. THÀNH TÍCH ĐẠT ĐƯỢC', '1. Tổ duy trì 100% tổ viên trả lãi đầy đủ.', '  1. Không có nợ quá hạn.'].join(
        '\n',
      ),
    );
  });

  it('a title that only mentions achievements ("BÁO CÁO THÀNH TÍCH") is not taken for section II; a table cell spanning columns stays one cell', async () => {
    const body = [
      paragraph('BÁO CÁO THÀNH TÍCH', { style: 'Heading1' }),
      paragraph('Thành tích nổi bật của đơn vị trong năm.'),
      table([[{ text: 'Kết quả năm 2025', span: 2 }], ['Dư nợ', '42.350']]),
    ].join('');
    const report = await read(await docxOf(body));
    expect(report.sections).toEqual([]);
    expect(report.missing).toEqual(REPORT_HEADINGS.collective);
    expect(report.text).toBe('BÁO CÁO THÀNH TÍCH\nThành tích nổi bật của đơn vị trong năm.\nKết quả năm 2025\nDư nợ | 42.350');
  });

  it('an old Word document (.doc), a password-protected one, a workbook, a PDF or a damaged file each get their own message; nothing is written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['Báo cáo']);
    const docx = fixture('bao-cao-thanh-tich.docx');
    const cases: [string, Buffer, string][] = [
      ['Báo cáo.doc', fixture('bao-cao-thanh-tich.doc'), 'report.oldWord'],
      ['Báo cáo.docx', fixture('bao-cao-thanh-tich.doc'), 'report.oldWord'],
      ['Báo cáo.docx', fixture('bao-cao-mat-khau.docx'), 'report.encrypted'],
      ['Báo cáo.docx', Buffer.from(await workbook.xlsx.writeBuffer()), 'report.notWord'],
      ['Báo cáo.docx', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1'), 'report.notWord'],
      ['Báo cáo.docx', Buffer.from('Báo cáo thành tích năm 2025', 'utf8'), 'report.notWord'],
      ['Báo cáo.docx', docx.subarray(0, Math.floor(docx.length / 2)), 'report.damaged'],
      ['Báo cáo.docx', await docxOf(paragraph('  ')), 'report.empty'],
    ];
    for (const [fileName, bytes, code] of cases) {
      const error = await refusal(bytes, fileName);
      expect({ fileName, code: error.code, params: error.params }).toEqual({ fileName, code, params: { name: fileName } });
    }
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a document that unpacks to too much, has too many parts, or is too long for a report is refused before or after converting', async () => {
    // 80 MB of zeros in one part: a few kilobytes compressed, refused before mammoth unpacks anything.
    const bomb = await zipParts(docxParts(paragraph('I. Đặc điểm'), { 'word/media/padding.bin': Buffer.alloc(80 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toEqual({ code: 'report.tooLarge', params: { name: 'Báo cáo thành tích.docx', maximum: 64 } });
    const parts = Object.fromEntries(Array.from({ length: 2_100 }, (_unused, index) => [`customXml/item${index}.xml`, '<a/>']));
    expect((await refusal(await zipParts(docxParts(paragraph('Nội dung'), parts)))).code).toBe('report.tooLarge');
    const long = Array.from({ length: 600 }, (_unused, index) => paragraph(`Đoạn ${index + 1}: ${'Hội phối hợp chặt chẽ với Phòng giao dịch. '.repeat(2)}`)).join('');
    const tooLong = await refusal(await docxOf(long));
    expect(tooLong.code).toBe('report.tooLong');
    expect(tooLong.params?.maximum).toBe(DOSSIER_LIMITS.reportChars);
  });

  it('a call over its size limit is refused before it is read', async () => {
    const error = await installation.errorOf('dossiers.reportFromWord', { group: 'collective', fileName: 'x.docx', content: 'A'.repeat(30 * 1024 * 1024 + 1) });
    expect(error.code).toBe('call.tooLarge');
  });
});

describe('the original Word report as evidence', () => {
  let installation: Installation;
  let dossierId: string;
  beforeEach(async () => {
    installation = await setUpCore();
    const unit = await installation.call('units.create', commune('UBND xã Tân Lập'));
    const scheme = schemeFor(await installation.call('campaigns.get', { year: 2025 }), 'communePeoplesCommittee');
    if (!scheme) throw new Error('no collective scheme');
    dossierId = (await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId: unit.id, content: completeContent(scheme, 'communePeoplesCommittee') })).dossier.id;
  });
  afterEach(() => installation.close());

  it('a .docx is kept as a Word document, recognised by its parts and not by its name', async () => {
    const list = await installation.call('attachments.add', { dossierId, fileName: 'Báo cáo thành tích.docx', content: base64(fixture('bao-cao-thanh-tich.docx')) });
    expect(list.map((attachment) => [attachment.fileName, attachment.mimeType])).toEqual([['Báo cáo thành tích.docx', DOCX_TYPE]]);
    const read = await installation.call('attachments.read', { dossierId, sha256: list[0]?.sha256 ?? '' });
    expect(Buffer.from(read.content, 'base64').equals(fixture('bao-cao-thanh-tich.docx'))).toBe(true);
  });

  it('a workbook, an archive or a protected document named .docx is not taken for one', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['x']);
    const files = [Buffer.from(await workbook.xlsx.writeBuffer()), await zipParts({ 'word/document.xml': '<w:document/>' }), fixture('bao-cao-mat-khau.docx'), fixture('bao-cao-thanh-tich.doc')];
    for (const bytes of files) {
      const error = await installation.errorOf('attachments.add', { dossierId, fileName: 'Báo cáo.docx', content: base64(bytes) });
      expect(error).toEqual({ code: 'attachment.type', params: { name: 'Báo cáo.docx' } });
    }
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });
});
