import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AllocationPage } from '../features/allocation/AllocationPage';
import { CampaignPage } from '../features/campaign/CampaignPage';
import { ExchangePage } from '../features/exchange/ExchangePage';
import { SchemeEditorPage } from '../features/schemes/SchemeEditorPage';
import { SchemeListPage } from '../features/schemes/SchemeListPage';
import { LoginPage } from '../features/auth/LoginPage';
import { DossierFormPage } from '../features/dossiers/DossierFormPage';
import { DossierListPage } from '../features/dossiers/DossierListPage';
import { RankingPage } from '../features/ranking/RankingPage';
import { SetupWizard } from '../features/setup/SetupWizard';
import { PeoplePage } from '../features/people/PeoplePage';
import { UnitsPage } from '../features/units/UnitsPage';
import { ErrorBanner } from '../components/errors';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useCouncilAccess } from './access';
import { whenSessionLost } from './api';
import { useRouter, type Route } from './router';
import { useSession } from './session-store';
import { leaveOrAsk } from './unsaved-guard';
import { UnsavedChangesDialog } from './UnsavedChangesDialog';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'dossier':
      return <DossierFormPage key={route.id} id={route.id} />;
    case 'newDossier':
      return <DossierFormPage key="new" id={null} />;
    case 'ranking':
      return <RankingPage dossierId={route.dossierId ?? null} />;
    case 'units':
      return <UnitsPage />;
    case 'people':
      return <PeoplePage />;
    case 'allocation':
      return <AllocationPage />;
    case 'schemes':
      return <SchemeListPage />;
    case 'scheme':
      return <SchemeEditorPage key={route.id} id={route.id} />;
    case 'campaign':
      return <CampaignPage />;
    case 'exchange':
      return <ExchangePage />;
    default:
      return <DossierListPage />;
  }
}

const NAV: { page: 'dossiers' | 'ranking' | 'units' | 'people' | 'allocation' | 'schemes' | 'campaign' | 'exchange'; label: string; branchOnly?: boolean; councilOnly?: boolean }[] = [
  { page: 'dossiers', label: 'nav.dossiers' },
  { page: 'ranking', label: 'nav.ranking' },
  { page: 'allocation', label: 'allocation.nav', branchOnly: true },
  { page: 'units', label: 'nav.units' },
  { page: 'people', label: 'registry.people.nav' },
  { page: 'exchange', label: 'exchange.nav' },
  { page: 'schemes', label: 'schemes.nav', councilOnly: true },
  { page: 'campaign', label: 'campaign.nav', councilOnly: true },
];

function Shell() {
  const { t } = useTranslation();
  const { status, user, signOut } = useSession();
  const { route, go } = useRouter();
  const current = route.page === 'dossier' || route.page === 'newDossier' ? 'dossiers' : route.page === 'scheme' ? 'schemes' : route.page;
  const council = useCouncilAccess();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <span>{status?.organisationName}</span>
        </div>
        <nav aria-label="main">
          {NAV.filter((item) => (!item.branchOnly || status?.mode === 'branch') && (!item.councilOnly || council)).map((item) => (
            <a
              key={item.page}
              href={`#/${item.page}`}
              className={current === item.page ? 'active' : ''}
              aria-current={current === item.page ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                go({ page: item.page });
              }}
            >
              {t(item.label)}
            </a>
          ))}
        </nav>
        <div className="topbar-end">
          <span className="campaign">{t('nav.campaign', { year: status?.currentCampaignYear })}</span>
          <LanguageSwitch />
          <span className="user" title={user ? t(`roles.${user.role}`) : ''}>
            {user ? t('nav.signedInAs', { name: user.fullName }) : null}
          </span>
          <button type="button" className="secondary" onClick={() => leaveOrAsk(() => void signOut())}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main className="content">
        <Page route={route} />
      </main>
      <UnsavedChangesDialog />
    </div>
  );
}

/** Loading → first-run wizard → sign-in → the application. */
export function App() {
  const { t } = useTranslation();
  const { status, user, refresh, sessionLost } = useSession();
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    whenSessionLost(sessionLost);
    refresh().catch(setFailure);
  }, [refresh, sessionLost]);

  if (failure) {
    return (
      <main className="centered-page">
        <div className="card">
          <ErrorBanner error={failure} />
          <button type="button" onClick={() => window.location.reload()}>
            {t('app.retry')}
          </button>
        </div>
      </main>
    );
  }
  if (!status) return <p className="centered-page muted">{t('app.loading')}</p>;
  if (!status.initialised) return <SetupWizard />;
  if (!user) return <LoginPage />;
  return <Shell />;
}
