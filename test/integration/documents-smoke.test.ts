import { writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { setUpCore } from '../support/core';

test('smoke', async () => {
  let started = Date.now();
  const app = await setUpCore({ mode: 'branch', demo: true });
  console.log('setup', Date.now() - started);
  for (const round of [1, 2] as const) {
    const overview = await app.call('documents.overview', { campaignYear: 2024, round });
    console.log(JSON.stringify(overview.documents.map((d) => [d.kind, d.state, d.needs])));
    for (const kind of ['submission', 'minutes', 'list', 'scores', 'report', 'notice'] as const) {
      for (const format of ['docx', 'pdf', 'xlsx'] as const) {
        if (format === 'xlsx' && kind !== 'list' && kind !== 'scores') continue;
        started = Date.now();
        const file = await app.call('documents.generate', { campaignYear: 2024, round, kind, format, subject: kind === 'report' || kind === 'notice' ? null : undefined });
        writeFileSync(`/tmp/docsmoke/${round}-${file.fileName}`, Buffer.from(file.content ?? '', 'base64'));
        console.log(kind, format, file.fileName, file.bytes, Date.now() - started, 'ms');
      }
    }
  }
  app.close();
}, 300_000);
