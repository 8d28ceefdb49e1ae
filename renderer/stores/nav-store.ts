import { create } from 'zustand';

export const PAGES = ['dashboard', 'devices', 'discovery', 'alerts', 'diagnostics', 'reports', 'settings'] as const;
export type Page = (typeof PAGES)[number];

const DEFAULT_PAGE: Page = 'devices';

function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (PAGES as readonly string[]).includes(name ?? '') ? (name as Page) : DEFAULT_PAGE;
}

interface NavState {
  page: Page;
  navigate(page: Page): void;
}

/** The current page, kept in the URL hash (#/devices) so a reload stays on it. */
export const useNavStore = create<NavState>()((set) => ({
  page: pageFromHash(location.hash),
  navigate(page) {
    if (location.hash !== `#/${page}`) location.hash = `#/${page}`;
    set({ page });
  },
}));

window.addEventListener('hashchange', () => useNavStore.setState({ page: pageFromHash(location.hash) }));
