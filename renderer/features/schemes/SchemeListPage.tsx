import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchemeSummary } from '../../../shared/contract/calls';
import type { CampaignStatus } from '../../../shared/domain/campaign';
import { call } from '../../app/api';
import { useCouncilAccess } from '../../app/access';
import { useRouter } from '../../app/router';
import { useCall } from '../../app/use-call';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime, useLabel } from '../../components/format';
import './schemes.css';
import { useCampaignYear } from '../campaign/campaign-year';

/** Dossiers still scored with a version older than the scheme's current one. */
function olderDossiers(summary: SchemeSummary): number {
  return summary.versions.filter((entry) => entry.version < summary.scheme.version).reduce((sum, entry) => sum + entry.dossiers, 0);
}

function SchemeCard({ summary, status, busy, onRescore }: { summary: SchemeSummary; status: CampaignStatus; busy: boolean; onRescore: (summary: SchemeSummary) => void }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const go = useRouter((state) => state.go);
  const { scheme, versions, changes } = summary;
  const older = olderDossiers(summary);
  const name = label(scheme.label);
  const headingId = `scheme-${scheme.id}-heading`;
  return (
    <section className="card scheme-card" aria-labelledby={headingId} data-testid={`scheme-${scheme.id}`}>
      <div className="item-head">
        <div>
          <h2 id={headingId}>{name}</h2>
          <p className="muted small">
            {t('schemes.kinds')}: {scheme.kinds.map((kind) => t(`kinds.${kind}`)).join(', ')}
          </p>
        </div>
        <a
          className="button-link"
          href={`#/schemes/${encodeURIComponent(scheme.id)}`}
          onClick={(event) => {
            event.preventDefault();
            go({ page: 'scheme', id: scheme.id });
          }}
          data-testid={`edit-scheme-${scheme.id}`}
        >
          {status === 'closed' ? t('schemes.view') : t('schemes.edit')}
        </a>
      </div>
      <div className="scheme-facts">
        <div>
          <h3>{t('schemes.currentVersion')}</h3>
          <p className="big-number" data-testid={`scheme-version-${scheme.id}`}>
            {scheme.version}
          </p>
        </div>
        <div>
          <h3>{t('schemes.versions')}</h3>
          <table className="compact" data-testid={`scheme-versions-${scheme.id}`}>
            <thead>
              <tr>
                <th>{t('schemes.versionColumn')}</th>
                <th className="number">{t('schemes.dossiersColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((entry) => (
                <tr key={entry.version} data-version={entry.version}>
                  <td>{t('schemes.version', { version: entry.version })}</td>
                  <td className="number" data-testid={`scheme-${scheme.id}-v${entry.version}-dossiers`}>
                    {entry.dossiers}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="scheme-history">
          <h3>{t('schemes.history')}</h3>
          {changes.length === 0 ? (
            <p className="muted small">{t('schemes.noHistory')}</p>
          ) : (
            <div className="history-scroll">
              <table className="compact" data-testid={`scheme-history-${scheme.id}`}>
                <thead>
                  <tr>
                    <th>{t('schemes.when')}</th>
                    <th>{t('schemes.change')}</th>
                    <th className="number">{t('schemes.dossiersColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((change, index) => (
                    <tr key={`${change.at}-${index}`} data-action={change.action}>
                      <td className="nowrap">{formatDateTime(change.at, i18n.language)}</td>
                      <td>{t(`schemes.actions.${change.action}`, { from: change.fromVersion ?? '', to: change.toVersion })}</td>
                      <td className="number">{change.dossiers}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
      {older > 0 ? (
        <div className="rescore-row">
          <p className="pill pill-warn">{t('schemes.olderVersions', { count: older })}</p>
          {status === 'closed' ? null : (
            <ConfirmButton
              label={t('schemes.rescore', { count: older, version: scheme.version })}
              title={t('schemes.rescoreTitle')}
              message={t('schemes.rescoreConfirm', { count: older, scheme: name, version: scheme.version })}
              confirmLabel={t('schemes.confirm')}
              onConfirm={() => onRescore(summary)}
              disabled={busy}
              id={`rescore-${scheme.id}`}
              testId={`rescore-${scheme.id}`}
            />
          )}
        </div>
      ) : null}
    </section>
  );
}

/** Brings the re-score button of a scheme into view with the focus on it. */
function focusRescore(schemeId: string): void {
  const button = document.getElementById(`rescore-${schemeId}`);
  button?.scrollIntoView({ block: 'center' });
  button?.focus();
}

/** The campaign's scoring schemes: versions, dossiers per version, history, and re-scoring onto the current version. */
export function SchemeListPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const allowed = useCouncilAccess('schemes.save');
  const year = useCampaignYear();
  const { value: campaign, error: campaignError } = useCall('campaigns.get', allowed ? { year } : null);
  const { value: summaries, error: listError, reload } = useCall('schemes.list', allowed ? { campaignYear: year } : null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<{ rescored: number; version: number } | null>(null);
  // The re-score button goes away once it has done its work: the keyboard focus moves to what it did.
  const focusOnMount = useCallback((node: HTMLElement | null) => node?.focus(), []);

  if (!allowed) return <p className="empty">{t('schemes.councilOnly')}</p>;

  const rescore = async (summary: SchemeSummary) => {
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      setDone(await call('dossiers.rescore', { campaignYear: year, schemeId: summary.scheme.id }));
      reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const status = campaign?.status ?? 'preparation';
  const stale = (summaries ?? []).filter((summary) => olderDossiers(summary) > 0);
  const statusNote = status === 'closed' ? t('schemes.statusClosed', { year }) : status === 'open' ? t('schemes.statusOpen') : t('schemes.statusPreparation');
  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('schemes.title')}</h1>
          <p className="muted">{t('schemes.intro', { year })}</p>
        </div>
      </header>
      <p className="proposal-note" data-testid="proposal-note">
        {t('schemes.proposalNote')}
      </p>
      {campaign ? (
        <div className={status === 'closed' ? 'banner banner-warn' : 'banner banner-info'} role="note">
          {statusNote}
        </div>
      ) : null}
      <ErrorBanner error={campaignError ?? listError ?? failure} />
      {busy ? (
        <p className="muted" role="status">
          {t('schemes.rescoring')}
        </p>
      ) : null}
      {done ? (
        <div className="banner banner-ok" role="status" tabIndex={-1} ref={focusOnMount} data-testid="rescore-done">
          {t('schemes.rescored', { count: done.rescored, version: done.version })}
        </div>
      ) : null}
      {stale.length > 0 && status !== 'closed' ? (
        <div className="banner banner-warn" role="note" data-testid="rescore-attention">
          <p>{t('schemes.attention')}</p>
          <ul>
            {stale.map((summary) => (
              <li key={summary.scheme.id}>
                <button type="button" className="link" onClick={() => focusRescore(summary.scheme.id)}>
                  {t('schemes.attentionItem', { scheme: label(summary.scheme.label), count: olderDossiers(summary), version: summary.scheme.version })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {summaries === null && !listError ? <p className="muted">{t('app.loading')}</p> : null}
      {summaries && summaries.length === 0 ? <p className="empty">{t('schemes.empty')}</p> : null}
      {summaries && campaign
        ? summaries.map((summary) => <SchemeCard key={summary.scheme.id} summary={summary} status={status} busy={busy} onRescore={(chosen) => void rescore(chosen)} />)
        : null}
    </section>
  );
}
