import type { Language } from '../domain/kinds';

const two = (value: number) => String(value).padStart(2, '0');

/**
 * A date-time as dd/MM/yyyy HH:mm in local time, in both languages (Intl's vi-VN would put the time first,
 * en-GB a comma in between).
 */
export function formatDateTime(iso: string, _language?: Language | string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** A file size as people read it: "1,5 MB" in Vietnamese, "1.5 MB" in English. */
export function formatBytes(bytes: number, language: Language): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${text} ${units[unit]}`;
}

/** An ISO date (yyyy-MM-dd) as the reader writes it: dd/MM/yyyy; empty when it is not a date. */
export function formatDate(iso: string, language: Language | string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A date typed as dd/MM/yyyy (or d/M/yyyy, with slashes, dots or dashes) as an ISO date; null when it is no real day. */
export function parseDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO date in words with its weekday ("Thứ Bảy, 10 tháng 1, 2026"), so that no one reads 10/01 as 1 October. */
export function longDate(iso: string, language: Language | string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Points (hundredths) as the reader writes them, two decimals: "103,50" in Vietnamese, "103.50" in English (the CLI's tables). */
export function formatPoints(points: number, language: Language | string): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(points / 100);
}
