import { z } from 'zod';

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

/** A person who can be nominated as an individual: personal data, kept only where needed and never logged. */
export interface Person {
  id: string;
  fullName: string;
  birthYear: number | null;
  gender: Gender;
  position: string;
  unitId: string;
  unitName: string;
  retired: boolean;
}

export const personInputSchema = z.strictObject({
  fullName: z.string().trim().min(2).max(120),
  birthYear: z.number().int().min(1930).max(2010).nullable(),
  gender: z.enum(GENDERS),
  position: z.string().trim().max(200),
  unitId: z.string().min(1).max(64),
});

export type PersonInput = z.infer<typeof personInputSchema>;
