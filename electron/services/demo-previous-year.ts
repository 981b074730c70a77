import { schemeFor } from '../../shared/domain/campaign';
import type { RoundNumber } from '../../shared/domain/council';
import { toScoreInput, type DossierContent } from '../../shared/domain/dossier';
import type { Gender } from '../../shared/domain/person';
import type { CollectiveKind, IndividualKind } from '../../shared/domain/kinds';
import type { Unit } from '../../shared/domain/unit';
import { manualCriteria } from '../../shared/scoring/leaves';
import { scoreDossier } from '../../shared/scoring/score';
import type { Scheme } from '../../shared/scoring/types';
import { insertAttachmentBlob, linkAttachment } from '../db/attachments';
import { allocateIndividualQuota } from './allocation';
import { storeEvidence } from './attachments';
import { recordAward } from './awards';
import { createCampaign, getCampaign, updateCampaign } from './campaigns';
import type { Actor, ServiceContext } from './context';
import { enterBallot, saveCouncilMember, saveMeeting } from './council';
import { demoEvidence, demoIndicators, generator, type Random } from './demo';
import { saveDossier, setDossierStatus } from './dossiers';
import { saveDocumentSettings } from './documents/settings';
import { createPerson } from './people';
import { lockRound, recordDecision, roundView } from './rounds';
import { saveReview } from './reviews';
import { awardsOfCampaign } from '../db/council';
import { findCampaign } from '../db/campaigns';
import { unitsList } from './units';

/** The council of the completed year, as the decision forming it names them. */
const COUNCIL = [
  { fullName: 'Nguyễn Văn Hùng', position: 'chair', title: 'Giám đốc Chi nhánh' },
  { fullName: 'Trần Thị Thu Hà', position: 'viceChair', title: 'Phó Giám đốc Chi nhánh' },
  { fullName: 'Lê Minh Tuấn', position: 'secretary', title: 'Trưởng phòng Hành chính - Tổ chức' },
  { fullName: 'Phạm Thị Lan', position: 'member', title: 'Trưởng phòng Kế hoạch - Nghiệp vụ tín dụng' },
  { fullName: 'Võ Văn Dũng', position: 'member', title: 'Trưởng phòng Kiểm tra - Kiểm soát nội bộ' },
] as const;

/** Two people enter each ballot from the count sheet: the secretary and the vice-chair. */
const ENTRANTS: [Actor, Actor] = [
  { id: null, name: 'le.minh.tuan', role: 'secretary' },
  { id: null, name: 'tran.thi.thu.ha', role: 'secretary' },
];

/** Individuals of the completed year; the first ones of each office are proposed (names with every diacritic the documents must keep). */
const PEOPLE: { fullName: string; gender: Gender; birthYear: number; position: string; kind: IndividualKind; unitKind: CollectiveKind }[] = [
  { fullName: 'Nguyễn Thị Hồng Nhung', gender: 'female', birthYear: 1982, position: 'Chủ tịch Hội Liên hiệp Phụ nữ xã', kind: 'entrustedOfficer', unitKind: 'womensUnion' },
  { fullName: 'Đặng Văn Phúc', gender: 'male', birthYear: 1975, position: 'Tổ trưởng Tổ tiết kiệm và vay vốn', kind: 'groupHead', unitKind: 'farmersAssociation' },
  { fullName: 'Huỳnh Thị Ngọc Trâm', gender: 'female', birthYear: 1988, position: 'Phó Chủ tịch Ủy ban nhân dân xã', kind: 'communeCommitteeLeader', unitKind: 'communePeoplesCommittee' },
  { fullName: 'Trương Quốc Việt', gender: 'male', birthYear: 1979, position: 'Chủ tịch Hội Cựu chiến binh xã', kind: 'entrustedOfficer', unitKind: 'veteransAssociation' },
  { fullName: 'Lý Thị Kim Oanh', gender: 'female', birthYear: 1985, position: 'Tổ trưởng Tổ tiết kiệm và vay vốn', kind: 'groupHead', unitKind: 'womensUnion' },
  { fullName: 'Phan Đức Thịnh', gender: 'male', birthYear: 1990, position: 'Bí thư Đoàn Thanh niên xã', kind: 'entrustedOfficer', unitKind: 'youthUnion' },
  { fullName: 'Dương Thị Mỹ Duyên', gender: 'female', birthYear: 1987, position: 'Chủ tịch Hội Nông dân xã', kind: 'entrustedOfficer', unitKind: 'farmersAssociation' },
  { fullName: 'Hồ Văn Lợi', gender: 'male', birthYear: 1972, position: 'Tổ trưởng Tổ tiết kiệm và vay vốn', kind: 'groupHead', unitKind: 'veteransAssociation' },
];

