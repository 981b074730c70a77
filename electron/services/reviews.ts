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
import { requireRoundOpen } from './council';
import { councilMembers, findCouncilMember } from '../db/council';
import { roundOfGroup, type CouncilMember, type RoundNumber } from '../../shared/domain/council';
import { nomineeGroupOf, type NomineeKind } from '../../shared/domain/kinds';

/** The council member a council member's account is: their own sheets are the only ones they see and save. */
function ownMember(context: ServiceContext, campaignYear: number): CouncilMember | null {
  if (context.actor.role !== 'councilMember') return null;
  const member = councilMembers(context.db, campaignYear).find((candidate) => candidate.userId === context.actor.id);
  if (!member) throw new AppError('council.notMember');
  return member;
}

/** The round a dossier is decided in: collectives in the first, individuals in the second. */
export function roundOfKind(kind: NomineeKind): RoundNumber {
  return roundOfGroup(nomineeGroupOf(kind));
}

export function listReviews(context: ServiceContext, dossierId: string): Review[] {
  requireBranch(context);
  const dossier = findDossier(context.db, dossierId);
  if (!dossier) throw new AppError('dossier.notFound', { id: dossierId });
  const own = ownMember(context, dossier.campaignYear);
  // A member scores on their own: the others' sheets are the secretary's to compile.
  return reviewsOf(context.db, dossierId).filter((review) => !own || review.memberId === own.id);
}

/** Records one council member's points for a dossier's manual criteria (replacing that member's earlier ones). */
export function saveReview(context: ServiceContext, input: ReviewInput): Review[] {
  requireBranch(context);
  return inTransaction(context, () => {
    const { dossier, scheme } = getDossier(context, input.dossierId);
    requireRoundOpen(context, dossier.campaignYear, roundOfKind(dossier.nomineeKind));
    const member = findCouncilMember(context.db, input.memberId);
    if (!member || member.campaignYear !== dossier.campaignYear) throw new AppError('council.memberNotFound');
    const own = ownMember(context, dossier.campaignYear);
    if (own && own.id !== member.id) throw new AppError('auth.forbidden');
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
    const before = reviewsOf(context.db, dossier.id).find((review) => review.memberId === member.id || review.reviewer === member.fullName);
    upsertReview(
      context.db,
      { id: randomUUID(), dossierId: dossier.id, reviewer: member.fullName, memberId: member.id, scores: input.scores, conflict: input.conflict, note: input.note, updatedAt: now },
      context.actor.id,
      now,
    );
    const total = (scores: Record<string, number>) => Object.values(scores).reduce((sum, points) => sum + points, 0);
    audit(context, 'review.saved', { type: 'dossier', id: dossier.id, label: dossier.personName ?? dossier.unitName }, {
      before: before ? { reviewer: before.reviewer, conflict: before.conflict, points: total(before.scores) } : undefined,
      after: { reviewer: member.fullName, conflict: input.conflict, points: total(input.scores) },
    });
    return reviewsOf(context.db, dossier.id);
  });
}

export function removeReview(context: ServiceContext, id: string): Review[] {
  requireBranch(context);
  return inTransaction(context, () => {
    const review = findReview(context.db, id);
    if (!review) throw new AppError('review.notFound');
    const dossier = findDossier(context.db, review.dossierId);
    if (dossier) requireRoundOpen(context, dossier.campaignYear, roundOfKind(dossier.nomineeKind));
    deleteReview(context.db, id);
    audit(context, 'review.deleted', { type: 'dossier', id: review.dossierId }, { before: { reviewer: review.reviewer, conflict: review.conflict } });
    return reviewsOf(context.db, review.dossierId);
  });
}
