import type { RoundResult, RoundRow } from '../contract/calls';
import { COUNCIL_POSITIONS, type CouncilMember } from '../domain/council';
import type { Gender } from '../domain/person';
import type { Criterion, Scheme } from '../scoring/types';
import {
  approvalText,
  commonValues,
  councilSigner,
  draftMark,
  letterhead,
  nomineeName,
  OUTCOME_WORDS,
  outcomeText,
  part,
  reasonsText,
  schemeKey,
  typeAndSubject,
  type DocumentSource,
} from './common';
import { body, centred, paragraph, SIZES, text, type DocumentBlock, type DocumentModel, type TableBlock, type TableCell } from './model';
import { decimalText, fileSlug, percentText, pointsText, shortDate, timeInWords } from './vietnamese';
import { fill, lines } from './wording';

const GENDER_WORDS: Record<Gender, string> = { female: 'Nữ', male: 'Nam' };
const POSITION_WORDS: Record<CouncilMember['position'], string> = { chair: 'Chủ tịch Hội đồng', viceChair: 'Phó Chủ tịch Hội đồng', secretary: 'Thư ký Hội đồng', member: 'Ủy viên' };

const cell = (value: string, options: Omit<TableCell, 'text'> = {}): TableCell => ({ text: value, ...options });
const head = (value: string): TableCell => cell(value, { bold: true, align: 'center' });
const points = (hundredths: number): TableCell => cell(pointsText(hundredths), { align: 'right', value: { hundredths } });
const count = (value: number): TableCell => cell(String(value), { align: 'center', value: { count: value } });

/** Paragraphs of a part, each as body text (or italic for the "Căn cứ" lines). */
function bodyLines(template: string, values: Record<string, string | number>, style: { italic?: boolean; bold?: boolean } = {}): DocumentBlock[] {
  return lines(template, values).map((line) => body(line, style));
}

/** A section heading ("I. THÀNH PHẦN THAM DỰ"): bold, flush with the body's indent. */
function heading(value: string): DocumentBlock {
  return paragraph([text(value, { bold: true })], { align: 'justify', indent: true, size: SIZES.body, before: 6, after: 6 });
}

/** Where a row comes from in the lists: an individual's position and unit, a collective's office. */
function positionAndUnit(row: RoundRow): string {
  if (row.person) return [row.person.position, row.unitName].filter((value) => value.trim() !== '').join(', ');
  return row.officeName && row.officeName !== row.unitName ? row.officeName : '';
}

function proposedRows(result: RoundResult): RoundRow[] {
  const selected = new Set(result.selection.selected);
  return result.rows.filter((row) => selected.has(row.dossierId));
}

/** The ids a decided tie was between, read back from its subject ("scope:a,b|places"): a settled tie leaves the selection. */
function tiedIds(subject: string): string[] {
  const ids = subject.split('|')[0] ?? '';
  return ids.slice(ids.lastIndexOf(':') + 1).split(',').filter((id) => id !== '');
}

/** The list of nominees proposed (attached to the submission, and on its own). */
function nomineeTable(result: RoundResult): TableBlock {
  const individual = result.group === 'individual';
  const header = individual
    ? [[head('STT'), head('Họ và tên'), head('Giới tính'), head('Năm sinh'), head('Chức vụ, đơn vị công tác'), head('Tổng điểm'), head('Ghi chú')]]
    : [[head('STT'), head('Tên tập thể'), head('Thuộc'), head('Tổng điểm'), head('Ghi chú')]];
  const rows = proposedRows(result).map((row, index) => {
    const decided = result.decisions.some((decision) => decision.chosen.includes(row.dossierId));
    const note = decided ? 'Hội đồng chọn khi bằng điểm' : '';
    return individual
      ? [
          cell(String(index + 1), { align: 'center' }),
          cell(nomineeName(row)),
          cell(row.person ? GENDER_WORDS[row.person.gender] : '', { align: 'center' }),
          cell(row.person?.birthYear ? String(row.person.birthYear) : '', { align: 'center' }),
          cell(positionAndUnit(row)),
          points(row.total),
          cell(note),
        ]
      : [cell(String(index + 1), { align: 'center' }), cell(nomineeName(row)), cell(positionAndUnit(row)), points(row.total), cell(note)];
  });
  return { type: 'table', widths: individual ? [7, 26, 7, 8, 30, 10, 12] : [7, 39, 26, 12, 16], header, rows, size: SIZES.table, sheet: individual ? 'Danh sách cá nhân' : 'Danh sách tập thể' };
}

