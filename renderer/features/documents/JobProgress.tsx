import { useTranslation } from 'react-i18next';
import type { Making } from './use-document-job';

/** A document being made: how far, and a way to stop it. */
export function JobProgress({ making, onCancel }: { making: Making; onCancel: () => void }) {
  const { t } = useTranslation();
  const { job } = making;
  const label = t('documents.making', { name: making.name, done: job.done, total: Math.max(job.total, 1) });
  return (
    <div className="card document-progress" role="status" data-testid="document-progress">
      <p>{label}</p>
      <progress value={job.total > 0 ? job.done : undefined} max={job.total > 0 ? job.total : undefined} aria-label={label} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel} data-testid="document-cancel">
          {t('documents.cancel')}
        </button>
      </div>
    </div>
  );
}
