import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { schemeFor, type Campaign } from '../../shared/domain/campaign';
import { pdfBytes } from '../integration/exchange-support';
import { completeContent } from '../integration/helpers';
import { addUnit, buildIfStale, completeWizard, login, shot } from './helpers';

/**
 * Two installations that never share a network, each in its own browser-mode process and data directory,
 * exchange .tdcs files the way people carry them on a USB stick: downloaded from one, uploaded to the other.
 *
 * The branch starts empty (no demo) with one transaction-office unit, and writes that office's setup file.
 * The office is set up empty (the demo is the year in progress, the branch's campaign is 2025); its communes and
 * their ready dossiers are made for 2025 through its calls, and a submission carries every dossier's unit, so the
 * branch needs none of them beforehand.
 * Setup → enrolment → submission (late: the 2025 deadline, 10/01/2026, has passed) → refused replay →
 * one dossier returned with a reason → receipt → the office sees what arrived and what came back.
 */

const BRANCH_ADMIN = { fullName: 'Phạm Thị Hạnh', username: 'hanh.pham', password: 'thu-ky-2025' };
const OFFICE_ADMIN = { fullName: 'Trần Văn Bình', username: 'binh.tran', password: 'pgd-go-dau-2025' };
const BRANCH = 'Chi nhánh NHCSXH tỉnh Tây Ninh';
const OFFICE = 'Phòng giao dịch NHCSXH Gò Dầu';
const REASON = 'Thiếu biên bản họp bình xét của Tổ TK&VV; bổ sung rồi gửi lại.';
/** The office's dossiers made ready for the branch's 2025 campaign (the demo's are for the year in progress). */
const READY = 12;

