import { create } from 'zustand';
import { hasUnsavedEdits, leaveOrAsk } from './unsaved-guard';
import { COLLECTIVE_KINDS, INDIVIDUAL_KINDS, type NomineeKind } from '../../shared/domain/kinds';

/** The pages of the signed-in application, addressed by the URL's hash so that reload returns to the same page. */
export type Route =
  /** The home page: the branch's offices at a glance, or an office's own dossiers. */
  | { page: 'overview' }
  | { page: 'dossiers' }
  | { page: 'dossier'; id: string }
  /** A new dossier, with the kind and nominee once chosen, so that a reload finds its autosaved draft again. */
  | { page: 'newDossier'; kind?: NomineeKind; nominee?: string }
  /** The ranking, with one row opened (and scrolled to) when a dossier is named. */
  | { page: 'ranking'; dossierId?: string }
  | { page: 'units' }
  | { page: 'people' }
  | { page: 'schemes' }
  | { page: 'scheme'; id: string }
  | { page: 'campaign' }
  | { page: 'allocation' }
  | { page: 'exchange' }
  | { page: 'council' }
  | { page: 'documents' }
  | { page: 'accounts' }
  | { page: 'audit' }
  | { page: 'backups' }
  | { page: 'password' };

function nomineeKindOf(text: string | undefined): NomineeKind | null {
  return [...COLLECTIVE_KINDS, ...INDIVIDUAL_KINDS].find((kind) => kind === text) ?? null;
}

function newDossierRoute(kindText: string | undefined, nomineeText: string | undefined): Route {
  const kind = nomineeKindOf(kindText);
  if (!kind) return { page: 'newDossier' };
  return nomineeText ? { page: 'newDossier', kind, nominee: decodeURIComponent(nomineeText) } : { page: 'newDossier', kind };
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [first, second, third, fourth] = path.split('/');
  if (first === 'dossiers' && second === 'new') return newDossierRoute(third, fourth);
  if (first === 'dossiers' && second) return { page: 'dossier', id: decodeURIComponent(second) };
  if (first === 'ranking') return second ? { page: 'ranking', dossierId: decodeURIComponent(second) } : { page: 'ranking' };
  if (first === 'dossiers') return { page: 'dossiers' };
  if (first === 'units') return { page: 'units' };
  if (first === 'people') return { page: 'people' };
  if (first === 'schemes' && second) return { page: 'scheme', id: decodeURIComponent(second) };
  if (first === 'schemes') return { page: 'schemes' };
  if (first === 'campaign') return { page: 'campaign' };
  if (first === 'allocation') return { page: 'allocation' };
  if (first === 'exchange') return { page: 'exchange' };
  if (first === 'council') return { page: 'council' };
  if (first === 'documents') return { page: 'documents' };
  if (first === 'accounts') return { page: 'accounts' };
  if (first === 'audit') return { page: 'audit' };
  if (first === 'backups') return { page: 'backups' };
  if (first === 'password') return { page: 'password' };
  return { page: 'overview' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'dossier':
      return `#/dossiers/${encodeURIComponent(route.id)}`;
    case 'newDossier': {
      const kind = route.kind ? `/${route.kind}` : '';
      const nominee = route.kind && route.nominee ? `/${encodeURIComponent(route.nominee)}` : '';
      return `#/dossiers/new${kind}${nominee}`;
    }
    case 'scheme':
      return `#/schemes/${encodeURIComponent(route.id)}`;
    case 'ranking':
      return route.dossierId ? `#/ranking/${encodeURIComponent(route.dossierId)}` : '#/ranking';
    default:
      return `#/${route.page}`;
  }
}

const LAST_ROUTE_KEY = 'tdcs.lastRoute';

interface RouterState {
  route: Route;
  /** Shows another page; when the page on screen has unsaved edits, only once the person agrees to leave it. */
  go(route: Route): void;
  /** Updates the address of the page on screen in place (no new history entry), e.g. as a choice on the page changes. */
  replace(route: Route): void;
}

/** The address of the page on screen: a hash change to anything else is a departure from it. */
let shownHash = window.location.hash;

function show(route: Route, hash: string): void {
  shownHash = hash;
  if (window.location.hash !== hash) window.location.hash = hash;
  localStorage.setItem(LAST_ROUTE_KEY, hash);
  useRouter.setState({ route });
}

export const useRouter = create<RouterState>((_set, get) => ({
  // Reopening the application returns to the page (and the dossier) the person was on.
  route: parseRoute(window.location.hash || localStorage.getItem(LAST_ROUTE_KEY) || ''),
  go(route) {
    const hash = routeHash(route);
    if (hash === routeHash(get().route)) show(route, hash);
    else leaveOrAsk(() => show(route, hash));
  },
  replace(route) {
    const hash = routeHash(route);
    shownHash = hash;
    if (window.location.hash !== hash) history.replaceState(history.state, '', hash);
    localStorage.setItem(LAST_ROUTE_KEY, hash);
    useRouter.setState({ route });
  },
}));

window.addEventListener('hashchange', () => {
  const hash = window.location.hash;
  // Already shown by go(), or the address put back after a refused departure.
  if (hash === shownHash) return;
  // Back, forward or a typed address: the address returns to the page on screen until the person agrees to leave it.
  if (hasUnsavedEdits()) history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${shownHash}`);
  leaveOrAsk(() => show(parseRoute(hash), hash));
});

// A link to another page asks before the address changes, so that staying leaves no extra step in the history.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || !hasUnsavedEdits()) return;
  const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
  const href = link?.getAttribute('href');
  if (!href) return;
  event.preventDefault();
  useRouter.getState().go(parseRoute(href));
});
