import { randomUUID } from 'node:crypto';
import type { ReviewInput } from '../../shared/contract/calls';
import { AppError, type FieldIssue } from '../../shared/contract/errors';
import { manualCriteria } from '../../shared/scoring/leaves';
import { findDossier } from '../db/dossiers';
import type { Review } from '../../shared/domain/review';
import { deleteReview, findReview, reviewsOf, upsertReview } from '../db/reviews';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';
import { getDossier } from './dossiers';
import { requireBranch } from './mode';

export function listReviews(context: ServiceContext, dossierId: string): Review[] {
  requireBranch(context);
  if (!findDossier(context.db, dossierId)) throw new AppError('dossier.notFound', { id: dossierId });
  return reviewsOf(context.db, dossierId);
}

/** Records one council member's points for a dossier's manual criteria (replacing that member's earlier ones). */
export function saveReview(context: ServiceContext, input: ReviewInput): Review[] {
  requireBranch(context);
  return inTransaction(context, () => {
    const { dossier, scheme } = getDossier(context, input.dossierId);
    const manual = new Map(manualCriteria(scheme).map((criterion) => [criterion.id, criterion]));
    const issues: FieldIssue[] = [];
    for (const [criterionId, points] of Object.entries(input.scores)) {
      const criterion = manual.get(criterionId);
      const path = `scores.${criterionId}`;
      if (!criterion) issues.push({ path, key: 'validation.unknownCriterion', params: { criterion: criterionId } });
      else if (points > criterion.max) issues.push({ path, key: 'validation.tooLarge', params: { maximum: criterion.max / 100 } });
      else if (criterion.rule?.type === 'manual' && points % criterion.rule.step !== 0) issues.push({ path, key: 'validation.step', params: { step: criterion.rule.step / 100 } });
    }
    for (const criterionId of manual.keys()) {
      if (!(criterionId in input.scores) && !input.conflict) issues.push({ path: `scores.${criterionId}`, key: 'validation.required', params: {} });
    }
    if (issues.length > 0) throw new AppError('call.invalidInput', {}, issues);
    const now = context.now();
    const before = reviewsOf(context.db, dossier.id).find((review) => review.reviewer === input.reviewer);
    upsertReview(context.db, { id: randomUUID(), dossierId: dossier.id, reviewer: input.reviewer, scores: input.scores, conflict: input.conflict, note: input.note, updatedAt: now }, context.actor.id, now);
    const total = (scores: Record<string, number>) => Object.values(scores).reduce((sum, points) => sum + points, 0);
    audit(context, 'review.saved', { type: 'dossier', id: dossier.id, label: dossier.personName ?? dossier.unitName }, {
      before: before ? { reviewer: before.reviewer, conflict: before.conflict, points: total(before.scores) } : undefined,
      after: { reviewer: input.reviewer, conflict: input.conflict, points: total(input.scores) },
    });
    return reviewsOf(context.db, dossier.id);
  });
}

export function removeReview(context: ServiceContext, id: string): Review[] {
  requireBranch(context);
  return inTransaction(context, () => {
    const review = findReview(context.db, id);
    if (!review) throw new AppError('review.notFound');
    deleteReview(context.db, id);
    audit(context, 'review.deleted', { type: 'dossier', id: review.dossierId }, { before: { reviewer: review.reviewer, conflict: review.conflict } });
    return reviewsOf(context.db, review.dossierId);
  });
}
