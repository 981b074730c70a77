import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLECTIVE_KINDS, UNIT_LEVELS, type CollectiveKind, type UnitLevel } from '../../../shared/domain/kinds';
import { matchesSearch } from '../../../shared/domain/text';
import type { Unit } from '../../../shared/domain/unit';
import { sortByName } from '../../components/collation';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/errors';
import type { Notice } from '../../components/notice';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { ImportPanel } from '../registry-import/ImportPanel';
import { useUnits } from './store';
import { UnitForm } from './UnitForm';
import '../../components/filters.css';

type StatusFilter = 'all' | 'active' | 'retired';

/** The unit registry: search and filters, add and edit, retire and use again, import from a spreadsheet. */
export function UnitsPage() {
  const { t } = useTranslation();
  const { units, error, load, setRetired } = useUnits();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<CollectiveKind | ''>('');
  const [level, setLevel] = useState<UnitLevel | ''>('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const all = useMemo(() => units ?? [], [units]);
  const offices = useMemo(() => sortByName(all.filter((unit) => unit.kind === 'transactionOffice'), (unit) => unit.name), [all]);
  const officeName = useMemo(() => new Map(all.map((unit) => [unit.id, unit.name])), [all]);
  const shown = useMemo(
    () =>
      sortByName(
        all.filter(
          (unit) =>
            (kind === '' || unit.kind === kind) &&
            (level === '' || unit.level === level) &&
            (status === 'all' || unit.retired === (status === 'retired')) &&
            matchesSearch(`${unit.name} ${unit.commune}`, query),
        ),
        (unit) => unit.name,
      ),
    [all, kind, level, status, query],
  );
  const editing = editingId ? (all.find((unit) => unit.id === editingId) ?? null) : null;
  const filtered = kind !== '' || level !== '' || status !== 'all' || query !== '';

  const changeRetired = async (unit: Unit, retired: boolean) => {
    setFailure(null);
    try {
      await setRetired(unit.id, retired);
      setNotice({ key: retired ? 'registry.unitList.retired' : 'registry.unitList.restored', params: { name: unit.name } });
    } catch (caught) {
      setFailure(caught);
    }
  };

  const columns: VirtualColumn<Unit>[] = [
    {
      id: 'name',
      header: t('units.name'),
      width: 'minmax(14rem, 3fr)',
      minRem: 14,
      cell: (unit) => (
        <>
          {unit.name}
          {unit.retired ? <span className="tag tag-retired">{t('registry.unitList.retiredTag')}</span> : null}
        </>
      ),
    },
    { id: 'kind', header: t('units.kind'), width: 'minmax(10rem, 2fr)', minRem: 10, cell: (unit) => t(`kinds.${unit.kind}`) },
    { id: 'commune', header: t('units.commune'), width: 'minmax(8rem, 1.5fr)', minRem: 8, cell: (unit) => unit.commune || t('app.none') },
    {
      id: 'office',
      header: t('units.parentOffice'),
      width: 'minmax(9rem, 2fr)',
      minRem: 9,
      cell: (unit) => (unit.parentOfficeId ? (officeName.get(unit.parentOfficeId) ?? t('app.none')) : t('app.none')),
    },
    { id: 'level', header: t('units.level'), width: '6.5rem', minRem: 6.5, cell: (unit) => t(`levels.${unit.level}`) },
    {
      id: 'actions',
      header: t('registry.unitList.actions'),
      width: '12rem',
      minRem: 12,
      className: 'list-actions',
      cell: (unit) => (
        <>
          <button
            type="button"
            className="link"
            onClick={() => {
              setNotice(null);
              setEditingId(unit.id);
            }}
            aria-label={`${t('registry.unitList.edit')}: ${unit.name}`}
            data-testid="unit-edit"
          >
            {t('registry.unitList.edit')}
          </button>
          {unit.retired ? (
            <button type="button" className="link" onClick={() => void changeRetired(unit, false)} aria-label={`${t('registry.unitList.restore')}: ${unit.name}`} data-testid="unit-restore">
              {t('registry.unitList.restore')}
            </button>
          ) : (
            <ConfirmButton
              className="link danger"
              label={t('registry.unitList.retire')}
              title={t('registry.unitList.retireTitle', { name: unit.name })}
              message={t('registry.unitList.retireMessage')}
              confirmLabel={t('registry.unitList.retireConfirm')}
              onConfirm={() => void changeRetired(unit, true)}
              testId="unit-retire"
            />
          )}
        </>
      ),
    },
  ];

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('units.title')}</h1>
          <p className="muted">{t('units.intro')}</p>
        </div>
        <button type="button" className="secondary" onClick={() => setImporting((open) => !open)} aria-expanded={importing} data-testid="open-import">
          {importing ? t('registry.registryImport.close') : t('registry.registryImport.open')}
        </button>
      </header>
      {importing ? <ImportPanel target="units" onImported={() => void load()} onClose={() => setImporting(false)} /> : null}
      <div className="two-columns">
        <div className="registry-list">
          <div className="toolbar filters">
            <div className="search-row">
              <input type="search" placeholder={t('registry.unitList.search')} value={query} onChange={(event) => setQuery(event.target.value)} aria-label={t('registry.unitList.search')} data-testid="unit-search" />
              <span className="muted count" data-testid="unit-count" aria-live="polite">
                {t('registry.unitList.count', { shown: shown.length, total: all.length })}
              </span>
            </div>
            <label className="filter">
              <span>{t('registry.unitList.filterKind')}</span>
              <select value={kind} onChange={(event) => setKind(event.target.value as CollectiveKind | '')} data-testid="unit-filter-kind">
                <option value="">{t('registry.unitList.allKinds')}</option>
                {COLLECTIVE_KINDS.map((option) => (
                  <option key={option} value={option}>
                    {t(`kinds.${option}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="filter">
              <span>{t('registry.unitList.filterLevel')}</span>
              <select value={level} onChange={(event) => setLevel(event.target.value as UnitLevel | '')} data-testid="unit-filter-level">
                <option value="">{t('registry.unitList.allLevels')}</option>
                {UNIT_LEVELS.map((option) => (
                  <option key={option} value={option}>
                    {t(`levels.${option}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="filter">
              <span>{t('registry.unitList.filterStatus')}</span>
              <select value={status} onChange={(event) => setStatus(event.target.value as StatusFilter)} data-testid="unit-filter-status">
                <option value="all">{t('registry.unitList.statusAll')}</option>
                <option value="active">{t('registry.unitList.statusActive')}</option>
                <option value="retired">{t('registry.unitList.statusRetired')}</option>
              </select>
            </label>
            {filtered ? (
              <button
                type="button"
                className="link"
                onClick={() => {
                  setQuery('');
                  setKind('');
                  setLevel('');
                  setStatus('all');
                }}
              >
                {t('registry.unitList.clearFilters')}
              </button>
            ) : null}
          </div>
          <ErrorBanner error={error ?? failure} />
          {units && units.length === 0 ? <p className="empty">{t('units.empty')}</p> : null}
          {units && units.length > 0 && shown.length === 0 ? <p className="empty">{t('registry.unitList.noMatch')}</p> : null}
          {shown.length > 0 ? (
            <VirtualTable
              rows={shown}
              columns={columns}
              rowKey={(unit) => unit.id}
              label={t('units.title')}
              rowClassName={(unit) => `${unit.retired ? 'retired' : ''}${unit.id === editingId ? ' selected' : ''}`}
              rowAttributes={(unit) => ({ 'data-unit': unit.id })}
              testId="unit-table"
            />
          ) : null}
        </div>
        <UnitForm
          key={editing?.id ?? 'new'}
          editing={editing}
          offices={offices}
          notice={notice ? t(notice.key, notice.params) : null}
          onSaved={(saved) => {
            setNotice(saved);
            setEditingId(null);
          }}
          onCancel={() => setEditingId(null)}
        />
      </div>
    </section>
  );
}
