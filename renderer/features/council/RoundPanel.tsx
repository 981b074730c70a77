import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundBlocker, RoundView } from '../../../shared/contract/calls';
import { call } from '../../app/api';
import { useMayCall } from '../../app/access';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import './decisions.css';

function blockerText(blocker: RoundBlocker, t: (key: string, params?: Record<string, unknown>) => string): string {
  const { key, ...params } = blocker;
  const values = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
  const text = t(`decides.round.blocker.${key}`, values);
  return 'names' in blocker && blocker.names.length > 0 ? `${text}: ${blocker.names.join(', ')}` : text;
}

/**
 * A round's state: open, with what still stands before its lock (the meeting, its quorum, the ballots the selection
 * waits for, the ties, the sheets), the proposals as they stand and the lock; or locked, by whom and when, with the
 * proposals it recorded and, for the chair or an administrator, the way to reopen it with a reason.
 */
export function RoundPanel({ view, readOnly, onChange }: { view: RoundView; readOnly: boolean; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const mayLock = useMayCall('rounds.lock') && !readOnly;
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const { ranking } = view;
  const locked = view.status === 'locked';
  const nameOf = new Map(ranking.rows.map((row) => [row.dossierId, row.personName ? `${row.personName} (${row.unitName})` : row.unitName]));
  const awaiting = new Set(ranking.selection.awaitingBallot);

  const act = async (work: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await work();
      onChange();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="card round-panel" aria-labelledby={`round-${view.round}`} data-testid={`round-${view.round}`} data-status={view.status}>
      <header className="round-header">
        <h2 id={`round-${view.round}`}>{t('decides.round.title', { round: view.round })}</h2>
        <span className={locked ? 'pill pill-ok' : 'pill'} data-testid={`round-${view.round}-status`}>
          {t(`decides.round.statuses.${view.status}`)}
        </span>
      </header>
      {locked ? <p>{t('decides.round.lockedBy', { name: view.lockedBy ?? '', at: formatDateTime(view.lockedAt ?? '', i18n.language) })}</p> : null}
      <h3>{t('decides.round.proposed')}</h3>
      {ranking.selection.selected.length === 0 ? (
        <p className="muted">{t('decides.round.proposedNone')}</p>
      ) : (
        <ol className="round-proposals" data-testid={`round-${view.round}-proposals`}>
          {ranking.selection.selected.map((id) => (
            <li key={id}>
              {nameOf.get(id) ?? id}
              {awaiting.has(id) ? ' ' : null}
              {awaiting.has(id) ? <span className="pill pill-warn">{t('decides.ranking.outcomes.awaitingBallot')}</span> : null}
            </li>
          ))}
        </ol>
      )}
      {!locked ? (
        view.blockers.length === 0 ? (
          <p className="banner banner-ok" data-testid={`round-${view.round}-ready`}>
            {t('decides.round.ready')}
          </p>
        ) : (
          <div className="banner banner-warn" data-testid={`round-${view.round}-blockers`}>
            <p>{t('decides.round.blockers')}</p>
            <ul>
              {view.blockers.map((blocker) => (
                <li key={blocker.key}>{blockerText(blocker, t)}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
      <ErrorBanner error={failure} />
      <div className="actions">
        {!locked && mayLock ? (
          <ConfirmButton
            label={t('decides.round.lock', { round: view.round })}
            message={t('decides.round.lockConfirm', { round: view.round })}
            confirmLabel={t('decides.round.lock', { round: view.round })}
            disabled={view.blockers.length > 0}
            onConfirm={() => void act(() => call('rounds.lock', { campaignYear: view.campaignYear, round: view.round }))}
            testId={`round-${view.round}-lock`}
          />
        ) : null}
        {locked && view.mayReopen && !readOnly && !reopening ? (
          <button type="button" className="secondary" onClick={() => setReopening(true)} data-testid={`round-${view.round}-reopen`}>
            {t('decides.round.reopen', { round: view.round })}
          </button>
        ) : null}
      </div>
      {reopening ? (
        <div className="inline-form">
          <label className="field">
            <span>{t('decides.round.reopenReason')}</span>
            <input value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} data-testid={`round-${view.round}-reopen-reason`} />
          </label>
          <button
            type="button"
            disabled={reason.trim().length < 5}
            onClick={() =>
              void act(async () => {
                await call('rounds.reopen', { campaignYear: view.campaignYear, round: view.round, reason: reason.trim() });
                setReopening(false);
                setReason('');
              })
            }
            data-testid={`round-${view.round}-reopen-confirm`}
          >
            {t('decides.round.reopen', { round: view.round })}
          </button>
          <button type="button" className="secondary" onClick={() => setReopening(false)}>
            {t('app.cancel')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
