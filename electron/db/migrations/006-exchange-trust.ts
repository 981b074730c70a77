import type { Migration } from './index';

/**
 * Setup files are used once: which installation enrolled with each, and those voided when an office's key is revoked.
 * Received files name their sender's installation, so that an earlier file that never arrived is told from a replay.
 * Existing rows are filled from what the database already knows: a setup of an office that enrolled counts as used,
 * and one written before that office's key was revoked as voided.
 */
export const migration006: Migration = {
  version: 6,
  name: 'exchange-trust',
  sql: `
    ALTER TABLE issued_setups ADD COLUMN used_by TEXT;
    ALTER TABLE issued_setups ADD COLUMN used_at TEXT;
    ALTER TABLE issued_setups ADD COLUMN voided_at TEXT;
    UPDATE issued_setups
      SET used_by = (SELECT p.installation_id FROM peers p WHERE p.office_unit_id = issued_setups.office_unit_id ORDER BY p.created_at LIMIT 1), used_at = at
      WHERE EXISTS (SELECT 1 FROM peers p WHERE p.office_unit_id = issued_setups.office_unit_id);
    UPDATE issued_setups
      SET voided_at = (SELECT max(p.updated_at) FROM peers p WHERE p.office_unit_id = issued_setups.office_unit_id AND p.status = 'revoked')
      WHERE at <= (SELECT max(p.updated_at) FROM peers p WHERE p.office_unit_id = issued_setups.office_unit_id AND p.status = 'revoked');

    ALTER TABLE exchanges ADD COLUMN sender_installation TEXT;
    UPDATE exchanges SET sender_installation = (SELECT p.installation_id FROM peers p WHERE p.organisation = exchanges.peer ORDER BY p.created_at LIMIT 1)
      WHERE direction = 'in';
    CREATE INDEX exchanges_by_sender ON exchanges (sender_installation, sequence) WHERE sender_installation IS NOT NULL;
  `,
};
