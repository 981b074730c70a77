import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ROOT, screenshot } from '../support/browser-mode';

/** Builds dist/ when its sources changed, so the tests also run from a fresh clone. */
export function buildIfStale(): void {
  execFileSync('node', ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
}

/** A full-page screenshot taken from the top of the page, so sticky bars sit where a reader sees them. */
export async function shot(page: Page, name: string): Promise<string> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, name);
}

/** The value of a numeric data-hundredths attribute (NaN while the element is missing). */
export async function hundredths(locator: Locator): Promise<number> {
  const value = await locator.getAttribute('data-hundredths', { timeout: 5_000 });
  return value === null ? Number.NaN : Number(value);
}

/** Waits until a data-hundredths attribute equals `expected`. */
export async function expectHundredths(locator: Locator, expected: number): Promise<void> {
  await expect.poll(() => hundredths(locator), { timeout: 5_000 }).toBe(expected);
}

export interface WizardAnswers {
  mode: 'branch' | 'office';
  organisation: string;
  fullName: string;
  username: string;
  password: string;
  demo: boolean;
}

/** Walks the first-run wizard with valid answers (the detailed checks live in first-dossier.test.ts). */
export async function completeWizard(page: Page, answers: WizardAnswers, finishTimeout = 30_000): Promise<void> {
  await page.getByTestId(`mode-${answers.mode}`).check();
  await page.getByTestId('wizard-next').click();
  await page.locator('#organisationName').fill(answers.organisation);
  await page.getByTestId('wizard-next').click();
  await page.locator('#fullName').fill(answers.fullName);
  await page.locator('#username').fill(answers.username);
  await page.locator('#password').fill(answers.password);
  await page.locator('#passwordAgain').fill(answers.password);
  await page.getByTestId('wizard-next').click();
  const demo = page.getByTestId('load-demo');
  if (answers.demo) await demo.check();
  else await demo.uncheck();
  await page.getByTestId('wizard-finish').click();
  await page.locator('#login-username').waitFor({ timeout: finishTimeout });
}

/** Signs in from the login page and waits for the application's shell. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.locator('nav.main-nav').waitFor();
}

/** Adds a unit with the form of the units page (which must be open). */
export async function addUnit(page: Page, unit: { name: string; kind: string; level: 'commune' | 'province'; commune: string }): Promise<void> {
  await page.locator('#unit-name').fill(unit.name);
  await page.locator('#unit-kind').selectOption(unit.kind);
  await page.locator('#unit-level').selectOption(unit.level);
  await page.locator('#unit-commune').fill(unit.commune);
  await page.locator('form.side-form button[type=submit]').click();
  await page.locator('form.side-form [role=status]').waitFor();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Types a name into a nominee picker (units or people) and clicks the option with exactly that name. */
export async function pickNominee(page: Page, testId: 'nominee-select' | 'person-select', name: string): Promise<void> {
  await page.getByTestId(testId).fill(name);
  await page.locator('[role=option] .picker-name').filter({ hasText: new RegExp(`^${escapeRegExp(name)}$`) }).first().click();
  await expect.poll(() => page.getByTestId(testId).inputValue()).toBe(name);
}

/** The names a nominee picker offers for what is typed (accents not needed), in the order it lists them. */
export async function pickerNames(page: Page, testId: 'nominee-select' | 'person-select', typed: string): Promise<string[]> {
  await page.getByTestId(testId).fill(typed);
  return page.locator('[role=option] .picker-name').allTextContents();
}

/** Picks a unit in the new-dossier page by its name and waits for the dossier form. */
export async function chooseNominee(page: Page, unitName: string): Promise<void> {
  await pickNominee(page, 'nominee-select', unitName);
  await page.getByTestId('dossier-form').waitFor();
}

/** The hash route of the page, e.g. "#/dossiers/abc". */
export function hashOf(page: Page): string {
  return new URL(page.url()).hash;
}

/** What a row of a virtualised table holds: its attributes and its cells' text. */
export interface VirtualRow {
  index: number;
  attributes: Record<string, string>;
  cells: string[];
  /** The data-hundredths of the first element inside that has one (a total), if any. */
  hundredths: number | null;
  /** The text of each element inside that matches the selector asked for. */
  texts: string[];
}

/**
 * Every row of a virtualised table (only the rows in view exist in the page): scrolls it from top to bottom and reads
 * each row once, in order.
 */
export async function allVirtualRows(page: Page, testId: string, select = ':scope > :not(*)'): Promise<VirtualRow[]> {
  return page.getByTestId(testId).evaluate(async (table, selector) => {
    const scroller = table.closest('.vt-scroll') as HTMLElement;
    const found = new Map<number, VirtualRow>();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const read = () => {
      for (const row of Array.from(table.querySelectorAll('tbody tr[aria-rowindex]'))) {
        const index = Number(row.getAttribute('aria-rowindex'));
        if (found.has(index)) continue;
        const attributes: Record<string, string> = {};
        for (const attribute of Array.from(row.attributes)) attributes[attribute.name] = attribute.value;
        const total = row.querySelector('[data-hundredths]');
        found.set(index, {
          index,
          attributes,
          cells: Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent ?? ''),
          hundredths: total ? Number(total.getAttribute('data-hundredths')) : null,
          texts: Array.from(row.querySelectorAll(selector)).map((element) => element.textContent ?? ''),
        });
      }
    };
    scroller.scrollTop = 0;
    await frame();
    for (;;) {
      read();
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += Math.max(40, scroller.clientHeight * 0.7);
      await frame();
    }
    await frame();
    read();
    scroller.scrollTop = 0;
    return [...found.values()].sort((a, b) => a.index - b.index);
  }, select);
}
