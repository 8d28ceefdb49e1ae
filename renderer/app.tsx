import { ConnectionBanner } from './components/connection-banner.tsx';
import { EngineStatus } from './components/engine-status.tsx';
import { NavSidebar, PAGE_TITLES } from './components/nav-sidebar.tsx';
import { SignInScreen } from './components/sign-in-screen.tsx';
import { ComingSoonPage } from './pages/coming-soon-page.tsx';
import { DevicesPage } from './pages/devices-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { useConnectionStore } from './stores/connection-store.ts';
import { useNavStore, type Page } from './stores/nav-store.ts';

function CurrentPage({ page }: { page: Page }) {
  switch (page) {
    case 'devices':
      return <DevicesPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <ComingSoonPage area={page} />;
  }
}

/** The shell: navigation on the left, a header with the engine's status, the current page. */
export function App() {
  const page = useNavStore((s) => s.page);
  const status = useConnectionStore((s) => s.status);
  if (status === 'auth-required') return <SignInScreen />;
  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => document.getElementById('main-content')?.focus()}>
        Skip to content
      </button>
      <NavSidebar />
      <div className="main">
        <header className="topbar">
          <h1 className="page-title">{PAGE_TITLES[page]}</h1>
          <EngineStatus />
        </header>
        <ConnectionBanner />
        <main id="main-content" className="content" tabIndex={-1}>
          <CurrentPage page={page} />
        </main>
      </div>
    </div>
  );
}
