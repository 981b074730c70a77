import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { vi } from '../../shared/i18n/vi';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The message at a key, or its plural forms, in one catalogue. */
function resolves(catalogue: object, key: string): boolean {
  const parts = key.split('.');
  const last = parts.pop() ?? '';
  const parent = parts.reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), catalogue);
  if (typeof parent !== 'object' || parent === null) return false;
  const node = parent as Record<string, unknown>;
  return typeof node[last] === 'string' || (typeof node[`${last}_one`] === 'string' && typeof node[`${last}_other`] === 'string');
}

describe('every key the screens and the command line ask for', () => {
  // t('…') with a literal key, in the renderer and the main process (keys built at run time are checked by the screens' tests).
  const used = new Map<string, string>();
  for (const file of [...sources(join(ROOT, 'renderer')), ...sources(join(ROOT, 'electron'))]) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g)) used.set(match[1] as string, file.slice(ROOT.length + 1));
  }

  it('finds the keys in the code', () => {
    expect(used.size).toBeGreaterThan(300);
  });

  it('has a message in Vietnamese and in English', () => {
    const missing = [...used].filter(([key]) => !resolves(vi, key) || !resolves(en, key)).map(([key, file]) => `${key} (${file}): ${resolves(vi, key) ? '' : 'vi '}${resolves(en, key) ? '' : 'en'}`);
    expect(missing).toEqual([]);
  });
});
