import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllocationReport } from '../../../shared/contract/calls';
import { ALLOCATION_WEIGHTS, type AllocationWeight } from '../../../shared/domain/campaign';
import { ALLOCATION_METHODS, PROVINCE_BUCKET, type AllocationLine, type AllocationMethod } from '../../../shared/scoring/allocation';
import { useSession } from '../../app/session-store';
import { ExportToExcel } from '../documents/ExportToExcel';
import { PrintView } from '../documents/PrintView';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { usePoints } from '../../components/format';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { useCampaignYear } from '../campaign/campaign-year';
import { TieDecision } from '../council/TieDecision';

interface Row {
  line: AllocationLine;
  name: string;
  eligible: number;
  selected: number;
  points: number;
}

/** One line per unit, in Vietnamese alphabetical order, the province level last. */
function useRows(report: AllocationReport | null): Row[] {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    if (!report) return [];
    const collator = new Intl.Collator(i18n.language === 'vi' ? 'vi' : 'en');
    const units = new Map(report.units.map((unit) => [unit.id, unit]));
    return report.allocation.lines
      .map((line) => {
        const unit = units.get(line.id);
        return {
          line,
          name: line.id === PROVINCE_BUCKET ? t('allocation.province') : line.name,
          eligible: unit?.eligible ?? 0,
          selected: unit?.selected ?? 0,
          points: unit?.points ?? 0,
        };
      })
      .sort((a, b) => Number(a.line.id === PROVINCE_BUCKET) - Number(b.line.id === PROVINCE_BUCKET) || collator.compare(a.name, b.name));
  }, [report, t, i18n.language]);
}

