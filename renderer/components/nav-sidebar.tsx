import { useSessionStore } from '../stores/session-store.ts';
import type { ReactElement } from 'react';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useNavStore, type Page } from '../stores/nav-store.ts';
import { AlertsIcon, DashboardIcon, DevicesIcon, DiagnosticsIcon, DiscoveryIcon, LogoMark, MapIcon, ReportsIcon, SettingsIcon, SignOutIcon } from './icons.tsx';

export const PAGE_TITLES: Record<Page, string> = {
  dashboard: 'Dashboard',
  devices: 'Devices',
  map: 'Map',
  discovery: 'Discovery',
  alerts: 'Alerts',
  diagnostics: 'Diagnostics',
  reports: 'Reports',
  settings: 'Settings',
};

const ITEMS: Array<{ page: Page; icon: ReactElement }> = [
  { page: 'dashboard', icon: <DashboardIcon /> },
  { page: 'devices', icon: <DevicesIcon /> },
  { page: 'map', icon: <MapIcon /> },
  { page: 'discovery', icon: <DiscoveryIcon /> },
  { page: 'alerts', icon: <AlertsIcon /> },
  { page: 'diagnostics', icon: <DiagnosticsIcon /> },
  { page: 'reports', icon: <ReportsIcon /> },
];

function NavLink({ page, icon }: { page: Page; icon: ReactElement }) {
  const current = useNavStore((s) => s.page);
  return (
    <li>
      <a href={`#/${page}`} className="nav-link" aria-current={current === page ? 'page' : undefined} title={PAGE_TITLES[page]}>
        {icon}
        <span>{PAGE_TITLES[page]}</span>
      </a>
    </li>
  );
}

/** Ends this browser's session on the headless host (nothing to sign out of in the desktop app). */
function SignOutItem() {
  const signOut = useConnectionStore((s) => s.signOut);
  const user = useSessionStore((s) => s.user);
  return (
    <li>
      {user && (
        <span className="nav-user muted" data-testid="signed-in-user">
          {user.name} · {user.role}
        </span>
      )}
      <button type="button" className="nav-link" onClick={signOut} title={user ? `Sign out ${user.name}` : 'Sign out'}>
        <SignOutIcon />
        <span>Sign out</span>
      </button>
    </li>
  );
}

/** The left navigation. Plain links to #/page: the nav store follows the hash. */
export function NavSidebar() {
  const canSignOut = useConnectionStore((s) => s.transport === 'ws');
  return (
    <aside className="sidebar">
      <div className="brand">
        <LogoMark />
        <span className="brand-name">WARD FLUX</span>
      </div>
      <nav aria-label="Main" className="nav">
        <ul className="nav-list">
          {ITEMS.map((item) => (
            <NavLink key={item.page} {...item} />
          ))}
        </ul>
        <ul className="nav-list nav-list-bottom">
          <NavLink page="settings" icon={<SettingsIcon />} />
          {canSignOut ? <SignOutItem /> : null}
        </ul>
      </nav>
    </aside>
  );
}
