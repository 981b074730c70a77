import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../shared/contract/calls';
import type { PageTable } from '../../../shared/documents/outputs';
import { formatDateTime } from '../../../shared/i18n/format';
import { call } from '../../app/api';
import { ErrorBanner } from '../../components/errors';
import { DocumentTable } from './DocumentPreview';
import './print.css';

/**
 * A page's table ready for paper: every row (not only those a long list shows on screen), on A4 landscape, without the
 * menu. It opens over the page; "Print" then asks the system to print it.
 */
export function PrintView({ request }: { request: CallInput<'documents.table'> }) {
  const { t } = useTranslation();
  const [table, setTable] = useState<PageTable | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    document.body.classList.add('printing-sheet');
    return () => document.body.classList.remove('printing-sheet');
  }, [open]);
  const show = () => {
    setFailure(null);
    call('documents.table', request).then((value) => {
      setTable(value);
      setOpen(true);
    }, setFailure);
  };
  return (
    <span className="no-print">
      <button type="button" className="secondary" onClick={show} data-testid="print-view">
        {t('documents.print')}
      </button>
      <ErrorBanner error={failure} />
      {open && table
        ? createPortal(
            <div className="print-sheet" data-testid="print-sheet" lang="vi">
              <div className="print-actions no-print">
                <button type="button" onClick={() => window.print()} data-testid="print-now">
                  {t('documents.print')}
                </button>
                <button type="button" className="secondary" onClick={() => setOpen(false)}>
                  {t('documents.closePrint')}
                </button>
              </div>
              <header className="print-heading">
                <div>{table.organisation.toLocaleUpperCase('vi')}</div>
                <h1>{table.title.toLocaleUpperCase('vi')}</h1>
              </header>
              <DocumentTable block={table.table} />
              <p className="print-foot">{t('documents.printedOn', { at: formatDateTime(new Date().toISOString()) })}</p>
            </div>,
            document.body,
          )
        : null}
    </span>
  );
}
