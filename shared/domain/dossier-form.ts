import { z } from 'zod';
import { toHundredths } from '../scoring/decimal';
import { manualCriteria } from '../scoring/leaves';
import type { Criterion, Indicator, Scheme } from '../scoring/types';
import { checkAgainstScheme, DISCIPLINE_STATUSES, DOSSIER_LIMITS, type DossierContent } from './dossier';
import type { NomineeGroup } from './kinds';
import { numberReadings, readTypedNumber, typedValue, unambiguousText, type NumberField, type NumberReading } from './numbers';

/** What the dossier form holds: text exactly as typed, so nothing a person enters is reformatted under them. */
export interface DossierFormValues {
  unitId: string;
  indicators: Record<string, string>;
  selfScores: Record<string, { points: string; justification: string }>;
  report: string;
  discipline: (typeof DISCIPLINE_STATUSES)[number];
  womenShare: string;
}

/**
 * Reads a number typed the Vietnamese or the English way when it reads one way only ("85.400", "0,14", "1 000");
 * null when it is not a number or could be two ("1.000"). Forms that know their field use {@link readTypedNumber}.
 */
export function parseDecimal(text: string): number | null {
  const readings = numberReadings(text);
  return readings.length === 1 ? (readings[0] as NumberReading).value : null;
}

/** What a field of the form accepts: an indicator's own decimals and bounds, points up to the criterion's maximum, a share of 0–100. */
export function indicatorField(indicator: Indicator): NumberField {
  return { decimals: indicator.decimals, min: indicator.min, max: indicator.max };
}

export function pointsField(criterion: Criterion): NumberField {
  return { decimals: 2, min: 0, max: criterion.max / 100 };
}

export const SHARE_FIELD: NumberField = { decimals: 2, min: 0, max: 100 };

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


/** A stored dossier as form values, decimals written the Vietnamese way. */
export function contentToFormValues(scheme: Scheme, unitId: string, content: DossierContent): DossierFormValues {
  const values = emptyFormValues(scheme, unitId);
  for (const indicator of scheme.indicators) {
    const value = content.indicators[indicator.key];
    if (typeof value === 'boolean') values.indicators[indicator.key] = value ? 'yes' : 'no';
    else if (typeof value === 'number') values.indicators[indicator.key] = unambiguousText(value);
  }
  for (const [criterionId, self] of Object.entries(content.selfScores)) {
    values.selfScores[criterionId] = { points: self.points === null ? '' : unambiguousText(self.points / 100), justification: self.justification };
  }
  values.report = content.report;
  values.discipline = content.discipline;
  values.womenShare = content.womenShare === null ? '' : unambiguousText(content.womenShare);
  return values;
}

interface Conversion {
  content: DossierContent;
  /** Fields whose text is not a number, by form path. */
  unreadable: string[];
  /** Fields whose text reads as two different numbers that both fit: the person must say which. */
  ambiguous: string[];
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
  const ambiguous: string[] = [];
  // Empty, a number, or a question still open (no value until answered); a number that does not fit is kept for the scheme's check to name.
  const read = (text: string, field: NumberField, path: string): number | null => {
    const typed = readTypedNumber(text, field);
    if (typed.state === 'invalid') unreadable.push(path);
    if (typed.state === 'ambiguous') ambiguous.push(path);
    return typedValue(text, field);
  };
  const indicators: DossierContent['indicators'] = {};
  for (const indicator of scheme.indicators) {
    const text = (values.indicators[indicator.key] ?? '').trim();
    if (text === '') {
      indicators[indicator.key] = null;
    } else if (indicator.unit === 'yesNo') {
      indicators[indicator.key] = text === 'yes' ? true : text === 'no' ? false : null;
    } else {
      indicators[indicator.key] = read(text, indicatorField(indicator), `indicators.${indicator.key}`);
    }
  }
  const selfScores: DossierContent['selfScores'] = {};
  for (const criterion of manualCriteria(scheme)) {
    const self = values.selfScores[criterion.id] ?? { points: '', justification: '' };
    const parsed = read(self.points, pointsField(criterion), `selfScores.${criterion.id}.points`);
    selfScores[criterion.id] = { points: parsed === null ? null : toHundredths(parsed), justification: self.justification };
  }
  const womenText = values.womenShare.trim();
  const typedShare = group === 'collective' ? read(womenText, SHARE_FIELD, 'womenShare') : parseDecimal(womenText);
  const womenShare = group === 'collective' || isShare(typedShare) ? typedShare : null;
  return {
    content: { indicators, selfScores, report: values.report, discipline: values.discipline, womenShare },
    unreadable,
    ambiguous,
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
      const { content, unreadable, ambiguous } = formValuesToContent(scheme, values, group);
      for (const path of unreadable) {
        context.addIssue({ code: 'custom', path: path.split('.'), params: { key: 'validation.notANumber' } });
      }
      for (const path of ambiguous) {
        context.addIssue({ code: 'custom', path: path.split('.'), params: { key: 'validation.ambiguousNumber' } });
      }
      if (content.womenShare !== null && !isShare(content.womenShare)) {
        context.addIssue({ code: 'custom', path: ['womenShare'], params: { key: 'validation.percent' } });
      }
      for (const issue of checkAgainstScheme(scheme, content)) {
        context.addIssue({ code: 'custom', path: issue.path.split('.'), params: { key: issue.key, ...issue.params } });
      }
    });
}