function submission(source: DocumentSource): DocumentModel {
  const { result, other, wording } = source;
  const rounds = [result, other].filter((value): value is RoundResult => value !== null).sort((a, b) => a.round - b.round);
  const collectives = rounds.find((entry) => entry.group === 'collective');
  const individuals = rounds.find((entry) => entry.group === 'individual');
  const values = {
    ...commonValues(source),
    so_tap_the: collectives?.selection.selected.length ?? 0,
    so_ca_nhan: individuals?.selection.selected.length ?? 0,
    so_ho_so_tap_the: collectives?.rows.length ?? 0,
    so_ho_so_ca_nhan: individuals?.rows.length ?? 0,
  };
  const lists: DocumentBlock[] = rounds.flatMap((entry, index) => [
    ...(index === 0 ? [{ ...letterhead(source), number: null, pageBreakBefore: true }] : []),
    paragraph([text(fill(part(wording, entry.group === 'collective' ? 'danh_sach_tap_the' : 'danh_sach_ca_nhan'), values), { bold: true })], {
      align: 'center',
      size: SIZES.type,
      before: index === 0 ? 18 : 12,
      pageBreakBefore: false,
    }),
    paragraph([text(fill(part(wording, 'danh_sach_phu_de'), values), { italic: true })], { align: 'center', size: SIZES.date, after: 8 }),
    nomineeTable(entry),
  ]);
  return {
    kind: 'submission',
    fileStem: `to-trinh-${result.campaignYear}`,
    title: `Tờ trình đề nghị khen thưởng năm ${result.campaignYear}`,
    orientation: 'portrait',
    draft: source.draft,
    blocks: [
      ...draftMark(source),
      letterhead(source),
      ...typeAndSubject(fill(part(wording, 'loai'), values), fill(part(wording, 'trich_yeu'), values)),
      paragraph([text(fill(part(wording, 'kinh_gui'), values))], { align: 'center', size: SIZES.body, after: 12 }),
      ...bodyLines(part(wording, 'can_cu'), values, { italic: true }),
      ...bodyLines(part(wording, 'noi_dung'), values),
      ...bodyLines(part(wording, 'de_nghi'), values),
      ...bodyLines(part(wording, 'kem_theo'), values, { italic: true }),
      ...bodyLines(part(wording, 'ket_thuc'), values),
      { type: 'signature', recipients: lines(part(wording, 'noi_nhan'), values), left: null, right: councilSigner(source) },
      ...lists,
    ],
  };
}

function memberLine(member: CouncilMember): string {
  return [member.fullName, member.title || POSITION_WORDS[member.position]].filter((value) => value !== '').join(', ');
}

