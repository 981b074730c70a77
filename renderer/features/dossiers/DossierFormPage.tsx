import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '../../../shared/contract/calls';
import { schemeFor } from '../../../shared/domain/campaign';
import { contentToFormValues, emptyFormValues } from '../../../shared/domain/dossier-form';
import { isCollectiveKind } from '../../../shared/domain/kinds';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { useUnits } from '../units/store';
import { DossierEditor } from './DossierEditor';
import { useDossiers } from './store';

/** A new collective dossier (choose the unit, then fill in) or an existing one. */
export function DossierFormPage({ id }: { id: string | null }) {
  const { t, i18n } = useTranslation();
  const year = useSession((state) => state.status?.currentCampaignYear ?? 2025);
  const go = useRouter((state) => state.go);
  const loadDossiers = useDossiers((state) => state.loadDossiers);
  const { units, load: loadUnits } = useUnits();
  const { value: campaign, error: campaignError } = useCall('campaigns.get', { year });
  const { value: loaded, error: loadError } = useCall('dossiers.get', id ? { id } : null);
  const [saved, setSaved] = useState<DossierDetail | null>(null);
  const [unitId, setUnitId] = useState('');
  const failure = campaignError ?? loadError;
  const detail = saved ?? loaded;

  useEffect(() => {
    void loadUnits();
  }, [loadUnits]);

  const collator = useMemo(() => new Intl.Collator(i18n.language === 'vi' ? 'vi' : 'en'), [i18n.language]);
  const candidates = useMemo(
    () => (units ?? []).filter((unit) => !unit.retired && isCollectiveKind(unit.kind)).sort((a, b) => collator.compare(a.name, b.name)),
    [units, collator],
  );

  if (failure) return <ErrorBanner error={failure} />;
  if (!campaign || (id && !detail) || !units) return <p className="muted">{t('app.loading')}</p>;

  const onSaved = (result: DossierDetail) => {
    void loadDossiers(year);
    if (id) setSaved(result);
    else go({ page: 'dossier', id: result.dossier.id });
  };

  if (detail) {
    const { dossier, scheme } = detail;
    return (
      <section className="page">
        <header className="page-header">
          <div>
            <h1>{t('form.editTitle', { name: dossier.unitName })}</h1>
            <p className="muted">
              {t(`kinds.${dossier.nomineeKind}`)} · {t('form.revision', { revision: dossier.revision, status: t(`statuses.${dossier.status}`) })}
            </p>
          </div>
        </header>
        <DossierEditor
          key={`${dossier.id}-${scheme.id}-${scheme.version}`}
          scheme={scheme}
          updatedAt={dossier.updatedAt}
          campaignYear={dossier.campaignYear}
          nomineeKind={dossier.nomineeKind}
          dossierId={dossier.id}
          initialValues={contentToFormValues(scheme, dossier.unitId, dossier.content)}
          onSaved={onSaved}
        />
      </section>
    );
  }

  const unit = candidates.find((candidate) => candidate.id === unitId);
  const scheme = unit ? schemeFor(campaign, unit.kind) : undefined;
  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('form.newTitle')}</h1>
      </header>
      {candidates.length === 0 ? <p className="empty">{t('form.unitsMissing')}</p> : null}
      <div className="card">
        <label htmlFor="nominee" className="field">
          <span>{t('form.nominee')}</span>
          <select id="nominee" value={unitId} onChange={(event) => setUnitId(event.target.value)} data-testid="nominee-select">
            <option value="">{t('form.chooseUnit')}</option>
            {candidates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} — {t(`kinds.${candidate.kind}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {unit && scheme ? (
        <DossierEditor
          key={`${scheme.id}-${scheme.version}`}
          scheme={scheme}
          updatedAt={null}
          campaignYear={campaign.year}
          nomineeKind={unit.kind}
          dossierId={null}
          initialValues={emptyFormValues(scheme, unit.id)}
          onSaved={onSaved}
        />
      ) : null}
    </section>
  );
}
