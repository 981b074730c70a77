import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemeFor } from '../../shared/domain/campaign';
import type { NomineeKind } from '../../shared/domain/kinds';
import type { Unit } from '../../shared/domain/unit';
import type { Scheme } from '../../shared/scoring/types';
import { setUpCore } from '../support/core';
import { commune, completeContent, databaseSnapshot, officeCounts, tableRows } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

describe('the people an office can nominate', () => {
  let installation: Installation;
  let ward: Unit;
  let farmers: Unit;
  beforeEach(async () => {
    installation = await setUpCore();
    ward = await installation.call('units.create', commune('UBND xã Tân Lập'));
    farmers = await installation.call('units.create', { ...commune('Hội Nông dân xã Tân Lập'), kind: 'farmersAssociation' });
  });
  afterEach(() => installation.close());

  /** The campaign's own copy of the scheme that scores a kind (the council may have edited it). */
  async function schemeOf(kind: NomineeKind): Promise<Scheme> {
    const scheme = schemeFor(await installation.call('campaigns.get', { year: 2025 }), kind);
    if (!scheme) throw new Error(`no scheme for ${kind}`);
    return scheme;
  }

  async function groupHead(fullName = 'Nguyễn Thị Bích Ngọc') {
    return installation.call('people.create', { fullName, birthYear: 1978, gender: 'female', position: 'Tổ trưởng Tổ TK&VV ấp Tân Đông', unitId: farmers.id });
  }

  it('an officer registers people under their units and finds them in the list with the unit’s name', async () => {
    const ngoc = await installation.call('people.create', {
      fullName: '  Nguyễn Thị Bích Ngọc  ',
      birthYear: 1978,
      gender: 'female',
      position: 'Tổ trưởng Tổ TK&VV ấp Tân Đông',
      unitId: farmers.id,
    });
    expect(ngoc).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      fullName: 'Nguyễn Thị Bích Ngọc',
      birthYear: 1978,
      gender: 'female',
      position: 'Tổ trưởng Tổ TK&VV ấp Tân Đông',
      unitId: farmers.id,
      unitName: 'Hội Nông dân xã Tân Lập',
      retired: false,
    });
    const binh = await installation.call('people.create', { fullName: 'Lê Văn Bình', birthYear: null, gender: 'male', position: 'Phó Chủ tịch UBND xã', unitId: ward.id });

    const list = await installation.call('people.list', {});
    expect(list).toHaveLength(2);
    expect(list.find((person) => person.id === ngoc.id)).toEqual(ngoc);
    expect(list.find((person) => person.id === binh.id)).toMatchObject({ fullName: 'Lê Văn Bình', birthYear: null, unitName: 'UBND xã Tân Lập' });
    expect(officeCounts(installation.dataDir).people).toBe(2);
  });

  it('updating a person changes their record in place; moving them to another unit shows the new unit’s name', async () => {
    const person = await groupHead();
    const moved = await installation.call('people.update', {
      id: person.id,
      fullName: 'Nguyễn Thị Bích Ngọc',
      birthYear: 1979,
      gender: 'female',
      position: 'Chủ tịch Hội Nông dân xã',
      unitId: ward.id,
    });
    expect(moved).toEqual({ ...person, birthYear: 1979, position: 'Chủ tịch Hội Nông dân xã', unitId: ward.id, unitName: 'UBND xã Tân Lập' });
    expect(await installation.call('people.list', {})).toEqual([moved]);
    expect(officeCounts(installation.dataDir).people).toBe(1);
  });

  it('a renamed unit is shown under its new name for its people; a retired unit leaves the list but keeps its people', async () => {
    const person = await groupHead();
    const renamed = await installation.call('units.update', { id: farmers.id, name: 'Hội Nông dân xã Tân Lập (mới)', kind: 'farmersAssociation', level: 'commune', commune: 'xã Tân Lập', parentOfficeId: null });
    expect(renamed).toMatchObject({ id: farmers.id, name: 'Hội Nông dân xã Tân Lập (mới)', commune: 'xã Tân Lập', retired: false });
    expect((await installation.call('people.list', {}))[0]).toMatchObject({ id: person.id, unitName: 'Hội Nông dân xã Tân Lập (mới)' });

    const retired = await installation.call('units.retire', { id: farmers.id, retired: true });
    expect(retired.retired).toBe(true);
    expect((await installation.call('units.list', {})).map((unit) => unit.id)).toEqual([ward.id]);
    expect((await installation.call('units.list', { includeRetired: true })).map((unit) => unit.id).sort()).toEqual([farmers.id, ward.id].sort());
    expect((await installation.call('people.list', {}))[0]).toMatchObject({ id: person.id, unitId: farmers.id });
    expect((await installation.call('units.retire', { id: farmers.id, retired: false })).retired).toBe(false);
  });

  it('a unit cannot be its own transaction office, and an unknown unit cannot be updated or retired: unit.notFound, nothing written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const self = await installation.errorOf('units.update', { id: ward.id, ...commune('UBND xã Tân Lập'), parentOfficeId: ward.id });
    expect(self).toMatchObject({ code: 'unit.notFound', params: { id: ward.id } });
    expect((await installation.errorOf('units.update', { id: 'no-such-unit', ...commune('UBND xã Ma') })).code).toBe('unit.notFound');
    expect((await installation.errorOf('units.retire', { id: 'no-such-unit', retired: true })).code).toBe('unit.notFound');
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a person under a unit that does not exist is refused with unit.notFound, whether created or moved; nothing is written', async () => {
    const person = await groupHead();
    const before = databaseSnapshot(installation.dataDir);
    const create = await installation.errorOf('people.create', { fullName: 'Trần Văn Mồ Côi', birthYear: 1980, gender: 'male', position: '', unitId: 'no-such-unit' });
    expect(create).toMatchObject({ code: 'unit.notFound', params: { id: 'no-such-unit' } });
    const move = await installation.errorOf('people.update', { id: person.id, fullName: person.fullName, birthYear: 1978, gender: 'female', position: '', unitId: 'no-such-unit' });
    expect(move).toMatchObject({ code: 'unit.notFound', params: { id: 'no-such-unit' } });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('an unknown person cannot be updated or retired: person.notFound, nothing written', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const update = await installation.errorOf('people.update', { id: 'no-such-person', fullName: 'Ai Đó', birthYear: null, gender: 'male', position: '', unitId: ward.id });
    expect(update).toMatchObject({ code: 'person.notFound', params: { id: 'no-such-person' } });
    expect((await installation.errorOf('people.retire', { id: 'no-such-person', retired: true })).code).toBe('person.notFound');
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a one-letter name, a birth year of 1900 and a gender "x" are refused together, each on its own field', async () => {
    const before = databaseSnapshot(installation.dataDir);
    const error = await installation.errorOf('people.create', { fullName: ' N ', birthYear: 1900, gender: 'x', position: '', unitId: ward.id });
    expect(error.code).toBe('call.invalidInput');
    const issues = [...(error.issues ?? [])].sort((a, b) => a.path.localeCompare(b.path));
    expect(issues).toEqual([
      { path: 'birthYear', key: 'validation.tooSmall', params: { minimum: 1930 } },
      { path: 'fullName', key: 'validation.tooShort', params: { minimum: 2 } },
      { path: 'gender', key: 'validation.choice', params: {} },
    ]);
    // The same checks guard an update.
    const person = await groupHead();
    const afterCreate = databaseSnapshot(installation.dataDir);
    const update = await installation.errorOf('people.update', { id: person.id, fullName: person.fullName, birthYear: 2011, gender: 'female', position: '', unitId: ward.id });
    expect(update).toMatchObject({ code: 'call.invalidInput', issues: [{ path: 'birthYear', key: 'validation.tooLarge', params: { maximum: 2010 } }] });
    expect(databaseSnapshot(installation.dataDir)).toEqual(afterCreate);
    expect(before.people).toEqual([]);
  });

  it('a retired person leaves the list, comes back with includeRetired, and can be brought back', async () => {
    const person = await groupHead();
    const retired = await installation.call('people.retire', { id: person.id, retired: true });
    expect(retired).toEqual({ ...person, retired: true });
    expect(await installation.call('people.list', {})).toEqual([]);
    expect(await installation.call('people.list', { includeRetired: true })).toEqual([retired]);
    expect(await installation.call('people.retire', { id: person.id, retired: false })).toEqual(person);
    expect(officeCounts(installation.dataDir).people).toBe(1);
  });

  it('an individual dossier for a group head is saved under the person’s own unit, whatever unit the form sent', async () => {
    const person = await groupHead();
    const scheme = await schemeOf('groupHead');
    const content = completeContent(scheme, 'groupHead');
    const saved = await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'groupHead', unitId: ward.id, personId: person.id, content });
    expect(saved.dossier).toMatchObject({
      nomineeKind: 'groupHead',
      personId: person.id,
      personName: 'Nguyễn Thị Bích Ngọc',
      unitId: farmers.id,
      unitName: 'Hội Nông dân xã Tân Lập',
      schemeId: scheme.id,
      status: 'draft',
      revision: 1,
      complete: true,
    });
    expect(saved.dossier.content).toEqual(content);
    expect(saved.scheme.kinds).toContain('groupHead');
    expect((await installation.call('dossiers.list', { campaignYear: 2025 })).map((dossier) => [dossier.personName, dossier.unitId])).toEqual([['Nguyễn Thị Bích Ngọc', farmers.id]]);
    const row = tableRows(installation.dataDir, 'dossiers') as { person_id: string; unit_id: string }[];
    expect(row).toMatchObject([{ person_id: person.id, unit_id: farmers.id }]);
  });

  it('an individual kind without a person is person.notFound; an unknown person too; nothing written', async () => {
    const content = completeContent(await schemeOf('groupHead'), 'groupHead');
    const before = databaseSnapshot(installation.dataDir);
    expect((await installation.errorOf('dossiers.save', { campaignYear: 2025, nomineeKind: 'groupHead', unitId: farmers.id, content })).code).toBe('person.notFound');
    const unknown = await installation.errorOf('dossiers.save', { campaignYear: 2025, nomineeKind: 'groupHead', unitId: farmers.id, personId: 'no-such-person', content });
    expect(unknown).toMatchObject({ code: 'person.notFound', params: { id: 'no-such-person' } });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a second dossier for the same person and kind is refused with dossier.duplicate, and the first is kept', async () => {
    const person = await groupHead();
    const content = completeContent(await schemeOf('groupHead'), 'groupHead');
    const first = await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'groupHead', unitId: farmers.id, personId: person.id, content });
    const before = databaseSnapshot(installation.dataDir);
    const error = await installation.errorOf('dossiers.save', {
      campaignYear: 2025,
      nomineeKind: 'groupHead',
      unitId: farmers.id,
      personId: person.id,
      content: { ...content, report: `${content.report}\nBản thứ hai.` },
    });
    expect(error).toMatchObject({ code: 'dossier.duplicate', params: { id: first.dossier.id, name: 'Nguyễn Thị Bích Ngọc' } });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);

    // A namesake in the same unit is another person, with a dossier of their own.
    const namesake = await groupHead();
    const second = await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'groupHead', unitId: farmers.id, personId: namesake.id, content });
    expect(second.dossier.id).not.toBe(first.dossier.id);
  });

  it('a retired person cannot get a new dossier (person.retired), but their existing dossier still opens and can be corrected', async () => {
    const withDossier = await groupHead('Phạm Thị Thu');
    const withoutDossier = await groupHead('Võ Văn Kiệt');
    const content = completeContent(await schemeOf('groupHead'), 'groupHead');
    const existing = await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'groupHead', unitId: farmers.id, personId: withDossier.id, content });
    await installation.call('people.retire', { id: withDossier.id, retired: true });
    await installation.call('people.retire', { id: withoutDossier.id, retired: true });

    const before = databaseSnapshot(installation.dataDir);
    const refused = await installation.errorOf('dossiers.save', { campaignYear: 2025, nomineeKind: 'groupHead', unitId: farmers.id, personId: withoutDossier.id, content });
    expect(refused).toMatchObject({ code: 'person.retired', params: { name: 'Võ Văn Kiệt' } });
    // Another individual kind for the person with a dossier is a new dossier too.
    const otherKind = await installation.errorOf('dossiers.save', {
      campaignYear: 2025,
      nomineeKind: 'entrustedOfficer',
      unitId: farmers.id,
      personId: withDossier.id,
      content: completeContent(await schemeOf('entrustedOfficer'), 'entrustedOfficer'),
    });
    expect(otherKind.code).toBe('person.retired');
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);

    const opened = await installation.call('dossiers.get', { id: existing.dossier.id });
    expect(opened.dossier).toMatchObject({ personId: withDossier.id, personName: 'Phạm Thị Thu', content });
    const corrected = await installation.call('dossiers.save', {
      id: existing.dossier.id,
      campaignYear: 2025,
      nomineeKind: 'groupHead',
      unitId: farmers.id,
      personId: withDossier.id,
      content: { ...content, womenShare: null },
    });
    expect(corrected.dossier).toMatchObject({ id: existing.dossier.id, revision: 1, content: { womenShare: null } });
  });

  it('a collective kind with a person is dossier.kindMismatch: a People’s Committee is not a person; nothing written', async () => {
    const person = await installation.call('people.create', { fullName: 'Lê Văn Bình', birthYear: 1970, gender: 'male', position: 'Chủ tịch UBND xã', unitId: ward.id });
    const content = completeContent(await schemeOf('communePeoplesCommittee'), 'communePeoplesCommittee');
    const before = databaseSnapshot(installation.dataDir);
    const error = await installation.errorOf('dossiers.save', { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId: ward.id, personId: person.id, content });
    expect(error).toMatchObject({ code: 'dossier.kindMismatch', params: { name: 'communePeoplesCommittee' } });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
    // Without the person, the same dossier is the unit’s own.
    const saved = await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId: ward.id, personId: null, content });
    expect(saved.dossier).toMatchObject({ unitId: ward.id, personId: null, personName: null });
  });

  it('a retired unit cannot get a new collective dossier (unit.retired); nothing written', async () => {
    const content = completeContent(await schemeOf('communePeoplesCommittee'), 'communePeoplesCommittee');
    await installation.call('units.retire', { id: ward.id, retired: true });
    const before = databaseSnapshot(installation.dataDir);
    const error = await installation.errorOf('dossiers.save', { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId: ward.id, content });
    expect(error).toMatchObject({ code: 'unit.retired', params: { name: 'UBND xã Tân Lập' } });
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('people survive a restart of the application', async () => {
    const person = await groupHead();
    installation.reopen();
    await installation.login();
    expect(await installation.call('people.list', {})).toEqual([person]);
  });
});
