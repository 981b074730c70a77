import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLECTIVE_KINDS, UNIT_LEVELS, type CollectiveKind, type UnitLevel } from '../../../shared/domain/kinds';
import type { Unit } from '../../../shared/domain/unit';
import { sortByName } from '../../../shared/domain/collation';
import { FilterSelect } from '../../components/FilterSelect';
import type { VirtualColumn } from '../../components/VirtualTable';
import { RegistryPage, type RegistryDefinition, type RegistryFilters } from '../registries/RegistryPage';
import { useUnits } from './store';
import { UnitForm } from './UnitForm';

const UNITS: RegistryDefinition<Unit> = {
  registry: 'units',
  texts: {
    title: 'units.title',
    intro: 'units.intro',
    nameHeader: 'units.name',
    search: 'registry.unitList.search',
    count: 'registry.unitList.count',
    empty: 'units.empty',
    noMatch: 'registry.unitList.noMatch',
    retire: 'registry.unitList.retire',
    retireTitle: 'registry.unitList.retireTitle',
    retireMessage: 'registry.unitList.retireMessage',
    retireConfirm: 'registry.unitList.retireConfirm',
    restore: 'registry.unitList.restore',
    retiredNotice: 'registry.unitList.retired',
    restoredNotice: 'registry.unitList.restored',
  },
  nameOf: (unit) => unit.name,
  searchTextOf: (unit) => `${unit.name} ${unit.commune}`,
  nameColumn: { width: 'minmax(14rem, 3fr)', minRem: 14 },
};

/** The unit registry: search and filters, add and edit, retire and use again, import from a spreadsheet. */
export function UnitsPage() {
  const { t } = useTranslation();
  const { units, error, load, setRetired } = useUnits();
  const [kind, setKind] = useState<CollectiveKind | ''>('');
  const [level, setLevel] = useState<UnitLevel | ''>('');

  useEffect(() => {
    void load();
  }, [load]);

  const all = useMemo(() => units ?? [], [units]);
  const offices = useMemo(() => sortByName(all.filter((unit) => unit.kind === 'transactionOffice'), (unit) => unit.name), [all]);
  const officeName = useMemo(() => new Map(all.map((unit) => [unit.id, unit.name])), [all]);
  const ofKindAndLevel = useCallback((unit: Unit) => (kind === '' || unit.kind === kind) && (level === '' || unit.level === level), [kind, level]);
  const byKindAndLevel: RegistryFilters<Unit> = {
    controls: (
      <>
        <FilterSelect label={t('registry.unitList.filterKind')} value={kind} onChange={setKind} testId="unit-filter-kind" options={[{ value: '', label: t('registry.unitList.allKinds') }, ...COLLECTIVE_KINDS.map((option) => ({ value: option, label: t(`kinds.${option}`) }))]} />
        <FilterSelect label={t('registry.unitList.filterLevel')} value={level} onChange={setLevel} testId="unit-filter-level" options={[{ value: '', label: t('registry.unitList.allLevels') }, ...UNIT_LEVELS.map((option) => ({ value: option, label: t(`levels.${option}`) }))]} />
      </>
    ),
    matches: ofKindAndLevel,
    active: kind !== '' || level !== '',
    clear: () => {
      setKind('');
      setLevel('');
    },
  };

  const columns: VirtualColumn<Unit>[] = [
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
  ];

  return (
    <RegistryPage definition={UNITS} rows={units} error={error} columns={columns} filters={byKindAndLevel} setRetired={setRetired} reload={() => void load()} form={(props) => <UnitForm {...props} offices={offices} />} />
  );
}
