import { z } from 'zod';
import type { FieldIssue } from '../contract/errors';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import { COLLECTIVE_KINDS, type UNIT_LEVELS } from './kinds';
import { type GENDERS } from './person';
import { SUBTITLE_JOIN, type ImportNote } from './import-table';
import { foldForSearch } from './text';

export const IMPORT_TARGETS = ['units', 'people'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** A field a list can fill: the column titles offices use for it (folded: no accents, lower case). */
export interface ImportField {
  field: string;
  required: boolean;
  headers: string[];
  /** Matched by an exact title only ("Nam" alone is a sub-title, never part of a longer one). */
  exactOnly?: boolean;
  /** A source of another field (the "Nam"/"Nữ" sub-columns give the gender and the year): chosen, not shown as a column. */
  source?: boolean;
}

/** The fields a list can fill, in the order the preview shows them. */
export const IMPORT_FIELDS: Record<ImportTarget, ImportField[]> = {
  units: [
    { field: 'name', required: true, headers: ['ten don vi', 'don vi', 'ten', 'name', 'unit'] },
    { field: 'kind', required: true, headers: ['loai', 'loai don vi', 'kind', 'type'] },
    { field: 'level', required: false, headers: ['cap', 'level'] },
    { field: 'commune', required: false, headers: ['xa', 'phuong', 'xa/phuong', 'xa phuong', 'dia ban', 'commune'] },
    { field: 'parentOffice', required: false, headers: ['phong giao dich', 'pgd', 'office', 'transaction office'] },
  ],
  people: [
    { field: 'fullName', required: true, headers: ['ho ten', 'ho va ten', 'ten', 'full name', 'name'] },
    { field: 'birthYear', required: false, headers: ['nam sinh', 'ngay sinh', 'ngay thang nam sinh', 'ngay, thang, nam sinh', 'sinh ngay', 'birth year', 'year of birth', 'date of birth'] },
    { field: 'gender', required: true, headers: ['gioi tinh', 'gender', 'sex'] },
    { field: 'position', required: false, headers: ['chuc vu', 'chuc danh', 'position', 'title'] },
    { field: 'unit', required: true, headers: ['don vi', 'don vi cong tac', 'noi cong tac', 'co quan, don vi', 'unit', 'organisation'] },
    { field: 'male', required: false, exactOnly: true, source: true, headers: subtitled('nam', 'male') },
    { field: 'female', required: false, exactOnly: true, source: true, headers: subtitled('nu', 'female') },
  ],
};

/** The titles of a "Nam" or "Nữ" sub-column, alone or under the titles that offices split that way. */
function subtitled(folded: string, english: string): string[] {
  const parents = ['nam sinh', 'ngay sinh', 'ngay thang nam sinh', 'ngay, thang, nam sinh', 'gioi tinh', 'birth year', 'year of birth', 'gender'];
  return [folded, english, ...parents.flatMap((parent) => [`${parent}${SUBTITLE_JOIN}${folded}`, `${parent}${SUBTITLE_JOIN}${english}`])];
}

/** The known titles of every field of a target, for finding the title row. */
export function fieldTitles(target: ImportTarget): string[][] {
  return IMPORT_FIELDS[target].map((field) => field.headers);
}

/** Which column (0-based) fills each field; null leaves it empty. */
export type ImportMapping = Record<string, number | null>;

/** Workbooks with more sheets than this are not lists; columns beyond the last one here are not read. */
export const IMPORT_LIMITS = { sheets: 64, columns: 200, rows: 20_000 } as const;

export const importRequestSchema = z.strictObject({
  target: z.enum(IMPORT_TARGETS),
  fileName: z.string().min(1).max(255),
  /** The file's bytes, base64. */
  content: z.string().min(1),
  mapping: z.record(z.string().max(40), z.number().int().min(0).max(IMPORT_LIMITS.columns).nullable()).optional(),
  /** The sheet to read (from 0); without it, the sheet whose title row matches best. */
  sheet: z.number().int().min(0).max(IMPORT_LIMITS.sheets - 1).optional(),
  /** The row of the column titles as the spreadsheet numbers it; without it, the row found. */
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  /** Import the rows without errors and leave the others out (the user saw them in the preview). */
  skipInvalid: z.boolean().optional(),
  /** The person checked the rows named like someone already registered: they are other people. */
  confirmNamesakes: z.boolean().optional(),
});

export type ImportRequest = z.infer<typeof importRequestSchema>;

export interface ImportRow {
  /** The row's number in the spreadsheet, as the user sees it. */
  row: number;
  /** What the file holds for each field (trimmed). */
  values: Record<string, string>;
  /** What will be saved, where it differs in form from the file: a name tidied, a date read as its year, a gender or kind as its code. */
  saved: Record<string, string>;
  /** Problems that keep the row out. */
  issues: FieldIssue[];
  /** Things to check that do not keep the row out (a namesake). */
  warnings: FieldIssue[];
}

export interface ImportPreview {
  target: ImportTarget;
  /** The workbook's sheets (one name for a CSV) and the one read. */
  sheets: string[];
  sheet: number;
  /** The row of the column titles, and whether the row under it held sub-titles read with it. */
  headerRow: number;
  headerRows: 1 | 2;
  /** Rows the person may choose as the title row instead. */
  headerChoices: { row: number; text: string }[];
  columns: string[];
  mapping: ImportMapping;
  rows: ImportRow[];
  valid: number;
  invalid: number;
  /** Valid rows with a warning, to be confirmed before the import. */
  warned: number;
  notes: ImportNote[];
}

/** Guesses the mapping from the column titles: exact titles first, then titles that hold a known one as words. */
export function suggestMapping(target: ImportTarget, columns: string[]): ImportMapping {
  const folded = columns.map((column) => foldForSearch(column ?? '').replace(/[.:*]+$/, ''));
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  const free = (index: number): boolean => index >= 0 && !used.has(index);
  for (const pass of ['exact', 'contains'] as const) {
    for (const { field, headers, exactOnly } of IMPORT_FIELDS[target]) {
      if (mapping[field] !== undefined && mapping[field] !== null) continue;
      const index =
        pass === 'exact' || exactOnly
          ? folded.findIndex((title, at) => free(at) && headers.includes(title))
          : folded.findIndex((title, at) => free(at) && title !== '' && headers.some((header) => ` ${title} `.includes(` ${header} `)));
      mapping[field] = index >= 0 ? index : null;
      if (index >= 0) used.add(index);
    }
  }
  return mapping;
}

/** Text as a list holds it, tidied: one space between words, composed accents (old files often decompose them). */
export function tidyText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 24 * 60 * 60 * 1000;

/**
 * The year of birth a cell gives: a year ("1978", 1978.0), a date typed as text ("15/03/1978", "15-3-1978",
 * "03/1978"), or an Excel date serial (28199 is 15/03/1977). Null when the cell is empty; NaN when it is none of these.
 */
export function parseBirthYear(text: string): number | null {
  const value = text.trim();
  if (value === '') return null;
  const year = /^(\d{4})(\.0+)?$/.exec(value);
  if (year) return Number(year[1]);
  const date = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value) ?? /^()(\d{1,2})[/.-](\d{4})$/.exec(value);
  if (date) {
    const day = date[1] === '' ? 1 : Number(date[1]);
    const month = Number(date[2]);
    return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? Number(date[3]) : Number.NaN;
  }
  const serial = /^(\d{4,5})(\.\d+)?$/.exec(value);
  if (serial && Number(serial[1]) >= 10_000 && Number(serial[1]) <= 80_000) return new Date(SERIAL_EPOCH + Number(serial[1]) * DAY).getUTCFullYear();
  return Number.NaN;
}

/** A tick under "Nam" or "Nữ" instead of a year: x, ✓, 1… */
export function isMark(text: string): boolean {
  return ['x', 'v', '1', '✓', '✔', '√', 'co', 'yes'].includes(foldForSearch(text));
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
