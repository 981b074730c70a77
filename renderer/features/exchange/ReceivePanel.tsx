import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_CATEGORIES, type ImportCategory, type ImportPlan } from '../../../shared/domain/exchange';
import type { Language } from '../../../shared/domain/kinds';
import { describeProblem } from '../../../shared/i18n';
import { call } from '../../app/api';
import { useCouncilAccess } from '../../app/access';
import { useCall } from '../../app/use-call';
import { useSession } from '../../app/session-store';
import { useErrorText } from '../../components/errors';
import { formatDateTime, useLabel } from '../../components/format';
import { baseName, useExchange, type ChosenFile } from './exchange-store';
import { Fingerprint } from './Fingerprint';
import { isDesktop, uploadExchangeFile } from './transfer';

/** An ISO date (yyyy-MM-dd) as dd/MM/yyyy. */
function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return day && month && year ? `${day}/${month}/${year}` : iso;
}

/** A label in the middle of a sentence: "Tệp thiết lập" → "tệp thiết lập". */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}

/** A refusal: the reason in the reader's language, and the reassurance that nothing was written. */
export function Refusal({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="banner banner-error refusal" role="alert" data-testid={testId}>
      <p>{text(error)}</p>
      <p>
        <strong>{t('exchange.receive.refused')}</strong>
      </p>
    </div>
  );
}

/** Choosing the file: the native dialog in Electron; a file input with drag and drop in browser mode. */
function FilePicker() {
  const { t } = useTranslation();
  const choose = useExchange((state) => state.choose);
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [over, setOver] = useState(false);

  const upload = async (file: File) => {
    setFailure(null);
    setUploading(true);
    try {
      const uploadId = await uploadExchangeFile(file);
      choose({ uploadId, fileName: file.name }, file.name);
    } catch (error) {
      setFailure(error);
    } finally {
      setUploading(false);
    }
  };

  const chooseNative = async () => {
    const path = await window.tdcs?.chooseExchangeFile();
    if (path) choose({ path }, baseName(path));
  };

  return (
    <div className="file-picker">
      {isDesktop() ? (
        <button type="button" onClick={() => void chooseNative()} data-testid="receive-choose">
          {t('exchange.receive.choose')}
        </button>
      ) : (
        <div
          className={`drop-zone${over ? ' drop-over' : ''}`}
          data-testid="receive-drop-zone"
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(event) => {
            event.preventDefault();
            setOver(false);
            const file = event.dataTransfer.files[0];
            if (file) void upload(file);
          }}
        >
          <p>{t('exchange.receive.drop')}</p>
          <label className="file-label" htmlFor="receive-file">
            {t('exchange.receive.browse')}
          </label>
          <input
            id="receive-file"
            type="file"
            accept=".tdcs"
            aria-label={t('exchange.receive.fileInput')}
            disabled={uploading}
            data-testid="receive-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              // Cleared, so that choosing the same file again is noticed.
              event.target.value = '';
              if (file) void upload(file);
            }}
          />
        </div>
      )}
      {uploading ? (
        <p className="muted" role="status">
          {t('exchange.receive.uploading')}
        </p>
      ) : null}
      <Refusal error={failure} testId="receive-refusal" />
    </div>
  );
}

