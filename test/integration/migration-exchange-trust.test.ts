// Migration 006 on a database written by the previous version: the setup files of offices that enrolled count as
// used, those written before an office's key was revoked as voided, and received files name their sender's
// installation — so the rules of single-use setup files and of skipped files hold from the first start after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { migrations } from '../../electron/db/migrations';
import { BRANCH_NAME, enrol, OFFICE_NAME, openInstallation, YEAR, type Installation } from './exchange-support';
import { asSchema, withDatabase } from './helpers';

describe('migration 006 (exchange trust) on an existing branch database', () => {
  const usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-migration-'));
  const installations: Installation[] = [];
  afterAll(() => {
    for (const installation of installations) installation.close();
    rmSync(usb, { recursive: true, force: true });
  });

  it('fills what the database already knows: used and voided setup files, the senders of received files', async () => {
    const branch = await openInstallation('branch', BRANCH_NAME);
    const goDau = await openInstallation('office', OFFICE_NAME);
    const trangBang = await openInstallation('office', 'Phòng giao dịch NHCSXH Trảng Bàng');
    installations.push(branch, goDau, trangBang);
    const first = await enrol(branch, goDau, usb, { communes: 1, tag: 'go-dau' });
    const second = await enrol(branch, trangBang, usb, { communes: 1, tag: 'trang-bang' });
    await branch.call('exchange.revoke', { installationId: second.officeId, revoked: true });
    // A setup written for Gò Dầu afterwards (a new campaign's), which no installation has used.
    await branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId: first.officeUnit.id, to: join(usb, 'setup-later.tdcs') });
    branch.shutdown();
    // The database as the previous version left it.
    withDatabase(branch.dataDir, (db) => asSchema(db, 5), { readonly: false });
    openCore({ dataDir: branch.dataDir }).close();
    const setups = withDatabase(branch.dataDir, (db) => db.prepare('SELECT office_unit_id AS unit, used_by AS usedBy, voided_at IS NOT NULL AS voided FROM issued_setups ORDER BY at').all());
    expect(setups).toEqual([
      { unit: first.officeUnit.id, usedBy: first.officeId, voided: 0 },
      { unit: second.officeUnit.id, usedBy: second.officeId, voided: 1 },
      { unit: first.officeUnit.id, usedBy: first.officeId, voided: 0 },
    ]);
    const received = withDatabase(branch.dataDir, (db) => db.prepare("SELECT peer, sender_installation AS sender FROM exchanges WHERE direction = 'in' ORDER BY at").all());
    expect(received).toEqual([
      { peer: OFFICE_NAME, sender: first.officeId },
      { peer: 'Phòng giao dịch NHCSXH Trảng Bàng', sender: second.officeId },
    ]);
    expect(withDatabase(branch.dataDir, (db) => db.pragma('user_version', { simple: true }))).toBe(migrations.at(-1)?.version);
  }, 120_000);
});
