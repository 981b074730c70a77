import type { Ranking, RankingRow } from '../../shared/contract/calls';
import { toScoreInput } from '../../shared/domain/dossier';
import { nomineeGroupOf, type NomineeGroup } from '../../shared/domain/kinds';
import { rankDossiers, type RankEntry } from '../../shared/scoring/rank';
import { scoreDossier } from '../../shared/scoring/score';
import type { Scheme, ScoreResult } from '../../shared/scoring/types';
import { findScheme } from '../db/campaigns';
import { listDossiersWithContent } from '../db/dossiers';
import { getCampaign } from './campaigns';
import type { ServiceContext } from './context';

/** The official ranking of a campaign's dossiers of one group, scored here by the shared library. */
export function rankCampaign(context: ServiceContext, campaignYear: number, group: NomineeGroup): Ranking {
  const campaign = getCampaign(context, campaignYear);
  const dossiers = listDossiersWithContent(context.db, campaignYear).filter((dossier) => nomineeGroupOf(dossier.nomineeKind) === group);
  const schemes = new Map<string, Scheme | null>();
  const schemeOf = (id: string, version: number): Scheme | null => {
    const key = `${id}@${version}`;
    if (!schemes.has(key)) schemes.set(key, findScheme(context.db, id, version));
    return schemes.get(key) ?? null;
  };
  const results = new Map<string, ScoreResult>();
  const entries: RankEntry[] = [];
  for (const dossier of dossiers) {
    const scheme = schemeOf(dossier.schemeId, dossier.schemeVersion);
    if (!scheme) continue;
    const input = toScoreInput(dossier.content);
    const result = scoreDossier(scheme, input);
    results.set(dossier.id, result);
    entries.push({ id: dossier.id, result, womenPriority: input.womenPriority });
  }
  const chainScheme = campaign.schemes.find((scheme) => scheme.kinds.some((kind) => nomineeGroupOf(kind) === group));
  const byId = new Map(dossiers.map((dossier) => [dossier.id, dossier]));
  const rows: RankingRow[] = rankDossiers(entries, chainScheme?.tieBreaks ?? []).map((row) => {
    const dossier = byId.get(row.id);
    const result = results.get(row.id) as ScoreResult;
    return {
      position: row.position,
      tiedWith: row.tiedWith,
      dossierId: row.id,
      unitName: dossier?.unitName ?? '',
      nomineeKind: dossier?.nomineeKind ?? 'communePeoplesCommittee',
      total: row.total,
      eligible: row.eligible,
      gateFailures: result.gateFailures,
      result,
    };
  });
  return { campaignYear, group, rows };
}
