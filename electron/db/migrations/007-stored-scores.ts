import type { Migration } from './index';

/**
 * Each dossier's ranking score, stored (decision 007): the total the ranking uses (the council's aggregate where
 * members scored it, else the self-assessment of the content as the council's adjustments correct it), its
 * eligibility, every criterion's points and the tie-break keys of the campaign's chain. Triggers queue a dossier in
 * `stale_scores` whenever anything its score is computed from changes (its content, revision, scheme version, the
 * scheme's definition, the campaign's rules, reviews, adjustments, the nominee's gender); the service that wraps every
 * write recomputes the queue before the transaction commits. Every existing dossier starts queued.
 */
export const migration007: Migration = {
  version: 7,
  name: 'stored-scores',
  sql: `
    CREATE TABLE dossier_scores (
      dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
      campaign_year INTEGER NOT NULL,
      nominee_group TEXT NOT NULL CHECK (nominee_group IN ('collective', 'individual')),
      nominee_kind TEXT NOT NULL,
      unit_id TEXT NOT NULL,
      scheme_id TEXT NOT NULL,
      scheme_version INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      total INTEGER NOT NULL,
      self_total INTEGER NOT NULL,
      eligible INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('self', 'council')),
      reviewers INTEGER NOT NULL,
      adjustments INTEGER NOT NULL,
      women_priority INTEGER NOT NULL,
      tie_keys TEXT NOT NULL,
      points TEXT NOT NULL
    ) STRICT;
    -- Covers the ranking's read: one range of one index, no lookup of the table's rows (which carry the points too).
    CREATE INDEX dossier_scores_ranking ON dossier_scores (campaign_year, nominee_group, dossier_id, unit_id, nominee_kind, total, self_total, eligible, source,
      reviewers, adjustments, tie_keys);

    CREATE TABLE stale_scores (
      dossier_id TEXT PRIMARY KEY
    ) STRICT;

    -- Each trigger queues without a conflict of its own: an outer statement's ON CONFLICT (an upsert) would override
    -- an OR IGNORE written here.
    CREATE TRIGGER stale_on_dossier_insert AFTER INSERT ON dossiers
      BEGIN INSERT INTO stale_scores SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.id); END;
    CREATE TRIGGER stale_on_dossier_update AFTER UPDATE OF content, revision, scheme_id, scheme_version, nominee_kind, unit_id, person_id, campaign_year ON dossiers
      BEGIN INSERT INTO stale_scores SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.id); END;
    CREATE TRIGGER stale_on_dossier_delete AFTER DELETE ON dossiers
      BEGIN DELETE FROM stale_scores WHERE dossier_id = OLD.id; END;
    CREATE TRIGGER stale_on_review_insert AFTER INSERT ON reviews
      BEGIN INSERT INTO stale_scores SELECT NEW.dossier_id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.dossier_id); END;
    CREATE TRIGGER stale_on_review_update AFTER UPDATE ON reviews
      BEGIN INSERT INTO stale_scores SELECT NEW.dossier_id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.dossier_id); END;
    CREATE TRIGGER stale_on_review_delete AFTER DELETE ON reviews
      BEGIN INSERT INTO stale_scores SELECT OLD.dossier_id WHERE EXISTS (SELECT 1 FROM dossiers WHERE id = OLD.dossier_id)
        AND NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = OLD.dossier_id); END;
    CREATE TRIGGER stale_on_adjustment_insert AFTER INSERT ON adjustments
      BEGIN INSERT INTO stale_scores SELECT NEW.dossier_id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.dossier_id); END;
    CREATE TRIGGER stale_on_adjustment_update AFTER UPDATE ON adjustments
      BEGIN INSERT INTO stale_scores SELECT NEW.dossier_id WHERE NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = NEW.dossier_id); END;
    CREATE TRIGGER stale_on_adjustment_delete AFTER DELETE ON adjustments
      BEGIN INSERT INTO stale_scores SELECT OLD.dossier_id WHERE EXISTS (SELECT 1 FROM dossiers WHERE id = OLD.dossier_id)
        AND NOT EXISTS (SELECT 1 FROM stale_scores WHERE dossier_id = OLD.dossier_id); END;
    CREATE TRIGGER stale_on_scheme_update AFTER UPDATE OF definition ON schemes
      BEGIN INSERT INTO stale_scores SELECT id FROM dossiers WHERE scheme_id = NEW.id AND scheme_version = NEW.version
        AND id NOT IN (SELECT dossier_id FROM stale_scores); END;
    CREATE TRIGGER stale_on_campaign_rules AFTER UPDATE OF settings ON campaigns WHEN OLD.settings IS NOT NEW.settings
      BEGIN INSERT INTO stale_scores SELECT id FROM dossiers WHERE campaign_year = NEW.year AND id NOT IN (SELECT dossier_id FROM stale_scores); END;
    CREATE TRIGGER stale_on_gender AFTER UPDATE OF gender ON people WHEN OLD.gender IS NOT NEW.gender
      BEGIN INSERT INTO stale_scores SELECT id FROM dossiers WHERE person_id = NEW.id AND id NOT IN (SELECT dossier_id FROM stale_scores); END;

    -- What the triggers look dossiers up by, so that a change of gender or of a scheme never scans every dossier.
    CREATE INDEX dossiers_by_person ON dossiers (person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX dossiers_by_scheme ON dossiers (scheme_id, scheme_version);

    INSERT INTO stale_scores SELECT id FROM dossiers;
  `,
};
