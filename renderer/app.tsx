import { ConnectionBanner } from './components/connection-banner.tsx';
import { EngineStatus } from './components/engine-status.tsx';
import { NavSidebar, PAGE_TITLES } from './components/nav-sidebar.tsx';
import { SignInScreen } from './components/sign-in-screen.tsx';
import { AlertsPage } from './pages/alerts-page.tsx';
import { ComingSoonPage } from './pages/coming-soon-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { DeviceDetailPage } from './pages/device-detail-page.tsx';
import { DevicesPage } from './pages/devices-page.tsx';
import { DiagnosticsPage } from './pages/diagnostics-page.tsx';
import { DiscoveryPage } from './pages/discovery/discovery-page.tsx';
import { MapPage } from './pages/map-page.tsx';
import { ReportsPage } from './pages/reports-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { useConnectionStore } from './stores/connection-store.ts';
import { useNavStore, type Page } from './stores/nav-store.ts';

function CurrentPage({ page, param }: { page: Page; param?: string | undefined }) {
  switch (page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'devices':
      return param ? <DeviceDetailPage key={param} deviceId={param} /> : <DevicesPage />;
    case 'map':
      return <MapPage />;
    case 'discovery':
      return <DiscoveryPage />;
    case 'alerts':
      return <AlertsPage initialTab={param} />;
    case 'diagnostics':
      return <DiagnosticsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <ComingSoonPage area={page} />;
  }
}

/** The shell: navigation on the left, a header with the engine's status, the current page. */
export function App() {
  const page = useNavStore((s) => s.page);
  const param = useNavStore((s) => s.param);
  const signInRequired = useConnectionStore((s) => s.signInRequired);
  if (signInRequired) return <SignInScreen />;
  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => document.getElementById('main-content')?.focus()}>
        Skip to content
      </button>
      <NavSidebar />
      <div className="main">
        <header className="topbar">
          <h1 className="page-title">{page === 'devices' && param ? 'Device' : PAGE_TITLES[page]}</h1>
          <EngineStatus />
        </header>
        <ConnectionBanner />
        <main id="main-content" className="content" tabIndex={-1}>
          <CurrentPage page={page} param={param} />
        </main>
      </div>
    </div>
  );
}
