import type { AppErrorShape } from './errors';

/** One call as it crosses IPC or HTTP. */
export interface CallRequest {
  call: string;
  input: unknown;
  session: string | null;
}

export type CallResponse<T = unknown> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Largest input of an ordinary call; a call that carries files says its own limit in the contract. */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/** Largest body any transport accepts at all (the largest call limit, with room for the envelope). */
export const MAX_BODY_BYTES = 31 * 1024 * 1024;
