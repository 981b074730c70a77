// The legal priority for women in ties: an individual's comes from the person's gender in the registry (at the office,
// and at the branch for received dossiers), a collective's from its share of women; a share an older version stored
// for an individual is ignored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ranking } from '../../shared/contract/calls';
import { schemeFor } from '../../shared/domain/campaign';
import type { DossierContent } from '../../shared/domain/dossier';
import type { NomineeKind } from '../../shared/domain/kinds';
import type { Scheme } from '../../shared/scoring/types';
import { setUpCore } from '../support/core';
import { BRANCH_NAME, enrol, OFFICE_NAME, openInstallation, pdfBytes, YEAR, type Installation } from './exchange-support';
import { commune, completeContent, markReadyInFile } from './helpers';

const WOMAN = { fullName: 'Nguyễn Thị Thu Hà', birthYear: 1980, gender: 'female', position: 'Tổ trưởng Tổ TK&VV ấp Bình Hòa' } as const;
const MAN = { fullName: 'Trần Văn Bảy', birthYear: 1976, gender: 'male', position: 'Tổ trưởng Tổ TK&VV ấp Bình Lợi' } as const;

/** The ranking's rows as [dossier id, position, how many others share it] in order. */
function positions(ranking: Ranking): [string, number, number][] {
  return ranking.rows.map((row) => [row.dossierId, row.position, row.tied]);
}

describe('the priority for women at the office', () => {
  let installation: Awaited<ReturnType<typeof setUpCore>>;
  beforeEach(async () => {
    installation = await setUpCore();
  });
  afterEach(() => installation.close());

  async function schemeOf(kind: NomineeKind): Promise<Scheme> {
    const scheme = schemeFor(await installation.call('campaigns.get', { year: YEAR }), kind);
    if (!scheme) throw new Error(`no scheme for ${kind}`);
    return scheme;
  }

  it('two group heads with equal scores: the woman ranks first, whatever share of women the man’s older dossier carries', async () => {
    const unit = await installation.call('units.create', commune('UBND xã Hảo Đước'));
    const woman = await installation.call('people.create', { ...WOMAN, unitId: unit.id });
    const man = await installation.call('people.create', { ...MAN, unitId: unit.id });
    const content = completeContent(await schemeOf('groupHead'), 'groupHead');
    const save = (personId: string, womenShare: number | null) =>
      installation.call('dossiers.save', { campaignYear: YEAR, nomineeKind: 'groupHead', unitId: unit.id, personId, content: { ...content, womenShare } });
    const hers = await save(woman.id, null);
    // As an older version let an office type it: a share of women on an individual's dossier, still readable.
    const his = await save(man.id, 90);
    expect(his.dossier.content.womenShare).toBe(90);
    expect(hers.dossier.selfTotal).toBe(his.dossier.selfTotal);
    expect(hers.dossier.personGender).toBe('female');
    expect((await installation.call('dossiers.get', { id: his.dossier.id })).dossier.personGender).toBe('male');

    markReadyInFile(installation.dataDir, [hers.dossier.id, his.dossier.id]);
    const ranking = await installation.call('ranking.get', { campaignYear: YEAR, group: 'individual' });
    expect(ranking.tieBreaks.at(-1)).toEqual({ type: 'womenPriority' });
    expect(positions(ranking)).toEqual([
      [hers.dossier.id, 1, 0],
      [his.dossier.id, 2, 0],
    ]);

    // The registry decides: recorded as a woman too, the two can no longer be separated and are shown as a tie.
    await installation.call('people.update', { id: man.id, ...MAN, gender: 'female', unitId: unit.id });
    const tied = await installation.call('ranking.get', { campaignYear: YEAR, group: 'individual' });
    expect(tied.rows.map((row) => row.position)).toEqual([1, 1]);
    expect(tied.rows.map((row) => row.tied)).toEqual([1, 1]);
    expect((await installation.call('ranking.explain', { dossierIds: [hers.dossier.id] }))[0]?.tiedWith).toEqual([his.dossier.id]);
  });

  it('collectives keep their share of women: at least 70 % ranks first among equal scores', async () => {
    const scheme = await schemeOf('communePeoplesCommittee');
    const save = async (name: string, womenShare: number | null) => {
      const unit = await installation.call('units.create', commune(name));
      const content: DossierContent = completeContent(scheme, 'communePeoplesCommittee', { womenShare });
      return (await installation.call('dossiers.save', { campaignYear: YEAR, nomineeKind: 'communePeoplesCommittee', unitId: unit.id, content })).dossier;
    };
    const fewer = await save('UBND xã An Hòa', 69);
    const more = await save('UBND xã Bình Thạnh', 70);
    expect(fewer.personGender).toBeNull();
    markReadyInFile(installation.dataDir, [fewer.id, more.id]);
    const ranking = await installation.call('ranking.get', { campaignYear: YEAR, group: 'collective' });
    expect(positions(ranking)).toEqual([
      [more.id, 1, 0],
      [fewer.id, 2, 0],
    ]);
  });
});

describe('the priority for women at the branch, for received individual dossiers', () => {
  const usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-women-'));
  const opened: Installation[] = [];
  afterAll(() => {
    for (const installation of opened) installation.close();
    rmSync(usb, { recursive: true, force: true });
  });

  it('ranks the woman first from the person record that came with her dossier', async () => {
    const branch = await openInstallation('branch', BRANCH_NAME);
    const office = await openInstallation('office', OFFICE_NAME);
    opened.push(branch, office);
    const { communes } = await enrol(branch, office, usb, { communes: 1 });
    const unit = communes[0];
    if (!unit) throw new Error('no commune');
    const scheme = schemeFor(await office.call('campaigns.get', { year: YEAR }), 'groupHead');
    if (!scheme) throw new Error('no group-head scheme');
    const content = completeContent(scheme, 'groupHead');

    const ready = async (person: typeof WOMAN | typeof MAN, womenShare: number | null): Promise<string> => {
      const created = await office.call('people.create', { ...person, unitId: unit.id });
      const saved = await office.call('dossiers.save', { campaignYear: YEAR, nomineeKind: 'groupHead', unitId: unit.id, personId: created.id, content: { ...content, womenShare } });
      await office.call('attachments.add', { dossierId: saved.dossier.id, fileName: 'Biên bản họp Tổ.pdf', content: pdfBytes(person.fullName).toString('base64') });
      return (await office.call('dossiers.setStatus', { id: saved.dossier.id, status: 'ready' })).dossier.id;
    };
    const hers = await ready(WOMAN, null);
    const his = await ready(MAN, 95);

    const submission = join(usb, 'submission.tdcs');
    await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: submission });
    await branch.apply(submission, { acceptLate: true });
    expect((await branch.call('dossiers.get', { id: his })).dossier).toMatchObject({ status: 'received', personGender: 'male', content: { womenShare: 95 } });
    expect((await branch.call('dossiers.get', { id: hers })).dossier).toMatchObject({ status: 'received', personGender: 'female' });

    const ranking = await branch.call('ranking.get', { campaignYear: YEAR, group: 'individual' });
    expect(positions(ranking)).toEqual([
      [hers, 1, 0],
      [his, 2, 0],
    ]);
  });
});
