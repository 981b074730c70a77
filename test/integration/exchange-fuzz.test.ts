// Valid packages (a setup, a submission with attachments) mutated byte by byte, with a fixed seed: bit flips,
// overwritten runs, truncations, insertions and deletions, half of them aimed at the ZIP's own structures (local
// headers, central directory, end record). Every mutation is either refused with an exchange.* / call.* code — never
// 'internal', never a crash or a hang, and the import writes nothing — or, when it only touched bytes no check relies
// on, it yields exactly the plan of the original file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDecision, ImportPlan } from '../../shared/domain/exchange';
import { BRANCH_NAME, enrol, OFFICE_NAME, openInstallation, pdfBytes, pngBytes, randomSource, readBytes, readyDossier, stateOf, YEAR, type Enrolled, type Installation } from './exchange-support';

const SEED = 0x7dc5_2025;
const MUTATIONS_PER_PACKAGE = 200;
const EVERY_ACCEPTANCE: ImportDecision = { acceptReplay: true, acceptLate: true, fingerprintConfirmed: true };

interface Mutation {
  description: string;
  bytes: Buffer;
}

/** Byte ranges of the ZIP's structures: each local header with its name, the central directory, the end record. */
function structuralRanges(bytes: Buffer): [number, number][] {
  const ranges: [number, number][] = [];
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  const directory = bytes.readUInt32LE(end + 16);
  ranges.push([directory, bytes.length]);
  let offset = directory;
  while (offset < end && bytes.readUInt32LE(offset) === 0x02014b50) {
    const local = bytes.readUInt32LE(offset + 42);
    ranges.push([local, local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)]);
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return ranges;
}

function mutations(original: Buffer, count: number, random: () => number): Mutation[] {
  const ranges = structuralRanges(original);
  const integer = (limit: number) => Math.floor(random() * limit);
  const position = (): number => {
    if (random() < 0.5) return integer(original.length);
    const [start, stop] = ranges[integer(ranges.length)] as [number, number];
    return start + integer(Math.max(1, stop - start));
  };
  const randomBytes = (length: number) => Buffer.from(Array.from({ length }, () => integer(256)));
  const result: Mutation[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = position();
    const kind = integer(6);
    let bytes: Buffer;
    let description: string;
    if (kind === 0 || kind === 1) {
      bytes = Buffer.from(original);
      const mask = 1 + integer(255);
      bytes[at] = (bytes[at] as number) ^ mask;
      description = `flip byte ${at} ^ 0x${mask.toString(16)}`;
    } else if (kind === 2) {
      const length = 1 + integer(8);
      const value = random() < 0.5 ? 0x00 : 0xff;
      bytes = Buffer.from(original);
      bytes.fill(value, at, Math.min(original.length, at + length));
      description = `overwrite ${length} bytes at ${at} with 0x${value.toString(16)}`;
    } else if (kind === 3) {
      bytes = original.subarray(0, at);
      description = `truncate at ${at}`;
    } else if (kind === 4) {
      const inserted = randomBytes(1 + integer(16));
      bytes = Buffer.concat([original.subarray(0, at), inserted, original.subarray(at)]);
      description = `insert ${inserted.length} bytes at ${at}`;
    } else {
      const length = 1 + integer(16);
      bytes = Buffer.concat([original.subarray(0, at), original.subarray(Math.min(original.length, at + length))]);
      description = `delete ${length} bytes at ${at}`;
    }
    if (!bytes.equals(original)) result.push({ description, bytes });
  }
  return result;
}

interface Outcome {
  refused: Record<string, number>;
  harmless: string[];
}

