import type { CallRequest, CallResponse } from './envelope';

/** What the application menu asks the page to do (the page does it with the signed-in person's rights). */
export type MenuCommand = 'backup' | 'backups';

/** What the Electron preload exposes to the page as `window.tdcs`; browser mode has no bridge. */
export interface DesktopBridge {
  call(request: CallRequest): Promise<CallResponse>;
  /** The native open dialog for exchange files; null when cancelled. The chosen path may then be named in calls. */
  chooseExchangeFile(): Promise<string | null>;
  /** The native save dialog (a USB stick, typically); null when cancelled. */
  chooseSaveLocation(defaultName: string): Promise<string | null>;
  /** The native save dialog for a backup copy; null when cancelled. */
  chooseBackupLocation(defaultName: string): Promise<string | null>;
  /** The native open dialog for a backup to restore; null when cancelled. */
  chooseBackupFile(): Promise<string | null>;
  /** Called with the path of a .tdcs file opened from the system (double-click, file association). */
  onOpenExchangeFile(listener: (path: string) => void): void;
  /** Called when a menu item asks the page for something only a signed-in person may do. */
  onMenuCommand(listener: (command: MenuCommand) => void): void;
}

/** IPC channel names, shared by the main process and the preload. */
export const IPC_CHANNELS = {
  call: 'tdcs:call',
  chooseExchangeFile: 'tdcs:choose-exchange-file',
  chooseSaveLocation: 'tdcs:choose-save-location',
  chooseBackupLocation: 'tdcs:choose-backup-location',
  chooseBackupFile: 'tdcs:choose-backup-file',
  openExchangeFile: 'tdcs:open-exchange-file',
  menuCommand: 'tdcs:menu-command',
} as const;
