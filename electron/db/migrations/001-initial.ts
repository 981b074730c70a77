import type { Migration } from './index';

/** Installation settings, accounts, campaigns with their schemes, the unit registry and dossiers. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      full_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'secretary', 'clerk')),
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE campaigns (
      year INTEGER PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('preparation', 'open', 'closed')),
      deadline TEXT NOT NULL,
      quota_collectives INTEGER NOT NULL,
      quota_individuals INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE schemes (
      id TEXT NOT NULL,
      version INTEGER NOT NULL,
      campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
      definition TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (id, version)
    ) STRICT;

    CREATE TABLE units (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('province', 'commune')),
      commune TEXT NOT NULL,
      parent_office_id TEXT REFERENCES units(id),
      retired INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE dossiers (
      id TEXT PRIMARY KEY,
      campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
      nominee_kind TEXT NOT NULL,
      unit_id TEXT NOT NULL REFERENCES units(id),
      scheme_id TEXT NOT NULL,
      scheme_version INTEGER NOT NULL,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      status TEXT NOT NULL,
      content TEXT NOT NULL,
      self_total INTEGER NOT NULL,
      eligible INTEGER NOT NULL,
      complete INTEGER NOT NULL,
      created_by TEXT REFERENCES users(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      FOREIGN KEY (scheme_id, scheme_version) REFERENCES schemes(id, version)
    ) STRICT;

    CREATE UNIQUE INDEX dossiers_one_per_nominee ON dossiers (campaign_year, unit_id, nominee_kind);
    CREATE INDEX dossiers_by_campaign ON dossiers (campaign_year, status);
  `,
};