/** The individual quota shared among units after the collective round, with the reason of every place. */
export function AllocationPage() {
  const { t } = useTranslation();
  const points = usePoints();
  const year = useCampaignYear();
  const branch = useSession((state) => state.status?.mode === 'branch');
  const [method, setMethod] = useState<AllocationMethod | null>(null);
  const [weight, setWeight] = useState<AllocationWeight | null>(null);
  const { value: campaign, error: campaignError } = useCall('campaigns.get', branch ? { year } : null);
  const { value: report, error: reportError, reload } = useCall(
    'allocation.get',
    branch ? { campaignYear: year, ...(method ? { method } : {}), ...(weight ? { weight } : {}) } : null,
  );
  const rows = useRows(report);
  const nameById = new Map(rows.map((row) => [row.line.id, row.name]));

  if (!branch) {
    return (
      <section className="page">
        <h1>{t('allocation.title')}</h1>
        <div className="banner banner-error" role="alert">
          {t('errors.mode.branchOnly')}
        </div>
      </section>
    );
  }

  const failure = campaignError ?? reportError;
  const shownMethod = method ?? campaign?.settings.allocationMethod ?? 'largestRemainder';
  const shownWeight = weight ?? campaign?.settings.allocationWeight ?? 'eligibleCount';
  const settingLabel = (label: string, isSetting: boolean) => (isSetting ? t('allocation.campaignSetting', { name: label }) : label);
  const sum = (pick: (row: Row) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const anyTie = rows.some((row) => row.line.tie || row.line.tieLost);
  const columns: VirtualColumn<Row>[] = [
    {
      id: 'unit',
      header: t('allocation.columns.unit'),
      width: 'minmax(13rem, 3fr)',
      minRem: 13,
      cell: (row) => (
        <>
          {row.name}
          {row.line.id === PROVINCE_BUCKET ? <span className="field-hint">{t('allocation.provinceHint')}</span> : null}
        </>
      ),
    },
    { id: 'eligible', header: t('allocation.columns.eligible'), width: 'minmax(5rem, 1fr)', minRem: 5, className: 'number', cell: (row) => row.eligible },
    { id: 'selected', header: t('allocation.columns.selected'), width: 'minmax(5rem, 1fr)', minRem: 5, className: 'number', cell: (row) => row.selected },
    { id: 'points', header: t('allocation.columns.points'), width: 'minmax(6rem, 1fr)', minRem: 6, className: 'number', cell: (row) => points(row.points) },
    { id: 'weight', header: t('allocation.columns.weight'), width: 'minmax(5.5rem, 1fr)', minRem: 5.5, className: 'number', cell: (row) => t('allocation.weightValue', { value: row.line.weight }) },
    {
      id: 'exact',
      header: t('allocation.columns.exact'),
      width: 'minmax(6rem, 1fr)',
      minRem: 6,
      className: 'number',
      cell: (row) => <span data-testid="allocation-exact">{t('allocation.exactValue', { value: row.line.exactQuota })}</span>,
    },
    { id: 'base', header: t('allocation.columns.base'), width: 'minmax(5rem, 1fr)', minRem: 5, className: 'number', cell: (row) => row.line.baseSeats },
    {
      id: 'extra',
      header: t('allocation.columns.extra'),
      width: 'minmax(13rem, 3fr)',
      minRem: 13,
      cell: (row) => (
        <>
          <span className="extra-count">{row.line.extraSeats}</span>
          {row.line.reasons.length > 0 ? (
            <ul className="reasons">
              {row.line.reasons.map((reason, index) => (
                <li key={index}>{t(reason.key, reason.params)}</li>
              ))}
            </ul>
          ) : null}
          {row.line.tiedWith.length > 0 ? (
            <p className="tied-with" data-testid="allocation-tied-with">
              {t('allocation.tiedWith', { names: row.line.tiedWith.map((id) => nameById.get(id) ?? id).join(', ') })}
            </p>
          ) : null}
        </>
      ),
    },
    {
      id: 'seats',
      header: t('allocation.columns.seats'),
      width: 'minmax(6rem, 1fr)',
      minRem: 6,
      className: 'number',
      cell: (row) => (
        <>
          <strong data-testid="allocation-seats">{row.line.seats}</strong>
          {row.line.tie || row.line.tieLost ? (
            <span className="pill pill-warn" title={t(row.line.tie ? 'allocation.tieHint' : 'allocation.tieLostHint')} data-testid="allocation-tie">
              {t('allocation.tie')}
            </span>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <section className="page allocation-page">
      <header className="page-header">
        <div>
          <h1>{t('allocation.title')}</h1>
          <p className="muted">{t('allocation.intro', { year })}</p>
        </div>
        {campaign ? (
          <p className="quota-badge" data-testid="allocation-quota">
            {t('allocation.quota', { count: campaign.quotaIndividuals })}
          </p>
        ) : null}
        <ExportToExcel request={{ campaignYear: year, table: 'allocation' }} />
        <PrintView request={{ campaignYear: year, table: 'allocation' }} />
      </header>

      <div className="card allocation-controls">
        <label className="field" htmlFor="allocation-method">
          <span>{t('allocation.method')}</span>
          <select id="allocation-method" data-testid="allocation-method" value={shownMethod} onChange={(event) => setMethod(event.target.value as AllocationMethod)}>
            {ALLOCATION_METHODS.map((item) => (
              <option key={item} value={item}>
                {settingLabel(t(`allocation.methods.${item}`), item === campaign?.settings.allocationMethod)}
              </option>
            ))}
          </select>
          <span className="field-hint">{t(`allocation.methodHints.${shownMethod}`)}</span>
        </label>
        <label className="field" htmlFor="allocation-weight">
          <span>{t('allocation.weight')}</span>
          <select id="allocation-weight" data-testid="allocation-weight" value={shownWeight} onChange={(event) => setWeight(event.target.value as AllocationWeight)}>
            {ALLOCATION_WEIGHTS.map((item) => (
              <option key={item} value={item}>
                {settingLabel(t(`allocation.weights.${item}`), item === campaign?.settings.allocationWeight)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <ErrorBanner error={failure} />
      {report ? (
        <p className={report.final ? 'banner banner-ok' : 'banner banner-warn'} data-testid="allocation-final">
          {report.final ? t('decides.allocation.final') : t('decides.allocation.provisional')}
        </p>
      ) : null}
      {report?.tie && report.official ? (
        <TieDecision
          campaignYear={year}
          question={{ kind: 'allocationTie', round: 2, subject: report.tie.subject, ids: report.tie.ids, places: report.tie.places }}
          decision={report.tie.decision}
          nameOf={(id) => nameById.get(id) ?? id}
          locked={!report.final}
          onChange={reload}
        />
      ) : null}
      {report?.tie && !report.official ? <p className="muted small">{t('decides.allocation.otherMethod')}</p> : null}
      {!report && !failure ? <p className="muted">{t('app.loading')}</p> : null}
      {report && rows.length === 0 ? <p className="empty">{t('allocation.empty')}</p> : null}
      {report && rows.length > 0 ? (
        <>
          <VirtualTable
            focusable
            rows={rows}
            columns={columns}
            rowKey={(row) => row.line.id}
            label={t('allocation.title')}
            rowAttributes={(row) => ({ 'data-unit': row.line.id, 'data-seats': String(row.line.seats) })}
            estimateRowHeight={64}
            footer={[
              t('allocation.total'),
              sum((row) => row.eligible),
              sum((row) => row.selected),
              points(sum((row) => row.points)),
              t('allocation.weightValue', { value: report.allocation.totalWeight }),
              t('allocation.exactValue', { value: sum((row) => row.line.exactQuota) }),
              sum((row) => row.line.baseSeats),
              sum((row) => row.line.extraSeats),
              <strong key="total" data-testid="allocation-total">
                {sum((row) => row.line.seats)}
              </strong>,
            ]}
            tableAttributes={{ 'data-method': report.allocation.method, 'data-weight': report.weight }}
            testId="allocation-table"
            className="allocation-table"
          />
          {anyTie ? <p className="muted small">{t('allocation.tieNote')}</p> : null}
        </>
      ) : null}
      <div className="banner banner-info" role="note">
        {t('allocation.confirmNote')}
      </div>
    </section>
  );
}
