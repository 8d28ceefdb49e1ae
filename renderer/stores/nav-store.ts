import { create } from 'zustand';

export const PAGES = ['dashboard', 'devices', 'map', 'discovery', 'alerts', 'diagnostics', 'reports', 'settings'] as const;
export type Page = (typeof PAGES)[number];

const DEFAULT_PAGE: Page = 'devices';

interface Route {
  page: Page;
  /** What follows the page in the hash: a device id on #/devices/<id>. */
  param?: string;
}

export function routeFromHash(hash: string): Route {
  const [name, param] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const page = (PAGES as readonly string[]).includes(name ?? '') ? (name as Page) : DEFAULT_PAGE;
  return param ? { page, param: decodeURIComponent(param) } : { page };
}

interface NavState extends Route {
  navigate(page: Page, param?: string): void;
}

/** The current page (and its parameter), kept in the URL hash (#/devices/<id>) so a reload stays on it. */
export const useNavStore = create<NavState>()((set) => ({
  ...routeFromHash(location.hash),
  navigate(page, param) {
    const hash = param ? `#/${page}/${encodeURIComponent(param)}` : `#/${page}`;
    if (location.hash !== hash) location.hash = hash;
    set({ page, param });
  },
}));

window.addEventListener('hashchange', () => {
  const route = routeFromHash(location.hash);
  useNavStore.setState({ page: route.page, param: route.param });
});
