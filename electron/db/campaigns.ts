import type { Campaign, CampaignStatus } from '../../shared/domain/campaign';
import type { Scheme } from '../../shared/scoring/types';
import type { Connection } from './connection';
import { statement } from './statements';

interface CampaignRow {
  year: number;
  status: CampaignStatus;
  deadline: string;
  quota_collectives: number;
  quota_individuals: number;
}

export function insertCampaign(db: Connection, campaign: Omit<Campaign, 'schemes'>, now: string): void {
  statement(db, 'INSERT INTO campaigns (year, status, deadline, quota_collectives, quota_individuals, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    campaign.year,
    campaign.status,
    campaign.deadline,
    campaign.quotaCollectives,
    campaign.quotaIndividuals,
    now,
  );
}

export function insertScheme(db: Connection, campaignYear: number, scheme: Scheme, now: string): void {
  statement(db, 'INSERT INTO schemes (id, version, campaign_year, definition, created_at) VALUES (?, ?, ?, ?, ?)').run(
    scheme.id,
    scheme.version,
    campaignYear,
    JSON.stringify(scheme),
    now,
  );
}

/** The latest version of every scheme of a campaign. */
export function latestSchemes(db: Connection, campaignYear: number): Scheme[] {
  const rows = statement(
    db,
    `SELECT definition FROM schemes s
     WHERE campaign_year = ? AND version = (SELECT max(version) FROM schemes WHERE id = s.id)
     ORDER BY id`,
  ).all(campaignYear) as { definition: string }[];
  return rows.map((row) => JSON.parse(row.definition) as Scheme);
}

export function findScheme(db: Connection, id: string, version: number): Scheme | null {
  const row = statement(db, 'SELECT definition FROM schemes WHERE id = ? AND version = ?').get(id, version) as { definition: string } | undefined;
  return row ? (JSON.parse(row.definition) as Scheme) : null;
}

export function findCampaign(db: Connection, year: number): Campaign | null {
  const row = statement(db, 'SELECT * FROM campaigns WHERE year = ?').get(year) as CampaignRow | undefined;
  if (!row) return null;
  return {
    year: row.year,
    status: row.status,
    deadline: row.deadline,
    quotaCollectives: row.quota_collectives,
    quotaIndividuals: row.quota_individuals,
    schemes: latestSchemes(db, year),
  };
}

export function campaignYears(db: Connection): number[] {
  return (statement(db, 'SELECT year FROM campaigns ORDER BY year').all() as { year: number }[]).map((row) => row.year);
}
