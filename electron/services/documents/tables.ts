import type { DocumentFile, PageTable } from '../../../shared/documents/outputs';
import { OUTCOME_WORDS } from '../../../shared/documents/common';
import type { TableBlock, TableCell } from '../../../shared/documents/model';
import { pointsText, decimalText } from '../../../shared/documents/vietnamese';
import type { NomineeGroup } from '../../../shared/domain/kinds';
import { messages } from '../../../shared/i18n';
import { translator } from '../../../shared/i18n/translator';
import { allocateIndividualQuota } from '../allocation';
import type { ServiceContext } from '../context';
import { readSetting } from '../../db/settings';
import { rankCampaign } from '../ranking';
import { MIME_TYPES } from './render';
import { tablesToXlsx } from './xlsx';

const head = (text: string): TableCell => ({ text, bold: true, align: 'center' });
const points = (hundredths: number): TableCell => ({ text: pointsText(hundredths), align: 'right', value: { hundredths } });
const count = (value: number): TableCell => ({ text: String(value), align: 'center', value: { count: value } });
const vi = translator('vi');

function rankingTable(context: ServiceContext, campaignYear: number, group: NomineeGroup): { table: TableBlock; title: string; stem: string } {
  const ranking = rankCampaign(context, campaignYear, group);
  const individual = group === 'individual';
  const table: TableBlock = {
    type: 'table',
    // An individual's unit is where they work; a collective is its own unit, so it has no such column.
    widths: individual ? [5, 24, 20, 14, 9, 9, 9, 7, 20] : [5, 36, 16, 9, 9, 9, 7, 20],
    header: [[head('Hạng'), head(individual ? 'Họ và tên' : 'Tên tập thể'), ...(individual ? [head('Đơn vị')] : []), head('Loại'), head('Tổng điểm'), head('Điểm tự chấm'), head('Phiếu chấm tính/đã chấm'), head('Đủ điều kiện'), head('Kết quả')]],
    rows: ranking.rows.map((row) => [
      { ...count(row.position), text: `${row.position}${row.tied > 0 ? '=' : ''}` },
      { text: row.personName ?? row.unitName },
      ...(individual ? [{ text: row.unitName }] : []),
      { text: messages.vi.kinds[row.nomineeKind as keyof typeof messages.vi.kinds] ?? row.nomineeKind },
      points(row.total),
      points(row.selfTotal),
      { text: `${row.counted}/${row.reviewers}`, align: 'center' },
      { text: row.eligible ? 'Đủ' : 'Không', align: 'center' },
      { text: OUTCOME_WORDS[row.outcome] },
    ]),
    size: 10,
    sheet: individual ? 'Xếp hạng cá nhân' : 'Xếp hạng tập thể',
  };
  const who = individual ? 'cá nhân' : 'tập thể';
  return { table, title: `Bảng xếp hạng ${who} năm ${campaignYear}`, stem: `xep-hang-${individual ? 'ca-nhan' : 'tap-the'}-${campaignYear}` };
}

function allocationTable(context: ServiceContext, campaignYear: number): { table: TableBlock; title: string; stem: string } {
  const report = allocateIndividualQuota(context, campaignYear);
  const table: TableBlock = {
    type: 'table',
    widths: [5, 30, 10, 12, 10, 10, 8, 30],
    header: [[head('STT'), head('Đơn vị'), head('Trọng số'), head('Phần chính xác'), head('Suất cơ bản'), head('Suất thêm'), head('Số suất'), head('Lý do')]],
    rows: report.allocation.lines.map((line, index) => [
      count(index + 1),
      { text: line.name },
      { ...count(line.weight), text: decimalText(line.weight, 2) },
      { text: decimalText(line.exactQuota, 3), align: 'right', value: { count: line.exactQuota } },
      count(line.baseSeats),
      count(line.extraSeats),
      count(line.seats),
      { text: line.reasons.map((note) => vi(note.key, note.params)).join(' ') },
    ]),
    size: 10,
    sheet: 'Phân bổ chỉ tiêu',
  };
  return { table, title: `Phân bổ chỉ tiêu cá nhân năm ${campaignYear} (${report.allocation.quota} suất)`, stem: `phan-bo-chi-tieu-${campaignYear}` };
}

export interface TableRequest {
  campaignYear: number;
  table: 'ranking' | 'allocation';
  group?: NomineeGroup | undefined;
}

/** The ranking or the allocation as one table: what its print view shows and its workbook holds. */
export function pageTable(context: ServiceContext, input: TableRequest): PageTable {
  const made = input.table === 'ranking' ? rankingTable(context, input.campaignYear, input.group ?? 'collective') : allocationTable(context, input.campaignYear);
  return { ...made, organisation: readSetting(context.db, 'organisationName') ?? '' };
}

/** The ranking or the allocation as a workbook, as the page shows it now ("Export to Excel"). */
export async function exportTable(context: ServiceContext, input: TableRequest): Promise<DocumentFile> {
  const made = pageTable(context, input);
  const content = await tablesToXlsx([made.table], { lines: [made.organisation.toLocaleUpperCase('vi'), made.title.toLocaleUpperCase('vi')], orientation: 'landscape' }, made.title);
  const fileName = `${made.stem}.xlsx`;
  return { fileName, mimeType: MIME_TYPES.xlsx, bytes: content.length, path: null, content: content.toString('base64') };
}
