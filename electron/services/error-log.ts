import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type AppErrorShape } from '../../shared/contract/errors';

/** The log rotates at this size, keeping this many older files. */
const LOG_BYTES = 1024 * 1024;
const LOG_FILES = 3;
export const ERROR_LOG = 'errors.log';

/** A short number a person can read out on the phone: "E-7K3Q9A". */
function errorNumber(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `E-${[...randomBytes(6)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

/**
 * What an internal error says, without what it was about: quoted text (a value from a file, a name) is left out,
 * so that the log holds no personal data.
 */
function scrubbed(text: string): string {
  return text.replace(/"[^"\n]*"/g, '"…"').replace(/'[^'\n]*'/g, "'…'").replace(/`[^`\n]*`/g, '`…`').slice(0, 2000);
}

function rotate(folder: string): void {
  const current = join(folder, ERROR_LOG);
  if (!existsSync(current) || statSync(current).size < LOG_BYTES) return;
  rmSync(join(folder, `errors.${LOG_FILES}.log`), { force: true });
  for (let index = LOG_FILES - 1; index >= 1; index -= 1) {
    const from = join(folder, `errors.${index}.log`);
    if (existsSync(from)) renameSync(from, join(folder, `errors.${index + 1}.log`));
  }
  renameSync(current, join(folder, 'errors.1.log'));
}

/**
 * Writes an unexpected error to `<data>/logs/errors.log` (message and stack, never inputs, passwords or personal
 * data) and returns the number the person sees and can report.
 */
export function logInternalError(dataDir: string, error: unknown, call: string): string {
  const reference = errorNumber();
  const kind = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? scrubbed(error.message) : '';
  const stack = error instanceof Error && error.stack ? scrubbed(error.stack.split('\n').slice(1).join('\n')) : '';
  const entry = `${new Date().toISOString()} ${reference} ${call} ${kind}: ${message}\n${stack}\n\n`;
  try {
    const folder = join(dataDir, 'logs');
    mkdirSync(folder, { recursive: true });
    rotate(folder);
    appendFileSync(join(folder, ERROR_LOG), entry);
  } catch {
    // A full or read-only disk: the terminal still gets the number.
  }
  process.stderr.write(`tdcs: internal error ${reference} (${kind}) in ${call}\n`);
  return reference;
}

/** The error every transport answers with: a service's own, or "internal" with the number of its log entry. */
export function errorShapeOf(error: unknown, dataDir: string, call: string): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  return { code: 'internal', params: { reference: logInternalError(dataDir, error, call) } };
}