function minutes(source: DocumentSource): DocumentModel {
  const { result, wording } = source;
  const meeting = result.meeting;
  const members = [...result.members].sort((a, b) => COUNCIL_POSITIONS.indexOf(a.position) - COUNCIL_POSITIONS.indexOf(b.position) || a.sort - b.sort);
  const byId = new Map(members.map((member) => [member.id, member]));
  const presence = new Map(meeting?.attendance.map((entry) => [entry.memberId, entry.presence]) ?? []);
  const chair = meeting?.chairMemberId ? byId.get(meeting.chairMemberId) : undefined;
  const secretary = meeting?.secretaryMemberId ? byId.get(meeting.secretaryMemberId) : undefined;
  const absent = members.filter((member) => presence.get(member.id) !== 'present').length;
  const base = result.council.approvalBase === 'allMembers' ? result.quorum.members : result.quorum.present + result.quorum.writtenVotes;
  const values = {
    ...commonValues(source),
    gio_bat_dau: timeInWords(meeting?.startsAt ?? ''),
    gio_ket_thuc: timeInWords(meeting?.endsAt ?? ''),
    dia_diem: meeting?.place || '…',
    chu_toa: chair ? memberLine(chair) : '…',
    thu_ky: secretary ? memberLine(secretary) : '…',
    tong_thanh_vien: result.quorum.members,
    co_mat: result.quorum.present,
    vang_mat: absent,
    van_ban: result.quorum.writtenVotes,
    can_co_mat: result.quorum.needed,
    du_dieu_kien: result.quorum.reached ? 'cuộc họp đủ điều kiện tiến hành' : 'cuộc họp không đủ điều kiện biểu quyết',
    hinh_thuc: result.council.ballot === 'secret' ? 'bỏ phiếu kín' : 'biểu quyết công khai',
    nguong: approvalText(result),
    co_so_nguong: result.council.approvalBase === 'allMembers' ? 'tổng số thành viên Hội đồng' : 'số thành viên tham gia biểu quyết',
  };
  const attendance = members.map((member, index) => {
    const state = presence.get(member.id);
    const how = state === 'present' ? 'có mặt' : state === 'writtenVote' ? 'vắng mặt, gửi phiếu bằng văn bản' : 'vắng mặt';
    return paragraph([text(`${index + 1}. ${member.fullName} — ${member.title || POSITION_WORDS[member.position]} (${POSITION_WORDS[member.position]}): ${how}.`)], {
      align: 'justify',
      indent: true,
      size: SIZES.body,
      after: 2,
    });
  });
  const ballots: TableBlock = {
    type: 'table',
    widths: [7, 24, 9, 8, 8, 10, 10, 8, 16],
    header: [[head('Hạng'), head(result.group === 'individual' ? 'Họ và tên' : 'Tên tập thể'), head('Tổng điểm'), head('Phiếu chấm'), head('Đồng ý'), head('Không đồng ý'), head('Không ý kiến'), head('Tỷ lệ đồng ý'), head('Kết quả')]],
    rows: result.rows.map((row) => [
      cell(`${row.position}${row.tied > 0 ? '=' : ''}`, { align: 'center' }),
      cell(nomineeName(row)),
      points(row.total),
      cell(row.source === 'self' ? 'tự chấm' : `${row.counted}/${row.reviewers}`, { align: 'center' }),
      row.ballotCounts ? count(row.ballotCounts.votesFor) : cell('—', { align: 'center' }),
      row.ballotCounts ? count(row.ballotCounts.votesAgainst) : cell('—', { align: 'center' }),
      row.ballotCounts ? count(row.ballotCounts.abstentions) : cell('—', { align: 'center' }),
      cell(row.ballotCounts ? percentText(row.ballotCounts.votesFor, base) : '—', { align: 'center' }),
      cell(outcomeText(row, source.schemes)),
    ]),
    size: 11,
    sheet: 'Biểu quyết',
  };
  const names = new Map(result.rows.map((row) => [row.dossierId, nomineeName(row)]));
  const allocationDecision = result.allocation?.tie?.decision ?? null;
  const officeNames = new Map(result.allocation?.allocation.lines.map((line) => [line.id, line.name]) ?? []);
  const decisions = [
    ...result.decisions.map((decision) => {
      const tied = result.selection.ties.find((tie) => tie.subject === decision.subject)?.ids ?? tiedIds(decision.subject);
      return `- ${tied.map((id) => names.get(id) ?? id).join(', ')} bằng điểm; Hội đồng chọn ${decision.chosen.map((id) => names.get(id) ?? id).join(', ')}. Lý do: ${decision.reason}`;
    }),
    ...(allocationDecision
      ? [`- Phân bổ chỉ tiêu cá nhân: ${(result.allocation?.tie?.ids ?? []).map((id) => officeNames.get(id) ?? id).join(', ')} bằng nhau ở suất cuối; Hội đồng chọn ${allocationDecision.chosen.map((id) => officeNames.get(id) ?? id).join(', ')}. Lý do: ${allocationDecision.reason}`]
      : []),
  ];
  const proposed = proposedRows(result).map((row, index) => body(`${index + 1}. ${nomineeName(row)}${row.person ? ` (${positionAndUnit(row)})` : ''}: ${pointsText(row.total)} điểm.`));
  const signer = (member: CouncilMember | undefined, title: string) => ({ capacity: '', title, name: member?.fullName ?? '' });
  return {
    kind: 'minutes',
    fileStem: `bien-ban-vong-${result.round}-${result.campaignYear}`,
    title: `Biên bản họp Hội đồng, vòng ${result.round}, năm ${result.campaignYear}`,
    orientation: 'portrait',
    draft: source.draft,
    blocks: [
      ...draftMark(source),
      letterhead(source),
      ...typeAndSubject(fill(part(wording, 'loai'), values), fill(part(wording, 'trich_yeu'), values)),
      ...bodyLines(part(wording, 'mo_dau'), values),
      heading(fill(part(wording, 'thanh_phan'), values)),
      ...bodyLines(part(wording, 'chu_tri'), values),
      ...bodyLines(part(wording, 'danh_sach_co_mat'), values),
      ...attendance,
      ...bodyLines(part(wording, 'so_luong'), values),
      heading(fill(part(wording, 'noi_dung'), values)),
      ...bodyLines(part(wording, 'nguyen_tac'), values),
      ...bodyLines(part(wording, 'xem_xet'), values),
      ballots,
      ...(decisions.length > 0 ? [...bodyLines(part(wording, 'bang_diem'), values), ...decisions.map((line) => body(line))] : bodyLines(part(wording, 'khong_bang_diem'), values)),
      ...(meeting?.notes.trim() ? meeting.notes.split('\n').filter((line) => line.trim() !== '').map((line) => body(line)) : []),
      heading(fill(part(wording, 'ket_qua'), values)),
      ...bodyLines(part(wording, 'ket_luan'), values),
      ...proposed,
      ...bodyLines(part(wording, 'ket_thuc'), values),
      { type: 'signature', recipients: null, left: signer(secretary, 'THƯ KÝ'), right: signer(chair, 'CHỦ TỌA') },
    ],
  };
}

