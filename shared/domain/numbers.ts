/**
 * Numbers as people in Vietnam type them. The Vietnamese way groups thousands with a point or a space and writes
 * decimals after a comma ("85.400", "85 400", "0,14"); many also type the English way ("85,400", "0.14"). A text is
 * read both ways; a reading that does not fit the field (more decimals than it takes, outside its bounds) is dropped.
 * One reading left: that is the number. Two that fit and differ ("1.000" in a field that takes decimals and
 * thousands): the person is asked which one was meant, never guessed for.
 */

/** What a field accepts: how many decimals, and its bounds. */
export interface NumberField {
  decimals: number;
  min: number;
  max: number;
}

/** One way to read a text: its value, and the decimals it was written with (trailing zeros left out). */
export interface NumberReading {
  value: number;
  decimals: number;
}

export type TypedNumber =
  | { state: 'empty' }
  /** Not a number whichever way it is read. */
  | { state: 'invalid' }
  /** A number, read one way only or both ways alike. */
  | { state: 'read'; value: number }
  /** Two different numbers both fit the field: the person chooses. */
  | { state: 'ambiguous'; readings: [number, number] }
  /** A number that does not fit the field: why, for the reading a Vietnamese reader would make. */
  | { state: 'unfit'; value: number; problem: 'decimals' | 'tooSmall' | 'tooLarge' };

const SPACES = /[\u00a0\u202f\u2009]/g;

/** Reads digits grouped by `group` (or not grouped) with an optional fraction after `mark`; null when the text is not so written. */
function readWith(body: string, mark: ',' | '.', group: string): NumberReading | null {
  const at = body.lastIndexOf(mark);
  const whole = at < 0 ? body : body.slice(0, at);
  const fraction = at < 0 ? '' : body.slice(at + 1);
  if (at >= 0 && !/^\d{1,8}$/.test(fraction)) return null;
  // Thousands: one to three digits (not a leading zero: "0.400" is no thousand), then groups of exactly three, always with the same separator.
  const grouped = whole.split(group);
  if (grouped.length > 1 && !(/^[1-9]\d{0,2}$/.test(grouped[0] ?? '') && grouped.slice(1).every((part) => /^\d{3}$/.test(part)))) return null;
  const digits = grouped.join('');
  if (!/^\d{1,15}$/.test(digits)) return null;
  const significant = fraction.replace(/0+$/, '');
  return { value: Number(`${digits}.${fraction || '0'}`), decimals: significant.length };
}

/**
 * Every way a typed text reads as a number (at most two: the Vietnamese and the English), without looking at the
 * field. A sign may lead; spaces of any kind group thousands; a "%" may follow.
 */
export function numberReadings(text: string): NumberReading[] {
  let body = text.replace(SPACES, ' ').trim().replace(/\s*%$/, '');
  let sign = 1;
  if (/^[-−]/.test(body)) {
    sign = -1;
    body = body.slice(1).trim();
  }
  if (!/^[\d., ]+$/.test(body) || /\s{2,}/.test(body)) return [];
  // A space only ever groups thousands; with a point or a comma beside it, that one is the decimal mark.
  const vietnamese = body.includes(' ') ? (body.includes('.') ? null : readWith(body, ',', ' ')) : readWith(body, ',', '.');
  const english = body.includes(' ') ? (body.includes(',') ? null : readWith(body, '.', ' ')) : readWith(body, '.', ',');
  const readings: NumberReading[] = [];
  for (const reading of [vietnamese, english]) {
    if (!reading) continue;
    const value = sign * reading.value;
    if (!readings.some((known) => known.value === value)) readings.push({ value: Object.is(value, -0) ? 0 : value, decimals: reading.decimals });
  }
  return readings;
}

function problemOf(reading: NumberReading, field: NumberField): 'decimals' | 'tooSmall' | 'tooLarge' | null {
  if (reading.decimals > field.decimals) return 'decimals';
  if (reading.value < field.min) return 'tooSmall';
  if (reading.value > field.max) return 'tooLarge';
  return null;
}

/** Reads what a person typed into a number field: the number, a question (two readings fit), or why it cannot be. */
export function readTypedNumber(text: string, field: NumberField): TypedNumber {
  if (text.trim() === '') return { state: 'empty' };
  const readings = numberReadings(text);
  const first = readings[0];
  if (!first) return { state: 'invalid' };
  const fitting = readings.filter((reading) => problemOf(reading, field) === null);
  if (fitting.length === 1) return { state: 'read', value: (fitting[0] as NumberReading).value };
  if (fitting.length === 2) return { state: 'ambiguous', readings: [(fitting[0] as NumberReading).value, (fitting[1] as NumberReading).value] };
  return { state: 'unfit', value: first.value, problem: problemOf(first, field) ?? 'decimals' };
}

/**
 * The value a field holds for scoring and saving: the number when it was read, null otherwise (empty, a question
 * still open, or a number that does not fit — the form says which).
 */
export function typedValue(text: string, field: NumberField): number | null {
  const typed = readTypedNumber(text, field);
  return typed.state === 'read' ? typed.value : typed.state === 'unfit' ? typed.value : null;
}

/** A number written the Vietnamese way, without doubt: "85.400", "0,14", "1.234,5" (up to `decimals` places). */
export function formatVietnamese(value: number, decimals = 4): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: decimals, useGrouping: true }).format(value);
}

/** A number as the reader writes it: the Vietnamese way in Vietnamese, the English way in English. */
export function formatNumber(value: number, language: string, decimals = 4): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: decimals }).format(value);
}

/**
 * A number as a person would type it so that it reads one way only: no thousands separators, the decimal comma
 * ("85400", "1,234"). What the form puts in a field when the person answers its question.
 */
export function unambiguousText(value: number): string {
  const [whole = '0', fraction] = String(value).split('.');
  // "1,234" could still be read as a thousand: a fourth decimal place ("1,2340") reads one way only.
  return fraction === undefined ? whole : `${whole},${fraction.length === 3 ? `${fraction}0` : fraction}`;
}
