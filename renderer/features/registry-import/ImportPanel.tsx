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

/** What the server is asked: the mapping, sheet and title row the person chose, each only when chosen. */
interface Wanted {
  mapping?: ImportMapping;
  sheet?: number;
  headerRow?: number;
}

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
  const [namesakesChecked, setNamesakesChecked] = useState(false);
  const [dragging, setDragging] = useState(false);
  // Only the answer to the latest request counts: an earlier, slower check must not overwrite it.
  const latest = useRef(0);

  const fieldLabel = (field: string): string => t(`registry.registryImport.fields.${target}.${field}`, { defaultValue: field });
  /** The columns of the preview: the fields a row saves (the "Nam"/"Nữ" columns only feed the gender and the year). */
  const shownFields = fields.filter((field) => !field.source);

  const check = async (chosen: ChosenFile, wanted: Wanted, keepError = false) => {
    const request = ++latest.current;
    setBusy('checking');
    if (!keepError) setError(null);
    try {
      const answer = await call('registry.importPreview', { target, fileName: chosen.name, content: chosen.content, ...wanted });
      if (request !== latest.current) return;
      setPreview(answer);
      setMapping(answer.mapping);
      setNamesakesChecked(false);
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
    setNamesakesChecked(false);
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
    await check(next, {});
  };

  const remap = (field: string, value: string) => {
    if (!file || !mapping || !preview) return;
    const next = { ...mapping, [field]: value === '' ? null : Number(value) };
    setMapping(next);
    setImportFailed(false);
    void check(file, { mapping: next, sheet: preview.sheet, headerRow: preview.headerRow });
  };

  /** Another sheet or title row: the columns are matched again under it. */
  const relocate = (wanted: { sheet: number; headerRow?: number }) => {
    if (!file) return;
    setImportFailed(false);
    void check(file, wanted);
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
        sheet: preview.sheet,
        headerRow: preview.headerRow,
        ...(preview.invalid > 0 ? { skipInvalid: true } : {}),
        ...(preview.warned > 0 ? { confirmNamesakes: namesakesChecked } : {}),
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
      await check(file, { mapping: preview.mapping, sheet: preview.sheet, headerRow: preview.headerRow }, true);
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

  /** A value as it will be saved: codes in words, and what the file held beside it when it was tidied or read differently. */
  const savedText = (row: ImportRow, field: string): string => {
    const saved = row.saved[field] ?? '';
    if (saved === '') return '';
    if (field === 'gender') return t(`registry.people.genders.${saved}`);
    if (field === 'kind') return t(`kinds.${saved}`);
    if (field === 'level') return t(`levels.${saved}`);
    return saved;
  };
  const valueCell = (row: ImportRow, field: string) => {
    const saved = savedText(row, field);
    // A year read from the "Nam" or "Nữ" column is shown beside what that column holds.
    const raw = (field === 'birthYear' && !row.values.birthYear && saved !== '' ? row.values.male || row.values.female : row.values[field]) ?? '';
    // A row with a problem shows what the file holds; a correct one shows what will be saved.
    if (row.issues.length > 0 || saved === '') return raw;
    const tidied = (field === 'fullName' || field === 'birthYear') && raw !== '' && raw !== saved;
    return (
      <>
        {saved}
        {tidied ? <span className="import-raw">{t('registry.registryImport.inFile', { value: raw })}</span> : null}
      </>
    );
  };

  const rows = preview ? (onlyProblems ? preview.rows.filter((row) => row.issues.length > 0 || row.warnings.length > 0) : preview.rows) : [];
  const columns: VirtualColumn<ImportRow>[] = [
    { id: 'row', header: t('registry.registryImport.row'), width: '4.5rem', minRem: 4.5, className: 'number', cell: (row) => row.row },
    ...shownFields.map(
      ({ field }): VirtualColumn<ImportRow> => ({
        id: field,
        header: fieldLabel(field),
        width: field === 'name' || field === 'fullName' || field === 'unit' || field === 'parentOffice' ? 'minmax(10rem, 2fr)' : 'minmax(6rem, 1fr)',
        minRem: field === 'name' || field === 'fullName' || field === 'unit' || field === 'parentOffice' ? 10 : 6,
        cellClassName: (row) =>
          row.issues.some((issue) => issue.path === field) ? 'cell-problem' : row.warnings.some((warning) => warning.path === field) ? 'cell-warning' : '',
        cell: (row) => valueCell(row, field),
      }),
    ),
    {
      id: 'result',
      header: t('registry.registryImport.result'),
      width: 'minmax(16rem, 3fr)',
      minRem: 16,
      cell: (row) =>
        row.issues.length > 0 ? (
          <ul className="import-problems" aria-label={t('registry.registryImport.rowNumber', { row: row.row })}>
            {row.issues.map((issue, index) => (
              <li key={index}>{problemText(issue)}</li>
            ))}
          </ul>
        ) : row.warnings.length > 0 ? (
          <ul className="import-warnings" aria-label={t('registry.registryImport.rowNumber', { row: row.row })}>
            {row.warnings.map((warning, index) => (
              <li key={index}>⚠ {problemText(warning)}</li>
            ))}
          </ul>
        ) : (
          <span className="import-ok">✓ {t('registry.registryImport.ok')}</span>
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
          accept=".xlsx,.xls,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
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
          <div className="import-where" data-testid="import-where">
            <h3>{t('registry.registryImport.whereTitle')}</h3>
            <div className="import-where-choices">
              {preview.sheets.length > 1 ? (
                <label className="field">
                  <span>{t('registry.registryImport.sheet')}</span>
                  <select value={preview.sheet} onChange={(event) => relocate({ sheet: Number(event.target.value) })} data-testid="import-sheet">
                    {preview.sheets.map((name, index) => (
                      <option key={index} value={index}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              <label className="field">
                <span>{t('registry.registryImport.headerRow')}</span>
                <select value={preview.headerRow} onChange={(event) => relocate({ sheet: preview.sheet, headerRow: Number(event.target.value) })} data-testid="import-header-row">
                  {preview.headerChoices.map((choice) => (
                    <option key={choice.row} value={choice.row}>
                      {t('registry.registryImport.headerRowOption', { row: choice.row, text: choice.text })}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p className="muted small" data-testid="import-header-found">
              {preview.headerRows === 2
                ? t('registry.registryImport.headerFoundTwo', { row: preview.headerRow, second: preview.headerRow + 1 })
                : t('registry.registryImport.headerFound', { row: preview.headerRow })}
            </p>
            {preview.notes.length > 0 ? (
              <ul className="import-notes" data-testid="import-notes">
                {preview.notes.map((note, index) => (
                  <li key={index}>{t(note.key, note.params)}</li>
                ))}
              </ul>
            ) : null}
          </div>
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
              {preview.warned > 0 ? ` ${t('registry.registryImport.warnedCount', { count: preview.warned })}` : ''}
            </p>
            {preview.invalid > 0 || preview.warned > 0 ? (
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
            rowClassName={(row) => (row.issues.length > 0 ? 'row-problem' : row.warnings.length > 0 ? 'row-warning' : '')}
            rowAttributes={(row) => ({ 'data-row': String(row.row) })}
            estimateRowHeight={48}
            testId="import-preview"
            className="import-preview"
          />
          <div className="import-actions">
            {preview.valid === 0 ? <p className="banner banner-error">{t('registry.registryImport.nothingValid')}</p> : null}
            {preview.valid > 0 && preview.warned > 0 ? (
              <label className="checkbox import-confirm-namesakes">
                <input type="checkbox" checked={namesakesChecked} onChange={(event) => setNamesakesChecked(event.target.checked)} data-testid="import-confirm-namesakes" />
                {t('registry.registryImport.confirmNamesakes', { count: preview.warned })}
              </label>
            ) : null}
            <button type="button" className="secondary" onClick={onClose}>
              {t('app.cancel')}
            </button>
            {preview.valid > 0 ? (
              <button type="button" onClick={() => void confirm()} disabled={busy !== null || (preview.warned > 0 && !namesakesChecked)} data-testid="import-confirm">
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
