import { z } from 'zod';
import { toHundredths } from '../scoring/decimal';
import { manualCriteria } from '../scoring/leaves';
import type { Scheme } from '../scoring/types';
import { checkAgainstScheme, DISCIPLINE_STATUSES, DOSSIER_LIMITS, type DossierContent } from './dossier';
import type { NomineeGroup } from './kinds';

/** What the dossier form holds: text exactly as typed, so nothing a person enters is reformatted under them. */
export interface DossierFormValues {
  unitId: string;
  indicators: Record<string, string>;
  selfScores: Record<string, { points: string; justification: string }>;
  report: string;
  discipline: (typeof DISCIPLINE_STATUSES)[number];
  womenShare: string;
}

/** Reads a number typed with a comma or a point for decimals and spaces between thousands; null if it is not one. */
export function parseDecimal(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (!/^-?\d{1,15}([.,]\d{1,8})?$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** Empty form values for a scheme. */
export function emptyFormValues(scheme: Scheme, unitId = ''): DossierFormValues {
  return {
    unitId,
    indicators: Object.fromEntries(scheme.indicators.map((indicator) => [indicator.key, ''])),
    selfScores: Object.fromEntries(manualCriteria(scheme).map((criterion) => [criterion.id, { points: '', justification: '' }])),
    report: '',
    discipline: 'none',
    womenShare: '',
  };
}

function formatNumber(value: number): string {
  return String(value).replace('.', ',');
}

/** A stored dossier as form values, decimals written the Vietnamese way. */
export function contentToFormValues(scheme: Scheme, unitId: string, content: DossierContent): DossierFormValues {
  const values = emptyFormValues(scheme, unitId);
  for (const indicator of scheme.indicators) {
    const value = content.indicators[indicator.key];
    if (typeof value === 'boolean') values.indicators[indicator.key] = value ? 'yes' : 'no';
    else if (typeof value === 'number') values.indicators[indicator.key] = formatNumber(value);
  }
  for (const [criterionId, self] of Object.entries(content.selfScores)) {
    values.selfScores[criterionId] = { points: self.points === null ? '' : formatNumber(self.points / 100), justification: self.justification };
  }
  values.report = content.report;
  values.discipline = content.discipline;
  values.womenShare = content.womenShare === null ? '' : formatNumber(content.womenShare);
  return values;
}

interface Conversion {
  content: DossierContent;
  /** Fields whose text is not a number, by form path. */
  unreadable: string[];
}

function isShare(value: number | null): value is number {
  return value !== null && value >= 0 && value <= 100;
}

/**
 * Converts form text to dossier content; text that is not a number becomes empty and is reported. An individual's form
 * does not show the share of women: a share an older version stored is carried unchanged (so saving changes nothing), anything else is dropped.
 */
export function formValuesToContent(scheme: Scheme, values: DossierFormValues, group: NomineeGroup = 'collective'): Conversion {
  const unreadable: string[] = [];
  const indicators: DossierContent['indicators'] = {};
  for (const indicator of scheme.indicators) {
    const text = (values.indicators[indicator.key] ?? '').trim();
    if (text === '') {
      indicators[indicator.key] = null;
    } else if (indicator.unit === 'yesNo') {
      indicators[indicator.key] = text === 'yes' ? true : text === 'no' ? false : null;
    } else {
      const value = parseDecimal(text);
      if (value === null) unreadable.push(`indicators.${indicator.key}`);
      indicators[indicator.key] = value;
    }
  }
  const selfScores: DossierContent['selfScores'] = {};
  for (const criterion of manualCriteria(scheme)) {
    const self = values.selfScores[criterion.id] ?? { points: '', justification: '' };
    const text = self.points.trim();
    const parsed = text === '' ? null : parseDecimal(text);
    if (text !== '' && parsed === null) unreadable.push(`selfScores.${criterion.id}.points`);
    selfScores[criterion.id] = { points: parsed === null ? null : toHundredths(parsed), justification: self.justification };
  }
  const womenText = values.womenShare.trim();
  const typedShare = womenText === '' ? null : parseDecimal(womenText);
  if (group === 'collective' && womenText !== '' && typedShare === null) unreadable.push('womenShare');
  const womenShare = group === 'collective' || isShare(typedShare) ? typedShare : null;
  return {
    content: { indicators, selfScores, report: values.report, discipline: values.discipline, womenShare },
    unreadable,
  };
}

const textField = z.string().max(64);

/** The form's schema for one scheme: shape, readable numbers, and the scheme's own bounds. */
export function dossierFormSchema(scheme: Scheme, group: NomineeGroup = 'collective') {
  return z
    .object({
      unitId: z.string().min(1),
      indicators: z.record(z.string(), textField),
      selfScores: z.record(z.string(), z.object({ points: textField, justification: z.string().max(DOSSIER_LIMITS.justificationChars) })),
      report: z.string().max(DOSSIER_LIMITS.reportChars),
      discipline: z.enum(DISCIPLINE_STATUSES),
      womenShare: textField,
    })
    .superRefine((values, context) => {
      const { content, unreadable } = formValuesToContent(scheme, values, group);
      for (const path of unreadable) {
        context.addIssue({ code: 'custom', path: path.split('.'), params: { key: 'validation.notANumber' } });
      }
      if (content.womenShare !== null && !isShare(content.womenShare)) {
        context.addIssue({ code: 'custom', path: ['womenShare'], params: { key: 'validation.percent' } });
      }
      for (const issue of checkAgainstScheme(scheme, content)) {
        context.addIssue({ code: 'custom', path: issue.path.split('.'), params: { key: issue.key, ...issue.params } });
      }
    });
}
