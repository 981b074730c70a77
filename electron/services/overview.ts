import { compareNames } from '../../shared/domain/collation';
import { checklistComplete, dossierChecklist } from '../../shared/domain/checklist';
import { schemeFor } from '../../shared/domain/campaign';
import { localIsoDate } from '../../shared/domain/deadline';
import { DOSSIER_STATUSES, toScoreInput, type DossierStatus, type DossierSummary } from '../../shared/domain/dossier';
import type { BranchOverview, DossierNeeds, OfficeOverview, OfficeProgress } from '../../shared/domain/overview';
import type { Unit } from '../../shared/domain/unit';
import { scoreDossier } from '../../shared/scoring/score';
import { countAttachments } from '../db/attachments';
import { listDossiers, listDossiersWithContent } from '../db/dossiers';
import { listUnits } from '../db/units';
import { getCampaign } from './campaigns';
import type { ServiceContext } from './context';
import { requireBranch } from './mode';

/** The office a dossier's unit belongs to: the office itself, the office it is filed under, or none (province level). */
function officeOf(unit: Unit | undefined): string | null {
  if (!unit) return null;
  return unit.kind === 'transactionOffice' ? unit.id : unit.parentOfficeId;
}

function progressOf(officeUnitId: string | null, name: string, dossiers: DossierSummary[]): OfficeProgress {
  const received = dossiers.filter((dossier) => dossier.status === 'received');
  const arrivals = dossiers.map((dossier) => dossier.receivedAt).filter((at): at is string => at !== null);
  return {
    officeUnitId,
    name,
    expected: dossiers.length,
    received: received.length,
    returned: dossiers.filter((dossier) => dossier.status === 'returned').length,
    late: dossiers.filter((dossier) => dossier.late && dossier.receivedAt !== null).length,
    missing: dossiers
      .filter((dossier) => dossier.status !== 'received')
      .map((dossier) => ({ dossierId: dossier.id, name: dossier.personName ?? dossier.unitName, nomineeKind: dossier.nomineeKind, status: dossier.status })),
    lastArrival: arrivals.length > 0 ? arrivals.reduce((latest, at) => (at > latest ? at : latest)) : null,
  };
}

/**
 * The branch's home page: for every transaction office (and the province's own units), how many dossiers it has
 * sent, how many came back, which arrived late and which are not here yet; and the arrivals day by day.
 */
export function branchOverview(context: ServiceContext, campaignYear: number): BranchOverview {
  requireBranch(context);
  const campaign = getCampaign(context, campaignYear);
  const units = new Map(listUnits(context.db, true).map((unit) => [unit.id, unit]));
  const dossiers = listDossiers(context.db, campaignYear);
  const byOffice = new Map<string | null, DossierSummary[]>();
  for (const dossier of dossiers) {
    const office = officeOf(units.get(dossier.unitId));
    byOffice.set(office, [...(byOffice.get(office) ?? []), dossier]);
  }
  const offices = [...units.values()]
    .filter((unit) => unit.kind === 'transactionOffice' && (!unit.retired || byOffice.has(unit.id)))
    .map((office) => progressOf(office.id, office.name, byOffice.get(office.id) ?? []))
    .sort((a, b) => compareNames(a.name, b.name));
  const province = byOffice.get(null);
  const perDay = new Map<string, number>();
  for (const dossier of dossiers) {
    if (dossier.receivedAt === null) continue;
    const day = localIsoDate(new Date(dossier.receivedAt));
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return {
    campaignYear,
    deadline: campaign.deadline,
    // The province's own units come last, as one line: they belong to no office.
    offices: province ? [...offices, progressOf(null, '', province)] : offices,
    arrivals: [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]) => ({ day, count })),
  };
}

/** An office's home page: its dossiers by status, and what each one still needs before it can be sent. */
export function officeOverview(context: ServiceContext, campaignYear: number): OfficeOverview {
  const campaign = getCampaign(context, campaignYear);
  const statuses = Object.fromEntries(DOSSIER_STATUSES.map((status) => [status, 0])) as Record<DossierStatus, number>;
  const dossiers: DossierNeeds[] = [];
  for (const dossier of listDossiersWithContent(context.db, campaignYear)) {
    statuses[dossier.status] += 1;
    const scheme = schemeFor(campaign, dossier.nomineeKind);
    const open = dossier.status === 'draft' || dossier.status === 'returned';
    const checklist = scheme && open ? dossierChecklist(scheme, dossier.nomineeKind, dossier.content, scoreDossier(scheme, toScoreInput(dossier.content)), countAttachments(context.db, dossier.id)) : [];
    dossiers.push({
      dossierId: dossier.id,
      name: dossier.personName ?? dossier.unitName,
      nomineeKind: dossier.nomineeKind,
      status: dossier.status,
      returnReason: dossier.returnReason,
      needs: checklistComplete(checklist) ? [] : checklist.filter((item) => !item.ok),
    });
  }
  // What needs work first (returned, then drafts with the most missing), then the rest; names in Vietnamese order.
  const weight = (entry: DossierNeeds) => (entry.status === 'returned' ? 0 : entry.status === 'draft' ? 1 : 2);
  dossiers.sort((a, b) => weight(a) - weight(b) || b.needs.length - a.needs.length || compareNames(a.name, b.name));
  return { campaignYear, deadline: campaign.deadline, statuses, dossiers };
}
