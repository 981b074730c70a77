import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import type { CallInput, CallName, CallOutput, VerifyResult } from '../../shared/contract/calls';
import { schemeFor } from '../../shared/domain/campaign';
import { dossierContentSchema } from '../../shared/domain/dossier';
import { ADMIN } from '../support/core';
import { temporaryDataDir } from '../support/data-dir';
import { BATCH_SIZE, saveMarker } from './fixtures/crash-plan';
import { commune, completeContent, rawCall, withDatabase } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const RUNS = 5;
const DOSSIERS = 5;

/** What the database holds, in the terms the worker writes: each dossier's last save, the imported batches, the evidence links. */
interface State {
  saves: Record<string, number>;
  batches: number[];
  links: string[];
}

type Op = { kind: 'save'; dossierId: string; seq: number } | { kind: 'import'; seq: number } | { kind: 'attach' | 'remove'; dossierId: string; sha: string };

function parseOp(words: string[]): Op {
  const [kind, first = '', second = ''] = words;
  if (kind === 'save') return { kind, dossierId: first, seq: Number(second) };
  if (kind === 'import') return { kind, seq: Number(first) };
  if (kind === 'attach' || kind === 'remove') return { kind, dossierId: first, sha: second };
  throw new Error(`unknown operation ${words.join(' ')}`);
}

/** The operations the worker committed (a "done" line), and the one it had begun when it was killed, if any. */
function operationsOf(stdout: string): { done: Op[]; inFlight: Op | null } {
  const lines = stdout.split('\n').slice(0, -1); // only whole lines: the last may have been cut by the kill
  const done: Op[] = [];
  let inFlight: Op | null = null;
  for (const line of lines) {
    const [marker, ...words] = line.split(' ');
    if (marker === 'begin') inFlight = parseOp(words);
    else if (marker === 'done') {
      expect(parseOp(words)).toEqual(inFlight);
      done.push(parseOp(words));
      inFlight = null;
    } else expect(line).toBe('ready');
  }
  return { done, inFlight };
}

