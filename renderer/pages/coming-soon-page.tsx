import type { ReactElement } from 'react';
import { AlertsIcon, DashboardIcon, DiagnosticsIcon, DiscoveryIcon, ReportsIcon } from '../components/icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';

export type ComingSoonArea = 'dashboard' | 'discovery' | 'alerts' | 'diagnostics' | 'reports';

const AREAS: Record<ComingSoonArea, { icon: ReactElement; title: string; text: string }> = {
  dashboard: { icon: <DashboardIcon />, title: 'Dashboard', text: 'Availability, latency and the busiest interfaces of the site at a glance.' },
  discovery: { icon: <DiscoveryIcon />, title: 'Discovery', text: "Sweep the customer's subnets and classify every live device: routers, switches, printers, UPSs and more." },
  alerts: { icon: <AlertsIcon />, title: 'Alerts', text: 'Devices down, thresholds crossed, and notifications by email or webhook once a network is there.' },
  diagnostics: { icon: <DiagnosticsIcon />, title: 'Diagnostics', text: 'Ping, traceroute and MTR from this machine, live.' },
  reports: { icon: <ReportsIcon />, title: 'Reports', text: 'Inventory, availability and alert reports as HTML, PDF, CSV or JSON.' },
};

/** The pages not built yet: what they will do, so the navigation is honest. */
export function ComingSoonPage({ area }: { area: ComingSoonArea }) {
  const { icon, title, text } = AREAS[area];
  return (
    <div className="page page-center">
      <EmptyState icon={icon} title={`${title} is coming soon`}>
        <p>{text}</p>
      </EmptyState>
    </div>
  );
}
