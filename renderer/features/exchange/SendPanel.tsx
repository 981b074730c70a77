import { sortByName } from '../../../shared/domain/collation';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeIdentity, ExportResult } from '../../../shared/contract/calls';
import type { DossierSummary } from '../../../shared/domain/dossier';
import { PACKAGE_KINDS, PACKAGE_SENDER, type ExchangeRecord, type PackageKind } from '../../../shared/domain/exchange';
import type { Unit } from '../../../shared/domain/unit';
import { ApiError } from '../../app/api';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { exportFailure, useExchange } from './exchange-store';
import { ExportProgress } from './ExportProgress';
import { downloadUrl, isDesktop, suggestedFileName } from './transfer';

interface SendPanelProps {
  identity: ExchangeIdentity;
  history: ExchangeRecord[] | null;
  dossiers: DossierSummary[] | null;
  units: Unit[] | null;
  year: number;
}

/** A dossier an office may send: ready (checked by default), or sent without a receipt yet (to send again on purpose). */
function sendable(dossier: DossierSummary): boolean {
  return dossier.status === 'ready' || dossier.status === 'exported';
}

function DossierRows({ dossiers, isChosen, toggle, testId }: { dossiers: DossierSummary[]; isChosen: (dossier: DossierSummary) => boolean; toggle: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll exchange-list">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>{t('exchange.send.columns.send')}</th>
            <th>{t('exchange.send.columns.nominee')}</th>
            <th>{t('exchange.send.columns.kind')}</th>
            <th>{t('exchange.send.columns.revision')}</th>
            <th>{t('exchange.send.columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {dossiers.map((dossier) => {
            const name = dossier.personName ?? dossier.unitName;
            const id = `send-${dossier.id}`;
            return (
              <tr key={dossier.id} data-dossier={dossier.id} data-status={dossier.status}>
                <td>
                  <input id={id} type="checkbox" className="row-check" checked={isChosen(dossier)} onChange={() => toggle(dossier.id)} aria-label={t('exchange.send.chooseDossier', { name })} />
                </td>
                <td>
                  <label htmlFor={id}>{name}</label>
                </td>
                <td>{t(`kinds.${dossier.nomineeKind}`)}</td>
                <td>{t('exchange.send.revision', { revision: dossier.revision })}</td>
                <td>
                  <span className={`pill pill-${dossier.status}`}>{t(`statuses.${dossier.status}`)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The dossiers to send: the ready ones (all chosen by default), and apart, those sent without a receipt yet. */
function DossierChoice({
  candidates,
  isChosen,
  toggle,
  reset,
  clear,
}: {
  candidates: DossierSummary[];
  isChosen: (dossier: DossierSummary) => boolean;
  toggle: (id: string) => void;
  reset: () => void;
  clear: () => void;
}) {
  const { t } = useTranslation();
  const chosen = candidates.filter(isChosen).length;
  const ready = candidates.filter((dossier) => dossier.status === 'ready');
  const sent = candidates.filter((dossier) => dossier.status === 'exported');
  return (
    <fieldset className="send-dossiers">
      <legend>{t('exchange.send.dossiersTitle')}</legend>
      {ready.length === 0 ? (
        <p className="empty" data-testid="send-no-ready">
          {t('exchange.send.noReady')}
        </p>
      ) : null}
      {candidates.length > 0 ? (
        <div className="toolbar">
          <button type="button" className="secondary" onClick={reset} data-testid="send-select-all">
            {t('exchange.send.selectAll')}
          </button>
          <button type="button" className="secondary" onClick={clear} data-testid="send-select-none">
            {t('exchange.send.selectNone')}
          </button>
          <span className="muted" role="status" data-testid="send-chosen-count" data-count={chosen}>
            {t('exchange.send.chosen', { count: chosen, total: candidates.length })}
          </span>
        </div>
      ) : null}
      {ready.length > 0 ? <DossierRows dossiers={ready} isChosen={isChosen} toggle={toggle} testId="send-dossiers" /> : null}
      {sent.length > 0 ? (
        <details className="resend" data-testid="send-resend">
          <summary>
            <strong>{t('exchange.send.resendTitle', { count: sent.length })}</strong> <span className="muted">{t('exchange.send.resendHint')}</span>
          </summary>
          <DossierRows dossiers={sent} isChosen={isChosen} toggle={toggle} testId="send-resend-dossiers" />
        </details>
      ) : null}
    </fieldset>
  );
}

function WrittenFile({ kind, result }: { kind: PackageKind; result: ExportResult }) {
  const { t } = useTranslation();
  return (
    <section className="card written-file" aria-labelledby="written-file-heading" data-testid="send-result" data-file={result.fileName} data-items={result.items} data-sequence={result.sequence}>
      <h3 id="written-file-heading">
        {t('exchange.send.doneTitle')}: {t(`exchange.kinds.${kind}`)}
      </h3>
      <dl className="summary">
        <dt>{t('exchange.send.file')}</dt>
        <dd className="file-name">{result.fileName}</dd>
        <dt>{t('exchange.send.items')}</dt>
        <dd>{result.items}</dd>
        <dt>{t('exchange.send.sequence')}</dt>
        <dd>{result.sequence}</dd>
        <dt>{t('exchange.send.size')}</dt>
        <dd>{result.bytes >= 1024 * 1024 ? t('exchange.send.sizeValueMb', { value: result.bytes / 1024 / 1024 }) : t('exchange.send.sizeValue', { value: Math.max(1, Math.round(result.bytes / 1024)) })}</dd>
      </dl>
      <p className="verified" data-testid="send-verified">
        <span aria-hidden="true">✓ </span>
        {t('exchange.send.verified')}
      </p>
      {isDesktop() ? (
        <p className="muted">{t('exchange.send.savedTo', { path: result.path })}</p>
      ) : (
        <p>
          <a className="button-link" href={downloadUrl(result.fileName)} download={result.fileName} data-testid="send-download">
            {t('exchange.send.download')}
          </a>{' '}
          <span className="muted small">{t('exchange.send.downloadHint')}</span>
        </p>
      )}
      <div className="banner banner-info" role="note">
        {t(`exchange.send.next.${kind}`)}
      </div>
    </section>
  );
}

/** Writing an exchange file: one form per kind this installation sends. */
export function SendPanel({ identity, history, dossiers, units, year }: SendPanelProps) {
  const { t, i18n } = useTranslation();
  const kinds = PACKAGE_KINDS.filter((kind) => PACKAGE_SENDER[kind] === identity.mode);
  const branch = identity.peers.find((peer) => peer.mode === 'branch' && peer.status === 'trusted');
  const offices = sortByName(identity.peers.filter((peer) => peer.mode === 'office' && peer.status === 'trusted'), (peer) => peer.organisation);
  const enrolment = (history ?? []).find((record) => record.direction === 'out' && record.kind === 'enrolment');
  const defaultKind: PackageKind = identity.mode === 'office' ? (enrolment ? 'submission' : 'enrolment') : offices.length > 0 ? 'receipt' : 'setup';

  const [chosenKind, setChosenKind] = useState<PackageKind | null>(null);
  const [officeUnitId, setOfficeUnitId] = useState('');
  const [chosenPeer, setChosenPeer] = useState('');
  const [toggled, setToggled] = useState<Set<string>>(new Set());
  /** The catalogue key of what is missing before the file can be written. */
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const exporting = useExchange((state) => state.exporting);
  const startExport = useExchange((state) => state.startExport);
  const cancelExport = useExchange((state) => state.cancelExport);
  const dismissExport = useExchange((state) => state.dismissExport);
  const resumeExport = useExchange((state) => state.resumeExport);
  const running = exporting?.job.state === 'running';

  // Opened again while an export of this person's still runs (another page, signed in again): follow it here.
  useEffect(() => {
    resumeExport().catch(() => undefined);
  }, [resumeExport]);
  const busy = starting || running;

  const kind = chosenKind ?? defaultKind;
  const peerId = chosenPeer || (offices.length === 1 ? (offices[0]?.installationId ?? '') : '');
  const officeUnits = useMemo(() => sortByName((units ?? []).filter((unit) => unit.kind === 'transactionOffice' && !unit.retired), (unit) => unit.name), [units]);
  const candidates = useMemo(() => (dossiers ?? []).filter(sendable), [dossiers]);
  const isChosen = (dossier: DossierSummary) => (dossier.status === 'ready') !== toggled.has(dossier.id);

  const toggle = (id: string) =>
    setToggled((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const blocked = (kind === 'enrolment' || kind === 'submission') && !branch;

  const write = async () => {
    setProblem(null);
    setFailure(null);
    const request: { kind: PackageKind; campaignYear: number; officeUnitId?: string; officeInstallationId?: string; dossierIds?: string[] } = { kind, campaignYear: year };
    let recipientName = identity.organisation;
    if (kind === 'setup') {
      const unit = officeUnits.find((candidate) => candidate.id === officeUnitId);
      if (!unit) return setProblem('exchange.send.chooseOffice');
      request.officeUnitId = unit.id;
      recipientName = unit.name;
    } else if (kind === 'receipt' || kind === 'allocation' || kind === 'results') {
      const peer = offices.find((candidate) => candidate.installationId === peerId);
      if (!peer) return setProblem('exchange.send.choosePeer');
      request.officeInstallationId = peer.installationId;
      recipientName = peer.organisation;
    } else if (kind === 'submission') {
      const ids = candidates.filter(isChosen).map((dossier) => dossier.id);
      if (ids.length === 0) return setProblem('exchange.send.noneChosen');
      request.dossierIds = ids;
    }
    let to: string | undefined;
    if (window.tdcs) {
      const path = await window.tdcs.chooseSaveLocation(suggestedFileName(kind, recipientName, new Date()));
      if (!path) return setFailure(new ApiError({ code: 'exchange.cancelled' }));
      to = path;
    }
    setStarting(true);
    dismissExport();
    try {
      await startExport(to ? { ...request, to } : request, () => {
        // The form stays on what was just written, even when the next step would now be another kind.
        setChosenKind(kind);
        setToggled(new Set());
      });
    } catch (error) {
      setFailure(error);
    } finally {
      setStarting(false);
    }
  };

  const finished = exporting && exporting.job.state !== 'running' ? exporting : null;

  return (
    <section className="card send-panel" aria-labelledby="exchange-send-heading">
      <h2 id="exchange-send-heading">{t('exchange.send.title')}</h2>
      <p className="muted">{t('exchange.send.intro')}</p>
      <fieldset className="kind-choice">
        <legend>{t('exchange.send.kind')}</legend>
        {kinds.map((item) => (
          <label key={item} className={`choice${item === kind ? ' choice-selected' : ''}`}>
            <input
              type="radio"
              name="send-kind"
              value={item}
              checked={item === kind}
              onChange={() => {
                setChosenKind(item);
                setProblem(null);
                setFailure(null);
                dismissExport();
              }}
              data-testid={`send-kind-${item}`}
            />
            <span>
              <strong>{t(`exchange.kinds.${item}`)}</strong>
              <span className="muted small">{t(`exchange.kindHints.${item}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="send-form" data-testid={`send-form-${kind}`}>
        {blocked ? (
          <div className="banner banner-warn" role="note" data-testid="send-needs-branch">
            {t('exchange.send.needsBranch')}
          </div>
        ) : null}
        {kind === 'enrolment' && enrolment ? (
          <p className="banner banner-info" role="note">
            {t('exchange.send.enrolmentWritten', { date: formatDateTime(enrolment.at, i18n.language) })}
          </p>
        ) : null}
        {kind === 'submission' && branch && !enrolment ? (
          <div className="banner banner-warn" role="note">
            {t('exchange.send.notEnrolledYet')}
          </div>
        ) : null}
        {kind === 'submission' && !blocked ? (
          dossiers === null ? (
            <p className="muted">{t('app.loading')}</p>
          ) : (
            <DossierChoice
              candidates={candidates}
              isChosen={isChosen}
              toggle={toggle}
              reset={() => setToggled(new Set())}
              clear={() => setToggled(new Set(candidates.filter((dossier) => dossier.status === 'ready').map((dossier) => dossier.id)))}
            />
          )
        ) : null}
        {kind === 'setup' ? (
          officeUnits.length === 0 && units !== null ? (
            <div className="banner banner-warn" role="note" data-testid="send-no-office-units">
              {t('exchange.send.noOfficeUnits')}
            </div>
          ) : (
            <div className="field">
              <label htmlFor="send-office-unit">{t('exchange.send.office')}</label>
              <select id="send-office-unit" value={officeUnitId} onChange={(event) => setOfficeUnitId(event.target.value)} data-testid="send-office-unit">
                <option value="">{t('exchange.send.chooseOffice')}</option>
                {officeUnits.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {identity.peers.some((peer) => peer.officeUnitId === unit.id) ? t('exchange.send.enrolled', { name: unit.name }) : unit.name}
                  </option>
                ))}
              </select>
            </div>
          )
        ) : null}
        {kind === 'receipt' || kind === 'allocation' || kind === 'results' ? (
          offices.length === 0 ? (
            <div className="banner banner-warn" role="note" data-testid="send-no-peers">
              {t('exchange.send.noPeers')}
            </div>
          ) : (
            <div className="field">
              <label htmlFor="send-peer">{t('exchange.send.peer')}</label>
              <select id="send-peer" value={peerId} onChange={(event) => setChosenPeer(event.target.value)} data-testid="send-peer">
                <option value="">{t('exchange.send.choosePeer')}</option>
                {offices.map((peer) => (
                  <option key={peer.installationId} value={peer.installationId}>
                    {peer.organisation}
                  </option>
                ))}
              </select>
            </div>
          )
        ) : null}
        {problem ? (
          <p className="field-error" role="alert" data-testid="send-problem">
            {t(problem)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" onClick={() => void write()} disabled={busy || blocked} data-testid="send-write">
            {busy ? t('exchange.send.writing') : t('exchange.send.write')}
          </button>
        </div>
      </div>
      {running && exporting ? <ExportProgress exporting={exporting} onCancel={() => void cancelExport().catch(setFailure)} /> : null}
      <ErrorBanner error={failure ?? (finished?.job.state === 'failed' ? exportFailure(finished) : null)} />
      {finished?.job.state === 'cancelled' && !failure ? (
        <p className="banner banner-info" role="status" data-testid="send-cancelled">
          {t('exchange.send.progress.cancelled')}
        </p>
      ) : null}
      {finished?.job.result ? <WrittenFile kind={finished.job.kind} result={finished.job.result} /> : null}
    </section>
  );
}
