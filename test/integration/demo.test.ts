import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearInProgress } from '../../shared/domain/campaign';
import { localIsoDate } from '../../shared/domain/deadline';
import { setUpCore } from '../support/core';
import { commune, countRows, hasVietnameseDiacritics, tableRows } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

describe('the demo dataset', () => {
  let demo: Installation;
  beforeAll(async () => {
    demo = await setUpCore({ demo: true });
  });
  afterAll(() => demo.close());

  it('has at least 200 dossiers and 500 units, named in Vietnamese', async () => {
    const counts = countRows(demo.dataDir);
    expect(counts.dossiers).toBeGreaterThanOrEqual(200);
    expect(counts.units).toBeGreaterThanOrEqual(500);

    const units = await demo.call('units.list', {});
    expect(units).toHaveLength(counts.units);
    const named = units.filter((unit) => hasVietnameseDiacritics(unit.name));
    expect(named.length / units.length).toBeGreaterThan(0.9);
    expect(units.some((unit) => unit.name === 'Chi nhánh NHCSXH tỉnh Tây Ninh')).toBe(true);

    const year = (await demo.call('app.status', {})).currentCampaignYear;
    const dossiers = await demo.call('dossiers.list', { campaignYear: year });
    expect(dossiers).toHaveLength(counts.dossiers);
    expect(dossiers.every((dossier) => dossier.unitName.length > 0)).toBe(true);
    // A mix of statuses and results, as in a real campaign: at an office, from draft to returned by the branch.
    expect(new Set(dossiers.map((dossier) => dossier.status))).toEqual(new Set(['draft', 'ready', 'exported', 'received', 'returned']));
    expect(dossiers.filter((dossier) => dossier.status === 'returned').every((dossier) => (dossier.returnReason ?? '').length > 10)).toBe(true);
    expect(dossiers.some((dossier) => dossier.eligible)).toBe(true);
    expect(dossiers.some((dossier) => !dossier.eligible)).toBe(true);
    expect(dossiers.some((dossier) => !dossier.complete)).toBe(true);
  });

  it('is the campaign year in progress today, its deadline ahead, with collectives and individuals', async () => {
    const today = localIsoDate(new Date());
    const status = await demo.call('app.status', {});
    expect(status.currentCampaignYear).toBe(yearInProgress(today));
    const campaign = await demo.call('campaigns.get', { year: status.currentCampaignYear });
    expect(campaign.deadline > today).toBe(true);
    expect(campaign.schemes.every((scheme) => scheme.label.vi.endsWith(String(campaign.year)) || !/\d{4}$/.test(scheme.label.vi))).toBe(true);
    const dossiers = await demo.call('dossiers.list', { campaignYear: status.currentCampaignYear });
    const individuals = dossiers.filter((dossier) => dossier.personId !== null);
    expect(individuals.length).toBeGreaterThan(30);
    expect(new Set(individuals.map((dossier) => dossier.status)).size).toBeGreaterThan(2);
    // A commune's body belongs to its office: the list's "belongs to" column is filled for collectives too.
    const communeBodies = dossiers.filter((dossier) => dossier.personId === null && dossier.unitName.includes(' xã '));
    expect(communeBodies.length).toBeGreaterThan(50);
    expect(communeBodies.every((dossier) => dossier.officeName?.startsWith('Phòng giao dịch NHCSXH'))).toBe(true);
  });

  it('at the branch: what the offices sent (received, some returned with a reason), none late, three offices nothing yet', async () => {
    const branch = await setUpCore({ demo: true, mode: 'branch' });
    try {
      const year = (await branch.call('app.status', {})).currentCampaignYear;
      const dossiers = await branch.call('dossiers.list', { campaignYear: year });
      const fromOffices = dossiers.filter((dossier) => dossier.officeName !== null);
      expect(new Set(fromOffices.map((dossier) => dossier.status))).toEqual(new Set(['received', 'returned']));
      expect(fromOffices.every((dossier) => dossier.receivedAt !== null && !dossier.late)).toBe(true);
      expect(fromOffices.filter((dossier) => dossier.status === 'returned').length).toBeGreaterThan(5);
      expect(fromOffices.some((dossier) => dossier.personId !== null)).toBe(true);
      const offices = (await branch.call('units.list', {})).filter((unit) => unit.kind === 'transactionOffice');
      const sending = new Set(fromOffices.map((dossier) => dossier.officeName));
      expect(offices.filter((office) => !sending.has(office.name))).toHaveLength(3);
    } finally {
      branch.close();
    }
  });

  it('commune bodies hang under an office that exists', async () => {
    const units = await demo.call('units.list', {});
    const ids = new Set(units.map((unit) => unit.id));
    const communes = units.filter((unit) => unit.level === 'commune');
    expect(communes.length).toBeGreaterThan(0);
    for (const unit of communes) {
      expect(unit.parentOfficeId).not.toBeNull();
      expect(ids.has(unit.parentOfficeId ?? '')).toBe(true);
    }
  });

  it('loading it again is refused with demo.notEmpty and changes nothing', async () => {
    const before = countRows(demo.dataDir);
    const dossiers = tableRows(demo.dataDir, 'dossiers');
    expect((await demo.errorOf('demo.load', {})).code).toBe('demo.notEmpty');
    expect(countRows(demo.dataDir)).toEqual(before);
    expect(tableRows(demo.dataDir, 'dossiers')).toEqual(dossiers);
  });
});

describe('loading the demo', () => {
  it('into an installation that has a unit but no dossier is refused with demo.notEmpty', async () => {
    const installation = await setUpCore();
    try {
      await installation.call('units.create', commune('UBND xã Hảo Đước'));
      const before = countRows(installation.dataDir);
      expect((await installation.errorOf('demo.load', {})).code).toBe('demo.notEmpty');
      expect(countRows(installation.dataDir)).toEqual(before);
    } finally {
      installation.close();
    }
  });

  it('into an empty installation fills it and reports what it loaded; the demo is the same every time', async () => {
    const installation = await setUpCore();
    const other = await setUpCore({ demo: true });
    try {
      const summary = await installation.call('demo.load', {});
      const counts = countRows(installation.dataDir);
      expect(summary).toEqual({ units: counts.units, dossiers: counts.dossiers });
      const names = (await installation.call('units.list', {})).map((unit) => unit.name);
      expect(names).toEqual((await other.call('units.list', {})).map((unit) => unit.name));
      // The same nominees with the same totals; dossier ids belong to each installation, so two demos never collide in an exchange.
      const year = (await installation.call('app.status', {})).currentCampaignYear;
      const totals = (await installation.call('dossiers.list', { campaignYear: year })).map((dossier) => [dossier.unitId, dossier.nomineeKind, dossier.selfTotal, dossier.status]);
      expect(totals.length).toBeGreaterThan(200);
      expect(totals).toEqual((await other.call('dossiers.list', { campaignYear: year })).map((dossier) => [dossier.unitId, dossier.nomineeKind, dossier.selfTotal, dossier.status]));
      const ids = new Set((await installation.call('dossiers.list', { campaignYear: year })).map((dossier) => dossier.id));
      expect((await other.call('dossiers.list', { campaignYear: year })).some((dossier) => ids.has(dossier.id))).toBe(false);
    } finally {
      installation.close();
      other.close();
    }
  });
});