/** Runs every mutation through the dry run and the import of `target`, checking the rules above; returns what happened. */
async function fuzz(target: Installation, folder: string, name: string, original: Buffer, count: number, random: () => number): Promise<Outcome> {
  const originalPath = join(folder, `${name}.tdcs`);
  writeFileSync(originalPath, original);
  const expectedPlan: ImportPlan = await target.dryRun(originalPath);
  const before = stateOf(target.dataDir);
  const outcome: Outcome = { refused: {}, harmless: [] };
  const path = join(folder, `${name}-mutated.tdcs`);
  for (const mutation of mutations(original, count, random)) {
    writeFileSync(path, mutation.bytes);
    const dry = await target.core.call({ call: 'exchange.dryRun', input: { source: { path } }, session: null }, true);
    if (dry.ok) {
      // Accepted: the mutation must not have changed anything that matters.
      expect(dry.value, mutation.description).toEqual(expectedPlan);
      outcome.harmless.push(mutation.description);
      continue;
    }
    expect(dry.error.code, mutation.description).toMatch(/^(exchange|call)\./);
    const applied = await target.core.call({ call: 'exchange.apply', input: { source: { path }, decision: EVERY_ACCEPTANCE }, session: null }, true);
    expect(applied.ok, mutation.description).toBe(false);
    if (!applied.ok) expect(applied.error.code, mutation.description).toBe(dry.error.code);
    outcome.refused[dry.error.code] = (outcome.refused[dry.error.code] ?? 0) + 1;
  }
  // Nothing written by any refused import, nor by any dry run.
  expect(stateOf(target.dataDir)).toEqual(before);
  return outcome;
}

describe('fuzzing exchange files byte by byte', () => {
  const usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-fuzz-'));
  let world: Enrolled;
  let freshOffice: Installation;
  let setup: Buffer;
  let submission: Buffer;
  const random = randomSource(SEED);

  beforeAll(async () => {
    const branch = await openInstallation('branch', BRANCH_NAME);
    const office = await openInstallation('office', OFFICE_NAME);
    world = await enrol(branch, office, usb, { communes: 2 });
    const [first, second] = world.communes as [Enrolled['communes'][number], Enrolled['communes'][number]];
    await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: first.id }, [
      { fileName: 'Biên bản.pdf', bytes: pdfBytes('fuzz-1') },
      { fileName: 'Ảnh.png', bytes: pngBytes(9) },
    ]);
    await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: second.id }, [{ fileName: 'Báo cáo.pdf', bytes: pdfBytes('fuzz-2', 50) }]);
    await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: join(usb, 'submission.tdcs') });
    submission = readBytes(join(usb, 'submission.tdcs'));
    // A setup for a second office, opened by a brand-new installation: the first contact, where no key is on record yet.
    const unit = await branch.call('units.create', { name: 'Phòng giao dịch NHCSXH Hòa Thành', kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
    await branch.call('units.create', { name: 'UBND xã Long Thành Bắc', kind: 'communePeoplesCommittee', level: 'commune', commune: 'xã Long Thành Bắc', parentOfficeId: unit.id });
    await branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId: unit.id, to: join(usb, 'setup-hoa-thanh.tdcs') });
    setup = readBytes(join(usb, 'setup-hoa-thanh.tdcs'));
    freshOffice = await openInstallation('office', 'Phòng giao dịch NHCSXH Hòa Thành');
  });

  afterAll(() => {
    world.branch.close();
    world.office.close();
    freshOffice.close();
    rmSync(usb, { recursive: true, force: true });
  });

  it(`a setup, ${MUTATIONS_PER_PACKAGE} mutations, at a brand-new office`, async () => {
    const outcome = await fuzz(freshOffice, usb, 'setup', setup, MUTATIONS_PER_PACKAGE, random);
    const refused = Object.values(outcome.refused).reduce((sum, count) => sum + count, 0);
    expect(refused + outcome.harmless.length).toBeGreaterThanOrEqual(MUTATIONS_PER_PACKAGE - 5);
    // Most mutations matter, and they are caught by several different checks.
    expect(refused).toBeGreaterThan(MUTATIONS_PER_PACKAGE / 2);
    expect(Object.keys(outcome.refused).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(outcome.refused)).not.toContain('internal');
  });

  it(`a submission with attachments, ${MUTATIONS_PER_PACKAGE} mutations, at the branch`, async () => {
    const outcome = await fuzz(world.branch, usb, 'submission', submission, MUTATIONS_PER_PACKAGE, random);
    const refused = Object.values(outcome.refused).reduce((sum, count) => sum + count, 0);
    expect(refused).toBeGreaterThan(MUTATIONS_PER_PACKAGE / 2);
    // A changed byte of an entry is caught by its CRC-32 (damaged on the way) before the signed hash is looked at.
    expect(Object.keys(outcome.refused)).toEqual(expect.arrayContaining(['exchange.damaged', 'exchange.truncated']));
    expect(Object.keys(outcome.refused)).not.toContain('internal');
  });
});
