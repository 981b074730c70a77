import type { DemoSummary } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import { schemeFor, yearInProgress } from '../../shared/domain/campaign';
import { localIsoDate } from '../../shared/domain/deadline';
import type { Person } from '../../shared/domain/person';
import { checklistComplete, dossierChecklist } from '../../shared/domain/checklist';
import { toScoreInput, type DossierContent } from '../../shared/domain/dossier';
import type { CollectiveKind, IndividualKind, InstallationMode, NomineeKind } from '../../shared/domain/kinds';
import type { Unit } from '../../shared/domain/unit';
import { leafCriteria, manualCriteria } from '../../shared/scoring/leaves';
import { scoreDossier } from '../../shared/scoring/score';
import type { Indicator, Scheme } from '../../shared/scoring/types';
import { insertAttachmentBlob, linkAttachment } from '../db/attachments';
import { readSetting, writeSetting } from '../db/settings';
import { findCampaign, updateCampaignRow } from '../db/campaigns';
import { markExported, markOutcome, markReceived, markReturned } from '../db/exchange';
import { insertPerson } from '../db/people';
import { countDossiers, insertDossier } from '../db/dossiers';
import { countUnits, insertUnit } from '../db/units';
import { storeEvidence } from './attachments';
import { createCampaign, getCampaign } from './campaigns';
import { audit } from './audit';
import { loadPreviousYear } from './demo-previous-year';
import { inTransaction, type ServiceContext } from './context';
import {
  DEMO_COMMUNES,
  DEMO_OFFICES,
  DEMO_WARDS,
  FAMILY_NAMES,
  HAMLETS,
  GIVEN_NAMES_MEN,
  GIVEN_NAMES_WOMEN,
  MIDDLE_NAMES_MEN,
  MIDDLE_NAMES_WOMEN,
} from './demo-names';

/** A small seeded generator (mulberry32), so the demo is the same on every machine. */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));
export const between = (random: Random, low: number, high: number): number => low + (high - low) * random();

export function personName(random: Random): { name: string; woman: boolean } {
  const woman = random() < 0.5;
  const family = pick(random, FAMILY_NAMES);
  const middle = pick(random, woman ? MIDDLE_NAMES_WOMEN : MIDDLE_NAMES_MEN);
  const given = pick(random, woman ? GIVEN_NAMES_WOMEN : GIVEN_NAMES_MEN);
  return { name: `${family} ${middle} ${given}`, woman };
}

export const COMMUNE_BODIES: { kind: CollectiveKind; name: (place: string) => string; leader: string; share: number }[] = [
  { kind: 'communePeoplesCommittee', name: (place) => `UBND ${place}`, leader: 'Chủ tịch UBND', share: 0.75 },
  { kind: 'fatherlandFront', name: (place) => `Ủy ban MTTQ Việt Nam ${place}`, leader: 'Chủ tịch Ủy ban MTTQ', share: 0.3 },
  { kind: 'womensUnion', name: (place) => `Hội LHPN ${place}`, leader: 'Chủ tịch Hội LHPN', share: 0.55 },
  { kind: 'veteransAssociation', name: (place) => `Hội Cựu chiến binh ${place}`, leader: 'Chủ tịch Hội CCB', share: 0.4 },
  { kind: 'farmersAssociation', name: (place) => `Hội Nông dân ${place}`, leader: 'Chủ tịch Hội Nông dân', share: 0.45 },
  { kind: 'youthUnion', name: (place) => `Đoàn TNCS Hồ Chí Minh ${place}`, leader: 'Bí thư Đoàn', share: 0.3 },
];

export const PROVINCE_BODIES: { kind: CollectiveKind; name: string }[] = [
  { kind: 'provincialBranch', name: 'Chi nhánh NHCSXH tỉnh Tây Ninh' },
  { kind: 'fatherlandFront', name: 'Ủy ban MTTQ Việt Nam tỉnh Tây Ninh' },
  { kind: 'womensUnion', name: 'Hội LHPN tỉnh Tây Ninh' },
  { kind: 'veteransAssociation', name: 'Hội Cựu chiến binh tỉnh Tây Ninh' },
  { kind: 'farmersAssociation', name: 'Hội Nông dân tỉnh Tây Ninh' },
  { kind: 'youthUnion', name: 'Tỉnh Đoàn Tây Ninh' },
  { kind: 'branchDepartment', name: 'Phòng Kế hoạch - Nghiệp vụ tín dụng' },
  { kind: 'branchDepartment', name: 'Phòng Kế toán - Ngân quỹ' },
  { kind: 'branchDepartment', name: 'Phòng Kiểm tra - Kiểm soát nội bộ' },
  { kind: 'branchDepartment', name: 'Phòng Hành chính - Tổ chức' },
];

