import type { Migration } from './index';

/**
 * Five roles and account states (a reset password, lockouts that survive a restart), the hash-chained audit log,
 * and the council's adjustments of received dossiers. The users table is rebuilt (its role CHECK changes), so this
 * migration runs with foreign keys off and checks them before it commits.
 */
export const migration005: Migration = {
  version: 5,
  name: 'trust',
  rebuildsTables: true,
  sql: `
    CREATE TABLE users_new (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      full_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'secretary', 'councilMember', 'clerk', 'viewer')),
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0,
      must_change_password INTEGER NOT NULL DEFAULT 0,
      failed_sign_ins INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      last_sign_in_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO users_new (id, username, full_name, role, password_hash, disabled, created_at, updated_at)
      SELECT id, username, full_name, role, password_hash, disabled, created_at, created_at FROM users;
    DROP TABLE users;
    ALTER TABLE users_new RENAME TO users;

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      record_type TEXT,
      record_id TEXT,
      record_label TEXT,
      change TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_by_actor ON audit_log (actor_id, seq);
    CREATE INDEX audit_by_record ON audit_log (record_type, record_id, seq);
    CREATE INDEX audit_by_time ON audit_log (at);

    CREATE TABLE adjustments (
      id TEXT PRIMARY KEY,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
      revision INTEGER NOT NULL,
      target_type TEXT NOT NULL CHECK (target_type IN ('indicator', 'criterion')),
      target TEXT NOT NULL,
      office_value TEXT NOT NULL,
      value TEXT NOT NULL,
      reason TEXT NOT NULL,
      user_id TEXT REFERENCES users(id),
      by_name TEXT NOT NULL,
      at TEXT NOT NULL,
      withdrawn_at TEXT,
      withdrawn_by TEXT,
      withdrawn_reason TEXT
    ) STRICT;
    CREATE UNIQUE INDEX adjustments_one_active ON adjustments (dossier_id, revision, target_type, target) WHERE withdrawn_at IS NULL;
  `,
};
