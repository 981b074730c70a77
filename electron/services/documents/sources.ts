import type { RoundResult } from '../../../shared/contract/calls';
import { AppError } from '../../../shared/contract/errors';
import { buildDocument } from '../../../shared/documents/build';
import { nomineeName, schemeKey, type DocumentSource } from '../../../shared/documents/common';
import { DOCUMENT_KINDS, FORMATS_OF, PER_SUBJECT, type DocumentKind, type DocumentModel } from '../../../shared/documents/model';
import type { DocumentNeed, DocumentOverview, DocumentStatus } from '../../../shared/documents/outputs';
import type { RoundNumber } from '../../../shared/domain/council';
import type { Scheme } from '../../../shared/scoring/types';
import { awardHistory } from '../awards';
import type { ServiceContext } from '../context';
import { getDossier } from '../dossiers';
import { requireBranch } from '../mode';
import { roundResult, roundView } from '../rounds';
import { getScheme } from '../schemes';
import { documentSettings } from './settings';
import { wordingOf } from './templates';

export interface DocumentRequest {
  campaignYear: number;
  round: RoundNumber;
  kind: DocumentKind;
  /** A nominee (dossier id) or an office for the documents made per subject; "all" for every one; absent otherwise. */
  subject?: string | null | undefined;
}

const otherRound = (round: RoundNumber): RoundNumber => (round === 1 ? 2 : 1);

/** What a round still needs before its documents are final: nothing once locked. */
function roundNeeds(context: ServiceContext, campaignYear: number, round: RoundNumber): DocumentNeed[] {
  const view = roundView(context, campaignYear, round);
  if (view.status === 'locked') return [];
  return [{ round, blocker: { key: 'roundOpen' } }, ...view.blockers.map((blocker) => ({ round, blocker }))];
}

