import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import type { AuditEntry } from '../../shared/domain/audit';
import { auditCsv } from '../../shared/domain/audit-csv';
import { translator } from '../../shared/i18n/translator';
import { accountSession } from '../support/accounts';
import { ADMIN, setUpCore } from '../support/core';
import { commune, dossierInput, fakeIo, goodContent, rawCall, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

async function tdcs(argv: string[], stdin = '') {
  const terminal = fakeIo(stdin);
  const code = await runCli(argv, terminal.io);
  return { code, out: terminal.out.join('\n'), err: terminal.err.join('\n') };
}

function actions(dataDir: string): string[] {
  return withDatabase(dataDir, (db) => (db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((row) => row.action));
}

describe('the audit log', () => {
  let installation: Installation | null = null;
  afterEach(() => {
    installation?.close();
    installation = null;
  });

  it('records every write in its own transaction — who, what, the record, before and after — and nothing for a refused one', async () => {
    const opened = await setUpCore();
    installation = opened;
    expect(actions(opened.dataDir)).toEqual(['setup.initialised', 'account.created', 'auth.signedIn']);

    const unit = await opened.call('units.create', commune('UBND xã Tân Hiệp'));
    await opened.call('units.update', { id: unit.id, ...commune('UBND xã Tân Hiệp (mới)') });
    const saved = await opened.call('dossiers.save', dossierInput(unit.id, goodContent()));
    await opened.call('dossiers.save', { ...dossierInput(unit.id, goodContent({ report: `${goodContent().report} Bổ sung.` })), id: saved.dossier.id });
    // A refused write (an unknown indicator) writes nothing to the log either.
    const before = actions(opened.dataDir).length;
    expect((await opened.errorOf('dossiers.save', dossierInput(unit.id, goodContent({ indicators: { khongCo: 1 } })))).code).toBe('call.invalidInput');
    expect(actions(opened.dataDir)).toHaveLength(before);

    expect(actions(opened.dataDir).slice(3)).toEqual(['unit.created', 'unit.updated', 'dossier.created', 'dossier.updated']);
    const page = await opened.call('audit.list', { recordType: 'unit', recordId: unit.id });
    expect(page.total).toBe(2);
    const updated = page.entries[0] as AuditEntry;
    expect(updated).toMatchObject({ action: 'unit.updated', actor: ADMIN.username, recordType: 'unit', recordId: unit.id });
    expect(updated.change.before).toMatchObject({ name: 'UBND xã Tân Hiệp' });
    expect(updated.change.after).toMatchObject({ name: 'UBND xã Tân Hiệp (mới)' });
    // A dossier's entry shows its state and score, never its content (the report, the people's data).
    const dossierEntries = (await opened.call('audit.list', { recordType: 'dossier' })).entries;
    expect(JSON.stringify(dossierEntries)).not.toContain('Bổ sung');
  });

  it('signing in, a wrong password and signing out are recorded; the failure is not put on the account’s owner', async () => {
    const opened = await setUpCore();
    installation = opened;
    expect((await rawCall(opened.core, 'auth.login', { username: ADMIN.username, password: 'sai-mat-khau' })).ok).toBe(false);
    expect((await rawCall(opened.core, 'auth.login', { username: 'khong-co-ai', password: 'sai-mat-khau' })).ok).toBe(false);
    await opened.call('auth.logout', {});
    const entries = withDatabase(opened.dataDir, (db) => db.prepare("SELECT action, actor, actor_id, record_id, change FROM audit_log WHERE action LIKE 'auth.%' ORDER BY seq").all()) as {
      action: string;
      actor: string;
      actor_id: string | null;
      record_id: string | null;
      change: string;
    }[];
    expect(entries.map((entry) => entry.action)).toEqual(['auth.signedIn', 'auth.signInFailed', 'auth.signInFailed', 'auth.signedOut']);
    expect(entries[1]).toMatchObject({ actor: 'anonymous', actor_id: null });
    expect(entries[1]?.record_id).toBeTruthy();
    // An unknown name is not written down (it may be a password typed in the wrong box).
    expect(entries[2]).toMatchObject({ actor: 'anonymous', record_id: null });
    expect(JSON.stringify(entries)).not.toContain('khong-co-ai');
    expect(JSON.stringify(entries)).not.toContain('sai-mat-khau');
  });

  it('each person sees only their own entries; the administrator sees everyone’s and filters them', async () => {
    const opened = await setUpCore({ mode: 'branch' });
    installation = opened;
    const clerk = await accountSession(opened.core, { username: 'can.bo', role: 'clerk', password: 'mat-khau-can-bo' });
    const secretary = await accountSession(opened.core, { username: 'thu.ky', role: 'secretary', password: 'mat-khau-thu-ky' });
    const unit = await rawCall(opened.core, 'units.create', commune('UBND xã Long Thành'), clerk);
    expect(unit.ok).toBe(true);
    expect((await rawCall(opened.core, 'campaigns.update', { year: 2025, deadline: '2026-01-15' }, secretary)).ok).toBe(true);

    const seenBy = async (session: string) => {
      const response = await rawCall(opened.core, 'audit.list', { limit: 1000 }, session);
      if (!response.ok) throw new Error(response.error.code);
      return (response.value as { entries: AuditEntry[] }).entries;
    };
    const clerkSees = await seenBy(clerk);
    expect(new Set(clerkSees.map((entry) => entry.actor))).toEqual(new Set(['can.bo']));
    expect(clerkSees.map((entry) => entry.action)).toContain('unit.created');
    // Asking for someone else's entries changes nothing for a clerk.
    const asked = await rawCall(opened.core, 'audit.list', { actorId: 'someone-else' }, clerk);
    expect(asked.ok && (asked.value as { entries: AuditEntry[] }).entries.every((entry) => entry.actor === 'can.bo')).toBe(true);
    const secretarySees = await seenBy(secretary);
    expect(secretarySees.map((entry) => entry.action)).toContain('campaign.updated');
    expect(secretarySees.every((entry) => entry.actor === 'thu.ky')).toBe(true);

    const everyone = await opened.call('audit.list', { limit: 1000 });
    const actors = new Set(everyone.entries.map((entry) => entry.actor));
    for (const name of ['admin', 'can.bo', 'thu.ky']) expect(actors.has(name), name).toBe(true);
    const family = await opened.call('audit.list', { action: 'campaign' });
    expect(family.entries.map((entry) => entry.action)).toEqual(['campaign.updated']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await opened.call('audit.list', { from: today, to: today })).total).toBe(everyone.total);
    expect((await opened.call('audit.list', { to: '2000-01-01' })).total).toBe(0);
  });

  it('exports to CSV that a spreadsheet reads as text, never as formulas', () => {
    const t = translator('vi');
    const entry: AuditEntry = {
      seq: 7,
      at: '2026-01-05T02:30:00.000Z',
      actorId: 'x',
      actor: 'can.bo',
      action: 'unit.updated',
      recordType: 'unit',
      recordId: 'u-1',
      recordLabel: 'UBND xã Mới',
      change: { before: { name: 'UBND xã "Cũ", A' }, after: { name: 'UBND xã Mới' }, note: '=HYPERLINK("http://evil","bấm")' },
      hash: 'ab'.repeat(32),
    };
    const csv = auditCsv([entry], t, 'vi');
    expect(csv.startsWith('\ufeffSố,Thời gian,Người thực hiện,Thao tác')).toBe(true);
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain('Sửa đơn vị');
    expect(row).toContain('"Tên: UBND xã ""Cũ"", A"');
    // A note that starts like a formula is written as text.
    expect(row).toContain(`"'=HYPERLINK(""http://evil"",""bấm"")"`);
  });
});

describe('tampering with the log is found', () => {
  let installation: Installation | null = null;
  afterEach(() => {
    installation?.close();
    installation = null;
  });

  async function withEntries(): Promise<Installation> {
    const opened = await setUpCore();
    for (const name of ['UBND xã Hòa Thành', 'UBND xã Long Hoa', 'UBND xã Hiệp Tân']) await opened.call('units.create', commune(name));
    opened.core.close();
    return opened;
  }

  it('`tdcs audit verify` exits 0 on an intact chain, and 1 naming the entry an edit in the SQLite file broke', async () => {
    const opened = await withEntries();
    installation = opened;
    const intact = await tdcs(['--data-dir', opened.dataDir, '--lang', 'en', 'audit', 'verify']);
    expect(intact).toMatchObject({ code: 0, err: '' });
    expect(intact.out).toBe('The activity log is intact: 6 entries.');

    withDatabase(opened.dataDir, (db) => db.prepare("UPDATE audit_log SET change = replace(change, 'Long Hoa', 'Long Hòa') WHERE seq = 5").run(), { readonly: false });
    const edited = await tdcs(['--data-dir', opened.dataDir, '--lang', 'vi', 'audit', 'verify']);
    expect(edited.code).toBe(1);
    expect(edited.err).toBe('tdcs: Nhật ký thao tác bị hỏng tại mục số 5 (nội dung mục đã bị sửa).');
  });

  it('a deleted entry is named by the one after it, and deleted last entries by the missing head', async () => {
    const opened = await withEntries();
    installation = opened;
    withDatabase(opened.dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 4').run(), { readonly: false });
    const middle = await tdcs(['--data-dir', opened.dataDir, '--lang', 'en', 'audit', 'verify']);
    expect(middle.code).toBe(1);
    expect(middle.err).toBe('tdcs: The activity log is broken at entry no. 5 (entries are missing before it).');

    const other = await setUpCore();
    other.core.close();
    withDatabase(other.dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run(), { readonly: false });
    const tail = await tdcs(['--data-dir', other.dataDir, '--lang', 'en', 'audit', 'verify']);
    expect(tail.code).toBe(1);
    expect(tail.err).toBe('tdcs: The activity log is broken at entry no. 3 (the last entries were removed).');
    other.close();
  });

  it('a rewritten chain without the head is found too; the export lists every entry', async () => {
    const opened = await withEntries();
    installation = opened;
    const csvPath = join(opened.dataDir, 'nhat-ky.csv');
    const exported = await tdcs(['--data-dir', opened.dataDir, '--lang', 'vi', 'audit', 'export', '--to', csvPath]);
    expect(exported.code).toBe(0);
    const lines = readFileSync(csvPath, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(1 + 6);
    withDatabase(opened.dataDir, (db) => db.prepare("UPDATE settings SET value = '99:' || substr(value, 4) WHERE key = 'auditHead'").run(), { readonly: false });
    expect((await tdcs(['--data-dir', opened.dataDir, 'audit', 'verify'])).code).toBe(1);
  });
});
