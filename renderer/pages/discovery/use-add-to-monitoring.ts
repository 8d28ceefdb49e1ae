import { useCallback, useState } from 'react';
import type { OutputOf } from '../../../main/api/contract.ts';
import { plural } from '../../lib/format.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { useZabbixStore } from '../../stores/zabbix-store.ts';
import type { Notice } from './notice.tsx';

/** What adding hosts to monitoring did, in words: created, already monitored, this computer (skipped), not in this scan. */
export function addNotice(output: OutputOf<'discovery.addToMonitoring'>): Notice {
  const existing = output.results.filter((r) => r.outcome === 'existing').length;
  const missing = output.results.filter((r) => r.outcome === 'not_found');
  const self = output.results.filter((r) => r.outcome === 'self').length;
  const parts = [output.created === 0 ? 'No new device added to monitoring.' : `Added ${plural(output.created, 'device')} to monitoring.`];
  if (existing) parts.push(`${plural(existing, 'host was', 'hosts were')} already monitored.`);
  if (self) parts.push(`${plural(self, 'address is', 'addresses are')} this computer's own: not added.`);
  if (missing.length) parts.push(`${plural(missing.length, 'host was', 'hosts were')} not in this scan.`);
  return { tone: missing.length ? 'error' : 'info', text: parts.join(' '), details: output.results.length <= 12 ? output.results.map((r) => `${r.name ?? r.address} (${r.address}): ${r.message}`) : undefined };
}

/** Adds hosts of the open scan to monitoring (and, if asked, pushes the new devices to Zabbix); busy while it runs. */
export function useAddToMonitoring(onNotice: (notice: Notice) => void): { busy: boolean; add(addresses: string[], push?: boolean, includeSelf?: boolean): Promise<void> } {
  const addToMonitoring = useDiscoveryStore((s) => s.addToMonitoring);
  const pushToZabbix = useZabbixStore((s) => s.push);
  const [busy, setBusy] = useState(false);

  const add = useCallback(
    async (addresses: string[], push = false, includeSelf = false): Promise<void> => {
      setBusy(true);
      const r = await addToMonitoring(addresses, includeSelf);
      if (!r.ok) {
        setBusy(false);
        return onNotice({ tone: 'error', text: `Could not add to monitoring: ${r.message}` });
      }
      const added = addNotice(r.output);
      const deviceIds = r.output.results.flatMap((x) => (x.deviceId && x.outcome !== 'not_found' && x.outcome !== 'self' ? [x.deviceId] : []));
      if (!push || deviceIds.length === 0) {
        setBusy(false);
        return onNotice(added);
      }
      const pushed = await pushToZabbix(deviceIds);
      setBusy(false);
      onNotice(
        pushed.ok
          ? { ...added, text: `${added.text} ${plural(pushed.queued, 'device')} queued for Zabbix (follow the delivery under Alerts, Deliveries).` }
          : { ...added, tone: 'error', text: `${added.text} Could not push to Zabbix: ${pushed.message}` },
      );
    },
    [addToMonitoring, pushToZabbix, onNotice],
  );
  return { busy, add };
}