/** The nominees a report can be made for (the proposed ones first), and the offices a notice goes to. */
function subjectsOf(kind: DocumentKind, result: RoundResult): DocumentStatus['subjects'] {
  const selected = new Set(result.selection.selected);
  if (PER_SUBJECT[kind] === 'nominee') {
    const rows = [...result.rows].sort((a, b) => Number(selected.has(b.dossierId)) - Number(selected.has(a.dossierId)) || a.position - b.position);
    return rows.map((row) => ({ id: row.dossierId, name: row.personName ? `${row.personName} (${row.unitName})` : row.unitName, proposed: selected.has(row.dossierId) }));
  }
  if (PER_SUBJECT[kind] === 'office') {
    const offices = new Map<string, { id: string; name: string; proposed: boolean }>();
    for (const row of result.rows) {
      const office = offices.get(row.officeId) ?? { id: row.officeId, name: row.officeName, proposed: false };
      office.proposed ||= selected.has(row.dossierId);
      offices.set(row.officeId, office);
    }
    return [...offices.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }
  return null;
}

function statusOf(kind: DocumentKind, result: RoundResult, needs: DocumentNeed[], otherNeeds: DocumentNeed[]): DocumentStatus {
  const round = result.round;
  const blocked: DocumentNeed[] = [];
  if (kind === 'minutes' && !result.meeting) blocked.push({ round, blocker: { key: 'noMeeting' } });
  if ((kind === 'scores' || kind === 'report' || kind === 'notice') && result.rows.length === 0) blocked.push({ round, blocker: { key: 'noRows' } });
  const all = kind === 'submission' ? [...needs, ...otherNeeds].sort((a, b) => a.round - b.round) : needs;
  const state = blocked.length > 0 ? 'blocked' : all.length > 0 ? 'draft' : 'final';
  return { kind, formats: FORMATS_OF[kind], state, needs: blocked.length > 0 ? blocked : all, subjects: subjectsOf(kind, result) };
}

/** Each document of a round: whether it is final, a draft and what it awaits, or not possible yet. */
export function documentOverview(context: ServiceContext, campaignYear: number, round: RoundNumber): DocumentOverview {
  requireBranch(context);
  const result = roundResult(context, campaignYear, round);
  const needs = roundNeeds(context, campaignYear, round);
  const otherNeeds = roundNeeds(context, campaignYear, otherRound(round));
  const rounds = ([1, 2] as const).map((number) => {
    const view = roundView(context, campaignYear, number);
    return { round: number, status: view.status, lockedAt: view.lockedAt };
  });
  return { campaignYear, round, rounds, documents: DOCUMENT_KINDS.map((kind) => statusOf(kind, result, needs, otherNeeds)) };
}

/** Why a document is a draft, as it prints at its top (documents are Vietnamese records). */
function draftText(needs: DocumentNeed[]): string | null {
  const open = [...new Set(needs.filter((need) => need.blocker.key === 'roundOpen').map((need) => need.round))];
  if (open.length === 0) return null;
  return `${open.map((round) => `vòng ${round}`).join(' và ')} chưa khóa, kết quả có thể còn thay đổi`.replace(/^v/, 'V');
}

function schemesOf(context: ServiceContext, results: RoundResult[]): Map<string, Scheme> {
  const schemes = new Map<string, Scheme>();
  for (const result of results) {
    for (const row of result.rows) {
      const key = schemeKey(row.schemeId, row.schemeVersion);
      if (!schemes.has(key)) schemes.set(key, getScheme(context, row.schemeId, row.schemeVersion));
    }
  }
  return schemes;
}

/** Which subjects a request covers: one, every one ("all": the proposed nominees, or every office), or none. */
function subjectsFor(request: DocumentRequest, result: RoundResult): (string | undefined)[] {
  const per = PER_SUBJECT[request.kind];
  if (!per) return [undefined];
  const subjects = subjectsOf(request.kind, result) ?? [];
  if (request.subject === 'all' || !request.subject) {
    const chosen = per === 'nominee' ? subjects.filter((subject) => subject.proposed) : subjects;
    if (chosen.length === 0) throw new AppError('documents.nothingToMake', { round: request.round });
    return chosen.map((subject) => subject.id);
  }
  if (!subjects.some((subject) => subject.id === request.subject)) throw new AppError('documents.unknownSubject', { round: request.round });
  return [request.subject];
}

/** The documents a request makes, from what was recorded: one, or one per nominee or office. */
export function documentModels(context: ServiceContext, request: DocumentRequest): DocumentModel[] {
  requireBranch(context);
  const result = roundResult(context, request.campaignYear, request.round);
  const other = request.kind === 'submission' ? roundResult(context, request.campaignYear, otherRound(request.round)) : null;
  const status = statusOf(request.kind, result, roundNeeds(context, request.campaignYear, request.round), other ? roundNeeds(context, request.campaignYear, other.round) : []);
  if (status.state === 'blocked') {
    const first = status.needs[0];
    throw new AppError('documents.notReady', { round: request.round, need: first ? first.blocker.key : '' });
  }
  const schemes = schemesOf(context, other ? [result, other] : [result]);
  const base: Omit<DocumentSource, 'nominee' | 'officeId'> = {
    kind: request.kind,
    result,
    other,
    settings: documentSettings(context, request.campaignYear).settings,
    wording: wordingOf(context, request.kind).wording,
    schemes,
    draft: draftText(status.needs),
  };
  return subjectsFor(request, result).map((subject) => {
    if (PER_SUBJECT[request.kind] === 'nominee' && subject) {
      const dossier = getDossier(context, subject).dossier;
      const awards = awardHistory(context, dossier.personId ? { personId: dossier.personId } : { unitId: dossier.unitId }).filter((award) => award.campaignYear < request.campaignYear);
      return buildDocument({ ...base, nominee: { dossier, awards } });
    }
    return buildDocument({ ...base, officeId: subject });
  });
}

/** A short name for a subject, for file names and messages. */
export function subjectName(result: RoundResult, id: string): string {
  const row = result.rows.find((candidate) => candidate.dossierId === id);
  return row ? nomineeName(row) : (result.rows.find((candidate) => candidate.officeId === id)?.officeName ?? id);
}
