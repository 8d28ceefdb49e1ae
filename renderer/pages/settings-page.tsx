import { CredentialsSection } from './credentials-section.tsx';
import { GeneralSettings } from './general-settings.tsx';

export function SettingsPage() {
  return (
    <div className="page page-narrow">
      <GeneralSettings />
      <CredentialsSection />
    </div>
  );
}
