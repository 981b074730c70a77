import { manualCriteria } from '../scoring/leaves';
import type { Scheme, ScoreResult } from '../scoring/types';
import type { DossierContent } from './dossier';
import { nomineeGroupOf, type NomineeKind } from './kinds';
import { missingHeadings, REPORT_MIN_WORDS } from './report-template';
import { countWords } from './text';

/** One line of the completeness checklist: a translation key, its parameters, and whether it is met. */
export interface ChecklistItem {
  key: string;
  ok: boolean;
  params: Record<string, string | number>;
}

const MIN_JUSTIFICATION_CHARS = 10;

/**
 * What must be true before a dossier can be marked ready: every indicator filled, every self-score justified,
 * a report with the template's headings and enough words, and at least one piece of evidence.
 */
export function dossierChecklist(scheme: Scheme, kind: NomineeKind, content: DossierContent, result: ScoreResult, attachments: number): ChecklistItem[] {
  const manual = manualCriteria(scheme);
  const unjustified = manual.filter((criterion) => (content.selfScores[criterion.id]?.justification.trim().length ?? 0) < MIN_JUSTIFICATION_CHARS).length;
  const missing = missingHeadings(nomineeGroupOf(kind), content.report);
  const words = countWords(content.report);
  return [
    { key: 'checklist.indicators', ok: result.complete, params: { missing: result.missing.length } },
    { key: 'checklist.justifications', ok: unjustified === 0, params: { missing: unjustified, minimum: MIN_JUSTIFICATION_CHARS } },
    { key: 'checklist.headings', ok: missing.length === 0, params: { missing: missing.length > 0 ? `: ${missing.join('; ')}` : '' } },
    { key: 'checklist.words', ok: words >= REPORT_MIN_WORDS, params: { words, minimum: REPORT_MIN_WORDS } },
    { key: 'checklist.evidence', ok: attachments > 0, params: { count: attachments } },
  ];
}

export function checklistComplete(items: ChecklistItem[]): boolean {
  return items.every((item) => item.ok);
}
