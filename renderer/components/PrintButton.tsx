import { useTranslation } from 'react-i18next';

/** Prints the page on A4 (the print style keeps its heading and tables, with page numbers). */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="secondary" onClick={() => window.print()} data-testid="print-page">
      {t('print.button')}
    </button>
  );
}
