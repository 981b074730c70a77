import type { RoundResult, RoundRow } from '../contract/calls';
import type { Award } from '../domain/council';
import type { Dossier } from '../domain/dossier';
import { translator } from '../i18n/translator';
import { namedParams } from '../scoring/note-names';
import type { Outcome } from '../scoring/selection';
import type { Scheme } from '../scoring/types';
import { centred, paragraph, SIZES, text, type DocumentBlock, type DocumentKind, type LetterheadBlock, type Signer } from './model';
import type { DocumentSettings } from './settings';
import { dateInWords, fractionText, numberLine, placeAndDate } from './vietnamese';
import type { Wording } from './wording';

/** Everything a document is made from: what the council recorded, the branch's settings and its wording. */
export interface DocumentSource {
  kind: DocumentKind;
  result: RoundResult;
  /** The submission covers both rounds: the other round's result. */
  other: RoundResult | null;
  settings: DocumentSettings;
  wording: Wording;
  /** The schemes the rows were scored with, by "id@version" (criteria and gates by their labels). */
  schemes: ReadonlyMap<string, Scheme>;
  /** The achievement report's nominee: their dossier and award history. */
  nominee?: { dossier: Dossier; awards: Award[] } | undefined;
  /** The notice's office. */
  officeId?: string | undefined;
  /** Why the document is not final yet, or null. */
  draft: string | null;
}

export const schemeKey = (id: string, version: number) => `${id}@${version}`;

/** How documents name a round's nominees. */
export const GROUP_WORDS = {
  collective: { one: 'tập thể', upper: 'TẬP THỂ' },
  individual: { one: 'cá nhân', upper: 'CÁ NHÂN' },
} as const;

/** A nominee as documents name them: the person, or the collective. */
export function nomineeName(row: Pick<RoundRow, 'personName' | 'unitName'>): string {
  return row.personName ?? row.unitName;
}

/** What became of a nominee, in the words of the minutes and the notices. */
export const OUTCOME_WORDS: Record<Outcome, string> = {
  proposed: 'Đề nghị khen thưởng',
  awaitingBallot: 'Chờ kết quả biểu quyết',
  notApproved: 'Không đạt tỷ lệ biểu quyết',
  tieOpen: 'Bằng điểm tại ngưỡng, chờ Hội đồng quyết định',
  tieNotChosen: 'Bằng điểm tại ngưỡng, Hội đồng không chọn',
  noSeatLeft: 'Phòng giao dịch đã hết chỉ tiêu',
  belowCutoff: 'Ngoài số lượng đề nghị',
  notEligible: 'Không đủ điều kiện',
};

const vi = translator('vi');

/** Why a row cannot be proposed, named by its scheme's labels ("Tỷ lệ nợ quá hạn: 0,5 vượt mức cho phép 0,3."). */
export function reasonsText(row: RoundRow, schemes: ReadonlyMap<string, Scheme>): string {
  const scheme = schemes.get(schemeKey(row.schemeId, row.schemeVersion)) ?? null;
  return row.reasons.map((failure) => `${failure.label ? failure.label.vi : vi(`gateLabel.${failure.gateId}`)}: ${vi(failure.note.key, namedParams(failure.note, scheme, 'vi'))}`).join(' ');
}

/** The outcome of a row with its reason when it was not proposed. */
export function outcomeText(row: RoundRow, schemes: ReadonlyMap<string, Scheme>): string {
  const reasons = row.outcome === 'notEligible' ? reasonsText(row, schemes) : '';
  return reasons ? `${OUTCOME_WORDS[row.outcome]}. ${reasons}` : OUTCOME_WORDS[row.outcome];
}

/** The date a document carries: the minutes the day of their meeting; the others the date set, else that day. */
export function documentDate(source: DocumentSource): string | null {
  if (source.kind === 'minutes') return source.result.meeting?.heldOn ?? null;
  return source.settings.date || source.result.meeting?.heldOn || null;
}

