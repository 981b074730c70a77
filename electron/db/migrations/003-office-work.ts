import type { Migration } from './index';

/** People, individual dossiers, evidence attachments (content-addressed), autosaved drafts, revisions. */
export const migration003: Migration = {
  version: 3,
  name: 'office-work',
  sql: `
    CREATE TABLE people (
      id TEXT PRIMARY KEY,
      full_name TEXT NOT NULL,
      birth_year INTEGER,
      gender TEXT NOT NULL CHECK (gender IN ('female', 'male')),
      position TEXT NOT NULL,
      unit_id TEXT NOT NULL REFERENCES units(id),
      retired INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    ALTER TABLE dossiers ADD COLUMN person_id TEXT REFERENCES people(id);
    ALTER TABLE dossiers ADD COLUMN exported_revision INTEGER;
    ALTER TABLE dossiers ADD COLUMN return_reason TEXT;
    DROP INDEX dossiers_one_per_nominee;
    CREATE UNIQUE INDEX dossiers_one_per_collective ON dossiers (campaign_year, unit_id, nominee_kind) WHERE person_id IS NULL;
    CREATE UNIQUE INDEX dossiers_one_per_person ON dossiers (campaign_year, person_id, nominee_kind) WHERE person_id IS NOT NULL;

    CREATE TABLE attachments (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      size INTEGER NOT NULL,
      mime_type TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE dossier_attachments (
      dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL REFERENCES attachments(sha256),
      file_name TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (dossier_id, sha256)
    ) STRICT;

    CREATE TABLE drafts (
      key TEXT PRIMARY KEY,
      campaign_year INTEGER NOT NULL,
      dossier_id TEXT REFERENCES dossiers(id) ON DELETE CASCADE,
      form TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
