import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type DesktopBridge } from '../shared/contract/bridge';
import type { CallRequest, CallResponse } from '../shared/contract/envelope';

// The page gets one function, never ipcRenderer itself.
const bridge = {
  call: (request: CallRequest) => ipcRenderer.invoke(IPC_CHANNELS.call, request) as Promise<CallResponse>,
  chooseExchangeFile: () => ipcRenderer.invoke(IPC_CHANNELS.chooseExchangeFile) as Promise<string | null>,
  chooseSaveLocation: (defaultName: string) => ipcRenderer.invoke(IPC_CHANNELS.chooseSaveLocation, String(defaultName)) as Promise<string | null>,
  onOpenExchangeFile: (listener: (path: string) => void) => {
    ipcRenderer.on(IPC_CHANNELS.openExchangeFile, (_event, path: unknown) => {
      if (typeof path === 'string') listener(path);
    });
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('tdcs', bridge);
