import { randomUUID } from 'node:crypto';
import type { DossierDetail } from '../../shared/contract/calls';
import { AppError, type FieldIssue } from '../../shared/contract/errors';
import { officeValueOf, type AdjustmentInput } from '../../shared/domain/adjustment';
import { checkAgainstScheme } from '../../shared/domain/dossier';
import { manualCriteria } from '../../shared/scoring/leaves';
import { activeAdjustmentOf, findAdjustment, insertAdjustment, withdrawAdjustment } from '../db/adjustments';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';
import { getDossier, isReceivedHere, requireOpenCampaign } from './dossiers';
import { requireDossierRoundOpen } from './council';
import { requireBranch } from './mode';

/**
 * The council corrects one figure of a received dossier: the office's value stays as it was sent, the new value is
 * recorded beside it with who, when and why, and the ranking scores the dossier with the corrected figure.
 */
export function saveAdjustment(context: ServiceContext, input: AdjustmentInput): DossierDetail {
  requireBranch(context);
  inTransaction(context, () => {
    const { dossier, scheme } = getDossier(context, input.dossierId);
    requireOpenCampaign(context, dossier.campaignYear);
    requireDossierRoundOpen(context, dossier);
    if (!isReceivedHere(context, dossier.id) || dossier.status !== 'received') throw new AppError('adjustment.notReceived');
    const { target } = input;
    const known = target.type === 'indicator' ? scheme.indicators.some((indicator) => indicator.key === target.key) : manualCriteria(scheme).some((criterion) => criterion.id === target.id);
    if (!known) throw new AppError('adjustment.unknownTarget', { target: target.type === 'indicator' ? target.key : target.id });
    // The new value obeys the same rules as the office's form: its range, decimals, a criterion's maximum and step.
    const probe = target.type === 'indicator' ? { ...dossier.content, indicators: { [target.key]: input.value } } : { ...dossier.content, indicators: {}, selfScores: { [target.id]: { points: typeof input.value === 'number' ? input.value : null, justification: '' } } };
    const issues: FieldIssue[] = checkAgainstScheme(scheme, probe);
    if (target.type === 'criterion' && input.value !== null && typeof input.value !== 'number') issues.push({ path: 'value', key: 'validation.wrongType', params: { expected: 'number' } });
    if (issues.length > 0) throw new AppError('call.invalidInput', {}, issues.map((issue) => ({ ...issue, path: 'value' })));
    const officeValue = officeValueOf(dossier.content, target);
    const previous = activeAdjustmentOf(context.db, dossier.id, dossier.revision, target);
    if ((previous?.value ?? officeValue) === input.value) throw new AppError('adjustment.unchanged');
    const now = context.now();
    if (previous) withdrawAdjustment(context.db, previous.id, context.actor.name, input.reason, now);
    const id = randomUUID();
    insertAdjustment(
      context.db,
      { id, dossierId: dossier.id, revision: dossier.revision, target, officeValue, value: input.value, reason: input.reason, byName: context.actor.name, at: now },
      context.actor.id,
    );
    const name = target.type === 'indicator' ? target.key : target.id;
    audit(context, 'dossier.adjusted', { type: 'dossier', id: dossier.id, label: dossier.personName ?? dossier.unitName }, { before: { [name]: previous?.value ?? officeValue }, after: { [name]: input.value, officeValue }, note: input.reason });
  });
  return getDossier(context, input.dossierId);
}

/** Withdraws an adjustment (the office's value counts again); the adjustment stays on record. */
export function removeAdjustment(context: ServiceContext, id: string, reason: string): DossierDetail {
  requireBranch(context);
  const dossierId = inTransaction(context, () => {
    const adjustment = findAdjustment(context.db, id);
    if (!adjustment) throw new AppError('adjustment.notFound');
    const { dossier } = getDossier(context, adjustment.dossierId);
    requireOpenCampaign(context, dossier.campaignYear);
    requireDossierRoundOpen(context, dossier);
    withdrawAdjustment(context.db, id, context.actor.name, reason, context.now());
    const name = adjustment.target.type === 'indicator' ? adjustment.target.key : adjustment.target.id;
    audit(context, 'dossier.adjustmentWithdrawn', { type: 'dossier', id: dossier.id, label: dossier.personName ?? dossier.unitName }, { before: { [name]: adjustment.value }, after: { [name]: adjustment.officeValue }, note: reason });
    return dossier.id;
  });
  return getDossier(context, dossierId);
}
