import type { CallRequest, CallResponse } from './envelope';

/** What the Electron preload exposes to the page as `window.tdcs`; browser mode has no bridge. */
export interface DesktopBridge {
  call(request: CallRequest): Promise<CallResponse>;
}

/** IPC channel names, shared by the main process and the preload. */
export const IPC_CHANNELS = {
  call: 'tdcs:call',
} as const;
