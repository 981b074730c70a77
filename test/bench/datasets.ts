import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import type { CallInput, CallName, CallOutput, GeneratedSummary } from '../../shared/contract/calls';

/** The administrator of every generated benchmark installation. */
export const BENCH_ADMIN = { username: 'admin', password: 'mat-khau-do-hieu-nang' };
export const BENCH_YEAR = 2025;

export interface Dataset {
  /** Collective dossiers: the rows of the collective ranking. */
  collectives: number;
  dataDir: string;
  summary: GeneratedSummary;
  seconds: number;
}

/** A branch installation filled by the generator (`npm run generate`): N collectives and N/5 individuals. */
export async function generatedDataset(collectives: number, root: string): Promise<Dataset> {
  const dataDir = mkdtempSync(join(root, `tdcs-bench-${collectives}-`));
  const started = process.hrtime.bigint();
  const core = openCore({ dataDir });
  try {
    const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> => {
      const response = await core.call({ call: name, input, session: null }, true);
      if (!response.ok) throw new Error(`${name}: ${response.error.code}`);
      return response.value as CallOutput<K>;
    };
    await call('setup.initialise', {
      mode: 'branch',
      organisationName: 'Chi nhánh NHCSXH tỉnh Tây Ninh',
      admin: { username: BENCH_ADMIN.username, fullName: 'Quản trị', password: BENCH_ADMIN.password },
      language: 'vi',
      loadDemo: false,
    });
    const summary = await call('demo.generate', { dossiers: collectives, individuals: Math.round(collectives / 5), seed: 20_251_000 + collectives, attachmentKb: 0 });
    return { collectives, dataDir, summary, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    core.close();
  }
}

export function benchRoot(): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'tdcs-bench-'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
