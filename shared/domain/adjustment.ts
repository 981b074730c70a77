import { z } from 'zod';
import type { DossierContent } from './dossier';

/** What a council adjustment changes: an indicator's figure, or the points of a manually scored criterion. */
export const adjustmentTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('indicator'), key: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('criterion'), id: z.string().min(1).max(64) }),
]);

export type AdjustmentTarget = z.infer<typeof adjustmentTargetSchema>;

/** A figure as a dossier holds it: a number, yes/no, or empty. Criterion points are hundredths. */
export type AdjustedValue = number | boolean | null;

/**
 * The council's correction of one figure of a received dossier. The office's value is kept beside the new one:
 * nothing the office sent is replaced, and the ranking's explanation shows both.
 */
export interface Adjustment {
  id: string;
  dossierId: string;
  /** The revision it corrects; a new revision from the office starts without it. */
  revision: number;
  target: AdjustmentTarget;
  officeValue: AdjustedValue;
  value: AdjustedValue;
  reason: string;
  byName: string;
  at: string;
}

export const adjustmentInputSchema = z.strictObject({
  dossierId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  target: adjustmentTargetSchema,
  value: z.union([z.number().finite().min(-1e12).max(1e12), z.boolean(), z.null()]),
  reason: z.string().trim().min(5).max(2000),
});

export type AdjustmentInput = z.infer<typeof adjustmentInputSchema>;

/** The office's value of a target in a dossier's content. */
export function officeValueOf(content: DossierContent, target: AdjustmentTarget): AdjustedValue {
  if (target.type === 'indicator') return content.indicators[target.key] ?? null;
  return content.selfScores[target.id]?.points ?? null;
}

/** The content the council scores: the office's, with each adjustment's value in place of the office's. */
export function adjustedContent(content: DossierContent, adjustments: readonly Adjustment[]): DossierContent {
  if (adjustments.length === 0) return content;
  const indicators = { ...content.indicators };
  const selfScores = { ...content.selfScores };
  for (const adjustment of adjustments) {
    const { target, value } = adjustment;
    if (target.type === 'indicator') indicators[target.key] = value;
    else selfScores[target.id] = { points: typeof value === 'number' ? value : null, justification: selfScores[target.id]?.justification ?? '' };
  }
  return { ...content, indicators, selfScores };
}
