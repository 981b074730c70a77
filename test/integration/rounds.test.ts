// The council decides, on a real SQLite file at the branch: its members and meeting, ballots entered twice by two
// accounts, the approval threshold, ties at the cut-off and at the allocation's last seat left open until the
// council records its choice, both rounds locked with their result recorded, and nothing of a locked round changing
// until the chair (or an administrator) reopens it with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ranking } from '../../shared/contract/calls';
import { schemeFor } from '../../shared/domain/campaign';
import type { Unit } from '../../shared/domain/unit';
import { accountSession } from '../support/accounts';
import { setUpCore } from '../support/core';
import { manualCriteria } from '../../shared/scoring/leaves';
import { eligibleContent, markReadyInFile, rawCall, withDatabase } from './helpers';

const YEAR = 2025;

describe('the council’s rounds at the branch', () => {
  let branch: Awaited<ReturnType<typeof setUpCore>>;
  let secondEntrant = '';
  let chairSession = '';
  let secretarySession = '';
  const offices: Unit[] = [];
  /** Collectives by name: A leads; B, C and D are identical dossiers (tied on their scores); E is a draft. */
  const collective: Record<string, string> = {};
  const person: Record<string, string> = {};
  let members: string[] = [];

  const as = async <T>(session: string, name: string, input: unknown): Promise<T> => {
    const response = await rawCall(branch.core, name, input, session);
    if (!response.ok) throw Object.assign(new Error(`${name}: ${response.error.code}`), { shape: response.error });
    return response.value as T;
  };
  const ranking = (group: 'collective' | 'individual') => branch.call('ranking.get', { campaignYear: YEAR, group });
  const counts = (dossierId: string, votesFor: number, round: 1 | 2 = 1) => ({ campaignYear: YEAR, round, dossierId, votesFor, votesAgainst: 4 - votesFor, abstentions: 0 });
  /** Both entries of a ballot, by the administrator (the operator here) and a second secretary. */
  const enterTwice = async (dossierId: string, votesFor: number, round: 1 | 2 = 1) => {
    await branch.call('ballots.enter', counts(dossierId, votesFor, round));
    return as(secondEntrant, 'ballots.enter', counts(dossierId, votesFor, round));
  };

  beforeAll(async () => {
    branch = await setUpCore({ mode: 'branch' });
    const campaign = await branch.call('campaigns.get', { year: YEAR });
    // The offices' self-assessment is the official total: the council's sheets are tested in council.test.ts.
    await branch.call('campaigns.update', { year: YEAR, quotaCollectives: 2, quotaIndividuals: 3, settings: { ...campaign.settings, officialTotal: 'self' } });
    for (const name of ['Phòng giao dịch NHCSXH Gò Dầu', 'Phòng giao dịch NHCSXH Trảng Bàng']) {
      offices.push(await branch.call('units.create', { name, kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null }));
    }
    const scheme = schemeFor(campaign, 'communePeoplesCommittee');
    if (!scheme) throw new Error('no scheme');
    const strongest = eligibleContent(scheme, 'communePeoplesCommittee');
    strongest.indicators.overdueRatio = 0;
    // The others score one step less on one self-assessed criterion: still eligible, below A.
    const [first] = manualCriteria(scheme);
    if (!first || first.rule?.type !== 'manual') throw new Error('no manual criterion');
    const base = { ...strongest, selfScores: { ...strongest.selfScores, [first.id]: { points: first.max - first.rule.step, justification: 'Hoàn thành tốt.' } } };
    // Two collectives of each office: the offices' results are equal, so the individual quota's last seat ties.
    const plan: [string, Unit, typeof base][] = [
      ['A', offices[0] as Unit, strongest],
      ['B', offices[0] as Unit, base],
      ['C', offices[1] as Unit, base],
      ['D', offices[1] as Unit, base],
      ['E', offices[1] as Unit, base],
    ];
    for (const [name, office, content] of plan) {
      const unit = await branch.call('units.create', { name: `UBND xã ${name}`, kind: 'communePeoplesCommittee', level: 'commune', commune: `xã ${name}`, parentOfficeId: office.id });
      collective[name] = (await branch.call('dossiers.save', { campaignYear: YEAR, nomineeKind: 'communePeoplesCommittee', unitId: unit.id, content })).dossier.id;
    }
    const groupHead = schemeFor(campaign, 'groupHead');
    if (!groupHead) throw new Error('no scheme');
    for (const [name, office, gender] of [
      ['Nguyễn Thị Hồng Nhung', offices[0], 'female'],
      ['Đặng Văn Tâm', offices[0], 'male'],
      ['Lê Thị Mai', offices[1], 'female'],
    ] as const) {
      const unit = await branch.call('units.create', { name: `Hội LHPN ${name}`, kind: 'womensUnion', level: 'commune', commune: 'xã Phước Thạnh', parentOfficeId: (office as Unit).id });
      const created = await branch.call('people.create', { fullName: name, birthYear: 1980, gender, position: 'Tổ trưởng Tổ TK&VV', unitId: unit.id });
      person[name] = (await branch.call('dossiers.save', { campaignYear: YEAR, nomineeKind: 'groupHead', unitId: unit.id, personId: created.id, content: eligibleContent(groupHead, 'groupHead') })).dossier.id;
    }
    // E stays a draft; the others are ready (the checklist's evidence and report are another test's business).
    markReadyInFile(branch.dataDir, [collective.A, collective.B, collective.C, collective.D, ...Object.values(person)] as string[]);
    secondEntrant = await accountSession(branch.core, { username: 'kiem.phieu', fullName: 'Lê Thị Kiểm Phiếu', role: 'secretary', password: 'mat-khau-kiem-phieu' });
    secretarySession = secondEntrant;
    chairSession = await accountSession(branch.core, { username: 'chu.tich', fullName: 'Trần Văn Chủ Tịch', role: 'councilMember', password: 'mat-khau-chu-tich' });
    const chairUser = (await branch.call('users.list', {})).find((user) => user.username === 'chu.tich');
    for (const [fullName, position, userId] of [
      ['Trần Văn Chủ Tịch', 'chair', chairUser?.id ?? null],
      ['Lê Thị Thư Ký', 'secretary', null],
      ['Phạm Văn Một', 'member', null],
      ['Võ Thị Hai', 'member', null],
      ['Huỳnh Văn Ba', 'member', null],
    ] as const) {
      members = (await branch.call('council.saveMember', { campaignYear: YEAR, fullName, position, title: '', userId })).members.map((member) => member.id);
    }
  }, 120_000);
  afterAll(() => branch.close());

  it('drafts stay out; with no meeting the round lists what it needs before its lock and refuses to lock', async () => {
    const collectives = await ranking('collective');
    expect(collectives.rows.every((row) => row.eligible)).toBe(true);
    expect(collectives.rows.map((row) => row.dossierId)).not.toContain(collective.E);
    expect(collectives.unranked).toEqual({ draft: 1 });
    // A leads; B, C and D tie for the quota's second place (no ballot yet: their vote shares are equal too).
    expect(collectives.rows[0]).toMatchObject({ dossierId: collective.A, position: 1 });
    expect(collectives.rows.slice(1).map((row) => row.position)).toEqual([2, 2, 2]);
    expect(collectives.selection.ties).toHaveLength(1);
    expect([...(collectives.selection.ties[0]?.ids ?? [])].sort()).toEqual([collective.B, collective.C, collective.D].sort());
    const view = await branch.call('rounds.get', { campaignYear: YEAR, round: 1 });
    expect(view.blockers.map((blocker) => blocker.key)).toEqual(['noMeeting', 'missingBallots', 'openTies']);
    const refused = await branch.errorOf('rounds.lock', { campaignYear: YEAR, round: 1 });
    expect(refused.code).toBe('round.notLockable');
    expect(refused.issues?.map((issue) => issue.key)).toEqual(['decides.round.blocker.noMeeting', 'decides.round.blocker.missingBallots', 'decides.round.blocker.openTies']);
  });

  it('a meeting without its quorum records attendance but decides nothing; with it, ballots are entered twice and accepted when both agree', async () => {
    const attendance = (present: number) => members.map((memberId, index) => ({ memberId, presence: index < present ? ('present' as const) : ('absent' as const) }));
    const meeting = (present: number) => ({ campaignYear: YEAR, round: 1 as const, heldOn: '2026-01-20', startsAt: '08:00', endsAt: '11:00', place: 'Hội trường Chi nhánh', chairMemberId: members[0] ?? null, secretaryMemberId: members[1] ?? null, notes: '', attendance: attendance(present) });
    // Two thirds of five members is 3.33: four must be present.
    expect((await branch.call('meetings.save', meeting(3))).quorum).toMatchObject({ present: 3, needed: 4, reached: false });
    expect((await branch.errorOf('ballots.enter', counts(collective.A as string, 4))).code).toBe('council.noQuorum');
    expect((await branch.call('meetings.save', meeting(4))).quorum).toMatchObject({ present: 4, needed: 4, reached: true });

    // The same account cannot make both entries.
    await branch.call('ballots.enter', counts(collective.A as string, 4));
    expect((await branch.errorOf('ballots.enter', counts(collective.A as string, 4))).code).toBe('ballot.sameAccount');
    const accepted = await as<{ accepted: { votesFor: number; voters: number } | null }>(secondEntrant, 'ballots.enter', counts(collective.A as string, 4));
    expect(accepted.accepted).toMatchObject({ votesFor: 4, voters: 4 });
    expect((await branch.errorOf('ballots.enter', counts(collective.A as string, 3))).code).toBe('ballot.accepted');

    // Two entries that differ: both kept, a recount asked for, then counted again.
    await branch.call('ballots.enter', counts(collective.D as string, 2));
    const differing = await as<{ disagreement: boolean; accepted: unknown }>(secondEntrant, 'ballots.enter', counts(collective.D as string, 3));
    expect(differing).toMatchObject({ disagreement: true, accepted: null });
    expect((await branch.errorOf('ballots.enter', counts(collective.D as string, 2))).code).toBe('ballot.recountNeeded');
    await branch.call('ballots.recount', { campaignYear: YEAR, round: 1, dossierId: collective.D as string, reason: 'Đọc nhầm phiếu kiểm' });
    expect((await enterTwice(collective.D as string, 2)) as { accepted: unknown }).toMatchObject({ accepted: { votesFor: 2 } });
    const log = await branch.call('audit.list', { action: 'ballot.recount' });
    expect(log.entries[0]?.change.note).toBe('Đọc nhầm phiếu kiểm');
  });

  it('under the approval threshold a nominee is not proposed whatever its score; equal votes leave the tie to the council', async () => {
    // D was voted 2 of 4, B and C not yet: D's share of votes puts it second, where the vote leaves it out.
    let collectives = await ranking('collective');
    expect(collectives.rows.find((row) => row.dossierId === collective.D)).toMatchObject({ outcome: 'notApproved', position: 2 });
    expect(collectives.selection.notApproved).toEqual([collective.D]);
    // B and C, still tied, share the place D could not take.
    expect(collectives.selection.selected).toEqual([collective.A]);
    expect(collectives.selection.ties.map((tie) => [...tie.ids].sort())).toEqual([[collective.B, collective.C].sort()]);
    // Voted the same, they are still tied, now second (D, voted less, falls behind them).
    await enterTwice(collective.B as string, 4);
    await enterTwice(collective.C as string, 4);
    collectives = await ranking('collective');
    const tie = collectives.selection.ties[0];
    expect(tie).toMatchObject({ places: 1, chosen: null });
    expect(collectives.selection.selected).toEqual([collective.A]);
    expect(collectives.rows.filter((row) => row.outcome === 'tieOpen').map((row) => row.dossierId).sort()).toEqual([collective.B, collective.C].sort());
    expect(collectives.rows.find((row) => row.dossierId === collective.D)?.position).toBe(4);
  });

  it('a tie is decided only as the very tie it is, with exactly its places and a reason; the decision fills the place', async () => {
    const collectives: Ranking = await ranking('collective');
    const tie = collectives.selection.ties[0];
    if (!tie) throw new Error('no tie');
    const decide = (subject: string, chosen: string[]) => ({ campaignYear: YEAR, round: 1 as const, kind: 'cutoffTie' as const, subject, chosen, reason: 'Hội đồng biểu quyết lại: 3/4 chọn xã C.' });
    expect((await branch.errorOf('decisions.record', decide(tie.subject, [collective.B as string, collective.C as string]))).code).toBe('decision.wrongChoice');
    expect((await branch.errorOf('decisions.record', decide(tie.subject, [collective.D as string]))).code).toBe('decision.wrongChoice');
    expect((await branch.errorOf('decisions.record', decide(`${tie.subject}x`, [collective.C as string]))).code).toBe('decision.noTie');
    // A council member's account records no decision: that is the staff's, from the minutes.
    expect((await rawCall(branch.core, 'decisions.record', decide(tie.subject, [collective.C as string]), chairSession)).ok).toBe(false);
    const decision = await branch.call('decisions.record', decide(tie.subject, [collective.C as string]));
    const after = await ranking('collective');
    expect(after.selection.selected).toEqual([collective.A, collective.C]);
    expect(after.rows.find((row) => row.dossierId === collective.B)?.outcome).toBe('tieNotChosen');
    expect(after.decisions).toEqual([decision]);
    // Withdrawn, the tie is open again; recorded again, closed.
    await branch.call('decisions.withdraw', { id: decision.id, reason: 'Ghi nhầm đơn vị' });
    expect((await ranking('collective')).selection.cutoffTie).toHaveLength(2);
    await branch.call('decisions.record', decide(tie.subject, [collective.C as string]));
  });

  it('round 1 locks once nothing stands in the way, records its result, and then nothing that moves it changes', async () => {
    const view = await branch.call('rounds.get', { campaignYear: YEAR, round: 1 });
    expect(view.blockers).toEqual([]);
    const locked = await branch.call('rounds.lock', { campaignYear: YEAR, round: 1 });
    expect(locked).toMatchObject({ status: 'locked', lockedBy: 'admin' });
    expect(locked.ranking.selection.selected).toEqual([collective.A, collective.C]);
    // The proposals enter the award history.
    const history = await branch.call('awards.list', { unitId: (await branch.call('dossiers.get', { id: collective.A as string })).dossier.unitId });
    expect(history).toMatchObject([{ campaignYear: YEAR, stage: 'proposed', title: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh' }]);
    // What would move the round is refused, each with the round named.
    const roundLocked = { code: 'round.locked', params: { round: 1 } };
    expect(await branch.errorOf('ballots.recount', { campaignYear: YEAR, round: 1, dossierId: collective.D as string, reason: 'Kiểm lại phiếu' })).toMatchObject(roundLocked);
    expect(await branch.errorOf('reviews.save', { dossierId: collective.D as string, memberId: members[2] as string, scores: {}, conflict: true, note: '' })).toMatchObject(roundLocked);
    expect(await branch.errorOf('campaigns.update', { year: YEAR, quotaCollectives: 3 })).toMatchObject(roundLocked);
    const detail = await branch.call('dossiers.get', { id: collective.D as string });
    expect(await branch.errorOf('dossiers.save', { id: collective.D as string, campaignYear: YEAR, nomineeKind: 'communePeoplesCommittee', unitId: detail.dossier.unitId, content: detail.dossier.content })).toMatchObject(roundLocked);
    // A change made in the file itself does not move the recorded result either.
    withDatabase(branch.dataDir, (db) => db.prepare("UPDATE dossiers SET status = 'draft' WHERE id = ?").run(collective.A), { readonly: false });
    expect((await ranking('collective')).selection.selected).toEqual([collective.A, collective.C]);
    withDatabase(branch.dataDir, (db) => db.prepare("UPDATE dossiers SET status = 'ready' WHERE id = ?").run(collective.A), { readonly: false });
  });

  it('the allocation’s tied last seat is the council’s to decide, after round 1 is locked', async () => {
    const report = await branch.call('allocation.get', { campaignYear: YEAR });
    expect(report.final).toBe(true);
    // Equal results of the two offices and three seats: one each, and a tie for the third.
    expect(report.tie).toMatchObject({ places: 1, decision: null });
    expect([...(report.tie?.ids ?? [])].sort()).toEqual(offices.map((office) => office.id).sort());
    const individuals = await ranking('individual');
    expect(individuals.allocationOpen).toBe(true);
    expect(individuals.rows.map((row) => row.personName).sort()).toEqual(Object.keys(person).sort());
    await branch.call('decisions.record', { campaignYear: YEAR, round: 2, kind: 'allocationTie', subject: report.tie?.subject ?? '', chosen: [offices[0]?.id as string], reason: 'Gò Dầu có nhiều tổ TK&VV xếp loại tốt hơn.' });
    const decided = await branch.call('allocation.get', { campaignYear: YEAR });
    expect(Object.fromEntries(decided.allocation.lines.map((line) => [line.id, line.seats]))).toMatchObject({ [offices[0]?.id as string]: 2, [offices[1]?.id as string]: 1 });
    expect(decided.tie?.decision?.reason).toBe('Gò Dầu có nhiều tổ TK&VV xếp loại tốt hơn.');
  });

  it('round 2 proposes within each office’s seats, then locks; only the chair or an administrator reopens, with a reason', async () => {
    const meetingView = await branch.call('meetings.get', { campaignYear: YEAR, round: 1 });
    await branch.call('meetings.save', { campaignYear: YEAR, round: 2, heldOn: '2026-02-10', startsAt: '', endsAt: '', place: 'Hội trường', chairMemberId: members[0] ?? null, secretaryMemberId: members[1] ?? null, notes: '', attendance: meetingView.meeting?.attendance ?? [] });
    for (const id of Object.values(person)) await enterTwice(id, 4, 2);
    const individuals = await ranking('individual');
    expect(individuals.seats?.find((seat) => seat.id === offices[0]?.id)).toMatchObject({ seats: 2, proposed: 2 });
    expect(individuals.selection.selected).toHaveLength(3);
    await branch.call('rounds.lock', { campaignYear: YEAR, round: 2 });

    // Round 1 cannot be reopened while round 2, which depends on it, is locked.
    expect((await branch.errorOf('rounds.reopen', { campaignYear: YEAR, round: 1, reason: 'Xem lại vòng 1' })).code).toBe('round.laterLocked');
    // The secretary is not the chair: refused.
    const bySecretary = await rawCall(branch.core, 'rounds.reopen', { campaignYear: YEAR, round: 2, reason: 'Xem lại vòng 2' }, secretarySession);
    expect(bySecretary).toEqual({ ok: false, error: { code: 'round.reopenForbidden' } });
    const reopened = await as<{ status: string }>(chairSession, 'rounds.reopen', { campaignYear: YEAR, round: 2, reason: 'Bổ sung hồ sơ cá nhân' });
    expect(reopened.status).toBe('open');
    const log = await branch.call('audit.list', { action: 'round.reopened' });
    expect(log.entries[0]).toMatchObject({ actor: 'chu.tich', change: { note: 'Bổ sung hồ sơ cá nhân' } });
    // The proposals of the reopened round leave the award history.
    const personId = (await branch.call('dossiers.get', { id: person['Lê Thị Mai'] as string })).dossier.personId as string;
    expect(await branch.call('awards.list', { personId })).toEqual([]);
    await branch.call('rounds.lock', { campaignYear: YEAR, round: 2 });
    const [award] = await branch.call('awards.list', { personId });
    const given = await branch.call('awards.record', { id: award?.id ?? '', decisionNumber: '123/QĐ-UBND', decisionDate: '2026-03-15', issuer: 'Chủ tịch UBND tỉnh Tây Ninh' });
    expect(given).toMatchObject({ stage: 'awarded', decisionNumber: '123/QĐ-UBND' });
  });

  it('next year’s campaign starts from this one: schemes, rules and council copied; this year stays as it was', async () => {
    const next = await branch.call('campaigns.startNext', { fromYear: YEAR });
    expect(next).toMatchObject({ year: YEAR + 1, status: 'preparation', quotaCollectives: 2, quotaIndividuals: 3 });
    expect((await branch.call('council.get', { campaignYear: YEAR + 1 })).members.map((member) => member.fullName)).toEqual((await branch.call('council.get', { campaignYear: YEAR })).members.map((member) => member.fullName));
    expect((await branch.errorOf('campaigns.startNext', { fromYear: YEAR })).code).toBe('campaign.exists');
    expect((await branch.call('campaigns.list', {})).map((campaign) => [campaign.year, campaign.rounds.map((round) => round.status)])).toEqual([
      [YEAR + 1, ['open', 'open']],
      [YEAR, ['locked', 'locked']],
    ]);
    expect((await ranking('collective')).status).toBe('locked');
  });
});
