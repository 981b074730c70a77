import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import { schemeFor } from '../../shared/domain/campaign';
import { isCollectiveKind } from '../../shared/domain/kinds';
import type { DossierDetail } from '../../shared/contract/calls';
import { checkAgainstScheme, toScoreInput, type DossierSaveInput, type DossierSummary } from '../../shared/domain/dossier';
import { scoreDossier } from '../../shared/scoring/score';
import type { Scheme } from '../../shared/scoring/types';
import type { User } from '../../shared/domain/account';
import { findScheme } from '../db/campaigns';
import { findDossier, findDossierForNominee, insertDossier, listDossiers, updateDossier } from '../db/dossiers';
import { findUnit } from '../db/units';
import { getCampaign } from './campaigns';
import { inTransaction, type ServiceContext } from './context';

function schemeOf(context: ServiceContext, id: string, version: number): Scheme {
  const scheme = findScheme(context.db, id, version);
  if (!scheme) throw new AppError('scheme.notFound', { scheme: `${id}@${version}` });
  return scheme;
}

/** Creates or updates a dossier, checked against its scheme and scored by the shared library, in one transaction. */
export function saveDossier(context: ServiceContext, input: DossierSaveInput, user: User | null): DossierDetail {
  const id = inTransaction(context, () => {
    const campaign = getCampaign(context, input.campaignYear);
    if (campaign.status === 'closed') throw new AppError('campaign.locked', { year: campaign.year });
    const unit = findUnit(context.db, input.unitId);
    if (!unit) throw new AppError('unit.notFound', { id: input.unitId });

    const existing = input.id ? findDossier(context.db, input.id) : null;
    if (input.id && !existing) throw new AppError('dossier.notFound', { id: input.id });
    if (existing && existing.campaignYear !== input.campaignYear) throw new AppError('dossier.notFound', { id: existing.id });
    if (existing && input.baseUpdatedAt && input.baseUpdatedAt !== existing.updatedAt) throw new AppError('dossier.staleRevision', { id: existing.id });
    if (!existing && unit.retired) throw new AppError('unit.retired', { name: unit.name });
    // A collective nominee is the unit itself: its dossier has the unit's kind.
    if (isCollectiveKind(input.nomineeKind) && input.nomineeKind !== unit.kind) throw new AppError('dossier.kindMismatch', { name: unit.name });

    const scheme = existing ? schemeOf(context, existing.schemeId, existing.schemeVersion) : schemeFor(campaign, input.nomineeKind);
    if (!scheme || !(scheme.kinds as string[]).includes(input.nomineeKind)) throw new AppError('scheme.notFound', { scheme: input.nomineeKind });

    const issues = checkAgainstScheme(scheme, input.content);
    if (issues.length > 0) throw new AppError('call.invalidInput', {}, issues.map((issue) => ({ ...issue, path: `content.${issue.path}` })));

    const other = findDossierForNominee(context.db, input.campaignYear, input.unitId, input.nomineeKind);
    if (other && other !== existing?.id) throw new AppError('dossier.duplicate', { id: other, name: unit.name });

    const result = scoreDossier(scheme, toScoreInput(input.content));
    const record = {
      id: existing?.id ?? randomUUID(),
      campaignYear: input.campaignYear,
      nomineeKind: input.nomineeKind,
      unitId: input.unitId,
      schemeId: scheme.id,
      schemeVersion: scheme.version,
      revision: existing?.revision ?? 1,
      status: existing?.status ?? ('draft' as const),
      content: input.content,
      selfTotal: result.total,
      eligible: result.eligible,
      complete: result.complete,
      createdBy: user?.id ?? null,
    };
    if (existing) updateDossier(context.db, record, context.now());
    else insertDossier(context.db, record, context.now());
    return record.id;
  });
  return getDossier(context, id);
}

export function getDossier(context: ServiceContext, id: string): DossierDetail {
  const dossier = findDossier(context.db, id);
  if (!dossier) throw new AppError('dossier.notFound', { id });
  return { dossier, scheme: schemeOf(context, dossier.schemeId, dossier.schemeVersion) };
}

export function dossiersList(context: ServiceContext, campaignYear: number): DossierSummary[] {
  getCampaign(context, campaignYear);
  return listDossiers(context.db, campaignYear);
}

