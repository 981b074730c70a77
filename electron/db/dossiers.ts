import type { Dossier, DossierContent, DossierStatus, DossierSummary } from '../../shared/domain/dossier';
import type { NomineeKind } from '../../shared/domain/kinds';
import type { Gender } from '../../shared/domain/person';
import type { Connection } from './connection';
import { statement } from './statements';

interface DossierRow {
  id: string;
  campaign_year: number;
  nominee_kind: NomineeKind;
  unit_id: string;
  unit_name: string;
  office_name: string | null;
  received_at: string | null;
  late: number;
  person_id: string | null;
  person_name: string | null;
  exported_revision: number | null;
  return_reason: string | null;
  scheme_id: string;
  scheme_version: number;
  revision: number;
  status: DossierStatus;
  content?: string;
  person_gender?: Gender | null;
  self_total: number;
  eligible: number;
  complete: number;
  created_at: string;
  updated_at: string;
}

export interface DossierRecord {
  id: string;
  campaignYear: number;
  nomineeKind: NomineeKind;
  unitId: string;
  personId: string | null;
  schemeId: string;
  schemeVersion: number;
  revision: number;
  status: DossierStatus;
  content: DossierContent;
  selfTotal: number;
  eligible: boolean;
  complete: boolean;
  createdBy: string | null;
}

function summaryFromRow(row: DossierRow): DossierSummary {
  return {
    id: row.id,
    campaignYear: row.campaign_year,
    nomineeKind: row.nominee_kind,
    unitId: row.unit_id,
    unitName: row.unit_name,
    officeName: row.office_name,
    personId: row.person_id,
    personName: row.person_name,
    status: row.status,
    revision: row.revision,
    exportedRevision: row.exported_revision,
    returnReason: row.return_reason,
    schemeId: row.scheme_id,
    schemeVersion: row.scheme_version,
    selfTotal: row.self_total,
    eligible: row.eligible === 1,
    complete: row.complete === 1,
    receivedAt: row.received_at,
    late: row.late === 1,
    updatedAt: row.updated_at,
  };
}

const SUMMARY_COLUMNS = `d.id, d.campaign_year, d.nominee_kind, d.unit_id, u.name AS unit_name, o.name AS office_name, d.person_id, p.full_name AS person_name,
  d.scheme_id, d.scheme_version, d.revision, d.status, d.exported_revision, d.return_reason, d.self_total, d.eligible, d.complete,
  d.received_at, d.late, d.created_at, d.updated_at`;

/** Dossiers with their unit (and the office it is filed under) and, for individuals, their person. */
const FROM_DOSSIERS = 'FROM dossiers d JOIN units u ON u.id = d.unit_id LEFT JOIN units o ON o.id = u.parent_office_id LEFT JOIN people p ON p.id = d.person_id';

/** A whole dossier: its content, and the person's gender that the priority for women reads. */
const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, d.content, p.gender AS person_gender`;

function dossierFromRow(row: DossierRow): Dossier {
  return { ...summaryFromRow(row), content: JSON.parse(row.content ?? '{}') as DossierContent, personGender: row.person_gender ?? null, createdAt: row.created_at };
}

export function insertDossier(db: Connection, record: DossierRecord, now: string): void {
  statement(
    db,
    `INSERT INTO dossiers (id, campaign_year, nominee_kind, unit_id, person_id, scheme_id, scheme_version, revision, status, content,
       self_total, eligible, complete, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id,
    record.campaignYear,
    record.nomineeKind,
    record.unitId,
    record.personId,
    record.schemeId,
    record.schemeVersion,
    record.revision,
    record.status,
    JSON.stringify(record.content),
    record.selfTotal,
    record.eligible ? 1 : 0,
    record.complete ? 1 : 0,
    record.createdBy,
    now,
    now,
  );
}

