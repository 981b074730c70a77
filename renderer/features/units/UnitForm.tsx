import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { keyedErrorMap } from '../../../shared/contract/validation';
import { COLLECTIVE_KINDS, UNIT_LEVELS } from '../../../shared/domain/kinds';
import { unitInputSchema, type Unit } from '../../../shared/domain/unit';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';
import type { Notice } from '../../components/notice';
import { useUnits } from './store';
import { AwardHistory } from '../registries/AwardHistory';

type UnitFormValues = z.input<typeof unitInputSchema>;

const EMPTY: UnitFormValues = { name: '', kind: 'communePeoplesCommittee', level: 'commune', commune: '', parentOfficeId: null };

interface UnitFormProps {
  /** The unit being edited, or null to add one. */
  editing: Unit | null;
  /** Transaction offices a unit can belong to, sorted. */
  offices: Unit[];
  notice: string | null;
  onSaved: (notice: Notice) => void;
  onCancel: () => void;
}

/** Adds a unit, or edits one, with the same schema as the contract. */
export function UnitForm({ editing, offices, notice, onSaved, onCancel }: UnitFormProps) {
  const { t } = useTranslation();
  const { create, update } = useUnits();
  const [failure, setFailure] = useState<unknown>(null);
  const { register, handleSubmit, formState, reset } = useForm<UnitFormValues>({
    resolver: zodResolver(unitInputSchema, { error: keyedErrorMap }),
    defaultValues: editing
      ? { name: editing.name, kind: editing.kind, level: editing.level, commune: editing.commune, parentOfficeId: editing.parentOfficeId }
      : EMPTY,
  });
  // A unit cannot belong to itself; its current office stays listed even if no longer used.
  const parents = offices.filter((office) => office.id !== editing?.id && (!office.retired || office.id === editing?.parentOfficeId));

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const input = unitInputSchema.parse({ ...values, parentOfficeId: values.parentOfficeId || null });
    try {
      if (editing) {
        const unit = await update(editing.id, input);
        onSaved({ key: 'registry.unitList.updated', params: { name: unit.name } });
      } else {
        const unit = await create(input);
        onSaved({ key: 'units.created', params: { name: unit.name } });
        reset({ ...values, name: '' });
      }
    } catch (caught) {
      setFailure(caught);
    }
  });

  return (
    <>
      <form className={`card side-form${editing ? ' side-form-editing' : ''}`} onSubmit={(event) => void submit(event)} noValidate data-testid="unit-form">
        <h2>{editing ? t('registry.unitList.editTitle') : t('units.add')}</h2>
        {editing ? <p className="muted small side-form-subject">{editing.name}</p> : null}
        <Field id="unit-name" label={t('units.name')} error={formState.errors.name}>
          <input id="unit-name" {...register('name')} />
        </Field>
        <Field id="unit-kind" label={t('units.kind')} error={formState.errors.kind}>
          <select id="unit-kind" {...register('kind')}>
            {COLLECTIVE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="unit-level" label={t('units.level')} error={formState.errors.level}>
          <select id="unit-level" {...register('level')}>
            {UNIT_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`levels.${level}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="unit-commune" label={t('units.commune')} error={formState.errors.commune}>
          <input id="unit-commune" {...register('commune')} />
        </Field>
        <Field id="unit-parent" label={t('units.parentOffice')} error={formState.errors.parentOfficeId}>
          <select id="unit-parent" {...register('parentOfficeId', { setValueAs: (value: string | null) => (value ? value : null) })}>
            <option value="">{t('units.noParent')}</option>
            {parents.map((office) => (
              <option key={office.id} value={office.id}>
                {office.retired ? t('registry.people.retiredUnit', { name: office.name }) : office.name}
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
          <button type="submit" disabled={formState.isSubmitting} data-testid="unit-submit">
            {editing ? t('registry.unitList.save') : t('units.create')}
          </button>
          {editing ? (
            <button type="button" className="secondary" onClick={onCancel}>
              {t('app.cancel')}
            </button>
          ) : null}
        </div>
      </form>
      {editing ? <AwardHistory key={editing.id} subject={{ unitId: editing.id }} /> : null}
    </>
  );
}
