import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Role } from '../../shared/domain/account';
import type { NomineeKind } from '../../shared/domain/kinds';
import { accountSession } from '../support/accounts';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { ADMIN, BRANCH_NAME, enrol, OFFICE_NAME as GO_DAU, openInstallation, pdfBytes, readyDossier, YEAR, type Installation } from '../integration/exchange-support';
import { fillSheet, saveSheet } from './council-sheets';
import { exchangeTab, upload, writeAndDownload } from './exchange-files';
import { buildIfStale, hundredths, login, shot } from './helpers';

/**
 * A whole year of the council, with three data directories (the branch, Gò Dầu, Trảng Bàng), each in its own
 * browser-mode process, in Chromium.
 *
 * Prepared outside the pages, with an in-process core on each data directory before its host starts, because other
 * end-to-end tests drive these very pages already and this one is about the council: the installations (the wizard:
 * first-dossier), the campaign's quotas (campaign), the setup and enrolment files and the collectives' submission
 * (exchange), the offices' dossiers made ready (first-dossier, dossier-individual), and the branch's accounts (trust).
 * Everything the council does goes through the pages: its members, the meetings and their quorum, the members' score
 * sheets and a conflict of interest, the ballots entered twice by two accounts and a recount, the tie at the cut-off
 * and the tied last seat of the allocation decided with reasons, the locks (and a reopening by the chair), the
 * allocation and results files written and read at both offices, the individuals' submission, the award history and
 * next year's campaign.
 *
 * The data is small and each situation has its reason:
 * - every collective dossier has the same content, so only the council's sheets order them: Phước Thạnh (full marks
 *   from the chair and the secretary; a third member declares a conflict, so 2 of 3 sheets count), An Tịnh (90 %),
 *   then Thạnh Đức and Gia Lộc with identical sheets (80 %) and equal ballots: tied at every key of the chain;
 * - 3 collective places put that tie on the cut-off (2 nominees for the 3rd place); the council chooses Gia Lộc;
 * - each office has 2 eligible collectives, the weight of the individual quota's allocation, and 3 places cannot be
 *   shared equally: the last seat is tied; the stated order would give it to Gò Dầu, the council gives it to Trảng Bàng;
 * - so in round 2 Gò Dầu has 1 seat and Trảng Bàng 2: Gò Dầu's second individual, ranked above Trảng Bàng's two,
 *   finds no seat left while both of Trảng Bàng's are proposed;
 * - the council has 3 members: round 1 meets with 2 (exactly the quorum of two thirds) and approves with 2 votes of 3
 *   (more than half of all members); round 2 meets with all 3.
 */

const TRANG_BANG = 'Phòng giao dịch NHCSXH Trảng Bàng';
const COLLECTIVE_QUOTA = 3;
const INDIVIDUAL_QUOTA = 3;

const SECRETARY = { username: 'hanh.pham', fullName: 'Phạm Thị Hạnh', role: 'secretary' as Role, password: 'thu-ky-hoi-dong-2025' };
const CHECKER = { username: 'mai.le', fullName: 'Lê Thị Mai', role: 'secretary' as Role, password: 'kiem-phieu-2025' };
const CHAIR_ACCOUNT = { username: 'bao.tran', fullName: 'Trần Quốc Bảo', role: 'councilMember' as Role, password: 'chu-tich-hoi-dong-2025' };
const CLERK = { username: 'tuan.ngo', fullName: 'Ngô Minh Tuấn', role: 'clerk' as Role, password: 'van-thu-chi-nhanh-2025' };

const CHAIR = 'Trần Quốc Bảo';
const COUNCIL_SECRETARY = 'Phạm Thị Hạnh';
const MEMBER = 'Võ Văn Đức';

/** The collectives: People's Committees of communes and wards, two per office. */
const PHUOC_THANH = 'UBND xã Phước Thạnh';
const THANH_DUC = 'UBND xã Thạnh Đức';
const AN_TINH = 'UBND phường An Tịnh';
const GIA_LOC = 'UBND phường Gia Lộc';

/** The individuals (heads of savings-and-loan groups), each with the commune they work in and the share the council gives them. */
const INDIVIDUALS = [
  { fullName: 'Nguyễn Thị Lan', gender: 'female', birthYear: 1978, unit: PHUOC_THANH, share: 0.9 },
  { fullName: 'Trần Văn Hùng', gender: 'male', birthYear: 1972, unit: THANH_DUC, share: 0.85 },
  { fullName: 'Lê Thị Thu', gender: 'female', birthYear: 1980, unit: AN_TINH, share: 0.8 },
  { fullName: 'Phạm Văn Minh', gender: 'male', birthYear: 1975, unit: GIA_LOC, share: 0.75 },
] as const;

const TIE_REASON = 'Hội đồng thảo luận, thống nhất chọn UBND phường Gia Lộc vì đơn vị chưa được đề nghị khen thưởng năm trước.';
const SEAT_REASON = 'Hội đồng thống nhất giao suất còn lại cho Trảng Bàng, nơi có nhiều Tổ TK&VV hơn.';
const RECOUNT_REASON = 'Đọc nhầm dòng trong biên bản kiểm phiếu';

