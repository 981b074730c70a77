import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deadlineState, formatIsoDate } from '../../../shared/domain/deadline';
import { DOSSIER_STATUSES } from '../../../shared/domain/dossier';
import type { BranchOverview, OfficeOverview, OfficeProgress } from '../../../shared/domain/overview';
import type { NomineeGroup } from '../../../shared/domain/kinds';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ArrivalsChart } from '../../components/charts/ArrivalsChart';
import { RankingChart } from '../../components/charts/RankingChart';
import { ErrorBanner } from '../../components/errors';
import { PrintButton } from '../../components/PrintButton';
import { formatDateTime } from '../../components/format';
import { useToday } from '../../components/use-today';
import { useCampaignYear } from '../campaign/campaign-year';
import './overview.css';

/** Days to the deadline, in words, in the banner's colours. */
function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const state = deadlineState(deadline, useToday());
  const date = formatIsoDate(deadline);
  const text = state.phase === 'passed' ? t('overview.deadline.passed', { count: state.days, date }) : state.phase === 'lastDay' ? t('overview.deadline.lastDay', { date }) : t('overview.deadline.ahead', { count: state.days, date });
  return (
    <p className={`deadline-banner deadline-${state.urgency}`} role="status" data-testid="overview-countdown" data-days={state.phase === 'passed' ? -state.days : state.days}>
      {text}
    </p>
  );
}

