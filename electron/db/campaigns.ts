import { readSettings, type Campaign, type CampaignStatus } from '../../shared/domain/campaign';
import type { Scheme } from '../../shared/scoring/types';
import type { Connection } from './connection';
import { statement } from './statements';

interface CampaignRow {
  year: number;
  status: CampaignStatus;
  deadline: string;
  quota_collectives: number;
  quota_individuals: number;
  settings: string;
}

export function insertCampaign(db: Connection, campaign: Omit<Campaign, 'schemes'>, now: string): void {
  statement(db, 'INSERT INTO campaigns (year, status, deadline, quota_collectives, quota_individuals, settings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    campaign.year,
    campaign.status,
    campaign.deadline,
    campaign.quotaCollectives,
    campaign.quotaIndividuals,
    JSON.stringify(campaign.settings),
    now,
  );
}

export function updateCampaignRow(db: Connection, campaign: Omit<Campaign, 'schemes'>): void {
  statement(db, 'UPDATE campaigns SET status = ?, deadline = ?, quota_collectives = ?, quota_individuals = ?, settings = ? WHERE year = ?').run(
    campaign.status,
    campaign.deadline,
    campaign.quotaCollectives,
    campaign.quotaIndividuals,
    JSON.stringify(campaign.settings),
    campaign.year,
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

/** Rewrites a version in place (allowed only while its campaign is in preparation). */
export function replaceScheme(db: Connection, scheme: Scheme): void {
  statement(db, 'UPDATE schemes SET definition = ? WHERE id = ? AND version = ?').run(JSON.stringify(scheme), scheme.id, scheme.version);
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

export function latestScheme(db: Connection, id: string): Scheme | null {
  const row = statement(db, 'SELECT definition FROM schemes WHERE id = ? ORDER BY version DESC LIMIT 1').get(id) as { definition: string } | undefined;
  return row ? (JSON.parse(row.definition) as Scheme) : null;
}

export function schemeCampaign(db: Connection, id: string): number | null {
  const row = statement(db, 'SELECT campaign_year FROM schemes WHERE id = ? LIMIT 1').get(id) as { campaign_year: number } | undefined;
  return row?.campaign_year ?? null;
}

/** How many dossiers each version of each scheme of a campaign scores. */
export function dossierCountsByScheme(db: Connection, campaignYear: number): { schemeId: string; version: number; dossiers: number }[] {
  return (
    statement(
      db,
      `SELECT s.id AS scheme_id, s.version, count(d.id) AS dossiers FROM schemes s
       LEFT JOIN dossiers d ON d.scheme_id = s.id AND d.scheme_version = s.version
       WHERE s.campaign_year = ? GROUP BY s.id, s.version ORDER BY s.id, s.version`,
    ).all(campaignYear) as { scheme_id: string; version: number; dossiers: number }[]
  ).map((row) => ({ schemeId: row.scheme_id, version: row.version, dossiers: row.dossiers }));
}

export interface SchemeChange {
  campaignYear: number;
  schemeId: string;
  fromVersion: number | null;
  toVersion: number;
  action: 'edited' | 'versioned' | 'rescored';
  dossiers: number;
  userId: string | null;
  at: string;
}

export function recordSchemeChange(db: Connection, change: SchemeChange): void {
  statement(db, 'INSERT INTO scheme_changes (campaign_year, scheme_id, from_version, to_version, action, dossiers, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    change.campaignYear,
    change.schemeId,
    change.fromVersion,
    change.toVersion,
    change.action,
    change.dossiers,
    change.userId,
    change.at,
  );
}

export function schemeChanges(db: Connection, campaignYear: number): SchemeChange[] {
  const rows = statement(
    db,
    `SELECT c.*, u.full_name FROM scheme_changes c LEFT JOIN users u ON u.id = c.user_id WHERE c.campaign_year = ? ORDER BY c.id DESC`,
  ).all(campaignYear) as { campaign_year: number; scheme_id: string; from_version: number | null; to_version: number; action: SchemeChange['action']; dossiers: number; user_id: string | null; at: string }[];
  return rows.map((row) => ({
    campaignYear: row.campaign_year,
    schemeId: row.scheme_id,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    action: row.action,
    dossiers: row.dossiers,
    userId: row.user_id,
    at: row.at,
  }));
}

/** A campaign's status, deadline, quotas and rules, without its schemes. */
export function findCampaignRules(db: Connection, year: number): Omit<Campaign, 'schemes'> | null {
  const row = statement(db, 'SELECT * FROM campaigns WHERE year = ?').get(year) as CampaignRow | undefined;
  if (!row) return null;
  let stored: unknown = {};
  try {
    stored = JSON.parse(row.settings);
  } catch {
    stored = {};
  }
  return {
    year: row.year,
    status: row.status,
    deadline: row.deadline,
    quotaCollectives: row.quota_collectives,
    quotaIndividuals: row.quota_individuals,
    settings: readSettings(stored),
  };
}

export function findCampaign(db: Connection, year: number): Campaign | null {
  const rules = findCampaignRules(db, year);
  return rules ? { ...rules, schemes: latestSchemes(db, year) } : null;
}

export function campaignYears(db: Connection): number[] {
  return (statement(db, 'SELECT year FROM campaigns ORDER BY year').all() as { year: number }[]).map((row) => row.year);
}

/** How many dossiers each campaign holds. */
export function dossierCountsByCampaign(db: Connection): Map<number, number> {
  const rows = statement(db, 'SELECT campaign_year, count(*) AS n FROM dossiers GROUP BY campaign_year').all() as { campaign_year: number; n: number }[];
  return new Map(rows.map((row) => [row.campaign_year, row.n]));
}
