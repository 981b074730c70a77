import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemeFor } from '../../shared/domain/campaign';
import { setUpCore } from '../support/core';
import { blobFiles, commune, completeContent, crc32, databaseSnapshot, officeCounts } from './helpers';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

/** A small but well-formed PDF: one empty A4 page, with its cross-reference table. */
function minimalPdf(title = 'Quyet dinh khen thuong'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Title (${title}) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real 1×1 RGB PNG of the given colour. */
function minimalPng(red = 0xc8, green = 0x10, blue = 0x2e): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from([0, red, green, blue]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real baseline JPEG: one 8×8 grey block (DC 0, end of block), one-code Huffman tables. */
function minimalJpeg(): Buffer {
  const segment = (marker: number, data: number[]): number[] => [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data];
  const oneCodeTable = (tableClass: number): number[] => [tableClass, 1, ...new Array<number>(15).fill(0), 0];
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xc4, oneCodeTable(0x00)),
    ...segment(0xc4, oneCodeTable(0x10)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f,
    0xff, 0xd9,
  ]);
}

/** A Windows program: "MZ", the DOS stub, "PE". */
function windowsProgram(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const base64 = (bytes: Buffer): string => bytes.toString('base64');
const blobOf = (sha: string): string => `${sha.slice(0, 2)}/${sha}`;

describe('evidence files attached to a dossier', () => {
  let installation: Installation;
  beforeEach(async () => {
    installation = await setUpCore();
  });
  afterEach(() => installation.close());

  /** A commune's collective dossier, complete but for its evidence. */
  async function dossierFor(name: string): Promise<string> {
    const unit = await installation.call('units.create', commune(name));
    const scheme = schemeFor(await installation.call('campaigns.get', { year: 2025 }), 'communePeoplesCommittee');
    if (!scheme) throw new Error('no collective scheme');
    const saved = await installation.call('dossiers.save', { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId: unit.id, content: completeContent(scheme, 'communePeoplesCommittee') });
    return saved.dossier.id;
  }

  /** What a refused call must leave: every row and every blob file as they were. */
  function state() {
    return { rows: databaseSnapshot(installation.dataDir), blobs: blobFiles(installation.dataDir) };
  }

  it('an officer attaches a scanned decision, a photo and a chart; the list shows each name, size and type', async () => {
    const dossierId = await dossierFor('UBND xã Tân Phong');
    const pdf = minimalPdf();
    const jpeg = minimalJpeg();
    const png = minimalPng();
    await installation.call('attachments.add', { dossierId, fileName: 'Quyết định khen thưởng số 12-QĐ.pdf', content: base64(pdf) });
    await installation.call('attachments.add', { dossierId, fileName: 'Ảnh họp Tổ TK&VV.jpg', content: base64(jpeg) });
    const list = await installation.call('attachments.add', { dossierId, fileName: '  Biểu đồ dư nợ.png  ', content: base64(png) });

    const byName = Object.fromEntries(list.map((attachment) => [attachment.fileName, attachment]));
    expect(Object.keys(byName).sort()).toEqual(['Biểu đồ dư nợ.png', 'Quyết định khen thưởng số 12-QĐ.pdf', 'Ảnh họp Tổ TK&VV.jpg'].sort());
    expect(byName['Quyết định khen thưởng số 12-QĐ.pdf']).toMatchObject({ sha256: sha256(pdf), size: pdf.length, mimeType: 'application/pdf' });
    expect(byName['Ảnh họp Tổ TK&VV.jpg']).toMatchObject({ sha256: sha256(jpeg), size: jpeg.length, mimeType: 'image/jpeg' });
    expect(byName['Biểu đồ dư nợ.png']).toMatchObject({ sha256: sha256(png), size: png.length, mimeType: 'image/png' });
    for (const attachment of list) expect(Number.isNaN(Date.parse(attachment.addedAt))).toBe(false);

    // Each file is stored under its own hash, and the dossier shows the same list.
    expect(blobFiles(installation.dataDir)).toEqual([pdf, jpeg, png].map((bytes) => blobOf(sha256(bytes))).sort());
    expect(readFileSync(join(installation.dataDir, 'attachments', blobOf(sha256(png))))).toEqual(png);
    expect((await installation.call('dossiers.get', { id: dossierId })).attachments).toEqual(list);
  });

  it('reading an attachment gives back the exact bytes, its name and its type, also after a restart', async () => {
    const dossierId = await dossierFor('UBND xã Tân Phong');
    const jpeg = minimalJpeg();
    await installation.call('attachments.add', { dossierId, fileName: 'Ảnh trao giấy khen.jpg', content: base64(jpeg) });
    const read = await installation.call('attachments.read', { dossierId, sha256: sha256(jpeg) });
    expect(read).toEqual({ fileName: 'Ảnh trao giấy khen.jpg', mimeType: 'image/jpeg', content: base64(jpeg) });
    expect(Buffer.from(read.content, 'base64').equals(jpeg)).toBe(true);

    installation.reopen();
    await installation.login();
    expect(await installation.call('attachments.read', { dossierId, sha256: sha256(jpeg) })).toEqual(read);
  });

  it('the same file attached twice is stored once: one blob file, linked once per dossier that uses it', async () => {
    const first = await dossierFor('UBND xã Tân Phong');
    const second = await dossierFor('UBND xã Tân Lập');
    const pdf = minimalPdf('Ke hoach phoi hop 2025');
    await installation.call('attachments.add', { dossierId: first, fileName: 'Kế hoạch phối hợp.pdf', content: base64(pdf) });
    // The same file again to the same dossier: nothing new to link.
    const again = await installation.call('attachments.add', { dossierId: first, fileName: 'Kế hoạch phối hợp (bản sao).pdf', content: base64(pdf) });
    expect(again.map((attachment) => [attachment.fileName, attachment.sha256])).toEqual([['Kế hoạch phối hợp.pdf', sha256(pdf)]]);
    // And to another dossier, under another name.
    const other = await installation.call('attachments.add', { dossierId: second, fileName: 'KH phối hợp liên tịch.pdf', content: base64(pdf) });
    expect(other.map((attachment) => attachment.fileName)).toEqual(['KH phối hợp liên tịch.pdf']);

    expect(blobFiles(installation.dataDir)).toEqual([blobOf(sha256(pdf))]);
    expect(officeCounts(installation.dataDir)).toMatchObject({ attachments: 1, links: 2 });
    expect((await installation.call('attachments.read', { dossierId: second, sha256: sha256(pdf) })).fileName).toBe('KH phối hợp liên tịch.pdf');
  });

  it('a blob changed on disk is attachment.corrupt when read; attaching the file again repairs it', async () => {
    const dossierId = await dossierFor('UBND xã Tân Phong');
    const png = minimalPng();
    const sha = sha256(png);
    await installation.call('attachments.add', { dossierId, fileName: 'Biểu đồ.png', content: base64(png) });
    const path = join(installation.dataDir, 'attachments', blobOf(sha));
    const tampered = Buffer.from(png);
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] as number) ^ 0xff;
    writeFileSync(path, tampered);

    const error = await installation.errorOf('attachments.read', { dossierId, sha256: sha });
    expect(error).toEqual({ code: 'attachment.corrupt', params: { sha256: sha.slice(0, 12) } });

    await installation.call('attachments.add', { dossierId, fileName: 'Biểu đồ.png', content: base64(png) });
    expect(readFileSync(path)).toEqual(png);
    expect((await installation.call('attachments.read', { dossierId, sha256: sha })).content).toBe(base64(png));
  });

  it('a blob deleted from disk is attachment.missing when read; attaching the file again restores it', async () => {
    const dossierId = await dossierFor('UBND xã Tân Phong');
    const pdf = minimalPdf();
    const sha = sha256(pdf);
    await installation.call('attachments.add', { dossierId, fileName: 'Quyết định.pdf', content: base64(pdf) });
    rmSync(join(installation.dataDir, 'attachments', blobOf(sha)));

    expect(await installation.errorOf('attachments.read', { dossierId, sha256: sha })).toEqual({ code: 'attachment.missing', params: { sha256: sha.slice(0, 12) } });
    // The dossier still lists it: the record is kept, the file is what is missing.
    expect((await installation.call('dossiers.get', { id: dossierId })).attachments.map((attachment) => attachment.sha256)).toEqual([sha]);

    await installation.call('attachments.add', { dossierId, fileName: 'Quyết định.pdf', content: base64(pdf) });
    expect((await installation.call('attachments.read', { dossierId, sha256: sha })).content).toBe(base64(pdf));
  });

  it('a Windows program renamed .pdf, and bytes of no known type, are refused with attachment.type; nothing is written', async () => {
    const dossierId = await dossierFor('UBND xã Tân Phong');
    const before = state();
    const exe = await installation.errorOf('attachments.add', { dossierId, fileName: 'Quyết định khen thưởng.pdf', content: base64(windowsProgram()) });
    expect(exe).toEqual({ code: 'attachment.type', params: { name: 'Quyết định khen thưởng.pdf' } });
    const text = await installation.errorOf('attachments.add', { dossierId, fileName: 'ghi-chu.png', content: base64(Buffer.from('Không phải ảnh', 'utf8')) });
    expect(text.code).toBe('attachment.type');
    // A "%PDF" that is not at the start is not a PDF.
    const late = await installation.errorOf('attachments.add', { dossierId, fileName: 'x.pdf', content: base64(Buffer.concat([Buffer.from('MZ'), minimalPdf()])) });
    expect(late.code).toBe('attachment.type');
    expect(state()).toEqual(before);
  });

  it('an empty file is attachment.empty, however it arrives; nothing is written', async () => {
    const dossierId = await dossierFor('UBND xã Tân Phong');
    const before = state();
    expect(await installation.errorOf('attachments.add', { dossierId, fileName: 'rong.pdf', content: '====' })).toEqual({ code: 'attachment.empty', params: { name: 'rong.pdf' } });
    const blank = await installation.errorOf('attachments.add', { dossierId, fileName: 'rong.pdf', content: '' });
    expect(blank).toEqual({ code: 'attachment.empty', params: { name: 'rong.pdf' } });
    expect(state()).toEqual(before);
  });

  it('20 MB is the most one file may weigh: exactly 20 MB is accepted, a byte more is attachment.tooLarge, and past 30 MB of base64 the call itself is too large', async () => {
    const dossierId = await dossierFor('UBND xã Tân Phong');
    const limit = 20 * 1024 * 1024;
    const scan = (size: number): Buffer => {
      const bytes = Buffer.alloc(size, 0x20);
      minimalPdf().copy(bytes);
      return bytes;
    };

    const before = state();
    const over = await installation.errorOf('attachments.add', { dossierId, fileName: 'Bản scan lớn.pdf', content: base64(scan(limit + 1)) });
    // 20 MB + 1 byte is 27.97 million characters of base64: under the call's 30 MB, so the service answers.
    expect(base64(scan(limit + 1)).length).toBeLessThan(30 * 1024 * 1024);
    expect(over).toEqual({ code: 'attachment.tooLarge', params: { name: 'Bản scan lớn.pdf', maximum: 20 } });
    const huge = await installation.errorOf('attachments.add', { dossierId, fileName: 'Bản scan rất lớn.pdf', content: base64(scan(23 * 1024 * 1024)) });
    expect(huge).toEqual({ code: 'call.tooLarge', params: { maximum: 30 * 1024 * 1024 } });
    expect(state()).toEqual(before);

    const exact = scan(limit);
    const list = await installation.call('attachments.add', { dossierId, fileName: 'Bản scan 20 MB.pdf', content: base64(exact) });
    expect(list).toMatchObject([{ size: limit, mimeType: 'application/pdf', sha256: sha256(exact) }]);
  });

  it('a dossier takes at most 50 files: the 51st is attachment.tooMany, nothing written', async () => {
    const dossierId = await dossierFor('UBND xã Tân Phong');
    for (let index = 0; index < 50; index += 1) {
      await installation.call('attachments.add', { dossierId, fileName: `Ảnh ${index + 1}.png`, content: base64(minimalPng(index, 0, 0)) });
    }
    const before = state();
    const error = await installation.errorOf('attachments.add', { dossierId, fileName: 'Ảnh 51.png', content: base64(minimalPng(200, 200, 200)) });
    expect(error).toEqual({ code: 'attachment.tooMany', params: { maximum: 50 } });
    expect(state()).toEqual(before);
    expect(blobFiles(installation.dataDir)).toHaveLength(50);
  });

  it('removing unlinks the file from one dossier; its blob goes only when no dossier uses it any more', async () => {
    const first = await dossierFor('UBND xã Tân Phong');
    const second = await dossierFor('UBND xã Tân Lập');
    const pdf = minimalPdf();
    const png = minimalPng();
    const sha = sha256(pdf);
    const path = join(installation.dataDir, 'attachments', blobOf(sha));
    await installation.call('attachments.add', { dossierId: first, fileName: 'Quyết định.pdf', content: base64(pdf) });
    await installation.call('attachments.add', { dossierId: first, fileName: 'Biểu đồ.png', content: base64(png) });
    await installation.call('attachments.add', { dossierId: second, fileName: 'Quyết định.pdf', content: base64(pdf) });

    const remaining = await installation.call('attachments.remove', { dossierId: first, sha256: sha });
    expect(remaining.map((attachment) => attachment.fileName)).toEqual(['Biểu đồ.png']);
    expect(existsSync(path)).toBe(true);
    expect(officeCounts(installation.dataDir)).toMatchObject({ attachments: 2, links: 2 });
    expect((await installation.errorOf('attachments.read', { dossierId: first, sha256: sha })).code).toBe('attachment.missing');
    expect((await installation.call('attachments.read', { dossierId: second, sha256: sha })).content).toBe(base64(pdf));

    expect(await installation.call('attachments.remove', { dossierId: second, sha256: sha })).toEqual([]);
    expect(existsSync(path)).toBe(false);
    expect(blobFiles(installation.dataDir)).toEqual([blobOf(sha256(png))]);
    expect(officeCounts(installation.dataDir)).toMatchObject({ attachments: 1, links: 1 });

    // Removing it again: it is no longer attached.
    const before = state();
    expect(await installation.errorOf('attachments.remove', { dossierId: second, sha256: sha })).toEqual({ code: 'attachment.missing', params: { sha256: sha.slice(0, 12) } });
    expect(state()).toEqual(before);
  });

  it('a dossier that does not exist is dossier.notFound for adding and removing; nothing is written', async () => {
    await dossierFor('UBND xã Tân Phong');
    const pdf = minimalPdf();
    const before = state();
    const add = await installation.errorOf('attachments.add', { dossierId: 'no-such-dossier', fileName: 'Quyết định.pdf', content: base64(pdf) });
    expect(add).toEqual({ code: 'dossier.notFound', params: { id: 'no-such-dossier' } });
    const remove = await installation.errorOf('attachments.remove', { dossierId: 'no-such-dossier', sha256: sha256(pdf) });
    expect(remove).toEqual({ code: 'dossier.notFound', params: { id: 'no-such-dossier' } });
    // Reading from it finds nothing either.
    expect((await installation.errorOf('attachments.read', { dossierId: 'no-such-dossier', sha256: sha256(pdf) })).code).toMatch(/^(dossier\.notFound|attachment\.missing)$/);
    expect(state()).toEqual(before);
  });
});
