import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openCore } from './core';
import { argValue, resolveDataDir } from './data-dir';
import { startBrowserHost } from './transport/http-host';

/** Tries to open the address in the system's browser; failing that, the printed line is enough. */
function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser launcher on this machine: the user opens the printed address by hand.
  }
}

/** Browser mode: `npm run start:browser -- [--data-dir D] [--port N] [--no-open]`. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataDir = resolveDataDir(argValue(argv, '--data-dir'));
  const core = openCore({ dataDir, dailyBackup: true });
  const host = await startBrowserHost(core, join(__dirname, '..', 'renderer'), { port: Number(argValue(argv, '--port') ?? 0) });
  process.stdout.write(`Thi đua TDCS — browser mode, data in ${dataDir}\nOpen this address (Mở địa chỉ này):\n${host.url}\n`);
  if (!argv.includes('--no-open')) openInBrowser(host.url);
  const stop = (): void => {
    void host
      .close()
      .then(() => core.closeWhenIdle())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`tdcs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
