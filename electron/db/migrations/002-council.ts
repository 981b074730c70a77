import type { Migration } from './index';

/** The council's settings per campaign, reviewers' scores, and the record of scheme changes. */
export const migration002: Migration = {
  version: 2,
  name: 'council',
  sql: `
    ALTER TABLE campaigns ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';

    CREATE TABLE reviews (
      id TEXT PRIMARY KEY,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
      reviewer TEXT NOT NULL,
      scores TEXT NOT NULL,
      conflict INTEGER NOT NULL DEFAULT 0,
      note TEXT NOT NULL DEFAULT '',
      created_by TEXT REFERENCES users(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (dossier_id, reviewer)
    ) STRICT;

    CREATE TABLE scheme_changes (
      id INTEGER PRIMARY KEY,
      campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
      scheme_id TEXT NOT NULL,
      from_version INTEGER,
      to_version INTEGER NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('edited', 'versioned', 'rescored')),
      dossiers INTEGER NOT NULL DEFAULT 0,
      user_id TEXT REFERENCES users(id),
      at TEXT NOT NULL
    ) STRICT;
  `,
};
