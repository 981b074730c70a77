import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeIdentity } from '../../../shared/contract/calls';
import type { ExchangeRecord, PeerInfo } from '../../../shared/domain/exchange';
import { call } from '../../app/api';
import { useMayCall } from '../../app/access';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/errors';
import { useExchange } from './exchange-store';
import { Fingerprint } from './Fingerprint';

interface IdentityPanelProps {
  identity: ExchangeIdentity;
  history: ExchangeRecord[] | null;
  onChanged: () => void;
}

/** The three steps of an office, each done or not, read from what this installation knows. */
function OfficeSteps({ identity, history }: { identity: ExchangeIdentity; history: ExchangeRecord[] | null }) {
  const { t } = useTranslation();
  const sent = (kind: ExchangeRecord['kind']) => (history ?? []).some((record) => record.direction === 'out' && record.kind === kind);
  const steps = [
    { key: 'setup', done: identity.peers.some((peer) => peer.mode === 'branch') },
    { key: 'enrolment', done: sent('enrolment') },
    { key: 'submission', done: sent('submission') },
  ];
  return (
    <section className="card" aria-labelledby="exchange-steps-heading">
      <h2 id="exchange-steps-heading">{t('exchange.identity.stepsTitle')}</h2>
      <ol className="exchange-steps" data-testid="exchange-steps">
        {steps.map((step) => (
          <li key={step.key} className={step.done ? 'done' : ''} data-step={step.key} data-done={step.done}>
            <span>{t(`exchange.identity.steps.${step.key}`)}</span>
            <span className={`pill ${step.done ? 'pill-ok' : 'pill-muted'}`}>{t(step.done ? 'exchange.identity.stepDone' : 'exchange.identity.stepToDo')}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function BranchOfOffice({ branch }: { branch: PeerInfo | undefined }) {
  const { t } = useTranslation();
  const setTab = useExchange((state) => state.setTab);
  if (!branch) {
    return (
      <section className="card" aria-labelledby="exchange-branch-heading" data-testid="exchange-no-branch">
        <h2 id="exchange-branch-heading">{t('exchange.identity.branchTitle')}</h2>
        <p>{t('exchange.identity.noBranch')}</p>
        <div className="banner banner-info" role="note">
          {t('exchange.identity.firstStep')}
        </div>
        <button type="button" onClick={() => setTab('receive')} data-testid="exchange-go-receive">
          {t('exchange.identity.goReceive')}
        </button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="exchange-branch-heading" data-testid="exchange-branch">
      <h2 id="exchange-branch-heading">{t('exchange.identity.branchTitle')}</h2>
      <dl className="summary">
        <dt>{t('exchange.identity.organisation')}</dt>
        <dd>{branch.organisation}</dd>
        <dt>{t('exchange.identity.fingerprint')}</dt>
        <dd>
          <Fingerprint value={branch.fingerprint} size="small" />
        </dd>
        <dt>{t('exchange.identity.columns.status')}</dt>
        <dd>
          <span className={`pill ${branch.status === 'trusted' ? 'pill-ok' : 'pill-bad'}`}>{t(`exchange.identity.statuses.${branch.status}`)}</span>
        </dd>
        <dt>{t('exchange.identity.columns.lastSequence')}</dt>
        <dd>{branch.lastSequence}</dd>
      </dl>
    </section>
  );
}

function OfficesOfBranch({ peers, onChanged }: { peers: PeerInfo[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const admin = useMayCall('exchange.revoke');
  const [failure, setFailure] = useState<unknown>(null);
  const [changed, setChanged] = useState<{ name: string; revoked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const offices = peers.filter((peer) => peer.mode === 'office');

  const setRevoked = async (peer: PeerInfo, revoked: boolean) => {
    setBusy(true);
    setFailure(null);
    setChanged(null);
    try {
      await call('exchange.revoke', { installationId: peer.installationId, revoked });
      setChanged({ name: peer.organisation, revoked });
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card wide" aria-labelledby="exchange-offices-heading">
      <h2 id="exchange-offices-heading">{t('exchange.identity.officesTitle')}</h2>
      {offices.length === 0 ? (
        <p className="empty" data-testid="exchange-no-offices">
          {t('exchange.identity.noOffices')}
        </p>
      ) : (
        <div className="table-wrap">
          <table data-testid="exchange-peers">
            <thead>
              <tr>
                <th>{t('exchange.identity.columns.organisation')}</th>
                <th>{t('exchange.identity.columns.fingerprint')}</th>
                <th>{t('exchange.identity.columns.status')}</th>
                <th className="number">{t('exchange.identity.columns.lastSequence')}</th>
                {admin ? <th>{t('exchange.identity.columns.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {offices.map((peer) => {
                const revoked = peer.status === 'revoked';
                const name = { name: peer.organisation };
                return (
                  <tr key={peer.installationId} data-peer={peer.organisation} data-status={peer.status}>
                    <td>{peer.organisation}</td>
                    <td>
                      <Fingerprint value={peer.fingerprint} size="small" />
                    </td>
                    <td>
                      <span className={`pill ${revoked ? 'pill-bad' : 'pill-ok'}`}>{t(`exchange.identity.statuses.${peer.status}`)}</span>
                    </td>
                    <td className="number">{peer.lastSequence}</td>
                    {admin ? (
                      <td>
                        <ConfirmButton
                          label={t(revoked ? 'exchange.identity.restore' : 'exchange.identity.revoke')}
                          title={t(revoked ? 'exchange.identity.restoreTitle' : 'exchange.identity.revokeTitle', name)}
                          message={<p>{t(revoked ? 'exchange.identity.restoreMessage' : 'exchange.identity.revokeMessage', name)}</p>}
                          confirmLabel={t(revoked ? 'exchange.identity.restore' : 'exchange.identity.revoke')}
                          onConfirm={() => void setRevoked(peer, !revoked)}
                          disabled={busy}
                          className={revoked ? 'secondary' : 'secondary danger-outline'}
                          testId={`peer-${revoked ? 'restore' : 'revoke'}`}
                        />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {changed ? (
        <div className="banner banner-ok" role="status" data-testid="exchange-peer-notice">
          {t(changed.revoked ? 'exchange.identity.revoked' : 'exchange.identity.restored', { name: changed.name })}
        </div>
      ) : null}
      <ErrorBanner error={failure} />
    </section>
  );
}

/** Who this installation is (the fingerprint to read on the phone) and whom it trusts. */
export function IdentityPanel({ identity, history, onChanged }: IdentityPanelProps) {
  const { t } = useTranslation();
  const office = identity.mode === 'office';
  return (
    <div className="exchange-identity">
      <section className="card identity-card" aria-labelledby="exchange-identity-heading">
        <h2 id="exchange-identity-heading">{t('exchange.identity.title')}</h2>
        <dl className="summary">
          <dt>{t('exchange.identity.organisation')}</dt>
          <dd data-testid="exchange-organisation">{identity.organisation}</dd>
          <dt>{t('exchange.identity.mode')}</dt>
          <dd>{t(`exchange.modes.${identity.mode}`)}</dd>
        </dl>
        <div className="fingerprint-box">
          <span className="fingerprint-label">{t('exchange.identity.fingerprint')}</span>
          <Fingerprint value={identity.fingerprint} testId="exchange-own-fingerprint" />
          <p className="muted">{t('exchange.identity.fingerprintNote')}</p>
        </div>
      </section>
      {office ? (
        <>
          <BranchOfOffice branch={identity.peers.find((peer) => peer.mode === 'branch')} />
          <OfficeSteps identity={identity} history={history} />
        </>
      ) : (
        <OfficesOfBranch peers={identity.peers} onChanged={onChanged} />
      )}
    </div>
  );
}
