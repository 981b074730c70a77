import { useEffect, useEffectEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { DossiersPanel } from './DossiersPanel';
import { EXCHANGE_TABS, useExchange, type ExchangeTab } from './exchange-store';
import { HistoryPanel } from './HistoryPanel';
import { IdentityPanel } from './IdentityPanel';
import { ReceivePanel } from './ReceivePanel';
import { SendPanel } from './SendPanel';
import './exchange.css';
import { useCampaignYear } from '../campaign/campaign-year';

/** Data exchange on USB sticks: this installation's identity, sending and receiving files, the dossiers moved, the history. */
export function ExchangePage() {
  const { t } = useTranslation();
  const year = useCampaignYear();
  const mode = useSession((state) => state.status?.mode);
  const tab = useExchange((state) => state.tab);
  const setTab = useExchange((state) => state.setTab);
  const identity = useCall('exchange.identity', {});
  const history = useCall('exchange.history', {});
  const dossiers = useCall('dossiers.list', { campaignYear: year });
  const units = useCall('units.list', mode === 'branch' ? {} : null);

  const refresh = () => {
    identity.reload();
    history.reload();
    dossiers.reload();
    if (mode === 'branch') units.reload();
    // A setup file can change the campaign this installation works on.
    void useSession.getState().refresh();
  };

  // A file written (here, or by an export followed from another visit) changes the history and the dossiers shown.
  const onExportWritten = useEffectEvent(refresh);
  useEffect(
    () =>
      useExchange.subscribe((state, previous) => {
        if (state.exportsWritten !== previous.exportsWritten) onExportWritten();
      }),
    [],
  );

  // The arrow keys move between the tabs, as in any tab list.
  const moveFocus = (from: ExchangeTab, step: number) => {
    const index = (EXCHANGE_TABS.indexOf(from) + step + EXCHANGE_TABS.length) % EXCHANGE_TABS.length;
    const next = EXCHANGE_TABS[index] ?? 'identity';
    setTab(next);
    document.getElementById(`exchange-tab-${next}`)?.focus();
  };

  const panel = (name: ExchangeTab) => ({
    id: `exchange-panel-${name}`,
    role: 'tabpanel',
    'aria-labelledby': `exchange-tab-${name}`,
    hidden: tab !== name,
    className: 'exchange-panel',
  });

  return (
    <section className="page exchange-page">
      <header className="page-header">
        <div>
          <h1>{t('exchange.title')}</h1>
          <p className="muted">{t('exchange.intro')}</p>
        </div>
      </header>
      <div className="exchange-tabs" role="tablist" aria-label={t('exchange.tabs.label')}>
        {EXCHANGE_TABS.map((name) => (
          <button
            key={name}
            id={`exchange-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={`exchange-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className={tab === name ? 'tab tab-active' : 'tab'}
            onClick={() => setTab(name)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight') moveFocus(name, 1);
              if (event.key === 'ArrowLeft') moveFocus(name, -1);
            }}
            data-testid={`exchange-tab-${name}`}
          >
            {t(`exchange.tabs.${name}`)}
          </button>
        ))}
      </div>
      <ErrorBanner error={identity.error} />
      {identity.value === null && !identity.error ? <p className="muted">{t('app.loading')}</p> : null}
      {identity.value ? (
        <>
          <div {...panel('identity')}>
            <IdentityPanel identity={identity.value} history={history.value} onChanged={refresh} />
          </div>
          <div {...panel('send')}>
            <SendPanel identity={identity.value} history={history.value} dossiers={dossiers.value} units={units.value} year={year} />
          </div>
          <div {...panel('receive')}>
            <ReceivePanel onChanged={refresh} />
          </div>
          <div {...panel('dossiers')}>
            <DossiersPanel mode={identity.value.mode} dossiers={dossiers.value} error={dossiers.error} onChanged={refresh} />
          </div>
          <div {...panel('history')}>
            <HistoryPanel history={history.value} error={history.error} />
          </div>
        </>
      ) : null}
    </section>
  );
}
