import { useTranslation } from 'react-i18next';
import { IMPORT_CATEGORIES, type ExchangeRecord } from '../../../shared/domain/exchange';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime } from '../../components/format';

/** One line for what a file carried: its number of records (sent) or what the import did (received). */
function useSummary(): (record: ExchangeRecord) => string {
  const { t } = useTranslation();
  return (record) => {
    if (record.direction === 'out') return t('exchange.history.items', { count: record.summary.items ?? 0 });
    const parts = IMPORT_CATEGORIES.filter((category) => (record.summary[category] ?? 0) > 0).map((category) =>
      t('exchange.history.count', { label: t(`exchange.receive.categories.${category}`), count: record.summary[category] ?? 0 }),
    );
    return parts.length > 0 ? parts.join(' · ') : t('exchange.history.nothing');
  };
}

/** Every file this installation wrote or imported, the latest first. */
export function HistoryPanel({ history, error }: { history: ExchangeRecord[] | null; error: unknown }) {
  const { t, i18n } = useTranslation();
  const summary = useSummary();
  return (
    <section className="card" aria-labelledby="exchange-history-heading">
      <h2 id="exchange-history-heading">{t('exchange.history.title')}</h2>
      <ErrorBanner error={error} />
      {history === null && !error ? <p className="muted">{t('app.loading')}</p> : null}
      {history && history.length === 0 ? (
        <p className="empty" data-testid="exchange-history-empty">
          {t('exchange.history.empty')}
        </p>
      ) : null}
      {history && history.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="exchange-history">
            <thead>
              <tr>
                <th>{t('exchange.history.columns.at')}</th>
                <th>{t('exchange.history.columns.direction')}</th>
                <th>{t('exchange.history.columns.kind')}</th>
                <th>{t('exchange.history.columns.peer')}</th>
                <th className="number">{t('exchange.history.columns.sequence')}</th>
                <th>{t('exchange.history.columns.summary')}</th>
                <th>{t('exchange.history.columns.file')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((record) => (
                <tr key={record.id} data-direction={record.direction} data-kind={record.kind}>
                  <td className="nowrap">{formatDateTime(record.at, i18n.language)}</td>
                  <td>
                    <span className={`pill ${record.direction === 'out' ? 'pill-ready' : 'pill-ok'}`}>{t(`exchange.history.directions.${record.direction}`)}</span>
                  </td>
                  <td>{t(`exchange.kinds.${record.kind}`)}</td>
                  <td>{record.peer}</td>
                  <td className="number">{record.sequence}</td>
                  <td data-testid="history-summary">{summary(record)}</td>
                  <td className="file-name small">{record.fileName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
