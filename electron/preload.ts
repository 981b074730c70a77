import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type DesktopBridge } from '../shared/contract/bridge';
import type { CallRequest, CallResponse } from '../shared/contract/envelope';

// The page gets one function, never ipcRenderer itself.
const bridge = {
  call: (request: CallRequest) => ipcRenderer.invoke(IPC_CHANNELS.call, request) as Promise<CallResponse>,
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('tdcs', bridge);
