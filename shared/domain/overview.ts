import type { ChecklistItem } from './checklist';
import type { DossierStatus } from './dossier';
import type { NomineeKind } from './kinds';

/** A dossier the branch has not received in its current revision: returned for correction, or entered here and not yet sent. */
export interface MissingDossier {
  dossierId: string;
  name: string;
  nomineeKind: NomineeKind;
  status: DossierStatus;
}

/** What one transaction office has sent for a campaign, as the branch sees it (the province's own units as one line). */
export interface OfficeProgress {
  /** The office's unit; null for the province-level units, which belong to no office. */
  officeUnitId: string | null;
  name: string;
  /** Every dossier the branch holds for the office: received, returned, or entered here and not yet received. */
  expected: number;
  received: number;
  returned: number;
  /** Arrived after the deadline and accepted by the council. */
  late: number;
  /** Expected but not received in its current revision. */
  missing: MissingDossier[];
  /** When the office's last dossier arrived (ISO), or null when nothing has. */
  lastArrival: string | null;
}

/** The branch's home page: the countdown, every office's progress, and arrivals day by day. */
export interface BranchOverview {
  campaignYear: number;
  deadline: string;
  offices: OfficeProgress[];
  /** How many dossiers (current revisions) arrived on each day (ISO date, local), in date order. */
  arrivals: { day: string; count: number }[];
}

/** One of an office's dossiers and what it still needs before it can be sent (its checklist's open items). */
export interface DossierNeeds {
  dossierId: string;
  name: string;
  nomineeKind: NomineeKind;
  status: DossierStatus;
  returnReason: string | null;
  needs: ChecklistItem[];
}

/** An office's home page: the countdown, its dossiers by status, and what each one still needs. */
export interface OfficeOverview {
  campaignYear: number;
  deadline: string;
  statuses: Record<DossierStatus, number>;
  dossiers: DossierNeeds[];
}

/** Received dossiers counted up to each day: the arrivals chart's line. */
export function cumulativeArrivals(arrivals: { day: string; count: number }[]): { day: string; count: number; total: number }[] {
  let total = 0;
  return arrivals.map((arrival) => {
    total += arrival.count;
    return { ...arrival, total };
  });
}