/** How good and how bad a value of an indicator can be, read from the rules and gates of the scheme. */
interface IndicatorRange {
  good: number;
  bad: number;
  planFor?: string;
}

function indicatorRanges(scheme: Scheme): Map<string, IndicatorRange> {
  const ranges = new Map<string, IndicatorRange>();
  for (const criterion of leafCriteria(scheme)) {
    const rule = criterion.rule;
    if (!rule || rule.type === 'manual' || rule.type === 'yesNo') continue;
    if (rule.type === 'thresholds') {
      const bounds = rule.steps.map((step) => step.bound);
      const low = Math.min(...bounds);
      const high = Math.max(...bounds);
      ranges.set(rule.indicator, rule.direction === 'higherIsBetter' ? { good: high * 1.1, bad: low * 0.5 } : { good: low * 0.7, bad: high * 1.3 });
    } else if (rule.type === 'linear') {
      ranges.set(rule.indicator, { good: rule.fullAt + (rule.fullAt - rule.zeroAt) * 0.1, bad: rule.zeroAt - (rule.fullAt - rule.zeroAt) * 0.2 });
    } else if (rule.type === 'ratio') {
      ranges.set(rule.indicator, { good: 1.05, bad: 0.8, planFor: rule.plan });
    } else if (rule.type === 'deduction') {
      ranges.set(rule.indicator, { good: 0, bad: Math.ceil(criterion.max / rule.perCount) });
    }
  }
  return ranges;
}

function clampTo(indicator: Indicator, value: number): number {
  return round(Math.min(indicator.max, Math.max(indicator.min, value)), indicator.decimals);
}

/** Indicators of a plausible year for a body whose overall quality is `quality` (0 weak … 1 excellent). */
export function demoIndicators(random: Random, scheme: Scheme, quality: number): DossierContent['indicators'] {
  const ranges = indicatorRanges(scheme);
  const yesNoWanted = new Map<string, boolean>();
  for (const criterion of leafCriteria(scheme)) if (criterion.rule?.type === 'yesNo') yesNoWanted.set(criterion.rule.indicator, criterion.rule.pointsWhen);
  for (const gate of scheme.gates) if (gate.condition.type === 'is') yesNoWanted.set(gate.condition.indicator, gate.condition.value);
  const plans = new Map<string, number>();
  for (const range of ranges.values()) {
    if (!range.planFor || plans.has(range.planFor)) continue;
    const plan = scheme.indicators.find((indicator) => indicator.key === range.planFor);
    if (plan) plans.set(plan.key, clampTo(plan, between(random, 0.05, 0.3) * Math.min(plan.max, plan.unit === 'count' ? 40 : 500_000)));
  }
  const values: DossierContent['indicators'] = {};
  for (const indicator of scheme.indicators) {
    const wanted = yesNoWanted.get(indicator.key);
    if (indicator.unit === 'yesNo') {
      // Gates' yes/no (a serious violation) go wrong rarely; scored ones follow the unit's quality.
      const favourable = scheme.gates.some((gate) => gate.condition.indicator === indicator.key) ? random() > 0.02 : random() < 0.4 + 0.55 * quality;
      values[indicator.key] = wanted === undefined ? random() < 0.5 : favourable ? wanted : !wanted;
      continue;
    }
    if (plans.has(indicator.key)) {
      values[indicator.key] = plans.get(indicator.key) as number;
      continue;
    }
    const range = ranges.get(indicator.key);
    if (!range) {
      values[indicator.key] = clampTo(indicator, between(random, indicator.min, Math.min(indicator.max, indicator.min + 100)));
      continue;
    }
    const level = Math.min(1, Math.max(0, quality + between(random, -0.25, 0.25)));
    if (range.planFor) {
      const plan = plans.get(range.planFor) ?? 0;
      values[indicator.key] = clampTo(indicator, plan * (range.bad + (range.good - range.bad) * level));
    } else {
      values[indicator.key] = clampTo(indicator, range.bad + (range.good - range.bad) * level);
    }
  }
  return values;
}

