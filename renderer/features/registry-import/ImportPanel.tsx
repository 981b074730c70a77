import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../shared/contract/errors';
import { IMPORT_FIELDS, type ImportMapping, type ImportPreview, type ImportRow, type ImportTarget } from '../../../shared/domain/registry-import';
import { call } from '../../app/api';
import { ErrorBanner, useErrorText } from '../../components/errors';
import type { Notice } from '../../components/notice';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { columnLetter, MAX_IMPORT_MB, readAsBase64 } from './file';
import '../../components/filters.css';
import './import.css';

interface ChosenFile {
  name: string;
  content: string;
}

type Busy = 'reading' | 'checking' | 'importing' | null;

interface ImportPanelProps {
  target: ImportTarget;
  /** Called after rows were imported, so the page reloads its list. */
  onImported: () => void;
  onClose: () => void;
}

/**
 * Imports a list from Excel or CSV in three steps the user can see: the file, which column holds
 * what (checked again at each change), and every row with its problems; nothing is written until
 * the user presses the import button, and then all the rows are written or none.
 */
export function ImportPanel({ target, onImported, onClose }: ImportPanelProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const inputId = useId();
  const fields = IMPORT_FIELDS[target];
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<Notice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [importFailed, setImportFailed] = useState(false);
  const [result, setResult] = useState<{ imported: number; skipped: number; name: string } | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [dragging, setDragging] = useState(false);
  // Only the answer to the latest request counts: an earlier, slower check must not overwrite it.
  const latest = useRef(0);

  const fieldLabel = (field: string): string => t(`registry.registryImport.fields.${target}.${field}`, { defaultValue: field });

  const check = async (chosen: ChosenFile, wanted: ImportMapping | null, keepError = false) => {
    const request = ++latest.current;
    setBusy('checking');
    if (!keepError) setError(null);
    try {
      const answer = await call('registry.importPreview', { target, fileName: chosen.name, content: chosen.content, ...(wanted ? { mapping: wanted } : {}) });
      if (request !== latest.current) return;
      setPreview(answer);
      setMapping(answer.mapping);
    } catch (caught) {
      if (request !== latest.current) return;
      setPreview(null);
      setError(caught);
    } finally {
      if (request === latest.current) setBusy(null);
    }
  };

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    latest.current += 1;
    setFile(null);
    setPreview(null);
    setMapping(null);
    setError(null);
    setProblem(null);
    setResult(null);
    setImportFailed(false);
    setOnlyProblems(false);
    if (chosen.size > MAX_IMPORT_MB * 1024 * 1024) {
      setProblem({ key: 'registry.registryImport.tooLarge', params: { name: chosen.name, size: Math.round((chosen.size / 1024 / 1024) * 10) / 10, maximum: MAX_IMPORT_MB } });
      return;
    }
    if (chosen.size === 0) {
      setProblem({ key: 'registry.registryImport.emptyFile', params: { name: chosen.name } });
      return;
    }
    setBusy('reading');
    let content: string;
    try {
      content = await readAsBase64(chosen);
    } catch {
      setBusy(null);
      setProblem({ key: 'registry.registryImport.readFailed', params: { name: chosen.name } });
      return;
    }
    const next = { name: chosen.name, content };
    setFile(next);
    await check(next, null);
  };

  const remap = (field: string, value: string) => {
    if (!file || !mapping) return;
    const next = { ...mapping, [field]: value === '' ? null : Number(value) };
    setMapping(next);
    setImportFailed(false);
    void check(file, next);
  };

  const confirm = async () => {
    if (!file || !preview) return;
    const request = ++latest.current;
    setBusy('importing');
    setError(null);
    setImportFailed(false);
    try {
      const done = await call('registry.importApply', {
        target,
        fileName: file.name,
        content: file.content,
        mapping: preview.mapping,
        ...(preview.invalid > 0 ? { skipInvalid: true } : {}),
      });
      if (request !== latest.current) return;
      setResult({ ...done, name: file.name });
      setFile(null);
      setPreview(null);
      setMapping(null);
      setBusy(null);
      onImported();
    } catch (caught) {
      if (request !== latest.current) return;
      setImportFailed(true);
      setError(caught);
      // Show what changed since the preview (a row that became a duplicate…), keeping the error in view.
      await check(file, preview.mapping, true);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0]);
  };

  const problemText = (issue: FieldIssue): string => {
    const message = t(issue.key, issue.params ?? {});
    return issue.path ? t('registry.registryImport.problem', { field: fieldLabel(issue.path), message }) : message;
  };

  const rows = preview ? (onlyProblems ? preview.rows.filter((row) => row.issues.length > 0) : preview.rows) : [];
  const columns: VirtualColumn<ImportRow>[] = [
    { id: 'row', header: t('registry.registryImport.row'), width: '4.5rem', minRem: 4.5, className: 'number', cell: (row) => row.row },
    ...fields.map(
      ({ field }): VirtualColumn<ImportRow> => ({
        id: field,
        header: fieldLabel(field),
        width: field === 'name' || field === 'fullName' || field === 'unit' || field === 'parentOffice' ? 'minmax(10rem, 2fr)' : 'minmax(6rem, 1fr)',
        minRem: field === 'name' || field === 'fullName' || field === 'unit' || field === 'parentOffice' ? 10 : 6,
        cellClassName: (row) => (row.issues.some((issue) => issue.path === field) ? 'cell-problem' : ''),
        cell: (row) => row.values[field] ?? '',
      }),
    ),
    {
      id: 'result',
      header: t('registry.registryImport.result'),
      width: 'minmax(16rem, 3fr)',
      minRem: 16,
      cell: (row) =>
        row.issues.length === 0 ? (
          <span className="import-ok">✓ {t('registry.registryImport.ok')}</span>
        ) : (
          <ul className="import-problems" aria-label={t('registry.registryImport.rowNumber', { row: row.row })}>
            {row.issues.map((issue, index) => (
              <li key={index}>{problemText(issue)}</li>
            ))}
          </ul>
        ),
    },
  ];

  return (
    <section className="card import-panel" aria-labelledby={`${inputId}-title`} data-testid="import-panel">
      <header className="import-header">
        <div>
          <h2 id={`${inputId}-title`}>{t(`registry.registryImport.title.${target}`)}</h2>
          <p className="muted">{t('registry.registryImport.intro')}</p>
        </div>
        <button type="button" className="secondary" onClick={onClose}>
          {t('app.close')}
        </button>
      </header>

      {result ? (
        <div className="banner banner-ok" role="status" data-testid="import-result">
          {t('registry.registryImport.done', result)}
        </div>
      ) : null}

      <div
        className={`import-drop${dragging ? ' import-drop-active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="import-drop"
      >
        <span>{t('registry.registryImport.drop')}</span>
        <label htmlFor={inputId} className="import-file-button">
          {file ? t('registry.registryImport.chooseOther') : result ? t('registry.registryImport.another') : t('registry.registryImport.choose')}
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            void choose(chosen);
          }}
          data-testid="import-file"
        />
        <span className="muted small">{t('registry.registryImport.fileHint', { maximum: MAX_IMPORT_MB })}</span>
        {file ? (
          <strong className="import-file-name" data-testid="import-file-name">
            {t('registry.registryImport.file', { name: file.name })}
          </strong>
        ) : null}
      </div>

      {problem ? (
        <div className="banner banner-error" role="alert" data-testid="import-problem">
          {t(problem.key, problem.params)}
        </div>
      ) : null}
      {busy ? (
        <p className="muted" role="status" data-testid="import-busy">
          {t(`registry.registryImport.${busy}`)}
        </p>
      ) : null}
      {importFailed ? (
        <div className="banner banner-error" role="alert" data-testid="import-failed">
          <p>{error ? errorText(error) : null}</p>
          <p>{t('registry.registryImport.failed')}</p>
        </div>
      ) : (
        <ErrorBanner error={error} />
      )}

      {preview && mapping ? (
        <>
          <div className="import-columns">
            <div>
              <h3>{t('registry.registryImport.columnsFound')}</h3>
              <ol className="column-chips" data-testid="import-columns">
                {preview.columns.map((title, index) => (
                  <li key={index}>
                    <span className="column-letter">{columnLetter(index)}</span> {title || t('registry.registryImport.untitled')}
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <h3>{t('registry.registryImport.mappingTitle')}</h3>
              <p className="muted small">{t('registry.registryImport.mappingHint')}</p>
              <table className="mapping-table" data-testid="import-mapping">
                <thead>
                  <tr>
                    <th scope="col">{t('registry.registryImport.field')}</th>
                    <th scope="col">{t('registry.registryImport.column')}</th>
                    <th scope="col">{t('registry.registryImport.example')}</th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map(({ field, required }) => {
                    const id = `${inputId}-map-${field}`;
                    const chosen = mapping[field];
                    return (
                      <tr key={field}>
                        <th scope="row">
                          <label htmlFor={id}>
                            {fieldLabel(field)}
                            {required ? (
                              <span className="required-mark" title={t('registry.registryImport.required')}>
                                {' '}
                                * <span className="visually-hidden">({t('registry.registryImport.required')})</span>
                              </span>
                            ) : null}
                          </label>
                        </th>
                        <td>
                          <select id={id} value={chosen === null || chosen === undefined ? '' : String(chosen)} onChange={(event) => remap(field, event.target.value)} data-testid={`map-${field}`}>
                            <option value="">{t('registry.registryImport.noColumn')}</option>
                            {preview.columns.map((title, index) => (
                              <option key={index} value={index}>
                                {t('registry.registryImport.columnOption', { letter: columnLetter(index), title: title || t('registry.registryImport.untitled') })}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td className="muted">{preview.rows[0]?.values[field] ?? ''}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>

          <h3>{t('registry.registryImport.previewTitle')}</h3>
          <div className="import-summary">
            <p data-testid="import-counts">
              {t('registry.registryImport.counts', { total: preview.rows.length, valid: preview.valid, invalid: preview.invalid })}
            </p>
            {preview.invalid > 0 ? (
              <label className="checkbox">
                <input type="checkbox" checked={onlyProblems} onChange={(event) => setOnlyProblems(event.target.checked)} data-testid="import-only-problems" />
                {t('registry.registryImport.onlyProblems')}
              </label>
            ) : null}
          </div>
          <VirtualTable
            rows={rows}
            columns={columns}
            rowKey={(row) => String(row.row)}
            label={t('registry.registryImport.previewTitle')}
            rowClassName={(row) => (row.issues.length > 0 ? 'row-problem' : '')}
            rowAttributes={(row) => ({ 'data-row': String(row.row) })}
            estimateRowHeight={48}
            testId="import-preview"
            className="import-preview"
          />
          <div className="import-actions">
            {preview.valid === 0 ? <p className="banner banner-error">{t('registry.registryImport.nothingValid')}</p> : null}
            <button type="button" className="secondary" onClick={onClose}>
              {t('app.cancel')}
            </button>
            {preview.valid > 0 ? (
              <button type="button" onClick={() => void confirm()} disabled={busy !== null} data-testid="import-confirm">
                {preview.invalid > 0
                  ? t('registry.registryImport.importValid', { count: preview.valid, invalid: preview.invalid })
                  : t('registry.registryImport.importAll', { count: preview.valid })}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
