import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallName } from '../../shared/contract/calls';
import { mayCall } from '../../shared/contract/access';
import { AllocationPage } from '../features/allocation/AllocationPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { saveBackupCopy } from '../features/backups/backup-store';
import { BackupsPage, stampedName } from '../features/backups/BackupsPage';
import { CampaignPage } from '../features/campaign/CampaignPage';
import { CampaignSwitcher } from '../features/campaign/CampaignSwitcher';
import { CouncilPage } from '../features/council/CouncilPage';
import { DocumentsPage } from '../features/documents/DocumentsPage';
import { ExchangePage } from '../features/exchange/ExchangePage';
import { SchemeEditorPage } from '../features/schemes/SchemeEditorPage';
import { SchemeListPage } from '../features/schemes/SchemeListPage';
import { LockScreen, useIdleLock } from '../features/auth/LockScreen';
import { LoginPage } from '../features/auth/LoginPage';
import { PasswordPage } from '../features/auth/PasswordPage';
import { DossierFormPage } from '../features/dossiers/DossierFormPage';
import { DossierListPage } from '../features/dossiers/DossierListPage';
import { RankingPage } from '../features/ranking/RankingPage';
import { SetupWizard } from '../features/setup/SetupWizard';
import { PeoplePage } from '../features/people/PeoplePage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { ErrorBanner } from '../components/errors';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useCouncilAccess } from './access';
import { whenSessionLost, whenSessionRestricted } from './api';
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
    case 'council':
      return <CouncilPage />;
    case 'documents':
      return <DocumentsPage />;
    case 'accounts':
      return <AccountsPage />;
    case 'audit':
      return <AuditPage />;
    case 'backups':
      return <BackupsPage />;
    case 'password':
      return <PasswordPage required={false} />;
    case 'overview':
      return <OverviewPage />;
    default:
      return <DossierListPage />;
  }
}

type NavPage = 'overview' | 'dossiers' | 'ranking' | 'units' | 'people' | 'allocation' | 'council' | 'documents' | 'schemes' | 'campaign' | 'exchange';

const NAV: { page: NavPage; label: string; branchOnly?: boolean; councilCall?: CallName }[] = [
  { page: 'overview', label: 'overview.nav' },
  { page: 'dossiers', label: 'nav.dossiers' },
  { page: 'ranking', label: 'nav.ranking' },
  { page: 'allocation', label: 'allocation.nav', branchOnly: true },
  { page: 'council', label: 'decides.nav', councilCall: 'ballots.list' },
  { page: 'documents', label: 'documents.nav', councilCall: 'documents.overview' },
  { page: 'units', label: 'nav.units' },
  { page: 'people', label: 'registry.people.nav' },
  { page: 'exchange', label: 'exchange.nav' },
  { page: 'schemes', label: 'schemes.nav', councilCall: 'schemes.save' },
  { page: 'campaign', label: 'campaign.nav', councilCall: 'campaigns.update' },
];

/** The pages behind the person's name: their own password and log, and the administrator's pages. */
const PERSON_MENU: { page: 'password' | 'audit' | 'accounts' | 'backups'; label: string; call: CallName }[] = [
  { page: 'password', label: 'trust.nav.changePassword', call: 'auth.changePassword' },
  { page: 'audit', label: 'trust.nav.audit', call: 'audit.list' },
  { page: 'accounts', label: 'trust.nav.accounts', call: 'users.list' },
  { page: 'backups', label: 'trust.nav.backups', call: 'backup.list' },
];

function NavLink({ page, label, current }: { page: NavPage; label: string; current: string }) {
  const { t } = useTranslation();
  const go = useRouter((state) => state.go);
  return (
    <a
      href={`#/${page}`}
      className={current === page ? 'active' : ''}
      aria-current={current === page ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        go({ page });
      }}
    >
      {t(label)}
    </a>
  );
}