function demoReport(unitName: string, leader: string, leaderName: string, year: number): string {
  return [
    'I. ĐẶC ĐIỂM, TÌNH HÌNH',
    `${unitName}; ${leader}: ${leaderName}. Đơn vị phối hợp chặt chẽ với Ngân hàng Chính sách xã hội trong việc triển khai tín dụng chính sách trên địa bàn.`,
    '',
    'II. THÀNH TÍCH ĐẠT ĐƯỢC',
    `Trong năm ${year}, đơn vị chỉ đạo các Tổ tiết kiệm và vay vốn bình xét công khai, dân chủ; phối hợp đôn đốc thu hồi nợ đến hạn, xử lý nợ quá hạn; tổ chức giao ban định kỳ tại Điểm giao dịch xã.`,
    '',
    'Đơn vị thường xuyên kiểm tra, giám sát hoạt động của các Tổ tiết kiệm và vay vốn, hướng dẫn hộ vay sử dụng vốn đúng mục đích, trả nợ, trả lãi đầy đủ, đúng hạn. Công tác tuyên truyền về chính sách tín dụng được thực hiện qua các buổi họp dân, sinh hoạt chi hội và trên hệ thống loa truyền thanh của xã, góp phần giảm nghèo bền vững và xây dựng nông thôn mới trên địa bàn.',
    '',
    'III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC',
    'Giấy khen của Giám đốc Chi nhánh NHCSXH tỉnh.',
  ].join('\n');
}

export function demoContent(random: Random, scheme: Scheme, unitName: string, leader: string, year: number): DossierContent {
  // Most bodies that are nominated are doing well: quality leans towards the good end.
  const quality = 0.25 + 0.75 * Math.sqrt(random());
  const indicators = demoIndicators(random, scheme, quality);
  // About one dossier in twelve is still being filled in: a few indicators are left empty.
  if (random() < 0.08) {
    for (const indicator of scheme.indicators) if (indicator.unit !== 'yesNo' && random() < 0.15) indicators[indicator.key] = null;
  }
  const selfScores: DossierContent['selfScores'] = {};
  for (const criterion of manualCriteria(scheme)) {
    const step = criterion.rule?.type === 'manual' && criterion.rule.step > 0 ? criterion.rule.step : 50;
    const points = Math.floor((criterion.max * between(random, 0.55 + 0.4 * quality, 1)) / step) * step;
    selfScores[criterion.id] = { points, justification: 'Đơn vị tự đánh giá theo kết quả thực hiện trong năm.' };
  }
  const head = personName(random);
  const discipline = random() < 0.015 ? 'inspection' : 'none';
  return {
    indicators,
    selfScores,
    report: demoReport(unitName, leader, head.name, year),
    discipline,
    womenShare: round(between(random, 20, 95), 0),
  };
}

/** What each individual kind is, whom it works for, and its share of the individuals generated. */
export const INDIVIDUALS: { kind: IndividualKind; share: number; position: (random: Random) => string; unit: 'commune' | 'association' | 'office' }[] = [
  { kind: 'groupHead', share: 0.55, position: (random) => `Tổ trưởng Tổ TK&VV ấp ${pick(random, HAMLETS)}`, unit: 'association' },
  { kind: 'representativeBoardMember', share: 0.1, position: () => 'Thành viên Ban đại diện HĐQT cấp xã', unit: 'commune' },
  { kind: 'communeCommitteeLeader', share: 0.08, position: () => 'Phó Chủ tịch UBND xã', unit: 'commune' },
  { kind: 'partyStandingMember', share: 0.05, position: () => 'Ủy viên Ban Thường vụ Đảng ủy xã', unit: 'commune' },
  { kind: 'entrustedOfficer', share: 0.14, position: () => 'Cán bộ chuyên trách công tác ủy thác', unit: 'association' },
  { kind: 'branchOfficer', share: 0.08, position: () => 'Cán bộ tín dụng', unit: 'office' },
];