function report(group: 'collective' | 'individual', name: string, year: number): string {
  const first = group === 'collective' ? 'I. ĐẶC ĐIỂM, TÌNH HÌNH' : 'I. SƠ LƯỢC LÝ LỊCH';
  const about =
    group === 'collective'
      ? `${name} được giao nhận ủy thác cho vay vốn tín dụng chính sách trên địa bàn; phối hợp chặt chẽ với Phòng giao dịch Ngân hàng Chính sách xã hội trong việc củng cố, kiện toàn các Tổ tiết kiệm và vay vốn.`
      : `${name}; tham gia công tác tín dụng chính sách xã hội nhiều năm, được cấp ủy, chính quyền địa phương và Phòng giao dịch tín nhiệm giao nhiệm vụ.`;
  return [
    first,
    about,
    '',
    'II. THÀNH TÍCH ĐẠT ĐƯỢC',
    `Trong năm ${year}, đã chỉ đạo bình xét công khai, dân chủ đối tượng được vay vốn; phối hợp đôn đốc thu hồi nợ đến hạn, xử lý nợ quá hạn, thu lãi đầy đủ; duy trì giao ban định kỳ tại Điểm giao dịch xã và kiểm tra việc sử dụng vốn vay của hộ nghèo, hộ cận nghèo và các đối tượng chính sách khác.`,
    'Công tác tuyên truyền chính sách tín dụng được thực hiện qua các buổi họp dân, sinh hoạt chi hội và hệ thống loa truyền thanh; chất lượng hoạt động của các Tổ tiết kiệm và vay vốn được nâng lên, góp phần giảm nghèo bền vững, xây dựng nông thôn mới và bảo đảm an sinh xã hội trên địa bàn.',
    'Nhiều mô hình sản xuất, kinh doanh hiệu quả từ nguồn vốn vay được nhân rộng; các hộ vay sử dụng vốn đúng mục đích, trả nợ, trả lãi đúng hạn, tích cực tham gia gửi tiết kiệm tại Tổ.',
    '',
    'III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC',
    'Giấy khen của Giám đốc Chi nhánh Ngân hàng Chính sách xã hội tỉnh.',
  ].join('\n');
}

/** A year's content for a scheme, at a quality (0 weak … 1 excellent), with a share of the manual points. */
function content(random: Random, scheme: Scheme, quality: number, group: 'collective' | 'individual', name: string, year: number): DossierContent {
  const selfScores: DossierContent['selfScores'] = {};
  for (const criterion of manualCriteria(scheme)) {
    const step = criterion.rule?.type === 'manual' && criterion.rule.step > 0 ? criterion.rule.step : 50;
    selfScores[criterion.id] = { points: Math.floor((criterion.max * (0.6 + 0.4 * quality)) / step) * step, justification: 'Đơn vị tự đánh giá theo kết quả thực hiện trong năm.' };
  }
  return { indicators: demoIndicators(random, scheme, quality), selfScores, report: report(group, name, year), discipline: 'none', womenShare: group === 'collective' ? 60 : null };
}

