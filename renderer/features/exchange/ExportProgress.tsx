import { useTranslation } from 'react-i18next';
import type { Exporting } from './exchange-store';

const MB = 1024 * 1024;

/** A file being written to the USB stick: how far it has got, and a way to stop it that leaves nothing behind. */
export function ExportProgress({ exporting, onCancel }: { exporting: Exporting; onCancel: () => void }) {
  const { t } = useTranslation();
  const { job, cancelling } = exporting;
  const percent = job.total > 0 ? Math.min(100, Math.floor((job.done * 100) / job.total)) : 0;
  const label = t(`exchange.send.progress.${job.phase}`);
  return (
    <section className="card export-progress" aria-labelledby="export-progress-heading" data-testid="send-progress" data-phase={job.phase} data-percent={percent}>
      <h3 id="export-progress-heading">
        {t('exchange.send.progress.title')}: {t(`exchange.kinds.${job.kind}`)}
      </h3>
      <p>{label}</p>
      <progress value={job.total > 0 ? job.done : undefined} max={job.total > 0 ? job.total : undefined} aria-label={label} />
      <p className="muted small" role="status">
        {job.total > 0
          ? t('exchange.send.progress.amount', { percent, done: job.done / MB, total: job.total / MB })
          : t('exchange.send.progress.starting')}
      </p>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={cancelling} data-testid="send-cancel">
          {cancelling ? t('exchange.send.progress.cancelling') : t('exchange.send.progress.cancel')}
        </button>
        <span className="muted small">{t('exchange.send.progress.cancelHint')}</span>
      </div>
    </section>
  );
}
