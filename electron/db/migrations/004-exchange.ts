import type { Migration } from './index';

/** Trusted installations and their keys, the log of files sent and received, and where dossiers came from. */
export const migration004: Migration = {
  version: 4,
  name: 'exchange',
  sql: `
    CREATE TABLE peers (
      installation_id TEXT PRIMARY KEY,
      organisation TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('branch', 'office')),
      office_unit_id TEXT,
      signing_key TEXT NOT NULL,
      agreement_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('trusted', 'revoked')),
      last_sequence INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE exchanges (
      id TEXT PRIMARY KEY,
      package_id TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      kind TEXT NOT NULL,
      peer TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      file_name TEXT NOT NULL,
      summary TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE issued_setups (
      package_id TEXT PRIMARY KEY,
      office_unit_id TEXT NOT NULL REFERENCES units(id),
      at TEXT NOT NULL
    ) STRICT;

    ALTER TABLE dossiers ADD COLUMN origin_installation TEXT;
    ALTER TABLE dossiers ADD COLUMN received_at TEXT;
    ALTER TABLE dossiers ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
  `,
};
