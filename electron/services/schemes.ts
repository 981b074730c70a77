import type { SchemeSaveResult, SchemeSummary } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import { toScoreInput } from '../../shared/domain/dossier';
import { scorePoints } from '../../shared/scoring/points';
import type { Scheme } from '../../shared/scoring/types';
import {
  dossierCountsByScheme,
  findScheme,
  insertScheme,
  latestScheme,
  recordSchemeChange,
  replaceScheme,
  schemeChanges,
} from '../db/campaigns';
import { dossiersOfScheme, updateDossierScore } from '../db/dossiers';
import { audit } from './audit';
import { discardBackup, keepBackupsByRule, recordBackup, writeBackup } from './backup';
import { getCampaign } from './campaigns';
import { inTransaction, type ServiceContext } from './context';
import { nomineeGroupOf } from '../../shared/domain/kinds';
import { requireGroupOpen } from './council';
import { requireBranch } from './mode';

/** The latest version of each scheme of a campaign, with how many dossiers each version scores. */
export function listSchemes(context: ServiceContext, campaignYear: number): SchemeSummary[] {
  const campaign = getCampaign(context, campaignYear);
  const counts = dossierCountsByScheme(context.db, campaignYear);
  const changes = schemeChanges(context.db, campaignYear);
  return campaign.schemes.map((scheme) => ({
    scheme,
    versions: counts.filter((count) => count.schemeId === scheme.id).map((count) => ({ version: count.version, dossiers: count.dossiers })),
    changes: changes.filter((change) => change.schemeId === scheme.id).map((change) => ({ action: change.action, fromVersion: change.fromVersion, toVersion: change.toVersion, dossiers: change.dossiers, at: change.at })),
  }));
}

export function getScheme(context: ServiceContext, id: string, version?: number): Scheme {
  const scheme = version === undefined ? latestScheme(context.db, id) : findScheme(context.db, id, version);
  if (!scheme) throw new AppError('scheme.notFound', { scheme: version === undefined ? id : `${id}@${version}` });
  return scheme;
}

/** Re-scores the dossiers on `from` versions of a scheme with `to`, returning how many moved. */
function rescore(context: ServiceContext, campaignYear: number, to: Scheme, fromVersions: (version: number) => boolean): number {
  let moved = 0;
  const now = context.now();
  for (const dossier of dossiersOfScheme(context.db, campaignYear, to.id)) {
    if (!fromVersions(dossier.schemeVersion)) continue;
    const result = scorePoints(to, toScoreInput(dossier.content));
    updateDossierScore(context.db, dossier.id, to.version, { selfTotal: result.total, eligible: result.eligible, complete: result.complete }, now);
    moved += 1;
  }
  return moved;
}

/** Runs a change in one transaction with the record of the backup made for it; a refused change takes its backup back. */
function afterBackup<T>(context: ServiceContext, backup: Awaited<ReturnType<typeof writeBackup>>, change: () => T): T {
  let result: T;
  try {
    result = inTransaction(context, () => {
      recordBackup(context, backup, 'scheme');
      return change();
    });
  } catch (error) {
    discardBackup(backup);
    throw error;
  }
  keepBackupsByRule(context);
  return result;
}

/** The refusals a save would meet, checked before the backup is made (a refused edit makes none). */
function checkSchemeEdit(context: ServiceContext, campaignYear: number, edited: Scheme): void {
  const campaign = getCampaign(context, campaignYear);
  if (campaign.status === 'closed') throw new AppError('campaign.locked', { year: campaignYear });
  if (!campaign.schemes.some((scheme) => scheme.id === edited.id)) throw new AppError('scheme.notFound', { scheme: edited.id });
}

/**
 * Saves the council's edit of a scheme. In preparation the current version is rewritten and its dossiers
 * re-scored; once the campaign is open the edit becomes a new version and dossiers keep theirs until re-scored.
 */
export async function saveScheme(context: ServiceContext, campaignYear: number, edited: Scheme): Promise<SchemeSaveResult> {
  requireBranch(context);
  checkSchemeEdit(context, campaignYear, edited);
  // A scheme change re-scores dossiers: the database as it was is kept first.
  const backup = await writeBackup(context, 'scheme');
  return afterBackup(context, backup, () => {
    const campaign = getCampaign(context, campaignYear);
    if (campaign.status === 'closed') throw new AppError('campaign.locked', { year: campaignYear });
    const current = campaign.schemes.find((scheme) => scheme.id === edited.id);
    if (!current) throw new AppError('scheme.notFound', { scheme: edited.id });
    const taken = edited.kinds.find((kind) => campaign.schemes.some((other) => other.id !== edited.id && (other.kinds as string[]).includes(kind)));
    if (taken) throw new AppError('scheme.kindTaken', { kind: taken });
    // The seam has checked the scheme itself; the version is the service's to decide.
    const version = campaign.status === 'preparation' ? current.version : current.version + 1;
    const scheme: Scheme = { ...edited, version };
    const base = { campaignYear, schemeId: scheme.id, fromVersion: current.version, toVersion: version, userId: context.actor.id, at: context.now() };
    const record = { type: 'scheme', id: `${scheme.id}@${version}`, label: scheme.label.vi };
    if (campaign.status === 'preparation') {
      requireSchemeRoundsOpen(context, campaignYear, scheme);
      replaceScheme(context.db, scheme);
      const dossiers = rescore(context, campaignYear, scheme, (from) => from === version);
      recordSchemeChange(context.db, { ...base, action: 'edited', dossiers });
      audit(context, 'scheme.saved', record, { before: { version: current.version, criteria: current.criteria.length }, after: { version, criteria: scheme.criteria.length, rescored: dossiers } });
      return { scheme, newVersion: false, rescored: dossiers };
    }
    insertScheme(context.db, campaignYear, scheme, context.now());
    recordSchemeChange(context.db, { ...base, action: 'versioned', dossiers: 0 });
    audit(context, 'scheme.saved', record, { before: { version: current.version }, after: { version, newVersion: true } });
    return { scheme, newVersion: true, rescored: 0 };
  });
}

/** The dossiers a scheme scores belong to rounds: none of them may be locked when their scores move. */
function requireSchemeRoundsOpen(context: ServiceContext, campaignYear: number, scheme: Scheme): void {
  for (const group of new Set(scheme.kinds.map(nomineeGroupOf))) requireGroupOpen(context, campaignYear, group);
}

/** Deliberately moves every dossier on an older version of a scheme to its latest version, recorded. */
export async function rescoreDossiers(context: ServiceContext, campaignYear: number, schemeId: string): Promise<{ rescored: number; version: number }> {
  requireBranch(context);
  getCampaign(context, campaignYear);
  const backup = await writeBackup(context, 'scheme');
  return afterBackup(context, backup, () => {
    const campaign = getCampaign(context, campaignYear);
    if (campaign.status === 'closed') throw new AppError('campaign.locked', { year: campaignYear });
    const latest = campaign.schemes.find((scheme) => scheme.id === schemeId);
    if (!latest) throw new AppError('scheme.notFound', { scheme: schemeId });
    requireSchemeRoundsOpen(context, campaignYear, latest);
    const rescored = rescore(context, campaignYear, latest, (from) => from < latest.version);
    recordSchemeChange(context.db, { campaignYear, schemeId, fromVersion: null, toVersion: latest.version, action: 'rescored', dossiers: rescored, userId: context.actor.id, at: context.now() });
    audit(context, 'scheme.rescored', { type: 'scheme', id: `${schemeId}@${latest.version}`, label: latest.label.vi }, { after: { version: latest.version, rescored } });
    return { rescored, version: latest.version };
  });
}
