/**
 * Runs inside the child process, bundled just ahead of electron/main.ts (see electron-shell.ts): configures the
 * fake Electron from the environment, then answers the test's requests over the IPC channel of `fork()`.
 * Its top level runs before main.ts's, so the fake is configured when main.ts first touches it.
 */
import { FAKE_ELECTRON_ENV, type FetchResult, type ShellReply, type ShellRequest } from './electron-shell-protocol';
import { app, fake, FakeEvent, ipcMain, protocol, safeStorage, violations, type FakeElectronConfig } from './fake-electron';

const settle = () => new Promise<void>((done) => setImmediate(done));

async function perform(request: ShellRequest): Promise<unknown> {
  switch (request.op) {
    case 'state':
      return fake.state();
    case 'ready': {
      const becameReady = fake.becomeReady();
      await settle();
      return becameReady;
    }
    case 'finishLoad': {
      const answer = await fake.mainWindow().webContents.finishLoad();
      await settle();
      return 'error' in answer ? answer : ({ status: answer.status, headers: answer.headers, body: answer.body.toString('utf8') } satisfies FetchResult);
    }
    case 'fetch': {
      const answer = await protocol.fetch(request.url);
      return 'error' in answer ? answer : ({ status: answer.status, headers: answer.headers, body: answer.body.toString('utf8') } satisfies FetchResult);
    }
    case 'invoke':
      return ipcMain.invoke(request.channel, request.senderUrl, request.args, request.fromOtherContents ?? false);
    case 'secondInstance': {
      // What Electron does in the primary when another launch gives up the lock.
      app.emit('second-instance', new FakeEvent(), request.argv, request.workingDirectory, null);
      await settle();
      return null;
    }
    case 'openFile': {
      const event = new FakeEvent();
      app.emit('open-file', event, request.path);
      await settle();
      return { defaultPrevented: event.defaultPrevented };
    }
    case 'navigate': {
      // Electron ≥ 25: (details, url, isInPlace, isMainFrame, frameProcessId, frameRoutingId); `url` is deprecated but passed.
      const event = new FakeEvent({ url: request.url, isSameDocument: false, isMainFrame: true, frame: null });
      fake.mainWindow().webContents.emit(request.event, event, request.url, false, true, 1, 1);
      return { defaultPrevented: event.defaultPrevented };
    }
    case 'preventUnload': {
      const event = new FakeEvent();
      fake.mainWindow().webContents.emit('will-prevent-unload', event);
      return { defaultPrevented: event.defaultPrevented };
    }
    case 'windowOpen': {
      const handler = fake.mainWindow().webContents.windowOpenHandler;
      return handler ? handler({ url: request.url, frameName: '', features: '', disposition: 'new-window' }) : null;
    }
    case 'guestContents': {
      const contents = fake.createGuestContents();
      const attach = new FakeEvent();
      contents.emit('will-attach-webview', attach, {}, { src: 'https://example.org/' });
      const windowOpen = contents.windowOpenHandler ? contents.windowOpenHandler({ url: 'https://example.org/', frameName: '', features: '', disposition: 'new-window' }) : null;
      return { windowOpen, webviewPrevented: attach.defaultPrevented };
    }
    case 'queueDialog':
      fake.queueDialogAnswer(request.kind, request.answer);
      return null;
    case 'clickMenu':
      fake.clickMenu(request.path);
      await settle();
      return null;
    case 'permission':
      return fake.requestPermission(request.permission);
    case 'permissionCheck':
      return fake.checkPermission(request.permission);
    case 'minimize':
      fake.mainWindow().minimize();
      return null;
    case 'unseal':
      return safeStorage.decryptString(Buffer.from(request.base64, 'base64'));
    case 'exit':
      setImmediate(() => process.exit(0));
      return null;
  }
}

if (typeof process.send !== 'function') throw new Error('electron-shell-driver runs in a child started with fork()');
fake.configure(JSON.parse(process.env[FAKE_ELECTRON_ENV] ?? '{}') as Partial<FakeElectronConfig>);
// Electron logs what escapes the main process's promises; here it is a failure the test reads.
process.on('unhandledRejection', (reason) => violations.push(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`));
process.on('message', (message: ShellRequest & { id: number }) => {
  perform(message).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies ShellReply),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ShellReply),
  );
});
// The test has gone: so does this process.
process.on('disconnect', () => process.exit(0));