function CategoryCounts({ counts }: { counts: Record<ImportCategory, number> }) {
  const { t } = useTranslation();
  return (
    <ul className="category-counts" aria-label={t('exchange.receive.counts')} data-testid="receive-counts">
      {IMPORT_CATEGORIES.map((category) => (
        <li key={category} className={`category category-${category}${counts[category] === 0 ? ' category-zero' : ''}`} data-category={category} data-count={counts[category]}>
          <strong>{counts[category]}</strong>
          <span>{t(`exchange.receive.categories.${category}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The records of a plan, grouped by what importing does with them, each with its note. */
function PlanItems({ plan }: { plan: ImportPlan }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const language: Language = i18n.language === 'en' ? 'en' : 'vi';
  const translate = (key: string, params?: Record<string, string | number>) => t(key, params ?? {});
  if (plan.items.length === 0) return <p className="empty">{t('exchange.receive.noItems')}</p>;
  return (
    <div className="plan-groups">
      {IMPORT_CATEGORIES.filter((category) => plan.counts[category] > 0).map((category) => {
        // Within a group, a dossier the branch returned (with its reason) comes first: it is what the office must act on.
        const returned = (note: ImportPlan['items'][number]['reason']) => Number(note?.key === 'exchangeItem.returned');
        const items = plan.items.filter((item) => item.category === category).sort((a, b) => returned(b.reason) - returned(a.reason));
        return (
          <details key={category} className={`plan-group category-${category}`} open={category !== 'unchanged'} data-testid={`plan-group-${category}`}>
            <summary>
              <strong>
                {t(`exchange.receive.categories.${category}`)} ({items.length})
              </strong>{' '}
              <span className="muted">{t(`exchange.receive.categoryHints.${category}`)}</span>
            </summary>
            <div className="table-scroll exchange-list">
              <table>
                <thead>
                  <tr>
                    <th>{t('exchange.receive.columns.label')}</th>
                    <th>{t('exchange.receive.columns.revision')}</th>
                    <th>{t('exchange.receive.columns.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item, index) => (
                    <tr key={`${item.ref}-${index}`} data-ref={item.ref}>
                      <td>{typeof item.label === 'string' ? item.label : label(item.label)}</td>
                      <td>{item.revision === null ? t('app.none') : t('exchange.send.revision', { revision: item.revision })}</td>
                      <td>
                        {item.reason ? t(item.reason.key, item.reason.params) : ''}
                        {item.problems && item.problems.length > 0 ? (
                          <ul className="item-problems" data-testid="item-problems">
                            {item.problems.map((problem, at) => (
                              <li key={at}>{describeProblem(problem, translate, language)}</li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        );
      })}
    </div>
  );
}

function PlanHeader({ plan, fileName }: { plan: ImportPlan; fileName: string }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="summary plan-summary">
      <dt>{t('exchange.receive.file')}</dt>
      <dd className="file-name">{fileName}</dd>
      <dt>{t('exchange.receive.kind')}</dt>
      <dd data-testid="plan-kind" data-kind={plan.kind}>
        {t(`exchange.kinds.${plan.kind}`)}
      </dd>
      <dt>{t('exchange.receive.sender')}</dt>
      <dd data-testid="plan-sender">{t('exchange.receive.senderMode', { name: plan.sender.organisation, mode: t(`exchange.modes.${plan.sender.mode}`) })}</dd>
      <dt>{t('exchange.receive.campaign')}</dt>
      <dd>{plan.campaignYear}</dd>
      <dt>{t('exchange.receive.createdAt')}</dt>
      <dd>{formatDateTime(plan.createdAt, i18n.language)}</dd>
      <dt>{t('exchange.receive.sequence')}</dt>
      <dd data-testid="plan-sequence" data-status={plan.sequenceStatus}>
        {t(`exchange.receive.sequenceStatus.${plan.sequenceStatus}`, { sequence: plan.sequence })}
      </dd>
    </dl>
  );
}

/** A checkbox the person must tick, with the explanation of what they accept. */
function Acceptance({ explanation, label, checked, onChange, testId }: { explanation: string; label: string; checked: boolean; onChange: (value: boolean) => void; testId: string }) {
  return (
    <div className="acceptance banner banner-warn" data-testid={`${testId}-box`}>
      <p>{explanation}</p>
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} data-testid={testId} />
        <span>{label}</span>
      </label>
    </div>
  );
}

/** A setup file names the office as the branch does: both names side by side, the person chooses which to keep. */
function OfficeNameChoice({ names, keepOwn, onChange }: { names: { typed: string; branch: string }; keepOwn: boolean; onChange: (keepOwn: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="acceptance banner banner-warn office-name-choice" data-testid="office-name-choice">
      <legend>{t('officeName.title')}</legend>
      <p>{t('officeName.explain')}</p>
      <label className="checkbox">
        <input type="radio" name="office-name" checked={!keepOwn} onChange={() => onChange(false)} data-testid="office-name-branch" />
        <span>{t('officeName.branch', { name: names.branch })}</span>
      </label>
      <label className="checkbox">
        <input type="radio" name="office-name" checked={keepOwn} onChange={() => onChange(true)} data-testid="office-name-typed" />
        <span>{t('officeName.typed', { name: names.typed })}</span>
      </label>
    </fieldset>
  );
}

/** The dry run of one chosen file, the acceptances it needs, and the import itself. */
function DryRun({ chosen, onChanged }: { chosen: ChosenFile; onChanged: () => void }) {
  const { t } = useTranslation();
  const clear = useExchange((state) => state.clear);
  const markImported = useExchange((state) => state.markImported);
  // Once imported, the file's result stays on this tab: going away and back never dry-runs it again as if new.
  const applied = useExchange((state) => (state.imported?.id === chosen.id ? state.imported.plan : null));
  const council = useCouncilAccess();
  const { value: plan, error } = useCall('exchange.dryRun', applied ? null : { source: chosen.source });
  const [keepOwnName, setKeepOwnName] = useState(false);
  const [fingerprintConfirmed, setFingerprintConfirmed] = useState(false);
  const [acceptReplay, setAcceptReplay] = useState(false);
  const [acceptLate, setAcceptLate] = useState(false);
  const [acceptReplacement, setAcceptReplacement] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [unconfirmed, setUnconfirmed] = useState(false);
  const lateMatters = plan !== null && plan.late && plan.counts.new + plan.counts.updated > 0;
  const { value: campaign } = useCall('campaigns.get', lateMatters ? { year: plan.campaignYear } : null);
  const lateText = t('exchange.receive.lateExplain', { year: plan?.campaignYear ?? '', deadline: campaign ? formatDate(campaign.deadline) : '…' });

  const apply = async () => {
    setFailure(null);
    // The one acceptance the server cannot word for this screen: the phone comparison comes first.
    if (plan?.needsFingerprintCheck && !fingerprintConfirmed) {
      setUnconfirmed(true);
      document.querySelector<HTMLInputElement>('[data-testid="accept-fingerprint"]')?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await call('exchange.apply', { source: chosen.source, decision: { fingerprintConfirmed, acceptReplay, acceptLate, acceptReplacement, keepOwnName } });
      markImported(chosen.id, result);
      // A setup file may have renamed this office (the branch's name for it): the top bar shows the new one.
      if (result.kind === 'setup') void useSession.getState().refresh();
      onChanged();
    } catch (problem) {
      setFailure(problem);
    } finally {
      setBusy(false);
    }
  };

  if (applied) {
    return (
      <section className="card import-result" aria-labelledby="import-result-heading" data-testid="receive-result" data-kind={applied.kind}>
        <h3 id="import-result-heading">{t('exchange.receive.doneTitle')}</h3>
        <div className="banner banner-ok" role="status" data-testid="receive-done">
          {t('exchange.receive.done', { kind: lowerFirst(t(`exchange.kinds.${applied.kind}`)), name: applied.sender.organisation, sequence: applied.sequence })}
        </div>
        <PlanHeader plan={applied} fileName={chosen.fileName} />
        <CategoryCounts counts={applied.counts} />
        <PlanItems plan={applied} />
        <div className="form-actions">
          <button type="button" onClick={clear} data-testid="receive-another">
            {t('exchange.receive.receiveAnother')}
          </button>
        </div>
      </section>
    );
  }

  if (error) {
    return (
      <section className="card" data-testid="receive-dry-run-refused">
        <p className="file-name">{chosen.fileName}</p>
        <Refusal error={error} testId="receive-refusal" />
        <button type="button" className="secondary" onClick={clear} data-testid="receive-other-file">
          {t('exchange.receive.another')}
        </button>
      </section>
    );
  }

  if (!plan) {
    return (
      <p className="muted" role="status">
        {t('exchange.receive.checking')}
      </p>
    );
  }

  const sender = plan.sender.organisation;
  return (
    <section className="card dry-run" aria-labelledby="dry-run-heading" data-testid="receive-dry-run" data-sequence-status={plan.sequenceStatus} data-late={plan.late}>
      <h3 id="dry-run-heading">{t('exchange.receive.dryRunTitle')}</h3>
      <div className="banner banner-info" role="note">
        {t('exchange.receive.dryRunNote')}
      </div>
      <div className="plan-top">
        <PlanHeader plan={plan} fileName={chosen.fileName} />
        <div className={`fingerprint-box${plan.needsFingerprintCheck ? ' fingerprint-check' : ''}`}>
          <span className="fingerprint-label">{t('exchange.receive.senderFingerprint')}</span>
          <Fingerprint value={plan.sender.fingerprint} testId="plan-fingerprint" />
          {plan.needsFingerprintCheck ? null : <p className="muted">{t('exchange.receive.fingerprintKnown')}</p>}
        </div>
      </div>
      {plan.needsFingerprintCheck ? (
        <Acceptance
          explanation={t('exchange.receive.fingerprintCheck', { name: sender })}
          label={t('exchange.receive.fingerprintConfirm', { name: sender })}
          checked={fingerprintConfirmed}
          onChange={setFingerprintConfirmed}
          testId="accept-fingerprint"
        />
      ) : null}
      {plan.sequenceStatus === 'replay' ? (
        <Acceptance explanation={t('exchange.receive.replayExplain')} label={t('exchange.receive.acceptReplay')} checked={acceptReplay} onChange={setAcceptReplay} testId="accept-replay" />
      ) : null}
      {plan.sequenceStatus === 'gap' ? (
        <Acceptance explanation={t('exchange.receive.gapExplain')} label={t('exchange.receive.acceptGap')} checked={acceptReplay} onChange={setAcceptReplay} testId="accept-gap" />
      ) : null}
      {plan.sequenceStatus === 'skipped' ? (
        <Acceptance explanation={t('exchange.receive.skippedExplain')} label={t('exchange.receive.acceptSkipped')} checked={acceptReplay} onChange={setAcceptReplay} testId="accept-skipped" />
      ) : null}
      {plan.replaces ? (
        <Acceptance
          explanation={t('exchange.receive.replacesExplain', { name: sender, fingerprint: plan.replaces.fingerprint })}
          label={t('exchange.receive.acceptReplacement')}
          checked={acceptReplacement}
          onChange={setAcceptReplacement}
          testId="accept-replacement"
        />
      ) : null}
      {lateMatters ? (
        council ? (
          <Acceptance explanation={lateText} label={t('exchange.receive.acceptLate')} checked={acceptLate} onChange={setAcceptLate} testId="accept-late" />
        ) : (
          <div className="banner banner-warn" role="note" data-testid="accept-late-box">
            <p>{lateText}</p>
            <p>{t('exchange.receive.lateCouncilOnly')}</p>
          </div>
        )
      ) : null}
      {plan.officeName ? <OfficeNameChoice names={plan.officeName} keepOwn={keepOwnName} onChange={setKeepOwnName} /> : null}
      <h4>{t('exchange.receive.counts')}</h4>
      <CategoryCounts counts={plan.counts} />
      <PlanItems plan={plan} />
      {unconfirmed && !fingerprintConfirmed ? (
        <div className="banner banner-error refusal" role="alert" data-testid="receive-apply-refusal">
          <p>{t('exchange.receive.confirmFirst', { name: sender })}</p>
          <p>
            <strong>{t('exchange.receive.refused')}</strong>
          </p>
        </div>
      ) : (
        <Refusal error={failure} testId="receive-apply-refusal" />
      )}
      <div className="form-actions">
        <span className="muted small">{t('exchange.receive.backupNote')}</span>
        <button type="button" className="secondary" onClick={clear} data-testid="receive-other-file">
          {t('exchange.receive.another')}
        </button>
        <button type="button" onClick={() => void apply()} disabled={busy} data-testid="receive-import">
          {busy ? t('exchange.receive.importing') : t('exchange.receive.import')}
        </button>
      </div>
    </section>
  );
}

/** Receiving an exchange file: choose it, read the dry run, give the acceptances it needs, import. */
export function ReceivePanel({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const chosen = useExchange((state) => state.chosen);
  return (
    <section className="card receive-panel" aria-labelledby="exchange-receive-heading">
      <h2 id="exchange-receive-heading">{t('exchange.receive.title')}</h2>
      <p className="muted">{t('exchange.receive.intro')}</p>
      {chosen ? <DryRun key={chosen.id} chosen={chosen} onChanged={onChanged} /> : <FilePicker />}
    </section>
  );
}