/** A member's sheet: the manual criteria at a share of their maximum (on the scheme's step). */
function sheet(scheme: Scheme, share: number): Record<string, number> {
  return Object.fromEntries(
    manualCriteria(scheme).map((criterion) => {
      const step = criterion.rule?.type === 'manual' && criterion.rule.step > 0 ? criterion.rule.step : 50;
      return [criterion.id, Math.floor((criterion.max * share) / step) * step];
    }),
  );
}

/** The total a dossier would get with every member's sheet at `share`. */
function totalWith(scheme: Scheme, dossierContent: DossierContent, share: number): number {
  const scores = sheet(scheme, share);
  const selfScores = Object.fromEntries(Object.entries(scores).map(([id, points]) => [id, { points, justification: '' }]));
  return scoreDossier(scheme, toScoreInput({ ...dossierContent, selfScores })).total;
}

interface Made {
  id: string;
  scheme: Scheme;
  content: DossierContent;
}

/**
 * The completed year before the demo's own: the same units, dossiers ready at the branch, a council of five that
 * scored every dossier, two meetings with their quorum, ballots entered twice by two people, a tie at the cut-off
 * decided with its reason, both rounds locked, the Chairman's decision recorded, and the campaign closed. Everything
 * goes through the services, as a real year would.
 */
