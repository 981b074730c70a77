import { z } from 'zod';
import { keyedMessage } from '../contract/validation';
import type { ReviewInput } from '../contract/calls';
import { toHundredths } from '../scoring/decimal';
import { manualCriteria } from '../scoring/leaves';
import type { Hundredths, Scheme } from '../scoring/types';
import type { Review } from './review';

/** What a council member's score sheet form holds: whose sheet, and points as typed ("12,5" or "12.5"). */
export interface ReviewFormValues {
  memberId: string;
  scores: Record<string, string>;
  conflict: boolean;
  note: string;
}

/** Points typed with a comma or a point, at most two decimals; null when it is not such a number. */
function typedPoints(text: string): Hundredths | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (!/^\d{1,4}([.,]\d{1,2})?$/.test(compact)) return null;
  return toHundredths(compact);
}

/**
 * The form's schema for one scheme: every manual criterion from 0 to its maximum in its step, required unless the
 * member declares a conflict of interest. Messages are translation keys (see shared/contract/validation.ts).
 */
export function reviewFormSchema(scheme: Scheme) {
  const manual = manualCriteria(scheme);
  return z
    .object({
      memberId: z.string().min(1, { error: keyedMessage('council.form.chooseMember') }).max(64),
      scores: z.record(z.string(), z.string()),
      conflict: z.boolean(),
      note: z.string().max(2000),
    })
    .superRefine((values, context) => {
      for (const criterion of manual) {
        const text = (values.scores[criterion.id] ?? '').trim();
        const path = ['scores', criterion.id];
        const issue = (key: string, params: Record<string, number> = {}) => context.addIssue({ code: 'custom', path, params: { key, ...params } });
        if (text === '') {
          if (!values.conflict) issue('validation.required');
          continue;
        }
        if (/^-\s*\d/.test(text)) {
          issue('validation.tooSmall', { minimum: 0 });
          continue;
        }
        const points = typedPoints(text);
        const step = criterion.rule?.type === 'manual' ? criterion.rule.step : 1;
        if (points === null) {
          if (/^\d+[.,]\d{3,}$/.test(text.replace(/[\s\u00a0]/g, ''))) issue('validation.decimals', { decimals: 2 });
          else issue('validation.notANumber');
        } else if (points > criterion.max) issue('validation.tooLarge', { maximum: criterion.max / 100 });
        else if (step > 0 && points % step !== 0) issue('validation.step', { step: step / 100 });
      }
    });
}

/** A stored sheet (or none) as form values; points written the Vietnamese way, with a comma. */
export function reviewToFormValues(scheme: Scheme, review: Review | null, memberId = ''): ReviewFormValues {
  const scores: Record<string, string> = {};
  for (const criterion of manualCriteria(scheme)) {
    const points = review?.scores[criterion.id];
    scores[criterion.id] = points === undefined ? '' : String(points / 100).replace('.', ',');
  }
  return { memberId: review?.memberId ?? memberId, scores, conflict: review?.conflict ?? false, note: review?.note ?? '' };
}

/** The points a partly filled form gives so far (what is empty or not yet a number is left out), for the live total. */
export function typedScores(scheme: Scheme, scores: Record<string, string | undefined>): Record<string, Hundredths> {
  const result: Record<string, Hundredths> = {};
  for (const criterion of manualCriteria(scheme)) {
    const points = typedPoints(scores[criterion.id] ?? '');
    if (points !== null) result[criterion.id] = points;
  }
  return result;
}

/** Valid form values as the input of `reviews.save`. */
export function reviewFormToInput(scheme: Scheme, dossierId: string, values: ReviewFormValues): ReviewInput {
  return { dossierId, memberId: values.memberId, scores: typedScores(scheme, values.scores), conflict: values.conflict, note: values.note.trim() };
}
