import type { CallInput, CallName, CallOutput } from '../../shared/contract/calls';
import type { DesktopBridge } from '../../shared/contract/bridge';
import type { CallRequest, CallResponse } from '../../shared/contract/envelope';
import type { AppErrorShape } from '../../shared/contract/errors';

declare global {
  interface Window {
    tdcs?: DesktopBridge;
  }
}

/** An error answered by the application, carrying its translatable shape. */
export class ApiError extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.code);
    this.name = 'ApiError';
  }
}

const SESSION_KEY = 'tdcs.session';
let session: string | null = sessionStorage.getItem(SESSION_KEY);
let onSessionLost: () => void = () => undefined;
let onSessionLocked: () => void = () => undefined;
let onPasswordChangeRequired: () => void = () => undefined;

export function setSession(token: string | null): void {
  session = token;
  if (token) sessionStorage.setItem(SESSION_KEY, token);
  else sessionStorage.removeItem(SESSION_KEY);
}

export function hasSession(): boolean {
  return session !== null;
}

/** Browser mode: the session a download must show (a backup goes only to an administrator's session). */
export function currentSession(): string | null {
  return session;
}

/** Called when the application says the session is gone (a restart, an expiry). */
export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

/** Called when the application says the session is locked (idle too long) or must change its password first. */
export function whenSessionRestricted(handlers: { locked: () => void; passwordChangeRequired: () => void }): void {
  onSessionLocked = handlers.locked;
  onPasswordChangeRequired = handlers.passwordChangeRequired;
}

async function send(request: CallRequest): Promise<CallResponse> {
  // Electron: through the preload's bridge. Browser mode: the same call over HTTP to 127.0.0.1.
  if (window.tdcs) return window.tdcs.call(request);
  const response = await fetch('./api/call', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return (await response.json()) as CallResponse;
}

/** Makes one call of the contract; resolves with its output or rejects with an {@link ApiError}. */
export async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  let response: CallResponse;
  try {
    response = await send({ call: name, input, session });
  } catch {
    throw new ApiError({ code: 'internal', params: {} });
  }
  if (response.ok) return response.value as CallOutput<K>;
  if (response.error.code === 'auth.required' && session !== null) {
    setSession(null);
    onSessionLost();
  }
  if (response.error.code === 'auth.sessionLocked') onSessionLocked();
  if (response.error.code === 'auth.passwordChangeRequired') onPasswordChangeRequired();
  throw new ApiError(response.error);
}
