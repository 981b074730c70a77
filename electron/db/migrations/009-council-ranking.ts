import type { Migration } from './index';

/**
 * What the council's ranking reads of a stored score (decision 010): the dossier's status (drafts and returned
 * dossiers never enter it), the nominee's person, the sheets counted beside the sheets given, a total that awaits the
 * council's sheets, and the accepted ballot (its vote share is a tie-break key). The scores are derived data: the
 * table is made again and every dossier queued; triggers now also queue a dossier whose status or ballot changes.
 */
export const migration009: Migration = {
  version: 9,
  name: 'council-ranking',
  sql: `
    DROP TABLE dossier_scores;
    CREATE TABLE dossier_scores (
      dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
      campaign_year INTEGER NOT NULL,
      nominee_group TEXT NOT NULL CHECK (nominee_group IN ('collective', 'individual')),
      status TEXT NOT NULL,
      nominee_kind TEXT NOT NULL,
      unit_id TEXT NOT NULL,
      person_id TEXT,
      scheme_id TEXT NOT NULL,
      scheme_version INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      total INTEGER NOT NULL,
      self_total INTEGER NOT NULL,
      eligible INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('self', 'council', 'awaiting')),
      reviewers INTEGER NOT NULL,
      counted INTEGER NOT NULL,
      adjustments INTEGER NOT NULL,
      women_priority INTEGER NOT NULL,
      votes_for INTEGER,
      voters INTEGER,
      tie_keys TEXT NOT NULL,
      points TEXT NOT NULL
    ) STRICT;
    -- Covers the ranking's read: one range per status of one index, no lookup of the table's rows.
    CREATE INDEX dossier_scores_ranking ON dossier_scores (campaign_year, nominee_group, status, dossier_id, unit_id, person_id, nominee_kind, total,
      self_total, eligible, source, reviewers, counted, adjustments, votes_for, voters, tie_keys);

    CREATE TRIGGER stale_on_dossier_status AFTER UPDATE OF status ON dossiers WHEN OLD.status IS NOT NEW.status
      BEGIN INSERT INTO stale_scores SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.id); END;
    CREATE TRIGGER stale_on_ballot_insert AFTER INSERT ON ballots
      BEGIN INSERT INTO stale_scores SELECT NEW.dossier_id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.dossier_id); END;
    CREATE TRIGGER stale_on_ballot_update AFTER UPDATE ON ballots
      BEGIN INSERT INTO stale_scores SELECT NEW.dossier_id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.dossier_id); END;
    CREATE TRIGGER stale_on_ballot_delete AFTER DELETE ON ballots
      BEGIN INSERT INTO stale_scores SELECT OLD.dossier_id WHERE EXISTS (SELECT 1 FROM dossiers WHERE id = OLD.dossier_id)
        AND NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = OLD.dossier_id); END;

    INSERT INTO stale_scores SELECT id FROM dossiers WHERE id NOT IN (SELECT dossier_id FROM stale_scores);
  `,
};