function applied(state: State, op: Op): State {
  switch (op.kind) {
    case 'save':
      return { ...state, saves: { ...state.saves, [op.dossierId]: op.seq } };
    case 'import':
      return { ...state, batches: [...state.batches, op.seq].sort((a, b) => a - b) };
    case 'attach':
      return { ...state, links: [...new Set([...state.links, `${op.dossierId}:${op.sha}`])].sort() };
    case 'remove':
      return { ...state, links: state.links.filter((link) => link !== `${op.dossierId}:${op.sha}`) };
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Reads the state back from the file, checking on the way that every row is whole; problems are collected, not thrown. */
function stateOf(dataDir: string): { state: State; problems: string[] } {
  return withDatabase(dataDir, (db) => {
    const problems: string[] = [];
    const saves: Record<string, number> = {};
    const rows = db.prepare('SELECT id, content, revision, status FROM dossiers').all() as { id: string; content: string; revision: number; status: string }[];
    for (const row of rows) {
      let report = '';
      try {
        const content = dossierContentSchema.safeParse(JSON.parse(row.content));
        if (content.success) report = content.data.report;
        else problems.push(`dossier ${row.id}: content does not match the schema`);
      } catch {
        problems.push(`dossier ${row.id}: content is not JSON`);
      }
      const seq = /Lần lưu số (\d+)\.$/.exec(report)?.[1];
      if (seq === undefined) problems.push(`dossier ${row.id}: no save marker at the end of the report`);
      saves[row.id] = Number(seq);
      if (row.revision !== 1 || row.status !== 'draft') problems.push(`dossier ${row.id}: revision ${row.revision}, status ${row.status}`);
    }
    const batchSizes = new Map<number, number>();
    for (const { name } of db.prepare("SELECT name FROM units WHERE name LIKE 'Lô %'").all() as { name: string }[]) {
      const seq = Number(/^Lô (\d+) – /.exec(name)?.[1]);
      batchSizes.set(seq, (batchSizes.get(seq) ?? 0) + 1);
    }
    for (const [seq, size] of batchSizes) if (size !== BATCH_SIZE) problems.push(`batch ${seq}: ${size} of ${BATCH_SIZE} units`);
    const links = (db.prepare('SELECT dossier_id, sha256 FROM dossier_attachments').all() as { dossier_id: string; sha256: string }[]).map((row) => `${row.dossier_id}:${row.sha256}`);
    for (const link of links) {
      const sha = link.split(':')[1] as string;
      const path = join(dataDir, 'attachments', sha.slice(0, 2), sha);
      if (!existsSync(path)) problems.push(`attachment ${sha}: blob file missing`);
      else if (sha256(readFileSync(path)) !== sha) problems.push(`attachment ${sha}: blob file does not match its hash`);
    }
    const orphans = db.prepare('SELECT sha256 FROM attachments a WHERE NOT EXISTS (SELECT 1 FROM dossier_attachments l WHERE l.sha256 = a.sha256)').all();
    if (orphans.length > 0) problems.push(`${orphans.length} attachment rows without a dossier`);
    return { state: { saves, batches: [...batchSizes.keys()].sort((a, b) => a - b), links: links.sort() }, problems };
  });
}

/** Runs the worker on the data directory, kills it with SIGKILL after `delay` ms of work, and returns what it printed. */
async function runAndKill(bundle: string, dataDir: string, run: number, delay: number): Promise<{ stdout: string; stderr: string; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [bundle, dataDir, String(run)], {
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<NodeJS.Signals | null>((done) => child.on('close', (_code, signal) => done(signal)));
  const started = Date.now();
  while (!stdout.startsWith('ready\n') && child.exitCode === null && Date.now() - started < 10_000) await new Promise((wait) => setTimeout(wait, 5));
  await new Promise((wait) => setTimeout(wait, delay));
  child.kill('SIGKILL');
  return { stdout, stderr, signal: await closed };
}

describe('a crash in the middle of work', () => {
  const data = temporaryDataDir('tdcs-crash-');
  const build_ = temporaryDataDir('tdcs-crash-build-');
  const bundle = join(build_.dir, 'crash-worker.cjs');

  beforeAll(async () => {
    await build({
      entryPoints: [join(__dirname, 'fixtures', 'crash-worker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: bundle,
      external: ['better-sqlite3'],
      absWorkingDir: ROOT,
      logLevel: 'error',
    });
    // An office with a few communes and their dossiers, each saved once ("save 0").
    const core = openCore({ dataDir: data.dir });
    let session: string | null = null;
    const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> => {
      const response = await core.call({ call: name, input, session });
      if (!response.ok) throw new Error(`${name}: ${response.error.code}`);
      return response.value as CallOutput<K>;
    };
    await call('setup.initialise', { mode: 'office', organisationName: 'Phòng giao dịch NHCSXH Tân Châu', admin: ADMIN, language: 'vi', loadDemo: false });
    session = (await call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;
    const scheme = schemeFor(await call('campaigns.get', { year: 2025 }), 'communePeoplesCommittee');
    if (!scheme) throw new Error('no collective scheme');
    for (let index = 0; index < DOSSIERS; index += 1) {
      const unit = await call('units.create', commune(`UBND xã Tân Hưng ${index + 1}`));
      const content = completeContent(scheme, 'communePeoplesCommittee');
      await call('dossiers.save', { campaignYear: 2025, nomineeKind: 'communePeoplesCommittee', unitId: unit.id, content: { ...content, report: `${content.report}\n${saveMarker(0)}` } });
    }
    core.close();
  }, 30_000);
  afterAll(() => {
    data.remove();
    build_.remove();
  });

  it('leaves the database as it was before the transaction in flight: every committed change kept, the interrupted one whole or absent', async () => {
    const initial = stateOf(data.dir);
    expect(initial.problems).toEqual([]);
    let expected = initial.state;
    expect(Object.keys(expected.saves)).toHaveLength(DOSSIERS);
    const totals = { save: 0, import: 0, attach: 0, remove: 0, interrupted: 0 };

    for (let run = 1; run <= RUNS; run += 1) {
      const delay = 200 + Math.floor(Math.random() * 700);
      const { stdout, stderr, signal } = await runAndKill(bundle, data.dir, run, delay);
      // The worker was still working when it was killed: it did not stop on an error of its own.
      expect({ run, delay, stderr, signal }).toEqual({ run, delay, stderr: '', signal: 'SIGKILL' });
      const { done, inFlight } = operationsOf(stdout);
      for (const op of done) totals[op.kind] += 1;
      if (inFlight) totals.interrupted += 1;

      const committed = done.reduce(applied, expected);
      const withInFlight = inFlight ? applied(committed, inFlight) : committed;

      // Opening runs SQLite's quick check and the migrations; the operator's verify checks integrity, keys and every stored score.
      const core = openCore({ dataDir: data.dir });
      try {
        const response = await rawCall(core, 'database.verify', {}, null, true);
        expect(response).toEqual({ ok: true, value: { ok: true, problems: [], dossiers: DOSSIERS } satisfies VerifyResult });
        expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        core.close();
      }

      const { state, problems } = stateOf(data.dir);
      expect({ run, delay, problems }).toEqual({ run, delay, problems: [] });
      // Everything committed is there; the operation in flight is there whole, or not at all.
      expect([committed, withInFlight], `run ${run} killed after ${delay} ms, in flight: ${JSON.stringify(inFlight)}`).toContainEqual(state);
      expected = state;
    }

    // The runs did real work of every kind, so the checks above were not vacuous.
    expect(totals.save).toBeGreaterThan(0);
    expect(totals.import).toBeGreaterThan(0);
    expect(totals.attach).toBeGreaterThan(0);
    expect(expected.batches.length).toBeGreaterThan(0);
  }, 60_000);
});