function list(source: DocumentSource): DocumentModel {
  const { result, wording } = source;
  const values = commonValues(source);
  return {
    kind: 'list',
    fileStem: `danh-sach-${result.group === 'collective' ? 'tap-the' : 'ca-nhan'}-${result.campaignYear}`,
    title: `Danh sách ${values.doi_tuong} đề nghị khen thưởng năm ${result.campaignYear}`,
    orientation: 'portrait',
    draft: source.draft,
    blocks: [
      ...draftMark(source),
      letterhead(source, false),
      paragraph([text(fill(part(wording, 'tieu_de'), values), { bold: true })], { align: 'center', size: SIZES.type, before: 18 }),
      paragraph([text(fill(part(wording, 'phu_de'), values), { italic: true })], { align: 'center', size: SIZES.date, after: 8 }),
      nomineeTable(result),
      paragraph([text(fill(part(wording, 'cuoi'), values), { italic: true })], { align: 'left', size: 12, before: 6 }),
      { type: 'signature', recipients: null, left: null, right: councilSigner(source) },
    ],
  };
}

/** The criteria a round's score table has a column for: the top-level and bonus criteria of the schemes its rows use. */
function criteriaColumns(result: RoundResult, schemes: ReadonlyMap<string, Scheme>): { id: string; code: string; label: string }[] {
  const columns = new Map<string, { label: string; max: number; bonus: boolean }>();
  for (const row of result.rows) {
    const scheme = schemes.get(schemeKey(row.schemeId, row.schemeVersion));
    const criteria: [Criterion, boolean][] = scheme ? [...scheme.criteria.map((entry): [Criterion, boolean] => [entry, false]), ...scheme.bonus.criteria.map((entry): [Criterion, boolean] => [entry, true])] : [];
    for (const [criterion, bonus] of criteria) if (!columns.has(criterion.id)) columns.set(criterion.id, { label: criterion.label.vi, max: criterion.max, bonus });
  }
  // Short column titles ("TC1", "Thưởng 1") keep the table readable; the legend under it names each criterion.
  let main = 0;
  let extra = 0;
  return [...columns].map(([id, entry]) => {
    const code = entry.bonus ? `Thưởng ${(extra += 1)}` : `TC${(main += 1)}`;
    return { id, code, label: `${code}: ${entry.label} (tối đa ${pointsText(entry.max)})` };
  });
}

