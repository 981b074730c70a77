import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchemeSaveResult } from '../../../shared/contract/calls';
import { useCouncilAccess } from '../../app/access';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { useLabel } from '../../components/format';
import { SchemeEditor } from './SchemeEditor';
import './schemes.css';
import { useCampaignYear } from '../campaign/campaign-year';

/** One scheme of the current campaign, edited by the council (read-only once the campaign is closed). */
export function SchemeEditorPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const allowed = useCouncilAccess('schemes.save');
  const year = useCampaignYear();
  const { value: campaign, error: campaignError, reload: reloadCampaign } = useCall('campaigns.get', allowed ? { year } : null);
  const { value: loaded, error: schemeError } = useCall('schemes.get', allowed ? { id } : null);
  const { value: dossiers, error: dossiersError } = useCall('dossiers.list', allowed ? { campaignYear: year } : null);
  const [saved, setSaved] = useState<SchemeSaveResult | null>(null);
  const failure = campaignError ?? schemeError ?? dossiersError;

  if (!allowed) return <p className="empty">{t('schemes.councilOnly')}</p>;
  if (failure) return <ErrorBanner error={failure} />;
  if (!campaign || !loaded || !dossiers) return <p className="muted">{t('app.loading')}</p>;

  const scheme = saved?.scheme ?? loaded;
  const statusNote =
    campaign.status === 'closed' ? t('schemes.statusClosed', { year }) : campaign.status === 'open' ? t('schemes.statusOpen') : t('schemes.statusPreparation');
  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <a href="#/schemes">← {t('schemes.editor.back')}</a>
          </p>
          <h1 id="scheme-title">{label(scheme.label)}</h1>
          <p className="muted">
            {scheme.kinds.map((kind) => t(`kinds.${kind}`)).join(' · ')} · {t('schemes.version', { version: scheme.version })}
          </p>
        </div>
      </header>
      <p className="muted small proposal-note">{t('schemes.proposalNote')}</p>
      <div className={campaign.status === 'closed' ? 'banner banner-warn' : 'banner banner-info'} role="note" data-testid="scheme-status-note">
        {statusNote}
      </div>
      <SchemeEditor key={loaded.id} initial={loaded} campaignYear={year} status={campaign.status} dossiers={dossiers} onSaved={setSaved} onStale={reloadCampaign} />
    </section>
  );
}