export function updateDossier(db: Connection, record: DossierRecord, now: string): void {
  statement(
    db,
    `UPDATE dossiers SET nominee_kind = ?, unit_id = ?, person_id = ?, revision = ?, status = ?, content = ?, self_total = ?, eligible = ?,
       complete = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    record.nomineeKind,
    record.unitId,
    record.personId,
    record.revision,
    record.status,
    JSON.stringify(record.content),
    record.selfTotal,
    record.eligible ? 1 : 0,
    record.complete ? 1 : 0,
    now,
    record.id,
  );
}

export function findDossier(db: Connection, id: string): Dossier | null {
  const row = statement(db, `SELECT ${DETAIL_COLUMNS} ${FROM_DOSSIERS} WHERE d.id = ?`).get(id) as DossierRow | undefined;
  return row ? dossierFromRow(row) : null;
}

/** The dossier of a nominee in a campaign: a unit's collective dossier, or a person's individual one. */
export function findDossierForNominee(db: Connection, campaignYear: number, unitId: string, personId: string | null, nomineeKind: NomineeKind): string | null {
  const row = (
    personId === null
      ? statement(db, 'SELECT id FROM dossiers WHERE campaign_year = ? AND unit_id = ? AND nominee_kind = ? AND person_id IS NULL').get(campaignYear, unitId, nomineeKind)
      : statement(db, 'SELECT id FROM dossiers WHERE campaign_year = ? AND person_id = ? AND nominee_kind = ?').get(campaignYear, personId, nomineeKind)
  ) as { id: string } | undefined;
  return row?.id ?? null;
}

/** A sent dossier that changes becomes the draft of its next revision. */
export function startNextRevision(db: Connection, id: string, now: string): void {
  statement(db, "UPDATE dossiers SET revision = revision + 1, status = 'draft', updated_at = ? WHERE id = ?").run(now, id);
}

/** Changes a dossier's status (ready ↔ draft); revisions change only when content changes after sending. */
export function updateDossierStatus(db: Connection, id: string, status: DossierStatus, now: string): void {
  statement(db, 'UPDATE dossiers SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
}

export function listDossiers(db: Connection, campaignYear: number): DossierSummary[] {
  const rows = statement(db, `SELECT ${SUMMARY_COLUMNS} ${FROM_DOSSIERS} WHERE d.campaign_year = ? ORDER BY u.name`).all(
    campaignYear,
  ) as DossierRow[];
  return rows.map(summaryFromRow);
}

/** Every dossier of a campaign with its content, for ranking. */
export function listDossiersWithContent(db: Connection, campaignYear: number): Dossier[] {
  const rows = statement(db, `SELECT ${DETAIL_COLUMNS} ${FROM_DOSSIERS} WHERE d.campaign_year = ?`).all(
    campaignYear,
  ) as DossierRow[];
  return rows.map(dossierFromRow);
}

export function countDossiers(db: Connection): number {
  return (statement(db, 'SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
}

/** Moves a dossier to another version of its scheme with the score that version gives. */
export function updateDossierScore(db: Connection, id: string, schemeVersion: number, score: { selfTotal: number; eligible: boolean; complete: boolean }, now: string): void {
  statement(db, 'UPDATE dossiers SET scheme_version = ?, self_total = ?, eligible = ?, complete = ?, updated_at = ? WHERE id = ?').run(
    schemeVersion,
    score.selfTotal,
    score.eligible ? 1 : 0,
    score.complete ? 1 : 0,
    now,
    id,
  );
}

/** Dossiers of a campaign scored with a given scheme, any version. */
export function dossiersOfScheme(db: Connection, campaignYear: number, schemeId: string): { id: string; schemeVersion: number; content: DossierContent }[] {
  const rows = statement(db, 'SELECT id, scheme_version, content FROM dossiers WHERE campaign_year = ? AND scheme_id = ?').all(campaignYear, schemeId) as {
    id: string;
    scheme_version: number;
    content: string;
  }[];
  return rows.map((row) => ({ id: row.id, schemeVersion: row.scheme_version, content: JSON.parse(row.content) as DossierContent }));
}