function scores(source: DocumentSource): DocumentModel {
  const { result, wording } = source;
  const values = commonValues(source);
  const criteria = criteriaColumns(result, source.schemes);
  const table: TableBlock = {
    type: 'table',
    widths: [5.5, 15, 13, ...criteria.map(() => 8.5), 7, 5, 12, 6],
    header: [[head('STT'), head(result.group === 'individual' ? 'Họ và tên' : 'Tên tập thể'), head('Phòng giao dịch'), ...criteria.map((criterion) => head(criterion.code)), head('Tổng điểm'), head('Đủ ĐK'), head('Lý do / kết quả'), head('Hạng')]],
    rows: result.rows.map((row, index) => [
      cell(String(index + 1), { align: 'center' }),
      cell(nomineeName(row)),
      cell(row.officeName),
      ...criteria.map((criterion) => (row.points[criterion.id] === undefined ? cell('') : points(row.points[criterion.id] as number))),
      points(row.total),
      cell(row.eligible ? 'Đủ' : 'Không', { align: 'center' }),
      cell(row.eligible ? OUTCOME_WORDS[row.outcome] : reasonsText(row, source.schemes) || OUTCOME_WORDS.notEligible),
      cell(`${row.position}${row.tied > 0 ? '=' : ''}`, { align: 'center', value: { count: row.position } }),
    ]),
    size: SIZES.wideTable,
    sheet: 'Bảng tổng hợp điểm',
  };
  return {
    kind: 'scores',
    fileStem: `bang-tong-hop-diem-vong-${result.round}-${result.campaignYear}`,
    title: `Bảng tổng hợp điểm, vòng ${result.round}, năm ${result.campaignYear}`,
    orientation: 'landscape',
    draft: source.draft,
    blocks: [
      ...draftMark(source),
      letterhead(source, false),
      paragraph([text(fill(part(wording, 'tieu_de'), values), { bold: true })], { align: 'center', size: SIZES.type, before: 12 }),
      paragraph([text(fill(part(wording, 'phu_de'), values), { italic: true })], { align: 'center', size: SIZES.date, after: 8 }),
      table,
      paragraph([text(fill(part(wording, 'ghi_chu'), values), { italic: true })], { align: 'justify', size: 11, before: 6 }),
      ...criteria.map((criterion) => paragraph([text(criterion.label)], { align: 'left', size: 10, after: 0 })),
      { type: 'signature', recipients: null, left: null, right: councilSigner(source) },
    ],
  };
}

/** An indicator's value as the report prints it. */
function indicatorText(value: number | boolean | null | undefined, decimals: number): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  return decimalText(value, decimals);
}

