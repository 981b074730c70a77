import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ErrorCode, FieldIssue } from '../../shared/contract/errors';
import { DISCIPLINE_STATUSES } from '../../shared/domain/dossier';
import { en } from '../../shared/i18n/en';
import { describeError, languageForLocale, messages } from '../../shared/i18n/index';
import { translator } from '../../shared/i18n/translator';
import { vi } from '../../shared/i18n/vi';

/** Every dotted key path of a catalogue, leaves only. */
function keyPaths(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keyPaths(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function lookup(catalogue: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), catalogue);
}

/**
 * Every error code, read from the `ErrorCode` union in errors.ts, so a code added there is checked
 * here without this list being kept by hand.
 */
function errorCodes(): ErrorCode[] {
  const source = readFileSync(new URL('../../shared/contract/errors.ts', import.meta.url), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([^']+)'/g)].map((match) => match[1] as ErrorCode);
}

describe('languageForLocale: the language to start in', () => {
  it('Vietnamese for a Vietnamese system', () => {
    expect(languageForLocale('vi-VN')).toBe('vi');
    expect(languageForLocale('vi')).toBe('vi');
    expect(languageForLocale('vi_VN')).toBe('vi');
    expect(languageForLocale('VI-vn')).toBe('vi');
  });

  it('English for any other system, or when the locale is unknown', () => {
    expect(languageForLocale('en-US')).toBe('en');
    expect(languageForLocale('fr-FR')).toBe('en');
    expect(languageForLocale(undefined)).toBe('en');
    expect(languageForLocale(null)).toBe('en');
    expect(languageForLocale('')).toBe('en');
  });

  it('is not fooled by locales that merely start with the letters "vi"', () => {
    expect(languageForLocale('video')).toBe('en');
  });
});

describe('the two catalogues', () => {
  const viKeys = keyPaths(vi).sort();
  const enKeys = keyPaths(en).sort();

  it('Vietnamese and English have exactly the same keys', () => {
    expect(viKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
    expect(enKeys.filter((key) => !viKeys.includes(key))).toEqual([]);
    expect(viKeys).toEqual(enKeys);
    expect(enKeys.length).toBeGreaterThan(100);
  });

  it('every message is text, and only unit suffixes (the same in both languages) are left blank', () => {
    for (const key of enKeys) {
      const english = lookup(en, key);
      const vietnamese = lookup(vi, key);
      expect(typeof english, key).toBe('string');
      expect(typeof vietnamese, key).toBe('string');
      if (!key.startsWith('indicatorUnits.')) {
        expect(english, `en ${key}`).toMatch(/\S/);
        expect(vietnamese, `vi ${key}`).toMatch(/\S/);
      }
      expect(english === '', key).toBe(vietnamese === '');
    }
  });

  it('a message uses the same placeholders in both languages', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    for (const key of enKeys) expect(placeholders(lookup(vi, key)), key).toEqual(placeholders(lookup(en, key)));
  });

  it('messages are exported under their language', () => {
    expect(messages.vi).toBe(vi);
    expect(messages.en).toBe(en);
  });

  it('every error code has a message in both languages', () => {
    const codes = errorCodes();
    expect(codes).toContain('call.invalidInput');
    expect(codes).toContain('internal');
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) {
      expect(enKeys, code).toContain(`errors.${code}`);
      expect(viKeys, code).toContain(`errors.${code}`);
    }
  });

  it('every reason the scoring can give has a message', () => {
    const scoringKeys = [
      'rule.missing',
      'rule.manualNote',
      'rule.thresholdNone',
      'rule.thresholdAtLeast',
      'rule.thresholdAtMost',
      'rule.linearNote',
      'rule.ratioNoPlan',
      'rule.ratioNote',
      'rule.yes',
      'rule.no',
      'rule.deductionNote',
      'rule.groupCapped',
      'gate.missing',
      'gate.isNot',
      'gate.above',
      'gate.below',
      'gate.minTotal',
      ...DISCIPLINE_STATUSES.map((status) => `gate.discipline.${status}`),
    ];
    for (const key of scoringKeys) expect(enKeys, key).toContain(key);
  });

  it('every key the validation mapping can produce has a message', () => {
    const validationKeys = ['required', 'wrongType', 'notANumber', 'tooLong', 'tooShort', 'tooMany', 'tooFew', 'tooLarge', 'tooSmall', 'step', 'decimals', 'percent', 'choice', 'format', 'unknownFields', 'unknownIndicator', 'unknownCriterion', 'invalid'];
    for (const key of validationKeys) expect(enKeys, key).toContain(`validation.${key}`);
  });
});

describe('describeError: one line for an error', () => {
  const issues: FieldIssue[] = [
    { path: 'indicators.overdueRatio', key: 'validation.notANumber', params: {} },
    { path: 'selfScores.participation.points', key: 'validation.tooLarge', params: { maximum: 15 } },
  ];

  it('in Vietnamese: the translated head, then the fields at fault', () => {
    const line = describeError({ code: 'call.invalidInput', issues }, translator('vi'));
    expect(line).toBe('Một số thông tin đã nhập chưa hợp lệ. indicators.overdueRatio: Không phải là số.; selfScores.participation.points: Tối đa 15.');
  });

  it('in English: the translated head, then the fields at fault', () => {
    const line = describeError({ code: 'call.invalidInput', issues }, translator('en'));
    expect(line).toContain('Some of what was entered is not valid.');
    expect(line).toContain('indicators.overdueRatio: Not a number.');
    expect(line).toContain('selfScores.participation.points: At most 15.');
  });

  it('fills the head’s parameters', () => {
    expect(describeError({ code: 'campaign.notFound', params: { year: 2025 } }, translator('en'))).toBe('There is no campaign for 2025.');
    expect(describeError({ code: 'campaign.notFound', params: { year: 2025 } }, translator('vi'))).toBe('Không có đợt thi đua năm 2025.');
  });

  it('names at most the first three fields', () => {
    const many = ['a', 'b', 'c', 'd'].map((path) => ({ path, key: 'validation.required', params: {} }));
    const line = describeError({ code: 'call.invalidInput', issues: many }, translator('en'));
    expect(line).toBe('Some of what was entered is not valid. a: Required.; b: Required.; c: Required.');
  });

  it('an issue about the whole input is shown with a dash', () => {
    const line = describeError({ code: 'call.invalidInput', issues: [{ path: '', key: 'validation.unknownFields', params: { fields: 'x' } }] }, translator('en'));
    expect(line).toBe('Some of what was entered is not valid. Unknown fields: x.');
  });

  it('without issues it is just the head', () => {
    expect(describeError({ code: 'auth.forbidden' }, translator('en'))).toBe('You are not allowed to do this.');
  });
});
