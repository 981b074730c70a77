import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NomineeGroup } from '../../../shared/domain/kinds';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { usePoints } from '../../components/format';
import { GateList, ScoreBreakdown } from '../../components/ScoreExplanation';

/** The official ranking, as the main process computes it; explanations on demand. */
export function RankingPage() {
  const { t } = useTranslation();
  const year = useSession((state) => state.status?.currentCampaignYear ?? 2025);
  const points = usePoints();
  const [group, setGroup] = useState<NomineeGroup>('collective');
  const [open, setOpen] = useState<string | null>(null);
  const { value: campaign, error: campaignError } = useCall('campaigns.get', { year });
  const { value: ranking, error: rankingError } = useCall('ranking.get', { campaignYear: year, group });
  const failure = campaignError ?? rankingError;

  const scheme = campaign?.schemes[0] ?? null;
  const quota = group === 'collective' ? campaign?.quotaCollectives : campaign?.quotaIndividuals;

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('ranking.title')}</h1>
          <p className="muted">{t('ranking.intro', { year })}</p>
        </div>
        <label className="inline-field">
          <span>{t('ranking.group')}</span>
          <select value={group} onChange={(event) => setGroup(event.target.value as NomineeGroup)}>
            <option value="collective">{t('ranking.collective')}</option>
            <option value="individual">{t('ranking.individual')}</option>
          </select>
        </label>
      </header>
      {quota ? <p className="muted">{t('ranking.quota', { count: quota })}</p> : null}
      <ErrorBanner error={failure} />
      {ranking === null && !failure ? <p className="muted">{t('app.loading')}</p> : null}
      {ranking && ranking.rows.length === 0 ? <p className="empty">{t('ranking.empty')}</p> : null}
      {ranking && ranking.rows.length > 0 ? (
        <div className="table-scroll">
          <table data-testid="ranking-table">
            <thead>
              <tr>
                <th className="number">{t('ranking.position')}</th>
                <th>{t('ranking.nominee')}</th>
                <th>{t('ranking.kind')}</th>
                <th className="number">{t('ranking.total')}</th>
                <th>{t('ranking.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {ranking.rows.map((row) => (
                <Fragment key={row.dossierId}>
                  <tr data-dossier={row.dossierId} className={row.eligible ? '' : 'ineligible'}>
                    <td className="number">{row.position}</td>
                    <td>
                      {row.unitName}
                      {row.tiedWith.length > 0 ? (
                        <span className="pill pill-warn" title={t('ranking.tieHint', { count: row.tiedWith.length })}>
                          {t('ranking.tie')}
                        </span>
                      ) : null}
                    </td>
                    <td>{t(`kinds.${row.nomineeKind}`)}</td>
                    <td className="number">
                      <strong data-testid={`ranking-total-${row.dossierId}`} data-hundredths={row.total}>
                        {points(row.total)}
                      </strong>
                    </td>
                    <td>
                      <span className={row.eligible ? 'pill pill-ok' : 'pill pill-bad'}>{row.eligible ? t('ranking.eligible') : t('ranking.ineligible')}</span>
                    </td>
                    <td>
                      <button type="button" className="link" aria-expanded={open === row.dossierId} onClick={() => setOpen(open === row.dossierId ? null : row.dossierId)}>
                        {open === row.dossierId ? t('ranking.hide') : t('ranking.details')}
                      </button>
                    </td>
                  </tr>
                  {open === row.dossierId ? (
                    <tr className="details-row">
                      <td />
                      <td colSpan={5}>
                        {row.tiedWith.length > 0 ? <p className="muted">{t('ranking.tieHint', { count: row.tiedWith.length })}</p> : null}
                        <GateList failures={row.gateFailures} scheme={scheme} />
                        <ScoreBreakdown result={row.result} scheme={scheme} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
