// Each recipient's files are numbered on their own: with two offices, what the branch sends one of them never looks
// to the other like a file it missed. An installation upgraded from the one shared number continues above it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BRANCH_NAME, enrol, openInstallation, type Installation, YEAR } from './exchange-support';
import { withDatabase } from './helpers';

describe('the numbers of the files the branch sends', () => {
  const opened: Installation[] = [];
  const folders: string[] = [];
  afterEach(() => {
    for (const installation of opened.splice(0)) installation.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const open = async (mode: 'branch' | 'office', name: string): Promise<Installation> => {
    const installation = await openInstallation(mode, name);
    opened.push(installation);
    return installation;
  };
  const usb = (): string => {
    const folder = mkdtempSync(join(tmpdir(), 'tdcs-sequences-'));
    folders.push(folder);
    return folder;
  };

  /** The branch sends a receipt to an office; the office's dry run says how the number follows its last one, then imports it. */
  const sendReceipt = async (branch: Installation, office: Installation, folder: string, name: string) => {
    const officeInstallationId = (await office.identity()).installationId;
    const file = join(folder, name);
    const sent = await branch.call('exchange.export', { kind: 'receipt', campaignYear: YEAR, officeInstallationId, to: file });
    const plan = await office.dryRun(file);
    await office.apply(file);
    return { sequence: sent.sequence, status: plan.sequenceStatus };
  };

  it('follows on at each office whatever was sent to the other in between', async () => {
    const branch = await open('branch', BRANCH_NAME);
    const goDau = await open('office', 'Phòng giao dịch NHCSXH Gò Dầu');
    const trangBang = await open('office', 'Phòng giao dịch NHCSXH Trảng Bàng');
    const folder = usb();
    await enrol(branch, goDau, folder, { tag: 'go-dau' });
    await enrol(branch, trangBang, folder, { tag: 'trang-bang' });

    expect(await sendReceipt(branch, goDau, folder, 'a1.tdcs')).toEqual({ sequence: 2, status: 'next' });
    expect(await sendReceipt(branch, trangBang, folder, 'b1.tdcs')).toEqual({ sequence: 2, status: 'next' });
    expect(await sendReceipt(branch, trangBang, folder, 'b2.tdcs')).toEqual({ sequence: 3, status: 'next' });
    expect(await sendReceipt(branch, goDau, folder, 'a2.tdcs')).toEqual({ sequence: 3, status: 'next' });
    // A file really missed is still noticed: the third one to Gò Dầu never arrives.
    const officeInstallationId = (await goDau.identity()).installationId;
    await branch.call('exchange.export', { kind: 'receipt', campaignYear: YEAR, officeInstallationId, to: join(folder, 'a3-lost.tdcs') });
    expect(await sendReceipt(branch, goDau, folder, 'a4.tdcs').catch((error: { shape?: { code: string } }) => error.shape?.code)).toBe('exchange.outOfOrder');
    expect((await goDau.dryRun(join(folder, 'a4.tdcs'))).sequenceStatus).toBe('gap');
  });

  it('continues above the one number an earlier version shared among all recipients', async () => {
    const branch = await open('branch', BRANCH_NAME);
    const goDau = await open('office', 'Phòng giao dịch NHCSXH Gò Dầu');
    const folder = usb();
    // As an earlier version left it: eleven files sent, numbered one after another whoever received them.
    withDatabase(branch.dataDir, (db) => db.prepare("INSERT INTO settings (key, value) VALUES ('outgoingSequence', '11')").run(), { readonly: false });
    await branch.reopen();
    await enrol(branch, goDau, folder);
    expect((await goDau.identity()).peers[0]?.lastSequence).toBe(12);
    expect(await sendReceipt(branch, goDau, folder, 'a1.tdcs')).toEqual({ sequence: 13, status: 'next' });
  });
});
