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

/**
 * A name as it is saved from a list: one space between words, accents composed, and a name typed all in upper (or
 * lower) case written with a capital for each word ("NGUYỄN  VĂN ĐỨC" → "Nguyễn Văn Đức"). Mixed case is kept.
 */
export function normalisePersonName(text: string): string {
  const tidy = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const upper = tidy.toLocaleUpperCase('vi');
  const lower = tidy.toLocaleLowerCase('vi');
  if (upper === lower || (tidy !== upper && tidy !== lower)) return tidy;
  return lower
    .split(' ')
    .map((word) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1))
    .join(' ');
}
