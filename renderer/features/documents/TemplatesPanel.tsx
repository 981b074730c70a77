import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../shared/documents/model';
import type { TemplateInfo } from '../../../shared/documents/outputs';
import { formatDateTime } from '../../../shared/i18n/format';
import { ApiError, call } from '../../app/api';
import { useCall } from '../../app/use-call';
import { ErrorBanner, useErrorText, errorShape } from '../../components/errors';
import { fileAsBase64, saveFile } from './download';

/** Each document's wording: download it as a Word file, import it edited (checked, or refused naming the fault), or go back. */
export function TemplatesPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { value: loaded, error } = useCall('documents.templates', {});
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState<DocumentKind | null>(null);
  const shown = templates ?? loaded;

  const act = async (work: () => Promise<void>) => {
    setMessage(null);
    setFailure(null);
    try {
      await work();
    } catch (caught) {
      setFailure(caught);
    }
  };
  const chosen = async (file: File | undefined) => {
    const kind = importing;
    if (!file || !kind) return;
    const name = shown?.find((entry) => entry.kind === kind)?.name ?? kind;
    await act(async () => {
      setTemplates(await call('documents.importTemplate', { kind, fileName: file.name, content: await fileAsBase64(file) }));
      setMessage(t('documents.templates.imported', { name }));
    });
    if (input.current) input.current.value = '';
  };
  const issues = errorShape(failure).issues ?? [];

  return (
    <section className="card documents-templates" data-testid="documents-templates">
      <h2>{t('documents.templates.title')}</h2>
      <p className="muted">{t('documents.templates.hint')}</p>
      <ErrorBanner error={error} />
      <input ref={input} type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" hidden onChange={(event) => void chosen(event.target.files?.[0])} data-testid="template-file" />
      <table className="table">
        <tbody>
          {(shown ?? []).map((entry) => (
            <tr key={entry.kind} data-testid={`template-${entry.kind}`}>
              <td>
                <strong>{entry.name}</strong>
                <div className="muted small">{entry.custom ? t('documents.templates.custom', { file: entry.fileName ?? '', by: entry.importedBy ?? '', at: formatDateTime(entry.importedAt ?? '') }) : t('documents.templates.builtIn')}</div>
              </td>
              <td className="actions">
                <button type="button" className="secondary" onClick={() => void act(async () => saveFile({ ...(await call('documents.exportTemplate', { kind: entry.kind })), mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: 0, path: null }))}>
                  {t('documents.templates.export')}
                </button>
                {' '}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setImporting(entry.kind);
                    input.current?.click();
                  }}
                  data-testid={`template-import-${entry.kind}`}
                >
                  {t('documents.templates.import')}
                </button>
                {' '}
                {entry.custom ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void act(async () => {
                        setTemplates(await call('documents.resetTemplate', { kind: entry.kind }));
                        setMessage(t('documents.templates.resetDone', { name: entry.name }));
                      })
                    }
                  >
                    {t('documents.templates.reset')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message ? <p className="banner banner-ok" role="status">{message}</p> : null}
      {failure ? (
        <div className="banner banner-error" role="alert" data-testid="template-refused">
          <p>{errorText(new ApiError({ ...errorShape(failure), issues: [] }))}</p>
          {issues.length > 0 ? (
            <ul>
              {issues.map((issue, index) => (
                <li key={index}>{t(issue.key, issue.params)}</li>
              ))}
            </ul>
          ) : null}
          {issues.length > 0 ? <p>{t('documents.templates.refusedHint')}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
