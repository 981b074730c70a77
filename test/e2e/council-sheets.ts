import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectHundredths, hundredths } from './helpers';

/** Points for a member: `share` of a criterion's maximum, in its step, written with a comma. */
function typed(max: number, step: number, share: number): string {
  const points = Math.floor((max * share) / step) * step;
  return String(points / 100).replace('.', ',');
}

export interface SheetEntry {
  /** The member the sheet is for: chosen in the form, or shown by it when there is no choice (their own account, the one member left). */
  member: string;
  /** The share of every criterion's maximum the member gives. */
  share: number;
  conflict: boolean;
  note: string;
}

/** Fills the open score sheet of a dossier's council panel as a person reads it: each criterion's maximum and step from its hint. */
export async function fillSheet(page: Page, sheet: SheetEntry): Promise<void> {
  const form = page.getByTestId('review-form');
  await form.waitFor();
  const choice = form.getByTestId('review-member');
  if ((await choice.count()) > 0) await choice.selectOption({ label: sheet.member });
  else expect(await form.getByTestId('review-member-fixed').textContent()).toBe(sheet.member);
  const inputs = form.locator('input[data-criterion]');
  for (let i = 0; i < (await inputs.count()); i += 1) {
    const input = inputs.nth(i);
    const hint = (await input.locator('xpath=..').locator('.field-hint').textContent()) ?? '';
    // "Từ 0 đến 15, bước 0,5 điểm. …": the maximum and the step, as the form states them.
    const [max, step] = [...hint.matchAll(/(\d+(?:,\d+)?)/g)].slice(1, 3).map((match) => Math.round(Number((match[1] ?? '0').replace(',', '.')) * 100));
    await input.fill(typed(max ?? 0, step ?? 50, sheet.share));
  }
  const box = form.getByTestId('review-conflict');
  if (sheet.conflict) await box.check();
  else await box.uncheck();
  await form.locator('#review-note').fill(sheet.note);
}

/** Saves the open sheet; resolves with its total once the member's row shows the same total as the form did. */
export async function saveSheet(page: Page, member: string): Promise<number> {
  const live = await hundredths(page.getByTestId('review-live-total'));
  await page.getByTestId('review-save').click();
  await page.getByTestId('review-form').waitFor({ state: 'detached' });
  const row = page.getByTestId('review-table').locator(`tr[data-reviewer="${member}"]`);
  await row.waitFor();
  await expectHundredths(row.getByTestId('review-total'), live);
  return live;
}