interface PreparedYear {
  branch: Installation;
  goDau: Installation;
  trangBang: Installation;
  /** Unit ids by name (the same at every installation). */
  units: Map<string, string>;
  /** Dossier ids by nominee name (the same at the office and the branch). */
  dossiers: Map<string, string>;
}

/** What the pages of other tests already do, done in-process: installations, enrolment, ready dossiers, the collectives sent, accounts. */
async function prepareYear(stick: string): Promise<PreparedYear> {
  const branch = await openInstallation('branch', BRANCH_NAME);
  const goDau = await openInstallation('office', GO_DAU);
  const trangBang = await openInstallation('office', TRANG_BANG);
  await branch.call('campaigns.update', { year: YEAR, quotaCollectives: COLLECTIVE_QUOTA, quotaIndividuals: INDIVIDUAL_QUOTA });
  const enrolled = [
    await enrol(branch, goDau, stick, { tag: 'go-dau', communeNames: [PHUOC_THANH, THANH_DUC] }),
    await enrol(branch, trangBang, stick, { tag: 'trang-bang', communeNames: [AN_TINH, GIA_LOC] }),
  ];
  const units = new Map<string, string>();
  const dossiers = new Map<string, string>();
  const evidence = (seed: string) => [{ fileName: 'Biên bản họp bình xét.pdf', bytes: pdfBytes(seed) }];
  for (const { office, officeUnit, communes } of enrolled) {
    units.set(officeUnit.name, officeUnit.id);
    const collectives: string[] = [];
    for (const commune of communes) {
      units.set(commune.name, commune.id);
      const kind: NomineeKind = 'communePeoplesCommittee';
      const dossier = await readyDossier(office, { kind, unitId: commune.id }, evidence(commune.name), { eligible: true });
      dossiers.set(commune.name, dossier.dossier.id);
      collectives.push(dossier.dossier.id);
    }
    // The collectives go to the branch now; the individuals wait, ready, for the allocation file.
    const file = `${stick}/nop-tap-the-${office === goDau ? 'go-dau' : 'trang-bang'}.tdcs`;
    await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, dossierIds: collectives, to: file });
    await branch.apply(file, { acceptLate: true });
    for (const person of INDIVIDUALS.filter((candidate) => communes.some((commune) => commune.name === candidate.unit))) {
      const unitId = units.get(person.unit) ?? '';
      const created = await office.call('people.create', { fullName: person.fullName, birthYear: person.birthYear, gender: person.gender, position: 'Tổ trưởng Tổ TK&VV', unitId });
      const dossier = await readyDossier(office, { kind: 'groupHead', unitId, personId: created.id }, evidence(person.fullName), { eligible: true });
      dossiers.set(person.fullName, dossier.dossier.id);
    }
  }
  for (const account of [SECRETARY, CHECKER, CHAIR_ACCOUNT, CLERK]) await accountSession(branch.core, account);
  for (const installation of [branch, goDau, trangBang]) installation.shutdown();
  return { branch, goDau, trangBang, units, dossiers };
}

