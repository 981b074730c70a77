import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS } from '../../shared/documents/model';
import { DEFAULT_WORDING, PLACEHOLDERS } from '../../shared/documents/wording';

// The branch edits templates from this page: it must name every placeholder and every part the application knows.
const page = readFileSync(join(__dirname, '..', '..', 'docs', 'document-templates.md'), 'utf8');

describe('docs/document-templates.md', () => {
  it('documents every placeholder', () => {
    for (const name of Object.keys(PLACEHOLDERS)) expect(page, name).toContain(`\`{${name}}\``);
  });

  it('lists every part of every document', () => {
    for (const kind of DOCUMENT_KINDS) {
      expect(page, kind).toContain(`(\`${kind}\`)`);
      for (const part of DEFAULT_WORDING[kind]) expect(page, `${kind}.${part.key}`).toContain(`| \`${part.key}\` |`);
    }
  });
});
