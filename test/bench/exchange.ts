// The USB exchange benchmark: an office exports 2,000 dossiers with 500 MB of evidence (random bytes in 250 KB – 2 MB
// files, PDFs and PNGs by their magic bytes) and the branch imports the file. Both are timed end to end through the
// handler table, several times, against the fair baseline measured in the same run on the same bytes: read every
// evidence file, one SHA-256 over all of them, write them into one file, one fsync, read that file back once.
// Then the peak memory of the command line's dry run of that file, next to hostile files (./exchange-memory.ts).
// Figures, not tests: nothing fails on time. Everything is written under one temp folder, removed at the end.
import { execFileSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, cpSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
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
import { fixed, spread, verdict, type Row, type Spread } from './figures';

const DOSSIERS = 2_000;
const EVIDENCE_BYTES = 500 * 1024 * 1024;
const FILE_MIN = 250 * 1024;
const FILE_MAX = 2 * 1024 * 1024;
const SEED = 20_251_125;
const TARGET_RATIO = 0.5;
const RUNS = Number(process.env.TDCS_BENCH_EXCHANGE_RUNS ?? 5);
const YEAR = 2025;
const PASSWORD = 'mat-khau-do-hieu-nang';
const PDF_MAGIC = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const READ_BACK_CHUNK = 8 * 1024 * 1024;

export interface ExchangeBenchResults {
  dossiers: number;
  evidenceFiles: number;
  evidenceBytes: number;
  packageBytes: number;
  seed: number;
  targetRatio: number;
  /** Seconds of each measured step, over the runs. */
  baseline: Spread;
  export: Spread;
  dryRun: Spread;
  import: Spread;
  /** Throughput ÷ the baseline's (the medians). */
  ratios: { export: number; import: number };
  checks: string[];
  /** Peak memory of the command line's dry run of each file, in its own process. */
  memory: MemoryFigure[];
  rows: Row[];
  environment: string;
}

/** The largest entry the format allows, stored and inflated: a reader's memory is a small multiple of it (issue 10). */
const LARGEST_ENTRY_MB = 256;

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

/**
 * The fair baseline on the same bytes: read every evidence file, one SHA-256 over all of them, write them one after
 * the other into one file, one fsync, and read that file back once.
 */
function baseline(files: string[], target: string): number {
  rmSync(target, { force: true });
  const started = process.hrtime.bigint();
  const hash = createHash('sha256');
  const descriptor = openSync(target, 'w');
  try {
    for (const file of files) {
      const bytes = readFileSync(file);
      hash.update(bytes);
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(descriptor, bytes, offset);
    }
    hash.digest();
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  const reader = openSync(target, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_BACK_CHUNK);
    while (readSync(reader, chunk, 0, chunk.length, null) > 0);
  } finally {
    closeSync(reader);
  }
  const elapsed = seconds(started);
  rmSync(target, { force: true });
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
      // Evidence spread over the dossiers: file j belongs to dossier ⌊j · DOSSIERS / files⌋.
      blobs.forEach((blob, index) => {
        insertAttachmentBlob(office.core.db, blob.sha256, blob.size, blob.mimeType, now);
        linkAttachment(office.core.db, `bench-dossier-${String(Math.floor((index * DOSSIERS) / blobs.length)).padStart(5, '0')}`, blob.sha256, blob.fileName, now);
      });
    })();
    const seedSeconds = seconds(seeding);
    const everyDossier = Array.from({ length: DOSSIERS }, (_, index) => `bench-dossier-${String(index).padStart(5, '0')}`);

    // The branch as it is before any import, copied for each import run so that every run does the same work.
    branch.core.close();
    const pristine = join(root, 'branch-before-import');
    cpSync(branch.dataDir, pristine, { recursive: true });

    // ── runs of: baseline, export, baseline, dry run + import into a fresh copy of the branch. Each step starts with
    // the disk flushed, so that no step pays for the previous one's writes. ──
    const baselines: number[] = [];
    const exports: number[] = [];
    const dryRuns: number[] = [];
    const imports: number[] = [];
    const checks: string[] = [];
    let packageBytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      log(`run ${run + 1} of ${RUNS}: baseline, export, baseline, dry run, import…`);
      flushDisk();
      baselines.push(baseline(blobFiles, join(root, 'baseline.bin')));
      const file = join(usb, `submission-${run + 1}.tdcs`);
      flushDisk();
      let mark = process.hrtime.bigint();
      const exported = await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, dossierIds: everyDossier, to: file });
      exports.push(seconds(mark));
      packageBytes = statSync(file).size;
      if (exported.items !== DOSSIERS) checks.push(`run ${run + 1}: exported ${exported.items} dossiers, not ${DOSSIERS}`);
      flushDisk();
      baselines.push(baseline(blobFiles, join(root, 'baseline.bin')));

      const copy = join(root, `branch-run-${run + 1}`);
      cpSync(pristine, copy, { recursive: true });
      const receiver = openCore({ dataDir: copy });
      cores.push(receiver);
      const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> => {
        const response = await receiver.call({ call: name, input, session: null }, true);
        if (!response.ok) throw new Error(`${name}: ${response.error.code} ${JSON.stringify(response.error.params ?? {})}`);
        return response.value as CallOutput<K>;
      };
      flushDisk();
      mark = process.hrtime.bigint();
      const plan = await call('exchange.dryRun', { source: { path: file } });
      dryRuns.push(seconds(mark));
      flushDisk();
      mark = process.hrtime.bigint();
      const applied = await call('exchange.apply', { source: { path: file }, decision: { acceptLate: true, acceptReplay: true } });
      imports.push(seconds(mark));

      // ── the work was real: every dossier arrived, every evidence file with its hash ──
      if (plan.counts.new !== DOSSIERS || applied.counts.new !== DOSSIERS) checks.push(`run ${run + 1}: dry run / import found ${plan.counts.new} / ${applied.counts.new} new dossiers`);
      const received = receiver.db.prepare("SELECT count(*) AS n FROM dossiers WHERE status = 'received'").get() as { n: number };
      if (received.n !== DOSSIERS) checks.push(`run ${run + 1}: ${received.n} dossiers received at the branch`);
      const wrong = blobs.filter((blob) => {
        try {
          return createHash('sha256').update(readFileSync(blobPath(copy, blob.sha256))).digest('hex') !== blob.sha256;
        } catch {
          return true;
        }
      });
      if (wrong.length > 0) checks.push(`run ${run + 1}: ${wrong.length} evidence files missing or wrong at the branch`);
      receiver.close();
      rmSync(copy, { recursive: true, force: true });
      // The last file stays for the memory figures below.
      if (run < RUNS - 1) rmSync(file, { force: true });
    }

    const figures = { baseline: spread(baselines), export: spread(exports), dryRun: spread(dryRuns), import: spread(imports) };
    // Throughput against the baseline's: the baseline's time over the step's (the same bytes).
    const ratios = { export: figures.baseline.median / figures.export.median, import: figures.baseline.median / figures.import.median };
    const s = (value: Spread) => `${fixed(value.median, 2)} s (${fixed(value.min, 2)}–${fixed(value.max, 2)})`;
    const baselineText = `read + 1 SHA-256 + 1 file + 1 fsync + read back ${s(figures.baseline)}`;
    const rows: Row[] = [
      {
        what: `export of ${DOSSIERS.toLocaleString('en')} dossiers / ${fixed(EVIDENCE_BYTES / MB, 0)} MB (package ${fixed(packageBytes / MB, 0)} MB)`,
        measured: s(figures.export),
        baseline: baselineText,
        ratio: `${fixed(ratios.export, 2)}×`,
        goal: `≥ ${TARGET_RATIO}×`,
        verdict: checks.length === 0 ? verdict(ratios.export >= TARGET_RATIO) : 'FAIL',
      },
      {
        what: `import of the same (dry run alone ${fixed(figures.dryRun.median, 2)} s)`,
        measured: s(figures.import),
        baseline: baselineText,
        ratio: `${fixed(ratios.import, 2)}×`,
        goal: `≥ ${TARGET_RATIO}×`,
        verdict: checks.length === 0 ? verdict(ratios.import >= TARGET_RATIO) : 'FAIL',
      },
    ];
    // ── peak memory of a dry run, each in its own process: the valid package next to hostile files ──
    log('measuring: peak memory of dry runs (valid and hostile files)…');
    const lastFile = join(usb, `submission-${RUNS}.tdcs`);
    const reader = await ContainerReader.open(lastFile);
    const manifest = await reader.read('manifest.json');
    reader.close();
    const memoryBranch = join(root, 'branch-memory');
    cpSync(pristine, memoryBranch, { recursive: true });
    const memoryFolder = join(root, 'memory');
    mkdirSync(memoryFolder);
    const memory = measureDryRunMemory(join(__dirname, '..', 'electron', 'cli.js'), memoryBranch, lastFile, manifest, memoryFolder);
    const valid = memory.find((figure) => figure.file === `submission-${RUNS}.tdcs`);
    for (const figure of memory) {
      rows.push({
        what: `dry run's peak memory (command line): ${figure.file}, ${fixed(figure.bytes / MB, 1)} MB, exit ${figure.exit ?? '—'}`,
        measured: `${fixed(figure.peakMb, 0)} MB`,
        baseline: valid ? `valid package ${fixed(valid.peakMb, 0)} MB` : '—',
        ratio: valid ? `${fixed(figure.peakMb / valid.peakMb, 2)}×` : '—',
        goal: `≤ ${2 * LARGEST_ENTRY_MB} MB`,
        verdict: verdict(figure.peakMb <= 2 * LARGEST_ENTRY_MB),
      });
    }
    const environment = `Node ${process.version}; ${cpus().length} CPU(s): ${cpus()[0]?.model.trim() ?? 'unknown'}; ${fixed(freemem() / 1024 / MB, 1)} GB free; fixture ${fixed(seedSeconds, 1)} s, ${blobs.length} evidence files, total ${fixed(seconds(started), 0)} s`;
    log(checks.length === 0 ? `Checked in every run: ${DOSSIERS.toLocaleString('en')} dossiers received, every evidence file at the branch with its SHA-256.` : `CHECKS FAILED: ${checks.join('; ')}`);
    return { dossiers: DOSSIERS, evidenceFiles: blobs.length, evidenceBytes: EVIDENCE_BYTES, packageBytes, seed: SEED, targetRatio: TARGET_RATIO, ...figures, ratios, checks, memory, rows, environment };
  } finally {
    for (const core of cores) core.close();
    rmSync(root, { recursive: true, force: true });
  }
}
