import type { Core } from '../../electron/core';
import type { CallInput, CallName, CallOutput, RoundView } from '../../shared/contract/calls';
import type { RoundNumber } from '../../shared/domain/council';
import { accountSession } from './accounts';

/** A call as the command line's operator (session null), or as a signed-in account. */
async function callAs<K extends CallName>(core: Core, name: K, input: CallInput<K>, session: string | null = null): Promise<CallOutput<K>> {
  const response = await core.call({ call: name, input, session }, session === null);
  if (!response.ok) throw Object.assign(new Error(`${name}: ${response.error.code} ${JSON.stringify(response.error.params ?? {})} ${JSON.stringify(response.error.issues ?? [])}`), { shape: response.error });
  return response.value as CallOutput<K>;
}

const secretaries = new WeakMap<Core, string>();

/** The session of a second account, for the second entry of every ballot (the first is the operator's). */
async function secondEntrant(core: Core): Promise<string> {
  const known = secretaries.get(core);
  if (known) return known;
  const session = await accountSession(core, { username: 'thu.ky.kiem.phieu', fullName: 'Lê Thị Kiểm Phiếu', role: 'secretary', password: 'mat-khau-kiem-phieu' });
  secretaries.set(core, session);
  return session;
}

/**
 * Takes a round of the council through to its lock the shortest way, as tests of what comes after need it: a
 * council of three (if it has none), a meeting with all present, every ballot the selection waits for entered twice
 * (all in favour) by two accounts, every tie decided for the first of the tied, then the lock.
 */
export async function lockRoundQuickly(core: Core, campaignYear: number, round: RoundNumber, options: { officialTotal?: 'self' | 'council' } = {}): Promise<RoundView> {
  if (options.officialTotal) {
    const campaign = await callAs(core, 'campaigns.get', { year: campaignYear });
    if (campaign.settings.officialTotal !== options.officialTotal) await callAs(core, 'campaigns.update', { year: campaignYear, settings: { ...campaign.settings, officialTotal: options.officialTotal } });
  }
  let council = await callAs(core, 'council.get', { campaignYear });
  if (council.members.length === 0) {
    for (const [fullName, position] of [
      ['Trần Văn Chủ Tịch', 'chair'],
      ['Lê Thị Thư Ký', 'secretary'],
      ['Phạm Văn Ủy Viên', 'member'],
    ] as const) {
      council = await callAs(core, 'council.saveMember', { campaignYear, fullName, position, title: '', userId: null });
    }
  }
  const meeting = await callAs(core, 'meetings.get', { campaignYear, round });
  if (!meeting.meeting) {
    await callAs(core, 'meetings.save', {
      campaignYear,
      round,
      heldOn: `${campaignYear + 1}-01-20`,
      startsAt: '08:00',
      endsAt: '11:00',
      place: 'Hội trường Chi nhánh',
      chairMemberId: council.members.find((member) => member.position === 'chair')?.id ?? null,
      secretaryMemberId: council.members.find((member) => member.position === 'secretary')?.id ?? null,
      notes: '',
      attendance: council.members.map((member) => ({ memberId: member.id, presence: 'present' as const })),
    });
  }
  // Round 2's seats come from the allocation: its tie, if any, is decided first.
  if (round === 2) {
    const allocation = await callAs(core, 'allocation.get', { campaignYear });
    if (allocation.tie && !allocation.tie.decision) {
      await callAs(core, 'decisions.record', { campaignYear, round: 2, kind: 'allocationTie', subject: allocation.tie.subject, chosen: allocation.tie.ids.slice(0, allocation.tie.places), reason: 'Hội đồng biểu quyết.' });
    }
  }
  const voters = (await callAs(core, 'meetings.get', { campaignYear, round })).quorum.present;
  for (let guard = 0; guard < 50; guard += 1) {
    const view = await callAs(core, 'rounds.get', { campaignYear, round });
    const { selection } = view.ranking;
    if (selection.awaitingBallot.length === 0 && selection.ties.every((tie) => tie.chosen !== null)) break;
    for (const dossierId of selection.awaitingBallot) {
      const counts = { campaignYear, round, dossierId, votesFor: voters, votesAgainst: 0, abstentions: 0 };
      await callAs(core, 'ballots.enter', counts);
      await callAs(core, 'ballots.enter', counts, await secondEntrant(core));
    }
    if (selection.awaitingBallot.length > 0) continue;
    for (const tie of selection.ties.filter((candidate) => candidate.chosen === null)) {
      await callAs(core, 'decisions.record', { campaignYear, round, kind: 'cutoffTie', subject: tie.subject, chosen: tie.ids.slice(0, tie.places), reason: 'Hội đồng biểu quyết chọn theo thứ tự hồ sơ.' });
    }
  }
  return callAs(core, 'rounds.lock', { campaignYear, round });
}