describe('USB exchange between the branch and an office', () => {
  const branchData = temporaryDataDir('tdcs-e2e-exchange-branch-');
  const officeData = temporaryDataDir('tdcs-e2e-exchange-office-');
  const stick = temporaryDataDir('tdcs-e2e-exchange-usb-');
  let branchHost: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let officeHost: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let branch: Page;
  let office: Page;
  let branchFingerprint = '';
  let officeFingerprint = '';
  let readyCount = 0;
  let returnedId = '';
  let returnedName = '';
  const files: Record<string, string> = {};

  const nav = (page: Page, name: RegExp) => page.locator('nav.main-nav').getByRole('link', { name });
  const tab = (page: Page, name: 'identity' | 'send' | 'receive' | 'dossiers' | 'history') => page.getByTestId(`exchange-tab-${name}`).click();
  const count = async (page: Page, category: string) => Number(await page.getByTestId('receive-counts').locator(`[data-category="${category}"]`).getAttribute('data-count'));

  async function openExchange(page: Page): Promise<void> {
    await nav(page, /^(Trao đổi|Exchange)$/).click();
    await page.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/exchange');
  }

  /** The same screen in Vietnamese, then in English, then back to Vietnamese. */
  async function shots(page: Page, name: string): Promise<void> {
    await shot(page, `${name}-vi`);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { name: 'Data exchange', level: 1 }).waitFor();
    await shot(page, `${name}-en`);
    await page.getByTestId('language-switch').selectOption('vi');
    await page.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 }).waitFor();
  }

  /** Writes the chosen kind and saves the browser's download to the "USB stick". */
  async function writeAndDownload(page: Page, name: string): Promise<string> {
    await page.getByTestId('send-write').click();
    const result = page.getByTestId('send-result');
    await result.waitFor();
    expect(await page.getByTestId('send-verified').textContent()).toContain('Đã đọc lại và kiểm tra');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('send-download').click()]);
    expect(download.suggestedFilename()).toBe(await result.getAttribute('data-file'));
    const path = join(stick.dir, `${name}.tdcs`);
    await download.saveAs(path);
    files[name] = path;
    return path;
  }

  async function upload(page: Page, path: string): Promise<void> {
    await tab(page, 'receive');
    // The tab keeps showing the last import until another file is asked for.
    if (await page.getByTestId('receive-another').isVisible()) await page.getByTestId('receive-another').click();
    await page.getByTestId('receive-file').setInputFiles(path);
  }

  beforeAll(async () => {
    buildIfStale();
    branchHost = await startBrowserMode(branchData.dir);
    officeHost = await startBrowserMode(officeData.dir);
    browser = await launchChromium();
    branch = await (await browser.newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 }, acceptDownloads: true })).newPage();
    office = await (await browser.newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 }, acceptDownloads: true })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await branchHost?.stop();
    await officeHost?.stop();
    branchData.remove();
    officeData.remove();
    stick.remove();
  });

  it('shows the branch its fingerprint to read on the phone, and no office yet', async () => {
    if (!branchHost) throw new Error('browser mode did not start');
    await branch.goto(branchHost.url);
    await completeWizard(branch, { mode: 'branch', organisation: BRANCH, ...BRANCH_ADMIN, demo: false });
    await login(branch, BRANCH_ADMIN.username, BRANCH_ADMIN.password);
    await nav(branch, /^Đơn vị$/).click();
    await addUnit(branch, { name: OFFICE, kind: 'transactionOffice', level: 'province', commune: '' });

    await openExchange(branch);
    const own = branch.getByTestId('exchange-own-fingerprint');
    branchFingerprint = (await own.getAttribute('data-fingerprint')) ?? '';
    expect(branchFingerprint).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
    expect(await own.textContent()).toBe(branchFingerprint);
    await branch.getByText('Đọc mã này cho bên kia qua điện thoại').waitFor();
    expect(await branch.getByTestId('exchange-organisation').textContent()).toBe(BRANCH);
    await branch.getByTestId('exchange-no-offices').waitFor();
    await shots(branch, 'exchange-01-branch-identity');
  });

  it('writes the setup file for the office; the browser downloads it', async () => {
    await tab(branch, 'send');
    // A branch sends setup, receipt, allocation and results; with no office enrolled yet, setup comes first.
    expect(await branch.locator('input[name="send-kind"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([
      'setup',
      'receipt',
      'allocation',
      'results',
    ]);
    expect(await branch.getByTestId('send-kind-setup').isChecked()).toBe(true);
    // Nothing is written before an office is chosen.
    await branch.getByTestId('send-write').click();
    expect(await branch.getByTestId('send-problem').textContent()).toBe('Chọn Phòng giao dịch…');
    const value = await branch.getByTestId('send-office-unit').locator('option', { hasText: OFFICE }).getAttribute('value');
    await branch.getByTestId('send-office-unit').selectOption(value ?? '');
    await writeAndDownload(branch, 'setup');
    const result = branch.getByTestId('send-result');
    expect(await result.getAttribute('data-sequence')).toBe('1');
    expect(await result.textContent()).toContain('Chuyển tệp này cho Phòng giao dịch. Khi họ nhập, hãy đọc mã nhận dạng của Chi nhánh');
    await shots(branch, 'exchange-02-branch-setup-written');
  });

  it('sets up the office, which is told to import the branch’s setup file first', async () => {
    if (!officeHost) throw new Error('browser mode did not start');
    await office.goto(officeHost.url);
    await completeWizard(office, { mode: 'office', organisation: OFFICE, ...OFFICE_ADMIN, demo: false }, 60_000);
    await login(office, OFFICE_ADMIN.username, OFFICE_ADMIN.password);
    await openExchange(office);
    officeFingerprint = (await office.getByTestId('exchange-own-fingerprint').getAttribute('data-fingerprint')) ?? '';
    expect(officeFingerprint).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
    expect(officeFingerprint).not.toBe(branchFingerprint);
    await office.getByTestId('exchange-no-branch').waitFor();
    expect(await office.getByTestId('exchange-steps').locator('li[data-done="true"]').count()).toBe(0);
    await shots(office, 'exchange-03-office-first-step');
    // Sending needs the branch first.
    await tab(office, 'send');
    await office.getByTestId('send-needs-branch').waitFor();
    expect(await office.getByTestId('send-write').isDisabled()).toBe(true);
    await tab(office, 'identity');
    await office.getByTestId('exchange-go-receive').click();
    await office.getByTestId('receive-drop-zone').waitFor();
  });

  it('dry-runs the setup file at the office: the branch’s fingerprint must be confirmed by phone', async () => {
    await office.getByTestId('receive-file').setInputFiles(files.setup ?? '');
    const dryRun = office.getByTestId('receive-dry-run');
    await dryRun.waitFor();
    expect(await office.getByTestId('plan-kind').textContent()).toBe('Tệp thiết lập');
    expect(await office.getByTestId('plan-sender').textContent()).toBe(`${BRANCH} (Chi nhánh)`);
    expect(await office.getByTestId('plan-fingerprint').getAttribute('data-fingerprint')).toBe(branchFingerprint);
    expect(await office.getByTestId('plan-sequence').textContent()).toBe('Số 1: tệp đầu tiên của nơi gửi này.');
    await office.getByTestId('accept-fingerprint-box').waitFor();
    expect(await count(office, 'new')).toBe(1);
    expect(await office.getByTestId('plan-group-new').textContent()).toContain(OFFICE);
    await shots(office, 'exchange-04-office-setup-dry-run');

    // Without the confirmation the import is refused, and says that nothing was written.
    await office.getByTestId('receive-import').click();
    const refusal = office.getByTestId('receive-apply-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`Hãy đối chiếu mã nhận dạng với ${BRANCH} qua điện thoại`);
    expect(await refusal.textContent()).toContain('Chưa ghi gì vào dữ liệu.');
    await shot(office, 'exchange-05-office-setup-refused-vi');

    await office.getByTestId('accept-fingerprint').check();
    await office.getByTestId('receive-import').click();
    await office.getByTestId('receive-done').waitFor();
    expect(await office.getByTestId('receive-done').textContent()).toBe(`Đã nhập tệp thiết lập của ${BRANCH} (tệp số 1).`);
    await shots(office, 'exchange-06-office-setup-imported');

    await tab(office, 'identity');
    const known = office.getByTestId('exchange-branch');
    await known.waitFor();
    expect(await known.textContent()).toContain(BRANCH);
    expect(await known.locator('[data-fingerprint]').getAttribute('data-fingerprint')).toBe(branchFingerprint);
    await expect.poll(() => office.locator('li[data-step="setup"]').getAttribute('data-done')).toBe('true');
  });

  it('writes the office’s enrolment file', async () => {
    await tab(office, 'send');
    expect(await office.locator('input[name="send-kind"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual(['enrolment', 'submission']);
    expect(await office.getByTestId('send-kind-enrolment').isChecked()).toBe(true);
    await writeAndDownload(office, 'enrolment');
    expect(await office.getByTestId('send-result').getAttribute('data-sequence')).toBe('1');
    await shot(office, 'exchange-07-office-enrolment-written-vi');
  });

  it('enrols the office at the branch after comparing the office’s fingerprint', async () => {
    await upload(branch, files.enrolment ?? '');
    await branch.getByTestId('receive-dry-run').waitFor();
    expect(await branch.getByTestId('plan-kind').textContent()).toBe('Tệp đăng ký');
    expect(await branch.getByTestId('plan-fingerprint').getAttribute('data-fingerprint')).toBe(officeFingerprint);
    await branch.getByTestId('accept-fingerprint').check();
    await shots(branch, 'exchange-08-branch-enrolment-dry-run');
    await branch.getByTestId('receive-import').click();
    await branch.getByTestId('receive-done').waitFor();
    await branch.getByTestId('receive-another').click();

    await tab(branch, 'identity');
    const row = branch.getByTestId('exchange-peers').locator(`tr[data-peer="${OFFICE}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('trusted');
    expect(await row.locator('[data-fingerprint]').getAttribute('data-fingerprint')).toBe(officeFingerprint);
    expect(await row.locator('td.number').textContent()).toBe('1');
    await shots(branch, 'exchange-09-branch-offices');
  });

  it('lets an administrator revoke an office’s key after a confirmation, and restore it', async () => {
    const row = () => branch.getByTestId('exchange-peers').locator(`tr[data-peer="${OFFICE}"]`);
    await row().getByTestId('peer-revoke').click();
    const dialog = branch.getByTestId('peer-revoke-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Thu hồi khóa của “${OFFICE}”?`);
    await shot(branch, 'exchange-10-branch-revoke-confirm-vi');
    await branch.getByTestId('peer-revoke-confirm').click();
    await expect.poll(() => row().getAttribute('data-status')).toBe('revoked');
    expect(await branch.getByTestId('exchange-peer-notice').textContent()).toBe(`Đã thu hồi khóa của “${OFFICE}”: tệp của họ bị từ chối.`);
    await row().getByTestId('peer-restore').click();
    await branch.getByTestId('peer-restore-confirm').click();
    await expect.poll(() => row().getAttribute('data-status')).toBe('trusted');
  });

  it('has the office’s communes’ dossiers made ready for the branch’s campaign', async () => {
    // What the dossier pages do (other tests drive them), done through the office's own calls, signed in as its administrator.
    const officeCall = async <T>(call: string, input: unknown): Promise<T> => {
      const answer = await office.evaluate(
        async ({ call, input }) => {
          const response = await fetch('./api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ call, input, session: sessionStorage.getItem('tdcs.session') }) });
          return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
        },
        { call, input },
      );
      if (!answer.ok) throw new Error(`${call}: ${answer.error?.code ?? '?'}`);
      return answer.value as T;
    };
    const campaign = await officeCall<Campaign>('campaigns.get', { year: 2025 });
    const scheme = schemeFor(campaign, 'communePeoplesCommittee');
    if (!scheme) throw new Error('no scheme for communes');
    const units = await officeCall<{ id: string; name: string; kind: string }[]>('units.list', {});
    const officeUnit = units.find((unit) => unit.name === OFFICE);
    if (!officeUnit) throw new Error('the setup file gave no office unit');
    for (let index = 1; index <= READY; index += 1) {
      const unit = await officeCall<{ id: string }>('units.create', { name: `UBND xã Phước Đông ${index}`, kind: 'communePeoplesCommittee', level: 'commune', commune: `xã Phước Đông ${index}`, parentOfficeId: officeUnit.id });
      const saved = await officeCall<{ dossier: { id: string } }>('dossiers.save', { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId: unit.id, personId: null, content: completeContent(scheme, 'communePeoplesCommittee') });
      await officeCall('attachments.add', { dossierId: saved.dossier.id, fileName: 'Biên bản họp bình xét.pdf', content: pdfBytes(`Phuoc Dong ${index}`).toString('base64') });
      await officeCall('dossiers.setStatus', { id: saved.dossier.id, status: 'ready' });
    }
  });

  it('sends the office’s ready dossiers, showing which revision goes out', async () => {
    // Opened afresh, the page offers the next step: the enrolment file was written, so the submission.
    await office.reload();
    await office.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 }).waitFor();
    await tab(office, 'send');
    expect(await office.getByTestId('send-kind-submission').isChecked()).toBe(true);
    const table = office.getByTestId('send-dossiers');
    await table.waitFor();
    readyCount = await table.locator('tr[data-status="ready"]').count();
    expect(readyCount).toBe(READY);
    // Every ready dossier is chosen by default; none was sent before.
    expect(Number(await office.getByTestId('send-chosen-count').getAttribute('data-count'))).toBe(readyCount);
    expect(await office.getByTestId('send-resend').count()).toBe(0);
    expect(await table.locator('tbody tr').first().textContent()).toContain('Lần 1');
    await shots(office, 'exchange-11-office-submission-form');

    await office.getByTestId('send-select-none').click();
    await office.getByTestId('send-write').click();
    expect(await office.getByTestId('send-problem').textContent()).toBe('Hãy chọn ít nhất một hồ sơ.');
    await office.getByTestId('send-select-all').click();
    expect(Number(await office.getByTestId('send-chosen-count').getAttribute('data-count'))).toBe(readyCount);
    await writeAndDownload(office, 'submission');
    const result = office.getByTestId('send-result');
    expect(Number(await result.getAttribute('data-items'))).toBe(readyCount);
    expect(await result.getAttribute('data-sequence')).toBe('2');
    await shots(office, 'exchange-12-office-submission-written');

    // The dossiers went out as revision 1 and wait for the branch's receipt.
    await tab(office, 'dossiers');
    const sent = office.getByTestId('exchange-dossiers');
    await expect.poll(() => sent.locator('tr[data-status="exported"]').count()).toBe(readyCount);
    expect(await office.getByTestId('exchange-dossier-summary').textContent()).toBe(`Chờ biên nhận: ${readyCount} · đã nhận: 0 · bị trả lại: 0`);
    // Sent dossiers can be sent again on purpose, apart and not chosen by default; none is ready any more.
    await tab(office, 'send');
    await office.getByTestId('send-no-ready').waitFor();
    expect(await office.getByTestId('send-resend').locator('summary').textContent()).toContain(`Đã gửi, chưa có giấy biên nhận (${readyCount})`);
    expect(await office.getByTestId('send-resend-dossiers').locator('tr[data-status="exported"]').count()).toBe(readyCount);
    expect(Number(await office.getByTestId('send-chosen-count').getAttribute('data-count'))).toBe(0);
    await shot(office, 'exchange-12b-office-nothing-ready-vi');
  });

  it('refuses at the branch a file dropped on the page that is no exchange file, writing nothing', async () => {
    await tab(branch, 'receive');
    // Dragged from the file manager and dropped on the receiving area.
    const dataTransfer = await branch.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'ghi-chu.tdcs', { type: 'application/octet-stream' }));
      return transfer;
    }, 'Đây là một tệp văn bản, không phải tệp trao đổi.');
    await branch.getByTestId('receive-drop-zone').dispatchEvent('drop', { dataTransfer });
    const refusal = branch.getByTestId('receive-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Đây không phải tệp trao đổi của Thi đua TDCS (.tdcs).Chưa ghi gì vào dữ liệu.');
    await shots(branch, 'exchange-13-branch-not-a-package');
    await branch.getByTestId('receive-other-file').click();
  });

  it('dry-runs the submission at the branch, then imports it once the late dossiers are accepted', async () => {
    await upload(branch, files.submission ?? '');
    const dryRun = branch.getByTestId('receive-dry-run');
    await dryRun.waitFor();
    expect(await dryRun.getAttribute('data-late')).toBe('true');
    expect(await branch.getByTestId('plan-kind').textContent()).toBe('Tệp gửi hồ sơ');
    expect(await branch.getByTestId('plan-sequence').textContent()).toBe('Số 2: đúng tệp tiếp theo của nơi gửi này.');
    expect(await count(branch, 'new')).toBe(readyCount);
    for (const category of ['updated', 'unchanged', 'stale', 'conflicting', 'rejected']) expect(await count(branch, category)).toBe(0);
    expect(await branch.getByTestId('plan-group-new').locator('tbody tr').count()).toBe(readyCount);
    expect(await branch.getByTestId('plan-group-new').locator('tbody tr').first().textContent()).toContain('Đến sau hạn nộp.');
    expect(await branch.getByText('Nơi gửi đã biết: tệp được ký bằng khóa đã đăng ký.').count()).toBe(1);
    expect(await branch.getByTestId('accept-late-box').textContent()).toContain('Hồ sơ đến sau hạn nộp của đợt thi đua năm 2025 (10/01/2026).');
    await shots(branch, 'exchange-14-branch-submission-dry-run');

    await branch.getByTestId('receive-import').click();
    const refusal = branch.getByTestId('receive-apply-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Hồ sơ đến sau hạn nộp: Thư ký phải chấp nhận rõ ràng.Chưa ghi gì vào dữ liệu.');
    await shot(branch, 'exchange-15-branch-late-refused-vi');
    await tab(branch, 'dossiers');
    await branch.getByTestId('exchange-dossiers-empty').waitFor();

    await tab(branch, 'receive');
    await branch.getByTestId('accept-late').check();
    await branch.getByTestId('receive-import').click();
    await branch.getByTestId('receive-done').waitFor();
    expect(await branch.getByTestId('receive-done').textContent()).toBe(`Đã nhập tệp gửi hồ sơ của ${OFFICE} (tệp số 2).`);
    expect(await count(branch, 'new')).toBe(readyCount);
    await shots(branch, 'exchange-16-branch-submission-imported');
    await branch.getByTestId('receive-another').click();
  });

  it('refuses to import the same submission twice: it was already received', async () => {
    await upload(branch, files.submission ?? '');
    const dryRun = branch.getByTestId('receive-dry-run');
    await dryRun.waitFor();
    expect(await dryRun.getAttribute('data-sequence-status')).toBe('replay');
    expect(await branch.getByTestId('plan-sequence').textContent()).toBe('Số 2: đã nhận rồi.');
    expect(await count(branch, 'unchanged')).toBe(readyCount);
    expect(await count(branch, 'new')).toBe(0);
    await branch.getByTestId('accept-replay-box').waitFor();
    // Nothing new or updated: there is no late dossier to accept.
    expect(await branch.getByTestId('accept-late-box').count()).toBe(0);
    await branch.getByTestId('receive-import').click();
    const refusal = branch.getByTestId('receive-apply-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Tệp số 2 đã được nhận. Chỉ nhập lại nếu Phòng giao dịch cố ý gửi lại.Chưa ghi gì vào dữ liệu.');
    await shots(branch, 'exchange-17-branch-replay-refused');
    await branch.getByTestId('receive-other-file').click();
    await branch.getByTestId('receive-drop-zone').waitFor();
  });

  it('returns one received dossier to its office with a reason, and writes the receipt', async () => {
    await tab(branch, 'dossiers');
    const table = branch.getByTestId('exchange-dossiers');
    await expect.poll(() => table.locator('tr[data-status="received"]').count()).toBe(readyCount);
    const first = table.locator('tr[data-status="received"]').first();
    returnedId = (await first.getAttribute('data-dossier')) ?? '';
    returnedName = (await first.locator('td').first().textContent()) ?? '';
    await first.getByTestId('return-open').click();
    const form = branch.getByTestId('return-form');
    await form.waitFor();
    await form.getByTestId('return-reason').fill('Sai');
    await form.getByTestId('return-confirm').click();
    expect(await form.getByTestId('return-reason-error').textContent()).toBe('Hãy viết tối thiểu 5 ký tự.');
    await form.getByTestId('return-reason').fill(REASON);
    await shots(branch, 'exchange-18-branch-return-form');
    await form.getByTestId('return-confirm').click();
    await branch.getByTestId('return-notice').waitFor();
    const returned = table.locator(`tr[data-dossier="${returnedId}"]`);
    await expect.poll(() => returned.getAttribute('data-status')).toBe('returned');
    expect(await returned.getByTestId('dossier-return-reason').textContent()).toBe(REASON);
    expect(await branch.getByTestId('exchange-dossier-summary').textContent()).toBe(`Đã nhận: ${readyCount - 1} · đã trả lại: 1`);
    await shots(branch, 'exchange-19-branch-dossier-returned');

    // Opened afresh, with an office enrolled, the page offers the receipt first, addressed to the only office.
    await branch.reload();
    await branch.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 }).waitFor();
    await tab(branch, 'send');
    expect(await branch.getByTestId('send-kind-receipt').isChecked()).toBe(true);
    expect(await branch.getByTestId('send-peer').locator('option:checked').textContent()).toBe(OFFICE);
    await writeAndDownload(branch, 'receipt');
    const result = branch.getByTestId('send-result');
    expect(Number(await result.getAttribute('data-items'))).toBe(readyCount);
    expect(await result.getAttribute('data-sequence')).toBe('2');
  });

  it('at the branch a received dossier is read-only; the council records an adjustment beside the office’s figure', async () => {
    await tab(branch, 'dossiers');
    const received = branch.getByTestId('exchange-dossiers').locator('tr[data-status="received"]').first();
    const id = (await received.getAttribute('data-dossier')) ?? '';
    await branch.evaluate((dossier) => {
      window.location.hash = `#/dossiers/${dossier}`;
    }, id);
    await branch.getByTestId('received-notice').waitFor();
    expect(await branch.getByTestId('dossier-form').getAttribute('data-read-only')).toBe('true');
    expect(await branch.getByTestId('save-dossier').count()).toBe(0);
    expect(await branch.locator('#report').isDisabled()).toBe(true);
    const panel = branch.getByTestId('adjustments-panel');
    await panel.getByTestId('adjustment-figure').selectOption('indicator:overdueRatio');
    await panel.getByTestId('adjustment-value').fill('0,1');
    await panel.getByTestId('adjustment-reason').fill('Theo biên bản kiểm tra ngày 12/11/2025');
    await panel.getByTestId('adjustment-save').click();
    await panel.getByTestId('adjustment-indicator:overdueRatio').waitFor();
    expect(await panel.getByTestId('adjustment-indicator:overdueRatio').textContent()).toContain('Theo biên bản kiểm tra ngày 12/11/2025');
    await shot(branch, 'exchange-19b-branch-received-adjusted-vi');
    await branch.getByTestId('language-switch').selectOption('en');
    await branch.getByRole('heading', { name: 'Council adjustments' }).waitFor();
    await shot(branch, 'exchange-19b-branch-received-adjusted-en');
    await branch.getByTestId('language-switch').selectOption('vi');
    await branch.getByRole('heading', { name: 'Điều chỉnh của Hội đồng' }).waitFor();
    await branch.locator('nav.main-nav').getByRole('link', { name: 'Xếp hạng', exact: true }).click();
    await branch.getByTestId(`ranking-adjusted-${id}`).waitFor();
    await branch.locator(`tr[data-dossier="${id}"]`).getByRole('button', { name: 'Chi tiết' }).click();
    expect(await branch.getByTestId('adjustment-notes').textContent()).toContain('Hội đồng điều chỉnh:');
    await branch.locator('nav.main-nav').getByRole('link', { name: 'Trao đổi', exact: true }).click();
    await branch.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 }).waitFor();
  });

  it('imports the receipt at the office, which sees what arrived and what was returned, with the reason', async () => {
    await upload(office, files.receipt ?? '');
    await office.getByTestId('receive-dry-run').waitFor();
    expect(await office.getByTestId('plan-kind').textContent()).toBe('Giấy biên nhận');
    expect(await office.getByTestId('plan-sequence').textContent()).toBe('Số 2: đúng tệp tiếp theo của nơi gửi này.');
    expect(await count(office, 'updated')).toBe(readyCount);
    // The returned dossier comes first, with the branch's reason.
    const firstUpdated = office.getByTestId('plan-group-updated').locator('tbody tr').first();
    expect(await firstUpdated.getAttribute('data-ref')).toBe(returnedId);
    expect(await firstUpdated.textContent()).toContain(`Chi nhánh trả lại: ${REASON}`);
    await shots(office, 'exchange-20-office-receipt-dry-run');
    await office.getByTestId('receive-import').click();
    await office.getByTestId('receive-done').waitFor();

    await tab(office, 'dossiers');
    await expect.poll(() => office.getByTestId('exchange-dossier-summary').textContent()).toBe(`Chờ biên nhận: 0 · đã nhận: ${readyCount - 1} · bị trả lại: 1`);
    const row = office.getByTestId('exchange-dossiers').locator(`tr[data-dossier="${returnedId}"]`);
    expect(await row.getAttribute('data-status')).toBe('returned');
    expect(await row.getByTestId('dossier-return-reason').textContent()).toBe(REASON);
    expect(await row.locator('td').first().textContent()).toBe(returnedName);
    await office.getByTestId('exchange-dossier-search').fill(returnedName);
    await shots(office, 'exchange-21-office-dossiers-after-receipt');
    await office.getByTestId('exchange-dossier-search').fill('');
  });

  it('keeps the history of files sent and received on both sides', async () => {
    const dateTime = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
    await tab(office, 'history');
    const officeRows = office.getByTestId('exchange-history').locator('tbody tr');
    await expect.poll(() => officeRows.count()).toBe(4);
    expect(await officeRows.evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-direction')} ${row.getAttribute('data-kind')}`))).toEqual([
      'in receipt',
      'out submission',
      'out enrolment',
      'in setup',
    ]);
    expect(await officeRows.first().locator('td').first().textContent()).toMatch(dateTime);
    expect(await officeRows.first().textContent()).toContain('Nhận về');
    expect(await officeRows.first().getByTestId('history-summary').textContent()).toBe(`Cập nhật: ${readyCount}`);
    expect(await officeRows.nth(1).getByTestId('history-summary').textContent()).toBe(`${readyCount} mục`);
    await shots(office, 'exchange-22-office-history');

    await tab(branch, 'history');
    const branchRows = branch.getByTestId('exchange-history').locator('tbody tr');
    await expect.poll(() => branchRows.count()).toBe(4);
    expect(await branchRows.evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-direction')} ${row.getAttribute('data-kind')}`))).toEqual([
      'out receipt',
      'in submission',
      'in enrolment',
      'out setup',
    ]);
    expect(await branchRows.nth(1).getByTestId('history-summary').textContent()).toBe(`Mới: ${readyCount}`);
    await shots(branch, 'exchange-23-branch-history');
    await tab(office, 'identity');
    await expect.poll(() => office.getByTestId('exchange-steps').locator('li[data-done="true"]').count()).toBe(3);
  });
});
