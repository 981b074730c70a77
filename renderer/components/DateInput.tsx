import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDate } from '../../shared/i18n/format';

/**
 * A date typed as dd/MM/yyyy whatever the computer's locale; `onChange` gets the ISO date, or null while the text is
 * empty or no real day (the text stays as typed).
 */
export function DateInput({ id, value, onChange, testId }: { id: string; value: string | null; onChange: (iso: string | null) => void; testId?: string }) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState<{ text: string; value: string | null } | null>(null);
  const text = typed !== null && typed.value === value ? typed.text : value ? formatDate(value, i18n.language) : '';
  const invalid = typed !== null && typed.text.trim() !== '' && typed.value === null;
  return (
    <input
      id={id}
      value={text}
      placeholder={t('campaign.datePlaceholder')}
      inputMode="numeric"
      autoComplete="off"
      aria-invalid={invalid || undefined}
      data-testid={testId}
      onChange={(event) => {
        const next = parseDate(event.target.value);
        setTyped({ text: event.target.value, value: next });
        onChange(next);
      }}
    />
  );
}
