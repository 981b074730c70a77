import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOSSIER_STATUSES, type DossierStatus, type DossierSummary } from '../../../shared/domain/dossier';
import { COLLECTIVE_KINDS, INDIVIDUAL_KINDS, isCollectiveKind } from '../../../shared/domain/kinds';
import { foldForSearch } from '../../../shared/domain/text';
import { useRouter } from '../../app/router';
import { sortByName, vietnameseCollator } from '../../../shared/domain/collation';
import { ErrorBanner } from '../../components/errors';
import { PrintButton } from '../../components/PrintButton';
import { formatDateTime, usePoints } from '../../components/format';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { DeadlineBanner } from './DeadlineBanner';
import { parseMinimumTotal, useDossierListView, type DossierListView, type DossierSortKey, type KindFilter } from './list-view';
import { useDossiers } from './store';
import '../../components/filters.css';
import './dossier-list.css';
import { useCampaignYear } from '../campaign/campaign-year';

/** Who a dossier nominates: the person for an individual, else the unit. */
export function nomineeName(dossier: DossierSummary): string {
  return dossier.personName ?? dossier.unitName;
}

const STATUS_ORDER = new Map<DossierStatus, number>(DOSSIER_STATUSES.map((status, index) => [status, index]));

function compareBy(by: DossierSortKey): (a: DossierSummary, b: DossierSummary) => number {
  const byName = (a: DossierSummary, b: DossierSummary) => vietnameseCollator.compare(nomineeName(a), nomineeName(b)) || vietnameseCollator.compare(a.unitName, b.unitName);
  if (by === 'total') return (a, b) => a.selfTotal - b.selfTotal || byName(a, b);
  if (by === 'status') return (a, b) => (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) || byName(a, b);
  return byName;
}

function matchesKind(dossier: DossierSummary, kind: KindFilter): boolean {
  if (kind === '') return true;
  if (kind === 'group:collective') return isCollectiveKind(dossier.nomineeKind);
  if (kind === 'group:individual') return !isCollectiveKind(dossier.nomineeKind);
  return dossier.nomineeKind === kind;
}

/** What the search box looks in, folded once per list (thousands of rows are searched at every keystroke). */
function searchTexts(dossiers: DossierSummary[]): Map<string, string> {
  return new Map(dossiers.map((dossier) => [dossier.id, foldForSearch(`${nomineeName(dossier)} ${dossier.unitName}`)]));
}

function visible(dossiers: DossierSummary[], texts: Map<string, string>, view: DossierListView, minimum: number | null): DossierSummary[] {
  // Every word typed must appear, accents ignored ("hoi nong dan" finds "Hội Nông dân").
  const words = foldForSearch(view.query).split(' ').filter(Boolean);
  const shown = dossiers.filter(
    (dossier) =>
      matchesKind(dossier, view.kind) &&
      (view.status === '' || dossier.status === view.status) &&
      (view.unitId === '' || dossier.unitId === view.unitId) &&
      (minimum === null || Number.isNaN(minimum) || dossier.selfTotal >= minimum) &&
      words.every((word) => (texts.get(dossier.id) ?? '').includes(word)),
  );
  const compare = compareBy(view.sort.by);
  const sign = view.sort.direction === 'ascending' ? 1 : -1;
  return shown.sort((a, b) => sign * compare(a, b));
}

