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
