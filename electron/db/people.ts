import type { Person } from '../../shared/domain/person';
import type { Connection } from './connection';
import { statement } from './statements';

interface PersonRow {
  id: string;
  full_name: string;
  birth_year: number | null;
  gender: Person['gender'];
  position: string;
  unit_id: string;
  unit_name?: string;
  retired: number;
}

function fromRow(row: PersonRow): Person {
  return {
    id: row.id,
    fullName: row.full_name,
    birthYear: row.birth_year,
    gender: row.gender,
    position: row.position,
    unitId: row.unit_id,
    unitName: row.unit_name ?? '',
    retired: row.retired === 1,
  };
}

export function insertPerson(db: Connection, person: Person, now: string): void {
  statement(db, 'INSERT INTO people (id, full_name, birth_year, gender, position, unit_id, retired, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    person.id,
    person.fullName,
    person.birthYear,
    person.gender,
    person.position,
    person.unitId,
    person.retired ? 1 : 0,
    now,
    now,
  );
}

export function updatePerson(db: Connection, person: Person, now: string): void {
  statement(db, 'UPDATE people SET full_name = ?, birth_year = ?, gender = ?, position = ?, unit_id = ?, retired = ?, updated_at = ? WHERE id = ?').run(
    person.fullName,
    person.birthYear,
    person.gender,
    person.position,
    person.unitId,
    person.retired ? 1 : 0,
    now,
    person.id,
  );
}

export function findPerson(db: Connection, id: string): Person | null {
  const row = statement(db, 'SELECT p.*, u.name AS unit_name FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = ?').get(id) as PersonRow | undefined;
  return row ? fromRow(row) : null;
}

export function listPeople(db: Connection, includeRetired: boolean): Person[] {
  const rows = statement(db, 'SELECT p.*, u.name AS unit_name FROM people p JOIN units u ON u.id = p.unit_id WHERE p.retired = 0 OR ? ORDER BY p.full_name').all(includeRetired ? 1 : 0) as PersonRow[];
  return rows.map(fromRow);
}

/** The people nominated in a campaign, by id: what a ranking of individuals names and the lists print. */
export function nomineesOfCampaign(db: Connection, campaignYear: number): Map<string, Person> {
  const rows = statement(
    db,
    'SELECT p.*, u.name AS unit_name FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id IN (SELECT person_id FROM dossiers WHERE campaign_year = ? AND person_id IS NOT NULL)',
  ).all(campaignYear) as PersonRow[];
  return new Map(rows.map((row) => [row.id, fromRow(row)]));
}
