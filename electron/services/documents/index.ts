import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { DocumentFormat, DocumentModel } from '../../../shared/documents/model';
import type { DocumentFile, DocumentJob } from '../../../shared/documents/outputs';
import type { ServiceContext } from '../context';
import { errorShapeOf } from '../error-log';
import { MIME_TYPES, renderDocument, zipOf } from './render';
import { documentModels, type DocumentRequest } from './sources';

export { documentOverview } from './sources';
export { documentSettings, saveDocumentSettings } from './settings';
export { importTemplate, resetTemplate, templateFile, templatesInfo } from './templates';
export { exportTable, pageTable } from './tables';

export interface GenerateRequest extends DocumentRequest {
  format: DocumentFormat;
  /** A file chosen on this computer (the desktop's save dialog, the command line); without it the bytes come back. */
  to?: string | undefined;
}

export interface GenerateOptions {
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

/** One turn of the event loop, so that progress questions and a cancel are answered between two files. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The preview of a document: its model, as the DOCX and the PDF print it (the first one when made per subject). */
export function previewDocument(context: ServiceContext, request: DocumentRequest): DocumentModel {
  const [model] = documentModels(context, { ...request, subject: request.subject ?? null });
  if (!model) throw new AppError('documents.nothingToMake', { round: request.round });
  return model;
}

/**
 * Writes a file whole or not at all: under a temporary name beside it, then renamed. A file of that name is not
 * replaced without the person having chosen it (the save dialog asks), and the command line refuses to.
 */
export function writeWhole(path: string, content: Buffer, replace: boolean): void {
  if (!replace && existsSync(path)) throw new AppError('documents.fileExists', { name: basename(path) });
  const temporary = `${path}.${randomUUID().slice(0, 8)}.partial`;
  try {
    writeFileSync(temporary, content, { flush: true });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('documents.writeFailed', { name: basename(path) });
  }
}

/** Makes a document (or one per nominee or office, as a ZIP) in a format, step by step so it can be followed and cancelled. */
export async function generateDocument(context: ServiceContext, request: GenerateRequest, options: GenerateOptions = {}): Promise<DocumentFile> {
  const models = documentModels(context, request);
  const files: { name: string; content: Buffer }[] = [];
  options.onProgress?.(0, models.length);
  for (const model of models) {
    await breathe();
    if (options.cancelled?.()) throw new AppError('documents.cancelled');
    files.push({ name: `${model.fileStem}.${request.format}`, content: await renderDocument(model, request.format) });
    options.onProgress?.(files.length, models.length);
  }
  await breathe();
  if (options.cancelled?.()) throw new AppError('documents.cancelled');
  const single = files.length === 1 ? files[0] : undefined;
  const year = request.campaignYear;
  const fileName = single ? single.name : `${models[0]?.kind === 'report' ? 'bao-cao-thanh-tich' : 'thong-bao-ket-qua'}-vong-${request.round}-${year}-${request.format}.zip`;
  const content = single ? single.content : await zipOf(files);
  const mimeType = single ? MIME_TYPES[request.format] : MIME_TYPES.zip;
  if (request.to) {
    writeWhole(request.to, content, true);
    return { fileName: basename(request.to), mimeType, bytes: content.length, path: request.to, content: null };
  }
  return { fileName, mimeType, bytes: content.length, path: null, content: content.toString('base64') };
}

interface Running {
  job: DocumentJob;
  owner: string;
  cancelRequested: boolean;
}

const KEPT_FINISHED = 20;

/**
 * Documents that take more than a moment (a table of hundreds of nominees, a report per nominee) are made as jobs:
 * the page asks for their progress and may cancel them. A cancelled job leaves nothing: its bytes are dropped.
 */
export class DocumentJobs {
  private readonly jobs = new Map<string, Running>();

  constructor(private readonly dataDir: string) {}

  start(context: ServiceContext, owner: string, request: GenerateRequest): DocumentJob {
    // What makes a document impossible (not ready, nothing to make) is said at once, not as a failed job.
    documentModels(context, request);
    const running: Running = { job: { jobId: randomUUID(), state: 'running', done: 0, total: 0, result: null, error: null }, owner, cancelRequested: false };
    this.jobs.set(running.job.jobId, running);
    this.forgetOldJobs();
    void this.run(context, running, request);
    return { ...running.job };
  }

  status(owner: string, jobId: string): DocumentJob {
    const running = this.find(owner, jobId);
    const job = { ...running.job };
    // The bytes are handed over once; the job stays to answer a late question about its state.
    if (job.state === 'done') running.job = { ...running.job, result: running.job.result ? { ...running.job.result, content: null } : null };
    return job;
  }

  cancel(owner: string, jobId: string): DocumentJob {
    const running = this.find(owner, jobId);
    if (running.job.state === 'running') running.cancelRequested = true;
    return { ...running.job };
  }

  private async run(context: ServiceContext, running: Running, request: GenerateRequest): Promise<void> {
    const { job } = running;
    try {
      job.result = await generateDocument(context, request, {
        onProgress: (done, total) => Object.assign(job, { done, total }),
        cancelled: () => running.cancelRequested,
      });
      job.state = 'done';
    } catch (error) {
      job.error = errorShapeOf(error, this.dataDir, `document ${request.kind}`);
      job.state = job.error.code === 'documents.cancelled' ? 'cancelled' : 'failed';
    }
  }

  private find(owner: string, jobId: string): Running {
    const running = this.jobs.get(jobId);
    if (!running || running.owner !== owner) throw new AppError('documents.jobNotFound');
    return running;
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((running) => running.job.state !== 'running');
    for (const running of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) this.jobs.delete(running.job.jobId);
  }
}
