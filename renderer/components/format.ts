import { useTranslation } from 'react-i18next';
import type { Hundredths, Label } from '../../shared/scoring/types';

/** Points (hundredths) as the reader writes them: "87,50" in Vietnamese, "87.50" in English. */
export function usePoints(): (points: Hundredths) => string {
  const { t } = useTranslation();
  return (points) => t('app.points', { value: points / 100 });
}

/** A scheme's bilingual label in the current language. */
export function useLabel(): (label: Label | null | undefined) => string {
  const { i18n } = useTranslation();
  return (label) => (label ? (i18n.language === 'vi' ? label.vi : label.en) : '');
}

/**
 * A date-time as dd/MM/yyyy HH:mm in local time, in both languages (Intl's vi-VN would put the time first,
 * en-GB a comma in between).
 */
export function formatDateTime(iso: string, _language?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
