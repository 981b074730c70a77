import { randomUUID } from 'node:crypto';
import { AppError, type FieldIssue } from '../../shared/contract/errors';
import { fieldIssues, keyedErrorMap } from '../../shared/contract/validation';
import { findHeaderRow, headerChoices, readTable, type ImportNote, type SheetGrid } from '../../shared/domain/import-table';
import { normalisePersonName, personInputSchema, type Gender, type PersonInput } from '../../shared/domain/person';
import {
  fieldTitles,
  IMPORT_FIELDS,
  IMPORT_LIMITS,
  isMark,
  parseBirthYear,
  parseGender,
  parseKind,
  parseLevel,
  suggestMapping,
  tidyText,
  type ImportMapping,
  type ImportPreview,
  type ImportRequest,
  type ImportRow,
  type ImportTarget,
} from '../../shared/domain/registry-import';
import { foldForSearch } from '../../shared/domain/text';
import { unitInputSchema, type UnitInput } from '../../shared/domain/unit';
import { insertPerson, listPeople } from '../db/people';
import { insertUnit, listUnits } from '../db/units';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';
import { readSpreadsheet } from './spreadsheet';

/** Longest value a preview shows of a cell: the checks see it whole, the screen does not need more. */
const SHOWN_CHARACTERS = 200;

interface Prepared {
  preview: ImportPreview;
  /** The valid rows, ready to insert. */
  records: { row: number; input: Record<string, unknown> }[];
}

function issue(path: string, key: string, params: Record<string, string | number> = {}): FieldIssue {
  return { path, key, params };
}

