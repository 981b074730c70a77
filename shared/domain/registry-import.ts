import { z } from 'zod';
import type { FieldIssue } from '../contract/errors';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import { COLLECTIVE_KINDS, type UNIT_LEVELS } from './kinds';
import { type GENDERS } from './person';
import { foldForSearch } from './text';

export const IMPORT_TARGETS = ['units', 'people'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** The fields a list can fill, with the column titles offices use for them (folded: no accents, lower case). */
export const IMPORT_FIELDS: Record<ImportTarget, { field: string; required: boolean; headers: string[] }[]> = {
  units: [
    { field: 'name', required: true, headers: ['ten don vi', 'don vi', 'ten', 'name', 'unit'] },
    { field: 'kind', required: true, headers: ['loai', 'loai don vi', 'kind', 'type'] },
    { field: 'level', required: false, headers: ['cap', 'level'] },
    { field: 'commune', required: false, headers: ['xa', 'phuong', 'xa/phuong', 'xa phuong', 'dia ban', 'commune'] },
    { field: 'parentOffice', required: false, headers: ['phong giao dich', 'pgd', 'office', 'transaction office'] },
  ],
  people: [
    { field: 'fullName', required: true, headers: ['ho ten', 'ho va ten', 'ten', 'full name', 'name'] },
    { field: 'birthYear', required: false, headers: ['nam sinh', 'birth year', 'year of birth'] },
    { field: 'gender', required: true, headers: ['gioi tinh', 'gender', 'sex'] },
    { field: 'position', required: false, headers: ['chuc vu', 'position', 'title'] },
    { field: 'unit', required: true, headers: ['don vi', 'don vi cong tac', 'unit', 'organisation'] },
  ],
};

/** Which column (0-based) fills each field; null leaves it empty. */
export type ImportMapping = Record<string, number | null>;

export const importRequestSchema = z.strictObject({
  target: z.enum(IMPORT_TARGETS),
  fileName: z.string().min(1).max(255),
  /** The file's bytes, base64. */
  content: z.string().min(1),
  mapping: z.record(z.string().max(40), z.number().int().min(0).max(200).nullable()).optional(),
  /** Import the rows without errors and leave the others out (the user saw them in the preview). */
  skipInvalid: z.boolean().optional(),
});

export type ImportRequest = z.infer<typeof importRequestSchema>;

export interface ImportRow {
  /** The row's number in the spreadsheet, as the user sees it. */
  row: number;
  values: Record<string, string>;
  issues: FieldIssue[];
}

export interface ImportPreview {
  target: ImportTarget;
  columns: string[];
  mapping: ImportMapping;
  rows: ImportRow[];
  valid: number;
  invalid: number;
}

/** Guesses the mapping from the column titles. */
export function suggestMapping(target: ImportTarget, columns: string[]): ImportMapping {
  const folded = columns.map((column) => foldForSearch(column));
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  const free = (index: number): boolean => index >= 0 && !used.has(index);
  // Exact titles first for every field, then titles that contain a known one, never one column twice.
  for (const pass of ['exact', 'contains'] as const) {
    for (const { field, headers } of IMPORT_FIELDS[target]) {
      if (mapping[field] !== undefined && mapping[field] !== null) continue;
      const index = folded.findIndex((title, at) => free(at) && (pass === 'exact' ? headers.includes(title) : headers.some((header) => title.includes(header))));
      mapping[field] = index >= 0 ? index : null;
      if (index >= 0) used.add(index);
    }
  }
  return mapping;
}

/** Reads a kind written in Vietnamese or English (or as its code), accents optional. */
export function parseKind(text: string): (typeof COLLECTIVE_KINDS)[number] | null {
  const wanted = foldForSearch(text);
  for (const kind of COLLECTIVE_KINDS) {
    if ([kind, vi.kinds[kind], en.kinds[kind]].some((name) => foldForSearch(name) === wanted)) return kind;
  }
  return null;
}

export function parseLevel(text: string): (typeof UNIT_LEVELS)[number] | null {
  const wanted = foldForSearch(text);
  if (['tinh', 'cap tinh', 'province', 'provincial'].includes(wanted)) return 'province';
  if (['xa', 'cap xa', 'phuong', 'commune', 'ward'].includes(wanted)) return 'commune';
  return null;
}

export function parseGender(text: string): (typeof GENDERS)[number] | null {
  const wanted = foldForSearch(text);
  if (['nu', 'female', 'f', 'woman'].includes(wanted)) return 'female';
  if (['nam', 'male', 'm', 'man'].includes(wanted)) return 'male';
  return null;
}
