// The USB exchange benchmark, run by `npm run bench` after the scoring one: an office exports 2,000 dossiers with
// 500 MB of evidence (random bytes in 250 KB – 2 MB files, PDFs and PNGs by their magic bytes) and the branch imports
// the file. Both are timed end to end through the handler table, and compared with a baseline measured in the same run
// on the same bytes: read each file, SHA-256 it, write a copy and fsync it (what any careful copy of the evidence costs).
// Then the peak memory of the command line's dry run of that file, next to hostile files (./exchange-memory.ts).
// Figures, not tests: nothing fails on time. Everything is written under one temp folder, removed at the end.
import { execFileSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, freemem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { insertAttachmentBlob, linkAttachment } from '../../electron/db/attachments';
import { insertDossier } from '../../electron/db/dossiers';
import { insertUnit } from '../../electron/db/units';
import { ContainerReader } from '../../electron/exchange/container-reader';
import { blobPath } from '../../electron/services/attachments';
import type { CallInput, CallName, CallOutput } from '../../shared/contract/calls';
import { schemeFor } from '../../shared/domain/campaign';
import { toScoreInput } from '../../shared/domain/dossier';
import { scoreDossier } from '../../shared/scoring/score';
import { completeContent } from '../integration/helpers';
import { measureDryRunMemory, type MemoryFigure } from './exchange-memory';

const DOSSIERS = 2_000;
const EVIDENCE_BYTES = 500 * 1024 * 1024;
const FILE_MIN = 250 * 1024;
const FILE_MAX = 2 * 1024 * 1024;
const SEED = 20_251_125;
const TARGET_RATIO = 0.5;
const YEAR = 2025;
const PASSWORD = 'mat-khau-do-hieu-nang';
const PDF_MAGIC = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface ExchangeBenchResults {
  dossiers: number;
  evidenceFiles: number;
  evidenceBytes: number;
  packageBytes: number;
  seed: number;
  targetRatio: number;
  seconds: { seed: number; baselineRuns: number[]; baseline: number; export: number; dryRun: number; import: number; total: number };
  throughput: { baseline: number; export: number; import: number };
  ratios: { export: number; import: number };
  verdicts: { export: 'PASS' | 'MISS'; import: 'PASS' | 'MISS' };
  checks: string[];
  /** Peak memory of the command line's dry run of each file, in its own process. */
  memory: MemoryFigure[];
}

/** Deterministic sizes (xorshift), so every run moves the same files; the bytes themselves come from the OS generator. */
function sizes(seed: number, total: number): number[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const result: number[] = [];
  let sum = 0;
  while (sum < total) {
    const size = Math.min(total - sum, FILE_MIN + Math.floor(next() * (FILE_MAX - FILE_MIN)));
    if (size < FILE_MIN && result.length > 0) {
      result[result.length - 1] = (result[result.length - 1] as number) + size;
      sum += size;
      break;
    }
    result.push(size);
    sum += size;
  }
  return result;
}

function evidence(size: number, index: number): { bytes: Buffer; mimeType: string; fileName: string } {
  const pdf = index % 3 !== 2;
  const magic = pdf ? PDF_MAGIC : PNG_MAGIC;
  const bytes = Buffer.allocUnsafe(size);
  magic.copy(bytes, 0);
  randomFillSync(bytes, magic.length);
  return { bytes, mimeType: pdf ? 'application/pdf' : 'image/png', fileName: pdf ? `Biên bản ${index + 1}.pdf` : `Ảnh ${index + 1}.png` };
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

async function installation(dataDir: string, mode: 'branch' | 'office', organisationName: string) {
  const core: Core = openCore({ dataDir });
  let session: string | null = null;
  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const response = await core.call({ call: name, input, session }, true);
    if (!response.ok) throw new Error(`${name}: ${response.error.code} ${JSON.stringify(response.error.params ?? {})}`);
    return response.value as CallOutput<K>;
  }
  await call('setup.initialise', { mode, organisationName, admin: { username: 'admin', fullName: 'Quản trị', password: PASSWORD }, language: 'vi', loadDemo: false });
  session = (await call('auth.login', { username: 'admin', password: PASSWORD })).session;
  return { core, call, dataDir };
}

/** The baseline on the same bytes: read each evidence file, SHA-256 it, write a copy and fsync it. */
function baseline(files: string[], target: string): number {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const started = process.hrtime.bigint();
  files.forEach((file, index) => {
    const bytes = readFileSync(file);
    createHash('sha256').update(bytes).digest();
    const descriptor = openSync(join(target, String(index)), 'w');
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(descriptor, bytes, offset);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  });
  const elapsed = seconds(started);
  rmSync(target, { recursive: true, force: true });
  return elapsed;
}

/** Writes every dirty page to the disk (where `sync` exists), so that a measured step does not pay for the last one's writes. */
function flushDisk(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No `sync` command (Windows): the steps then share the disk's write-back, as they would in use.
  }
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('   ').trimEnd()).join('\n');
}

