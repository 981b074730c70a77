import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { keyedErrorMap, keyedMessage } from '../../../shared/contract/validation';
import type { Review } from '../../../shared/domain/review';
import { reviewFormSchema, reviewFormToInput, reviewToFormValues, sameReviewer, typedScores, type ReviewFormValues } from '../../../shared/domain/review-form';
import { manualCriteria } from '../../../shared/scoring/leaves';
import { scoreDossier } from '../../../shared/scoring/score';
import type { Scheme, ScoreInput } from '../../../shared/scoring/types';
import { call } from '../../app/api';
import { ErrorBanner, errorShape } from '../../components/errors';
import { Field } from '../../components/Field';
import { useLabel, usePoints } from '../../components/format';

interface ReviewFormProps {
  dossierId: string;
  scheme: Scheme;
  /** The dossier's inputs, so the sheet's total is computed as the ranking will. */
  input: ScoreInput;
  /** The sheet being edited, or null for a new one. */
  review: Review | null;
  /** Every sheet of the dossier, to refuse a second sheet under a name that already has one. */
  reviews: Review[];
  onSaved: (reviews: Review[], reviewer: string) => void;
  onCancel: () => void;
}

/** Maps an issue path of `reviews.save` to the form field it belongs to. */
function formPath(path: string): FieldPath<ReviewFormValues> | null {
  if (path.startsWith('scores.') || path === 'reviewer' || path === 'note' || path === 'conflict') return path as FieldPath<ReviewFormValues>;
  return null;
}

/** One council member's score sheet: points on the manual criteria, a conflict of interest, a note. */
export function ReviewForm({ dossierId, scheme, input, review, reviews, onSaved, onCancel }: ReviewFormProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const points = usePoints();
  const resolver = useMemo(() => zodResolver(reviewFormSchema(scheme), { error: keyedErrorMap }), [scheme]);
  const form = useForm<ReviewFormValues>({ resolver, defaultValues: reviewToFormValues(scheme, review), mode: 'onBlur' });
  const { register, handleSubmit, formState, setError, control } = form;
  const [failure, setFailure] = useState<unknown>(null);
  const criteria = manualCriteria(scheme);

  const scores = useWatch({ control, name: 'scores' });
  const total = useMemo(() => scoreDossier(scheme, { ...input, selfScores: typedScores(scheme, scores ?? {}) }).total, [scheme, input, scores]);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    if (!review && reviews.some((other) => sameReviewer(other.reviewer, values.reviewer))) {
      setError('reviewer', { type: 'duplicate', message: keyedMessage('council.form.duplicate', { name: values.reviewer.trim() }) });
      return;
    }
    try {
      const saved = await call('reviews.save', reviewFormToInput(scheme, dossierId, values));
      onSaved(saved, values.reviewer.trim());
    } catch (error) {
      for (const issue of errorShape(error).issues ?? []) {
        const path = formPath(issue.path);
        if (path) setError(path, { type: 'server', message: keyedMessage(issue.key, issue.params) });
      }
      setFailure(error);
    }
  });

  const errors = formState.errors;
  const title = review ? t('council.form.editTitle', { name: review.reviewer }) : t('council.form.addTitle');
  return (
    <form className="review-form" onSubmit={(event) => void submit(event)} noValidate data-testid="review-form" aria-label={title}>
      <h3>{title}</h3>
      <Field id="reviewer" label={t('council.form.reviewer')} hint={review ? t('council.form.reviewerLocked') : undefined} error={errors.reviewer}>
        <input id="reviewer" autoComplete="off" readOnly={review !== null} {...register('reviewer')} />
      </Field>
      <div className="review-scores">
        {criteria.map((criterion) => {
          const id = `review-${criterion.id}`;
          const step = criterion.rule?.type === 'manual' ? criterion.rule.step : 100;
          return (
            <Field key={criterion.id} id={id} label={label(criterion.label)} hint={t('council.form.pointsHint', { max: criterion.max / 100, step: step / 100 })} error={errors.scores?.[criterion.id]}>
              <input id={id} inputMode="decimal" autoComplete="off" data-criterion={criterion.id} {...register(`scores.${criterion.id}`)} />
            </Field>
          );
        })}
      </div>
      <label className="checkbox" htmlFor="review-conflict">
        <input id="review-conflict" type="checkbox" data-testid="review-conflict" {...register('conflict')} />
        <span>{t('council.form.conflict')}</span>
      </label>
      <p className="field-hint review-conflict-hint">{t('council.form.conflictHint')}</p>
      <Field id="review-note" label={t('council.form.note')} error={errors.note}>
        <textarea id="review-note" rows={2} placeholder={t('council.form.notePlaceholder')} {...register('note')} />
      </Field>
      <p className="review-live-total">
        {t('council.form.total')}: <strong data-testid="review-live-total" data-hundredths={total}>{points(total)}</strong>
      </p>
      {Object.keys(errors).length > 0 ? (
        <div className="banner banner-error" role="alert">
          {t('council.form.fixErrors')}
        </div>
      ) : null}
      <ErrorBanner error={failure} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('council.form.cancel')}
        </button>
        <button type="submit" disabled={formState.isSubmitting} data-testid="review-save">
          {formState.isSubmitting ? t('council.form.saving') : t('council.form.save')}
        </button>
      </div>
    </form>
  );
}
