import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditQuery, AuditVerification } from '../../../shared/domain/audit';
import { auditActionLabel, auditActorLabel, auditCsv, auditValues } from '../../../shared/domain/audit-csv';
import type { Language } from '../../../shared/domain/kinds';
import { call } from '../../app/api';
import { useMayCall } from '../../app/access';
import { useCall } from '../../app/use-call';
import { sortByName } from '../../../shared/domain/collation';
import { DateInput } from '../../components/DateInput';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import './audit.css';

const PAGE = 200;
/** The families the filter offers: the first word of the actions. */
const FAMILIES = ['auth', 'account', 'dossier', 'review', 'scheme', 'campaign', 'unit', 'person', 'exchange', 'backup'] as const;

interface Filters {
  actorId: string;
  action: string;
  recordId: string;
  from: string | null;
  to: string | null;
}

const NO_FILTERS: Filters = { actorId: '', action: '', recordId: '', from: null, to: null };

function queryOf(filters: Filters): AuditQuery {
  return {
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.recordId.trim() ? { recordId: filters.recordId.trim() } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The administrator's check of the whole chain of seals. */
function VerifyButton() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const verify = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await call('audit.verify', {}));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="audit-verify">
      <button type="button" className="secondary" onClick={() => void verify()} disabled={busy} data-testid="audit-verify">
        {busy ? t('trust.audit.verifying') : t('trust.audit.verify')}
      </button>
      {result ? (
        <div className={`banner ${result.firstBroken ? 'banner-error' : 'banner-ok'}`} role="status" data-testid="audit-verify-result">
          {result.firstBroken
            ? t('trust.audit.verifyBroken', { seq: result.firstBroken.seq, reason: t(`trust.audit.brokenReasons.${result.firstBroken.reason}`) })
            : t('trust.audit.verifyOk', { entries: result.entries })}
        </div>
      ) : null}
      <ErrorBanner error={failure} />
    </div>
  );
}

/**
 * The activity log: every write, who made it and when, newest first. An administrator sees everyone's and can check
 * the seals; anyone else sees their own. Filters by person, kind of action, record and dates; exported to CSV.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const admin = useMayCall('audit.verify');
  const { value: accounts } = useCall('users.list', admin ? {} : null);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [limit, setLimit] = useState(PAGE);
  const { value: page, error } = useCall('audit.list', { ...queryOf(filters), limit });
  const [exporting, setExporting] = useState(false);
  const [exportFailure, setExportFailure] = useState<unknown>(null);
  const translate = (key: string, params?: Record<string, string | number>) => t(key, params ?? {});

  const exportCsv = async () => {
    setExporting(true);
    setExportFailure(null);
    try {
      const entries: AuditEntry[] = [];
      for (let offset = 0; ; offset += 10_000) {
        const next = await call('audit.list', { ...queryOf(filters), offset, limit: 10_000 });
        entries.push(...next.entries);
        if (entries.length >= next.total || next.entries.length === 0) break;
      }
      download(`nhat-ky-thao-tac-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(entries, (key, params) => t(key, params ?? {}), language));
    } catch (caught) {
      setExportFailure(caught);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="page audit-page">
      <header className="page-header">
        <div>
          <h1>{t('trust.audit.title')}</h1>
          <p className="muted">{admin ? t('trust.audit.introAdmin') : t('trust.audit.introOwn')}</p>
        </div>
        <div className="form-actions-inline">
          <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={exporting || !page || page.total === 0} data-testid="audit-export">
            {exporting ? t('trust.audit.exporting') : t('trust.audit.exportCsv')}
          </button>
        </div>
      </header>
      {admin ? <VerifyButton /> : null}
      <ErrorBanner error={exportFailure} />
      <form
        className="card audit-filters"
        onSubmit={(event) => {
          event.preventDefault();
          setLimit(PAGE);
          setFilters(draft);
        }}
      >
        {admin ? (
          <div className="field">
            <label htmlFor="audit-person">{t('trust.audit.filters.person')}</label>
            <select id="audit-person" value={draft.actorId} onChange={(event) => setDraft({ ...draft, actorId: event.target.value })} data-testid="audit-person">
              <option value="">{t('trust.audit.filters.everyone')}</option>
              {sortByName(accounts ?? [], (account) => account.fullName).map((account) => (
                <option key={account.id} value={account.id}>
                  {account.fullName} ({account.username})
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="audit-action">{t('trust.audit.filters.action')}</label>
          <select id="audit-action" value={draft.action} onChange={(event) => setDraft({ ...draft, action: event.target.value })} data-testid="audit-action">
            <option value="">{t('trust.audit.filters.anyAction')}</option>
            {FAMILIES.map((family) => (
              <option key={family} value={family}>
                {t(`trust.audit.families.${family}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-record">{t('trust.audit.filters.record')}</label>
          <input id="audit-record" value={draft.recordId} placeholder={t('trust.audit.filters.recordPlaceholder')} onChange={(event) => setDraft({ ...draft, recordId: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('trust.audit.filters.from')}</label>
          <DateInput id="audit-from" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('trust.audit.filters.to')}</label>
          <DateInput id="audit-to" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        </div>
        <div className="audit-filter-actions">
          <button type="submit" data-testid="audit-filter">
            {t('trust.audit.filters.apply')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setLimit(PAGE);
            }}
          >
            {t('trust.audit.filters.clear')}
          </button>
        </div>
      </form>
      <ErrorBanner error={error} />
      {page ? (
        <>
          <p className="muted small" data-testid="audit-count">
            {t('trust.audit.count', { shown: page.entries.length, total: page.total })}
          </p>
          {page.entries.length === 0 ? (
            <p className="empty">{t('trust.audit.empty')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('trust.audit.title')}>
              <table className="audit-table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col" className="number">
                      {t('trust.audit.columns.seq')}
                    </th>
                    <th scope="col">{t('trust.audit.columns.at')}</th>
                    <th scope="col">{t('trust.audit.columns.actor')}</th>
                    <th scope="col">{t('trust.audit.columns.action')}</th>
                    <th scope="col">{t('trust.audit.columns.record')}</th>
                    <th scope="col">{t('trust.audit.columns.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.entries.map((entry) => (
                    <tr key={entry.seq} data-action={entry.action}>
                      <td className="number">{entry.seq}</td>
                      <td className="nowrap">{formatDateTime(entry.at, language)}</td>
                      <td>{auditActorLabel(entry, (key, params) => t(key, params ?? {}))}</td>
                      <td>{auditActionLabel(entry.action, (key, params) => t(key, params ?? {}))}</td>
                      <td title={entry.recordId ?? undefined}>
                        {entry.recordType ? <span className="muted small record-type">{t(`trust.audit.recordTypes.${entry.recordType}`)}</span> : null}
                        {entry.recordLabel ?? (entry.recordId ? <code className="record-id">{entry.recordId}</code> : null)}
                      </td>
                      <td className="audit-change">
                        {entry.change.before ? <span className="before">{auditValues(entry.change.before, translate)}</span> : null}
                        {entry.change.before && entry.change.after ? <span aria-hidden="true"> → </span> : null}
                        {entry.change.after ? <span className="after">{auditValues(entry.change.after, translate)}</span> : null}
                        {entry.change.note ? <span className="note">{entry.change.note}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.entries.length < page.total ? (
            <button type="button" className="secondary" onClick={() => setLimit(limit + PAGE)} data-testid="audit-more">
              {t('trust.audit.more')}
            </button>
          ) : null}
        </>
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
    </section>
  );
}
