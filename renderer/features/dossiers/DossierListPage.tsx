import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchesSearch } from '../../../shared/domain/text';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session-store';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime, usePoints } from '../../components/format';
import { useDossiers } from './store';

export function DossierListPage() {
  const { t, i18n } = useTranslation();
  const year = useSession((state) => state.status?.currentCampaignYear ?? 2025);
  const go = useRouter((state) => state.go);
  const { dossiers, error, loadDossiers } = useDossiers();
  const points = usePoints();
  const [query, setQuery] = useState('');

  useEffect(() => {
    void loadDossiers(year);
  }, [year, loadDossiers]);

  const collator = useMemo(() => new Intl.Collator(i18n.language === 'vi' ? 'vi' : 'en'), [i18n.language]);
  const shown = useMemo(
    () => (dossiers ?? []).filter((dossier) => matchesSearch(dossier.unitName, query)).sort((a, b) => collator.compare(a.unitName, b.unitName)),
    [dossiers, query, collator],
  );

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('dossiers.title')}</h1>
          <p className="muted">{t('dossiers.intro', { year })}</p>
        </div>
        <button type="button" onClick={() => go({ page: 'newDossier' })} data-testid="new-dossier">
          {t('dossiers.new')}
        </button>
      </header>
      <div className="toolbar">
        <input type="search" placeholder={t('dossiers.search')} aria-label={t('dossiers.search')} value={query} onChange={(event) => setQuery(event.target.value)} data-testid="dossier-search" />
        <span className="muted" data-testid="dossier-count">
          {t('dossiers.count', { shown: shown.length, total: dossiers?.length ?? 0 })}
        </span>
      </div>
      <ErrorBanner error={error} />
      {dossiers === null ? <p className="muted">{t('app.loading')}</p> : null}
      {dossiers && dossiers.length === 0 ? <p className="empty">{t('dossiers.empty')}</p> : null}
      {dossiers && dossiers.length > 0 && shown.length === 0 ? <p className="empty">{t('dossiers.noMatch')}</p> : null}
      {shown.length > 0 ? (
        <div className="table-scroll">
          <table data-testid="dossier-table">
            <thead>
              <tr>
                <th>{t('dossiers.unit')}</th>
                <th>{t('dossiers.kind')}</th>
                <th>{t('dossiers.status')}</th>
                <th className="number">{t('dossiers.selfTotal')}</th>
                <th>{t('dossiers.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((dossier) => (
                <tr key={dossier.id} className="clickable" onClick={() => go({ page: 'dossier', id: dossier.id })}>
                  <td>
                    <a href={`#/dossiers/${encodeURIComponent(dossier.id)}`} onClick={(event) => event.stopPropagation()}>
                      {dossier.unitName}
                    </a>
                  </td>
                  <td>{t(`kinds.${dossier.nomineeKind}`)}</td>
                  <td>
                    <span className={`pill pill-${dossier.status}`}>{t(`statuses.${dossier.status}`)}</span>{' '}
                    {!dossier.complete ? <span className="pill pill-warn">{t('dossiers.incomplete')}</span> : null}{' '}
                    {!dossier.eligible ? <span className="pill pill-bad">{t('dossiers.ineligible')}</span> : null}
                  </td>
                  <td className="number">{points(dossier.selfTotal)}</td>
                  <td>{formatDateTime(dossier.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
