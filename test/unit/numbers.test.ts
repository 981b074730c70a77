import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVietnamese, numberReadings, readTypedNumber, unambiguousText, type NumberField } from '../../shared/domain/numbers';

/** Amounts in millions of đồng: whole numbers (the default schemes' outstanding loans, savings). */
const MILLIONS: NumberField = { decimals: 0, min: 0, max: 100_000_000 };
/** Small ratios with two decimals (overdue debt). */
const RATIO: NumberField = { decimals: 2, min: 0, max: 100 };
/** A growth rate that takes one decimal and goes up to 1000 %. */
const GROWTH: NumberField = { decimals: 1, min: -100, max: 1000 };

describe('numbers as Vietnamese people type them', () => {
  it('an amount in millions: "85.400" and "85 400" are eighty-five thousand four hundred, never 85,4', () => {
    expect(readTypedNumber('85.400', MILLIONS)).toEqual({ state: 'read', value: 85_400 });
    expect(readTypedNumber('85 400', MILLIONS)).toEqual({ state: 'read', value: 85_400 });
    expect(readTypedNumber('85\u00a0400', MILLIONS)).toEqual({ state: 'read', value: 85_400 });
    expect(readTypedNumber('1.234.567', MILLIONS)).toEqual({ state: 'read', value: 1_234_567 });
    expect(readTypedNumber('85400', MILLIONS)).toEqual({ state: 'read', value: 85_400 });
    // Typed the English way, it is still the only reading that fits a whole amount.
    expect(readTypedNumber('85,400', MILLIONS)).toEqual({ state: 'read', value: 85_400 });
  });

  it('a ratio: the decimal comma, and the point when it cannot be thousands', () => {
    expect(readTypedNumber('0,14', RATIO)).toEqual({ state: 'read', value: 0.14 });
    expect(readTypedNumber('0.14', RATIO)).toEqual({ state: 'read', value: 0.14 });
    expect(readTypedNumber('12,5 %', RATIO)).toEqual({ state: 'read', value: 12.5 });
    expect(readTypedNumber('-0,05', { ...RATIO, min: -1 })).toEqual({ state: 'read', value: -0.05 });
  });

  it('both readings fit: the person is asked, never guessed for', () => {
    expect(readTypedNumber('1.000', GROWTH)).toEqual({ state: 'ambiguous', readings: [1000, 1] });
    expect(readTypedNumber('1,000', GROWTH)).toEqual({ state: 'ambiguous', readings: [1, 1000] });
    expect(readTypedNumber('2.5', GROWTH)).toEqual({ state: 'read', value: 2.5 });
  });

  it('the Vietnamese and the English full forms read alike', () => {
    expect(numberReadings('1.234,5').map((reading) => reading.value)).toEqual([1234.5]);
    expect(numberReadings('1,234.5').map((reading) => reading.value)).toEqual([1234.5]);
    expect(numberReadings('1 234 567,25').map((reading) => reading.value)).toEqual([1_234_567.25]);
  });

  it('what does not fit says why, as a Vietnamese reader reads it', () => {
    expect(readTypedNumber('85,4', MILLIONS)).toEqual({ state: 'unfit', value: 85.4, problem: 'decimals' });
    expect(readTypedNumber('0,125', RATIO)).toEqual({ state: 'unfit', value: 0.125, problem: 'decimals' });
    expect(readTypedNumber('150', RATIO)).toEqual({ state: 'unfit', value: 150, problem: 'tooLarge' });
  });

  it('what is no number at all is refused', () => {
    for (const text of ['abc', '1..2', '1.23.4', '12,34,5', '1 2', '1  000', '1,2.3,4', '--1', '٣']) expect(readTypedNumber(text, GROWTH), text).toEqual({ state: 'invalid' });
    expect(readTypedNumber('  ', GROWTH)).toEqual({ state: 'empty' });
  });

  it('the text put back after the person chooses reads one way only', () => {
    expect(unambiguousText(1000)).toBe('1000');
    expect(unambiguousText(1.5)).toBe('1,5');
    expect(unambiguousText(1.234)).toBe('1,2340');
    expect(readTypedNumber(unambiguousText(1.234), { decimals: 4, min: 0, max: 10_000 })).toEqual({ state: 'read', value: 1.234 });
  });
});

describe('numbers: properties', () => {
  const amounts = fc.integer({ min: 0, max: 100_000_000 });
  const hundredths = fc.integer({ min: 0, max: 10_000 }).map((value) => value / 100);

  it('an amount written the Vietnamese way (points or spaces between thousands) reads back as itself', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom('.', ' ', '\u00a0'), (value, separator) => {
        const text = formatVietnamese(value).replace(/\./g, separator);
        expect(readTypedNumber(text, MILLIONS)).toEqual({ state: 'read', value });
      }),
    );
  });

  it('a ratio with a decimal comma or point reads back as itself', () => {
    fc.assert(
      fc.property(hundredths, fc.constantFrom(',', '.'), (value, mark) => {
        const text = String(value).replace('.', mark);
        expect(readTypedNumber(text, RATIO)).toEqual({ state: 'read', value });
      }),
    );
  });

  it('whatever is typed, there are at most two readings, and "read" is always one of them', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9., ]{1,14}$/), (text) => {
        const readings = numberReadings(text);
        expect(readings.length).toBeLessThanOrEqual(2);
        const typed = readTypedNumber(text, GROWTH);
        if (typed.state === 'read') expect(readings.map((reading) => reading.value)).toContain(typed.value);
        if (typed.state === 'ambiguous') expect(typed.readings[0]).not.toBe(typed.readings[1]);
      }),
    );
  });

  it('the text the form puts back after a choice reads as the number chosen, and only that', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (ten_thousandths) => {
        const value = ten_thousandths / 10_000;
        expect(numberReadings(unambiguousText(value)).map((reading) => reading.value)).toEqual([value]);
      }),
    );
  });
});
