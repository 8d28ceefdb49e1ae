import { useMemo } from 'react';
import { Field } from '../../components/field.tsx';
import { useCredentialsStore } from '../../stores/credentials-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { credentialOrder } from './credential-order.ts';
import { CredentialPicker } from './credential-picker.tsx';

/** A v2c community typed for this scan only: sent with the start, kept in memory, never stored. */
function ScanCommunity() {
  const community = useDiscoveryStore((s) => s.draft.community);
  const setDraft = useDiscoveryStore((s) => s.setDraft);
  const error = useDiscoveryStore((s) => s.startErrors.fields.communities);
  return (
    <Field label="Community for this scan only" error={error} hint="SNMP v2c, tried after the credentials above; not saved (add it in Settings to keep it).">
      <input
        type="password"
        className="mono"
        value={community}
        onChange={(e) => setDraft({ community: e.target.value })}
        autoComplete="off"
        spellCheck={false}
        maxLength={255}
        placeholder="optional"
      />
    </Field>
  );
}

/** The credential picker of the draft and a community for this scan, shown while the SNMP method is ticked. */
export function SnmpCredentials() {
  const snmp = useDiscoveryStore((s) => s.draft.methods.includes('snmp'));
  const picked = useDiscoveryStore((s) => s.draft.credentialIds);
  const setDraft = useDiscoveryStore((s) => s.setDraft);
  const error = useDiscoveryStore((s) => s.startErrors.fields.credentialIds);
  const credentials = useCredentialsStore((s) => s.items);
  const listed = useCredentialsStore((s) => s.loaded);
  const ids = useMemo(() => credentialOrder(picked, credentials, listed), [picked, credentials, listed]);
  if (!snmp) return null;
  return (
    <>
      <CredentialPicker ids={ids} credentials={credentials} onChange={(next) => setDraft({ credentialIds: next })} error={error} />
      <ScanCommunity />
    </>
  );
}
