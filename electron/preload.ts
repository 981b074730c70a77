import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type DesktopBridge, type MenuCommand } from '../shared/contract/bridge';
import type { CallRequest, CallResponse } from '../shared/contract/envelope';

const MENU_COMMANDS: readonly MenuCommand[] = ['backup', 'backups'];

// The page gets one function per channel, never ipcRenderer itself.
const bridge = {
  call: (request: CallRequest) => ipcRenderer.invoke(IPC_CHANNELS.call, request) as Promise<CallResponse>,
  chooseExchangeFile: () => ipcRenderer.invoke(IPC_CHANNELS.chooseExchangeFile) as Promise<string | null>,
  chooseSaveLocation: (defaultName: string) => ipcRenderer.invoke(IPC_CHANNELS.chooseSaveLocation, String(defaultName)) as Promise<string | null>,
  chooseBackupLocation: (defaultName: string) => ipcRenderer.invoke(IPC_CHANNELS.chooseBackupLocation, String(defaultName)) as Promise<string | null>,
  chooseBackupFile: () => ipcRenderer.invoke(IPC_CHANNELS.chooseBackupFile) as Promise<string | null>,
  onOpenExchangeFile: (listener: (path: string) => void) => {
    ipcRenderer.on(IPC_CHANNELS.openExchangeFile, (_event, path: unknown) => {
      if (typeof path === 'string') listener(path);
    });
  },
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    ipcRenderer.on(IPC_CHANNELS.menuCommand, (_event, command: unknown) => {
      if (MENU_COMMANDS.includes(command as MenuCommand)) listener(command as MenuCommand);
    });
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('tdcs', bridge);
