// The streaming ZIP writer behind every export: what it writes opens with the reader (and with yauzl's checks), a
// reserved entry written last still comes first, and the read-back catches a changed byte before the file is named.
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContainerWriter, MANIFEST_ENTRY, SIGNATURE_ENTRY } from '../../electron/exchange/container';
import { ContainerReader } from '../../electron/exchange/container-reader';
import { entryName, readZip } from './exchange-support';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'tdcs-writer-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function written(target: string): Promise<ContainerWriter> {
  const writer = new ContainerWriter(target);
  writer.reserve(MANIFEST_ENTRY, 11);
  writer.reserve(SIGNATURE_ENTRY, 3);
  await writer.add('payload.json', Buffer.from(JSON.stringify({ tên: 'Phòng giao dịch Gò Dầu', số: Array.from({ length: 500 }, (_, index) => index) })), true);
  await writer.add('attachments/a', Buffer.alloc(300_000, 7), false);
  await writer.fill(MANIFEST_ENTRY, Buffer.from('{"ok":true}'));
  await writer.fill(SIGNATURE_ENTRY, Buffer.from('sig'));
  return writer;
}

describe('ContainerWriter', () => {
  it('writes a ZIP the reader opens, reserved entries first, and names it only after the read-back', async () => {
    const target = join(folder, 'goi.tdcs');
    const writer = await written(target);
    const size = await writer.finish();
    expect(existsSync(target)).toBe(false);
    expect(await writer.readBack()).toBe(true);
    writer.commit();
    expect(readdirSync(folder)).toEqual(['goi.tdcs']);
    const bytes = readFileSync(target);
    expect(bytes.length).toBe(size);
    expect(readZip(bytes).map(entryName)).toEqual([MANIFEST_ENTRY, SIGNATURE_ENTRY, 'payload.json', 'attachments/a']);
    const opened = await ContainerReader.open(target);
    try {
      expect((await opened.read(MANIFEST_ENTRY)).toString()).toBe('{"ok":true}');
      expect((await opened.read(SIGNATURE_ENTRY)).toString()).toBe('sig');
      expect((await opened.read('attachments/a')).equals(Buffer.alloc(300_000, 7))).toBe(true);
      expect(JSON.parse((await opened.read('payload.json')).toString('utf8')).tên).toBe('Phòng giao dịch Gò Dầu');
    } finally {
      opened.close();
    }
  });

  it('a byte changed on the device after writing fails the read-back; abort leaves nothing behind', async () => {
    const target = join(folder, 'goi.tdcs');
    const writer = await written(target);
    const size = await writer.finish();
    const descriptor = openSync(writer.partial, 'r+');
    writeSync(descriptor, Buffer.from([0x55]), 0, 1, Math.floor(size / 2));
    closeSync(descriptor);
    expect(await writer.readBack()).toBe(false);
    writer.abort();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a reservation never filled, or filled with the wrong length, is a programming error caught before the file ends', async () => {
    const writer = new ContainerWriter(join(folder, 'goi.tdcs'));
    writer.reserve(MANIFEST_ENTRY, 5);
    await expect(writer.fill(MANIFEST_ENTRY, Buffer.from('123456'))).rejects.toThrow(/reserved/);
    await expect(writer.finish()).rejects.toThrow(/never written/);
    writer.abort();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a cancel during the read-back stops it', async () => {
    const target = join(folder, 'lon.tdcs');
    const writer = new ContainerWriter(target);
    for (let index = 0; index < 3; index += 1) await writer.add(`attachments/${index}`, Buffer.alloc(9 * 1024 * 1024, index), false);
    await writer.finish();
    const reported: number[] = [];
    expect(await writer.readBack((done) => reported.push(done), () => reported.length > 0)).toBe(false);
    expect(reported).toHaveLength(1);
    writer.abort();
    expect(readdirSync(folder)).toEqual([]);
  });
});