export function DossierListPage() {
  const { t, i18n } = useTranslation();
  const year = useCampaignYear();
  const go = useRouter((state) => state.go);
  const { dossiers, error, loadDossiers } = useDossiers();
  const { view, change, clearFilters, sortBy } = useDossierListView();
  const points = usePoints();
  const minTotalId = useId();
  const [reason, setReason] = useState<{ text: string; left: number; top: number; above: boolean } | null>(null);

  useEffect(() => {
    void loadDossiers(year);
  }, [year, loadDossiers]);

  const minimum = parseMinimumTotal(view.minTotal);
  const texts = useMemo(() => searchTexts(dossiers ?? []), [dossiers]);
  const shown = useMemo(() => visible(dossiers ?? [], texts, view, minimum), [dossiers, texts, view, minimum]);
  // The unit filter offers the units that have dossiers: a collective's own unit, an individual's unit.
  const units = useMemo(() => {
    const named = new Map<string, string>();
    for (const dossier of dossiers ?? []) named.set(dossier.unitId, dossier.unitName);
    return sortByName([...named], ([, name]) => name);
  }, [dossiers]);
  const filtered = view.query !== '' || view.kind !== '' || view.status !== '' || view.unitId !== '' || view.minTotal !== '';

  // The reason floats above the list (a row's own box would clip it at the list's edge).
  const showReason = (element: HTMLElement, reason: string) => {
    const box = element.getBoundingClientRect();
    const above = box.bottom + 120 > window.innerHeight;
    setReason({ text: t('dossierList.returnedReason', { reason }), left: box.left, top: above ? box.top - 6 : box.bottom + 6, above });
  };
  const hideReason = () => setReason(null);

  const sortable = (by: DossierSortKey, label: string) => ({
    direction: view.sort.by === by ? view.sort.direction : null,
    onSort: () => sortBy(by),
    label: t('dossierList.sortBy', { column: label }),
  });

  const columns: VirtualColumn<DossierSummary>[] = [
    {
      id: 'nominee',
      header: t('dossiers.unit'),
      width: 'minmax(14rem, 3fr)',
      minRem: 14,
      sort: sortable('nominee', t('dossiers.unit')),
      cell: (dossier) => (
        <a href={`#/dossiers/${encodeURIComponent(dossier.id)}`} onClick={(event) => event.stopPropagation()}>
          {nomineeName(dossier)}
        </a>
      ),
    },
    { id: 'kind', header: t('dossiers.kind'), width: 'minmax(10rem, 2fr)', minRem: 10, cell: (dossier) => t(`kinds.${dossier.nomineeKind}`) },
    {
      id: 'status',
      header: t('dossiers.status'),
      width: 'minmax(13rem, 2fr)',
      minRem: 13,
      sort: sortable('status', t('dossiers.status')),
      cell: (dossier) => (
        <span className="status-cell">
          {dossier.status === 'returned' && dossier.returnReason ? (
            <span
              className="pill pill-returned has-tooltip"
              tabIndex={0}
              aria-describedby={`reason-${dossier.id}`}
              onMouseEnter={(event) => showReason(event.currentTarget, dossier.returnReason ?? '')}
              onMouseLeave={hideReason}
              onFocus={(event) => showReason(event.currentTarget, dossier.returnReason ?? '')}
              onBlur={hideReason}
              data-testid="returned-reason"
            >
              {t('statuses.returned')} <span aria-hidden="true">ⓘ</span>
              <span id={`reason-${dossier.id}`} className="visually-hidden">
                {t('dossierList.returnedReason', { reason: dossier.returnReason })}
              </span>
            </span>
          ) : (
            <span className={`pill pill-${dossier.status}`}>{t(`statuses.${dossier.status}`)}</span>
          )}
          {!dossier.complete ? <span className="pill pill-warn">{t('dossiers.incomplete')}</span> : null}
          {!dossier.eligible ? <span className="pill pill-bad">{t('dossiers.ineligible')}</span> : null}
        </span>
      ),
    },
    {
      id: 'total',
      header: t('dossiers.selfTotal'),
      width: '9.5rem',
      minRem: 9.5,
      className: 'number',
      sort: sortable('total', t('dossiers.selfTotal')),
      cell: (dossier) => points(dossier.selfTotal),
    },
    {
      id: 'unit',
      header: t('dossierList.unit'),
      width: 'minmax(10rem, 2fr)',
      minRem: 10,
      // An individual belongs to a unit; a collective to the transaction office it is filed under (or to the province).
      cell: (dossier) => (dossier.personId ? dossier.unitName : (dossier.officeName ?? <span className="muted">{t('dossierList.provinceLevel')}</span>)),
    },
    { id: 'updated', header: t('dossiers.updated'), width: '9.5rem', minRem: 9.5, cell: (dossier) => formatDateTime(dossier.updatedAt, i18n.language) },
  ];

  return (
    <section className="page">
      <DeadlineBanner year={year} />
      <header className="page-header">
        <div>
          <h1>{t('dossiers.title')}</h1>
          <p className="muted">{t('dossiers.intro', { year })}</p>
        </div>
        <div className="header-actions">
          <PrintButton />
          <button type="button" onClick={() => go({ page: 'newDossier' })} data-testid="new-dossier">
            {t('dossiers.new')}
          </button>
        </div>
      </header>
      <div className="toolbar filters" role="search" aria-label={t('dossierList.filters')}>
        <div className="search-row">
          <input type="search" placeholder={t('dossiers.search')} aria-label={t('dossiers.search')} value={view.query} onChange={(event) => change({ query: event.target.value })} data-testid="dossier-search" />
          <span className="muted count" data-testid="dossier-count" aria-live="polite">
            {t('dossiers.count', { shown: shown.length, total: dossiers?.length ?? 0 })}
          </span>
        </div>
        <label className="filter">
          <span>{t('dossierList.filterKind')}</span>
          <select value={view.kind} onChange={(event) => change({ kind: event.target.value as KindFilter })} data-testid="dossier-filter-kind">
            <option value="">{t('dossierList.allKinds')}</option>
            <optgroup label={t('dossierList.collectiveKinds')}>
              <option value="group:collective">{t('dossierList.allCollective')}</option>
              {COLLECTIVE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('dossierList.individualKinds')}>
              <option value="group:individual">{t('dossierList.allIndividual')}</option>
              {INDIVIDUAL_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="filter">
          <span>{t('dossierList.filterStatus')}</span>
          <select value={view.status} onChange={(event) => change({ status: event.target.value as DossierStatus | '' })} data-testid="dossier-filter-status">
            <option value="">{t('dossierList.allStatuses')}</option>
            {DOSSIER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('dossierList.filterUnit')}</span>
          <select value={view.unitId} onChange={(event) => change({ unitId: event.target.value })} data-testid="dossier-filter-unit" className="unit-select">
            <option value="">{t('dossierList.allUnits')}</option>
            {units.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <div className={`filter${Number.isNaN(minimum) ? ' filter-invalid' : ''}`}>
          <label htmlFor={minTotalId}>{t('dossierList.minTotal')}</label>
          <input
            id={minTotalId}
            inputMode="decimal"
            placeholder={t('dossierList.minTotalPlaceholder')}
            value={view.minTotal}
            onChange={(event) => change({ minTotal: event.target.value })}
            aria-invalid={Number.isNaN(minimum)}
            aria-describedby={Number.isNaN(minimum) ? `${minTotalId}-error` : undefined}
            data-testid="dossier-filter-min-total"
          />
          {Number.isNaN(minimum) ? (
            <span className="filter-error" id={`${minTotalId}-error`} role="alert">
              {t('dossierList.minTotalInvalid')}
            </span>
          ) : null}
        </div>
        {filtered ? (
          <button type="button" className="link" onClick={clearFilters} data-testid="dossier-clear-filters">
            {t('dossierList.clearFilters')}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={error} />
      {dossiers === null && !error ? <p className="muted">{t('app.loading')}</p> : null}
      {dossiers && dossiers.length === 0 ? <p className="empty">{t('dossiers.empty')}</p> : null}
      {dossiers && dossiers.length > 0 && shown.length === 0 ? <p className="empty">{t('dossiers.noMatch')}</p> : null}
      {shown.length > 0 ? (
        <VirtualTable
          rows={shown}
          columns={columns}
          rowKey={(dossier) => dossier.id}
          label={t('dossiers.title')}
          onRowClick={(dossier) => go({ page: 'dossier', id: dossier.id })}
          rowAttributes={(dossier) => ({ 'data-dossier': dossier.id, 'data-status': dossier.status, 'data-hundredths': String(dossier.selfTotal) })}
          testId="dossier-table"
          className="dossier-scroll"
        />
      ) : null}
      {reason ? (
        <div className={`floating-tooltip${reason.above ? ' floating-tooltip-above' : ''}`} role="tooltip" style={{ left: reason.left, top: reason.top }} data-testid="returned-tooltip">
          {reason.text}
        </div>
      ) : null}
    </section>
  );
}
