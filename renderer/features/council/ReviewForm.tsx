import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import type { CouncilMember } from '../../../shared/domain/council';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { keyedErrorMap, keyedMessage } from '../../../shared/contract/validation';
import type { Review } from '../../../shared/domain/review';
import { reviewFormSchema, reviewFormToInput, reviewToFormValues, typedScores, type ReviewFormValues } from '../../../shared/domain/review-form';
import { manualCriteria } from '../../../shared/scoring/leaves';
import { scoreDossier } from '../../../shared/scoring/score';
import type { Scheme, ScoreInput } from '../../../shared/scoring/types';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { useUnsavedGuard } from '../../app/unsaved-guard';
import { useAutosave } from '../../components/use-autosave';
import { formatDateTime } from '../../components/format';
import { ErrorBanner, errorShape } from '../../components/errors';
import { Field } from '../../components/Field';
import { useLabel, usePoints } from '../../components/format';

interface ReviewFormProps {
  dossierId: string;
  campaignYear: number;
  /** The members who may still get a sheet here (all of them but those with one), or the one member editing theirs. */
  members: CouncilMember[];
  /** A sheet kept from an earlier moment (a closed window, a crash), as it was typed. */
  restoredDraft: { form: ReviewFormValues; updatedAt: string } | null;
  scheme: Scheme;
  /** The dossier's inputs, so the sheet's total is computed as the ranking will. */
  input: ScoreInput;
  /** The sheet being edited, or null for a new one. */
  review: Review | null;
  onSaved: (reviews: Review[], reviewer: string) => void;
  onCancel: () => void;
}

/** Maps an issue path of `reviews.save` to the form field it belongs to. */
function formPath(path: string): FieldPath<ReviewFormValues> | null {
  if (path.startsWith('scores.') || path === 'memberId' || path === 'note' || path === 'conflict') return path as FieldPath<ReviewFormValues>;
  return null;
}

/** One council member's score sheet: points on the manual criteria, a conflict of interest, a note. */
export function ReviewForm({ dossierId, campaignYear, members, restoredDraft, scheme, input, review, onSaved, onCancel }: ReviewFormProps) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const points = usePoints();
  const userId = useSession((state) => state.user?.id ?? '');
  const resolver = useMemo(() => zodResolver(reviewFormSchema(scheme), { error: keyedErrorMap }), [scheme]);
  const initial = reviewToFormValues(scheme, review, members.length === 1 ? (members[0]?.id ?? '') : '');
  const form = useForm<ReviewFormValues>({ resolver, defaultValues: restoredDraft?.form ?? initial, mode: 'onBlur' });
  const { register, handleSubmit, formState, setError, control, reset } = form;
  const [restored, setRestored] = useState(restoredDraft !== null);
  const draftKey = reviewDraftKey(dossierId, userId);
  const values = useWatch({ control }) as ReviewFormValues;
  useAutosave(draftKey, campaignYear, dossierId, values, formState.isDirty || restored);
  useUnsavedGuard(formState.isDirty || restored ? t('council.form.unsaved') : null);
  const [failure, setFailure] = useState<unknown>(null);
  const criteria = manualCriteria(scheme);
  // Handed to the panel only once the form has rendered clean: closing it while still dirty kept the typing as a draft.
  const [handedOver, setHandedOver] = useState<{ reviews: Review[]; reviewer: string } | null>(null);
  useEffect(() => {
    if (handedOver) onSaved(handedOver.reviews, handedOver.reviewer);
    // Once per save: the panel's callback is a new function on each of its renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handedOver]);

  const scores = useWatch({ control, name: 'scores' });
  const total = useMemo(() => scoreDossier(scheme, { ...input, selfScores: typedScores(scheme, scores ?? {}) }).total, [scheme, input, scores]);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const saved = await call('reviews.save', reviewFormToInput(scheme, dossierId, values));
      reset(values);
      setRestored(false);
      void call('drafts.discard', { key: draftKey }).catch(() => undefined);
      setHandedOver({ reviews: saved, reviewer: members.find((member) => member.id === values.memberId)?.fullName ?? '' });
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
      {restored && restoredDraft ? (
        <div className="banner banner-warn" role="status" data-testid="review-draft-restored">
          {t('dossierWork.draftRestored', { time: formatDateTime(restoredDraft.updatedAt, i18n.language) })}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              void call('drafts.discard', { key: draftKey }).catch(() => undefined);
              reset(initial);
              setRestored(false);
            }}
          >
            {t('dossierWork.discardDraft')}
          </button>
        </div>
      ) : null}
      <Field id="reviewer" label={t('council.form.reviewer')} hint={review ? t('council.form.reviewerLocked') : undefined} error={errors.memberId}>
        {review !== null || members.length === 1 ? (
          // The sheet's member is settled (an existing sheet, or the member's own account): shown, not chosen.
          <output id="reviewer" data-testid="review-member-fixed">
            {members.find((member) => member.id === values.memberId)?.fullName ?? review?.reviewer}
          </output>
        ) : (
          <select id="reviewer" {...register('memberId')} data-testid="review-member">
            <option value="">{t('council.form.chooseMember')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.fullName}
              </option>
            ))}
          </select>
        )}
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

/** Where a sheet being typed is kept: one per dossier and per person typing it (the member is in the form). */
export function reviewDraftKey(dossierId: string, userId: string): string {
  return `review:${dossierId}:${userId}`;
}
