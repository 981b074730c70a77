import type { Hundredths } from './types';

/**
 * Exact arithmetic for scores. Indicator values are read as integer ten-thousandths and every rule
 * works on integers; a rule rounds once, to the hundredth, half away from zero (0.005 → 0.01).
 * Integers are held in doubles while they stay below {@link EXACT_LIMIT}, where a double's arithmetic
 * on integers is exact; BigInt takes over only beyond it (values near the 10^15 bound).
 */
export const VALUE_SCALE = 10_000n;

/** Beyond this magnitude an indicator value is held at the bound (no plan or ratio comes near it). */
const VALUE_LIMIT = 1e15;

/** Below this magnitude, sums, differences and products of integers held in doubles are exact (2^52, one bit of margin). */
export const EXACT_LIMIT = 2 ** 52;

/** An indicator value as ten-thousandths: an integer held in a double, the very number {@link scaled} turns into a BigInt. */
export function scaledValue(value: number): number {
  return Math.round(Math.max(-VALUE_LIMIT, Math.min(VALUE_LIMIT, value)) * 10_000);
}

/** An indicator value as exact ten-thousandths. */
export function scaled(value: number): bigint {
  return BigInt(scaledValue(value));
}

/** {@link roundDiv} for integers held in doubles below {@link EXACT_LIMIT}: the same result, without BigInt. */
export function roundDivide(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('division by zero');
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0;
  const magnitude = negative ? -numerator : numerator;
  // The floating quotient may be one off either way; the exact remainder corrects it.
  let quotient = Math.floor(magnitude / denominator);
  let remainder = magnitude - quotient * denominator;
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  if (remainder * 2 >= denominator) quotient += 1;
  return negative && quotient !== 0 ? -quotient : quotient;
}

/** Integer division rounded half away from zero. */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

/** Points typed by a person ("12,5" or 12.5) as hundredths, or null when it is not a number. */
export function toHundredths(value: number | string): Hundredths | null {
  // String() writes tiny numbers as 1e-7; those are written out in full instead.
  const text = typeof value === 'number' ? (Math.abs(value) < 1e-6 ? value.toFixed(10) : String(value)) : value.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const padded = (fraction + '000').slice(0, 3);
  let result = Number(whole) * 100 + Number(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) result += 1;
  if (!Number.isSafeInteger(result)) return null;
  return negative && result !== 0 ? -result : result;
}

/** Hundredths as a plain decimal string with two places ("12.50"), for machines and the CLI. */
export function formatHundredths(points: Hundredths): string {
  const negative = points < 0;
  const magnitude = Math.abs(points);
  const text = `${Math.floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function hundredthsToNumber(points: Hundredths): number {
  return points / 100;
}
