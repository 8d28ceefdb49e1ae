import { CentralSection } from './central-section.tsx';
import { ChannelsSection } from './channels-section.tsx';
import { CredentialsSection } from './credentials-section.tsx';
import { GeneralSettings } from './general-settings.tsx';
import { RetentionSection } from './retention-section.tsx';
import { SyncSection } from './sync-section.tsx';
import { TemplatesSection } from './templates-section.tsx';
import { TokensSection } from './tokens-section.tsx';
import { ZabbixSection } from './zabbix-section.tsx';

export function SettingsPage() {
  return (
    <div className="page page-narrow">
      <GeneralSettings />
      <CredentialsSection />
      <ChannelsSection />
      <ZabbixSection />
      <SyncSection />
      <CentralSection />
      <TokensSection />
      <RetentionSection />
      <TemplatesSection />
    </div>
  );
}
