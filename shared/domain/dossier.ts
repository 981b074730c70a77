import { z } from 'zod';
import type { FieldIssue } from '../contract/errors';
import { leafCriteria, manualCriteria } from '../scoring/leaves';
import type { DisciplineStatus, Hundredths, IndicatorValue, ScoreInput, Scheme } from '../scoring/types';
import { COLLECTIVE_KINDS, INDIVIDUAL_KINDS, isCollectiveKind, type NomineeKind } from './kinds';
import type { Gender } from './person';

export const DISCIPLINE_STATUSES = ['none', 'discipline', 'investigation', 'inspection'] as const;
export const DOSSIER_STATUSES = ['draft', 'ready', 'exported', 'received', 'returned'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Limits that keep a dossier within what a person can write and a USB file can carry. */
export const DOSSIER_LIMITS = {
  reportChars: 50_000,
  justificationChars: 2_000,
  indicators: 200,
} as const;

/** Collectives with at least this share of women get the legal priority in ties. */
export const WOMEN_PRIORITY_SHARE = 70;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const selfScoreSchema = z.strictObject({
  points: z.number().int().min(0).max(100_00).nullable(),
  justification: z.string().max(DOSSIER_LIMITS.justificationChars),
});

/** What an office records for one nominee, independent of storage. */
export const dossierContentSchema = z.strictObject({
  indicators: z
    .record(z.string().max(64), z.union([z.number().finite().min(-1e12).max(1e12), z.boolean(), z.null()]))
    .refine((record) => Object.keys(record).length <= DOSSIER_LIMITS.indicators, { params: { key: 'validation.tooMany', maximum: DOSSIER_LIMITS.indicators } }),
  selfScores: z.record(z.string().max(64), selfScoreSchema),
  report: z.string().max(DOSSIER_LIMITS.reportChars),
  discipline: z.enum(DISCIPLINE_STATUSES),
  /** Collectives only; an individual's priority comes from the person's gender (older individual dossiers may still carry one, ignored). */
  womenShare: z.number().finite().min(0).max(100).nullable(),
});

export type DossierContent = z.infer<typeof dossierContentSchema>;
export type SelfScore = z.infer<typeof selfScoreSchema>;

export const nomineeKindSchema = z.enum([...COLLECTIVE_KINDS, ...INDIVIDUAL_KINDS]);

/** Input of `dossiers.save`: a new dossier when `id` is absent, else an update of that dossier. */
export const dossierSaveSchema = z.object({
  id: id.optional(),
  /** The `updatedAt` the editor started from; a save over a later change is refused. */
  baseUpdatedAt: z.string().max(40).nullable().optional(),
  campaignYear: z.number().int().min(2000).max(2100),
  nomineeKind: nomineeKindSchema,
  unitId: id,
  /** The nominated person, for individual kinds (the unit is then the person's unit). */
  personId: id.nullable().optional(),
  content: dossierContentSchema,
});

export type DossierSaveInput = z.infer<typeof dossierSaveSchema>;

export interface DossierSummary {
  id: string;
  campaignYear: number;
  nomineeKind: NomineeKind;
  unitId: string;
  unitName: string;
  /** The transaction office the nominee's unit is filed under (null for province-level units and the offices themselves). */
  officeName: string | null;
  personId: string | null;
  personName: string | null;
  status: DossierStatus;
  revision: number;
  /** The revision last written to an exchange file, if any. */
  exportedRevision: number | null;
  /** Why the branch returned the dossier, shown until it is sent again. */
  returnReason: string | null;
  schemeId: string;
  schemeVersion: number;
  selfTotal: Hundredths;
  eligible: boolean;
  complete: boolean;
  /** At the branch: when its revision arrived from the office, and whether after the deadline (accepted by the council). */
  receivedAt: string | null;
  late: boolean;
  updatedAt: string;
}

export interface Dossier extends DossierSummary {
  content: DossierContent;
  /** The nominated person's gender as the people registry records it (individuals), for the priority for women. */
  personGender: Gender | null;
  createdAt: string;
}

/** What the legal priority for women looks at besides the content: the kind of nominee and, for an individual, the person's gender. */
export interface PriorityNominee {
  nomineeKind: NomineeKind;
  personGender: Gender | null;
}

function enoughWomen(content: DossierContent): boolean {
  return content.womenShare !== null && content.womenShare >= WOMEN_PRIORITY_SHARE;
}

/** The legal priority for women in ties: a woman nominated as an individual, or a collective with at least 70 % women. */
export function womenPriorityOf(nominee: PriorityNominee, content: DossierContent): boolean {
  return isCollectiveKind(nominee.nomineeKind) ? enoughWomen(content) : nominee.personGender === 'female';
}

/** The number a rule sees for an indicator, or null when the dossier leaves it empty. */
function indicatorValue(value: IndicatorValue | undefined): IndicatorValue {
  return value === undefined ? null : value;
}

/**
 * What the scoring library needs from a dossier's content. Ranking must pass the nominee (an individual's priority
 * is the person's gender); without it the content's share of women is read as a collective's, which totals never use.
 */
export function toScoreInput(content: DossierContent, nominee?: PriorityNominee): ScoreInput {
  const selfScores: Record<string, Hundredths | null> = {};
  for (const [criterionId, self] of Object.entries(content.selfScores)) selfScores[criterionId] = self.points;
  const indicators: Record<string, IndicatorValue> = {};
  for (const [key, value] of Object.entries(content.indicators)) indicators[key] = indicatorValue(value);
  return {
    indicators,
    selfScores,
    discipline: content.discipline as DisciplineStatus,
    womenPriority: nominee ? womenPriorityOf(nominee, content) : enoughWomen(content),
  };
}

function decimalsOf(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 99;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Checks a dossier's content against its scheme: known indicators, their bounds and decimals, manual points. */
export function checkAgainstScheme(scheme: Scheme, content: DossierContent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const indicators = new Map(scheme.indicators.map((indicator) => [indicator.key, indicator]));
  for (const [key, value] of Object.entries(content.indicators)) {
    const path = `indicators.${key}`;
    const indicator = indicators.get(key);
    if (!indicator) {
      issues.push({ path, key: 'validation.unknownIndicator', params: { indicator: key } });
      continue;
    }
    if (value === null) continue;
    if (indicator.unit === 'yesNo') {
      if (typeof value !== 'boolean') issues.push({ path, key: 'validation.wrongType', params: { expected: 'boolean' } });
      continue;
    }
    if (typeof value !== 'number') issues.push({ path, key: 'validation.wrongType', params: { expected: 'number' } });
    else if (value < indicator.min) issues.push({ path, key: 'validation.tooSmall', params: { minimum: indicator.min } });
    else if (value > indicator.max) issues.push({ path, key: 'validation.tooLarge', params: { maximum: indicator.max } });
    else if (decimalsOf(value) > indicator.decimals) issues.push(indicator.decimals === 0 ? { path, key: 'validation.wholeNumber', params: {} } : { path, key: 'validation.decimals', params: { decimals: indicator.decimals } });
  }
  const leaves = new Map(leafCriteria(scheme).map((criterion) => [criterion.id, criterion]));
  const manual = new Set(manualCriteria(scheme).map((criterion) => criterion.id));
  for (const [criterionId, self] of Object.entries(content.selfScores)) {
    const path = `selfScores.${criterionId}.points`;
    const criterion = leaves.get(criterionId);
    if (!criterion || !manual.has(criterionId)) {
      issues.push({ path, key: 'validation.unknownCriterion', params: { criterion: criterionId } });
      continue;
    }
    if (self.points === null) continue;
    const step = criterion.rule?.type === 'manual' ? criterion.rule.step : 1;
    if (self.points < 0) issues.push({ path, key: 'validation.tooSmall', params: { minimum: 0 } });
    else if (self.points > criterion.max) issues.push({ path, key: 'validation.tooLarge', params: { maximum: criterion.max / 100 } });
    else if (step > 0 && self.points % step !== 0) issues.push({ path, key: 'validation.step', params: { step: step / 100 } });
  }
  return issues;
}