describe('a whole year of the council, from the submissions to next year’s campaign', () => {
  const stick = temporaryDataDir('tdcs-e2e-year-usb-');
  let year: PreparedYear | undefined;
  const hosts: Awaited<ReturnType<typeof startBrowserMode>>[] = [];
  let browser: Browser | undefined;
  /** The council's secretary, the chair (on his own account), the second secretary who checks the ballots, and each office. */
  let secretary: Page;
  let chair: Page;
  let checker: Page;
  let clerk: Page;
  let goDauPage: Page;
  let trangBangPage: Page;

  const id = (name: string): string => {
    const found = year?.dossiers.get(name) ?? year?.units.get(name);
    if (!found) throw new Error(`no id for ${name}`);
    return found;
  };
  const nav = (page: Page, name: string) => page.locator('nav.main-nav').getByRole('link', { name, exact: true });
  const rankingRow = (page: Page, name: string) => page.getByTestId('ranking-table').locator(`tr[data-dossier="${id(name)}"]`);
  const ballotRow = (page: Page, round: 1 | 2, name: string) => page.getByTestId(`ballots-${round}`).locator(`tr[data-dossier="${id(name)}"]`);

  /** The same screen in English, then back in Vietnamese. */
  async function inEnglish(page: Page, name: string, ready: (page: Page) => Locator): Promise<void> {
    await page.getByTestId('language-switch').selectOption('en');
    await ready(page).waitFor();
    await shot(page, `${name}-en`);
    await page.getByTestId('language-switch').selectOption('vi');
    await nav(page, 'Xếp hạng').waitFor();
  }

  /** The council page on a round's tab, read afresh. */
  async function openRound(page: Page, round: 1 | 2): Promise<void> {
    await nav(page, 'Hội đồng').click();
    await page.getByRole('heading', { name: `Hội đồng Thi đua - Khen thưởng năm ${YEAR}`, level: 1 }).waitFor();
    await page.getByTestId('council-tab-members').click();
    await page.getByTestId(`council-tab-round${round}`).click();
    await page.getByTestId(`round-${round}`).waitFor();
  }

  async function openRanking(page: Page, group: 'collective' | 'individual'): Promise<void> {
    await nav(page, 'Xếp hạng').click();
    await page.getByTestId('ranking-group').selectOption(group);
    await page.getByTestId('ranking-table').locator('tbody tr[data-dossier]').first().waitFor();
  }

  /** Opens a dossier at the branch, where its council panel is. */
  async function openDossier(page: Page, name: string): Promise<void> {
    await page.goto(`${new URL(page.url()).origin}/#/dossiers/${encodeURIComponent(id(name))}`);
    await page.getByTestId('council-panel').waitFor();
  }

  /** One entry of a ballot: the counts typed from the minutes of the vote. */
  async function enterBallot(page: Page, round: 1 | 2, name: string, counts: [number, number, number], after: 'first' | 'accepted' | 'disagreement'): Promise<void> {
    await ballotRow(page, round, name).getByTestId(`ballot-enter-${id(name)}`).click();
    const form = page.getByTestId('ballot-entry');
    await form.getByTestId('ballot-votesFor').fill(String(counts[0]));
    await form.getByTestId('ballot-votesAgainst').fill(String(counts[1]));
    await form.getByTestId('ballot-abstentions').fill(String(counts[2]));
    await form.getByTestId('ballot-save').click();
    await expect.poll(() => ballotRow(page, round, name).getAttribute('data-ballot')).toBe(after);
  }

  async function fillMeeting(page: Page, round: 1 | 2, meeting: { date: string; starts: string; ends: string; absent: string[] }): Promise<void> {
    const form = page.getByTestId(`meeting-form-${round}`);
    await form.getByTestId(`meeting-date-${round}`).fill(meeting.date);
    await form.locator(`#meeting-starts-${round}`).fill(meeting.starts);
    await form.locator(`#meeting-ends-${round}`).fill(meeting.ends);
    await form.getByTestId(`meeting-place-${round}`).fill('Hội trường Chi nhánh NHCSXH tỉnh Tây Ninh');
    for (const name of meeting.absent) await form.getByTestId(`presence-${name}-absent`).check();
  }

  /** Locks a round from its panel, after the confirmation. */
  async function lockRound(page: Page, round: 1 | 2): Promise<void> {
    await page.getByTestId(`round-${round}-ready`).waitFor();
    await page.getByTestId(`round-${round}-lock`).click();
    await page.getByTestId(`round-${round}-lock-confirm`).click();
    await expect.poll(() => page.getByTestId(`round-${round}`).getAttribute('data-status')).toBe('locked');
  }

  /** Writes an allocation or results file for one office at the branch's send tab. */
  async function writeFor(kind: 'allocation' | 'results', office: string, name: string): Promise<string> {
    await secretary.getByTestId(`send-kind-${kind}`).check();
    await secretary.getByTestId('send-peer').selectOption({ label: office });
    return writeAndDownload(secretary, stick.dir, name);
  }

  /** Imports a file at an office after reading its dry run; resolves with the notes of the items it lists. */
  async function importAtOffice(page: Page, path: string, kind: string): Promise<Map<string, string>> {
    await nav(page, 'Trao đổi').click();
    await upload(page, path);
    await page.getByTestId('receive-dry-run').waitFor();
    expect(await page.getByTestId('plan-kind').textContent()).toBe(kind);
    const rows = page.getByTestId('plan-group-new').locator('tbody tr');
    const notes = new Map(await rows.evaluateAll((list) => list.map((row) => [row.getAttribute('data-ref') ?? '', row.querySelectorAll('td')[2]?.textContent ?? ''] as [string, string])));
    // Each office's files are numbered on their own: what the branch sent the other office is not missing from this one's.
    expect(await page.getByTestId('plan-sequence').getAttribute('data-status')).toBe('next');
    expect(await page.getByTestId('accept-gap').count()).toBe(0);
    await page.getByTestId('receive-import').click();
    expect(await page.getByTestId('receive-done').textContent()).toContain(BRANCH_NAME);
    return notes;
  }

  beforeAll(async () => {
    buildIfStale();
    year = await prepareYear(stick.dir);
    for (const installation of [year.branch, year.goDau, year.trangBang]) hosts.push(await startBrowserMode(installation.dataDir));
    browser = await launchChromium();
    const pageAt = async (url: string) => {
      const page = await (await (browser as Browser).newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 }, acceptDownloads: true })).newPage();
      await page.goto(url);
      return page;
    };
    const [branchHost, goDauHost, trangBangHost] = hosts.map((host) => host.url);
    secretary = await pageAt(branchHost ?? '');
    chair = await pageAt(branchHost ?? '');
    checker = await pageAt(branchHost ?? '');
    clerk = await pageAt(branchHost ?? '');
    goDauPage = await pageAt(goDauHost ?? '');
    trangBangPage = await pageAt(trangBangHost ?? '');
    await login(secretary, SECRETARY.username, SECRETARY.password);
    await login(chair, CHAIR_ACCOUNT.username, CHAIR_ACCOUNT.password);
    await login(checker, CHECKER.username, CHECKER.password);
    await login(clerk, CLERK.username, CLERK.password);
    await login(goDauPage, ADMIN.username, ADMIN.password);
    await login(trangBangPage, ADMIN.username, ADMIN.password);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const host of hosts) await host.stop();
    for (const installation of [year?.branch, year?.goDau, year?.trangBang]) installation?.close();
    stick.remove();
  });

  it('at the branch the four collectives received wait for the council’s sheets: the official total is the council’s', async () => {
    await openRanking(secretary, 'collective');
    expect(await secretary.getByTestId('official-total').textContent()).toBe('Tổng điểm chính thức: điểm của Hội đồng (phiếu chấm của các thành viên).');
    expect(await secretary.getByTestId('awaiting-sheets').textContent()).toBe('Còn 4 hồ sơ chờ phiếu chấm của thành viên Hội đồng: chưa được đề xuất cho đến khi được chấm.');
    for (const name of [PHUOC_THANH, THANH_DUC, AN_TINH, GIA_LOC]) {
      expect(await secretary.getByTestId(`ranking-source-${id(name)}`).textContent()).toBe('Chờ Hội đồng chấm (0 phiếu)');
    }
    expect(await secretary.locator('[data-testid^="ranking-proposed-"]').count()).toBe(0);
  });

  it('the secretary names the council: the chair with his account, herself with hers, a member without one', async () => {
    await nav(secretary, 'Hội đồng').click();
    for (const member of [
      { fullName: CHAIR, position: 'chair', title: 'Giám đốc Chi nhánh', account: CHAIR_ACCOUNT.username },
      { fullName: COUNCIL_SECRETARY, position: 'secretary', title: 'Trưởng phòng Hành chính - Tổ chức', account: SECRETARY.username },
      { fullName: MEMBER, position: 'member', title: 'Trưởng phòng Kế hoạch - Nghiệp vụ', account: null },
    ]) {
      await secretary.getByTestId('member-add').click();
      const form = secretary.getByTestId('member-form');
      await form.locator('#member-fullName').fill(member.fullName);
      await form.locator('#member-position').selectOption(member.position);
      await form.locator('#member-title').fill(member.title);
      if (member.account) {
        const option = form.locator('#member-account option', { hasText: `(${member.account},` });
        await form.locator('#member-account').selectOption((await option.getAttribute('value')) ?? '');
      }
      await form.getByTestId('member-save').click();
      await secretary.getByTestId('members-table').locator(`tr[data-member="${member.fullName}"]`).waitFor();
      expect(await secretary.getByTestId('members-notice').textContent()).toBe(`Đã lưu: ${member.fullName}.`);
    }
    const cells = async (name: string) => secretary.getByTestId('members-table').locator(`tr[data-member="${name}"] td`).allTextContents();
    expect((await cells(CHAIR)).slice(0, 4)).toEqual([CHAIR, 'Chủ tịch Hội đồng', 'Giám đốc Chi nhánh', CHAIR_ACCOUNT.username]);
    expect((await cells(MEMBER)).slice(1, 4)).toEqual(['Ủy viên', 'Trưởng phòng Kế hoạch - Nghiệp vụ', 'không có']);
  });

  it('the members score the collectives: the chair on his own account, the others on paper, one with a conflict of interest', async () => {
    // The chair's account scores as the chair only: the member is shown, not chosen.
    await openDossier(chair, PHUOC_THANH);
    await chair.getByTestId('review-add').click();
    expect(await chair.getByTestId('review-member').count()).toBe(0);
    await fillSheet(chair, { member: CHAIR, share: 1, conflict: false, note: 'Đơn vị dẫn đầu về giảm nợ quá hạn.' });
    const chairTotal = await saveSheet(chair, CHAIR);

    // The secretary types the paper sheets of the others: for Phước Thạnh the same full marks, and a member's conflict.
    await openDossier(secretary, PHUOC_THANH);
    await secretary.getByTestId('review-add').click();
    await fillSheet(secretary, { member: COUNCIL_SECRETARY, share: 1, conflict: false, note: '' });
    await saveSheet(secretary, COUNCIL_SECRETARY);
    await secretary.getByTestId('review-add').click();
    await fillSheet(secretary, { member: MEMBER, share: 0.5, conflict: true, note: 'Con trai là công chức UBND xã Phước Thạnh.' });
    await saveSheet(secretary, MEMBER);
    expect(await secretary.getByTestId('review-table').locator(`tr[data-reviewer="${MEMBER}"]`).getByTestId('review-conflict-mark').textContent()).toBe('Xung đột');
    // Every member has a sheet here: there is no one left to add.
    expect(await secretary.getByTestId('review-add').count()).toBe(0);
    await shot(secretary, 'year-01-sheets-conflict-vi');

    for (const [name, share] of [
      [AN_TINH, 0.9],
      [THANH_DUC, 0.8],
      [GIA_LOC, 0.8],
    ] as const) {
      await openDossier(secretary, name);
      await secretary.getByTestId('review-add').click();
      await fillSheet(secretary, { member: COUNCIL_SECRETARY, share, conflict: false, note: '' });
      await saveSheet(secretary, COUNCIL_SECRETARY);
    }

    // The ranking now totals the council's sheets: the conflicted one is left out of Phước Thạnh's.
    await openRanking(secretary, 'collective');
    expect(await secretary.getByTestId(`ranking-source-${id(PHUOC_THANH)}`).textContent()).toBe('Hội đồng (2/3 phiếu)');
    expect(await hundredths(secretary.getByTestId(`ranking-total-${id(PHUOC_THANH)}`))).toBe(chairTotal);
    expect(await secretary.getByTestId(`ranking-source-${id(AN_TINH)}`).textContent()).toBe('Hội đồng (1/1 phiếu)');
    expect(await secretary.getByTestId('awaiting-sheets').count()).toBe(0);
    const positions = async () => Promise.all([PHUOC_THANH, AN_TINH, THANH_DUC, GIA_LOC].map(async (name) => Number(await rankingRow(secretary, name).getAttribute('data-position'))));
    expect(await positions()).toEqual([1, 2, 3, 3]);
  });

  it('the meeting of round 1: one member absent, the quorum computed as the attendance is typed', async () => {
    await openRound(secretary, 1);
    // Before the meeting nothing can be decided: the round says what it needs.
    expect(await secretary.getByTestId('round-1-blockers').textContent()).toContain('ghi thông tin phiên họp');
    expect(await secretary.getByText('Nhập kết quả biểu quyết sau khi đã ghi phiên họp đủ số thành viên.').count()).toBe(1);
    await fillMeeting(secretary, 1, { date: '20/01/2026', starts: '08:00', ends: '11:00', absent: [MEMBER, COUNCIL_SECRETARY] });
    const quorum = secretary.getByTestId('meeting-quorum-1');
    expect(await quorum.getAttribute('data-reached')).toBe('false');
    expect(await quorum.textContent()).toBe('1/3 thành viên có mặt (cần 2). Chưa đủ số thành viên: chỉ ghi được thành phần dự họp, chưa quyết định được.');
    // Two of three present is exactly the quorum of two thirds.
    await secretary.getByTestId(`presence-${COUNCIL_SECRETARY}-present`).check();
    expect(await quorum.getAttribute('data-reached')).toBe('true');
    expect(await quorum.textContent()).toBe('2/3 thành viên có mặt (cần 2). Đủ số thành viên: phiên họp được biểu quyết, quyết định.');
    await secretary.getByTestId('meeting-save-1').click();
    await secretary.getByTestId('meeting-saved-1').waitFor();
    expect(await secretary.getByTestId('meeting-date-1').inputValue()).toBe('20/01/2026');
    expect(await secretary.getByTestId(`presence-${MEMBER}-absent`).isChecked()).toBe(true);
    await secretary.getByTestId('ballots-1').waitFor();
    await shot(secretary, 'council-meeting-vi');
    await inEnglish(secretary, 'council-meeting', (page) => page.getByRole('heading', { name: 'Meeting of round 1' }));
  });

  it('the ballots are entered twice by two accounts; a disagreement shows both entries and is counted again', async () => {
    await openRound(secretary, 1);
    // Two of three votes for is more than half of all members: the threshold is stated with the number of votes.
    expect(await secretary.getByTestId('ballots-1').textContent()).toContain('Đối tượng chỉ được đề nghị khi có trên 1/2 tổng số thành viên Hội đồng đồng ý (2 phiếu).');
    for (const name of [PHUOC_THANH, AN_TINH, THANH_DUC, GIA_LOC]) await enterBallot(secretary, 1, name, [2, 0, 0], 'first');
    // The same account cannot give the second entry.
    expect(await secretary.locator('[data-testid^="ballot-enter-"]').count()).toBe(0);

    await openRound(checker, 1);
    expect(await ballotRow(checker, 1, AN_TINH).textContent()).toContain(`đã nhập một lần (${SECRETARY.username}): chờ một tài khoản khác nhập lần hai`);
    await enterBallot(checker, 1, PHUOC_THANH, [2, 0, 0], 'accepted');
    await enterBallot(checker, 1, AN_TINH, [1, 1, 0], 'disagreement');
    await enterBallot(checker, 1, THANH_DUC, [2, 0, 0], 'accepted');
    await enterBallot(checker, 1, GIA_LOC, [2, 0, 0], 'accepted');

    await openRound(secretary, 1);
    const disputed = ballotRow(secretary, 1, AN_TINH);
    expect(await disputed.getAttribute('data-ballot')).toBe('disagreement');
    expect(await disputed.textContent()).toContain(`hai lần nhập khác nhau: 2/0/0 (${SECRETARY.username}) và 1/1/0 (${CHECKER.username})`);
    expect(await ballotRow(secretary, 1, PHUOC_THANH).textContent()).toContain('đã công nhận: 2 đồng ý, 0 không đồng ý, 0 không có ý kiến');
    expect(await ballotRow(secretary, 1, PHUOC_THANH).textContent()).toContain('Đạt');
    // An Tịnh is within the quota but its ballot is not accepted: the round cannot be locked.
    const blockers = secretary.getByTestId('round-1-blockers');
    expect(await blockers.textContent()).toContain(`1 đối tượng được đề nghị chưa có kết quả biểu quyết được công nhận: ${AN_TINH}`);
    expect(await blockers.textContent()).toContain('còn 1 trường hợp đồng hạng chưa quyết định');
    expect(await secretary.getByTestId('round-1-lock').isDisabled()).toBe(true);
    await shot(secretary, 'council-ballots-vi');
    await inEnglish(secretary, 'council-ballots', (page) => page.getByRole('heading', { name: 'Ballots' }));

    await disputed.getByTestId(`ballot-recount-${id(AN_TINH)}`).click();
    await secretary.locator(`#recount-${id(AN_TINH)}`).fill(RECOUNT_REASON);
    await secretary.getByTestId('ballot-recount-confirm').click();
    await expect.poll(() => disputed.getAttribute('data-ballot')).toBe('none');
    await enterBallot(secretary, 1, AN_TINH, [2, 0, 0], 'first');
    await openRound(checker, 1);
    await enterBallot(checker, 1, AN_TINH, [2, 0, 0], 'accepted');
  });

  it('the tie at the cut-off stays open with equal ballots until the council decides it, with a reason', async () => {
    await openRanking(secretary, 'collective');
    const open = secretary.getByTestId('tie-open');
    await open.waitFor();
    expect(await open.textContent()).toContain('2 đối tượng đồng hạng ở ranh giới cho 1 suất:');
    for (const name of [THANH_DUC, GIA_LOC]) {
      expect(await open.textContent()).toContain(name);
      expect(await secretary.getByTestId(`ranking-cutoff-${id(name)}`).textContent()).toBe('Đồng hạng tại ngưỡng');
      // Equal ballots: the vote share, a key of the chain, does not separate them either.
      expect(await secretary.getByTestId(`ranking-ballot-${id(name)}`).textContent()).toBe('2/2');
    }
    await open.getByTestId('decision-open').click();
    await secretary.getByTestId(`decision-choice-${id(GIA_LOC)}`).check();
    // One place: once Gia Lộc is chosen, Thạnh Đức cannot be chosen too.
    expect(await secretary.getByTestId(`decision-choice-${id(THANH_DUC)}`).isDisabled()).toBe(true);
    expect(await secretary.getByTestId('decision-save').isDisabled()).toBe(true);
    await secretary.getByTestId('decision-reason').fill(TIE_REASON);
    await secretary.getByTestId('decision-save').click();
    const decided = secretary.getByTestId('tie-decided');
    await decided.waitFor();
    expect(await decided.textContent()).toContain(`Đã quyết định: ${GIA_LOC} — ${TIE_REASON} (${SECRETARY.username},`);
    await expect.poll(() => secretary.getByTestId(`ranking-proposed-${id(GIA_LOC)}`).textContent()).toBe('Đề xuất');
    expect(await secretary.getByTestId(`ranking-outcome-${id(THANH_DUC)}`).textContent()).toBe('Đồng hạng: Hội đồng không chọn');
    await shot(secretary, 'council-tie-decided-vi');
    await inEnglish(secretary, 'council-tie-decided', (page) => page.getByRole('heading', { name: 'Ranking', level: 1 }));
  });

  it('round 1 is locked with its proposals; the chair, and not the second secretary or a clerk, may reopen it with a reason', async () => {
    await openRound(secretary, 1);
    await lockRound(secretary, 1);
    expect(await secretary.getByTestId('round-1-status').textContent()).toBe('Đã khóa');
    expect(await secretary.getByTestId('round-1-proposals').locator('li').allTextContents()).toEqual([PHUOC_THANH, AN_TINH, GIA_LOC]);
    // Locked, the meeting no longer changes.
    expect(await secretary.getByTestId('meeting-save-1').count()).toBe(0);

    await openRound(checker, 1);
    expect(await checker.getByTestId('round-1-reopen').count()).toBe(0);
    // A clerk has no council page, and the call forced from the page is refused.
    expect(await nav(clerk, 'Hội đồng').count()).toBe(0);
    const forced = await clerk.evaluate(async (year) => {
      const session = sessionStorage.getItem('tdcs.session');
      const input = { campaignYear: year, round: 1, reason: 'Thử mở lại vòng đã khóa' };
      const response = await fetch('./api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ call: 'rounds.reopen', input, session }) });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    }, YEAR);
    expect(forced).toEqual({ ok: false, error: { code: 'auth.forbidden' } });
    await openRound(chair, 1);
    // Still locked after the refusals, read afresh.
    expect(await chair.getByTestId('round-1').getAttribute('data-status')).toBe('locked');
    await chair.getByTestId('round-1-reopen').click();
    await chair.getByTestId('round-1-reopen-reason').fill('Kiểm tra lại biên bản trước khi phân bổ chỉ tiêu');
    await chair.getByTestId('round-1-reopen-confirm').click();
    await expect.poll(() => chair.getByTestId('round-1').getAttribute('data-status')).toBe('open');

    await openRound(secretary, 1);
    await lockRound(secretary, 1);
    await shot(secretary, 'council-round-locked-vi');
    await inEnglish(secretary, 'council-round-locked', (page) => page.getByTestId('round-1-status').getByText('Locked'));
    await openRanking(secretary, 'collective');
    expect(await secretary.getByTestId('ranking-locked').textContent()).toMatch(new RegExp(`^Vòng 1 đã được ${SECRETARY.username} khóa lúc `));
  });

  it('the allocation: the two offices tie for the last seat, and the council gives it to Trảng Bàng', async () => {
    await nav(secretary, 'Phân bổ').click();
    expect(await secretary.getByTestId('allocation-final').textContent()).toBe('Vòng 1 đã khóa: phân bổ này dựa trên kết quả xét tập thể đã được Hội đồng ghi nhận.');
    const seats = (office: string) => secretary.getByTestId('allocation-table').locator(`tr[data-unit="${id(office)}"]`).getAttribute('data-seats');
    const open = secretary.getByTestId('tie-open');
    await open.waitFor();
    expect(await open.textContent()).toContain(`Các đơn vị bằng nhau ở 1 suất cuối của chỉ tiêu cá nhân: ${GO_DAU}, ${TRANG_BANG}.`);
    // Until the council decides, the stated order (the name) fills the seat.
    expect([await seats(GO_DAU), await seats(TRANG_BANG)]).toEqual(['2', '1']);
    await open.getByTestId('decision-open').click();
    await secretary.getByTestId(`decision-choice-${id(TRANG_BANG)}`).check();
    await secretary.getByTestId('decision-reason').fill(SEAT_REASON);
    await secretary.getByTestId('decision-save').click();
    await secretary.getByTestId('tie-decided').waitFor();
    expect(await secretary.getByTestId('tie-decided').textContent()).toContain(`Đã quyết định: ${TRANG_BANG} — ${SEAT_REASON}`);
    await expect.poll(async () => [await seats(GO_DAU), await seats(TRANG_BANG)]).toEqual(['1', '2']);
    expect(await secretary.getByTestId('allocation-total').textContent()).toBe(String(INDIVIDUAL_QUOTA));
    await shot(secretary, 'year-02-allocation-tie-decided-vi');
  });

  it('the allocation file goes to both offices, which read their places before importing it', async () => {
    await nav(secretary, 'Trao đổi').click();
    await exchangeTab(secretary, 'send');
    const files = [await writeFor('allocation', GO_DAU, 'phan-bo-go-dau'), await writeFor('allocation', TRANG_BANG, 'phan-bo-trang-bang')];
    for (const [page, path] of [
      [goDauPage, files[0]],
      [trangBangPage, files[1]],
    ] as const) {
      const notes = await importAtOffice(page, path ?? '', 'Tệp phân bổ chỉ tiêu cá nhân');
      expect(notes.get(id(GO_DAU))).toBe('1 chỉ tiêu cá nhân.');
      expect(notes.get(id(TRANG_BANG))).toBe('2 chỉ tiêu cá nhân.');
    }
  });

  it('each office sends its individual dossiers, which the branch receives', async () => {
    for (const [page, tag] of [
      [goDauPage, 'go-dau'],
      [trangBangPage, 'trang-bang'],
    ] as const) {
      await exchangeTab(page, 'send');
      await page.getByTestId('send-kind-submission').check();
      expect(Number(await page.getByTestId('send-chosen-count').getAttribute('data-count'))).toBe(2);
      const path = await writeAndDownload(page, stick.dir, `nop-ca-nhan-${tag}`);
      await upload(secretary, path);
      await secretary.getByTestId('receive-dry-run').waitFor();
      expect(Number(await secretary.getByTestId('receive-counts').locator('[data-category="new"]').getAttribute('data-count'))).toBe(2);
      await secretary.getByTestId('accept-late').check();
      await secretary.getByTestId('receive-import').click();
      await secretary.getByTestId('receive-done').waitFor();
    }
  });

  it('round 2: the meeting, the sheets, the ballots and the lock; each office’s seats kept, every nominee named', async () => {
    await openRound(secretary, 2);
    await fillMeeting(secretary, 2, { date: '10/02/2026', starts: '14:00', ends: '16:30', absent: [] });
    expect(await secretary.getByTestId('meeting-quorum-2').textContent()).toContain('3/3 thành viên có mặt (cần 2).');
    await secretary.getByTestId('meeting-save-2').click();
    await secretary.getByTestId('meeting-saved-2').waitFor();

    for (const person of INDIVIDUALS) {
      await openDossier(secretary, person.fullName);
      await secretary.getByTestId('review-add').click();
      await fillSheet(secretary, { member: COUNCIL_SECRETARY, share: person.share, conflict: false, note: '' });
      await saveSheet(secretary, COUNCIL_SECRETARY);
    }

    // Gò Dầu's one seat goes to its first; its second, ranked above Trảng Bàng's two, finds no seat left.
    await openRanking(secretary, 'individual');
    const [lan, hung, thu, minh] = INDIVIDUALS.map((person) => person.fullName);
    for (const person of INDIVIDUALS) expect(await rankingRow(secretary, person.fullName).locator('td').nth(1).textContent()).toBe(`${person.fullName} (${person.unit})`);
    expect(await secretary.getByTestId(`ranking-outcome-${id(hung ?? '')}`).textContent()).toBe('Phòng giao dịch đã hết chỉ tiêu');
    for (const name of [lan, thu, minh]) expect(await secretary.getByTestId(`ranking-proposed-${id(name ?? '')}`).textContent()).toBe('Đề xuất, chờ biểu quyết');

    await openRound(secretary, 2);
    for (const name of [lan, thu, minh]) await enterBallot(secretary, 2, name ?? '', [3, 0, 0], 'first');
    await openRound(checker, 2);
    for (const name of [lan, thu, minh]) await enterBallot(checker, 2, name ?? '', [3, 0, 0], 'accepted');
    await openRound(secretary, 2);
    await lockRound(secretary, 2);
    expect(await secretary.getByTestId('round-2-proposals').locator('li').allTextContents()).toEqual([`${lan} (${PHUOC_THANH})`, `${thu} (${AN_TINH})`, `${minh} (${GIA_LOC})`]);

    await openRanking(secretary, 'individual');
    const seats = await secretary.getByTestId('ranking-seats').locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent)));
    expect(seats).toEqual([
      [GO_DAU, '1', '1'],
      [TRANG_BANG, '2', '2'],
    ]);
    for (const name of [lan, thu, minh]) expect(await secretary.getByTestId(`ranking-proposed-${id(name ?? '')}`).textContent()).toBe('Đề xuất');
    await shot(secretary, 'year-03-individual-ranking-vi');
  });

  it('the results file goes to both offices, which see every proposal before importing it', async () => {
    await nav(secretary, 'Trao đổi').click();
    await exchangeTab(secretary, 'send');
    const files = [await writeFor('results', GO_DAU, 'ket-qua-go-dau'), await writeFor('results', TRANG_BANG, 'ket-qua-trang-bang')];
    for (const [page, path] of [
      [goDauPage, files[0]],
      [trangBangPage, files[1]],
    ] as const) {
      const notes = await importAtOffice(page, path ?? '', 'Tệp kết quả');
      // Every proposal of both rounds, in the dry run's order: by name, as every list sorts them.
      expect([...notes.keys()]).toEqual([`Lê Thị Thu (${AN_TINH})`, `Nguyễn Thị Lan (${PHUOC_THANH})`, `Phạm Văn Minh (${GIA_LOC})`, AN_TINH, GIA_LOC, PHUOC_THANH]);
      expect(notes.get(GIA_LOC)).toBe('Được đề xuất (hạng 3).');
    }
  });

  it('the registries keep each nominee’s award history: the proposals of the locked rounds', async () => {
    const history = secretary.getByTestId('award-history');
    await nav(secretary, 'Đơn vị').click();
    for (const [name, proposed] of [
      [PHUOC_THANH, true],
      [THANH_DUC, false],
    ] as const) {
      await secretary.getByTestId('unit-search').fill(name);
      await secretary.getByTestId('unit-table').locator('tbody tr').filter({ hasText: name }).getByTestId('unit-edit').click();
      await history.waitFor();
      if (proposed) {
        const row = history.locator('tr[data-stage="proposed"]');
        expect(await row.locator('td').allTextContents()).toEqual(['2025', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'Đề nghị', '—Ghi quyết định khen thưởng']);
        // No decision yet ("—"), and the way to record the one that gives the award.
        expect(await row.getByRole('button', { name: 'Ghi quyết định khen thưởng' }).count()).toBe(1);
      } else expect(await history.getByText('Chưa có khen thưởng nào.').count()).toBe(1);
    }
    expect(await history.textContent()).toContain('Đây là khen thưởng theo chuyên đề: không làm căn cứ đề nghị khen thưởng theo công trạng sau này');
    await nav(secretary, 'Cá nhân').click();
    await secretary.getByTestId('person-search').fill('Nguyễn Thị Lan');
    await secretary.getByTestId('person-table').locator('tbody tr').filter({ hasText: 'Nguyễn Thị Lan' }).getByTestId('person-edit').click();
    await history.locator('tr[data-stage="proposed"]').waitFor();
    expect(await history.locator('tr[data-stage="proposed"] td').first().textContent()).toBe('2025');
    await shot(secretary, 'year-04-person-award-history-vi');
  });

  it('next year’s campaign starts from this one, with the council copied; this year stays as it was', async () => {
    await nav(secretary, 'Đợt thi đua').click();
    await secretary.getByTestId('campaign-start-next').click();
    await secretary.getByTestId('campaign-start-next-confirm').click();
    await secretary.getByTestId('campaign-started').waitFor();
    expect(await secretary.getByTestId('campaign-started').textContent()).toBe('Đã bắt đầu đợt thi đua năm 2026.');
    const switcher = secretary.getByTestId('campaign-switcher');
    await switcher.waitFor();
    expect(await switcher.locator('option').allTextContents()).toEqual(['2026 (hiện hành)', '2025']);
    await nav(secretary, 'Hội đồng').click();
    await secretary.getByRole('heading', { name: 'Hội đồng Thi đua - Khen thưởng năm 2026', level: 1 }).waitFor();
    await secretary.getByTestId('members-table').waitFor();
    expect(await secretary.getByTestId('members-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-member')))).toEqual([CHAIR, COUNCIL_SECRETARY, MEMBER]);
    await nav(secretary, 'Xếp hạng').click();
    await secretary.getByText('Chưa có hồ sơ để xếp hạng.').waitFor();
    // The year before is still there, as the council locked it.
    await switcher.selectOption('2025');
    await secretary.getByTestId('ranking-locked').waitFor();
    await shot(secretary, 'year-05-next-campaign-vi');
  });
});