export function loadPreviousYear(context: ServiceContext, year: number): void {
  const random = generator(20240110);
  // Setting up the installation may have opened this year already (empty, since the demo loads only into an empty one).
  if (!findCampaign(context.db, year)) createCampaign(context, year);
  const opened = getCampaign(context, year);
  updateCampaign(context, { year, status: 'open', settings: { ...opened.settings, officialTotal: 'council', aggregation: 'mean' } });
  const campaign = getCampaign(context, year);
  const members = COUNCIL.map((member) => saveCouncilMember(context, { campaignYear: year, fullName: member.fullName, position: member.position, title: member.title, userId: null })).at(-1)?.members ?? [];
  const evidence = storeEvidence(context.dataDir, demoEvidence());
  insertAttachmentBlob(context.db, evidence.sha256, evidence.size, 'application/pdf', context.now());

  const ready = (input: Parameters<typeof saveDossier>[1]): Made => {
    const saved = saveDossier(context, input);
    linkAttachment(context.db, saved.dossier.id, evidence.sha256, 'Biên bản bình xét.pdf', context.now());
    setDossierStatus(context, saved.dossier.id, 'ready');
    return { id: saved.dossier.id, scheme: saved.scheme, content: input.content };
  };

  // Round 1: commune bodies and province-level bodies, at qualities that leave a tie at the fifth place.
  const units = unitsList(context, false);
  const collectives = units.filter((unit) => unit.kind !== 'transactionOffice' && schemeFor(campaign, unit.kind)).filter((_, index) => index % 14 === 3);
  const twinsUnits = units.filter((unit) => unit.kind === 'womensUnion' && unit.level === 'commune').slice(0, 2);
  const made: Made[] = collectives.filter((unit) => !twinsUnits.includes(unit)).map((unit) => {
    const scheme = schemeFor(campaign, unit.kind) as Scheme;
    return ready({ campaignYear: year, nomineeKind: unit.kind, unitId: unit.id, personId: null, content: content(random, scheme, 0.35 + 0.65 * random(), 'collective', unit.name, year) });
  });
  // Two women's unions with the same figures: the council's rules cannot part them.
  const twinScheme = schemeFor(campaign, 'womensUnion') as Scheme;
  const twinContent = content(random, twinScheme, 0.92, 'collective', 'Hội Liên hiệp Phụ nữ', year);
  const twins = twinsUnits.map((unit) => ready({ campaignYear: year, nomineeKind: unit.kind, unitId: unit.id, personId: null, content: { ...twinContent, report: report('collective', unit.name, year) } }));
  // The twins' sheets are set so that exactly four others stand above them and everyone else below.
  let twinShare = 1;
  let stars: Made[] = [];
  for (const share of [1, 0.9, 0.8, 0.7, 0.6]) {
    const target = totalWith(twinScheme, twinContent, share);
    const above = made.filter((entry) => totalWith(entry.scheme, entry.content, 1) > target + 50).sort((a, b) => totalWith(b.scheme, b.content, 1) - totalWith(a.scheme, a.content, 1));
    twinShare = share;
    stars = above.slice(0, 4);
    if (above.length >= 4) break;
  }
  const twinTotal = totalWith(twinScheme, twinContent, twinShare);
  const shareOf = (entry: Made): number => {
    if (stars.includes(entry)) return 1;
    if (twins.includes(entry)) return twinShare;
    return [0.8, 0.6, 0.4, 0.2, 0].find((share) => totalWith(entry.scheme, entry.content, share) < twinTotal - 50) ?? 0;
  };
  const scoreRound = (entries: Made[]) => {
    for (const entry of entries) {
      const scores = sheet(entry.scheme, shareOf(entry));
      for (const [index, member] of members.entries()) {
        // The fifth member declares a conflict of interest on the first star (their former unit): the sheet is left out.
        const conflict = index === 4 && entry === stars[0];
        saveReview(context, { dossierId: entry.id, memberId: member.id, scores: conflict ? {} : scores, conflict, note: conflict ? 'Thành viên từng công tác tại đơn vị.' : '' });
      }
    }
  };
  scoreRound([...made, ...twins]);

  const meet = (round: RoundNumber, heldOn: string) =>
    saveMeeting(context, {
      campaignYear: year,
      round,
      heldOn,
      startsAt: '08:00',
      endsAt: round === 1 ? '11:15' : '10:45',
      place: 'Hội trường Chi nhánh Ngân hàng Chính sách xã hội tỉnh Tây Ninh',
      chairMemberId: members.find((member) => member.position === 'chair')?.id ?? null,
      secretaryMemberId: members.find((member) => member.position === 'secretary')?.id ?? null,
      notes: '',
      // One member is away on duty and votes in writing.
      attendance: members.map((member, index) => ({ memberId: member.id, presence: index === 4 ? ('writtenVote' as const) : ('present' as const) })),
    });
  /** Every ballot the selection waits for, entered twice; the twins get the same votes, so the tie stays for the council. */
  const vote = (round: RoundNumber) => {
    for (let guard = 0; guard < 20; guard += 1) {
      const waiting = roundView(context, year, round).ranking.selection.awaitingBallot;
      if (waiting.length === 0) return;
      for (const dossierId of waiting) {
        const votesFor = twins.some((twin) => twin.id === dossierId) ? 4 : 5;
        const counts = { campaignYear: year, round, dossierId, votesFor, votesAgainst: 5 - votesFor, abstentions: 0 };
        for (const actor of ENTRANTS) enterBallot({ ...context, actor }, counts);
      }
    }
  };
  meet(1, `${year + 1}-01-20`);
  vote(1);
  for (const tie of roundView(context, year, 1).ranking.selection.ties.filter((candidate) => candidate.chosen === null)) {
    recordDecision({ ...context, actor: ENTRANTS[0] }, {
      campaignYear: year,
      round: 1,
      kind: 'cutoffTie',
      subject: tie.subject,
      chosen: tie.ids.slice(0, tie.places),
      reason: 'Hai đơn vị bằng điểm và bằng nhau ở mọi tiêu chí ưu tiên; Hội đồng biểu quyết (4/5 phiếu) chọn đơn vị có tỷ lệ hộ vay thoát nghèo cao hơn trong năm.',
    });
  }
  vote(1);
  lockRound({ ...context, actor: ENTRANTS[0] }, { campaignYear: year, round: 1 });

  // Round 2: individuals of the offices that received seats, one more than the seats in each.
  const allocation = allocateIndividualQuota(context, year);
  if (allocation.tie && !allocation.tie.decision) {
    recordDecision({ ...context, actor: ENTRANTS[0] }, {
      campaignYear: year,
      round: 2,
      kind: 'allocationTie',
      subject: allocation.tie.subject,
      chosen: allocation.tie.ids.slice(0, allocation.tie.places),
      reason: 'Các đơn vị bằng nhau ở suất cuối; Hội đồng chọn đơn vị có nhiều tập thể đủ điều kiện hơn ở năm trước.',
    });
  }
  const seated = allocateIndividualQuota(context, year).allocation.lines.filter((line) => line.seats > 0);
  const individuals: Made[] = [];
  // The strongest of each office takes the first names of PEOPLE in turn (so they are proposed), the others the rest.
  let next = seated.length;
  for (const [officeIndex, line] of seated.entries()) {
    const under = units.filter((unit: Unit) => unit.parentOfficeId === line.id);
    for (let place = 0; place <= line.seats; place += 1) {
      const index = place === 0 ? officeIndex : next++;
      const template = PEOPLE[index % PEOPLE.length] as (typeof PEOPLE)[number];
      const round = Math.floor(index / PEOPLE.length);
      const unit = under.find((candidate) => candidate.kind === template.unitKind) ?? under[0];
      if (!unit) continue;
      const person = createPerson(context, {
        fullName: round === 0 ? template.fullName : `${template.fullName.split(' ')[0]} ${['Minh', 'Thanh', 'Hoài', 'Bảo'][round % 4]} ${template.fullName.split(' ').at(-1)}`,
        birthYear: template.birthYear + round,
        gender: template.gender,
        position: `${template.position} ${unit.commune.replace(/^(xã|phường) /, '')}`.trim(),
        unitId: unit.id,
      });
      const scheme = schemeFor(campaign, template.kind) as Scheme;
      // The first of each office is the strongest: the people the documents must name are proposed.
      const quality = place === 0 ? 0.97 : 0.85 - place * 0.12;
      individuals.push(ready({ campaignYear: year, nomineeKind: template.kind, unitId: unit.id, personId: person.id, content: content(random, scheme, quality, 'individual', person.fullName, year) }));
    }
  }
  for (const entry of individuals) {
    const scores = sheet(entry.scheme, 0.6 + 0.4 * (totalWith(entry.scheme, entry.content, 1) / 10_000));
    for (const member of members) saveReview(context, { dossierId: entry.id, memberId: member.id, scores, conflict: false, note: '' });
  }
  meet(2, `${year + 1}-01-27`);
  vote(2);
  for (const tie of roundView(context, year, 2).ranking.selection.ties.filter((candidate) => candidate.chosen === null)) {
    recordDecision({ ...context, actor: ENTRANTS[0] }, { campaignYear: year, round: 2, kind: 'cutoffTie', subject: tie.subject, chosen: tie.ids.slice(0, tie.places), reason: 'Hội đồng biểu quyết chọn người có thời gian công tác dài hơn.' });
  }
  vote(2);
  lockRound({ ...context, actor: ENTRANTS[0] }, { campaignYear: year, round: 2 });

  // The documents as they were signed, then the Chairman's decision arrived and the year was closed.
  saveDocumentSettings(context, year, {
    parentOrgan: 'NGÂN HÀNG CHÍNH SÁCH XÃ HỘI\nCHI NHÁNH TỈNH TÂY NINH',
    organ: 'HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG',
    place: 'Tây Ninh',
    date: `${year + 1}-02-03`,
    signer: { capacity: 'TM. HỘI ĐỒNG', title: 'CHỦ TỊCH', name: '' },
    symbols: { submission: 'TTr-HĐTĐKT', minutes: 'BB-HĐTĐKT', notice: 'TB-HĐTĐKT' },
    numbers: { submission: '05', minutes: '02', notice: '06' },
  });
  for (const award of awardsOfCampaign(context.db, year)) {
    recordAward(context, { id: award.id, decisionNumber: '412/QĐ-UBND', decisionDate: `${year + 1}-03-18`, issuer: 'Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh' });
  }
  updateCampaign(context, { year, status: 'closed' });
}
