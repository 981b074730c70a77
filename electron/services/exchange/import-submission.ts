import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { fieldIssues, keyedErrorMap } from '../../../shared/contract/validation';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES } from '../../../shared/domain/attachment';
import { checklistComplete, dossierChecklist } from '../../../shared/domain/checklist';
import { checkAgainstScheme, toScoreInput, type DossierContent } from '../../../shared/domain/dossier';
import type { ImportCategory, ImportItem, ImportProblem } from '../../../shared/domain/exchange';
import { roundOfGroup } from '../../../shared/domain/council';
import { isCollectiveKind, nomineeGroupOf } from '../../../shared/domain/kinds';
import { personInputSchema, type Person } from '../../../shared/domain/person';
import { unitInputSchema, type Unit } from '../../../shared/domain/unit';
import { leafCriteria } from '../../../shared/scoring/leaves';
import { scoreDossier } from '../../../shared/scoring/score';
import type { RuleNote, Scheme } from '../../../shared/scoring/types';
import { insertAttachmentBlob, linkAttachment } from '../../db/attachments';
import { findScheme, latestScheme } from '../../db/campaigns';
import { findRound } from '../../db/council';
import { findDossier, findDossierForNominee, insertDossier, updateDossier } from '../../db/dossiers';
import { markReceived, type PeerRow } from '../../db/exchange';
import { insertPerson, updatePerson } from '../../db/people';
import { findUnit, insertUnit } from '../../db/units';
import type { SubmissionPayload } from '../../exchange/payloads';
import { submissionPayload } from '../../exchange/payloads';
import { blobPath } from '../attachments';
import { getCampaign } from '../campaigns';
import type { ServiceContext } from '../context';
import { isLate, note } from './common';
import { storeReceivedBlob, type ReceivedFile } from './evidence';
import { OfficeHoldings } from './ownership';
import type { EvidenceFacts, Received } from './received';

type Incoming = SubmissionPayload['dossiers'][number];

/** Ids as the office's forms make them (UUIDs): letters, digits, dashes and underscores. */
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MEGABYTE = 1024 * 1024;

