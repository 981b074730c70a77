import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../shared/contract/calls';
import { call } from '../../app/api';
import { ErrorBanner } from '../../components/errors';
import { saveFile } from './download';

/** "Export to Excel" for a page's table (the ranking, the allocation): the same rows, as numbers, in a workbook. */
export function ExportToExcel({ request }: { request: CallInput<'documents.exportTable'> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  return (
    <span className="page-export no-print">
      <button
        type="button"
        className="secondary"
        disabled={busy}
        data-testid="export-excel"
        onClick={() => {
          setBusy(true);
          setFailure(null);
          call('documents.exportTable', request)
            .then(saveFile, setFailure)
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t('documents.exporting') : t('documents.exportExcel')}
      </button>
      <ErrorBanner error={failure} />
    </span>
  );
}
