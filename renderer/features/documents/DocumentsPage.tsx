import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFormat, DocumentKind, DocumentModel } from '../../../shared/documents/model';
import type { DocumentFile, DocumentNeed, DocumentStatus } from '../../../shared/documents/outputs';
import { formatBytes, formatDateTime } from '../../../shared/i18n/format';
import { call } from '../../app/api';
import { useMayCall } from '../../app/access';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { useCampaignYear } from '../campaign/campaign-year';
import { DocumentPreview } from './DocumentPreview';
import { JobProgress } from './JobProgress';
import { SettingsPanel } from './SettingsPanel';
import { TemplatesPanel } from './TemplatesPanel';
import { saveFile } from './download';
import { useDocumentJob } from './use-document-job';
import './documents.css';

type Tab = 'documents' | 'settings' | 'templates';

/** What a document still needs, in the reader's language. */
function useNeedText(): (need: DocumentNeed) => string {
  const { t } = useTranslation();
  return ({ round, blocker }) => {
    if (blocker.key === 'roundOpen' || blocker.key === 'noMeeting' || blocker.key === 'noRows' || blocker.key === 'noProposals') return t(`documents.needs.${blocker.key}`, { round });
    if (blocker.key === 'missingBallots') return t('documents.needs.missingBallots', { round, count: blocker.count });
    const { key, ...params } = blocker;
    const values = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
    return t('documents.needs.blocker', { round, what: t(`decides.round.blocker.${key}`, values) });
  };
}

