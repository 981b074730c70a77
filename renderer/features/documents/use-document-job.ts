import { useEffect, useRef, useState } from 'react';
import type { CallInput } from '../../../shared/contract/calls';
import type { DocumentFile, DocumentJob } from '../../../shared/documents/outputs';
import { ApiError, call } from '../../app/api';

export interface Making {
  name: string;
  job: DocumentJob;
}

/**
 * A document made in the background: started, followed until it is done (then handed to `onDone`) or cancelled. The
 * window stays responsive while a table of hundreds of nominees is made; Cancel leaves nothing behind.
 */
export function useDocumentJob(onDone: (file: DocumentFile, request: CallInput<'documents.start'>) => void): {
  making: Making | null;
  failure: unknown;
  start: (name: string, input: CallInput<'documents.start'>) => Promise<void>;
  cancel: () => void;
  cancelled: boolean;
} {
  const [making, setMaking] = useState<Making | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  async function follow(name: string, first: DocumentJob, request: CallInput<'documents.start'>): Promise<void> {
    let job = first;
    while (job.state === 'running' && alive.current) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      job = await call('documents.status', { jobId: job.jobId });
      if (alive.current) setMaking({ name, job });
    }
    if (!alive.current) return;
    setMaking(null);
    if (job.state === 'done' && job.result) onDone(job.result, request);
    else if (job.state === 'cancelled') setCancelled(true);
    else if (job.error) setFailure(new ApiError(job.error));
  }

  return {
    making,
    failure,
    cancelled,
    start: async (name, input) => {
      setFailure(null);
      setCancelled(false);
      try {
        const job = await call('documents.start', input);
        setMaking({ name, job });
        await follow(name, job, input);
      } catch (error) {
        setMaking(null);
        setFailure(error);
      }
    },
    cancel: () => {
      if (making) void call('documents.cancel', { jobId: making.job.jobId }).catch(() => undefined);
    },
  };
}
