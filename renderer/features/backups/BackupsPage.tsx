import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyResult } from '../../../shared/contract/calls';
import type { CallResponse } from '../../../shared/contract/envelope';
import type { BackupSource, BackupSummary } from '../../../shared/domain/backup';
import type { Language } from '../../../shared/domain/kinds';
import { ApiError, call, currentSession } from '../../app/api';
import { useMayCall } from '../../app/access';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { formatBytes, formatDateTime } from '../../components/format';
import { auditActionLabel, auditActorLabel } from '../../../shared/domain/audit-csv';
import { isDesktop, uploadExchangeFile } from '../exchange/transfer';
import { saveBackupCopy, useBackupRequests } from './backup-store';
import './backups.css';

export function stampedName(): string {
  const now = new Date();
  const two = (value: number) => String(value).padStart(2, '0');
  return `tdcs-sao-luu-${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}.sqlite`;
}

/** Browser mode: a backup of the folder is downloaded with the administrator's session (the host checks it). */
async function downloadBackup(name: string): Promise<void> {
  const response = await fetch(`./api/backup/${encodeURIComponent(name)}`, { credentials: 'same-origin', headers: { 'x-tdcs-session': currentSession() ?? '' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as CallResponse | null;
    throw new ApiError(body && !body.ok ? body.error : { code: 'backup.notFound' });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What a backup holds, and the deliberate step that replaces the current data with it. */
function RestorePanel({ source, label, summary, onCancel }: { source: BackupSource; label: string; summary: BackupSummary; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const sessionLost = useSession((state) => state.sessionLost);
  const setNotice = useSession((state) => state.setNotice);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const translate = (key: string, params?: Record<string, string | number>) => t(key, params ?? {});

  const restore = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await call('backup.restore', { source });
      // Everyone signs in again: the restored data may not have the same accounts.
      setNotice(t('trust.backups.restored', { name: result.safetyBackup }));
      sessionLost();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <section className="card restore-panel" aria-labelledby="restore-title" data-testid="restore-panel">
      <h2 id="restore-title">{t('trust.backups.summary.title')}</h2>
      <p className="muted small">{label}</p>
      <dl className="summary-list">
        <dt>{t('trust.backups.summary.createdAt')}</dt>
        <dd>{summary.createdAt ? formatDateTime(summary.createdAt, language) : t('trust.backups.summary.none')}</dd>
        <dt>{t('trust.backups.summary.organisation')}</dt>
        <dd>
          {summary.organisation ?? '—'} {summary.mode ? <span className="muted">({t(`modes.${summary.mode}`)})</span> : null}
        </dd>
        <dt>{t('trust.backups.summary.campaigns')}</dt>
        <dd>{summary.campaigns.join(', ') || '—'}</dd>
        <dt>{t('trust.backups.summary.contents')}</dt>
        <dd>
          {t('trust.backups.summary.counts', { dossiers: summary.dossiers, units: summary.units, people: summary.people, accounts: summary.accounts })} · {formatBytes(summary.bytes, language)}
        </dd>
        <dt>{t('trust.backups.summary.lastAudit')}</dt>
        <dd data-testid="restore-last-audit">
          {summary.lastAudit
            ? t('trust.backups.summary.lastAuditValue', {
                seq: summary.lastAudit.seq,
                action: auditActionLabel(summary.lastAudit.action, translate),
                actor: auditActorLabel({ actor: summary.lastAudit.actor, actorId: null }, translate),
                at: formatDateTime(summary.lastAudit.at, language),
              })
            : t('trust.backups.summary.none')}
        </dd>
      </dl>
      {!summary.sameInstallation ? (
        <div className="banner banner-warn" role="note">
          {t('trust.backups.summary.otherInstallation')}
        </div>
      ) : null}
      <label className="acceptance">
        <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} data-testid="restore-understood" />
        <span>{t('trust.backups.summary.understand')}</span>
      </label>
      <ErrorBanner error={failure} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {t('trust.backups.summary.cancel')}
        </button>
        <button type="button" className="danger" disabled={!understood || busy} onClick={() => void restore()} data-testid="restore-confirm">
          {busy ? t('trust.backups.summary.restoring') : t('trust.backups.summary.restore')}
        </button>
      </div>
    </section>
  );
}

/** The database and audit checks an administrator can run at any time. */
function Checks() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const verify = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await call('database.verify', {}));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="checks-title">
      <h2 id="checks-title">{t('trust.backups.integrityTitle')}</h2>
      <button type="button" className="secondary" onClick={() => void verify()} disabled={busy} data-testid="verify-database">
        {busy ? t('trust.backups.verifyingDatabase') : t('trust.backups.verifyDatabase')}
      </button>
      {result ? (
        result.ok ? (
          <div className="banner banner-ok" role="status" data-testid="verify-result">
            {t('trust.backups.databaseOk', { dossiers: result.dossiers })}
          </div>
        ) : (
          <div className="banner banner-error" role="alert" data-testid="verify-result">
            <p>{t('trust.backups.databaseProblems', { count: result.problems.length })}</p>
            <ul>
              {result.problems.slice(0, 20).map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
      <ErrorBanner error={failure} />
    </section>
  );
}

/**
 * The administrator's backups: the automatic and hand-made backups of the data folder, a backup now (into the folder,
 * or saved to a file: the desktop's save dialog, a download in browser mode), and restore — from the folder or from a
 * file — after showing what the backup holds.
 */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const allowed = useMayCall('backup.list');
  const { value: backups, error, reload } = useCall('backup.list', allowed ? {} : null);
  const { value: rules } = useCall('security.get', allowed ? {} : null);
  const status = useSession((state) => state.status);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [restoring, setRestoring] = useState<{ source: BackupSource; label: string; summary: BackupSummary } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const fromMenu = useBackupRequests();

  const act = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setFailure(null);
    setNotice(null);
    try {
      await work();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(null);
    }
  };

  const backUpNow = () =>
    act('now', async () => {
      const made = await call('backup.create', {});
      setNotice(t('trust.backups.made', { name: made.name ?? made.path, size: formatBytes(made.bytes, language) }));
      reload();
    });

  const saveToFile = () =>
    act('copy', async () => {
      if (isDesktop()) {
        await saveBackupCopy(stampedName());
        return;
      }
      const made = await call('backup.create', {});
      if (made.name) await downloadBackup(made.name);
      setNotice(t('trust.backups.made', { name: made.name ?? made.path, size: formatBytes(made.bytes, language) }));
      reload();
    });

  const inspect = (source: BackupSource, label: string) =>
    act('inspect', async () => {
      setRestoring({ source, label, summary: await call('backup.inspect', { source }) });
    });

  const restoreFromFile = async () => {
    if (isDesktop()) {
      const path = await window.tdcs?.chooseBackupFile();
      if (path) await inspect({ path }, path);
      return;
    }
    fileInput.current?.click();
  };

  if (!allowed) return <p className="empty">{t('trust.menuNotAllowed')}</p>;
  if (error) return <ErrorBanner error={error} />;

  return (
    <section className="page backups-page">
      <header className="page-header">
        <div>
          <h1>{t('trust.backups.title')}</h1>
          <p className="muted">{t('trust.backups.intro')}</p>
          {rules ? <p className="muted small">{t('trust.backups.rule', { last: rules.backupKeepLast, months: rules.backupKeepMonths })}</p> : null}
          {status ? <p className="muted small">{t('trust.backups.folder', { folder: `${status.dataDir}${status.dataDir.includes('\\') ? '\\' : '/'}backups` })}</p> : null}
        </div>
      </header>
      <div className="backups-toolbar">
          <button type="button" onClick={() => void backUpNow()} disabled={busy !== null} data-testid="backup-now">
            {busy === 'now' ? t('trust.backups.making') : t('trust.backups.makeNow')}
          </button>
          <button type="button" className="secondary" onClick={() => void saveToFile()} disabled={busy !== null} data-testid="backup-save-copy">
            {t('trust.backups.saveCopy')}
          </button>
          <button type="button" className="secondary" onClick={() => void restoreFromFile()} disabled={busy !== null} data-testid="restore-from-file">
            {t('trust.backups.restoreFromFile')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".sqlite"
            hidden
            aria-label={t('trust.backups.restoreFromFile')}
            data-testid="restore-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              void act('upload', async () => {
                const uploadId = await uploadExchangeFile(file, 'backup');
                setRestoring({ source: { uploadId, fileName: file.name }, label: file.name, summary: await call('backup.inspect', { source: { uploadId, fileName: file.name } }) });
              });
            }}
          />
      </div>
      {busy === 'upload' ? (
        <p className="muted" role="status">
          {t('trust.backups.uploading')}
        </p>
      ) : null}
      {notice ? (
        <div className="banner banner-ok" role="status" data-testid="backups-notice">
          {notice}
        </div>
      ) : null}
      {fromMenu.saved && !notice ? (
        <div className="banner banner-ok" role="status" data-testid="backups-saved">
          {t('trust.backups.savedTo', { path: fromMenu.saved.path, size: formatBytes(fromMenu.saved.bytes, language) })}
        </div>
      ) : null}
      <ErrorBanner error={failure ?? fromMenu.failure} />
      {restoring ? <RestorePanel key={restoring.label} {...restoring} onCancel={() => setRestoring(null)} /> : null}
      <div className="card">
        {!backups ? (
          <p className="muted">{t('app.loading')}</p>
        ) : backups.length === 0 ? (
          <p className="empty">{t('trust.backups.empty')}</p>
        ) : (
          <table data-testid="backups-table">
            <thead>
              <tr>
                <th scope="col">{t('trust.backups.columns.createdAt')}</th>
                <th scope="col">{t('trust.backups.columns.reason')}</th>
                <th scope="col" className="number">
                  {t('trust.backups.columns.size')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('trust.accounts.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((backup) => (
                <tr key={backup.name} data-testid={`backup-${backup.name}`}>
                  <td>
                    {formatDateTime(backup.createdAt, language)}
                    <span className="muted small backup-name">{backup.name}</span>
                  </td>
                  <td>{t(`trust.backups.reasons.${backup.reason}`)}</td>
                  <td className="number">{formatBytes(backup.bytes, language)}</td>
                  <td>
                    <span className="row-actions">
                    {isDesktop() ? null : (
                      <button type="button" className="link" onClick={() => void act('download', () => downloadBackup(backup.name))}>
                        {t('trust.backups.download')}
                      </button>
                    )}
                    <button type="button" className="link" onClick={() => void inspect({ name: backup.name }, backup.name)} data-testid={`restore-${backup.name}`}>
                      {t('trust.backups.inspect')}
                    </button>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <Checks />
    </section>
  );
}
