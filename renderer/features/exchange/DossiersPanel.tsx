import { compareNames } from '../../../shared/domain/collation';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../shared/domain/dossier';
import { matchesSearch } from '../../../shared/domain/text';
import { call } from '../../app/api';
import { useCouncilAccess } from '../../app/access';
import { ErrorBanner } from '../../components/errors';

/** The reason must say something: the service asks for at least this many characters. */
export const RETURN_REASON_MIN = 5;

const nameOf = (dossier: DossierSummary) => dossier.personName ?? dossier.unitName;

function ReturnForm({ dossier, onDone, onCancel }: { dossier: DossierSummary; onDone: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = `return-reason-${dossier.id}`;

  const submit = async () => {
    if (reason.trim().length < RETURN_REASON_MIN) {
      setTooShort(true);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await call('exchange.returnDossier', { dossierId: dossier.id, reason: reason.trim() });
      onDone(nameOf(dossier));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="return-form"
      data-testid="return-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{t('exchange.dossiers.returnTitle', { name: nameOf(dossier) })}</h3>
      <div className={`field${tooShort ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{t('exchange.dossiers.reason')}</label>
        <textarea
          id={id}
          rows={3}
          value={reason}
          maxLength={2000}
          aria-invalid={tooShort ? true : undefined}
          aria-describedby={`${id}-hint${tooShort ? ` ${id}-error` : ''}`}
          data-testid="return-reason"
          onChange={(event) => {
            setReason(event.target.value);
            if (event.target.value.trim().length >= RETURN_REASON_MIN) setTooShort(false);
          }}
        />
        <span className="field-hint" id={`${id}-hint`}>
          {t('exchange.dossiers.reasonHint', { minimum: RETURN_REASON_MIN })}
        </span>
        {tooShort ? (
          <span className="field-error" role="alert" id={`${id}-error`} data-testid="return-reason-error">
            {t('exchange.dossiers.reasonTooShort', { minimum: RETURN_REASON_MIN })}
          </span>
        ) : null}
      </div>
      <ErrorBanner error={failure} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="danger" disabled={busy} data-testid="return-confirm">
          {t('exchange.dossiers.confirmReturn')}
        </button>
      </div>
    </form>
  );
}

/**
 * At an office: which revision of each dossier went out and what the receipt said.
 * At the branch: the dossiers received from offices, each of which the council can return with a reason.
 */
export function DossiersPanel({ mode, dossiers, error, onChanged }: { mode: 'branch' | 'office'; dossiers: DossierSummary[] | null; error: unknown; onChanged: () => void }) {
  const { t } = useTranslation();
  const council = useCouncilAccess('exchange.returnDossier');
  const [query, setQuery] = useState('');
  const [returning, setReturning] = useState<string | null>(null);
  const [returnedName, setReturnedName] = useState<string | null>(null);
  const office = mode === 'office';

  const moved = useMemo(
    () =>
      (dossiers ?? [])
        .filter((dossier) => (office ? dossier.exportedRevision !== null || ['exported', 'received', 'returned'].includes(dossier.status) : dossier.status === 'received' || dossier.status === 'returned'))
        .sort((a, b) => compareNames(nameOf(a), nameOf(b))),
    [dossiers, office],
  );
  const shown = moved.filter((dossier) => matchesSearch(nameOf(dossier), query));
  const count = (status: DossierSummary['status']) => moved.filter((dossier) => dossier.status === status).length;
  const canReturn = !office && council;
  const columns = 5 + (office ? 1 : 0) + (canReturn ? 1 : 0);

  return (
    <section className="card" aria-labelledby="exchange-dossiers-heading">
      <h2 id="exchange-dossiers-heading">{t(office ? 'exchange.dossiers.officeTitle' : 'exchange.dossiers.branchTitle')}</h2>
      <p className="muted">{t(office ? 'exchange.dossiers.officeIntro' : 'exchange.dossiers.branchIntro')}</p>
      <ErrorBanner error={error} />
      {returnedName !== null ? (
        <div className="banner banner-ok" role="status" data-testid="return-notice">
          {t('exchange.dossiers.returned', { name: returnedName })}
        </div>
      ) : null}
      {dossiers === null && !error ? <p className="muted">{t('app.loading')}</p> : null}
      {dossiers !== null && moved.length === 0 ? (
        <p className="empty" data-testid="exchange-dossiers-empty">
          {t(office ? 'exchange.dossiers.officeEmpty' : 'exchange.dossiers.branchEmpty')}
        </p>
      ) : null}
      {moved.length > 0 ? (
        <>
          <div className="toolbar">
            <input type="search" placeholder={t('exchange.dossiers.search')} aria-label={t('exchange.dossiers.search')} value={query} onChange={(event) => setQuery(event.target.value)} data-testid="exchange-dossier-search" />
            <span className="muted" data-testid="exchange-dossier-summary">
              {office
                ? t('exchange.dossiers.officeSummary', { exported: count('exported'), received: count('received'), returned: count('returned') })
                : t('exchange.dossiers.branchSummary', { received: count('received'), returned: count('returned') })}
            </span>
          </div>
          <div className="table-scroll exchange-list">
            <table data-testid="exchange-dossiers">
              <thead>
                <tr>
                  <th>{t('exchange.dossiers.columns.nominee')}</th>
                  <th>{t('exchange.dossiers.columns.kind')}</th>
                  {office ? <th>{t('exchange.dossiers.columns.sent')}</th> : <th>{t('exchange.dossiers.columns.revision')}</th>}
                  {office ? <th>{t('exchange.dossiers.columns.revision')}</th> : null}
                  <th>{t('exchange.dossiers.columns.status')}</th>
                  <th>{t('exchange.dossiers.columns.reason')}</th>
                  {canReturn ? <th>{t('exchange.dossiers.columns.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {shown.map((dossier) => (
                  <Fragment key={dossier.id}>
                    <tr data-dossier={dossier.id} data-status={dossier.status}>
                      <td>
                        <a href={`#/dossiers/${encodeURIComponent(dossier.id)}`}>{nameOf(dossier)}</a>
                      </td>
                      <td>{t(`kinds.${dossier.nomineeKind}`)}</td>
                      {office ? (
                        <>
                          <td>{dossier.exportedRevision === null ? t('app.none') : t('exchange.send.revision', { revision: dossier.exportedRevision })}</td>
                          <td>
                            {t('exchange.send.revision', { revision: dossier.revision })}
                            {dossier.exportedRevision !== null && dossier.exportedRevision !== dossier.revision ? (
                              <span className="cell-note">{t('exchange.dossiers.changedSince', { revision: dossier.revision })}</span>
                            ) : null}
                          </td>
                        </>
                      ) : (
                        <td>{t('exchange.send.revision', { revision: dossier.revision })}</td>
                      )}
                      <td>
                        <span className={`pill pill-${dossier.status}`}>{t(`statuses.${dossier.status}`)}</span>
                      </td>
                      <td className="return-reason" data-testid="dossier-return-reason">
                        {dossier.returnReason ?? ''}
                      </td>
                      {canReturn ? (
                        <td>
                          {dossier.status === 'received' ? (
                            <button
                              type="button"
                              className="secondary"
                              aria-expanded={returning === dossier.id}
                              onClick={() => {
                                setReturning(returning === dossier.id ? null : dossier.id);
                                setReturnedName(null);
                              }}
                              data-testid="return-open"
                            >
                              {t('exchange.dossiers.return')}
                            </button>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                    {returning === dossier.id ? (
                      <tr className="details-row">
                        <td colSpan={columns}>
                          <ReturnForm
                            dossier={dossier}
                            onCancel={() => setReturning(null)}
                            onDone={(name) => {
                              setReturning(null);
                              setReturnedName(name);
                              onChanged();
                            }}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