/** The person's name opens a small menu: change password, activity log, and what an administrator manages. */
function PersonMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const go = useRouter((state) => state.go);
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  if (!user) return null;
  const items = PERSON_MENU.filter((item) => mayCall(item.call, user.role));
  return (
    <div className="person-menu" ref={container}>
      <button type="button" className="person-button" aria-haspopup="true" aria-expanded={open} aria-controls="person-menu-list" onClick={() => setOpen((value) => !value)} data-testid="person-menu">
        <span className="user">{t('nav.signedInAs', { name: user.fullName })}</span>
        <span className="role">{t(`roles.${user.role}`)}</span>
      </button>
      {open ? (
        <ul id="person-menu-list" className="person-menu-list">
          {items.map((item) => (
            <li key={item.page}>
              <a
                href={`#/${item.page}`}
                data-testid={`person-menu-${item.page}`}
                onClick={(event) => {
                  event.preventDefault();
                  setOpen(false);
                  go({ page: item.page });
                }}
              >
                {t(item.label)}
              </a>
            </li>
          ))}
          <li>
            <button type="button" className="link" onClick={() => leaveOrAsk(() => void signOut())} data-testid="sign-out">
              {t('nav.logout')}
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { status, locked, notice, setNotice } = useSession();
  const route = useRouter((state) => state.route);
  const current = route.page === 'dossier' || route.page === 'newDossier' ? 'dossiers' : route.page === 'scheme' ? 'schemes' : route.page;
  const schemes = useCouncilAccess('schemes.save');
  const campaign = useCouncilAccess('campaigns.update');
  const ballots = useCouncilAccess('ballots.list');
  const documents = useCouncilAccess('documents.overview');
  useIdleLock();
  const council: Partial<Record<CallName, boolean>> = { 'schemes.save': schemes, 'campaigns.update': campaign, 'ballots.list': ballots, 'documents.overview': documents };
  return (
    <>
      <div className="shell" inert={locked}>
        <header className="topbar">
          {/* Keyboard users go past the menus to the page in one key press (a link would change the hash route). */}
          <button type="button" className="skip-link" onClick={() => document.getElementById('main-content')?.focus()}>
            {t('app.skipToContent')}
          </button>
          <div className="brand">
            <strong>{t('app.name')}</strong>
            <span>{status?.organisationName}</span>
          </div>
          <nav className="main-nav" aria-label={t('nav.main')}>
            {NAV.filter((item) => (!item.branchOnly || status?.mode === 'branch') && (!item.councilCall || council[item.councilCall])).map((item) => (
              <NavLink key={item.page} page={item.page} label={item.label} current={current} />
            ))}
          </nav>
          <div className="topbar-end">
            {/* Read again when the current year changes (next year started), or the new year would not be listed. */}
            <CampaignSwitcher key={status?.currentCampaignYear ?? 0} />
            <LanguageSwitch />
            <PersonMenu />
          </div>
        </header>
        <main className="content" id="main-content" tabIndex={-1} aria-label={t('app.mainContent')}>
          {notice ? (
            <div className="banner banner-warn" role="alert" data-testid="app-notice">
              {notice}{' '}
              <button type="button" className="link" onClick={() => setNotice(null)}>
                {t('app.close')}
              </button>
            </div>
          ) : null}
          <Page route={route} />
        </main>
        <UnsavedChangesDialog />
      </div>
      {locked ? <LockScreen /> : null}
    </>
  );
}

/** The desktop menu's commands that need a signed-in person: done here, with this person's rights. */
function useMenuCommands(): void {
  const { t } = useTranslation();
  useEffect(() => {
    window.tdcs?.onMenuCommand((command) => {
      const { user, setNotice } = useSession.getState();
      if (!user || !mayCall('backup.create', user.role)) {
        setNotice(t('trust.menuNotAllowed'));
        return;
      }
      useRouter.getState().go({ page: 'backups' });
      // "Back up the database…" asks where at once; the backups page then says what was written.
      if (command === 'backup') void saveBackupCopy(stampedName());
    });
    // The bridge keeps its listener for the life of the page: registered once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

/** Loading → first-run wizard → sign-in → (a password of one's own) → the application. */
export function App() {
  const { t } = useTranslation();
  const { status, user, mustChangePassword, notice, refresh, sessionLost, lock } = useSession();
  const [failure, setFailure] = useState<unknown>(null);
  useMenuCommands();

  useEffect(() => {
    whenSessionLost(sessionLost);
    whenSessionRestricted({ locked: () => lock(false), passwordChangeRequired: () => useSession.setState({ mustChangePassword: true }) });
    refresh().catch(setFailure);
  }, [refresh, sessionLost, lock]);

  if (failure) {
    return (
      <main className="centered-page" aria-label={t('app.mainContent')}>
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
  if (!user) return <LoginPage notice={notice} />;
  if (mustChangePassword) return <PasswordPage required />;
  return <Shell />;
}
