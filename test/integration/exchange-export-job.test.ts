// Large exports run as jobs: the screen polls their progress and may cancel them. A cancelled export leaves no file,
// no temporary file, no used sequence number and no record; a finished one is the same file a one-shot export writes.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { accountSession } from '../support/accounts';
import type { ExportJob } from '../../shared/contract/calls';
import { BRANCH_NAME, enrol, expectRendered, OFFICE_NAME, openInstallation, pdfBytes, readyDossier, stateOf, YEAR, type Enrolled } from './exchange-support';
import { rawCall } from './helpers';

const FILES_PER_DOSSIER = 6;
const FILE_PADDING = 600 * 1024;

let usb: string;
let world: Enrolled;

async function until(office: Enrolled['office'], jobId: string, seen: ExportJob[] = []): Promise<ExportJob> {
  for (;;) {
    const job = await office.call('exchange.exportStatus', { jobId });
    seen.push(job);
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-job-'));
  world = await enrol(await openInstallation('branch', BRANCH_NAME), await openInstallation('office', OFFICE_NAME), usb, { communes: 3 });
  for (const [index, commune] of world.communes.entries()) {
    const evidence = Array.from({ length: FILES_PER_DOSSIER }, (_, file) => ({ fileName: `Biên bản ${index}-${file}.pdf`, bytes: pdfBytes(`job-${index}-${file}`, FILE_PADDING) }));
    await readyDossier(world.office, { kind: 'communePeoplesCommittee', unitId: commune.id }, evidence);
  }
}, 120_000);

afterAll(() => {
  world.office.close();
  world.branch.close();
  rmSync(usb, { recursive: true, force: true });
});

describe('an export as a job, with progress and cancel', () => {
  it('cancelled midway: no file, no temporary file, no sequence number used, nothing recorded', async () => {
    const before = stateOf(world.office.dataDir);
    const target = join(usb, 'cancelled.tdcs');
    const started = await world.office.call('exchange.exportStart', { kind: 'submission', campaignYear: YEAR, to: target });
    expect(started.state).toBe('running');
    const cancelling = await world.office.call('exchange.exportCancel', { jobId: started.jobId });
    expect(cancelling.jobId).toBe(started.jobId);
    const ended = await until(world.office, started.jobId);
    expect(ended.state).toBe('cancelled');
    expect(ended.error?.code).toBe('exchange.cancelled');
    expectRendered(ended.error ?? { code: 'internal' });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(usb).filter((name) => name.includes('cancelled'))).toEqual([]);
    expect(stateOf(world.office.dataDir)).toEqual(before);
  });

  it('runs to the end with progress that only grows, writing then reading back, and the branch imports the file', async () => {
    const target = join(usb, 'submission.tdcs');
    const started = await world.office.call('exchange.exportStart', { kind: 'submission', campaignYear: YEAR, to: target });
    // One export at a time: each takes the next sequence number.
    expect(await world.office.errorOf('exchange.export', { kind: 'enrolment', campaignYear: YEAR, to: join(usb, 'other.tdcs') })).toEqual({ code: 'exchange.busy' });
    const seen: ExportJob[] = [started];
    const ended = await until(world.office, started.jobId, seen);
    expect(ended.state).toBe('done');
    expect(ended.result).toMatchObject({ path: target, items: world.communes.length, sequence: 2 });
    const order = ['preparing', 'writing', 'verifying'];
    const phases = seen.map((job) => order.indexOf(job.phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    for (const phase of ['writing', 'verifying'] as const) {
      const done = seen.filter((job) => job.phase === phase).map((job) => job.done);
      expect(done, phase).toEqual([...done].sort((a, b) => a - b));
    }
    // The last thing reported is the whole file read back.
    expect(ended).toMatchObject({ phase: 'verifying', done: ended.result?.bytes, total: ended.result?.bytes });
    expect(readdirSync(usb).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect((await world.branch.apply(target, { acceptLate: true })).counts).toMatchObject({ new: world.communes.length, rejected: 0 });
    // Asked again later, the job still answers; another person's question about it does not.
    expect((await world.office.call('exchange.exportStatus', { jobId: started.jobId })).state).toBe('done');
    const office = world.office.core;
    const clerk = await accountSession(office, { username: 'van.thu', fullName: 'Lê Thị Văn Thư', password: 'van-thu-2025', role: 'clerk' });
    const other = await rawCall(office, 'exchange.exportStatus', { jobId: started.jobId }, clerk);
    expect(other).toEqual({ ok: false, error: { code: 'exchange.notFound' } });
  });

  it('another process taking the sequence number meanwhile: the job is refused and its file removed, nothing recorded', async () => {
    const ids = (await world.office.call('dossiers.list', { campaignYear: YEAR })).map((dossier) => dossier.id);
    const target = join(usb, 'raced.tdcs');
    const started = await world.office.call('exchange.exportStart', { kind: 'submission', campaignYear: YEAR, to: target, dossierIds: ids });
    expect(started.state).toBe('running');
    // The command line beside the window, on the same data folder, with its own core: it takes number 3 first.
    const cli = openCore({ dataDir: world.office.dataDir });
    try {
      const other = await cli.call({ call: 'exchange.export', input: { kind: 'enrolment', campaignYear: YEAR, to: join(usb, 'cli-enrolment.tdcs') }, session: null }, true);
      expect(other).toMatchObject({ ok: true, value: { sequence: 3 } });
    } finally {
      cli.close();
    }
    const ended = await until(world.office, started.jobId);
    expect(ended).toMatchObject({ state: 'failed', error: { code: 'exchange.sequenceTaken', params: { sequence: 3 } } });
    expectRendered(ended.error ?? { code: 'internal' });
    expect(readdirSync(usb).filter((name) => name.includes('raced'))).toEqual([]);
    const history = await world.office.call('exchange.history', {});
    expect(history.filter((record) => record.direction === 'out').map((record) => record.sequence)).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(history.filter((record) => record.fileName === 'raced.tdcs')).toEqual([]);
  });

  it('closing the application during an export waits until it has cancelled and removed its temporary file', async () => {
    const ids = (await world.office.call('dossiers.list', { campaignYear: YEAR })).map((dossier) => dossier.id);
    const before = stateOf(world.office.dataDir);
    const window = openCore({ dataDir: world.office.dataDir });
    const started = await window.call({ call: 'exchange.exportStart', input: { kind: 'submission', campaignYear: YEAR, to: join(usb, 'closing.tdcs'), dossierIds: ids }, session: null }, true);
    expect(started).toMatchObject({ ok: true, value: { state: 'running' } });
    await window.closeWhenIdle();
    expect(readdirSync(usb).filter((name) => name.includes('closing'))).toEqual([]);
    expect(stateOf(world.office.dataDir)).toEqual(before);
  });

  it('refusals found before writing come back from the start call itself', async () => {
    expect(await world.office.errorOf('exchange.exportStart', { kind: 'submission', campaignYear: YEAR, to: join(usb, 'again.tdcs') })).toEqual({ code: 'exchange.nothingToSend' });
    const existing = join(usb, 'submission.tdcs');
    expect(await world.office.errorOf('exchange.exportStart', { kind: 'enrolment', campaignYear: YEAR, to: existing })).toEqual({ code: 'exchange.fileExists', params: { path: existing } });
    expect(await world.office.errorOf('exchange.exportStatus', { jobId: '00000000-0000-4000-8000-000000000000' })).toEqual({ code: 'exchange.notFound' });
  });
});
