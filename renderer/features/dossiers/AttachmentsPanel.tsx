import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_LIMITS, type AttachmentInfo } from '../../../shared/domain/attachment';
import { call } from '../../app/api';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime } from '../../components/format';

const MAX_MB = ATTACHMENT_LIMITS.fileBytes / 1024 / 1024;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A photo's thumbnail, read (and verified) through the contract when it is shown. */
function Thumbnail({ dossierId, attachment }: { dossierId: string; attachment: AttachmentInfo }) {
  const { value } = useCall('attachments.read', { dossierId, sha256: attachment.sha256 });
  if (!value) return <span className="thumbnail thumbnail-empty" aria-hidden="true" />;
  return <img src={`data:${value.mimeType};base64,${value.content}`} alt={attachment.fileName} className="thumbnail" />;
}

function sizeText(bytes: number, language: string): string {
  const format = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${format.format(bytes / 1024 / 1024)} MB` : `${format.format(bytes / 1024)} KB`;
}

/** Evidence of a dossier: add by drop or picker, see thumbnails, open, remove; stored once by SHA-256. `readOnly`: open only. */
export function AttachmentsPanel({
  dossierId,
  attachments,
  onChange,
  readOnly = false,
}: {
  dossierId: string | null;
  attachments: AttachmentInfo[];
  onChange: (list: AttachmentInfo[]) => void;
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const add = async (files: File[]): Promise<void> => {
    if (!dossierId) return;
    setFailure(null);
    setMessage(null);
    for (const file of files) {
      if (file.size > ATTACHMENT_LIMITS.fileBytes) {
        setMessage(t('dossierWork.tooBig', { name: file.name, maximum: MAX_MB }));
        continue;
      }
      setBusy(file.name);
      try {
        onChange(await call('attachments.add', { dossierId, fileName: file.name, content: await toBase64(file) }));
      } catch (error) {
        setFailure(error);
      } finally {
        setBusy(null);
      }
    }
  };

  const open = async (attachment: AttachmentInfo): Promise<void> => {
    if (!dossierId) return;
    try {
      const file = await call('attachments.read', { dossierId, sha256: attachment.sha256 });
      const url = URL.createObjectURL(new Blob([Uint8Array.from(atob(file.content), (char) => char.charCodeAt(0))], { type: file.mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
    } catch (error) {
      setFailure(error);
    }
  };

  const remove = async (attachment: AttachmentInfo): Promise<void> => {
    if (!dossierId || !window.confirm(t('dossierWork.removeConfirm', { name: attachment.fileName }))) return;
    try {
      onChange(await call('attachments.remove', { dossierId, sha256: attachment.sha256 }));
    } catch (error) {
      setFailure(error);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    void add([...event.dataTransfer.files]);
  };

  return (
    <section className="card" data-testid="attachments-panel">
      <h2>{t('dossierWork.evidence')}</h2>
      {readOnly ? null : !dossierId ? (
        <p className="muted small">{t('dossierWork.saveForEvidence')}</p>
      ) : (
        <div
          className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p className="muted small">{dragging ? t('dossierWork.dropHere') : t('dossierWork.evidenceHint', { maximum: MAX_MB })}</p>
          <label className="button-like">
            {t('dossierWork.chooseFiles')}
            <input
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,.webp,.tif,.tiff,application/pdf,image/*"
              data-testid="attachment-input"
              onChange={(event) => {
                void add([...(event.target.files ?? [])]);
                event.target.value = '';
              }}
            />
          </label>
          {busy ? <p className="muted small">{t('dossierWork.uploading', { name: busy })}</p> : null}
        </div>
      )}
      {message ? (
        <div className="banner banner-error" role="alert">
          {message}
        </div>
      ) : null}
      <ErrorBanner error={failure} />
      {dossierId && attachments.length === 0 ? <p className="muted small">{t('dossierWork.noEvidence')}</p> : null}
      <ul className="attachment-list" data-testid="attachment-list">
        {attachments.map((attachment) => (
          <li key={attachment.sha256}>
            {dossierId && attachment.mimeType.startsWith('image/') && attachment.mimeType !== 'image/tiff' ? <Thumbnail dossierId={dossierId} attachment={attachment} /> : null}
            <span className="attachment-name">{attachment.fileName}</span>
            <span className="muted small">
              {sizeText(attachment.size, i18n.language)} · {formatDateTime(attachment.addedAt, i18n.language)} · SHA-256 {attachment.sha256.slice(0, 12)}…
            </span>
            <span className="attachment-actions">
              <button type="button" className="link" onClick={() => void open(attachment)}>
                {t('dossierWork.open')}
              </button>
              {readOnly ? null : (
                <button type="button" className="link" onClick={() => void remove(attachment)}>
                  {t('dossierWork.remove')}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