function report(source: DocumentSource): DocumentModel {
  const { result, wording } = source;
  const nominee = source.nominee;
  if (!nominee) throw new Error('report without a nominee');
  const { dossier, awards } = nominee;
  const row = result.rows.find((candidate) => candidate.dossierId === dossier.id);
  const name = dossier.personName ?? dossier.unitName;
  const values = { ...commonValues(source), ten_doi_tuong: name, don_vi: dossier.unitName };
  const scheme = source.schemes.get(schemeKey(dossier.schemeId, dossier.schemeVersion));
  const particulars: DocumentBlock[] = row?.person
    ? [
        body(`- Họ và tên: ${name}. Giới tính: ${GENDER_WORDS[row.person.gender]}.`),
        body(`- Năm sinh: ${row.person.birthYear ?? '…'}.`),
        body(`- Đơn vị công tác: ${dossier.unitName}.`),
        body(`- Chức vụ: ${row.person.position || '…'}.`),
      ]
    : [];
  // The office's own report, as written: its Roman-numbered titles stay titles; an individual's particulars go under
  // its first section (the curriculum vitae), or under a heading of their own when the report has none.
  const written = dossier.content.report
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const firstTitle = written.findIndex((line) => /^[IVX]+\.\s/.test(line));
  const reportText: DocumentBlock[] = written.flatMap((line, index) => {
    const block = /^[IVX]+\.\s/.test(line) ? heading(line.toLocaleUpperCase('vi')) : body(line);
    return index === firstTitle && /LÝ LỊCH/i.test(line) ? [block, ...particulars] : [block];
  });
  if (particulars.length > 0 && !(firstTitle >= 0 && /LÝ LỊCH/i.test(written[firstTitle] ?? ''))) reportText.unshift(heading(fill(part(wording, 'ly_lich'), values)), ...particulars);
  const indicators: TableBlock | null = scheme
    ? {
        type: 'table',
        widths: [6, 62, 32],
        header: [[head('STT'), head('Chỉ tiêu'), head('Số liệu')]],
        rows: scheme.indicators.map((indicator, index) => [cell(String(index + 1), { align: 'center' }), cell(indicator.label.vi), cell(indicatorText(dossier.content.indicators[indicator.key], indicator.decimals), { align: 'right' })]),
        size: SIZES.table,
        sheet: 'Số liệu',
      }
    : null;
  const criteria = scheme ? [...scheme.criteria, ...scheme.bonus.criteria] : [];
  const pointsTable: TableBlock | null =
    row && scheme
      ? {
          type: 'table',
          widths: [6, 62, 16, 16],
          header: [[head('STT'), head('Tiêu chí'), head('Điểm tối đa'), head('Điểm đạt')]],
          rows: [
            ...criteria.map((criterion, index) => [cell(String(index + 1), { align: 'center' }), cell(criterion.label.vi), points(criterion.max), row.points[criterion.id] === undefined ? cell('—') : points(row.points[criterion.id] as number)]),
            [cell(''), cell('Tổng điểm', { bold: true }), cell(''), { ...points(row.total), bold: true }],
          ],
          size: SIZES.table,
          sheet: 'Điểm',
        }
      : null;
  const history: TableBlock | null =
    awards.length > 0
      ? {
          type: 'table',
          widths: [10, 45, 45],
          header: [[head('Năm'), head('Hình thức khen thưởng'), head('Số, ngày quyết định; cơ quan ban hành')]],
          rows: awards.map((award) => [
            cell(String(award.campaignYear), { align: 'center' }),
            cell(award.stage === 'proposed' ? `${award.title} (đã đề nghị)` : award.title),
            cell([award.decisionNumber, award.decisionDate ? shortDate(award.decisionDate) : '', award.issuer].filter((value) => value !== '').join('; ')),
          ]),
          size: SIZES.table,
          sheet: 'Khen thưởng',
        }
      : null;
  const totals = row ? body(`Tổng điểm: ${pointsText(row.total)} điểm (${row.source === 'self' ? 'điểm tự chấm' : 'điểm bình quân các phiếu chấm của Hội đồng'}); xếp hạng ${row.position} trong ${result.rows.length} hồ sơ; kết quả: ${outcomeText(row, source.schemes).toLocaleLowerCase('vi')}.`) : null;
  return {
    kind: 'report',
    fileStem: `bao-cao-thanh-tich-${fileSlug(name)}-${result.campaignYear}`,
    title: `Báo cáo thành tích: ${name}`,
    orientation: 'portrait',
    draft: source.draft,
    blocks: [
      ...draftMark(source),
      { ...letterhead(source, false), parentOrgan: dossier.personName ? dossier.unitName.toLocaleUpperCase('vi') : '', organ: dossier.personName ? '' : dossier.unitName.toLocaleUpperCase('vi') },
      paragraph([text(fill(part(wording, 'tieu_de'), values), { bold: true })], { align: 'center', size: SIZES.type, before: 18 }),
      ...lines(part(wording, 'phu_de'), values).map((line) => centred(line, { bold: true })),
      paragraph([], { align: 'center', size: 6, after: 6, rule: true }),
      centred(name, { bold: true }),
      paragraph([text(dossier.personName ? dossier.unitName : '', { italic: true })], { align: 'center', size: SIZES.body, after: 12 }),
      ...reportText,
      heading(fill(part(wording, 'so_lieu'), values)),
      ...(indicators ? [indicators] : []),
      ...(pointsTable ? [paragraph([], { size: 6 }), pointsTable] : []),
      ...(totals ? [totals] : []),
      ...(history ? [heading(fill(part(wording, 'khen_thuong'), values)), history] : []),
      {
        type: 'signature',
        recipients: null,
        left: { capacity: '', title: fill(part(wording, 'ky_trai'), values), name: '', note: '(Ký, đóng dấu)' },
        right: { capacity: '', title: fill(part(wording, 'ky_phai'), values), name: '', note: '(Ký, ghi rõ họ tên)' },
      },
    ],
  };
}

