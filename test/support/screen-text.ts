import type { Page } from 'playwright-core';
import * as demoNames from '../../electron/services/demo-names';
import { en } from '../../shared/i18n/en';
import { vi } from '../../shared/i18n/vi';

/** Every string of a catalogue. */
function strings(catalogue: object): string[] {
  return Object.values(catalogue).flatMap((value) => (typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? strings(value as object) : []));
}

/** Words without accents, lower case, of four letters or more. */
function plainWords(text: string): string[] {
  return (text.replace(/\{\{[^}]*\}\}/g, ' ').match(/[A-Za-z]{4,}/g) ?? []).map((word) => word.toLowerCase());
}

/**
 * Words that mean an English message leaked onto a Vietnamese screen: the English catalogue's words that the Vietnamese
 * one never uses. Names of the demo's people and places (Long An, Minh…), and a few words any screen may show, are allowed.
 */
function englishOnlyWords(): Set<string> {
  const vietnamese = new Set(strings(vi).flatMap(plainWords));
  const names = new Set(Object.values(demoNames).flatMap((list) => (Array.isArray(list) ? list.flatMap((name) => plainWords(String(name))) : [])));
  // "English" is the language switch's own choice; a person's or a unit's name may be any word.
  const allowed = new Set(['english', 'long', 'nguyen']);
  return new Set(strings(en).flatMap(plainWords).filter((word) => !vietnamese.has(word) && !names.has(word) && !allowed.has(word)));
}

const ENGLISH = englishOnlyWords();
/** The catalogue's namespaces: a text like "overview.offices.title" on screen is a key that was never translated. */
const NAMESPACES = new Set(Object.keys(en));
const FILE_EXTENSIONS = new Set(['tdcs', 'pdf', 'docx', 'doc', 'xlsx', 'xls', 'csv', 'sqlite', 'png', 'jpg', 'json', 'log']);

/** What a person sees, or hears read, on the page: its text, and the placeholders, labels and titles of what is shown. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[placeholder], [aria-label], [title]'))) {
      if (element.closest('[hidden]') || element.getClientRects().length === 0) continue;
      for (const name of ['placeholder', 'aria-label', 'title']) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join('\n');
  });
}

/** What should not be on a screen in this language: English words on a Vietnamese screen, internal codes and keys in either. */
export function foreignText(text: string, language: 'vi' | 'en'): string[] {
  const found = new Set<string>();
  // A file's path (the data folder, a backup) is shown as the system names it, random letters of a temporary folder included.
  text = text.replace(/(?:[A-Za-z]:)?[\\/][^\s]*/g, ' ');
  if (language === 'vi') for (const word of text.match(/[A-Za-z]{4,}/g) ?? []) if (ENGLISH.has(word.toLowerCase())) found.add(word);
  // An identifier from the code: "overdueRatio", "communePeoplesCommittee".
  for (const word of text.match(/\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g) ?? []) found.add(word);
  // A translation key shown as it is: "overview.offices.title".
  for (const key of text.match(/\b[a-z][A-Za-z]+(?:\.[A-Za-z][A-Za-z0-9]*)+\b/g) ?? []) {
    const parts = key.split('.');
    if (NAMESPACES.has(parts[0] ?? '') && !FILE_EXTENSIONS.has(parts[parts.length - 1]?.toLowerCase() ?? '')) found.add(key);
  }
  // A scheme's id ("collective-2026") or what a program prints for nothing.
  for (const code of text.match(/\b[a-z]+(?:-[a-z]+)*-20\d\d\b|\bundefined\b|\bNaN\b|\[object Object\]/g) ?? []) found.add(code);
  return [...found];
}
