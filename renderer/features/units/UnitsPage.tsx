import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { keyedErrorMap } from '../../../shared/contract/validation';
import { COLLECTIVE_KINDS, UNIT_LEVELS } from '../../../shared/domain/kinds';
import { matchesSearch } from '../../../shared/domain/text';
import { unitInputSchema } from '../../../shared/domain/unit';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';
import { useUnits } from './store';

type UnitFormValues = z.input<typeof unitInputSchema>;

export function UnitsPage() {
  const { t, i18n } = useTranslation();
  const { units, error, load, create } = useUnits();
  const [query, setQuery] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<UnitFormValues>({
    resolver: zodResolver(unitInputSchema, { error: keyedErrorMap }),
    defaultValues: { name: '', kind: 'communePeoplesCommittee', level: 'commune', commune: '', parentOfficeId: null },
  });

  useEffect(() => {
    void load();
  }, [load]);

  const collator = useMemo(() => new Intl.Collator(i18n.language === 'vi' ? 'vi' : 'en'), [i18n.language]);
  const offices = useMemo(() => (units ?? []).filter((unit) => unit.kind === 'transactionOffice' && !unit.retired), [units]);
  const shown = useMemo(
    () => (units ?? []).filter((unit) => matchesSearch(`${unit.name} ${unit.commune}`, query)).sort((a, b) => collator.compare(a.name, b.name)),
    [units, query, collator],
  );
  const officeName = useMemo(() => new Map((units ?? []).map((unit) => [unit.id, unit.name])), [units]);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setNotice(null);
    try {
      const unit = await create({ ...values, parentOfficeId: values.parentOfficeId || null });
      setNotice(t('units.created', { name: unit.name }));
      reset({ ...values, name: '' });
    } catch (caught) {
      setFailure(caught);
    }
  });

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('units.title')}</h1>
          <p className="muted">{t('units.intro')}</p>
        </div>
      </header>
      <div className="two-columns">
        <div>
          <div className="toolbar">
            <input type="search" placeholder={t('units.search')} value={query} onChange={(event) => setQuery(event.target.value)} aria-label={t('units.search')} />
            <span className="muted">{t('units.count', { count: shown.length })}</span>
          </div>
          <ErrorBanner error={error} />
          {units && units.length === 0 ? <p className="empty">{t('units.empty')}</p> : null}
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t('units.name')}</th>
                  <th>{t('units.kind')}</th>
                  <th>{t('units.commune')}</th>
                  <th>{t('units.parentOffice')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((unit) => (
                  <tr key={unit.id} className={unit.retired ? 'retired' : ''}>
                    <td>
                      {unit.name}
                      {unit.retired ? <span className="tag">{t('units.retired')}</span> : null}
                    </td>
                    <td>{t(`kinds.${unit.kind}`)}</td>
                    <td>{unit.commune || t('app.none')}</td>
                    <td>{unit.parentOfficeId ? officeName.get(unit.parentOfficeId) : t('app.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <form className="card side-form" onSubmit={(event) => void submit(event)} noValidate>
          <h2>{t('units.add')}</h2>
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
              {offices.map((office) => (
                <option key={office.id} value={office.id}>
                  {office.name}
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
          <button type="submit" disabled={formState.isSubmitting}>
            {t('units.create')}
          </button>
        </form>
      </div>
    </section>
  );
}
