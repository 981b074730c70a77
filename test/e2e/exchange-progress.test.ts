import { createHash, randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { insertAttachmentBlob, linkAttachment } from '../../electron/db/attachments';
import { blobPath } from '../../electron/services/attachments';
import { ADMIN, BRANCH_NAME, enrol, OFFICE_NAME, openInstallation, pdfBytes, readyDossier, type Enrolled } from '../integration/exchange-support';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { buildIfStale, login, shot } from './helpers';

/**
 * A large submission (6 dossiers, 480 MB of evidence) written from the Exchange page: a progress bar follows the
 * writing and the read-back, Cancel removes the unfinished file and records nothing, and the next attempt runs to
 * the end. The office is enrolled through the services, and its evidence is put straight into its blob store (a
 * fixture: attaching 480 MB through the form would only slow the test).
 */

const DOSSIERS = 6;
const FILES_PER_DOSSIER = 40;
const FILE_BYTES = 2 * 1024 * 1024;
const PDF_MAGIC = Buffer.from('%PDF-1.7\n', 'latin1');

let usb: string;
let world: Enrolled;
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startBrowserMode>>;

function outbox(): string[] {
  const folder = join(world.office.dataDir, 'outbox');
  return existsSync(folder) ? readdirSync(folder) : [];
}

beforeAll(async () => {
  buildIfStale();
  usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-progress-'));
  world = await enrol(await openInstallation('branch', BRANCH_NAME), await openInstallation('office', OFFICE_NAME), usb, { communes: DOSSIERS });
  const now = new Date().toISOString();
  const db = world.office.core.db;
  for (const [index, commune] of world.communes.entries()) {
    const dossier = await readyDossier(world.office, { kind: 'communePeoplesCommittee', unitId: commune.id }, [{ fileName: 'Biên bản bình xét.pdf', bytes: pdfBytes(`progress-${index}`) }]);
    for (let file = 0; file < FILES_PER_DOSSIER; file += 1) {
      const bytes = Buffer.allocUnsafe(FILE_BYTES);
      PDF_MAGIC.copy(bytes);
      randomFillSync(bytes, PDF_MAGIC.length);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      mkdirSync(dirname(blobPath(world.office.dataDir, sha256)), { recursive: true });
      writeFileSync(blobPath(world.office.dataDir, sha256), bytes);
      insertAttachmentBlob(db, sha256, bytes.length, 'application/pdf', now);
      linkAttachment(db, dossier.dossier.id, sha256, `Biên bản ${index + 1}-${file + 1}.pdf`, now);
    }
  }
  world.office.shutdown();
  server = await startBrowserMode(world.office.dataDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await login(page, ADMIN.username, ADMIN.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  world?.office.close();
  world?.branch.close();
  rmSync(usb, { recursive: true, force: true });
});

async function openSend(): Promise<void> {
  await page.locator('nav.main-nav').getByRole('link', { name: /^(Trao đổi|Exchange)$/ }).click();
  await page.getByTestId('exchange-tab-send').click();
  await page.getByTestId('send-dossiers').waitFor();
}

describe('a large export with a progress bar and a cancel button', () => {
  it('shows its progress, and Cancel leaves no file and no record', async () => {
    await openSend();
    expect(await page.getByTestId('send-kind-submission').isChecked()).toBe(true);
    await page.getByTestId('send-write').click();
    const progress = page.getByTestId('send-progress');
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('data-percent'))).toBeGreaterThan(0);
    expect(await progress.locator('progress').count()).toBe(1);
    expect(await progress.textContent()).toContain('Đang tạo tệp');
    expect(await page.getByTestId('send-write').isDisabled()).toBe(true);
    await shot(page, 'exchange-progress-01-writing-vi');
    await page.getByTestId('send-cancel').click();
    const cancelled = page.getByTestId('send-cancelled');
    await cancelled.waitFor({ timeout: 60_000 });
    expect(await cancelled.textContent()).toBe('Đã hủy: tệp chưa xong đã được xóa, không có gì được ghi nhận là đã gửi.');
    await shot(page, 'exchange-progress-02-cancelled-vi');
    expect(outbox()).toEqual([]);
    // Nothing went out: the history is still the enrolment alone, and every dossier is still ready.
    await page.getByTestId('exchange-tab-history').click();
    await expect.poll(() => page.locator('[data-testid="exchange-history"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="exchange-history"] tbody tr[data-kind="submission"]').count()).toBe(0);
  });

  it('runs to the end in English: writing, then reading back, then the written file', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('exchange-tab-send').click();
    await page.getByTestId('send-write').click();
    const progress = page.getByTestId('send-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Writing the file');
    await shot(page, 'exchange-progress-03-writing-en');
    const phases = new Set<string>();
    const result = page.getByTestId('send-result');
    while ((await result.count()) === 0) {
      const phase = await progress.getAttribute('data-phase', { timeout: 1_000 }).catch(() => null);
      if (phase) phases.add(phase);
      await page.waitForTimeout(100);
    }
    expect(phases.has('writing') || phases.has('verifying')).toBe(true);
    expect(Number(await result.getAttribute('data-items'))).toBe(DOSSIERS);
    expect(await page.getByTestId('send-verified').textContent()).toContain('every byte');
    await shot(page, 'exchange-progress-04-written-en');
    expect(outbox().filter((name) => name.endsWith('.tdcs'))).toHaveLength(1);
    expect(outbox().filter((name) => name.endsWith('.partial'))).toEqual([]);
    await page.getByTestId('language-switch').selectOption('vi');
  });

  it('a reload during an export: the page finds the export still running and follows it to its end', async () => {
    await page.getByTestId('exchange-tab-send').click();
    // Everything was sent once: send it all again, on purpose, from the "sent, no receipt yet" list.
    await page.getByTestId('send-resend').locator('summary').click();
    const boxes = page.getByTestId('send-resend-dossiers').locator('input[type=checkbox]');
    for (let index = 0; index < (await boxes.count()); index += 1) await boxes.nth(index).check();
    await page.getByTestId('send-write').click();
    await page.getByTestId('send-progress').waitFor();
    await page.reload();
    await page.getByTestId('exchange-tab-send').click();
    const progress = page.getByTestId('send-progress');
    const result = page.getByTestId('send-result');
    // Followed again after the reload: the page asked the application for this person's running export.
    await progress.waitFor();
    await result.waitFor({ timeout: 60_000 });
    expect(Number(await result.getAttribute('data-items'))).toBe(DOSSIERS);
    expect(await result.getAttribute('data-sequence')).toBe('3');
    // The history shows it without another reload.
    await page.getByTestId('exchange-tab-history').click();
    await expect.poll(() => page.locator('[data-testid="exchange-history"] tbody tr[data-kind="submission"]').count()).toBe(2);
  });
});
