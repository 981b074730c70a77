import { AppError } from '../../shared/contract/errors';
import type { DraftInput, StoredDraftOutput } from '../../shared/contract/calls';
import { findDossier } from '../db/dossiers';
import { deleteDraft, findDraft, upsertDraft } from '../db/drafts';
import { inTransaction, type ServiceContext } from './context';

/** Keeps what is being typed in a dossier form, as typed, so that a crash or a closed window loses nothing. */
export function saveDraft(context: ServiceContext, input: DraftInput): { updatedAt: string } {
  return inTransaction(context, () => {
    if (input.dossierId && !findDossier(context.db, input.dossierId)) throw new AppError('dossier.notFound', { id: input.dossierId });
    const updatedAt = context.now();
    upsertDraft(context.db, { key: input.key, campaignYear: input.campaignYear, dossierId: input.dossierId, form: input.form, updatedAt });
    return { updatedAt };
  });
}

export function getDraft(context: ServiceContext, key: string): StoredDraftOutput | null {
  const draft = findDraft(context.db, key);
  return draft ? { key: draft.key, dossierId: draft.dossierId, form: draft.form, updatedAt: draft.updatedAt } : null;
}

export function discardDraft(context: ServiceContext, key: string): null {
  inTransaction(context, () => deleteDraft(context.db, key));
  return null;
}
