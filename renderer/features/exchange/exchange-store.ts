import { create } from 'zustand';
import type { CallInput, ExportJob, PackageSource } from '../../../shared/contract/calls';
import type { ImportPlan } from '../../../shared/domain/exchange';
import { ApiError, call } from '../../app/api';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session-store';

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
  job: ExportJob;
  /** Asked for, not yet acknowledged by the job. */
  cancelling: boolean;
}

/** How often the screen asks a running export how far it has got. */
const PROGRESS_POLL_MS = 250;

interface ExchangeState {
  tab: ExchangeTab;
  chosen: ChosenFile | null;
  /** The chosen file once imported, with what the import did: coming back to the tab shows it, never a new dry run. */
  imported: { id: number; plan: ImportPlan } | null;
  exporting: Exporting | null;
  /** Counts exports that ended with a written file: the Exchange page refreshes what it shows when it changes. */
  exportsWritten: number;
  /** Starts an export job and follows it to its end; `onWritten` runs once it has written its file. */
  startExport(request: CallInput<'exchange.exportStart'>, onWritten?: () => void): Promise<void>;
  /** Follows this person's export still running, when the page opens again (or after signing in again). */
  resumeExport(): Promise<void>;
  cancelExport(): Promise<void>;
  /** Forgets a finished export (another kind chosen, the next file to write). */
  dismissExport(): void;
  setTab(tab: ExchangeTab): void;
  /** A file to dry-run: the receive tab opens with it. */
  choose(source: PackageSource, fileName: string): void;
  markImported(id: number, plan: ImportPlan): void;
  clear(): void;
}

let choices = 0;
/** The job being followed, so that a page opened twice never polls it twice. */
let followed: string | null = null;

export const useExchange = create<ExchangeState>((set, get) => {
  /** Asks the job how far it has got until it ends; resolves with its last state. */
  async function follow(started: ExportJob): Promise<ExportJob> {
    set({ exporting: { job: started, cancelling: false } });
    if (followed === started.jobId) return started;
    followed = started.jobId;
    let job = started;
    try {
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
        job = await call('exchange.exportStatus', { jobId: job.jobId });
        const current = get().exporting;
        if (current?.job.jobId === job.jobId) set({ exporting: { ...current, job } });
      }
    } catch (error) {
      // The application stopped answering, or the person signed out: no bar that never moves.
      if (get().exporting?.job.jobId === job.jobId) set({ exporting: null });
      throw error;
    } finally {
      if (followed === started.jobId) followed = null;
    }
    if (job.state === 'done') set({ exportsWritten: get().exportsWritten + 1 });
    return job;
  }

  return {
    tab: 'identity',
    chosen: null,
    imported: null,
    exporting: null,
    exportsWritten: 0,
    async startExport(request, onWritten) {
      const job = await follow(await call('exchange.exportStart', request));
      if (job.state === 'done') onWritten?.();
    },
    async resumeExport() {
      if (get().exporting?.job.state === 'running') return;
      const running = await call('exchange.exportRunning', {});
      if (running) await follow(running);
    },
    async cancelExport() {
      const current = get().exporting;
      if (!current || current.job.state !== 'running') return;
      set({ exporting: { ...current, cancelling: true } });
      try {
        await call('exchange.exportCancel', { jobId: current.job.jobId });
      } catch (error) {
        // Not cancelled after all: the button works again.
        const now = get().exporting;
        if (now?.job.jobId === current.job.jobId) set({ exporting: { ...now, cancelling: false } });
        throw error;
      }
    },
    dismissExport() {
      if (get().exporting?.job.state !== 'running') set({ exporting: null });
    },
    setTab(tab) {
      set({ tab });
    },
    choose(source, fileName) {
      choices += 1;
      forgetUpload(get().chosen);
      set({ tab: 'receive', chosen: { id: choices, source, fileName }, imported: null });
    },
    markImported(id, plan) {
      set({ imported: { id, plan } });
    },
    clear() {
      // An imported upload is already gone from the inbox: only one set aside is forgotten here.
      if (!get().imported) forgetUpload(get().chosen);
      set({ chosen: null, imported: null });
    },
  };
});

// Another person signing in does not see the last one's file choice or export on this screen.
useSession.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useExchange.setState({ exporting: null, chosen: null, imported: null, tab: 'identity' });
});

/** Browser mode: a file uploaded for a dry run and then set aside is removed from the application's inbox. */
function forgetUpload(chosen: ChosenFile | null): void {
  if (chosen && 'uploadId' in chosen.source) void call('exchange.discardUpload', { uploadId: chosen.source.uploadId }).catch(() => undefined);
}

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
