import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/domain/person';
import { matchesSearch } from '../../../shared/domain/text';
import { sortByName } from '../../components/collation';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/errors';
import type { Notice } from '../../components/notice';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { ImportPanel } from '../registry-import/ImportPanel';
import { useUnits } from '../units/store';
import { PersonForm } from './PersonForm';
import { usePeople } from './store';
import '../../components/filters.css';

type StatusFilter = 'all' | 'active' | 'retired';

/** The people an office may nominate: search without accents, add and edit, retire, import from a spreadsheet. */
export function PeoplePage() {
  const { t } = useTranslation();
  const { people, error, load, setRetired } = usePeople();
  const { units, error: unitsError, load: loadUnits } = useUnits();
  const [query, setQuery] = useState('');
  const [unitId, setUnitId] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void load();
    void loadUnits();
  }, [load, loadUnits]);

  const all = useMemo(() => people ?? [], [people]);
  const sortedUnits = useMemo(() => sortByName(units ?? [], (unit) => unit.name), [units]);
  // The unit filter lists the units people work in.
  const peopleUnits = useMemo(() => {
    const used = new Set(all.map((person) => person.unitId));
    return sortedUnits.filter((unit) => used.has(unit.id));
  }, [all, sortedUnits]);
  const shown = useMemo(
    () =>
      sortByName(
        all.filter(
          (person) =>
            (unitId === '' || person.unitId === unitId) &&
            (status === 'all' || person.retired === (status === 'retired')) &&
            matchesSearch(`${person.fullName} ${person.position} ${person.unitName}`, query),
        ),
        (person) => person.fullName,
      ),
    [all, unitId, status, query],
  );
  const editing = editingId ? (all.find((person) => person.id === editingId) ?? null) : null;
  const filtered = unitId !== '' || status !== 'all' || query !== '';

  const changeRetired = async (person: Person, retired: boolean) => {
    setFailure(null);
    try {
      await setRetired(person.id, retired);
      setNotice({ key: retired ? 'registry.people.retired' : 'registry.people.restored', params: { name: person.fullName } });
    } catch (caught) {
      setFailure(caught);
    }
  };

  const columns: VirtualColumn<Person>[] = [
    {
      id: 'name',
      header: t('registry.people.fullName'),
      width: 'minmax(12rem, 2.2fr)',
      minRem: 12,
      cell: (person) => (
        <>
          {person.fullName}
          {person.retired ? <span className="tag tag-retired">{t('registry.unitList.retiredTag')}</span> : null}
        </>
      ),
    },
    { id: 'birthYear', header: t('registry.people.birthYear'), width: '6rem', minRem: 6, className: 'number', cell: (person) => person.birthYear ?? t('app.none') },
    { id: 'gender', header: t('registry.people.gender'), width: '6rem', minRem: 6, cell: (person) => t(`registry.people.genders.${person.gender}`) },
    { id: 'position', header: t('registry.people.position'), width: 'minmax(10rem, 2fr)', minRem: 10, cell: (person) => person.position || t('app.none') },
    { id: 'unit', header: t('registry.people.unit'), width: 'minmax(12rem, 2.5fr)', minRem: 12, cell: (person) => person.unitName },
    {
      id: 'actions',
      header: t('registry.unitList.actions'),
      width: '12rem',
      minRem: 12,
      className: 'list-actions',
      cell: (person) => (
        <>
          <button
            type="button"
            className="link"
            onClick={() => {
              setNotice(null);
              setEditingId(person.id);
            }}
            aria-label={`${t('registry.unitList.edit')}: ${person.fullName}`}
            data-testid="person-edit"
          >
            {t('registry.unitList.edit')}
          </button>
          {person.retired ? (
            <button type="button" className="link" onClick={() => void changeRetired(person, false)} aria-label={`${t('registry.people.restore')}: ${person.fullName}`} data-testid="person-restore">
              {t('registry.people.restore')}
            </button>
          ) : (
            <ConfirmButton
              className="link danger"
              label={t('registry.people.retire')}
              title={t('registry.people.retireTitle', { name: person.fullName })}
              message={t('registry.people.retireMessage')}
              confirmLabel={t('registry.people.retireConfirm')}
              onConfirm={() => void changeRetired(person, true)}
              testId="person-retire"
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
          <h1>{t('registry.people.title')}</h1>
          <p className="muted">{t('registry.people.intro')}</p>
        </div>
        <button type="button" className="secondary" onClick={() => setImporting((open) => !open)} aria-expanded={importing} data-testid="open-import">
          {importing ? t('registry.registryImport.close') : t('registry.registryImport.open')}
        </button>
      </header>
      {importing ? <ImportPanel target="people" onImported={() => void load()} onClose={() => setImporting(false)} /> : null}
      <div className="two-columns">
        <div className="registry-list">
          <div className="toolbar filters">
            <div className="search-row">
              <input type="search" placeholder={t('registry.people.search')} value={query} onChange={(event) => setQuery(event.target.value)} aria-label={t('registry.people.search')} data-testid="person-search" />
              <span className="muted count" data-testid="person-count" aria-live="polite">
                {t('registry.people.count', { shown: shown.length, total: all.length })}
              </span>
            </div>
            <label className="filter">
              <span>{t('registry.people.filterUnit')}</span>
              <select value={unitId} onChange={(event) => setUnitId(event.target.value)} data-testid="person-filter-unit">
                <option value="">{t('registry.people.allUnits')}</option>
                {peopleUnits.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="filter">
              <span>{t('registry.unitList.filterStatus')}</span>
              <select value={status} onChange={(event) => setStatus(event.target.value as StatusFilter)} data-testid="person-filter-status">
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
                  setUnitId('');
                  setStatus('all');
                }}
              >
                {t('registry.unitList.clearFilters')}
              </button>
            ) : null}
          </div>
          <ErrorBanner error={error ?? unitsError ?? failure} />
          {people && people.length === 0 ? <p className="empty">{t('registry.people.empty')}</p> : null}
          {people && people.length > 0 && shown.length === 0 ? <p className="empty">{t('registry.people.noMatch')}</p> : null}
          {shown.length > 0 ? (
            <VirtualTable
              rows={shown}
              columns={columns}
              rowKey={(person) => person.id}
              label={t('registry.people.title')}
              rowClassName={(person) => `${person.retired ? 'retired' : ''}${person.id === editingId ? ' selected' : ''}`}
              rowAttributes={(person) => ({ 'data-person': person.id })}
              testId="person-table"
            />
          ) : null}
        </div>
        {units ? (
          <PersonForm
            key={editing?.id ?? 'new'}
            editing={editing}
            units={sortedUnits}
            notice={notice ? t(notice.key, notice.params) : null}
            onSaved={(message) => {
              setNotice(message);
              setEditingId(null);
            }}
            onCancel={() => setEditingId(null)}
          />
        ) : null}
      </div>
    </section>
  );
}
