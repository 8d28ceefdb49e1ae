import { useEffect, type ReactElement } from 'react';
import { useNavStore } from '../stores/nav-store.ts';
import { CentralSection } from './central-section.tsx';
import { ChannelsSection } from './channels-section.tsx';
import { CredentialsSection } from './credentials-section.tsx';
import { GeneralSettings } from './general-settings.tsx';
import { RetentionSection } from './retention-section.tsx';
import { SyncSection } from './sync-section.tsx';
import { TemplatesSection } from './templates-section.tsx';
import { TokensSection } from './tokens-section.tsx';
import { ZabbixSection } from './zabbix-section.tsx';

/** The sections in page order; each is reachable as #/settings/<id> (linkable, and the sub-navigation's targets). */
export const SETTINGS_SECTIONS: ReadonlyArray<{ id: string; label: string; section: () => ReactElement }> = [
  { id: 'general', label: 'General', section: () => <GeneralSettings /> },
  { id: 'credentials', label: 'SNMP credentials', section: () => <CredentialsSection /> },
  { id: 'notifications', label: 'Notifications', section: () => <ChannelsSection /> },
  { id: 'zabbix', label: 'Zabbix', section: () => <ZabbixSection /> },
  { id: 'sync', label: 'VictoriaMetrics', section: () => <SyncSection /> },
  { id: 'central', label: 'Central', section: () => <CentralSection /> },
  { id: 'tokens', label: 'API tokens', section: () => <TokensSection /> },
  { id: 'retention', label: 'Retention', section: () => <RetentionSection /> },
  { id: 'templates', label: 'Templates', section: () => <TemplatesSection /> },
];

/** Settings: every section on one page, with a sub-navigation that jumps to each (#/settings/<id>). */
export function SettingsPage() {
  const param = useNavStore((s) => s.param);
  useEffect(() => {
    if (!param) return;
    document.getElementById(`settings-${param}`)?.scrollIntoView({ block: 'start' });
  }, [param]);
  return (
    <div className="page page-narrow settings-page">
      <nav className="settings-nav" aria-label="Settings sections">
        <ul>
          {SETTINGS_SECTIONS.map((s) => (
            <li key={s.id}>
              <a
                href={`#/settings/${s.id}`}
                aria-current={param === s.id ? 'location' : undefined}
                onClick={() => {
                  // Again on a second click of the same link (the hash does not change then).
                  if (param === s.id) document.getElementById(`settings-${s.id}`)?.scrollIntoView({ block: 'start' });
                }}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {SETTINGS_SECTIONS.map((s) => (
        <div key={s.id} id={`settings-${s.id}`} className="settings-anchor">
          {s.section()}
        </div>
      ))}
    </div>
  );
}
