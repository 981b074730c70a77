import { create } from 'zustand';

/** The pages of the signed-in application, addressed by the URL's hash so that reload returns to the same page. */
export type Route =
  | { page: 'dossiers' }
  | { page: 'dossier'; id: string }
  | { page: 'newDossier' }
  | { page: 'ranking' }
  | { page: 'units' }
  | { page: 'people' }
  | { page: 'schemes' }
  | { page: 'scheme'; id: string }
  | { page: 'campaign' }
  | { page: 'allocation' }
  | { page: 'exchange' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [first, second] = path.split('/');
  if (first === 'dossiers' && second === 'new') return { page: 'newDossier' };
  if (first === 'dossiers' && second) return { page: 'dossier', id: decodeURIComponent(second) };
  if (first === 'ranking') return { page: 'ranking' };
  if (first === 'units') return { page: 'units' };
  if (first === 'people') return { page: 'people' };
  if (first === 'schemes' && second) return { page: 'scheme', id: decodeURIComponent(second) };
  if (first === 'schemes') return { page: 'schemes' };
  if (first === 'campaign') return { page: 'campaign' };
  if (first === 'allocation') return { page: 'allocation' };
  if (first === 'exchange') return { page: 'exchange' };
  return { page: 'dossiers' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'dossier':
      return `#/dossiers/${encodeURIComponent(route.id)}`;
    case 'newDossier':
      return '#/dossiers/new';
    case 'scheme':
      return `#/schemes/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.page}`;
  }
}

const LAST_ROUTE_KEY = 'tdcs.lastRoute';

interface RouterState {
  route: Route;
  go(route: Route): void;
}

export const useRouter = create<RouterState>((set) => ({
  // Reopening the application returns to the page (and the dossier) the person was on.
  route: parseRoute(window.location.hash || localStorage.getItem(LAST_ROUTE_KEY) || ''),
  go(route) {
    const hash = routeHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    localStorage.setItem(LAST_ROUTE_KEY, hash);
    set({ route });
  },
}));

window.addEventListener('hashchange', () => {
  localStorage.setItem(LAST_ROUTE_KEY, window.location.hash);
  useRouter.setState({ route: parseRoute(window.location.hash) });
});
