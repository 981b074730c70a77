import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '../../../shared/contract/calls';
import { keyedErrorMap, keyedMessage } from '../../../shared/contract/validation';
import { DISCIPLINE_STATUSES, toScoreInput } from '../../../shared/domain/dossier';
import { dossierFormSchema, formValuesToContent, type DossierFormValues } from '../../../shared/domain/dossier-form';
import type { NomineeKind } from '../../../shared/domain/kinds';
import { countWords } from '../../../shared/domain/text';
import { manualCriteria } from '../../../shared/scoring/leaves';
import { scoreDossier } from '../../../shared/scoring/score';
import type { Scheme } from '../../../shared/scoring/types';
import { call } from '../../app/api';
import { ErrorBanner, errorShape } from '../../components/errors';
import { Field } from '../../components/Field';
import { useLabel } from '../../components/format';
import { ScorePreview } from './ScorePreview';
import { useDossiers } from './store';

interface EditorProps {
  scheme: Scheme;
  /** When the stored dossier was last changed, so that a save over someone else's change is refused. */
  updatedAt: string | null;
  campaignYear: number;
  nomineeKind: NomineeKind;
  dossierId: string | null;
  initialValues: DossierFormValues;
  onSaved: (detail: DossierDetail) => void;
}

/** Maps a server-side issue path (content.indicators.x) to the form field it belongs to. */
function formPath(path: string): FieldPath<DossierFormValues> | null {
  if (path.startsWith('content.')) return path.slice('content.'.length) as FieldPath<DossierFormValues>;
  if (path === 'unitId') return 'unitId';
  return null;
}

/** The dossier form for one scheme, with the live preview computed by the shared scoring library. */
export function DossierEditor({ scheme, updatedAt, campaignYear, nomineeKind, dossierId, initialValues, onSaved }: EditorProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const resolver = useMemo(() => zodResolver(dossierFormSchema(scheme), { error: keyedErrorMap }), [scheme]);
  const form = useForm<DossierFormValues>({ resolver, defaultValues: initialValues, mode: 'onBlur' });
  const { register, handleSubmit, formState, setError, control, reset } = form;
  const [lastSaved, setLastSaved] = useState<string | null>(updatedAt);
  const [failure, setFailure] = useState<unknown>(null);
  const justSaved = useDossiers((state) => state.justSaved);
  const markSaved = useDossiers((state) => state.markSaved);
  const saved = dossierId !== null && justSaved === dossierId && !formState.isDirty;

  useEffect(() => {
    form.setValue('unitId', initialValues.unitId);
  }, [form, initialValues.unitId]);

  const watched = useWatch({ control }) as Partial<DossierFormValues>;
  const result = useMemo(() => {
    const values = { ...initialValues, ...watched } as DossierFormValues;
    return scoreDossier(scheme, toScoreInput(formValuesToContent(scheme, values).content));
  }, [scheme, watched, initialValues]);

  const submit = handleSubmit(
    async (values) => {
      setFailure(null);
      markSaved(null);
      const { content } = formValuesToContent(scheme, values);
      try {
        const detail = await call('dossiers.save', {
          ...(dossierId ? { id: dossierId, baseUpdatedAt: lastSaved } : {}),
          campaignYear,
          nomineeKind,
          unitId: values.unitId,
          content,
        });
        reset(values);
        setLastSaved(detail.dossier.updatedAt);
        markSaved(detail.dossier.id);
        onSaved(detail);
      } catch (error) {
        for (const issue of errorShape(error).issues ?? []) {
          const path = formPath(issue.path);
          if (path) setError(path, { type: 'server', message: keyedMessage(issue.key, issue.params) });
        }
        setFailure(error);
      }
    },
    () => markSaved(null),
  );

  const errors = formState.errors;
  const report = useWatch({ control, name: 'report' }) ?? '';
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <div className="editor">
      <form className="dossier-form" onSubmit={(event) => void submit(event)} noValidate data-testid="dossier-form">
        <section className="card">
          <div className="grid-2">
            <Field id="womenShare" label={t('form.womenShare')} hint={t('form.womenShareHint')} error={errors.womenShare}>
              <input id="womenShare" inputMode="decimal" {...register('womenShare')} />
            </Field>
            <Field id="discipline" label={t('discipline.label')} error={errors.discipline}>
              <select id="discipline" {...register('discipline')}>
                {DISCIPLINE_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`discipline.${status}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </section>

        <section className="card">
          <h2>{t('form.indicators')}</h2>
          <p className="muted small">{t('form.indicatorsHint')}</p>
          <div className="grid-2">
            {scheme.indicators.map((indicator) => {
              const id = `indicator-${indicator.key}`;
              const unit = t(`indicatorUnits.${indicator.unit}`);
              return (
                <Field key={indicator.key} id={id} label={label(indicator.label)} error={errors.indicators?.[indicator.key]}>
                  {indicator.unit === 'yesNo' ? (
                    <select id={id} {...register(`indicators.${indicator.key}`)}>
                      <option value="">{t('form.yesNoEmpty')}</option>
                      <option value="yes">{t('app.yes')}</option>
                      <option value="no">{t('app.no')}</option>
                    </select>
                  ) : (
                    <div className="with-unit">
                      <input id={id} inputMode="decimal" autoComplete="off" {...register(`indicators.${indicator.key}`)} />
                      {unit ? <span className="unit">{unit}</span> : null}
                    </div>
                  )}
                </Field>
              );
            })}
          </div>
        </section>

        <section className="card">
          <h2>{t('form.selfScores')}</h2>
          <p className="muted small">{t('form.selfScoresHint')}</p>
          {manualCriteria(scheme).map((criterion) => (
            <fieldset key={criterion.id} className="self-score">
              <legend>{label(criterion.label)}</legend>
              <div className="grid-self">
                <Field id={`self-${criterion.id}`} label={t('form.points', { max: criterion.max / 100 })} error={errors.selfScores?.[criterion.id]?.points}>
                  <input id={`self-${criterion.id}`} inputMode="decimal" autoComplete="off" {...register(`selfScores.${criterion.id}.points`)} />
                </Field>
                <Field id={`justification-${criterion.id}`} label={t('form.justification')} error={errors.selfScores?.[criterion.id]?.justification}>
                  <textarea id={`justification-${criterion.id}`} rows={2} {...register(`selfScores.${criterion.id}.justification`)} />
                </Field>
              </div>
            </fieldset>
          ))}
        </section>

        <section className="card">
          <Field id="report" label={<h2 className="inline-heading">{t('form.report')}</h2>} hint={`${t('form.reportHint')} · ${t('form.words', { count: countWords(report) })}`} error={errors.report}>
            <textarea id="report" rows={10} {...register('report')} />
          </Field>
        </section>

        {hasErrors ? (
          <div className="banner banner-error" role="alert">
            {t('form.fixErrors')}
          </div>
        ) : null}
        <ErrorBanner error={failure} />
        {saved ? (
          <div className="banner banner-ok" role="status" data-testid="save-notice">
            {t('form.saved')}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" disabled={formState.isSubmitting} data-testid="save-dossier">
            {formState.isSubmitting ? t('form.saving') : t('form.save')}
          </button>
        </div>
      </form>
      <ScorePreview scheme={scheme} result={result} />
    </div>
  );
}
