import { sortByName } from '../../shared/domain/collation';
import { randomUUID } from 'node:crypto';
import type { DossierDetail, DossierSaveResult } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import { schemeFor } from '../../shared/domain/campaign';
import { checklistComplete, dossierChecklist } from '../../shared/domain/checklist';
import { checkAgainstScheme, toScoreInput, type DossierSaveInput, type DossierStatus, type DossierSummary } from '../../shared/domain/dossier';
import { isCollectiveKind } from '../../shared/domain/kinds';
import { scoreDossier } from '../../shared/scoring/score';
import type { Scheme } from '../../shared/scoring/types';
import { attachmentsOf, countAttachments } from '../db/attachments';
import { findScheme } from '../db/campaigns';
import { findDossier, findDossierForNominee, insertDossier, listDossiers, startNextRevision, updateDossier, updateDossierStatus } from '../db/dossiers';
import { activeAdjustments } from '../db/adjustments';
import { deleteDraft } from '../db/drafts';
import { dossierOrigin } from '../db/exchange';
import { readSetting } from '../db/settings';
import { findPerson } from '../db/people';
import { findUnit } from '../db/units';
import { audit } from './audit';
import { getCampaign } from './campaigns';
import { requireDossierRoundOpen } from './council';
import { inTransaction, type ServiceContext } from './context';

function schemeOf(context: ServiceContext, id: string, version: number): Scheme {
  const scheme = findScheme(context.db, id, version);
  if (!scheme) throw new AppError('scheme.notFound', { scheme: `${id}@${version}` });
  return scheme;
}

/** Statuses after which a change of content is a new revision that must be sent again. */
export const SENT: DossierStatus[] = ['exported', 'received', 'returned'];

/** Refuses changes to a dossier of a closed campaign. */
export function requireOpenCampaign(context: ServiceContext, campaignYear: number): void {
  const campaign = getCampaign(context, campaignYear);
  if (campaign.status === 'closed') throw new AppError('campaign.locked', { year: campaign.year });
}

/**
 * At the branch, a dossier received from an office is the office's record: the branch returns it with a reason or
 * records a council adjustment beside it, but never changes what the office sent.
 */
export function isReceivedHere(context: ServiceContext, dossierId: string): boolean {
  return readSetting(context.db, 'mode') === 'branch' && dossierOrigin(context.db, dossierId) !== null;
}

export function requireEditableHere(context: ServiceContext, dossierId: string): void {
  if (isReceivedHere(context, dossierId)) throw new AppError('dossier.receivedReadOnly');
  const dossier = findDossier(context.db, dossierId);
  if (dossier) requireDossierRoundOpen(context, dossier);
}

/** A dossier as the audit log shows it: its state and score, never its content. */
function dossierSummary(record: { status: string; revision: number; selfTotal: number; schemeVersion: number }): Record<string, string | number> {
  return { status: record.status, revision: record.revision, selfTotal: record.selfTotal, schemeVersion: record.schemeVersion };
}

/**
 * After its evidence changed: a sent dossier starts its next revision; a ready one that is no longer
 * complete goes back to draft. Runs inside the caller's transaction.
 */
export function afterEvidenceChange(context: ServiceContext, dossierId: string): void {
  const detail = getDossier(context, dossierId);
  if (SENT.includes(detail.dossier.status)) startNextRevision(context.db, dossierId, context.now());
  else if (detail.dossier.status === 'ready' && !checklistComplete(detail.checklist)) updateDossierStatus(context.db, dossierId, 'draft', context.now());
}

/** The key of the autosaved draft of a dossier (or of a new one for a nominee). */
export function draftKey(input: { id?: string | undefined; unitId: string; personId?: string | null | undefined; nomineeKind: string }): string {
  return input.id ? `dossier:${input.id}` : `new:${input.nomineeKind}:${input.personId ?? input.unitId}`;
}

/**
 * Creates or updates a dossier, checked against its scheme and scored by the shared library, in one transaction.
 * Changing a dossier that was already sent starts a new revision, back in draft.
 */
