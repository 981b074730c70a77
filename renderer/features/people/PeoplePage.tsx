import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/domain/person';
import { sortByName } from '../../../shared/domain/collation';
import { FilterSelect } from '../../components/FilterSelect';
import type { VirtualColumn } from '../../components/VirtualTable';
import { RegistryPage, type RegistryDefinition, type RegistryFilters, type RegistryFormProps } from '../registries/RegistryPage';
import { useUnits } from '../units/store';
import { PersonForm } from './PersonForm';
import { usePeople } from './store';

const PEOPLE: RegistryDefinition<Person> = {
  registry: 'people',
  texts: {
    title: 'registry.people.title',
    intro: 'registry.people.intro',
    nameHeader: 'registry.people.fullName',
    search: 'registry.people.search',
    count: 'registry.people.count',
    empty: 'registry.people.empty',
    noMatch: 'registry.people.noMatch',
    retire: 'registry.people.retire',
    retireTitle: 'registry.people.retireTitle',
    retireMessage: 'registry.people.retireMessage',
    retireConfirm: 'registry.people.retireConfirm',
    restore: 'registry.people.restore',
    retiredNotice: 'registry.people.retired',
    restoredNotice: 'registry.people.restored',
  },
  nameOf: (person) => person.fullName,
  searchTextOf: (person) => `${person.fullName} ${person.position} ${person.unitName}`,
  nameColumn: { width: 'minmax(12rem, 2.2fr)', minRem: 12 },
};

/** The people an office may nominate: search without accents, add and edit, retire, import from a spreadsheet. */
export function PeoplePage() {
  const { t } = useTranslation();
  const { people, error, load, setRetired } = usePeople();
  const { units, error: unitsError, load: loadUnits } = useUnits();
  const [unitId, setUnitId] = useState('');

  useEffect(() => {
    void load();
    void loadUnits();
  }, [load, loadUnits]);

  const sortedUnits = useMemo(() => sortByName(units ?? [], (unit) => unit.name), [units]);
  // The unit filter lists the units people work in.
  const peopleUnits = useMemo(() => {
    const used = new Set((people ?? []).map((person) => person.unitId));
    return sortedUnits.filter((unit) => used.has(unit.id));
  }, [people, sortedUnits]);
  const inUnit = useCallback((person: Person) => unitId === '' || person.unitId === unitId, [unitId]);
  const byUnit: RegistryFilters<Person> = {
    controls: (
      <FilterSelect
        label={t('registry.people.filterUnit')}
        value={unitId}
        onChange={setUnitId}
        options={[{ value: '', label: t('registry.people.allUnits') }, ...peopleUnits.map((unit) => ({ value: unit.id, label: unit.name }))]}
        testId="person-filter-unit"
      />
    ),
    matches: inUnit,
    active: unitId !== '',
    clear: () => setUnitId(''),
  };

  const columns: VirtualColumn<Person>[] = [
    { id: 'birthYear', header: t('registry.people.birthYear'), width: '6rem', minRem: 6, className: 'number', cell: (person) => person.birthYear ?? t('app.none') },
    { id: 'gender', header: t('registry.people.gender'), width: '6rem', minRem: 6, cell: (person) => t(`registry.people.genders.${person.gender}`) },
    { id: 'position', header: t('registry.people.position'), width: 'minmax(10rem, 2fr)', minRem: 10, cell: (person) => person.position || t('app.none') },
    { id: 'unit', header: t('registry.people.unit'), width: 'minmax(12rem, 2.5fr)', minRem: 12, cell: (person) => person.unitName },
  ];

  // The form needs the units to choose from; the list shows meanwhile.
  const form = units ? (props: RegistryFormProps<Person>) => <PersonForm {...props} units={sortedUnits} /> : () => null;
  return <RegistryPage definition={PEOPLE} rows={people} error={error ?? unitsError} columns={columns} filters={byUnit} setRetired={setRetired} reload={() => void load()} form={form} />;
}
