import type { DiscoveryHost } from '../../../main/api/discovery.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { HostDetails } from './host-details.tsx';

/** The details of the host clicked in the table, kept up to date as the scan learns more about it (or adds it to monitoring). */
export function HostDetailsDialog({ host, busy, onClose, onAdd }: { host: DiscoveryHost; busy: boolean; onClose(): void; onAdd(): void }) {
  const latest = useDiscoveryStore((s) => s.current?.hosts.find((h) => h.address === host.address));
  return <HostDetails host={latest ?? host} onClose={onClose} busy={busy} onAdd={onAdd} />;
}
