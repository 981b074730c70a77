import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unit } from '../../shared/domain/unit';
import type { AppErrorShape } from '../../shared/contract/errors';
import { MAX_REQUEST_BYTES } from '../../shared/contract/envelope';
import { setUpCore } from '../support/core';
import { commune, countRows, type Counts, dossierInput, goodContent, tableRows, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

describe('bad input at the seam: a clear error, nothing written', () => {
  let installation: Installation;
  let unit: Unit;
  let before: Counts;
  let dossiersBefore: unknown[];

  beforeAll(async () => {
    installation = await setUpCore();
    unit = await installation.call('units.create', commune('UBND xã Ninh Điền'));
    await installation.call('dossiers.save', dossierInput(unit.id));
    before = countRows(installation.dataDir);
    dossiersBefore = tableRows(installation.dataDir, 'dossiers');
  });
  afterAll(() => installation.close());

  /** The call's error, after checking that the database is exactly as it was. */
  async function refused(call: string, input: unknown): Promise<AppErrorShape> {
    const error = await installation.errorOf(call, input);
    expect(countRows(installation.dataDir)).toEqual(before);
    expect(tableRows(installation.dataDir, 'dossiers')).toEqual(dossiersBefore);
    return error;
  }

  function pathsOf(error: AppErrorShape): string[] {
    return (error.issues ?? []).map((issue) => issue.path);
  }

  /** A dossier for a fresh unit, so only the bad field can be the reason for refusing it. */
  async function freshUnitId(): Promise<string> {
    const fresh = await installation.call('units.create', commune(`UBND xã thử ${Math.random().toString(36).slice(2)}`));
    before = countRows(installation.dataDir);
    return fresh.id;
  }

  it('an office saves a dossier with letters in the year: call.invalidInput naming campaignYear', async () => {
    const error = await refused('dossiers.save', { ...dossierInput(await freshUnitId()), campaignYear: '2025' });
    expect(error.code).toBe('call.invalidInput');
    expect(error.issues).toEqual([{ path: 'campaignYear', key: 'validation.wrongType', params: { expected: 'number' } }]);
  });

  it('a number where the unit id should be: call.invalidInput naming unitId', async () => {
    const error = await refused('dossiers.save', { ...dossierInput(unit.id), unitId: 12345 });
    expect(error.code).toBe('call.invalidInput');
    expect(pathsOf(error)).toEqual(['unitId']);
  });

  it('letters in an indicator: call.invalidInput naming the indicator', async () => {
    const content = goodContent();
    const error = await refused('dossiers.save', dossierInput(await freshUnitId(), { ...content, indicators: { ...content.indicators, outstandingLoans: '152 000' as unknown as number } }));
    expect(error.code).toBe('call.invalidInput');
    expect(pathsOf(error)).toContain('content.indicators.outstandingLoans');
  });

  it('missing fields: each one is named as required', async () => {
    const { content: _content, nomineeKind: _kind, ...rest } = dossierInput(await freshUnitId());
    const error = await refused('dossiers.save', rest);
    expect(error.code).toBe('call.invalidInput');
    expect(pathsOf(error).sort()).toEqual(['content', 'nomineeKind']);
    expect(error.issues?.find((issue) => issue.path === 'content')?.key).toBe('validation.required');
    // A missing choice is reported as "choose one of the values".
    expect(['validation.required', 'validation.choice']).toContain(error.issues?.find((issue) => issue.path === 'nomineeKind')?.key);

    const { report: _report, ...noReport } = goodContent();
    const nested = await refused('dossiers.save', { ...dossierInput(await freshUnitId()), content: noReport });
    expect(pathsOf(nested)).toEqual(['content.report']);
  });

  it('an unknown extra field is refused (strict schemas), on saving a dossier and creating a unit', async () => {
    const error = await refused('dossiers.save', { ...dossierInput(await freshUnitId()), status: 'received' });
    expect(error.code).toBe('call.invalidInput');
    expect(error.issues).toEqual([{ path: '', key: 'validation.unknownFields', params: { fields: 'status' } }]);

    const unitError = await refused('units.create', { ...commune('UBND xã Có Thêm Trường'), retired: true, id: 'chosen-id' });
    expect(unitError.code).toBe('call.invalidInput');
    expect(unitError.issues?.[0]?.params).toEqual({ fields: 'retired, id' });
    expect((await refused('app.status', { debug: true })).code).toBe('call.invalidInput');
  });

  it('an extra field inside the content is refused by name and never stored', async () => {
    const unitId = await freshUnitId();
    const error = await refused('dossiers.save', { ...dossierInput(unitId), content: { ...goodContent(), secret: 'x' } });
    expect(error.code).toBe('call.invalidInput');
    expect(error.issues).toEqual([{ path: 'content', key: 'validation.unknownFields', params: { fields: 'secret' } }]);
    const stored = withDatabase(installation.dataDir, (db) => db.prepare("SELECT count(*) AS n FROM dossiers WHERE content LIKE '%secret%'").get()) as { n: number };
    expect(stored.n).toBe(0);
    before = countRows(installation.dataDir);
    dossiersBefore = tableRows(installation.dataDir, 'dossiers');
  });

  it.each([
    ['1e300', 1e300, 'validation.tooLarge'],
    ['-1e20', -1e20, 'validation.tooSmall'],
    ['Infinity', Number.POSITIVE_INFINITY, null],
    ['-Infinity', Number.NEGATIVE_INFINITY, null],
    ['NaN', Number.NaN, null],
  ])('an absurd number (%s) in an indicator is call.invalidInput naming it', async (_label, value, key) => {
    const content = goodContent();
    const error = await refused('dossiers.save', dossierInput(await freshUnitId(), { ...content, indicators: { ...content.indicators, outstandingLoans: value } }));
    expect(error.code).toBe('call.invalidInput');
    expect(pathsOf(error)).toEqual(['content.indicators.outstandingLoans']);
    if (key) expect(error.issues?.[0]?.key).toBe(key);
  });

  it.each([
    ['campaignYear', 1e300],
    ['campaignYear', Number.POSITIVE_INFINITY],
    ['campaignYear', 2025.5],
    ['campaignYear', -1e20],
  ])('an absurd %s (%s) is call.invalidInput', async (field, value) => {
    const error = await refused('dossiers.save', { ...dossierInput(await freshUnitId()), [field]: value });
    expect(error.code).toBe('call.invalidInput');
    expect(new Set(pathsOf(error))).toEqual(new Set([field]));
  });

  it('an absurd women share or self score is call.invalidInput naming the field', async () => {
    const women = await refused('dossiers.save', dossierInput(await freshUnitId(), goodContent({ womenShare: 1e300 })));
    expect(pathsOf(women)).toEqual(['content.womenShare']);
    const self = await refused(
      'dossiers.save',
      dossierInput(await freshUnitId(), goodContent({ selfScores: { participation: { points: Number.POSITIVE_INFINITY, justification: '' } } })),
    );
    expect(pathsOf(self)).toEqual(['content.selfScores.participation.points']);
  });

  it('an indicator the scheme does not know is call.invalidInput naming it', async () => {
    const content = goodContent();
    const error = await refused('dossiers.save', dossierInput(await freshUnitId(), { ...content, indicators: { ...content.indicators, bogusIndicator: 5 } }));
    expect(error.code).toBe('call.invalidInput');
    expect(error.issues).toEqual([{ path: 'content.indicators.bogusIndicator', key: 'validation.unknownIndicator', params: { indicator: 'bogusIndicator' } }]);
  });

  it('an indicator outside the scheme bounds is call.invalidInput naming it', async () => {
    const content = goodContent();
    const error = await refused('dossiers.save', dossierInput(await freshUnitId(), { ...content, indicators: { ...content.indicators, overdueRatio: 101 } }));
    expect(error.issues).toEqual([{ path: 'content.indicators.overdueRatio', key: 'validation.tooLarge', params: { maximum: 100 } }]);
  });

  it('a self score above the criterion maximum is call.invalidInput; an update keeps the old content', async () => {
    const tooHigh = goodContent({ selfScores: { participation: { points: 1550, justification: 'Tự chấm quá mức.' } } });
    const error = await refused('dossiers.save', dossierInput(await freshUnitId(), tooHigh));
    expect(error.code).toBe('call.invalidInput');
    expect(error.issues).toEqual([{ path: 'content.selfScores.participation.points', key: 'validation.tooLarge', params: { maximum: 15 } }]);

    const existing = (await installation.call('dossiers.list', { campaignYear: 2025 })).find((dossier) => dossier.unitId === unit.id);
    const update = await refused('dossiers.save', { ...dossierInput(unit.id, tooHigh), id: existing?.id ?? 'missing' });
    expect(update.code).toBe('call.invalidInput');
  });

  it('a self score for a criterion that is computed, not self-assessed, is refused', async () => {
    const error = await refused('dossiers.save', dossierInput(await freshUnitId(), goodContent({ selfScores: { loanPlan: { points: 1000, justification: '' } } })));
    expect(error.issues).toEqual([{ path: 'content.selfScores.loanPlan.points', key: 'validation.unknownCriterion', params: { criterion: 'loanPlan' } }]);
  });

  it('SQL in a unit name is stored literally and the tables are still there', async () => {
    const name = "'); DROP TABLE dossiers; --";
    const tableNames = () => (withDatabase(installation.dataDir, (db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()) as { name: string }[]).map((table) => table.name);
    const tablesBefore = tableNames();
    expect(tablesBefore).toContain('dossiers');
    const created = await installation.call('units.create', commune(name));
    expect(created.name).toBe(name);
    const stored = withDatabase(installation.dataDir, (db) => db.prepare('SELECT name FROM units WHERE id = ?').get(created.id)) as { name: string };
    expect(stored.name).toBe(name);
    expect(tableNames()).toEqual(tablesBefore);
    expect(countRows(installation.dataDir).dossiers).toBe(before.dossiers);

    const saved = await installation.call('dossiers.save', dossierInput(created.id, goodContent({ report: "x'; DELETE FROM dossiers; --" })));
    expect(saved.dossier.unitName).toBe(name);
    expect(saved.dossier.content.report).toBe("x'; DELETE FROM dossiers; --");
    expect(countRows(installation.dataDir).dossiers).toBe(before.dossiers + 1);
    before = countRows(installation.dataDir);
    dossiersBefore = tableRows(installation.dataDir, 'dossiers');
  });

  it('a 10 MB report is call.tooLarge before anything is parsed', async () => {
    const error = await refused('dossiers.save', dossierInput(await freshUnitId(), goodContent({ report: 'a'.repeat(10 * 1024 * 1024) })));
    expect(error).toEqual({ code: 'call.tooLarge', params: { maximum: MAX_REQUEST_BYTES } });
  });

  it('a report just over its own limit (50 000 characters) is call.invalidInput naming content.report', async () => {
    const error = await refused('dossiers.save', dossierInput(await freshUnitId(), goodContent({ report: 'b'.repeat(50_001) })));
    expect(error.issues).toEqual([{ path: 'content.report', key: 'validation.tooLong', params: { maximum: 50_000 } }]);
  });

  it('an unknown call name is call.unknown, even for names that look like object keys', async () => {
    for (const name of ['dossiers.delete', 'constructor', '__proto__', 'toString', '', 'DOSSIERS.SAVE']) {
      const error = await refused(name, {});
      expect(error.code, name).toBe('call.unknown');
    }
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [dossierInput('x')]],
    ['a string', 'dossier'],
    ['a number', 42],
  ])('input that is %s is call.invalidInput', async (_label, input) => {
    const error = await refused('dossiers.save', input);
    expect(error.code).toBe('call.invalidInput');
    expect(error.issues?.[0]?.path).toBe('');
  });

  it('no error carries a stack trace or an internal detail', async () => {
    const errors = [
      await refused('dossiers.save', null),
      await refused('dossiers.save', { ...dossierInput(unit.id), campaignYear: 'x' }),
      await refused('nope', {}),
    ];
    for (const error of errors) {
      const text = JSON.stringify(error);
      expect(text).not.toMatch(/at .*\.ts:\d+|node_modules|SqliteError|ZodError/);
    }
  });
});