function DocumentRow({ status, onPreview, onSave, busy }: { status: DocumentStatus; onPreview: (subject: string | null) => void; onSave: (format: DocumentFormat, subject: string | null) => void; busy: boolean }) {
  const { t } = useTranslation();
  const needText = useNeedText();
  const mayMake = useMayCall('documents.start');
  const [subject, setSubject] = useState<string>('all');
  const chosen = status.subjects ? subject : null;
  const blocked = status.state === 'blocked';
  return (
    <li className={`card document-row document-${status.state}`} data-testid={`document-${status.kind}`} data-state={status.state}>
      <div className="document-head">
        <h3>{t(`documents.kinds.${status.kind}`)}</h3>
        <span className={`badge badge-${status.state}`}>{t(`documents.states.${status.state}`)}</span>
      </div>
      {status.needs.length > 0 ? (
        <ul className="document-needs">
          {status.needs.map((need, index) => (
            <li key={index}>{needText(need)}</li>
          ))}
        </ul>
      ) : null}
      {status.subjects && !blocked ? (
        <label className="inline-field">
          <span>{t('documents.subject')}</span>
          <select value={subject} onChange={(event) => setSubject(event.target.value)} data-testid={`document-subject-${status.kind}`}>
            <option value="all">{status.kind === 'report' ? t('documents.allProposed') : t('documents.allOffices')}</option>
            {status.subjects.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name} {status.kind === 'report' && entry.proposed ? t('documents.proposedMark') : ''}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="form-actions">
        <button type="button" className="secondary" disabled={blocked} onClick={() => onPreview(chosen === 'all' ? null : chosen)} data-testid={`document-preview-${status.kind}`}>
          {t('documents.preview')}
        </button>
        {mayMake
          ? status.formats.map((format) => (
              <button key={format} type="button" disabled={blocked || busy} title={t(`documents.formats.${format}`)} onClick={() => onSave(format, chosen)} data-testid={`document-save-${status.kind}-${format}`}>
                {t('documents.save', { format: format.toUpperCase() })}
              </button>
            ))
          : null}
      </div>
    </li>
  );
}

/** The council's documents of a campaign's round: what is ready, a preview, and the files to save. */
export function DocumentsPage() {
  const { t, i18n } = useTranslation();
  const year = useCampaignYear();
  const mode = useSession((state) => state.status?.mode);
  const [tab, setTab] = useState<Tab>('documents');
  const [round, setRound] = useState<1 | 2>(1);
  // What was shown or saved belongs to the campaign and round it was made for: another choice hides it.
  const [shown, setPreview] = useState<{ model: DocumentModel; year: number; round: 1 | 2 } | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [made, setSaved] = useState<{ file: DocumentFile; year: number; round: 1 | 2 } | null>(null);
  const overview = useCall('documents.overview', mode === 'branch' ? { campaignYear: year, round } : null);
  const settings = useCall('documents.settings', mode === 'branch' ? { campaignYear: year } : null);
  const mayTemplates = useMayCall('documents.templates');
  const job = useDocumentJob((file, request) => {
    saveFile(file);
    setSaved({ file, year: request.campaignYear, round: request.round });
  });
  const preview = shown && shown.year === year && shown.round === round ? shown.model : null;
  const saved = made && made.year === year && made.round === round ? made.file : null;
  const language = i18n.language === 'vi' ? 'vi' : 'en';

  if (mode !== 'branch') return <p className="page muted">{t('documents.branchOnly')}</p>;

  const open = async (kind: DocumentKind, subject: string | null) => {
    setPreviewError(null);
    try {
      setPreview({ model: await call('documents.preview', { campaignYear: year, round, kind, subject }), year, round });
    } catch (error) {
      setPreviewError(error);
    }
  };
  const save = (kind: DocumentKind, format: DocumentFormat, subject: string | null) => {
    setSaved(null);
    void job.start(t(`documents.kinds.${kind}`), { campaignYear: year, round, kind, format, subject });
  };
  const tabs: Tab[] = mayTemplates ? ['documents', 'settings', 'templates'] : ['documents', 'settings'];

  return (
    <section className="page documents-page">
      <header className="page-header">
        <div>
          <h1>{t('documents.title', { year })}</h1>
          <p className="muted">{t('documents.intro')}</p>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label={t('documents.nav')}>
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'tab active' : 'tab'} onClick={() => setTab(name)} data-testid={`documents-tab-${name}`}>
            {t(`documents.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'settings' ? (
        settings.value ? <SettingsPanel key={year} view={settings.value} onSaved={() => settings.reload()} /> : <ErrorBanner error={settings.error} />
      ) : tab === 'templates' ? (
        <TemplatesPanel />
      ) : (
        <>
          <div className="round-switch" role="radiogroup">
            {([1, 2] as const).map((number) => {
              const state = overview.value?.rounds.find((entry) => entry.round === number);
              return (
                <label key={number} className={round === number ? 'round-choice active' : 'round-choice'}>
                  <input type="radio" name="documents-round" checked={round === number} onChange={() => setRound(number)} data-testid={`documents-round-${number}`} />
                  <span>{t(`documents.rounds.${number}`)}</span>
                  {state ? <span className="muted small"> — {state.status === 'locked' ? t('documents.roundState.locked', { at: formatDateTime(state.lockedAt ?? '', language) }) : t('documents.roundState.open')}</span> : null}
                </label>
              );
            })}
          </div>
          <ErrorBanner error={overview.error ?? job.failure ?? previewError} />
          {job.making ? <JobProgress making={job.making} onCancel={job.cancel} /> : null}
          {job.cancelled ? <p className="banner banner-warn" role="status">{t('documents.cancelled')}</p> : null}
          {saved ? (
            <p className="banner banner-ok" role="status" data-testid="document-saved">
              {t('documents.saved', { name: saved.fileName, size: formatBytes(saved.bytes, language) })}
            </p>
          ) : null}
          <ul className="document-list">
            {(overview.value?.documents ?? []).map((status) => (
              <DocumentRow key={status.kind} status={status} busy={job.making !== null} onPreview={(subject) => void open(status.kind, subject)} onSave={(format, subject) => save(status.kind, format, subject)} />
            ))}
          </ul>
          {preview ? (
            <section className="document-preview-panel" aria-label={t('documents.previewTitle', { title: preview.title })}>
              <div className="document-preview-head">
                <h2>{t('documents.previewTitle', { title: preview.title })}</h2>
                <button type="button" className="secondary" onClick={() => setPreview(null)}>
                  {t('documents.closePreview')}
                </button>
              </div>
              <DocumentPreview model={preview} />
            </section>
          ) : null}
        </>
      )}
    </section>
  );
}