export function individualKind(random: Random): (typeof INDIVIDUALS)[number] {
  let draw = random();
  for (const entry of INDIVIDUALS) {
    draw -= entry.share;
    if (draw < 0) return entry;
  }
  return INDIVIDUALS[0] as (typeof INDIVIDUALS)[number];
}

export function individualContent(random: Random, scheme: Scheme, person: string, position: string, year: number): DossierContent {
  const quality = 0.25 + 0.75 * Math.sqrt(random());
  const selfScores: DossierContent['selfScores'] = {};
  for (const criterion of manualCriteria(scheme)) {
    const step = criterion.rule?.type === 'manual' && criterion.rule.step > 0 ? criterion.rule.step : 50;
    selfScores[criterion.id] = { points: Math.floor((criterion.max * between(random, 0.55 + 0.4 * quality, 1)) / step) * step, justification: 'Tự đánh giá theo kết quả thực hiện nhiệm vụ trong năm.' };
  }
  const report = [
    'I. SƠ LƯỢC LÝ LỊCH',
    `${person}, ${position}.`,
    '',
    'II. THÀNH TÍCH ĐẠT ĐƯỢC',
    `Năm ${year}, thực hiện tốt nhiệm vụ được giao trong công tác tín dụng chính sách xã hội; đôn đốc thu hồi nợ, vận động hộ vay gửi tiết kiệm.`,
    '',
    'Thường xuyên phối hợp với Điểm giao dịch xã tổ chức giao ban định kỳ, bình xét công khai, dân chủ đối tượng được vay vốn; hướng dẫn hộ vay sử dụng vốn đúng mục đích, trả nợ, trả lãi đầy đủ, đúng hạn. Tích cực tuyên truyền chính sách tín dụng ưu đãi của Nhà nước đến người dân qua các buổi họp tổ, sinh hoạt chi hội và hệ thống loa truyền thanh; kịp thời phát hiện, báo cáo các trường hợp sử dụng vốn sai mục đích để xử lý. Kết quả thu lãi, thu tiết kiệm đạt và vượt kế hoạch; không để phát sinh nợ quá hạn mới trong năm, góp phần giảm nghèo bền vững và xây dựng nông thôn mới tại địa phương.',
    '',
    'III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC',
    'Giấy khen của Giám đốc Phòng giao dịch NHCSXH huyện.',
  ].join('\n');
  return { indicators: demoIndicators(random, scheme, quality), selfScores, report, discipline: random() < 0.015 ? 'inspection' : 'none', womenShare: null };
}