function notice(source: DocumentSource): DocumentModel {
  const { result, wording } = source;
  const rows = result.rows.filter((row) => row.officeId === source.officeId);
  const officeName = rows[0]?.officeName ?? result.seats?.find((seat) => seat.id === source.officeId)?.name ?? '';
  const selected = new Set(result.selection.selected);
  const values = { ...commonValues(source), phong_giao_dich: officeName, so_ho_so_don_vi: rows.length, so_de_nghi_don_vi: rows.filter((row) => selected.has(row.dossierId)).length };
  const table: TableBlock = {
    type: 'table',
    widths: [7, 33, 12, 10, 38],
    header: [[head('STT'), head(result.group === 'individual' ? 'Họ và tên' : 'Tên tập thể'), head('Tổng điểm'), head('Xếp hạng'), head('Kết quả, lý do')]],
    rows: rows.map((row, index) => [cell(String(index + 1), { align: 'center' }), cell(nomineeName(row)), points(row.total), cell(`${row.position}/${result.rows.length}`, { align: 'center' }), cell(outcomeText(row, source.schemes))]),
    size: SIZES.table,
    sheet: 'Kết quả',
  };
  return {
    kind: 'notice',
    fileStem: `thong-bao-ket-qua-vong-${result.round}-${fileSlug(officeName)}-${result.campaignYear}`,
    title: `Thông báo kết quả: ${officeName}`,
    orientation: 'portrait',
    draft: source.draft,
    blocks: [
      ...draftMark(source),
      letterhead(source),
      ...typeAndSubject(fill(part(wording, 'loai'), values), fill(part(wording, 'trich_yeu'), values)),
      paragraph([text(fill(part(wording, 'kinh_gui'), values))], { align: 'center', size: SIZES.body, after: 12 }),
      ...bodyLines(part(wording, 'mo_dau'), values),
      table,
      paragraph([], { size: 6 }),
      ...bodyLines(part(wording, 'ket_thuc'), values),
      { type: 'signature', recipients: lines(part(wording, 'noi_nhan'), values), left: null, right: councilSigner(source) },
    ],
  };
}

/** A council document from what was recorded, in Decree 30's layout. */
export function buildDocument(source: DocumentSource): DocumentModel {
  switch (source.kind) {
    case 'submission':
      return submission(source);
    case 'minutes':
      return minutes(source);
    case 'list':
      return list(source);
    case 'scores':
      return scores(source);
    case 'report':
      return report(source);
    case 'notice':
      return notice(source);
  }
}

/** The tables of a document, for its workbook. */
export function tablesOf(model: DocumentModel): TableBlock[] {
  return model.blocks.filter((block): block is TableBlock => block.type === 'table');
}
