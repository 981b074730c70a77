import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DesktopBridge } from '../../shared/contract/bridge';
import type { CallResponse } from '../../shared/contract/envelope';
import { ADMIN, BRANCH_NAME, enrol, OFFICE_NAME, openInstallation, pdfBytes, readyDossier, YEAR, type Enrolled } from '../integration/exchange-support';
import { openCore, type Core } from '../../electron/core';
import { startBrowserHost, type BrowserHost } from '../../electron/transport/http-host';
import { launchChromium, ROOT } from '../support/browser-mode';
import { buildIfStale, login, shot } from './helpers';

/**
 * The page's desktop side, as Electron's preload would drive it: a `window.tdcs` bridge is put in the page before
 * the application loads (its calls go to browser mode's API, its dialogs answer what the test says). A .tdcs file
 * opened from the system (double-click, file association) lands on the Exchange page with its dry run; the save
 * dialog is asked with a suggested name, and its choice is where the file is written; cancelling it writes nothing.
 */

interface BridgeControls {
  openListener: ((path: string) => void) | null;
  savedNames: string[];
  nextSave: string | null;
}

declare global {
  interface Window {
    bridgeControls: BridgeControls;
    tdcs?: DesktopBridge;
  }
}

let usb: string;
let world: Enrolled;
let submission: string;
let browser: Browser;
let page: Page;
let core: Core;
let server: BrowserHost;

beforeAll(async () => {
  buildIfStale();
  usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-desktop-'));
  world = await enrol(await openInstallation('branch', BRANCH_NAME), await openInstallation('office', OFFICE_NAME), usb, { communes: 2 });
  for (const [index, commune] of world.communes.entries()) {
    await readyDossier(world.office, { kind: 'communePeoplesCommittee', unitId: commune.id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes(`desktop-${index}`) }]);
  }
  submission = join(usb, 'nop-ho-so.tdcs');
  await world.office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: submission });
  world.branch.shutdown();
  // This host stands in for Electron's IPC: like main.ts, it vouches only for paths the (fake) dialogs handed out,
  // which are all on the test's USB stick. Browser mode itself vouches for none.
  core = openCore({ dataDir: world.branch.dataDir });
  server = await startBrowserHost(core, join(ROOT, 'dist', 'renderer'), { paths: (path) => path.startsWith(`${usb}/`) });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    const controls: BridgeControls = { openListener: null, savedNames: [], nextSave: null };
    window.bridgeControls = controls;
    window.tdcs = {
      call: async (request) => (await (await fetch('./api/call', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })).json()) as CallResponse,
      chooseExchangeFile: async () => null,
      chooseSaveLocation: async (defaultName) => {
        controls.savedNames.push(defaultName);
        return controls.nextSave;
      },
      chooseBackupLocation: async () => null,
      chooseBackupFile: async () => null,
      onOpenExchangeFile: (listener) => {
        controls.openListener = listener;
      },
      onMenuCommand: () => undefined,
    };
  });
  await page.goto(server.url);
  await login(page, ADMIN.username, ADMIN.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  core?.close();
  world?.office.close();
  world?.branch.close();
  rmSync(usb, { recursive: true, force: true });
});

describe('the desktop bridge: files opened from the system, and the save dialog', () => {
  it('a .tdcs file opened from the system shows its dry run on the Exchange page, and imports from its path', async () => {
    // Somewhere else in the application when the file is double-clicked.
    await page.locator('nav.main-nav').getByRole('link', { name: /^(Hồ sơ|Dossiers)$/ }).click();
    await page.waitForFunction(() => window.bridgeControls.openListener !== null);
    await page.evaluate((path) => window.bridgeControls.openListener?.(path), submission);
    const dryRun = page.getByTestId('receive-dry-run');
    await dryRun.waitFor();
    expect(await page.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 }).count()).toBe(1);
    expect(await page.getByTestId('exchange-tab-receive').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('plan-kind').textContent()).toBe('Tệp gửi hồ sơ');
    expect(await dryRun.textContent()).toContain('nop-ho-so.tdcs');
    expect(await page.getByTestId('plan-group-new').locator('tbody tr').count()).toBe(2);
    await shot(page, 'desktop-01-opened-file-dry-run-vi');
    await page.getByTestId('accept-late').check();
    await page.getByTestId('receive-import').click();
    await page.getByTestId('receive-done').waitFor();
    expect(await page.getByTestId('receive-done').textContent()).toBe(`Đã nhập tệp gửi hồ sơ của ${OFFICE_NAME} (tệp số 2).`);
  });

  it('writing a file asks where with a suggested name, writes it there, and a cancelled dialog writes nothing', async () => {
    await page.getByTestId('exchange-tab-send').click();
    await page.getByTestId('send-kind-receipt').check();
    await page.evaluate(() => {
      window.bridgeControls.nextSave = null;
    });
    await page.getByTestId('send-write').click();
    const banner = page.getByRole('alert').filter({ hasText: 'Đã hủy; chưa ghi gì.' });
    await banner.waitFor();
    expect(readdirSync(usb).filter((name) => name.includes('receipt'))).toEqual([]);

    const target = join(usb, 'bien-nhan.tdcs');
    await page.evaluate((path) => {
      window.bridgeControls.nextSave = path;
    }, target);
    await page.getByTestId('send-write').click();
    const result = page.getByTestId('send-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(`Đã lưu tại ${target}`);
    expect(await page.getByTestId('send-download').count()).toBe(0);
    expect(existsSync(target)).toBe(true);
    const names = await page.evaluate(() => window.bridgeControls.savedNames);
    expect(names).toHaveLength(2);
    expect(names[1]).toMatch(/^\d{4}-\d{2}-\d{2}-receipt-Phong-giao-dich-NHCSXH-Go-Dau\.tdcs$/);
    await shot(page, 'desktop-02-receipt-saved-vi');
    // The office imports what the branch wrote where the dialog said.
    expect((await world.office.dryRun(target)).counts.updated).toBe(2);
  });
});
