import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, type FieldIssue } from '../../shared/contract/errors';
import { fieldIssues, keyedErrorMap } from '../../shared/contract/validation';
import { personInputSchema, type PersonInput } from '../../shared/domain/person';
import {
  IMPORT_FIELDS,
  parseGender,
  parseKind,
  parseLevel,
  suggestMapping,
  type ImportMapping,
  type ImportPreview,
  type ImportRequest,
  type ImportRow,
} from '../../shared/domain/registry-import';
import { foldForSearch } from '../../shared/domain/text';
import { unitInputSchema, type UnitInput } from '../../shared/domain/unit';
import { insertPerson, listPeople } from '../db/people';
import { insertUnit, listUnits } from '../db/units';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';

/** Lists of thousands of rows are normal; beyond this a file is not a registry list. */
const MAX_ROWS = 20_000;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return String(value.getFullYear());
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** A CSV is text: no PDF header, no control characters other than tabs and line ends in its first 8 KB. */
function looksLikeText(bytes: Buffer): boolean {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return false;
  for (const byte of bytes.subarray(0, 8192)) if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) return false;
  return true;
}

/**
 * The separator of a CSV, read off its title row: Excel writes ";" where the decimal mark is a comma
 * (as on Vietnamese Windows). Papa's own guess fails on short lists of two columns; '' lets it guess.
 */
function csvDelimiter(text: string): string {
  const titles = (text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '').replace(/"[^"]*"/g, '');
  let best = '';
  let most = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = titles.split(candidate).length - 1;
    if (count > most) {
      best = candidate;
      most = count;
    }
  }
  return best;
}

/** Reads a spreadsheet (XLSX) or a CSV into rows of text, refusing anything else with a plain message. */
async function readTable(fileName: string, content: string): Promise<string[][]> {
  const bytes = Buffer.from(content, 'base64');
  const isZip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (isZip) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError('import.unreadable', { name: fileName });
    }
    const sheet = workbook.worksheets[0];
    // A ZIP without a worksheet is some other archive, not a spreadsheet.
    if (!sheet) throw new AppError('import.unreadable', { name: fileName });
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push(values.map((value) => cellText(value as ExcelJS.CellValue).trim()));
    });
    return rows;
  }
  if (/\.xlsx?$/i.test(fileName) || !looksLikeText(bytes)) throw new AppError('import.unreadable', { name: fileName });
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: csvDelimiter(text) });
  return parsed.data.map((row) => row.map((cell) => String(cell ?? '').trim()));
}

interface Prepared {
  preview: ImportPreview;
  /** The valid rows, ready to insert. */
  records: { row: number; input: Record<string, unknown> }[];
}

function issue(path: string, key: string, params: Record<string, string | number> = {}): FieldIssue {
  return { path, key, params };
}

