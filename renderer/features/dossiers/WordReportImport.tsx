import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_LIMITS } from '../../../shared/domain/attachment';
import type { NomineeGroup } from '../../../shared/domain/kinds';
import { countWords } from '../../../shared/domain/text';
import type { WordReport } from '../../../shared/domain/word-report';
import { call } from '../../app/api';
import { ErrorBanner } from '../../components/errors';
import { readAsBase64 } from '../registry-import/file';
import './word-import.css';

/** The Word file a report was read from, kept to be attached as evidence once the text is used. */
export interface WordOriginal {
  name: string;
  content: string;
}

interface WordReportImportProps {
  group: NomineeGroup;
  /** The report as typed now, which the file's text would replace. */
  currentReport: string;
  onUse: (report: WordReport, original: WordOriginal) => void;
}

const MAX_MB = ATTACHMENT_LIMITS.fileBytes / 1024 / 1024;

/**
 * "Import from Word": the office's own report (.docx) read as the report's text and shown with the sections matched to
 * the branch's headings; nothing changes in the form until the person chooses to use it.
 */
export function WordReportImport({ group, currentReport, onUse }: WordReportImportProps) {
  const { t } = useTranslation();
  const [reading, setReading] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const [read, setRead] = useState<{ report: WordReport; original: WordOriginal } | null>(null);
  // Only the answer about the latest file counts.
  const latest = useRef(0);

  const choose = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const request = ++latest.current;
    setFailure(null);
    setTooBig(null);
    setRead(null);
    if (file.size > ATTACHMENT_LIMITS.fileBytes) {
      setTooBig(t('dossierWork.tooBig', { name: file.name, maximum: MAX_MB }));
      return;
    }
    setReading(file.name);
    try {
      const content = await readAsBase64(file);
      const report = await call('dossiers.reportFromWord', { group, fileName: file.name, content });
      if (request === latest.current) setRead({ report, original: { name: file.name, content } });
    } catch (error) {
      if (request === latest.current) setFailure(error);
    } finally {
      if (request === latest.current) setReading(null);
    }
  };

  const words = countWords(currentReport);
  return (
    <div className="word-import" data-testid="word-import">
      <div className="word-import-choose">
        <label className="button-like">
          {t('wordReport.open')}
          <input
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              void choose(file);
            }}
            data-testid="word-import-file"
          />
        </label>
        <span className="muted small">{t('wordReport.hint')}</span>
      </div>
      {reading ? (
        <p className="muted small" role="status">
          {t('wordReport.reading', { name: reading })}
        </p>
      ) : null}
      {tooBig ? (
        <div className="banner banner-error" role="alert">
          {tooBig}
        </div>
      ) : null}
      <ErrorBanner error={failure} />
      {read ? (
        <section className="word-preview" aria-label={t('wordReport.title', { name: read.original.name })} data-testid="word-preview">
          <h3>{t('wordReport.title', { name: read.original.name })}</h3>
          <p className="muted small">{t('wordReport.words', { count: read.report.words })}</p>
          {read.report.sections.length > 0 ? (
            <>
              <h4>{t('wordReport.sections')}</h4>
              <ul className="word-sections" data-testid="word-sections">
                {read.report.sections.map((section) => (
                  <li key={section.heading}>✓ {t('wordReport.sectionFound', { heading: section.heading, found: section.found })}</li>
                ))}
              </ul>
            </>
          ) : null}
          {read.report.missing.length > 0 ? (
            <div className="banner banner-warn" data-testid="word-missing">
              <p>{t('wordReport.missing')}</p>
              <ul>
                {read.report.missing.map((heading) => (
                  <li key={heading}>{heading}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {read.report.notes.length > 0 ? (
            <ul className="muted small word-notes">
              {read.report.notes.map((note, index) => (
                <li key={index}>{t(note.key, note.params)}</li>
              ))}
            </ul>
          ) : null}
          <pre className="word-text" tabIndex={0} data-testid="word-text">
            {read.report.text}
          </pre>
          {currentReport.trim() !== '' ? <p className="banner banner-warn">{t('wordReport.replaceWarning', { count: words })}</p> : null}
          <div className="form-actions-inline">
            <button type="button" className="secondary" onClick={() => setRead(null)} data-testid="word-cancel">
              {t('wordReport.cancel')}
            </button>
            <button
              type="button"
              onClick={() => {
                onUse(read.report, read.original);
                setRead(null);
              }}
              data-testid="word-use"
            >
              {currentReport.trim() !== '' ? t('wordReport.replace') : t('wordReport.use')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
