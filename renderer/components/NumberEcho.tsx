import { useTranslation } from 'react-i18next';
import { readTypedNumber, unambiguousText, type NumberField } from '../../shared/domain/numbers';

/** A number written so that it reads one way only in the reader's language: thousands by a space in Vietnamese ("85 400"), commas in English. */
export function plainNumber(value: number, language: string): string {
  if (language !== 'vi') return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 8 }).format(value);
  // A (narrow no-break) space only ever groups thousands: nobody can read it as a decimal mark.
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 8 }).format(value).replace(/\./g, '\u202f');
}

interface NumberEchoProps {
  /** The field's id, so the question is announced with it. */
  id: string;
  text: string;
  field: NumberField;
  /** The field's unit as shown beside it ("triệu đồng", "%"), if any. */
  unit?: string;
  /** Puts the chosen number in the field, written so that it reads one way only. */
  onChoose: (text: string) => void;
}

/**
 * Under a number field: what was understood when the text had separators in it ("85.400" → "85 400 triệu đồng"), or,
 * when two readings fit the field ("1.000"), the question of which was meant, with both as buttons.
 */
export function NumberEcho({ id, text, field, unit, onChoose }: NumberEchoProps) {
  const { t, i18n } = useTranslation();
  const typed = readTypedNumber(text, field);
  const withUnit = (value: number) => `${plainNumber(value, i18n.language)}${unit ? ` ${unit}` : ''}`;
  if (typed.state === 'ambiguous') {
    return (
      <div className="number-question" role="group" aria-labelledby={`${id}-question`} data-testid={`${id}-question`}>
        <span id={`${id}-question`}>{t('numbers.ambiguous', { text: text.trim() })}</span>
        {typed.readings.map((value) => (
          <button key={value} type="button" className="secondary small-button" onClick={() => onChoose(unambiguousText(value))} data-value={value}>
            {withUnit(value)}
          </button>
        ))}
      </div>
    );
  }
  if (typed.state !== 'read' || !/[.,\s]/.test(text.trim())) return null;
  // "12,5" already says what it is; "85.400", "0.14" and "1 000" are echoed so that the reader can check.
  if (i18n.language === 'vi' && text.trim() === unambiguousText(typed.value)) return null;
  return (
    <span className="field-echo" id={`${id}-echo`} data-testid={`${id}-echo`} data-value={typed.value}>
      {t('numbers.understood', { value: withUnit(typed.value) })}
    </span>
  );
}