/** The meeting day(s) of the rounds a document speaks of, in words. */
function meetingDays(results: (RoundResult | null)[]): string {
  const days = [...new Set(results.map((result) => result?.meeting?.heldOn).filter((day): day is string => typeof day === 'string'))].sort();
  return days.length === 0 ? 'ngày … tháng … năm …' : days.map(dateInWords).join(' và ');
}

/** The number symbol a document kind carries, if it has one. */
function symbolOf(source: DocumentSource): { number: string; symbol: string } | null {
  if (source.kind === 'submission' || source.kind === 'list') return { number: source.settings.numbers.submission, symbol: source.settings.symbols.submission };
  if (source.kind === 'minutes') return { number: source.settings.numbers.minutes, symbol: source.settings.symbols.minutes };
  if (source.kind === 'notice') return { number: source.settings.numbers.notice, symbol: source.settings.symbols.notice };
  return null;
}

/** The placeholders every document fills. */
export function commonValues(source: DocumentSource): Record<string, string | number> {
  const { result } = source;
  const words = GROUP_WORDS[result.group];
  const number = symbolOf(source);
  const date = documentDate(source);
  const results = source.kind === 'submission' ? [result, source.other] : [result];
  return {
    nam: result.campaignYear,
    vong: result.round,
    doi_tuong: words.one,
    doi_tuong_in_hoa: words.upper,
    dia_danh: source.settings.place,
    so_van_ban: number ? numberLine(number.number, number.symbol).replace(/^Số: /, '').trim() : '',
    ngay_van_ban: date ? dateInWords(date) : 'ngày … tháng … năm …',
    ngay_hop: meetingDays(results),
    so_ho_so: result.rows.length,
    so_de_nghi: result.selection.selected.length,
    chi_tieu: result.quota,
    cach_tinh: result.officialTotal === 'council' ? 'điểm bình quân các phiếu chấm của thành viên Hội đồng' : 'điểm tự chấm của đơn vị',
  };
}

/** Decree 30's heading; with the number line for documents that have one. */
export function letterhead(source: DocumentSource, withNumber = true): LetterheadBlock {
  const number = symbolOf(source);
  return {
    type: 'letterhead',
    parentOrgan: source.settings.parentOrgan.toLocaleUpperCase('vi'),
    organ: source.settings.organ.toLocaleUpperCase('vi'),
    number: withNumber && number ? numberLine(number.number, number.symbol) : null,
    placeDate: placeAndDate(source.settings.place, documentDate(source)),
  };
}

/** The draft mark at the very top of a document that is not final yet. */
export function draftMark(source: DocumentSource): DocumentBlock[] {
  return source.draft ? [paragraph([text(`DỰ THẢO — ${source.draft}`, { italic: true, bold: true })], { align: 'right', size: 11, after: 4 })] : [];
}

/** The type ("TỜ TRÌNH") and the subject under it, centred and bold, then a short rule. */
export function typeAndSubject(type: string, subject: string): DocumentBlock[] {
  return [
    paragraph([text(type, { bold: true })], { align: 'center', size: SIZES.type, before: 18, after: 0 }),
    centred(subject, { bold: true }),
    paragraph([], { align: 'center', size: 6, after: 6, rule: true }),
  ];
}

/** The council's signer of a document: as set, or the chair of the council. */
export function councilSigner(source: DocumentSource): Signer {
  const chair = source.result.members.find((member) => member.position === 'chair');
  return { capacity: source.settings.signer.capacity, title: source.settings.signer.title, name: source.settings.signer.name || chair?.fullName || '' };
}

/** A share of votes as documents print it. */
export function approvalText(result: RoundResult): string {
  return fractionText(result.council.approval);
}

/** The wording's part, or an empty text when a stored wording predates the part. */
export function part(wording: Wording, key: string): string {
  return wording[key] ?? '';
}