export function saveDossier(context: ServiceContext, input: DossierSaveInput): DossierSaveResult {
  const { id, revisionStarted } = inTransaction(context, () => {
    const campaign = getCampaign(context, input.campaignYear);
    if (campaign.status === 'closed') throw new AppError('campaign.locked', { year: campaign.year });
    const collective = isCollectiveKind(input.nomineeKind);
    const person = !collective && input.personId ? findPerson(context.db, input.personId) : null;
    if (!collective && !person) throw new AppError('person.notFound', { id: input.personId ?? '' });
    if (collective && input.personId) throw new AppError('dossier.kindMismatch', { name: input.nomineeKind });
    const unitId = person ? person.unitId : input.unitId;
    const unit = findUnit(context.db, unitId);
    if (!unit) throw new AppError('unit.notFound', { id: unitId });

    const existing = input.id ? findDossier(context.db, input.id) : null;
    if (input.id && !existing) throw new AppError('dossier.notFound', { id: input.id });
    if (existing) requireEditableHere(context, existing.id);
    requireDossierRoundOpen(context, { campaignYear: input.campaignYear, nomineeKind: existing?.nomineeKind ?? input.nomineeKind });
    if (existing && existing.campaignYear !== input.campaignYear) throw new AppError('dossier.notFound', { id: existing.id });
    if (existing && input.baseUpdatedAt && input.baseUpdatedAt !== existing.updatedAt) throw new AppError('dossier.staleRevision', { id: existing.id });
    if (!existing && unit.retired) throw new AppError('unit.retired', { name: unit.name });
    if (!existing && person?.retired) throw new AppError('person.retired', { name: person.fullName });
    // A collective nominee is the unit itself: its dossier has the unit's kind.
    if (collective && input.nomineeKind !== unit.kind) throw new AppError('dossier.kindMismatch', { name: unit.name });

    const scheme = existing ? schemeOf(context, existing.schemeId, existing.schemeVersion) : schemeFor(campaign, input.nomineeKind);
    if (!scheme || !(scheme.kinds as string[]).includes(input.nomineeKind)) throw new AppError('scheme.notFound', { scheme: input.nomineeKind });

    const issues = checkAgainstScheme(scheme, input.content);
    if (issues.length > 0) throw new AppError('call.invalidInput', {}, issues.map((issue) => ({ ...issue, path: `content.${issue.path}` })));

    const personId = person?.id ?? null;
    const other = findDossierForNominee(context.db, input.campaignYear, unitId, personId, input.nomineeKind);
    if (other && other !== existing?.id) throw new AppError('dossier.duplicate', { id: other, name: person?.fullName ?? unit.name });

    const result = scoreDossier(scheme, toScoreInput(input.content));
    const changedAfterSending = existing !== null && SENT.includes(existing.status) && JSON.stringify(existing.content) !== JSON.stringify(input.content);
    const stillReady = existing?.status === 'ready' && checklistComplete(dossierChecklist(scheme, input.nomineeKind, input.content, result, countAttachments(context.db, existing.id)));
    const record = {
      id: existing?.id ?? randomUUID(),
      campaignYear: input.campaignYear,
      nomineeKind: input.nomineeKind,
      unitId,
      personId,
      schemeId: scheme.id,
      schemeVersion: scheme.version,
      revision: (existing?.revision ?? 1) + (changedAfterSending ? 1 : 0),
      // A ready dossier stays ready while it stays complete; a sent one that changes is a draft of the next revision.
      status: changedAfterSending ? ('draft' as const) : existing ? (existing.status === 'ready' && !stillReady ? ('draft' as const) : existing.status) : ('draft' as const),
      content: input.content,
      selfTotal: result.total,
      eligible: result.eligible,
      complete: result.complete,
      createdBy: context.actor.id,
    };
    if (existing) updateDossier(context.db, record, context.now());
    else insertDossier(context.db, record, context.now());
    const contentChanged = !existing || JSON.stringify(existing.content) !== JSON.stringify(input.content);
    if (contentChanged || existing.status !== record.status)
      audit(context, existing ? 'dossier.updated' : 'dossier.created', { type: 'dossier', id: record.id, label: person?.fullName ?? unit.name }, { before: existing ? dossierSummary(existing) : undefined, after: dossierSummary(record) });
    // What was typed is now saved: its autosaved draft has done its job.
    deleteDraft(context.db, draftKey({ ...input, unitId, personId }));
    deleteDraft(context.db, draftKey({ id: record.id, unitId, personId, nomineeKind: input.nomineeKind }));
    return { id: record.id, revisionStarted: changedAfterSending };
  });
  return { ...getDossier(context, id), revisionStarted };
}

export function getDossier(context: ServiceContext, id: string): DossierDetail {
  const dossier = findDossier(context.db, id);
  if (!dossier) throw new AppError('dossier.notFound', { id });
  const scheme = schemeOf(context, dossier.schemeId, dossier.schemeVersion);
  const attachments = attachmentsOf(context.db, id);
  const result = scoreDossier(scheme, toScoreInput(dossier.content));
  return {
    dossier,
    scheme,
    attachments,
    checklist: dossierChecklist(scheme, dossier.nomineeKind, dossier.content, result, attachments.length),
    adjustments: activeAdjustments(context.db, dossier.id, dossier.revision),
  };
}

/** Marks a dossier ready (only when its checklist is all green) or back to draft. */
export function setDossierStatus(context: ServiceContext, id: string, status: 'ready' | 'draft'): DossierDetail {
  inTransaction(context, () => {
    const detail = getDossier(context, id);
    const { dossier } = detail;
    requireOpenCampaign(context, dossier.campaignYear);
    requireDossierRoundOpen(context, dossier);
    if (SENT.includes(dossier.status)) throw new AppError('dossier.alreadySent', { revision: dossier.revision });
    if (status === 'ready' && !checklistComplete(detail.checklist)) throw new AppError('dossier.incomplete');
    if (dossier.status === status) return;
    updateDossierStatus(context.db, id, status, context.now());
    audit(context, 'dossier.statusChanged', { type: 'dossier', id, label: dossier.personName ?? dossier.unitName }, { before: { status: dossier.status }, after: { status } });
  });
  return getDossier(context, id);
}

export function dossiersList(context: ServiceContext, campaignYear: number): DossierSummary[] {
  getCampaign(context, campaignYear);
  // Names in Vietnamese order (SQLite's ORDER BY compares bytes: "Đức Hòa" would come after "Vĩnh Hưng").
  return sortByName(listDossiers(context.db, campaignYear), (dossier) => dossier.personName ?? dossier.unitName);
}
