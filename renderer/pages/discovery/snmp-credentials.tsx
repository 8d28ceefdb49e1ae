import { useMemo } from 'react';
import { useCredentialsStore } from '../../stores/credentials-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { credentialOrder } from './credential-order.ts';
import { CredentialPicker } from './credential-picker.tsx';

/** The credential picker of the draft, shown while the SNMP method is ticked. */
export function SnmpCredentials() {
  const snmp = useDiscoveryStore((s) => s.draft.methods.includes('snmp'));
  const picked = useDiscoveryStore((s) => s.draft.credentialIds);
  const setDraft = useDiscoveryStore((s) => s.setDraft);
  const error = useDiscoveryStore((s) => s.startErrors.fields.credentialIds);
  const credentials = useCredentialsStore((s) => s.items);
  const ids = useMemo(() => credentialOrder(picked, credentials), [picked, credentials]);
  if (!snmp) return null;
  return <CredentialPicker ids={ids} credentials={credentials} onChange={(next) => setDraft({ credentialIds: next })} error={error} />;
}