function contentHash(content: DossierContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The nominee a dossier is for: a collective's unit, or an individual's person, with the kind of award. */
function nomineeKey(dossier: Incoming): string {
  return dossier.person ? `person:${dossier.person.id}:${dossier.nomineeKind}` : `unit:${dossier.unit.id}:${dossier.nomineeKind}`;
}

/**
 * Dossiers the file holds in a way no import could apply whole: the same id twice, two dossiers for one nominee, one
 * person or one new unit described differently in two places. All of them are refused, since which copy is meant
 * cannot be known.
 */
function repeatedInFile(dossiers: Incoming[]): Map<number, RuleNote> {
  const refused = new Map<number, RuleNote>();
  const groups = (key: (dossier: Incoming) => string | null) => {
    const byKey = new Map<string, number[]>();
    dossiers.forEach((dossier, index) => {
      const value = key(dossier);
      if (value !== null) byKey.set(value, [...(byKey.get(value) ?? []), index]);
    });
    return [...byKey.values()].filter((indexes) => indexes.length > 1);
  };
  const refuse = (indexes: number[], reason: RuleNote) => indexes.forEach((index) => refused.has(index) || refused.set(index, reason));
  for (const indexes of groups((dossier) => dossier.id)) refuse(indexes, note('exchangeItem.twiceInFile'));
  const distinct = (indexes: number[], describe: (dossier: Incoming) => string) => new Set(indexes.map((index) => describe(dossiers[index] as Incoming))).size > 1;
  for (const indexes of groups(nomineeKey)) if (new Set(indexes.map((index) => dossiers[index]?.id)).size > 1) refuse(indexes, note('exchangeItem.nomineeTwiceInFile'));
  for (const indexes of groups((dossier) => dossier.person?.id ?? null)) {
    if (distinct(indexes, (dossier) => JSON.stringify([dossier.person, dossier.unit.id]))) refuse(indexes, note('exchangeItem.describedTwice', { name: dossiers[indexes[0] as number]?.person?.fullName ?? '' }));
  }
  for (const indexes of groups((dossier) => dossier.unit.id)) {
    if (distinct(indexes, (dossier) => JSON.stringify(dossier.unit))) refuse(indexes, note('exchangeItem.describedTwice', { name: dossiers[indexes[0] as number]?.unit.name ?? '' }));
  }
  return refused;
}

/** The sending office may touch this dossier, its unit and its person: the reason it may not, or null. */
function ownershipRefusal(holdings: OfficeHoldings, incoming: Incoming): RuleNote | null {
  const dossier = holdings.dossier(incoming.id);
  if (dossier === 'branch') return note('exchangeItem.branchDossier');
  if (dossier === 'otherOffice') return note('exchangeItem.otherOffice');
  const unit = holdings.unit(incoming.unit.id);
  if (unit.holder === 'other') return note('exchangeItem.otherOfficeUnit', { name: unit.known?.name ?? incoming.unit.name });
  // A unit new here is filed under the sending office: it may not claim to be another office's.
  const parent = incoming.unit.parentOfficeId;
  if (unit.holder === 'new' && parent !== null && parent !== holdings.officeUnitId && holdings.unit(parent).holder !== 'new') {
    return note('exchangeItem.otherOfficeUnit', { name: incoming.unit.name });
  }
  if (incoming.person) {
    const person = holdings.person(incoming.person.id);
    if (person.holder === 'other') return note('exchangeItem.otherOfficePerson', { name: person.known?.fullName ?? incoming.person.fullName });
  }
  return null;
}

const UNIT_FIELDS: Record<string, string> = { name: 'unitName', kind: 'unitKind', level: 'unitLevel', commune: 'commune', parentOfficeId: 'unitOffice' };
const PERSON_FIELDS: Record<string, string> = { fullName: 'fullName', birthYear: 'birthYear', gender: 'gender', position: 'position', unitId: 'unitId' };

/** A record checked by its form's own schema: the values as the form would save them, or the problems field by field. */
function checkedByForm<T>(schema: z.ZodType<T>, input: unknown, fields: Record<string, string>, problems: ImportProblem[]): T | null {
  const parsed = schema.safeParse(input, { error: keyedErrorMap });
  if (parsed.success) return parsed.data;
  for (const issue of fieldIssues(parsed.error)) problems.push({ field: fields[issue.path.split('.')[0] ?? ''] ?? null, note: { key: issue.key, params: issue.params } });
  return null;
}

/** Content problems named by the scheme's own labels: the indicator or the criterion the office filled in wrongly. */
function contentProblems(scheme: Scheme, content: DossierContent): ImportProblem[] {
  const indicators = new Map(scheme.indicators.map((indicator) => [indicator.key, indicator.label]));
  const criteria = new Map(leafCriteria(scheme).map((criterion) => [criterion.id, criterion.label]));
  return checkAgainstScheme(scheme, content).map((issue) => {
    const [group, id] = issue.path.split('.');
    const field = (group === 'indicators' ? indicators.get(id ?? '') : criteria.get(id ?? '')) ?? null;
    return { field, note: { key: issue.key, params: issue.params } };
  });
}

/** The evidence of one dossier against the office's rules for evidence: kinds of file, sizes, how many. */
function evidenceProblems(files: ReceivedFile[], facts: ReadonlyMap<string, EvidenceFacts>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const evidence = (key: string, params: Record<string, string | number>) => problems.push({ field: 'evidence', note: { key, params } });
  if (files.length > ATTACHMENT_LIMITS.files) evidence('errors.attachment.tooMany', { maximum: ATTACHMENT_LIMITS.files });
  let total = 0;
  for (const file of files) {
    const fact = facts.get(file.sha256);
    if (!fact) continue;
    total += fact.size;
    if (fact.size === 0) evidence('errors.attachment.empty', { name: file.fileName });
    else if (fact.size > ATTACHMENT_LIMITS.fileBytes) evidence('errors.attachment.tooLarge', { name: file.fileName, maximum: ATTACHMENT_LIMITS.fileBytes / MEGABYTE });
    if (!fact.type || !ATTACHMENT_TYPES[fact.type]) evidence('errors.attachment.type', { name: file.fileName });
  }
  if (total > ATTACHMENT_LIMITS.dossierBytes) evidence('errors.attachment.dossierFull', { maximum: ATTACHMENT_LIMITS.dossierBytes / MEGABYTE });
  return problems;
}

/**
 * Judges each dossier of an office's submission at the branch. In order: whether the file holds it only once; whether
 * the office owns it, its unit and its person (see {@link OfficeHoldings}); its revision against the one here; then
 * the office's own rules — ids, the form of a new unit and of the person, the content against the scheme, the
 * evidence, and the checklist a dossier must pass before it is sent; last, whether its nominee already has another
 * dossier here. Only what passes is applied, so the import meets no problem the dry run did not show.
 */
export function analyseSubmission(context: ServiceContext, received: Received, sender: PeerRow | null, items: ImportItem[], evidence: ReceivedFile[]): () => void {
  const { manifest } = received.verified;
  const parsed = submissionPayload.safeParse(received.payload);
  if (!parsed.success) throw new AppError('exchange.badRecords');
  const holdings = new OfficeHoldings(context, sender?.officeUnitId ?? null);
  const origin = manifest.sender.installationId;
  const now = context.now();
  const late = isLate(getCampaign(context, manifest.campaignYear).deadline, now);
  const actions: (() => void)[] = [];
  // Thousands of dossiers share a dozen schemes: each is read and parsed once.
  const schemes = new Map<string, Scheme | null>();
  const schemeOf = (id: string, version: number): Scheme | null => {
    const key = `${id}@${version}`;
    if (!schemes.has(key)) schemes.set(key, findScheme(context.db, id, version) ?? latestScheme(context.db, id));
    return schemes.get(key) ?? null;
  };
  const repeated = repeatedInFile(parsed.data.dossiers);
  const lockedRounds = new Set(([1, 2] as const).filter((round) => findRound(context.db, manifest.campaignYear, round).status === 'locked'));
  for (const [index, incoming] of parsed.data.dossiers.entries()) {
    const label = incoming.person?.fullName ?? incoming.unit.name;
    const push = (category: ImportCategory, reason: RuleNote | null, problems?: ImportProblem[]) =>
      items.push({ ref: incoming.id, label, revision: incoming.revision, category, reason, ...(problems ? { problems } : {}) });
    const twice = repeated.get(index);
    if (twice) {
      push('rejected', twice);
      continue;
    }
    const refusal = ownershipRefusal(holdings, incoming);
    if (refusal) {
      push('rejected', refusal);
      continue;
    }
    const existing = findDossier(context.db, incoming.id);
    if (existing && existing.revision > incoming.revision) {
      push('stale', note('exchangeItem.stale', { have: existing.revision }));
      continue;
    }
    if (existing && existing.revision === incoming.revision) {
      if (contentHash(existing.content) === contentHash(incoming.content)) push('unchanged', null);
      else push('conflicting', note('exchangeItem.conflict', { revision: incoming.revision }));
      continue;
    }
    // The council locked this group's round: its dossiers no longer change (the chair can reopen it).
    const round = roundOfGroup(nomineeGroupOf(incoming.nomineeKind));
    if (lockedRounds.has(round)) {
      push('rejected', note('exchangeItem.roundLocked', { round }));
      continue;
    }
    const scheme = schemeOf(incoming.schemeId, incoming.schemeVersion);
    if (!scheme || !(scheme.kinds as string[]).includes(incoming.nomineeKind)) {
      push('rejected', note('exchangeItem.noScheme', { scheme: `${incoming.schemeId}@${incoming.schemeVersion}` }));
      continue;
    }
    const unitHere = holdings.unit(incoming.unit.id).known;
    const personHere = incoming.person ? holdings.person(incoming.person.id).known : null;
    if (!existing && unitHere?.retired) {
      push('rejected', note('exchangeItem.retiredUnit', { name: unitHere.name }));
      continue;
    }
    if (!existing && personHere?.retired) {
      push('rejected', note('exchangeItem.retiredPerson', { name: personHere.fullName }));
      continue;
    }
    const problems: ImportProblem[] = [];
    for (const [field, id] of [['dossierId', incoming.id], ['unitId', incoming.unit.id], ['personId', incoming.person?.id ?? null]] as const) {
      if (id !== null && !RECORD_ID.test(id)) problems.push({ field, note: { key: 'validation.format', params: {} } });
    }
    const unitKind = unitHere?.kind ?? incoming.unit.kind;
    if (isCollectiveKind(incoming.nomineeKind) ? incoming.person !== null || unitKind !== incoming.nomineeKind : incoming.person === null) {
      problems.push({ field: null, note: note('exchangeItem.kindMismatch') });
    }
    const { id: _unitId, retired: _retired, ...unitForm } = incoming.unit;
    const newUnit = unitHere ? null : checkedByForm(unitInputSchema, { ...unitForm, parentOfficeId: holdings.officeUnitId }, UNIT_FIELDS, problems);
    const { id: _personId, ...personForm } = incoming.person ?? { id: '' };
    const person = incoming.person ? checkedByForm(personInputSchema, { ...personForm, unitId: incoming.unit.id }, PERSON_FIELDS, problems) : null;
    problems.push(...contentProblems(scheme, incoming.content));
    const files = [...new Map(incoming.attachments.map((file) => [file.sha256, file])).values()];
    problems.push(...evidenceProblems(files, received.evidence));
    if (problems.length > 0) {
      push('rejected', note('exchangeItem.breaksRules', { count: problems.length }), problems);
      continue;
    }
    const missingFile = files.find((file) => !received.evidence.has(file.sha256));
    if (missingFile) {
      push('rejected', note('exchangeItem.missingFile', { name: missingFile.fileName }));
      continue;
    }
    const result = scoreDossier(scheme, toScoreInput(incoming.content));
    const checklist = dossierChecklist(scheme, incoming.nomineeKind, incoming.content, result, files.length);
    if (!checklistComplete(checklist)) {
      push('rejected', note('exchangeItem.notReady'), checklist.filter((item) => !item.ok).map((item) => ({ field: null, note: { key: item.key, params: item.params } })));
      continue;
    }
    const sameNominee = findDossierForNominee(context.db, manifest.campaignYear, incoming.unit.id, incoming.person?.id ?? null, incoming.nomineeKind);
    if (sameNominee && sameNominee !== incoming.id) {
      push('conflicting', note('exchangeItem.sameNominee'));
      continue;
    }
    push(existing ? 'updated' : 'new', late ? note('exchangeItem.late') : null);
    evidence.push(...files);
    actions.push(() => {
      if (newUnit && !findUnit(context.db, incoming.unit.id)) insertUnit(context.db, { ...newUnit, id: incoming.unit.id, parentOfficeId: holdings.officeUnitId, retired: false } satisfies Unit, now);
      if (incoming.person && person) {
        const record: Person = { ...person, id: incoming.person.id, unitName: '', retired: personHere?.retired ?? false };
        if (!personHere) insertPerson(context.db, record, now);
        else if ((['fullName', 'birthYear', 'gender', 'position', 'unitId'] as const).some((field) => personHere[field] !== record[field])) updatePerson(context.db, record, now);
      }
      const dossier = {
        id: incoming.id,
        campaignYear: manifest.campaignYear,
        nomineeKind: incoming.nomineeKind,
        unitId: incoming.unit.id,
        personId: incoming.person?.id ?? null,
        schemeId: scheme.id,
        schemeVersion: scheme.version,
        revision: incoming.revision,
        status: 'received' as const,
        content: incoming.content,
        selfTotal: result.total,
        eligible: result.eligible,
        complete: result.complete,
        createdBy: null,
      };
      if (existing) updateDossier(context.db, dossier, now);
      else insertDossier(context.db, dossier, now);
      for (const file of files) {
        const facts = received.evidence.get(file.sha256);
        // Normally stored already, before the transaction (storeReceivedEvidence); stored here if not.
        const path = blobPath(context.dataDir, file.sha256);
        const size = existsSync(path) ? statSync(path).size : storeReceivedBlob(context, received.verified, file, facts);
        insertAttachmentBlob(context.db, file.sha256, size, facts?.type ?? file.mimeType, now);
        linkAttachment(context.db, incoming.id, file.sha256, file.fileName.slice(0, 200), now);
      }
      markReceived(context.db, incoming.id, origin, late, now);
    });
  }
  return () => actions.forEach((action) => action());
}
