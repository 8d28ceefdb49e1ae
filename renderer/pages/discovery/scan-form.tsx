import { memo, useEffect, useId, useState, type FormEvent } from 'react';
import { Banner } from '../../components/banner.tsx';
import { parsePorts, splitTargets } from '../../lib/discovery.ts';
import { useCredentialsStore } from '../../stores/credentials-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { credentialOrder } from './credential-order.ts';
import { ExclusionsField } from './exclusions-field.tsx';
import { LargeScanConfirm } from './large-scan-confirm.tsx';
import { MethodsField } from './methods-field.tsx';
import { ScanOptions } from './scan-options.tsx';
import { SnmpCredentials } from './snmp-credentials.tsx';
import { TargetsField } from './targets-field.tsx';

/** A number from a text field; NaN when empty, so the engine says what is missing. */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * The new-scan form. Each field subscribes to its own part of the draft; the form itself only to
 * the engine's banner, so neither typing nor a running scan's events re-render all of it (memo: nor
 * the page opening or closing a scan).
 */
export const ScanForm = memo(function ScanForm() {
  const banner = useDiscoveryStore((s) => s.startErrors.banner);
  const start = useDiscoveryStore((s) => s.start);
  const [portsError, setPortsError] = useState<string>();
  const tcpPorts = useDiscoveryStore((s) => s.draft.tcpPorts);
  const targetsId = useId();
  // A changed port list is no longer the one the message was about.
  useEffect(() => setPortsError(undefined), [tcpPorts]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const { draft } = useDiscoveryStore.getState();
    const credentials = useCredentialsStore.getState();
    const ports = parsePorts(draft.tcpPorts);
    const useTcp = draft.methods.includes('tcp');
    const useSnmp = draft.methods.includes('snmp');
    if (useTcp && !ports.ok) {
      setPortsError(ports.message);
      return;
    }
    setPortsError(undefined);
    void start({
      targets: splitTargets(draft.targets),
      exclusions: splitTargets(draft.exclusions),
      methods: draft.methods,
      credentialIds: credentialOrder(draft.credentialIds, credentials.items, credentials.loaded),
      communities: useSnmp && draft.community !== '' ? [draft.community] : [],
      ratePps: num(draft.ratePps),
      adaptiveRate: draft.adaptiveRate,
      timeoutMs: num(draft.timeoutMs),
      ...(ports.ok ? { tcpPorts: ports.ports } : {}),
      confirmLarge: draft.confirmLarge,
    });
  }

  return (
    <form className="card scan-form" onSubmit={submit} noValidate aria-label="New scan">
      <div className="card-header">
        <h2 className="card-title">New scan</h2>
      </div>
      <div className="scan-grid">
        <div className="scan-col">
          <TargetsField id={targetsId} />
          <ExclusionsField id={`${targetsId}-excl`} />
          <LargeScanConfirm />
        </div>
        <div className="scan-col">
          <MethodsField />
          <SnmpCredentials />
        </div>
      </div>
      <ScanOptions portsError={portsError} />
      {banner ? (
        <div className="scan-banner">
          <Banner tone="error">{banner}</Banner>
        </div>
      ) : null}
    </form>
  );
});