/** Parses, maps and checks a list without writing anything: what would be imported, and every row's problems. */
async function prepare(context: ServiceContext, request: ImportRequest): Promise<Prepared> {
  const table = await readTable(request.fileName, request.content);
  const headerIndex = table.findIndex((row) => row.some((cell) => cell !== ''));
  if (headerIndex < 0) throw new AppError('import.empty', { name: request.fileName });
  const columns = table[headerIndex] as string[];
  const body = table.slice(headerIndex + 1);
  if (body.length > MAX_ROWS) throw new AppError('import.tooManyRows', { maximum: MAX_ROWS });
  const mapping: ImportMapping = request.mapping ?? suggestMapping(request.target, columns);
  const fields = IMPORT_FIELDS[request.target];
  const missingRequired = fields.filter((field) => field.required && (mapping[field.field] === null || mapping[field.field] === undefined));
  const units = listUnits(context.db, false);
  const unitByName = new Map(units.map((unit) => [foldForSearch(unit.name), unit]));
  const officeByName = new Map(units.filter((unit) => unit.kind === 'transactionOffice').map((unit) => [foldForSearch(unit.name), unit]));
  const existingPeople = new Set(listPeople(context.db, true).map((person) => `${foldForSearch(person.fullName)}|${person.unitId}`));
  const seen = new Set<string>();

  const rows: ImportRow[] = [];
  const records: Prepared['records'] = [];
  body.forEach((cells, index) => {
    if (cells.every((cell) => cell === '')) return;
    const rowNumber = headerIndex + index + 2;
    const values: Record<string, string> = {};
    for (const { field } of fields) {
      const column = mapping[field];
      values[field] = column === null || column === undefined ? '' : (cells[column] ?? '');
    }
    const issues: FieldIssue[] = missingRequired.map((field) => issue(field.field, 'importIssue.unmapped'));
    let input: Record<string, unknown>;
    let key: string;
    if (request.target === 'units') {
      const kind = parseKind(values.kind ?? '');
      if (values.kind && !kind) issues.push(issue('kind', 'importIssue.unknownKind', { value: values.kind }));
      const level = values.level ? parseLevel(values.level) : kind === 'transactionOffice' || kind === 'provincialBranch' || kind === 'branchDepartment' ? 'province' : 'commune';
      if (values.level && !level) issues.push(issue('level', 'importIssue.unknownLevel', { value: values.level }));
      const office = values.parentOffice ? officeByName.get(foldForSearch(values.parentOffice)) : undefined;
      if (values.parentOffice && !office) issues.push(issue('parentOffice', 'importIssue.unknownOffice', { value: values.parentOffice }));
      input = { name: values.name ?? '', kind, level, commune: values.commune ?? '', parentOfficeId: office?.id ?? null } satisfies Record<keyof UnitInput, unknown>;
      key = foldForSearch(values.name ?? '');
      if (key && unitByName.has(key)) issues.push(issue('name', 'importIssue.exists', { value: values.name ?? '' }));
    } else {
      const gender = parseGender(values.gender ?? '');
      if (values.gender && !gender) issues.push(issue('gender', 'importIssue.unknownGender', { value: values.gender }));
      const unit = values.unit ? unitByName.get(foldForSearch(values.unit)) : undefined;
      if (values.unit && !unit) issues.push(issue('unit', 'importIssue.unknownUnit', { value: values.unit }));
      const yearText = (values.birthYear ?? '').replace(/\.0+$/, '');
      const birthYear = yearText === '' ? null : /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
      if (Number.isNaN(birthYear)) issues.push(issue('birthYear', 'importIssue.badYear', { value: values.birthYear ?? '' }));
      input = { fullName: values.fullName ?? '', birthYear: Number.isNaN(birthYear) ? null : birthYear, gender, position: values.position ?? '', unitId: unit?.id ?? '' };
      key = `${foldForSearch(values.fullName ?? '')}|${unit?.id ?? ''}`;
      if (unit && existingPeople.has(key)) issues.push(issue('fullName', 'importIssue.exists', { value: values.fullName ?? '' }));
    }
    const schema = request.target === 'units' ? unitInputSchema : personInputSchema;
    const parsed = schema.safeParse(input, { error: keyedErrorMap });
    if (!parsed.success) {
      for (const problem of fieldIssues(parsed.error)) {
        // A value already reported in words (an unknown kind, office…) is not reported again as "required".
        const field = problem.path === 'parentOfficeId' ? 'parentOffice' : problem.path === 'unitId' ? 'unit' : problem.path;
        if (!issues.some((known) => known.path === field)) issues.push({ ...problem, path: field });
      }
    }
    if (key && seen.has(key)) issues.push(issue(request.target === 'units' ? 'name' : 'fullName', 'importIssue.repeated'));
    if (key) seen.add(key);
    rows.push({ row: rowNumber, values, issues });
    if (issues.length === 0 && parsed.success) records.push({ row: rowNumber, input: parsed.data as Record<string, unknown> });
  });
  if (rows.length === 0) throw new AppError('import.empty', { name: request.fileName });
  const invalid = rows.filter((row) => row.issues.length > 0).length;
  return { preview: { target: request.target, columns, mapping, rows, valid: rows.length - invalid, invalid }, records };
}

export async function previewImport(context: ServiceContext, request: ImportRequest): Promise<ImportPreview> {
  return (await prepare(context, request)).preview;
}

/** Imports a list in one transaction: all its rows, or (when asked) all its valid rows — never half of them. */
export async function applyImport(context: ServiceContext, request: ImportRequest): Promise<{ imported: number; skipped: number }> {
  const { preview, records } = await prepare(context, request);
  if (preview.invalid > 0 && !request.skipInvalid) throw new AppError('import.hasErrors', { count: preview.invalid });
  if (records.length === 0) throw new AppError('import.nothingValid');
  inTransaction(context, () => {
    const now = context.now();
    for (const { input } of records) {
      if (request.target === 'units') insertUnit(context.db, { id: randomUUID(), ...(input as UnitInput), retired: false }, now);
      else insertPerson(context.db, { id: randomUUID(), ...(input as PersonInput), unitName: '', retired: false }, now);
    }
    audit(context, 'registry.imported', { type: request.target === 'units' ? 'unit' : 'person', id: request.fileName.slice(0, 200) }, { after: { imported: records.length, skipped: preview.invalid } });
  });
  return { imported: records.length, skipped: preview.invalid };
}
