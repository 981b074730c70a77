import type { CallRequest, CallResponse } from './envelope';

/** What the Electron preload exposes to the page as `window.tdcs`; browser mode has no bridge. */
export interface DesktopBridge {
  call(request: CallRequest): Promise<CallResponse>;
  /** The native open dialog for exchange files; null when cancelled. */
  chooseExchangeFile(): Promise<string | null>;
  /** The native save dialog (a USB stick, typically); null when cancelled. */
  chooseSaveLocation(defaultName: string): Promise<string | null>;
  /** Called with the path of a .tdcs file opened from the system (double-click, file association). */
  onOpenExchangeFile(listener: (path: string) => void): void;
}

/** IPC channel names, shared by the main process and the preload. */
export const IPC_CHANNELS = {
  call: 'tdcs:call',
  chooseExchangeFile: 'tdcs:choose-exchange-file',
  chooseSaveLocation: 'tdcs:choose-save-location',
  openExchangeFile: 'tdcs:open-exchange-file',
} as const;
