import type { ProcedureName } from '../../main/api/contract.ts';
import { allowedFor, useSessionStore } from '../stores/session-store.ts';
import { AuditSection } from './audit-section.tsx';
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
/** `needs`: the procedure that managing the section takes; a role without it sees why instead of the section. */
export const SETTINGS_SECTIONS: ReadonlyArray<{ id: string; label: string; section: () => ReactElement; needs?: ProcedureName }> = [
  { id: 'general', label: 'General', section: () => <GeneralSettings /> },
  { id: 'credentials', label: 'SNMP credentials', section: () => <CredentialsSection />, needs: 'credentials.create' },
  { id: 'notifications', label: 'Notifications', section: () => <ChannelsSection />, needs: 'notifications.createChannel' },
  { id: 'zabbix', label: 'Zabbix', section: () => <ZabbixSection />, needs: 'zabbix.setConfig' },
  { id: 'sync', label: 'VictoriaMetrics', section: () => <SyncSection />, needs: 'sync.setConfig' },
  { id: 'central', label: 'Central', section: () => <CentralSection />, needs: 'central.setTarget' },
  { id: 'tokens', label: 'API tokens', section: () => <TokensSection />, needs: 'tokens.list' },
  { id: 'audit', label: 'Audit', section: () => <AuditSection />, needs: 'audit.list' },
  { id: 'retention', label: 'Retention', section: () => <RetentionSection />, needs: 'metrics.setRetention' },
  { id: 'templates', label: 'Templates', section: () => <TemplatesSection /> },
];

/** Settings: every section on one page, with a sub-navigation that jumps to each (#/settings/<id>). */
export function SettingsPage() {
  const param = useNavStore((s) => s.param);
  const user = useSessionStore((s) => s.user);
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
      {SETTINGS_SECTIONS.map((s) => {
        const may = s.needs ? allowedFor(user, s.needs) : { allowed: true };
        return (
          <div key={s.id} id={`settings-${s.id}`} className="settings-anchor">
            {may.allowed ? (
              s.section()
            ) : (
              <section className="card" aria-label={s.label}>
                <div className="card-header">
                  <h2 className="card-title">{s.label}</h2>
                </div>
                <p className="card-body muted">{may.reason}</p>
              </section>
            )}
          </div>
        );
      })}
    </div>
  );
}
