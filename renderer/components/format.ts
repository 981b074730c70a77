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

export { formatBytes, formatDateTime } from '../../shared/i18n/format';
