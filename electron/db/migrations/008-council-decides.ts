import type { Migration } from './index';

/**
 * The council's own records: its members per campaign, the meeting of each round with who was there, the ballots
 * (each entered twice, by two different accounts, and accepted when both agree), the decisions it takes on ties,
 * the rounds it locks, and the awards given (the history of a unit or a person across years).
 */
export const migration008: Migration = {
  version: 8,
  name: 'council-decides',
  sql: `
    CREATE TABLE council_members (
      id TEXT PRIMARY KEY,
      campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
      full_name TEXT NOT NULL,
      position TEXT NOT NULL CHECK (position IN ('chair', 'viceChair', 'secretary', 'member')),
      title TEXT NOT NULL DEFAULT '',
      user_id TEXT REFERENCES users(id),
      sort INTEGER NOT NULL DEFAULT 0,
      removed INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX council_members_by_campaign ON council_members (campaign_year, sort);

    ALTER TABLE reviews ADD COLUMN member_id TEXT REFERENCES council_members(id);

    CREATE TABLE meetings (
      id TEXT PRIMARY KEY,
      campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
      round INTEGER NOT NULL CHECK (round IN (1, 2)),
      held_on TEXT NOT NULL,
      starts_at TEXT NOT NULL DEFAULT '',
      ends_at TEXT NOT NULL DEFAULT '',
      place TEXT NOT NULL DEFAULT '',
      chair_member_id TEXT REFERENCES council_members(id),
      secretary_member_id TEXT REFERENCES council_members(id),
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (campaign_year, round)
    ) STRICT;

    CREATE TABLE meeting_attendance (
      meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      member_id TEXT NOT NULL REFERENCES council_members(id),
      presence TEXT NOT NULL CHECK (presence IN ('present', 'absent', 'writtenVote')),
      PRIMARY KEY (meeting_id, member_id)
    ) STRICT;

    CREATE TABLE ballot_entries (
      meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      entry INTEGER NOT NULL CHECK (entry IN (1, 2)),
      user_id TEXT,
      entered_by TEXT NOT NULL,
      votes_for INTEGER NOT NULL CHECK (votes_for >= 0),
      votes_against INTEGER NOT NULL CHECK (votes_against >= 0),
      abstentions INTEGER NOT NULL CHECK (abstentions >= 0),
      at TEXT NOT NULL,
      PRIMARY KEY (meeting_id, dossier_id, entry)
    ) STRICT;

    CREATE TABLE ballots (
      meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      votes_for INTEGER NOT NULL,
      votes_against INTEGER NOT NULL,
      abstentions INTEGER NOT NULL,
      voters INTEGER NOT NULL,
      accepted_at TEXT NOT NULL,
      PRIMARY KEY (meeting_id, dossier_id)
    ) STRICT;

    CREATE TABLE council_decisions (
      id TEXT PRIMARY KEY,
      campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
      round INTEGER NOT NULL CHECK (round IN (1, 2)),
      kind TEXT NOT NULL CHECK (kind IN ('cutoffTie', 'allocationTie')),
      subject TEXT NOT NULL,
      chosen TEXT NOT NULL,
      reason TEXT NOT NULL,
      decided_by TEXT NOT NULL,
      user_id TEXT,
      at TEXT NOT NULL,
      withdrawn_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX council_decisions_one_in_force ON council_decisions (campaign_year, round, kind, subject) WHERE withdrawn_at IS NULL;

    CREATE TABLE campaign_rounds (
      campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
      round INTEGER NOT NULL CHECK (round IN (1, 2)),
      status TEXT NOT NULL CHECK (status IN ('open', 'locked')),
      locked_at TEXT,
      locked_by TEXT,
      result TEXT,
      PRIMARY KEY (campaign_year, round)
    ) STRICT;

    CREATE TABLE awards (
      id TEXT PRIMARY KEY,
      campaign_year INTEGER NOT NULL,
      dossier_id TEXT REFERENCES dossiers(id),
      unit_id TEXT NOT NULL REFERENCES units(id),
      person_id TEXT REFERENCES people(id),
      nominee_name TEXT NOT NULL,
      title TEXT NOT NULL,
      stage TEXT NOT NULL CHECK (stage IN ('proposed', 'awarded')),
      decision_number TEXT NOT NULL DEFAULT '',
      decision_date TEXT NOT NULL DEFAULT '',
      issuer TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX awards_by_unit ON awards (unit_id, campaign_year);
    CREATE INDEX awards_by_person ON awards (person_id, campaign_year);
  `,
};
