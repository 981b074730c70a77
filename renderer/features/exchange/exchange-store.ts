import { create } from 'zustand';
import type { CallInput, ExportJob, PackageSource } from '../../../shared/contract/calls';
import type { PackageKind } from '../../../shared/domain/exchange';
import { ApiError, call } from '../../app/api';
import { useRouter } from '../../app/router';

export const EXCHANGE_TABS = ['identity', 'send', 'receive', 'dossiers', 'history'] as const;
export type ExchangeTab = (typeof EXCHANGE_TABS)[number];

/** A file chosen for import; `id` tells two choices of the same file apart, so each gets its own dry run. */
export interface ChosenFile {
  id: number;
  source: PackageSource;
  fileName: string;
}

/** An export being written, or the last one written: it keeps going while the person works elsewhere in the app. */
export interface Exporting {
  kind: PackageKind;
  job: ExportJob;
  /** Asked for, not yet acknowledged by the job. */
  cancelling: boolean;
}

/** How often the screen asks a running export how far it has got. */
const PROGRESS_POLL_MS = 250;

interface ExchangeState {
  tab: ExchangeTab;
  chosen: ChosenFile | null;
  exporting: Exporting | null;
  /** Starts an export job and follows it to its end; `onFinished` runs once it has written its file. */
  startExport(request: CallInput<'exchange.exportStart'>, onFinished: () => void): Promise<void>;
  cancelExport(): Promise<void>;
  /** Forgets a finished export (another kind chosen, the next file to write). */
  dismissExport(): void;
  setTab(tab: ExchangeTab): void;
  /** A file to dry-run: the receive tab opens with it. */
  choose(source: PackageSource, fileName: string): void;
  clear(): void;
}

let choices = 0;

export const useExchange = create<ExchangeState>((set, get) => ({
  tab: 'identity',
  chosen: null,
  exporting: null,
  async startExport(request, onFinished) {
    const started = await call('exchange.exportStart', request);
    set({ exporting: { kind: request.kind, job: started, cancelling: false } });
    let job = started;
    try {
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
        job = await call('exchange.exportStatus', { jobId: job.jobId });
        const current = get().exporting;
        if (current?.job.jobId === job.jobId) set({ exporting: { ...current, job } });
      }
    } catch (error) {
      // The application stopped answering: the screen says so rather than showing a bar that never moves.
      set({ exporting: null });
      throw error;
    }
    if (job.state === 'done') onFinished();
  },
  async cancelExport() {
    const current = get().exporting;
    if (!current || current.job.state !== 'running') return;
    set({ exporting: { ...current, cancelling: true } });
    await call('exchange.exportCancel', { jobId: current.job.jobId });
  },
  dismissExport() {
    if (get().exporting?.job.state !== 'running') set({ exporting: null });
  },
  setTab(tab) {
    set({ tab });
  },
  choose(source, fileName) {
    choices += 1;
    set({ tab: 'receive', chosen: { id: choices, source, fileName } });
  },
  clear() {
    set({ chosen: null });
  },
}));

/** The last part of a path, whichever separator the system uses. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

// Electron: a .tdcs file opened from the system (double-click, File → Open) lands on the exchange page with its dry run.
if (typeof window !== 'undefined' && window.tdcs) {
  window.tdcs.onOpenExchangeFile((path) => {
    useExchange.getState().choose({ path }, baseName(path));
    useRouter.getState().go({ page: 'exchange' });
  });
}

/** What went wrong with a finished export, as the error the screen shows. */
export function exportFailure(exporting: Exporting | null): ApiError | null {
  const error = exporting?.job.error;
  return error ? new ApiError(error) : null;
}
