import { create } from 'zustand';

/** The pages of the signed-in application, addressed by the URL's hash so that reload returns to the same page. */
export type Route =
  | { page: 'dossiers' }
  | { page: 'dossier'; id: string }
  | { page: 'newDossier' }
  | { page: 'ranking' }
  | { page: 'units' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [first, second] = path.split('/');
  if (first === 'dossiers' && second === 'new') return { page: 'newDossier' };
  if (first === 'dossiers' && second) return { page: 'dossier', id: decodeURIComponent(second) };
  if (first === 'ranking') return { page: 'ranking' };
  if (first === 'units') return { page: 'units' };
  return { page: 'dossiers' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'dossier':
      return `#/dossiers/${encodeURIComponent(route.id)}`;
    case 'newDossier':
      return '#/dossiers/new';
    default:
      return `#/${route.page}`;
  }
}

interface RouterState {
  route: Route;
  go(route: Route): void;
}

export const useRouter = create<RouterState>((set) => ({
  route: parseRoute(window.location.hash),
  go(route) {
    const hash = routeHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ route });
  },
}));

window.addEventListener('hashchange', () => useRouter.setState({ route: parseRoute(window.location.hash) }));
