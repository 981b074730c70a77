import { afterEach, describe, expect, it } from 'vitest';
import { schemeFor } from '../../shared/domain/campaign';
import { setUpCore } from '../support/core';
import { commune, completeContent, databaseSnapshot, withDatabase } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n').toString('base64');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]).toString('base64');

describe('rules of an office’s dossiers around evidence, sending and closing', () => {
  let installation: Installation | null = null;
  afterEach(() => {
    installation?.close();
    installation = null;
  });

  async function readyDossier(office: Installation): Promise<string> {
    const unit = await office.call('units.create', commune('UBND xã Phước Minh'));
    const scheme = schemeFor(await office.call('campaigns.get', { year: 2025 }), 'communePeoplesCommittee');
    if (!scheme) throw new Error('no scheme');
    const saved = await office.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId: unit.id, content: completeContent(scheme, 'communePeoplesCommittee') });
    await office.call('attachments.add', { dossierId: saved.dossier.id, fileName: 'bien-ban.pdf', content: PDF });
    expect((await office.call('dossiers.setStatus', { id: saved.dossier.id, status: 'ready' })).dossier.status).toBe('ready');
    return saved.dossier.id;
  }

  it('removing the only evidence of a ready dossier puts it back to draft at once', async () => {
    installation = await setUpCore();
    const id = await readyDossier(installation);
    const [only] = (await installation.call('dossiers.get', { id })).attachments;
    await installation.call('attachments.remove', { dossierId: id, sha256: only?.sha256 ?? '' });
    expect((await installation.call('dossiers.get', { id })).dossier.status).toBe('draft');
  });

  it('new evidence on a dossier already sent starts its next revision, in draft', async () => {
    installation = await setUpCore();
    const id = await readyDossier(installation);
    withDatabase(installation.dataDir, (db) => db.prepare("UPDATE dossiers SET status = 'exported', exported_revision = revision WHERE id = ?").run(id), { readonly: false });
    await installation.call('attachments.add', { dossierId: id, fileName: 'anh.png', content: PNG });
    const { dossier } = await installation.call('dossiers.get', { id });
    expect([dossier.revision, dossier.status, dossier.exportedRevision]).toEqual([2, 'draft', 1]);
  });

  it('a closed campaign refuses new evidence, removed evidence and status changes; nothing is written', async () => {
    installation = await setUpCore();
    const id = await readyDossier(installation);
    withDatabase(installation.dataDir, (db) => db.prepare("UPDATE campaigns SET status = 'closed' WHERE year = 2025").run(), { readonly: false });
    const before = databaseSnapshot(installation.dataDir);
    const [only] = (await installation.call('dossiers.get', { id })).attachments;
    expect((await installation.errorOf('attachments.add', { dossierId: id, fileName: 'anh.png', content: PNG })).code).toBe('campaign.locked');
    expect((await installation.errorOf('attachments.remove', { dossierId: id, sha256: only?.sha256 ?? '' })).code).toBe('campaign.locked');
    expect((await installation.errorOf('dossiers.setStatus', { id, status: 'draft' })).code).toBe('campaign.locked');
    expect(databaseSnapshot(installation.dataDir)).toEqual(before);
  });

  it('a PDF or an archive without a worksheet is not a list: import.unreadable', async () => {
    installation = await setUpCore();
    const pdf = await installation.errorOf('registry.importPreview', { target: 'units', fileName: 'danh-sach.pdf', content: Buffer.from('%PDF-1.4 text only').toString('base64') });
    expect(pdf.code).toBe('import.unreadable');
    const yazl = await import('yazl');
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('không phải bảng tính'), 'readme.txt');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const archive = await installation.errorOf('registry.importPreview', { target: 'units', fileName: 'danh-sach.xlsx', content: Buffer.concat(chunks).toString('base64') });
    expect(archive.code).toBe('import.unreadable');
  });

  it('an empty name is "required", for people as for units', async () => {
    installation = await setUpCore();
    const error = await installation.errorOf('people.create', { fullName: '', birthYear: 1980, gender: 'female', position: 'Tổ trưởng', unitId: 'x' });
    expect(error.issues?.find((issue) => issue.path === 'fullName')?.key).toBe('validation.required');
  });
});
