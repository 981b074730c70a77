import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileNameSlug } from '../../shared/domain/exchange';
import { temporaryDataDir } from '../support/data-dir';
import { BRANCH_NAME, openInstallation, YEAR, type Installation } from './exchange-support';

const OFFICE = 'Phòng giao dịch NHCSXH Đức Hòa';

describe('exchange files and names', () => {
  const open: { close: () => void }[] = [];
  afterEach(() => open.splice(0).forEach((item) => item.close()));

  async function branchWithOffice(): Promise<{ branch: Installation; officeUnitId: string }> {
    const branch = await openInstallation('branch', BRANCH_NAME);
    open.push(branch);
    const office = await branch.call('units.create', { name: OFFICE, kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
    for (const name of ['UBND xã Châu Thành', 'UBND xã Cần Giuộc', 'UBND xã Vĩnh Hưng', 'UBND xã Đức Lập']) {
      await branch.call('units.create', { name, kind: 'communePeoplesCommittee', level: 'commune', commune: name.replace('UBND ', ''), parentOfficeId: office.id });
    }
    return { branch, officeUnitId: office.id };
  }

  it('a setup file is named after the office it is for, with its capital Đ kept as D', async () => {
    const { branch, officeUnitId } = await branchWithOffice();
    const written = await branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId });
    expect(basename(written.fileName)).toContain('-setup-Phong-giao-dich-NHCSXH-Duc-Hoa-');
    expect(written.fileName).not.toContain('Chi-nhanh');
    expect(fileNameSlug('Đức Hòa đông')).toBe('Duc-Hoa-dong');
  });

  it('the dry run lists names in Vietnamese order, and shows the name typed at set-up beside the branch’s; the branch’s is used unless kept', async () => {
    const { branch, officeUnitId } = await branchWithOffice();
    const stick = temporaryDataDir('tdcs-names-usb-');
    open.push({ close: stick.remove });
    const file = join(stick.dir, 'setup.tdcs');
    await branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId, to: file });

    const office = await openInstallation('office', 'PGD Đức Hòa');
    open.push(office);
    const plan = await office.dryRun(file);
    expect(plan.officeName).toEqual({ typed: 'PGD Đức Hòa', branch: OFFICE });
    const communes = plan.items.filter((item) => typeof item.label === 'string' && item.label.startsWith('UBND')).map((item) => item.label);
    expect(communes).toEqual(['UBND xã Cần Giuộc', 'UBND xã Châu Thành', 'UBND xã Đức Lập', 'UBND xã Vĩnh Hưng']);
    await office.apply(file, { fingerprintConfirmed: true });
    expect((await office.call('app.status', {})).organisationName).toBe(OFFICE);

    const keeping = await openInstallation('office', 'PGD Đức Hòa');
    open.push(keeping);
    await keeping.apply(file, { fingerprintConfirmed: true, keepOwnName: true });
    expect((await keeping.call('app.status', {})).organisationName).toBe('PGD Đức Hòa');

    // The same name (spaces aside) needs no choice.
    const same = await openInstallation('office', `${OFFICE}  `);
    open.push(same);
    expect((await same.dryRun(file)).officeName).toBeNull();
  });
});
