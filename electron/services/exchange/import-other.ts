import { AppError } from '../../../shared/contract/errors';
import type { ImportDecision, ImportItem, ImportPlan } from '../../../shared/domain/exchange';
import { findCampaign, findScheme, insertCampaign, insertScheme, replaceScheme, updateCampaignRow } from '../../db/campaigns';
import { findDossier } from '../../db/dossiers';
import { markOutcome } from '../../db/exchange';
import { readSetting, writeSetting } from '../../db/settings';
import { findUnit, insertUnit, updateUnit } from '../../db/units';
import { allocationPayload, receiptPayload, resultsPayload, setupPayload } from '../../exchange/payloads';
import type { ServiceContext } from '../context';
import { note } from './common';
import type { Received } from './received';

/** Names compared as people read them: accents composed, spaces tidied. */
function sameName(a: string, b: string): boolean {
  const tidy = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return tidy(a) === tidy(b);
}

/** A setup file at an office: what it brings, the office's name beside the branch's, and how to apply it after the person's choice. */
export function analyseSetup(context: ServiceContext, received: Received, items: ImportItem[]): { officeName: ImportPlan['officeName']; apply: (decision: ImportDecision) => void } {
  const parsed = setupPayload.safeParse(received.payload);
  if (!parsed.success) throw new AppError('exchange.badRecords');
  const setup = parsed.data;
  const now = context.now();
  const typed = readSetting(context.db, 'organisationName') ?? '';
  const officeName = sameName(typed, setup.office.name) ? null : { typed, branch: setup.office.name };
  for (const unit of setup.units) {
    const existing = findUnit(context.db, unit.id);
    items.push({ ref: unit.id, label: unit.name, revision: null, category: !existing ? 'new' : JSON.stringify(existing) === JSON.stringify(unit) ? 'unchanged' : 'updated', reason: null });
  }
  for (const scheme of setup.schemes) {
    const existing = findScheme(context.db, scheme.id, scheme.version);
    items.push({ ref: `${scheme.id}@${scheme.version}`, label: scheme.label, revision: scheme.version, category: !existing ? 'new' : JSON.stringify(existing) === JSON.stringify(scheme) ? 'unchanged' : 'updated', reason: null });
  }
  const apply = (decision: ImportDecision) => {
    // The branch's name for the office is the one its files and lists use, unless the person keeps their own.
    if (officeName && !decision.keepOwnName) writeSetting(context.db, 'organisationName', setup.office.name);
    // Units come sorted by name, so an association ("Hội …") can precede its office ("Phòng giao dịch …"): check references at commit.
    context.db.pragma('defer_foreign_keys = ON');
    writeSetting(context.db, 'officeUnitId', setup.office.unitId);
    writeSetting(context.db, 'branchInstallationId', received.verified.manifest.sender.installationId);
    // The enrolment names the setup file it answers: the branch lets each setup file enrol one installation only.
    writeSetting(context.db, 'setupPackageId', received.verified.manifest.packageId);
    for (const unit of setup.units) {
      const existing = findUnit(context.db, unit.id);
      // An unchanged unit is left alone (the dry run calls it unchanged): importing the same file twice changes nothing.
      if (existing) {
        if (JSON.stringify(existing) !== JSON.stringify(unit)) updateUnit(context.db, unit, now);
      } else insertUnit(context.db, unit, now);
    }
    const campaign = { year: setup.campaign.year, status: setup.campaign.status, deadline: setup.campaign.deadline, quotaCollectives: setup.campaign.quotaCollectives, quotaIndividuals: setup.campaign.quotaIndividuals, settings: setup.campaign.settings };
    if (findCampaign(context.db, campaign.year)) updateCampaignRow(context.db, campaign);
    else insertCampaign(context.db, campaign, now);
    writeSetting(context.db, 'currentCampaignYear', String(campaign.year));
    for (const scheme of setup.schemes) {
      if (findScheme(context.db, scheme.id, scheme.version)) replaceScheme(context.db, scheme);
      else insertScheme(context.db, campaign.year, scheme, now);
    }
  };
  return { officeName, apply };
}

export function analyseReceipt(context: ServiceContext, received: Received, items: ImportItem[]): () => void {
  const parsed = receiptPayload.safeParse(received.payload);
  if (!parsed.success) throw new AppError('exchange.badRecords');
  const known = parsed.data.items.filter((item) => {
    const dossier = findDossier(context.db, item.dossierId);
    const label = dossier ? (dossier.personName ?? dossier.unitName) : item.dossierId;
    if (!dossier) items.push({ ref: item.dossierId, label, revision: item.revision, category: 'rejected', reason: note('exchangeItem.unknownDossier') });
    else if (dossier.revision !== item.revision) items.push({ ref: item.dossierId, label, revision: item.revision, category: 'stale', reason: note('exchangeItem.stale', { have: dossier.revision }) });
    else if (dossier.status === item.outcome && (dossier.returnReason ?? null) === item.reason) items.push({ ref: item.dossierId, label, revision: item.revision, category: 'unchanged', reason: null });
    else {
      items.push({ ref: item.dossierId, label, revision: item.revision, category: 'updated', reason: item.outcome === 'returned' ? note('exchangeItem.returned', { reason: item.reason ?? '' }) : note('exchangeItem.received') });
      return true;
    }
    return false;
  });
  return () => {
    for (const item of known) markOutcome(context.db, item.dossierId, item.revision, item.outcome, item.outcome === 'returned' ? item.reason : null);
  };
}

export function analyseInformational(context: ServiceContext, received: Received, items: ImportItem[]): () => void {
  const payload = received.payload;
  if (received.verified.manifest.kind === 'allocation') {
    const parsed = allocationPayload.safeParse(payload);
    if (!parsed.success) throw new AppError('exchange.badRecords');
    for (const line of parsed.data.lines) items.push({ ref: line.unitId, label: line.name, revision: null, category: 'new', reason: note('exchangeItem.seats', { seats: line.seats }) });
  } else {
    const parsed = resultsPayload.safeParse(payload);
    if (!parsed.success) throw new AppError('exchange.badRecords');
    for (const row of [...parsed.data.collectives, ...parsed.data.individuals].filter((entry) => entry.selected)) {
      items.push({ ref: row.name, label: row.name, revision: null, category: 'new', reason: note('exchangeItem.selected', { position: row.position }) });
    }
  }
  // Informational packages are kept in the exchange log (their payload lives in the file); nothing else changes.
  return () => undefined;
}
