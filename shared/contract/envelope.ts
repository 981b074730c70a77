import type { AppErrorShape } from './errors';

/** One call as it crosses IPC or HTTP. */
export interface CallRequest {
  call: string;
  input: unknown;
  session: string | null;
}

export type CallResponse<T = unknown> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Largest request body a transport accepts; larger ones are refused before parsing. */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
