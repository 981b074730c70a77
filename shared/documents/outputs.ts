import type { AppErrorShape } from '../contract/errors';
import type { RoundBlocker } from '../contract/calls';
import type { RoundStatus } from '../domain/council';
import type { DocumentFormat, DocumentKind, TableBlock } from './model';
import type { DocumentSettings } from './settings';

/** What a document still needs before it is final: a round's own blocker, or that a round is not locked yet. */
export type DocumentNeed = { round: 1 | 2; blocker: RoundBlocker } | { round: 1 | 2; blocker: { key: 'roundOpen' } } | { round: 1 | 2; blocker: { key: 'noProposals' } } | { round: 1 | 2; blocker: { key: 'noRows' } };

/** A document of a round as the Documents page lists it. */
export interface DocumentStatus {
  kind: DocumentKind;
  formats: readonly DocumentFormat[];
  /** Final (its rounds locked), a draft (printed "DỰ THẢO" with what it awaits), or not possible yet. */
  state: 'final' | 'draft' | 'blocked';
  needs: DocumentNeed[];
  /** Made once per nominee or per office: who can be chosen. */
  subjects: { id: string; name: string; proposed: boolean }[] | null;
}

export interface DocumentOverview {
  campaignYear: number;
  round: 1 | 2;
  rounds: { round: 1 | 2; status: RoundStatus; lockedAt: string | null }[];
  documents: DocumentStatus[];
}

/** A document written: where (a path chosen on this computer) or its bytes (for a download). */
export interface DocumentFile {
  fileName: string;
  mimeType: string;
  bytes: number;
  path: string | null;
  /** Base64, when no path was given. */
  content: string | null;
}

/** A document made in the background: the screen shows its progress and may cancel it. */
export interface DocumentJob {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Files made so far, and in all (one for a document, one per nominee or office for "all"). */
  done: number;
  total: number;
  result: DocumentFile | null;
  error: AppErrorShape | null;
}

export interface DocumentSettingsView {
  campaignYear: number;
  settings: DocumentSettings;
  /** False while the campaign uses the settings of an earlier one (or the defaults): saving makes them its own. */
  own: boolean;
  /** A closed campaign's settings no longer change. */
  editable: boolean;
}

export interface TemplateInfo {
  kind: DocumentKind;
  name: string;
  custom: boolean;
  importedAt: string | null;
  importedBy: string | null;
  fileName: string | null;
}

/** The ranking or the allocation as one table, for its print view and its workbook. */
export interface PageTable {
  title: string;
  stem: string;
  organisation: string;
  table: TableBlock;
}
