import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { keyedErrorMap } from '../../../shared/contract/validation';
import { GENDERS, personInputSchema, type Person } from '../../../shared/domain/person';
import { matchesSearch } from '../../../shared/domain/text';
import type { Unit } from '../../../shared/domain/unit';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';
import type { Notice } from '../../components/notice';
import { usePeople } from './store';
import { AwardHistory } from '../registries/AwardHistory';

type PersonFormValues = z.input<typeof personInputSchema>;

interface PersonFormProps {
  /** The person being edited, or null to add one. */
  editing: Person | null;
  /** Every unit, sorted; only those in use are offered (plus the edited person's own). */
  units: Unit[];
  notice: string | null;
  onSaved: (notice: Notice) => void;
  onCancel: () => void;
}

/** An empty field is "unknown" (null); anything else must be a year, which the schema checks. */
function toBirthYear(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : Number(text);
}

/** Adds a person, or edits one, with the same schema as the contract. */
export function PersonForm({ editing, units, notice, onSaved, onCancel }: PersonFormProps) {
  const { t } = useTranslation();
  const { create, update } = usePeople();
  const [failure, setFailure] = useState<unknown>(null);
  const [unitQuery, setUnitQuery] = useState('');
  const { register, handleSubmit, formState, reset, control } = useForm<PersonFormValues>({
    resolver: zodResolver(personInputSchema, { error: keyedErrorMap }),
    defaultValues: editing
      ? { fullName: editing.fullName, birthYear: editing.birthYear, gender: editing.gender, position: editing.position, unitId: editing.unitId }
      : { fullName: '', birthYear: null, gender: 'female', position: '', unitId: '' },
  });
  const chosenUnit = useWatch({ control, name: 'unitId' });
  // Units in use, narrowed by what is typed; the chosen one always stays in the list.
  const offered = units.filter((unit) => unit.id === chosenUnit || (!unit.retired && matchesSearch(`${unit.name} ${unit.commune}`, unitQuery)));
  const usable = units.some((unit) => !unit.retired);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const input = personInputSchema.parse(values);
    try {
      if (editing) {
        const person = await update(editing.id, input);
        onSaved({ key: 'registry.people.updated', params: { name: person.fullName } });
      } else {
        const person = await create(input);
        onSaved({ key: 'registry.people.created', params: { name: person.fullName } });
        reset({ ...values, fullName: '', birthYear: null, position: '' });
      }
    } catch (caught) {
      setFailure(caught);
    }
  });

  return (
    <>
      <form className={`card side-form${editing ? ' side-form-editing' : ''}`} onSubmit={(event) => void submit(event)} noValidate data-testid="person-form">
        <h2>{editing ? t('registry.people.editTitle') : t('registry.people.add')}</h2>
        {editing ? <p className="muted small side-form-subject">{editing.fullName}</p> : null}
        {!usable ? <p className="banner banner-warn">{t('registry.people.noUnits')}</p> : null}
        <Field id="person-name" label={t('registry.people.fullName')} error={formState.errors.fullName}>
          <input id="person-name" autoComplete="off" {...register('fullName')} />
        </Field>
        <Field id="person-birth-year" label={t('registry.people.birthYear')} hint={t('registry.people.birthYearHint')} error={formState.errors.birthYear}>
          <input id="person-birth-year" inputMode="numeric" maxLength={4} autoComplete="off" {...register('birthYear', { setValueAs: toBirthYear })} />
        </Field>
        <Field id="person-gender" label={t('registry.people.gender')} error={formState.errors.gender}>
          <select id="person-gender" {...register('gender')}>
            {GENDERS.map((gender) => (
              <option key={gender} value={gender}>
                {t(`registry.people.genders.${gender}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="person-position" label={t('registry.people.position')} hint={t('registry.people.positionHint')} error={formState.errors.position}>
          <input id="person-position" autoComplete="off" {...register('position')} />
        </Field>
        <Field id="person-unit" label={t('registry.people.unit')} error={formState.errors.unitId}>
          <input
            type="search"
            className="unit-filter"
            placeholder={t('registry.people.unitFilter')}
            aria-label={t('registry.people.unitFilter')}
            value={unitQuery}
            onChange={(event) => setUnitQuery(event.target.value)}
            data-testid="person-unit-filter"
          />
          <select id="person-unit" {...register('unitId')}>
            <option value="">{t('registry.people.chooseUnit')}</option>
            {offered.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.retired ? t('registry.people.retiredUnit', { name: unit.name }) : unit.name}
              </option>
            ))}
          </select>
        </Field>
        <ErrorBanner error={failure} />
        {notice ? (
          <div className="banner banner-ok" role="status">
            {notice}
          </div>
        ) : null}
        <div className="side-form-actions">
          <button type="submit" disabled={formState.isSubmitting} data-testid="person-submit">
            {editing ? t('registry.people.save') : t('registry.people.create')}
          </button>
          {editing ? (
            <button type="button" className="secondary" onClick={onCancel}>
              {t('app.cancel')}
            </button>
          ) : null}
        </div>
      </form>
      {editing ? <AwardHistory key={editing.id} subject={{ personId: editing.id }} /> : null}
    </>
  );
}