const MB = 1024 * 1024;

export async function runExchangeBench(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<ExchangeBenchResults> {
  const started = process.hrtime.bigint();
  const root = mkdtempSync(join(tmpdir(), 'tdcs-bench-exchange-'));
  const cores: Core[] = [];
  try {
    // ── two installations, enrolled with each other through real setup and enrolment files ──
    const branch = await installation(join(root, 'branch'), 'branch', 'Chi nhánh NHCSXH tỉnh Tây Ninh');
    const office = await installation(join(root, 'office'), 'office', 'Phòng giao dịch NHCSXH Gò Dầu');
    cores.push(branch.core, office.core);
    const usb = join(root, 'usb');
    mkdirSync(usb);
    const officeUnit = await branch.call('units.create', { name: 'Phòng giao dịch NHCSXH Gò Dầu', kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
    await branch.call('exchange.export', { kind: 'setup', campaignYear: YEAR, officeUnitId: officeUnit.id, to: join(usb, 'setup.tdcs') });
    await office.call('exchange.apply', { source: { path: join(usb, 'setup.tdcs') }, decision: { fingerprintConfirmed: true } });
    await office.call('exchange.export', { kind: 'enrolment', campaignYear: YEAR, to: join(usb, 'enrolment.tdcs') });
    await branch.call('exchange.apply', { source: { path: join(usb, 'enrolment.tdcs') }, decision: { fingerprintConfirmed: true } });

    // ── the office's dossiers and evidence, written straight into its database and blob store (a fixture, not entry work) ──
    log(`generating ${DOSSIERS.toLocaleString('en')} dossiers and ${(EVIDENCE_BYTES / MB).toFixed(0)} MB of evidence…`);
    const seeding = process.hrtime.bigint();
    const scheme = schemeFor(await office.call('campaigns.get', { year: YEAR }), 'communePeoplesCommittee');
    if (!scheme) throw new Error('no collective scheme');
    const base = completeContent(scheme, 'communePeoplesCommittee');
    const fileSizes = sizes(SEED, EVIDENCE_BYTES);
    const blobFiles: string[] = [];
    const now = new Date().toISOString();
    const blobs = fileSizes.map((size, index) => {
      const file = evidence(size, index);
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      const path = blobPath(office.dataDir, sha256);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.bytes);
      blobFiles.push(path);
      return { sha256, size, mimeType: file.mimeType, fileName: file.fileName };
    });
    office.core.db.transaction(() => {
      for (let index = 0; index < DOSSIERS; index += 1) {
        const unitId = `bench-unit-${index}`;
        insertUnit(office.core.db, { id: unitId, name: `UBND xã ${index + 1}`, kind: 'communePeoplesCommittee', level: 'commune', commune: `xã ${index + 1}`, parentOfficeId: officeUnit.id, retired: false }, now);
        const content = { ...base, womenShare: index % 70 };
        const score = scoreDossier(scheme, toScoreInput(content));
        const id = `bench-dossier-${String(index).padStart(5, '0')}`;
        insertDossier(
          office.core.db,
          { id, campaignYear: YEAR, nomineeKind: 'communePeoplesCommittee', unitId, personId: null, schemeId: scheme.id, schemeVersion: scheme.version, revision: 1, status: 'ready', content, selfTotal: score.total, eligible: score.eligible, complete: score.complete, createdBy: null },
          now,
        );
      }
      // Evidence spread over the dossiers, every dossier with one file (a ready dossier has evidence, and the branch
      // checks it on arrival): dossier i has file ⌊i · files / DOSSIERS⌋, so each file serves four or five dossiers.
      for (const blob of blobs) insertAttachmentBlob(office.core.db, blob.sha256, blob.size, blob.mimeType, now);
      for (let index = 0; index < DOSSIERS; index += 1) {
        const blob = blobs[Math.floor((index * blobs.length) / DOSSIERS)] as (typeof blobs)[number];
        linkAttachment(office.core.db, `bench-dossier-${String(index).padStart(5, '0')}`, blob.sha256, blob.fileName, now);
      }
    })();
    const seedSeconds = seconds(seeding);

    // ── baseline, export, baseline, import, baseline: each step starts with the disk flushed, so no step pays for
    // the previous one's writes; the baseline is the median of its three runs around the measured steps ──
    log('measuring: baseline (read + SHA-256 + write + fsync of every evidence file)…');
    flushDisk();
    const baselineRuns = [baseline(blobFiles, join(root, 'baseline'))];
    log('measuring: export…');
    const file = join(usb, 'submission.tdcs');
    flushDisk();
    let mark = process.hrtime.bigint();
    const exported = await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: file });
    const exportSeconds = seconds(mark);
    flushDisk();
    baselineRuns.push(baseline(blobFiles, join(root, 'baseline')));
    log('measuring: dry run and import…');
    flushDisk();
    mark = process.hrtime.bigint();
    const plan = await branch.call('exchange.dryRun', { source: { path: file } });
    const dryRunSeconds = seconds(mark);
    flushDisk();
    mark = process.hrtime.bigint();
    const applied = await branch.call('exchange.apply', { source: { path: file }, decision: { acceptLate: true } });
    const importSeconds = seconds(mark);
    flushDisk();
    baselineRuns.push(baseline(blobFiles, join(root, 'baseline')));

    // ── the work was real: every dossier arrived, every evidence file with its hash ──
    const checks: string[] = [];
    if (exported.items !== DOSSIERS) checks.push(`exported ${exported.items} dossiers, not ${DOSSIERS}`);
    if (plan.counts.new !== DOSSIERS || applied.counts.new !== DOSSIERS) checks.push(`dry run / import found ${plan.counts.new} / ${applied.counts.new} new dossiers`);
    const received = branch.core.db.prepare("SELECT count(*) AS n FROM dossiers WHERE status = 'received'").get() as { n: number };
    if (received.n !== DOSSIERS) checks.push(`${received.n} dossiers received at the branch`);
    const wrong = blobs.filter((blob) => {
      const path = blobPath(branch.dataDir, blob.sha256);
      try {
        return createHash('sha256').update(readFileSync(path)).digest('hex') !== blob.sha256;
      } catch {
        return true;
      }
    });
    if (wrong.length > 0) checks.push(`${wrong.length} evidence files missing or wrong at the branch`);

    // ── peak memory of a dry run, each in its own process: the valid package next to hostile files ──
    log('measuring: peak memory of dry runs (valid and hostile files)…');
    const reader = await ContainerReader.open(file);
    const manifest = await reader.read('manifest.json');
    reader.close();
    const memoryFolder = join(root, 'memory');
    mkdirSync(memoryFolder);
    const memory = measureDryRunMemory(join(__dirname, '..', 'electron', 'cli.js'), branch.dataDir, file, manifest, memoryFolder);

    const baselineSeconds = [...baselineRuns].sort((a, b) => a - b)[1] as number;
    const throughput = { baseline: EVIDENCE_BYTES / baselineSeconds, export: EVIDENCE_BYTES / exportSeconds, import: EVIDENCE_BYTES / importSeconds };
    const ratios = { export: throughput.export / throughput.baseline, import: throughput.import / throughput.baseline };
    const results: ExchangeBenchResults = {
      dossiers: DOSSIERS,
      evidenceFiles: blobs.length,
      evidenceBytes: EVIDENCE_BYTES,
      packageBytes: statSync(file).size,
      seed: SEED,
      targetRatio: TARGET_RATIO,
      seconds: { seed: seedSeconds, baselineRuns, baseline: baselineSeconds, export: exportSeconds, dryRun: dryRunSeconds, import: importSeconds, total: seconds(started) },
      throughput,
      ratios,
      verdicts: { export: ratios.export >= TARGET_RATIO ? 'PASS' : 'MISS', import: ratios.import >= TARGET_RATIO ? 'PASS' : 'MISS' },
      checks,
      memory,
    };
    const rate = (bytesPerSecond: number) => fixed(bytesPerSecond / MB, 1);
    const rows: string[][] = [
      ['', 'seconds', 'MB/s', 'ratio', 'target', 'result'],
      ['baseline: read + SHA-256 + write + fsync each file (median of 3)', fixed(baselineSeconds, 2), rate(throughput.baseline), '1.00', '', ''],
      ['export: gather, encrypt, sign, zip, write durably, read back, verify', fixed(exportSeconds, 2), rate(throughput.export), fixed(ratios.export, 2), `≥ ${TARGET_RATIO}`, results.verdicts.export],
      ['import: verify, decrypt, judge, back up, apply in one transaction', fixed(importSeconds, 2), rate(throughput.import), fixed(ratios.import, 2), `≥ ${TARGET_RATIO}`, results.verdicts.import],
      ['  of which the dry run alone (verify, decrypt, judge)', fixed(dryRunSeconds, 2), rate(EVIDENCE_BYTES / dryRunSeconds), '', '', ''],
    ];
    log('');
    log(
      `Exchange benchmark: ${DOSSIERS.toLocaleString('en')} dossiers, ${blobs.length} evidence files (${fixed(FILE_MIN / 1024, 0)} KB – ${fixed(FILE_MAX / MB, 0)} MB, PDF/PNG), ${fixed(EVIDENCE_BYTES / MB, 0)} MB of evidence; package ${fixed(results.packageBytes / MB, 1)} MB`,
    );
    log(`Node ${process.version}; ${cpus().length} CPU(s): ${cpus()[0]?.model.trim() ?? 'unknown'}; ${fixed(freemem() / 1024 / MB, 1)} GB free`);
    log('');
    log(table(rows));
    log('');
    log(`MB/s and ratios count the evidence bytes (${fixed(EVIDENCE_BYTES / MB, 0)} MB); ratio = throughput ÷ the baseline's, measured in this run on the same files.`);
    log(`Baseline runs: ${baselineRuns.map((value) => `${fixed(value, 2)} s`).join(', ')}; fixture generation ${fixed(seedSeconds, 1)} s (not timed work).`);
    log('');
    log('Peak memory of a dry run (command line, one process per file; the figure is the whole process: Node, SQLite, the core):');
    log(table([['file', 'size MB', 'exit', 'peak MB'], ...memory.map((figure) => [figure.file, fixed(figure.bytes / MB, 1), String(figure.exit), fixed(figure.peakMb, 0)])]));
    log(checks.length === 0 ? `Checked: ${DOSSIERS.toLocaleString('en')} dossiers received, every evidence file at the branch with its SHA-256.` : `CHECKS FAILED: ${checks.join('; ')}`);
    return results;
  } finally {
    for (const core of cores) core.close();
    rmSync(root, { recursive: true, force: true });
  }
}
