// kill -9 in the middle of an import: the branch imports a big submission (300 dossiers, each with its own
// evidence file) in a child process, which is killed with SIGKILL at several moments — before any work, during the
// automatic backup, while evidence files are being stored (one of them half-written), and around the commit. The next
// start leaves no temporary file behind. Reopened,
// the database is exactly as before the import (no dossier from the file, database.verify ok) or, if the kill came
// after the commit, exactly as after it; a clean retry then imports everything (or is refused as a replay when the
// first attempt had committed).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { writePackage } from '../../electron/exchange/package';
import type { SubmissionPayload } from '../../electron/exchange/payloads';
import type { CallResponse } from '../../shared/contract/envelope';
import { schemeFor } from '../../shared/domain/campaign';
import { BRANCH_NAME, enrol, manifestOf, OFFICE_NAME, openInstallation, pdfBytes, pngBytes, readBytes, YEAR, type Installation } from './exchange-support';
import { completeContent, rawCall, withDatabase } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const DOSSIERS = 300;

interface Snapshot {
  /** SHA-256 of every table's rows exactly as stored. */
  exact: Record<string, string>;
  /** The same without the columns that hold the time of the import or a random id (the log's row id). */
  normal: Record<string, string>;
  dossiers: number;
  /** Evidence rows whose blob file is missing or does not match its hash. */
  badBlobs: string[];
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function snapshot(dataDir: string): Snapshot {
  return withDatabase(dataDir, (db) => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    const exact: Record<string, string> = {};
    const normal: Record<string, string> = {};
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[];
      exact[table] = digest(rows);
      // Times differ between runs, and with them the audit log's hashes and the names of backups it records.
      const timeBound = (column: string) => column === 'at' || column.endsWith('_at') || (table === 'exchanges' && column === 'id') || (table === 'audit_log' && ['hash', 'prev_hash', 'record_id', 'record_label', 'change'].includes(column));
      normal[table] = digest(
        rows.filter((row) => !(table === 'settings' && row.key === 'auditHead')).map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !timeBound(column)))),
      );
    }
    const badBlobs = (db.prepare('SELECT sha256 FROM attachments').all() as { sha256: string }[])
      .map((row) => row.sha256)
      .filter((sha) => {
        const path = join(dataDir, 'attachments', sha.slice(0, 2), sha);
        return !existsSync(path) || createHash('sha256').update(readFileSync(path)).digest('hex') !== sha;
      });
    return { exact, normal, dossiers: (db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n, badBlobs };
  });
}

/** Reopens the directory as the application would after the crash (quick check, migrations), and runs the operator's verify. */
async function reopenAndVerify(dataDir: string): Promise<void> {
  const core = openCore({ dataDir });
  try {
    const verify = await rawCall(core, 'database.verify', {}, null, true);
    expect(verify).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    core.close();
  }
}

function blobCount(dataDir: string): number {
  const folder = join(dataDir, 'attachments');
  if (!existsSync(folder)) return 0;
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((path) => /[0-9a-f]{64}$/.test(path)).length;
}

/** Temporary files anywhere in the data directory (an evidence file or a backup being written). */
function partials(dataDir: string): string[] {
  return readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((path) => /\.partial(-journal)?$/.test(path));
}

function backupState(dataDir: string): 'none' | 'partial' | 'done' {
  const folder = join(dataDir, 'backups');
  const names = existsSync(folder) ? readdirSync(folder) : [];
  if (names.some((name) => name.endsWith('.sqlite'))) return 'done';
  return names.some((name) => name.endsWith('.partial')) ? 'partial' : 'none';
}

/** When to kill: a condition polled every millisecond once the child is ready (on its data directory and what it printed). */
interface Moment {
  name: string;
  when: (dataDir: string, printed: string) => boolean;
}

/** A child to be killed keeps its database open after the import, so that even a kill after the commit finds it alive and the database open. */
const LINGER_MS = 30_000;

interface Run {
  stderr: string;
  signal: NodeJS.Signals | null;
  response: CallResponse | null;
}