function OfficeRow({ office }: { office: OfficeProgress }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const name = office.officeUnitId === null ? t('overview.offices.province') : office.name;
  const missingId = `missing-${office.officeUnitId ?? 'province'}`;
  return (
    <>
      <tr data-office={office.officeUnitId ?? 'province'} className={office.expected === 0 ? 'waiting' : ''}>
        <th scope="row">{name}</th>
        <td className="number" data-column="expected">{office.expected}</td>
        <td className="number" data-column="received">{office.received}</td>
        <td className="number" data-column="returned">{office.returned > 0 ? <span className="pill pill-returned">{office.returned}</span> : 0}</td>
        <td className="number" data-column="late">{office.late > 0 ? <span className="pill pill-warn">{office.late}</span> : 0}</td>
        <td className="number" data-column="missing">
          {office.missing.length > 0 ? (
            <button type="button" className="link print-keep" aria-expanded={open} aria-controls={missingId} onClick={() => setOpen((value) => !value)}>
              {office.missing.length} <span className="no-print">· {open ? t('overview.offices.hideMissing') : t('overview.offices.showMissing')}</span>
            </button>
          ) : (
            0
          )}
        </td>
        <td>{office.lastArrival ? formatDateTime(office.lastArrival, i18n.language) : <span className="muted">{t('overview.offices.never')}</span>}</td>
      </tr>
      {open ? (
        <tr id={missingId} className="missing-row">
          <td colSpan={7}>
            <span className="muted small">{t('overview.offices.missingList', { office: name })}</span>
            <ul>
              {office.missing.map((dossier) => (
                <li key={dossier.dossierId}>
                  <a href={`#/dossiers/${encodeURIComponent(dossier.dossierId)}`}>{dossier.name}</a> — {t(`kinds.${dossier.nomineeKind}`)} · <span className={`pill pill-${dossier.status}`}>{t(`statuses.${dossier.status}`)}</span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function BranchView({ overview }: { overview: BranchOverview }) {
  const { t } = useTranslation();
  const sum = (pick: (office: OfficeProgress) => number) => overview.offices.reduce((total, office) => total + pick(office), 0);
  return (
    <>
      <section className="card" aria-labelledby="overview-offices-title">
        <h2 id="overview-offices-title">{t('overview.offices.title')}</h2>
        <p className="muted small">{t('overview.offices.expectedHint')}</p>
        <div className="table-wrap">
          <table className="overview-table" data-testid="overview-offices">
            <thead>
              <tr>
                <th scope="col">{t('overview.offices.office')}</th>
                <th scope="col" className="number">{t('overview.offices.expected')}</th>
                <th scope="col" className="number">{t('overview.offices.received')}</th>
                <th scope="col" className="number">{t('overview.offices.returned')}</th>
                <th scope="col" className="number">{t('overview.offices.late')}</th>
                <th scope="col" className="number">{t('overview.offices.missing')}</th>
                <th scope="col">{t('overview.offices.lastArrival')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.offices.map((office) => (
                <OfficeRow key={office.officeUnitId ?? 'province'} office={office} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('overview.offices.totals')}</th>
                <td className="number">{sum((office) => office.expected)}</td>
                <td className="number">{sum((office) => office.received)}</td>
                <td className="number">{sum((office) => office.returned)}</td>
                <td className="number">{sum((office) => office.late)}</td>
                <td className="number">{sum((office) => office.missing.length)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <ArrivalsChart arrivals={overview.arrivals} deadline={overview.deadline} />
    </>
  );
}

function OfficeView({ overview }: { overview: OfficeOverview }) {
  const { t } = useTranslation();
  const go = useRouter((state) => state.go);
  const open = overview.dossiers.filter((dossier) => dossier.status === 'draft' || dossier.status === 'returned' || dossier.needs.length > 0);
  return (
    <div className="overview-office">
      <section className="card" aria-labelledby="overview-statuses-title">
        <h2 id="overview-statuses-title">{t('overview.statuses.title')}</h2>
        <table className="overview-table" data-testid="overview-statuses">
          <thead>
            <tr>
              <th scope="col">{t('overview.statuses.status')}</th>
              <th scope="col" className="number">{t('overview.statuses.count')}</th>
            </tr>
          </thead>
          <tbody>
            {DOSSIER_STATUSES.map((status) => (
              <tr key={status} data-status={status}>
                <th scope="row">
                  <span className={`pill pill-${status}`}>{t(`statuses.${status}`)}</span>
                </th>
                <td className="number">{overview.statuses[status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="overview-needs-title">
        <h2 id="overview-needs-title">{t('overview.needs.title')}</h2>
        {open.length === 0 ? <p className="empty">{t('overview.needs.allDone')}</p> : null}
        {open.length > 0 ? (
          <div className="table-wrap needs-wrap">
            <table className="overview-table" data-testid="overview-needs">
              <thead>
                <tr>
                  <th scope="col">{t('overview.needs.nominee')}</th>
                  <th scope="col">{t('overview.needs.status')}</th>
                  <th scope="col">{t('overview.needs.needs')}</th>
                </tr>
              </thead>
              <tbody>
                {open.map((dossier) => (
                  <tr key={dossier.dossierId} data-dossier={dossier.dossierId}>
                    <th scope="row">
                      <a
                        href={`#/dossiers/${encodeURIComponent(dossier.dossierId)}`}
                        onClick={(event) => {
                          event.preventDefault();
                          go({ page: 'dossier', id: dossier.dossierId });
                        }}
                      >
                        {dossier.name}
                      </a>
                      <span className="muted small"> · {t(`kinds.${dossier.nomineeKind}`)}</span>
                    </th>
                    <td>
                      <span className={`pill pill-${dossier.status}`}>{t(`statuses.${dossier.status}`)}</span>
                    </td>
                    <td>
                      {dossier.status === 'returned' && dossier.returnReason ? <p className="needs-reason">{t('overview.needs.returned', { reason: dossier.returnReason })}</p> : null}
                      {dossier.needs.length === 0 ? (
                        <span className="muted">{t('overview.needs.nothing')}</span>
                      ) : (
                        <ul className="needs-list">
                          {dossier.needs.map((item) => (
                            <li key={item.key}>{t(item.key, item.params)}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

/** The ranking of the campaign as a chart, collectives or individuals. */
function RankingAtAGlance({ year }: { year: number }) {
  const { t } = useTranslation();
  const [group, setGroup] = useState<NomineeGroup>('collective');
  const { value: campaign } = useCall('campaigns.get', { year });
  const { value: ranking, error } = useCall('ranking.get', { campaignYear: year, group });
  const quota = group === 'collective' ? (campaign?.quotaCollectives ?? 0) : (campaign?.quotaIndividuals ?? 0);
  return (
    <section aria-label={t('charts.ranking.title')}>
      <label className="inline-field no-print">
        <span>{t('charts.ranking.group')}</span>
        <select value={group} onChange={(event) => setGroup(event.target.value as NomineeGroup)} data-testid="overview-ranking-group">
          <option value="collective">{t('ranking.collective')}</option>
          <option value="individual">{t('ranking.individual')}</option>
        </select>
      </label>
      <ErrorBanner error={error} />
      {ranking && campaign ? <RankingChart key={group} ranking={ranking} quota={quota} /> : null}
    </section>
  );
}

/** The home page: at the branch, every office's progress; at an office, its own dossiers; and the charts. */
export function OverviewPage() {
  const { t } = useTranslation();
  const year = useCampaignYear();
  const branch = useSession((state) => state.status?.mode === 'branch');
  const { value: branchOverview, error: branchError } = useCall('overview.branch', branch ? { campaignYear: year } : null);
  const { value: officeOverview, error: officeError } = useCall('overview.office', branch ? null : { campaignYear: year });
  const overview = branchOverview ?? officeOverview;
  return (
    <section className="page overview-page">
      <header className="page-header">
        <div>
          <h1>{branch ? t('overview.branchTitle', { year }) : t('overview.officeTitle', { year })}</h1>
          <p className="muted">{branch ? t('overview.branchIntro') : t('overview.officeIntro')}</p>
        </div>
        <PrintButton />
      </header>
      <ErrorBanner error={branchError ?? officeError} />
      {!overview && !(branchError ?? officeError) ? <p className="muted">{t('app.loading')}</p> : null}
      {overview ? <Countdown deadline={overview.deadline} /> : null}
      {branchOverview ? <BranchView overview={branchOverview} /> : null}
      {officeOverview ? officeOverview.dossiers.length === 0 ? <p className="empty">{t('overview.empty')}</p> : <OfficeView overview={officeOverview} /> : null}
      {overview ? <RankingAtAGlance year={year} /> : null}
    </section>
  );
}