const shown = (text: string): string => (text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS - 1)}…` : text);

/** The sheet to read: the one asked for, or the one whose title row matches the known titles best (the first on a tie). */
function chooseSheet(target: ImportTarget, sheets: SheetGrid[], asked: number | undefined): number {
  if (asked !== undefined) {
    if (asked >= sheets.length) throw new AppError('import.noSheet', { sheet: asked + 1, count: sheets.length });
    return asked;
  }
  let best = 0;
  let bestScore = -1;
  sheets.forEach((sheet, index) => {
    const score = sheet.rows.length === 0 ? -1 : (findHeaderRow(sheet, fieldTitles(target))?.score ?? 0);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/** Whether every field the target needs has a column (the gender may come from the "Nam"/"Nữ" columns instead). */
function unmappedFields(target: ImportTarget, mapping: ImportMapping): string[] {
  const mapped = (field: string): boolean => mapping[field] !== null && mapping[field] !== undefined;
  return IMPORT_FIELDS[target]
    .filter((field) => field.required && !mapped(field.field) && !(field.field === 'gender' && (mapped('male') || mapped('female'))))
    .map((field) => field.field);
}

interface KnownPerson {
  row?: number;
  unitId: string;
  unitName: string;
  birthYear: number | null;
}

/** Parses, maps and checks a list without writing anything: what would be imported, and every row's problems. */
async function prepare(context: ServiceContext, request: ImportRequest): Promise<Prepared> {
  const sheets = await readSpreadsheet(request.fileName, Buffer.from(request.content, 'base64'));
  const sheetIndex = chooseSheet(request.target, sheets, request.sheet);
  const grid = sheets[sheetIndex] as SheetGrid;
  const table = readTable(grid, fieldTitles(request.target), request.headerRow);
  if (!table) {
    if (request.headerRow !== undefined && grid.rows.length > 0) throw new AppError('import.noHeaderRow', { row: request.headerRow });
    throw new AppError('import.empty', { name: request.fileName });
  }
  const { columns, body } = table;
  if (body.length > IMPORT_LIMITS.rows) throw new AppError('import.tooManyRows', { maximum: IMPORT_LIMITS.rows });
  const mapping: ImportMapping = request.mapping ?? suggestMapping(request.target, columns);
  const fields = IMPORT_FIELDS[request.target];
  const missingRequired = unmappedFields(request.target, mapping);
  const mapped = (field: string): boolean => mapping[field] !== null && mapping[field] !== undefined;
  const units = listUnits(context.db, false);
  const unitByName = new Map(units.map((unit) => [foldForSearch(unit.name), unit]));
  const officeByName = new Map(units.filter((unit) => unit.kind === 'transactionOffice').map((unit) => [foldForSearch(unit.name), unit]));
  const registered = new Map<string, KnownPerson[]>();
  for (const person of listPeople(context.db, true)) {
    const key = foldForSearch(person.fullName);
    registered.set(key, [...(registered.get(key) ?? []), { unitId: person.unitId, unitName: person.unitName, birthYear: person.birthYear }]);
  }
  const earlier = new Map<string, KnownPerson[]>();
  const seenUnits = new Set<string>();
  let tidied = 0;

  const rows: ImportRow[] = [];
  const records: Prepared['records'] = [];
  for (const { row: rowNumber, cells } of body) {
    const values: Record<string, string> = {};
    for (const { field } of fields) {
      const column = mapping[field];
      values[field] = column === null || column === undefined ? '' : (cells[column] ?? '').trim();
    }
    const saved: Record<string, string> = {};
    const issues: FieldIssue[] = missingRequired.map((field) => issue(field, 'importIssue.unmapped'));
    const warnings: FieldIssue[] = [];
    let input: Record<string, unknown>;
    if (request.target === 'units') {
      const name = tidyText(values.name ?? '');
      const kind = parseKind(values.kind ?? '');
      if (values.kind && !kind) issues.push(issue('kind', 'importIssue.unknownKind', { value: shown(values.kind) }));
      const level = values.level ? parseLevel(values.level) : kind === 'transactionOffice' || kind === 'provincialBranch' || kind === 'branchDepartment' ? 'province' : 'commune';
      if (values.level && !level) issues.push(issue('level', 'importIssue.unknownLevel', { value: shown(values.level) }));
      const office = values.parentOffice ? officeByName.get(foldForSearch(values.parentOffice)) : undefined;
      if (values.parentOffice && !office) issues.push(issue('parentOffice', 'importIssue.unknownOffice', { value: shown(values.parentOffice) }));
      Object.assign(saved, { name, kind: kind ?? '', level: level ?? '', commune: tidyText(values.commune ?? ''), parentOffice: office?.name ?? '' });
      input = { name, kind, level, commune: saved.commune, parentOfficeId: office?.id ?? null } satisfies Record<keyof UnitInput, unknown>;
      const key = foldForSearch(name);
      if (key && unitByName.has(key)) issues.push(issue('name', 'importIssue.exists', { value: shown(name) }));
      if (key && seenUnits.has(key)) issues.push(issue('name', 'importIssue.repeated'));
      if (key) seenUnits.add(key);
    } else {
      const fullName = normalisePersonName(values.fullName ?? '');
      if (fullName !== (values.fullName ?? '')) tidied += 1;
      let gender: Gender | null = values.gender ? parseGender(values.gender) : null;
      if (values.gender && !gender) issues.push(issue('gender', 'importIssue.unknownGender', { value: shown(values.gender) }));
      // The year written under "Nam" or under "Nữ" tells the gender (a tick there tells only the gender).
      const male = values.male ?? '';
      const female = values.female ?? '';
      let birthText = values.birthYear ?? '';
      if (male !== '' && female !== '') issues.push(issue('gender', 'importIssue.genderBoth'));
      else if (male !== '' || female !== '') {
        const fromColumn: Gender = male !== '' ? 'male' : 'female';
        const mark = male || female;
        if (!isMark(mark) && birthText === '') birthText = mark;
        if (gender && gender !== fromColumn) issues.push(issue('gender', 'importIssue.genderConflict'));
        else gender = fromColumn;
      } else if (!values.gender && !mapped('gender') && (mapped('male') || mapped('female'))) issues.push(issue('gender', 'importIssue.genderMissing'));
      const birthYear = parseBirthYear(birthText);
      if (Number.isNaN(birthYear)) issues.push(issue('birthYear', 'importIssue.badYear', { value: shown(birthText) }));
      const year = Number.isNaN(birthYear) ? null : birthYear;
      const unit = values.unit ? unitByName.get(foldForSearch(values.unit)) : undefined;
      if (values.unit && !unit) issues.push(issue('unit', 'importIssue.unknownUnit', { value: shown(values.unit) }));
      Object.assign(saved, { fullName, birthYear: year === null ? '' : String(year), gender: gender ?? '', position: tidyText(values.position ?? ''), unit: unit?.name ?? '' });
      input = { fullName, birthYear: year, gender, position: saved.position, unitId: unit?.id ?? '' };

      // The same name, year and unit is the same person; the same name alone is a namesake to check, not an error.
      const key = foldForSearch(fullName);
      const same = (known: KnownPerson): boolean => unit !== undefined && known.unitId === unit.id && known.birthYear === year;
      const namesakes = key ? (registered.get(key) ?? []) : [];
      const before = key ? (earlier.get(key) ?? []) : [];
      if (namesakes.some(same)) issues.push(issue('fullName', 'importIssue.exists', { value: shown(fullName) }));
      else if (namesakes.length > 0) {
        const where = [...new Set(namesakes.map((known) => known.unitName))].slice(0, 3).join('; ');
        warnings.push(issue('fullName', 'importIssue.namesake', { value: shown(fullName), count: namesakes.length, units: where }));
      }
      const repeated = before.find(same);
      if (repeated) issues.push(issue('fullName', 'importIssue.repeated'));
      else if (before.length > 0) warnings.push(issue('fullName', 'importIssue.namesakeInFile', { row: before[0]?.row ?? 0 }));
      if (key) earlier.set(key, [...before, { row: rowNumber, unitId: unit?.id ?? '', unitName: unit?.name ?? '', birthYear: year }]);
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
    for (const field of Object.keys(values)) values[field] = shown(values[field] ?? '');
    for (const field of Object.keys(saved)) saved[field] = shown(saved[field] ?? '');
    rows.push({ row: rowNumber, values, saved, issues, warnings: issues.length === 0 ? warnings : [] });
    if (issues.length === 0 && parsed.success) records.push({ row: rowNumber, input: parsed.data as Record<string, unknown> });
  }
  if (rows.length === 0) throw new AppError('import.empty', { name: request.fileName });
  const invalid = rows.filter((row) => row.issues.length > 0).length;
  const warned = rows.filter((row) => row.warnings.length > 0).length;
  const notes: ImportNote[] = [];
  if (sheets.length > 1) notes.push({ key: 'importNote.sheet', params: { name: grid.name, count: sheets.length } });
  notes.push(...table.notes);
  if (tidied > 0) notes.push({ key: 'importNote.namesTidied', params: { count: tidied } });
  return {
    preview: {
      target: request.target,
      sheets: sheets.map((sheet) => sheet.name),
      sheet: sheetIndex,
      headerRow: table.headerRow,
      headerRows: table.headerRows,
      headerChoices: headerChoices(grid),
      columns: columns.map(shown),
      mapping,
      rows,
      valid: rows.length - invalid,
      invalid,
      warned,
      notes,
    },
    records,
  };
}

export async function previewImport(context: ServiceContext, request: ImportRequest): Promise<ImportPreview> {
  return (await prepare(context, request)).preview;
}

/** Imports a list in one transaction: all its rows, or (when asked) all its valid rows — never half of them. */
export async function applyImport(context: ServiceContext, request: ImportRequest): Promise<{ imported: number; skipped: number }> {
  const { preview, records } = await prepare(context, request);
  if (preview.invalid > 0 && !request.skipInvalid) throw new AppError('import.hasErrors', { count: preview.invalid });
  if (preview.warned > 0 && !request.confirmNamesakes) throw new AppError('import.namesakesUnconfirmed', { count: preview.warned });
  if (records.length === 0) throw new AppError('import.nothingValid');
  inTransaction(context, () => {
    const now = context.now();
    for (const { input } of records) {
      if (request.target === 'units') insertUnit(context.db, { id: randomUUID(), ...(input as UnitInput), retired: false }, now);
      else insertPerson(context.db, { id: randomUUID(), ...(input as PersonInput), unitName: '', retired: false }, now);
    }
    audit(context, 'registry.imported', { type: request.target === 'units' ? 'unit' : 'person', id: request.fileName.slice(0, 200) }, { after: { imported: records.length, skipped: preview.invalid, namesakes: preview.warned } });
  });
  return { imported: records.length, skipped: preview.invalid };
}
