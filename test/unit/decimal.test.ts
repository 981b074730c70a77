import { describe, expect, it } from 'vitest';
import { formatHundredths, hundredthsToNumber, roundDiv, scaled, toHundredths, VALUE_SCALE } from '../../shared/scoring/decimal';

describe('toHundredths: points a person types', () => {
  it('reads a Vietnamese decimal comma: "12,5" is 12.50 points', () => {
    expect(toHundredths('12,5')).toBe(1250);
  });

  it('reads a decimal point and a plain number the same way', () => {
    expect(toHundredths('12.5')).toBe(1250);
    expect(toHundredths(12.5)).toBe(1250);
    expect(toHundredths(15)).toBe(1500);
    expect(toHundredths('0')).toBe(0);
  });

  it('ignores spaces around the text', () => {
    expect(toHundredths('  7,25 ')).toBe(725);
  });

  it('rounds the third decimal half up: "12.345" is 12.35, "12.344" is 12.34', () => {
    expect(toHundredths('12.345')).toBe(1235);
    expect(toHundredths('12.344')).toBe(1234);
    expect(toHundredths('12.3449')).toBe(1234);
    expect(toHundredths('12,999')).toBe(1300);
    expect(toHundredths('0.005')).toBe(1);
    expect(toHundredths('0.004')).toBe(0);
  });

  it('reads negative numbers, rounding half away from zero', () => {
    expect(toHundredths('-12,5')).toBe(-1250);
    expect(toHundredths('-12.345')).toBe(-1235);
    expect(toHundredths('-12.344')).toBe(-1234);
    expect(toHundredths(-0.5)).toBe(-50);
  });

  it('rejects text that is not a number', () => {
    for (const text of ['', '   ', 'abc', '12a', '1,000.5', '1.000,5', '1e3', '+5', '.5', '5.', '--1', '1 000', 'NaN', 'Infinity']) {
      expect(toHundredths(text), text).toBeNull();
    }
  });

  it('rejects numbers that are not finite', () => {
    expect(toHundredths(Number.NaN)).toBeNull();
    expect(toHundredths(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('rejects numbers too large to count exactly in hundredths', () => {
    expect(toHundredths('123456789012345678901234')).toBeNull();
    expect(toHundredths('90071992547410')).toBeNull();
    expect(toHundredths(1e21)).toBeNull();
  });

  it('still reads the largest numbers it can count exactly', () => {
    expect(toHundredths('90071992547409')).toBe(9_007_199_254_740_900);
  });
});

describe('roundDiv: integer division rounded half away from zero', () => {
  it('divides exactly when it can', () => {
    expect(roundDiv(10n, 5n)).toBe(2n);
    expect(roundDiv(0n, 7n)).toBe(0n);
  });

  it('rounds halves away from zero and the rest to the nearest', () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(7n, 2n)).toBe(4n);
    expect(roundDiv(1n, 3n)).toBe(0n);
    expect(roundDiv(2n, 3n)).toBe(1n);
    expect(roundDiv(1n, 2n)).toBe(1n);
    expect(roundDiv(149n, 100n)).toBe(1n);
    expect(roundDiv(150n, 100n)).toBe(2n);
  });

  it('rounds negative quotients away from zero too', () => {
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(-1n, 2n)).toBe(-1n);
    expect(roundDiv(-1n, 3n)).toBe(0n);
    expect(roundDiv(-2n, 3n)).toBe(-1n);
    expect(roundDiv(-149n, 100n)).toBe(-1n);
  });

  it('handles negative denominators', () => {
    expect(roundDiv(5n, -2n)).toBe(-3n);
    expect(roundDiv(-5n, -2n)).toBe(3n);
    expect(roundDiv(2n, -3n)).toBe(-1n);
    expect(roundDiv(-10n, -5n)).toBe(2n);
  });

  it('is symmetric: negating the numerator negates the result', () => {
    for (let n = -50n; n <= 50n; n += 1n) {
      for (const d of [1n, 2n, 3n, 7n, -4n]) {
        expect(roundDiv(-n, d)).toBe(-roundDiv(n, d));
      }
    }
  });

  it('refuses to divide by zero', () => {
    expect(() => roundDiv(1n, 0n)).toThrow(RangeError);
    expect(() => roundDiv(0n, 0n)).toThrow(/division by zero/);
  });
});

describe('formatHundredths: two decimals for machines and the CLI', () => {
  it('writes hundredths with two decimal places', () => {
    expect(formatHundredths(1250)).toBe('12.50');
    expect(formatHundredths(10500)).toBe('105.00');
    expect(formatHundredths(7)).toBe('0.07');
    expect(formatHundredths(0)).toBe('0.00');
    expect(formatHundredths(99)).toBe('0.99');
  });

  it('writes negative amounts with a leading minus', () => {
    expect(formatHundredths(-5)).toBe('-0.05');
    expect(formatHundredths(-1250)).toBe('-12.50');
  });

  it('reads back through toHundredths unchanged', () => {
    for (const points of [0, 1, 99, 100, 1234, 10500, -1, -1234]) {
      expect(toHundredths(formatHundredths(points))).toBe(points);
    }
  });

  it('converts hundredths to a plain number of points', () => {
    expect(hundredthsToNumber(1250)).toBe(12.5);
    expect(hundredthsToNumber(-5)).toBe(-0.05);
  });
});

describe('scaled: indicator values as exact ten-thousandths', () => {
  it('uses a scale of 10 000', () => {
    expect(VALUE_SCALE).toBe(10_000n);
    expect(scaled(1)).toBe(10_000n);
  });

  it('keeps up to four decimals exactly', () => {
    expect(scaled(12.3456)).toBe(123_456n);
    expect(scaled(0.14)).toBe(1_400n);
    expect(scaled(-0.1)).toBe(-1_000n);
  });

  it('absorbs binary floating-point noise', () => {
    expect(scaled(0.1 + 0.2)).toBe(scaled(0.3));
    expect(scaled(1.005)).toBe(10_050n);
  });

  it('rounds beyond the fourth decimal', () => {
    expect(scaled(0.00004)).toBe(0n);
    expect(scaled(0.00006)).toBe(1n);
  });

  it('handles large indicator values (a hundred billion) exactly', () => {
    expect(scaled(1e11)).toBe(1_000_000_000_000_000n);
  });
});

describe('numbers at the edges', () => {
  it('a tiny self score is read as zero, not as empty', () => {
    expect(toHundredths(1e-7)).toBe(0);
    expect(Object.is(toHundredths('-0.001'), 0)).toBe(true);
  });
  it('a huge indicator value is held at the bound instead of crashing the scoring', () => {
    expect(scaled(1e305)).toBe(scaled(1e15));
    expect(scaled(-1e305)).toBe(scaled(-1e15));
  });
});
