import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Opens a tab of the exchange page (which must be open). */
export async function exchangeTab(page: Page, name: 'identity' | 'send' | 'receive' | 'dossiers' | 'history'): Promise<void> {
  await page.getByTestId(`exchange-tab-${name}`).click();
}

/** Writes the file the send form describes, checks it was read back, and saves the browser's download on the "USB stick". */
export async function writeAndDownload(page: Page, folder: string, name: string): Promise<string> {
  await page.getByTestId('send-write').click();
  const result = page.getByTestId('send-result');
  await result.waitFor();
  expect(await page.getByTestId('send-verified').textContent()).toContain('Đã đọc lại và kiểm tra');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('send-download').click()]);
  expect(download.suggestedFilename()).toBe(await result.getAttribute('data-file'));
  const path = join(folder, `${name}.tdcs`);
  await download.saveAs(path);
  return path;
}

/** Gives a file from the stick to the receiving tab, which dry-runs it. */
export async function upload(page: Page, path: string): Promise<void> {
  await exchangeTab(page, 'receive');
  // The tab keeps showing the last import until another file is asked for.
  if (await page.getByTestId('receive-another').isVisible()) await page.getByTestId('receive-another').click();
  await page.getByTestId('receive-file').setInputFiles(path);
}