/** The demo's one evidence file, a small PDF that every demo dossier carries (stored once, by its SHA-256). */
export function demoEvidence(): Buffer {
  const text = 'BT /F1 12 Tf 72 760 Td (Bien ban binh xet thi dua - du lieu mau) Tj ET';
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>', `<< /Length ${text.length} >>\nstream\n${text}\nendstream`];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A unit of the demo's province, with who leads it and how likely it is to be nominated. */
interface DemoUnit {
  unit: Unit;
  leader: string;
  share: number;
}

/** The province as a branch's setup file would describe it: the same units and people on every installation. */
interface DemoRegistry {
  units: DemoUnit[];
  offices: Unit[];
  people: { person: Person; kind: IndividualKind }[];
}

function demoRegistry(context: ServiceContext, random: Random, now: string): DemoRegistry {
  const units: DemoUnit[] = [];
  const add = (unit: Omit<Unit, 'id' | 'retired'>, leader: string, share: number): Unit => {
    const created: Unit = { ...unit, id: `demo-${String(units.length + 1).padStart(4, '0')}`, retired: false };
    insertUnit(context.db, created, now);
    units.push({ unit: created, leader, share });
    return created;
  };
  for (const body of PROVINCE_BODIES) add({ name: body.name, kind: body.kind, level: 'province', commune: '', parentOfficeId: null }, 'Thủ trưởng đơn vị', 0.5);
  const offices = DEMO_OFFICES.map((area) => add({ name: `Phòng giao dịch NHCSXH ${area}`, kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null }, 'Giám đốc', 0.7));
  const places = [...DEMO_WARDS.map((name) => `phường ${name}`), ...DEMO_COMMUNES.map((name) => `xã ${name}`)];
  const communes: { commune: Unit; associations: Unit[]; office: Unit }[] = [];
  places.forEach((place, index) => {
    const office = offices[Math.floor((index * offices.length) / places.length)] as Unit;
    const bodies = COMMUNE_BODIES.map((body) => add({ name: body.name(place), kind: body.kind, level: 'commune', commune: place, parentOfficeId: office.id }, body.leader, body.share));
    communes.push({ commune: bodies[0] as Unit, associations: bodies.slice(2, 5), office });
  });
  // About one person in the registry for every five units: the individuals an office might propose.
  const people: DemoRegistry['people'] = [];
  for (let index = 0; index < Math.round(units.length / 5); index += 1) {
    const kind = individualKind(random);
    const place = pick(random, communes);
    const employer = kind.unit === 'commune' ? place.commune : kind.unit === 'office' ? place.office : pick(random, place.associations);
    const { name, woman } = personName(random);
    const person: Person = { id: `demo-p${String(index + 1).padStart(4, '0')}`, fullName: name, birthYear: 1965 + Math.floor(random() * 35), gender: woman ? 'female' : 'male', position: kind.position(random), unitId: employer.id, unitName: employer.name, retired: false };
    insertPerson(context.db, person, now);
    people.push({ person, kind: kind.kind });
  }
  return { units, offices, people };
}

/** Why the branch returned a demo dossier: what a secretary writes. */
const RETURN_REASONS = [
  'Thiếu biên bản họp bình xét của Tổ TK&VV; bổ sung rồi gửi lại.',
  'Số liệu dư nợ quá hạn chưa khớp với báo cáo tháng 12; đề nghị kiểm tra lại.',
  'Báo cáo thành tích chưa có xác nhận của UBND xã.',
];

/** Where a demo dossier stands, at the branch or at an office. */
type DemoState = { status: 'draft' | 'ready' } | { status: 'exported' | 'received' | 'returned'; daysAgo: number };

/** A day some days before `today` (ISO date-time), in the morning office hours. */
function daysBefore(now: string, days: number, random: Random): string {
  const at = new Date(now);
  at.setUTCDate(at.getUTCDate() - days);
  at.setUTCHours(1 + Math.floor(random() * 8), Math.floor(random() * 60), 0, 0);
  return at.toISOString();
}

/**
 * The year in progress as this installation sees it on the day the demo is loaded. At the branch: what the offices
 * have sent over the last weeks (most received, a few returned with a reason, some offices nothing yet), and the
 * branch's own province-level dossiers still in preparation. At an office: dossiers in every state, from draft to
 * returned. Nothing is late: the deadline is ahead.
 */
function demoYearInProgress(context: ServiceContext, registry: DemoRegistry, year: number, random: Random): number {
  const mode = readSetting(context.db, 'mode') as InstallationMode | null;
  const campaign = getCampaign(context, year);
  const installation = (readSetting(context.db, 'installationId') ?? 'local').slice(0, 8);
  const now = context.now();
  // Three offices have sent nothing yet: the overview shows them as waited for.
  const quiet = new Set([registry.offices[4]?.id, registry.offices[11]?.id, registry.offices[17]?.id]);
  const stateAt = (officeId: string | null, ready: boolean): DemoState | null => {
    const daysAgo = 1 + Math.floor(45 * random() ** 1.6);
    const draw = random();
    if (mode === 'branch') {
      // The branch holds only what arrived; its own units' dossiers (no office) it prepares itself.
      if (officeId === null) return { status: ready && draw < 0.6 ? 'ready' : 'draft' };
      if (quiet.has(officeId) || !ready || draw < 0.08) return null;
      return { status: draw < 0.18 ? 'returned' : 'received', daysAgo };
    }
    if (!ready || draw < 0.3) return { status: 'draft' };
    if (draw < 0.55) return { status: 'ready' };
    if (draw < 0.75) return { status: 'exported', daysAgo };
    return { status: draw < 0.9 ? 'received' : 'returned', daysAgo };
  };
  const evidence = storeEvidence(context.dataDir, demoEvidence());
  insertAttachmentBlob(context.db, evidence.sha256, evidence.size, 'application/pdf', now);
  let dossiers = 0;
  const addDossier = (nominee: { kind: NomineeKind; unit: Unit; personId: string | null }, content: DossierContent, officeId: string | null): void => {
    const scheme = schemeFor(campaign, nominee.kind);
    if (!scheme) return;
    const result = scoreDossier(scheme, toScoreInput(content));
    // A dossier past draft passes its checklist, as one marked by hand would: evidence, report, every value filled.
    const ready = checklistComplete(dossierChecklist(scheme, nominee.kind, content, result, 1));
    const state = stateAt(officeId, ready);
    if (!state) return;
    dossiers += 1;
    // Units are the same in every demo (as a branch's setup would make them); dossiers belong to this installation.
    const id = `demo-${installation}-d${String(dossiers).padStart(4, '0')}`;
    const record = { id, campaignYear: year, nomineeKind: nominee.kind, unitId: nominee.unit.id, personId: nominee.personId, schemeId: scheme.id, schemeVersion: scheme.version, revision: 1, content, selfTotal: result.total, eligible: result.eligible, complete: result.complete, createdBy: null };
    if (!('daysAgo' in state)) {
      insertDossier(context.db, { ...record, status: state.status }, now);
      linkAttachment(context.db, id, evidence.sha256, 'Biên bản bình xét.pdf', now);
      return;
    }
    insertDossier(context.db, { ...record, status: 'ready' }, daysBefore(now, state.daysAgo + 2, random));
    linkAttachment(context.db, id, evidence.sha256, 'Biên bản bình xét.pdf', now);
    const at = daysBefore(now, state.daysAgo, random);
    const reason = pick(random, RETURN_REASONS);
    if (mode === 'branch') {
      markReceived(context.db, id, `demo-${officeId ?? 'branch'}`, false, at);
      if (state.status === 'returned') markReturned(context.db, id, reason, at);
      return;
    }
    markExported(context.db, id, 1, at);
    if (state.status !== 'exported') markOutcome(context.db, id, 1, state.status, state.status === 'returned' ? reason : null);
  };
  for (const { unit, leader, share } of registry.units) {
    if (random() >= share) continue;
    const scheme = schemeFor(campaign, unit.kind);
    if (!scheme) continue;
    addDossier({ kind: unit.kind, unit, personId: null }, demoContent(random, scheme, unit.name, leader, year), unit.parentOfficeId ?? (unit.kind === 'transactionOffice' ? unit.id : null));
  }
  const unitsById = new Map(registry.units.map(({ unit }) => [unit.id, unit]));
  for (const { person, kind } of registry.people) {
    const unit = unitsById.get(person.unitId);
    const scheme = schemeFor(campaign, kind);
    if (!unit || !scheme || random() >= 0.5) continue;
    addDossier({ kind, unit, personId: person.id }, individualContent(random, scheme, person.fullName, person.position, year), unit.parentOfficeId ?? (unit.kind === 'transactionOffice' ? unit.id : null));
  }
  return dossiers;
}

/**
 * Loads the demo dataset into an empty installation: the province's offices, communes' bodies and people, and the
 * campaign year in progress on the day it is loaded (its deadline ahead), which becomes the current one. Each year
 * is one function over the same registry, so an earlier, completed year can stand beside it.
 */
export function loadDemo(context: ServiceContext): DemoSummary {
  return inTransaction(context, () => {
    if (countDossiers(context.db) > 0 || countUnits(context.db) > 0) throw new AppError('demo.notEmpty');
    const random = generator(20250110);
    const year = yearInProgress(localIsoDate(new Date(context.now())));
    if (!findCampaign(context.db, year)) createCampaign(context, year);
    writeSetting(context.db, 'currentCampaignYear', String(year));
    // The demo's council has not scored yet: its ranking totals the offices' self-assessment (the council can change it).
    const campaign = getCampaign(context, year);
    if (readSetting(context.db, 'mode') === 'branch') updateCampaignRow(context.db, { ...campaign, settings: { ...campaign.settings, officialTotal: 'self' } });
    const registry = demoRegistry(context, random, context.now());
    const dossiers = demoYearInProgress(context, registry, year, random);
    // At the branch, the year before stands completed on the same registry, so every council document can be made at once.
    if (readSetting(context.db, 'mode') === 'branch') loadPreviousYear(context, year - 1);
    audit(context, 'demo.loaded', null, { after: { units: registry.units.length, people: registry.people.length, dossiers, year } });
    return { units: registry.units.length, dossiers };
  });
}
