import { randomUUID } from 'node:crypto';
import type { ExportJob, ExportResult } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import type { PackageKind } from '../../shared/domain/exchange';
import type { WriteOptions } from '../exchange/package';
import { errorShapeOf } from './error-log';

interface Running {
  job: ExportJob;
  owner: string;
  cancelRequested: boolean;
  /** Settles when the job has ended and cleaned up after itself. */
  ended: Promise<void>;
}

/** One turn of the event loop: what an export did before its first pause has happened by then. */
function afterThisTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Finished jobs kept so a late progress question still gets its answer. */
const KEPT_FINISHED = 20;

/**
 * Exports that take a while (thousands of dossiers, hundreds of MB of evidence) run as jobs: the screen asks for their
 * progress and may cancel them, through the same contract as every other call. One export at a time, because each
 * takes the next sequence number.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Running>();
  private active: Running | null = null;

  /** `dataDir` is where an unexpected failure is logged. */
  constructor(private readonly dataDir: string) {}

  /** Starts an export; problems found before any byte is written (nothing to send, file exists) are thrown at once. */
  async start(owner: string, kind: PackageKind, work: (options: WriteOptions) => Promise<ExportResult>): Promise<ExportJob> {
    const running = this.claim(owner, kind);
    const finished = this.track(running, work);
    running.ended = finished;
    // Gathering and the first entry run before the first pause: let an immediate refusal surface as the call's error.
    await Promise.race([finished, afterThisTurn()]);
    if (running.job.state === 'failed' && running.job.error) {
      this.jobs.delete(running.job.jobId);
      throw new AppError(running.job.error.code, running.job.error.params ?? {}, running.job.error.issues ?? []);
    }
    return { ...running.job };
  }

  /** Runs an export to its end in the caller's own call (the command line), still one at a time. */
  async runNow(owner: string, kind: PackageKind, work: (options: WriteOptions) => Promise<ExportResult>): Promise<ExportResult> {
    const running = this.claim(owner, kind);
    running.ended = this.track(running, work);
    await running.ended;
    this.jobs.delete(running.job.jobId);
    if (running.job.result) return running.job.result;
    const error = running.job.error ?? { code: 'internal' as const };
    throw new AppError(error.code, error.params ?? {}, error.issues ?? []);
  }

  /** Whether any export is writing (a restore waits for it). */
  anyRunning(): boolean {
    return this.active !== null;
  }

  /** The owner's export still running, if any. */
  running(owner: string): ExportJob | null {
    return this.active && this.active.owner === owner ? { ...this.active.job } : null;
  }

  status(owner: string, jobId: string): ExportJob {
    return { ...this.find(owner, jobId).job };
  }

  /** Asks a running export to stop; it removes its temporary file and records nothing. */
  cancel(owner: string, jobId: string): ExportJob {
    const running = this.find(owner, jobId);
    if (running.job.state === 'running') running.cancelRequested = true;
    return { ...running.job };
  }

  /** When the application closes: every running export stops; resolves once they have cleaned up after themselves. */
  async cancelAll(): Promise<void> {
    for (const running of this.jobs.values()) running.cancelRequested = true;
    await Promise.all([...this.jobs.values()].map((running) => running.ended));
  }

  private claim(owner: string, kind: PackageKind): Running {
    if (this.active) throw new AppError('exchange.busy');
    const running: Running = {
      job: { jobId: randomUUID(), kind, state: 'running', phase: 'preparing', done: 0, total: 0, result: null, error: null },
      owner,
      cancelRequested: false,
      ended: Promise.resolve(),
    };
    this.active = running;
    this.jobs.set(running.job.jobId, running);
    this.forgetOldJobs();
    return running;
  }

  private async track(running: Running, work: (options: WriteOptions) => Promise<ExportResult>): Promise<void> {
    const { job } = running;
    try {
      job.result = await work({
        onProgress: (progress) => Object.assign(job, progress),
        cancelled: () => running.cancelRequested,
      });
      job.state = 'done';
    } catch (error) {
      job.error = errorShapeOf(error, this.dataDir, `export ${job.kind}`);
      job.state = job.error.code === 'exchange.cancelled' ? 'cancelled' : 'failed';
    } finally {
      if (this.active === running) this.active = null;
    }
  }

  private find(owner: string, jobId: string): Running {
    const running = this.jobs.get(jobId);
    if (!running || running.owner !== owner) throw new AppError('exchange.notFound');
    return running;
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((running) => running.job.state !== 'running');
    for (const running of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) this.jobs.delete(running.job.jobId);
  }
}
