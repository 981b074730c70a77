import { describe, expect, it } from 'vitest';
import { formatDate, parseDate } from '../../renderer/features/campaign/campaign-form';
import { cleanScheme, codesOf, formatNumber, maximumOf, newCode, newCriterion, parseNumber, RULE_TYPES, ruleOfType } from '../../renderer/features/schemes/scheme-form';
import { validateScheme } from '../../shared/scoring/scheme-schema';
import { defaultSchemes2025 } from '../../shared/scoring/schemes/index';
import type { Criterion, Scheme } from '../../shared/scoring/types';

/** The pure pieces behind the scheme editor and the campaign form: typed numbers, new codes, rule swaps, dates. */

const scheme = defaultSchemes2025[0] as Scheme;

describe('points typed in the scheme editor', () => {
  it('become exact hundredths, with a comma or a point, and read back the same in both languages', () => {
    expect(parseNumber('12,5', 'points')).toBe(1250);
    expect(parseNumber('0.07', 'points')).toBe(7);
    expect(parseNumber(' 15 ', 'points')).toBe(1500);
    expect(parseNumber('19,99', 'points')).toBe(1999);
    for (let hundredths = 0; hundredths <= 100_00; hundredths += 1) {
      const vi = formatNumber(hundredths, 'points', 'vi');
      const en = formatNumber(hundredths, 'points', 'en');
      expect(parseNumber(vi, 'points')).toBe(hundredths);
      expect(parseNumber(en, 'points')).toBe(hundredths);
    }
    expect(formatNumber(1250, 'points', 'vi')).toBe('12,5');
    expect(formatNumber(1250, 'points', 'en')).toBe('12.5');
  });

  it('are required when empty and not a number when they are words', () => {
    expect(parseNumber('', 'points')).toBeNull();
    expect(parseNumber('   ', 'decimal')).toBeNull();
    expect(parseNumber('mười', 'points')).toBeNaN();
    expect(parseNumber('1,2,3', 'decimal')).toBeNaN();
    expect(parseNumber('-0,14', 'decimal')).toBe(-0.14);
    expect(formatNumber(Number.NaN, 'decimal', 'vi')).toBe('');
    expect(formatNumber(null, 'points', 'vi')).toBe('');
  });
});

describe('codes of new criteria, indicators and conditions', () => {
  it('are new to the scheme and have the form the schema asks for', () => {
    const taken = codesOf(scheme);
    expect(taken.has('participation')).toBe(true);
    expect(taken.has('overdueRatio')).toBe(true);
    const code = newCode(scheme, 'criterion');
    expect(taken.has(code)).toBe(false);
    expect(code).toMatch(/^[a-z][A-Za-z0-9]*$/);
    const withIt: Scheme = { ...scheme, criteria: [...scheme.criteria, newCriterion(code, 500)] };
    expect(newCode(withIt, 'criterion')).not.toBe(code);
  });
});

describe('swapping the rule of a criterion', () => {
  it('gives, for every rule type, a rule the schema accepts in the scheme', () => {
    const leaf = scheme.criteria.find((criterion) => criterion.rule && criterion.id === 'participation') as Criterion;
    for (const type of RULE_TYPES) {
      const rule = ruleOfType(type, leaf.rule, scheme.indicators, leaf.max);
      expect(rule.type).toBe(type);
      const edited: Scheme = { ...scheme, criteria: scheme.criteria.map((criterion) => (criterion.id === leaf.id ? { ...criterion, rule } : criterion)) };
      expect(validateScheme(edited).success, type).toBe(true);
    }
  });

  it('keeps the indicator the previous rule read when the new rule can read it', () => {
    const rule = ruleOfType('linear', { type: 'thresholds', indicator: 'overdueRatio', direction: 'lowerIsBetter', steps: [{ bound: 1, points: 100 }] }, scheme.indicators, 1500);
    expect(rule).toEqual({ type: 'linear', indicator: 'overdueRatio', zeroAt: 0, fullAt: 100 });
  });
});

describe('the scheme as it is sent', () => {
  it('drops empty lists of sub-criteria and the rule of a group, and still validates', () => {
    const leaf: Criterion = { ...newCriterion('criterion1', 500), children: [] };
    const group: Criterion = { id: 'criterion2', label: { vi: 'Nhóm', en: 'Group' }, max: 500, rule: { type: 'manual', step: 50 }, children: [newCriterion('criterion3', 500)] };
    const named = (criterion: Criterion): Criterion => ({ ...criterion, label: { vi: 'Tiêu chí', en: 'Criterion' } });
    const edited: Scheme = { ...scheme, criteria: [...scheme.criteria, named(leaf), { ...group, children: (group.children ?? []).map(named) }] };
    const sent = cleanScheme(edited);
    const [sentLeaf, sentGroup] = sent.criteria.slice(-2) as [Criterion, Criterion];
    expect('children' in sentLeaf).toBe(false);
    expect(sentLeaf.rule).toEqual({ type: 'manual', step: 50 });
    expect('rule' in sentGroup).toBe(false);
    expect(sentGroup.children).toHaveLength(1);
    expect(validateScheme(sent).success).toBe(true);
    // The default schemes go through unchanged.
    for (const original of defaultSchemes2025) expect(cleanScheme(original)).toEqual(original);
  });

  it('adds up the maxima shown above the criteria, ignoring a field being typed', () => {
    expect(maximumOf(scheme)).toEqual({ criteria: 100_00, bonus: 500 });
    expect(maximumOf({ ...scheme, criteria: [{ ...newCriterion('criterion9', Number.NaN) }] })).toEqual({ criteria: 0, bonus: 500 });
  });
});

describe('the deadline typed as dd/MM/yyyy', () => {
  it('is read as an ISO date, whatever the separator', () => {
    expect(parseDate('10/01/2026')).toBe('2026-01-10');
    expect(parseDate('1/2/2026')).toBe('2026-02-01');
    expect(parseDate('15.01.2026')).toBe('2026-01-15');
    expect(parseDate('29-02-2028')).toBe('2028-02-29');
  });

  it('is refused when it is no real day or not in that form', () => {
    expect(parseDate('31/02/2026')).toBeNull();
    expect(parseDate('29/02/2026')).toBeNull();
    expect(parseDate('2026-01-10')).toBeNull();
    expect(parseDate('10/13/2026')).toBeNull();
    expect(parseDate('')).toBeNull();
  });

  it('is shown back as dd/MM/yyyy in both languages', () => {
    expect(formatDate('2026-01-10', 'vi')).toBe('10/01/2026');
    expect(formatDate('2026-01-10', 'en')).toBe('10/01/2026');
    expect(formatDate('not a date', 'vi')).toBe('');
  });
});
