import { z } from 'zod';
import { campaignSettingsSchema, CAMPAIGN_STATUSES } from '../../shared/domain/campaign';
import { dossierContentSchema, nomineeKindSchema } from '../../shared/domain/dossier';
import { GENDERS } from '../../shared/domain/person';
import { COLLECTIVE_KINDS, UNIT_LEVELS } from '../../shared/domain/kinds';
import { schemeSchema } from '../../shared/scoring/scheme-schema';

const id = z.string().min(1).max(64);

const unitRecord = z.strictObject({
  id,
  name: z.string().min(1).max(200),
  kind: z.enum(COLLECTIVE_KINDS),
  level: z.enum(UNIT_LEVELS),
  commune: z.string().max(100),
  parentOfficeId: id.nullable(),
  retired: z.boolean(),
});

export const setupPayload = z.strictObject({
  office: z.strictObject({ unitId: id, name: z.string().max(200) }),
  branch: z.strictObject({ organisation: z.string().max(200) }),
  campaign: z.strictObject({
    year: z.number().int(),
    status: z.enum(CAMPAIGN_STATUSES),
    deadline: z.string().max(20),
    quotaCollectives: z.number().int().min(0),
    quotaIndividuals: z.number().int().min(0),
    settings: campaignSettingsSchema,
  }),
  schemes: z.array(schemeSchema).max(100),
  units: z.array(unitRecord).max(50_000),
});

/** An office's answer to its setup file, naming that file: a setup file enrols one installation only. */
export const enrolmentPayload = z.strictObject({ officeUnitId: id, organisation: z.string().max(200), setupPackageId: z.string().uuid() });

export const submissionPayload = z.strictObject({
  dossiers: z
    .array(
      z.strictObject({
        id,
        revision: z.number().int().min(1),
        nomineeKind: nomineeKindSchema,
        unit: unitRecord,
        person: z
          .strictObject({ id, fullName: z.string().min(1).max(120), birthYear: z.number().int().nullable(), gender: z.enum(GENDERS), position: z.string().max(200) })
          .nullable(),
        schemeId: id,
        schemeVersion: z.number().int().min(1),
        content: dossierContentSchema,
        attachments: z.array(z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().max(255), size: z.number().int().min(0), mimeType: z.string().max(100) })).max(50),
      }),
    )
    .max(20_000),
});

export const receiptPayload = z.strictObject({
  items: z.array(z.strictObject({ dossierId: id, revision: z.number().int().min(1), outcome: z.enum(['received', 'returned']), reason: z.string().max(2000).nullable() })).max(20_000),
});

export const allocationPayload = z.strictObject({
  method: z.string().max(40),
  quota: z.number().int().min(0),
  lines: z.array(z.strictObject({ unitId: z.string().max(64), name: z.string().max(200), seats: z.number().int().min(0) })).max(1000),
});

export const resultsPayload = z.strictObject({
  collectives: z.array(z.strictObject({ position: z.number().int(), name: z.string().max(200), total: z.number().int(), selected: z.boolean() })).max(20_000),
  individuals: z.array(z.strictObject({ position: z.number().int(), name: z.string().max(200), total: z.number().int(), selected: z.boolean() })).max(20_000),
});

export type SetupPayload = z.infer<typeof setupPayload>;
export type SubmissionPayload = z.infer<typeof submissionPayload>;
export type ReceiptPayload = z.infer<typeof receiptPayload>;
export type AllocationPayload = z.infer<typeof allocationPayload>;
export type ResultsPayload = z.infer<typeof resultsPayload>;
