import { runCli } from './cli';

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password / Mật khẩu: ');
  return new Promise((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (process.stdin.isTTY && text.includes('\n')) process.stdin.pause();
      if (process.stdin.isTTY && text.includes('\n')) resolve(text);
    });
    process.stdin.on('end', () => resolve(text));
  });
}

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readStdin,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tdcs: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
