/** The messages between an Electron-shell test and its child process (electron-shell.ts ↔ electron-shell-driver.ts). */
import type { DialogKind } from './fake-electron';

export type { DialogCall, DialogKind, FakeElectronConfig, FakeElectronState, MenuItemSnapshot, WindowSnapshot } from './fake-electron';

/** Environment variable carrying the fake's configuration (JSON, a Partial<FakeElectronConfig>). */
export const FAKE_ELECTRON_ENV = 'TDCS_FAKE_ELECTRON';

export type ShellRequest =
  | { op: 'state' }
  | { op: 'ready' }
  | { op: 'finishLoad' }
  | { op: 'fetch'; url: string }
  | { op: 'invoke'; channel: string; senderUrl: string | null; args: unknown[]; fromOtherContents?: boolean }
  | { op: 'secondInstance'; argv: string[]; workingDirectory: string }
  | { op: 'openFile'; path: string }
  | { op: 'navigate'; event: 'will-navigate' | 'will-redirect'; url: string }
  | { op: 'preventUnload' }
  | { op: 'windowOpen'; url: string }
  | { op: 'guestContents' }
  | { op: 'queueDialog'; kind: DialogKind; answer: unknown }
  | { op: 'clickMenu'; path: string[] }
  | { op: 'permission'; permission: string }
  | { op: 'permissionCheck'; permission: string }
  | { op: 'minimize' }
  | { op: 'unseal'; base64: string }
  | { op: 'exit' };

/** A request to the app:// handler: the response, or the network error the page would see. */
export type FetchResult = { status: number; headers: Record<string, string>; body: string } | { error: string };

export type ShellReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
