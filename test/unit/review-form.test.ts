import { describe, expect, it } from 'vitest';
import { decodeIssueMessage, keyedErrorMap } from '../../shared/contract/validation';
import type { Review } from '../../shared/domain/review';
import { reviewFormSchema, reviewFormToInput, reviewToFormValues, typedScores, type ReviewFormValues } from '../../shared/domain/review-form';
import { manualCriteria } from '../../shared/scoring/leaves';
import { scheme } from './fixtures';

const manual = manualCriteria(scheme);
const [first, second] = manual as [(typeof manual)[number], (typeof manual)[number]];

/** Form values with every manual criterion filled in with "1". */
function values(overrides: Partial<ReviewFormValues> = {}, scores: Record<string, string> = {}): ReviewFormValues {
  return {
    memberId: 'member-hung',
    scores: { ...Object.fromEntries(manual.map((criterion) => [criterion.id, '1'])), ...scores },
    conflict: false,
    note: '',
    ...overrides,
  };
}

/** The translation key and parameters of each failing field, as the form shows them. */
function problems(input: ReviewFormValues): Record<string, { key: string; params: Record<string, string | number> }> {
  const result = reviewFormSchema(scheme).safeParse(input, { error: keyedErrorMap });
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), decodeIssueMessage(issue.message)]));
}

describe('the score sheet form', () => {
  it('has manual criteria to score in the 2025 scheme', () => {
    expect(manual.length).toBeGreaterThanOrEqual(2);
    expect(first.rule).toEqual({ type: 'manual', step: 50 });
  });

  it('accepts points with a comma or a point, within the maximum and on the step', () => {
    expect(problems(values({}, { [first.id]: '12,5', [second.id]: '2.5' }))).toEqual({});
    expect(typedScores(scheme, { [first.id]: '12,5', [second.id]: ' 2.5 ' })).toEqual({ [first.id]: 1250, [second.id]: 250 });
  });

  it('requires every criterion, unless the member has a conflict of interest', () => {
    expect(problems(values({}, { [first.id]: '' }))).toEqual({ [`scores.${first.id}`]: { key: 'validation.required', params: {} } });
    expect(problems(values({ conflict: true }, { [first.id]: '', [second.id]: '' }))).toEqual({});
  });

  it('refuses what is not a number, negative, above the maximum, off the step or with three decimals', () => {
    const path = `scores.${first.id}`;
    expect(problems(values({}, { [first.id]: 'mười' }))[path]).toEqual({ key: 'validation.notANumber', params: {} });
    expect(problems(values({}, { [first.id]: '-1' }))[path]).toEqual({ key: 'validation.tooSmall', params: { minimum: 0 } });
    expect(problems(values({}, { [first.id]: String(first.max / 100 + 1) }))[path]).toEqual({ key: 'validation.tooLarge', params: { maximum: first.max / 100 } });
    expect(problems(values({}, { [first.id]: '1,2' }))[path]).toEqual({ key: 'validation.step', params: { step: 0.5 } });
    expect(problems(values({}, { [first.id]: '1,125' }))[path]).toEqual({ key: 'validation.decimals', params: { decimals: 2 } });
    // Even with a conflict of interest, what is typed must be valid.
    expect(problems(values({ conflict: true }, { [first.id]: '1,2' }))[path]?.key).toBe('validation.step');
  });

  it('requires the council member whose sheet it is', () => {
    expect(problems(values({ memberId: '' })).memberId?.key).toBe('council.form.chooseMember');
  });

  it('turns a stored sheet into form values (Vietnamese decimals) and valid values into the call’s input', () => {
    const review: Review = { id: 'r1', dossierId: 'd1', reviewer: 'Trần Thị Lan', memberId: 'member-lan', scores: { [first.id]: 1250 }, conflict: true, note: 'Người thân', updatedAt: '2026-01-12T08:00:00Z' };
    const form = reviewToFormValues(scheme, review);
    expect(form).toEqual({ memberId: 'member-lan', scores: { ...Object.fromEntries(manual.map((criterion) => [criterion.id, ''])), [first.id]: '12,5' }, conflict: true, note: 'Người thân' });
    expect(reviewToFormValues(scheme, null).scores[first.id]).toBe('');
    expect(reviewToFormValues(scheme, null, 'member-own').memberId).toBe('member-own');
    expect(reviewFormToInput(scheme, 'd1', { ...form, note: ' Người thân ' })).toEqual({
      dossierId: 'd1',
      memberId: 'member-lan',
      scores: { [first.id]: 1250 },
      conflict: true,
      note: 'Người thân',
    });
  });
});