async function runChild(bundle: string, dataDir: string, file: string, moment: Moment | null): Promise<Run> {
  const child = spawn(process.execPath, [bundle, dataDir, file, String(moment ? LINGER_MS : 0)], { env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let ended = false;
  const closed = new Promise<NodeJS.Signals | null>((done) =>
    child.on('close', (_code, signal) => {
      ended = true;
      done(signal);
    }),
  );
  const started = Date.now();
  while (!stdout.startsWith('ready\n') && !ended && Date.now() - started < 20_000) await new Promise((wait) => setTimeout(wait, 1));
  const ready = Date.now();
  if (moment) {
    while (!ended && !moment.when(dataDir, stdout) && Date.now() - ready < 30_000) await new Promise((wait) => setTimeout(wait, 1));
    if (!ended) child.kill('SIGKILL');
  }
  const signal = await closed;
  const line = stdout.split('\n').find((text) => text.startsWith('{'));
  return { stderr, signal, response: line ? (JSON.parse(line) as CallResponse) : null };
}

describe('kill -9 during the import of a big submission', () => {
  const work = mkdtempSync(join(tmpdir(), 'tdcs-exchange-crash-'));
  const bundle = join(work, 'exchange-import-child.cjs');
  const pristine = join(work, 'branch-before');
  const file = join(work, 'big-submission.tdcs');
  const installations: Installation[] = [];

  beforeAll(async () => {
    await build({
      entryPoints: [join(__dirname, 'fixtures', 'exchange-import-child.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: bundle,
      external: ['better-sqlite3'],
      absWorkingDir: ROOT,
      logLevel: 'error',
    });
    const branch = await openInstallation('branch', BRANCH_NAME);
    const office = await openInstallation('office', OFFICE_NAME);
    installations.push(branch, office);
    const enrolled = await enrol(branch, office, work, { communes: 1 });
    // The office's next file: a submission of 300 dossiers for 300 communes, each with its own evidence, made with
    // the office's own keys the way its export makes them (one real export would take as many saves and uploads).
    const scheme = schemeFor(await branch.call('campaigns.get', { year: YEAR }), 'communePeoplesCommittee');
    if (!scheme) throw new Error('no collective scheme');
    const content = completeContent(scheme, 'communePeoplesCommittee');
    const files: { path: string; size: number; read: () => Buffer }[] = [];
    const dossiers: SubmissionPayload['dossiers'] = [];
    for (let index = 0; index < DOSSIERS; index += 1) {
      // Every 25th evidence file is a 2 MB scan: long enough to be caught half-written.
      const data = index % 2 === 0 ? pdfBytes(`crash-${index}`, index % 25 === 0 ? 2_000_000 : 2000 + index * 7) : pngBytes(index, 24);
      const sha256 = createHash('sha256').update(data).digest('hex');
      files.push({ path: `attachments/${sha256}`, size: data.length, read: () => data });
      dossiers.push({
        id: `crash-dossier-${String(index).padStart(4, '0')}`,
        revision: 1,
        nomineeKind: 'communePeoplesCommittee',
        unit: { id: `crash-unit-${index}`, name: `UBND xã Thử Nghiệm ${index + 1}`, kind: 'communePeoplesCommittee', level: 'commune', commune: `xã ${index + 1}`, parentOfficeId: enrolled.officeUnit.id, retired: false },
        person: null,
        schemeId: scheme.id,
        schemeVersion: scheme.version,
        content: { ...content, womenShare: index % 60 },
        attachments: [{ sha256, fileName: index % 2 === 0 ? `Biên bản ${index}.pdf` : `Ảnh ${index}.png`, size: data.length, mimeType: index % 2 === 0 ? 'application/pdf' : 'image/png' }],
      });
    }
    const sender = manifestOf(readBytes(join(work, 'enrolment-go-dau.tdcs'))).sender;
    const branchId = (await branch.identity()).installationId;
    await writePackage(office.keys(), {
      kind: 'submission',
      sender,
      recipient: { installationId: branchId, officeUnitId: null, name: BRANCH_NAME },
      encryptTo: manifestOf(readBytes(join(work, 'setup-go-dau.tdcs'))).sender.agreementKey,
      campaignYear: YEAR,
      sequence: 2,
      createdAt: new Date().toISOString(),
      payload: { dossiers },
      files,
    }, file);
    expect((await branch.dryRun(file)).counts).toMatchObject({ new: DOSSIERS, rejected: 0 });
    branch.shutdown();
    cpSync(branch.dataDir, pristine, { recursive: true });
  }, 60_000);

  afterAll(() => {
    for (const installation of installations) installation.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('the database is as before the import or as after it, never in between, and a clean retry completes it', async () => {
    const before = snapshot(pristine);
    expect(before.dossiers).toBe(0);

    // The state after the import: set by the first clean retry, then every later "after" must equal it.
    let after: Snapshot | null = null;

    // Retried after the kills marked so (not after every one: each import of 300 evidence files takes seconds).
    // Where each kill must land. Evidence files are stored just before the transaction (named by their hash, so a killed
    // attempt's files are harmless and reused); the last one is written a moment before the commit, so that kill may land either side.
    const moments: (Moment & { retry?: boolean; lands: 'before' | 'after' | 'either' })[] = [
      { name: 'as soon as the core is open', when: () => true, lands: 'before' },
      { name: 'during the automatic backup', when: (dir) => backupState(dir) !== 'none', retry: true, lands: 'before' },
      { name: 'while evidence files are stored, 10 written', when: (dir) => blobCount(dir) >= 10, lands: 'before' },
      { name: 'an evidence file half-written (its temporary file on disk)', when: (dir) => partials(dir).some((path) => path.startsWith('attachments')), retry: true, lands: 'before' },
      { name: 'while evidence files are stored, 150 written', when: (dir) => blobCount(dir) >= DOSSIERS / 2, retry: true, lands: 'before' },
      { name: 'every evidence file written, the transaction under way', when: (dir) => blobCount(dir) >= DOSSIERS, lands: 'either' },
      { name: 'after the commit, the database still open', when: (_dir, printed) => printed.includes('\n{'), retry: true, lands: 'after' },
    ];
    const outcomes: string[] = [];
    for (const [index, moment] of moments.entries()) {
      const dir = join(work, `run-${index}`);
      cpSync(pristine, dir, { recursive: true });
      const killed = await runChild(bundle, dir, file, moment);
      expect(killed.stderr, moment.name).toBe('');
      expect(killed.signal, moment.name).toBe('SIGKILL');
      await reopenAndVerify(dir);
      // The next start takes away every temporary file the killed import left (evidence or backup half-written).
      expect(partials(dir), moment.name).toEqual([]);
      const state = snapshot(dir);
      expect(state.badBlobs, moment.name).toEqual([]);
      if (state.dossiers === 0) {
        // Killed before the commit: exactly as before, to the byte of every row; no dossier from the file.
        expect(state.exact, moment.name).toEqual(before.exact);
        expect(moment.lands, moment.name).not.toBe('after');
        outcomes.push(`${moment.name}: before`);
        if (moment.retry) {
          // A clean retry imports everything (evidence files left by the killed attempt are reused, whole).
          const retry = await runChild(bundle, dir, file, null);
          expect(retry.response, moment.name).toMatchObject({ ok: true, value: { counts: { new: DOSSIERS } } });
          await reopenAndVerify(dir);
          const final = snapshot(dir);
          expect(final.dossiers, moment.name).toBe(DOSSIERS);
          expect(final.badBlobs, moment.name).toEqual([]);
          if (after) expect(final.normal, moment.name).toEqual(after.normal);
          after ??= final;
        }
      } else {
        // Killed after the commit: exactly as after.
        if (!after) throw new Error(`${moment.name}: no clean import to compare with yet`);
        expect(state.normal, moment.name).toEqual(after.normal);
        expect(moment.lands, moment.name).not.toBe('before');
        outcomes.push(`${moment.name}: after`);
        if (moment.retry) {
          // Retrying the same file is now a replay: refused, and nothing changes.
          const retry = await runChild(bundle, dir, file, null);
          expect(retry.response, moment.name).toEqual({ ok: false, error: { code: 'exchange.replay', params: { sequence: 2 } } });
          expect(snapshot(dir).exact, moment.name).toEqual(state.exact);
        }
      }
      rmSync(dir, { recursive: true, force: true });
    }
    expect(outcomes).toHaveLength(moments.length);
    expect(after?.dossiers).toBe(DOSSIERS);
  }, 120_000);
});
