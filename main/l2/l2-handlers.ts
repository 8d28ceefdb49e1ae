/** The l2.* procedures (api/l2.ts) over the snapshot store. */
import type { Handlers } from '../api/dispatcher.ts';
import type { L2Note } from '../api/l2.ts';
import { loadOui } from '../discovery/oui.ts';
import { NotFoundError } from '../errors.ts';
import type { L2Area } from './l2-area.ts';
import type { StoredSnapshot } from './snapshot-store.ts';
import { whereis } from './whereis.ts';

export interface L2HandlerDeps {
  l2: L2Area;
  /** A device's name; undefined when it is gone. */
  deviceName(deviceId: string): string | undefined;
  /** MAC → vendor; default: the shipped OUI table. */
  vendorOf?: () => Promise<(mac: string) => string | undefined>;
}

type L2Handlers = Pick<Handlers, 'l2.neighbors' | 'l2.fdb' | 'l2.vlans' | 'l2.arp' | 'l2.snapshots' | 'l2.scanSnapshots' | 'l2.refresh' | 'l2.whereis'>;

const NEIGHBOR_TABLES = new Set(['lldpRemTable', 'lldpRemManAddrTable', 'lldpLocalSystemData', 'cdpCacheTable']);
const FDB_TABLES = new Set(['dot1dTpFdbTable', 'dot1qTpFdbTable', 'dot1dBasePortTable', 'fdb']);
const VLAN_TABLES = new Set(['dot1qVlanStaticTable', 'dot1qVlanCurrentTable', 'dot1qPortVlanTable', 'vtpVlanTable', 'vlanTrunkPortTable', 'vmMembershipTable']);
const ARP_TABLES = new Set(['ipNetToPhysicalTable', 'ipNetToMediaTable']);

export function createL2Handlers(d: L2HandlerDeps): L2Handlers {
  const snapshots = (deviceId: string | undefined): (StoredSnapshot & { deviceName: string })[] => {
    if (deviceId !== undefined) {
      const s = d.l2.store.get(deviceId);
      const name = d.deviceName(deviceId);
      if (!name) throw new NotFoundError(`No device with id ${deviceId}; it may have been deleted.`);
      return s ? [{ ...s, deviceName: name }] : [];
    }
    return d.l2.store.list().flatMap((s) => {
      const name = d.deviceName(s.deviceId);
      return name ? [{ ...s, deviceName: name }] : [];
    });
  };
  const head = (s: StoredSnapshot & { deviceName: string }, tables: Set<string>) => ({
    deviceId: s.deviceId,
    deviceName: s.deviceName,
    address: s.snapshot.address,
    readAt: s.snapshot.readAt,
    notes: s.snapshot.notes.filter((n: L2Note) => tables.has(n.table) || (n.code === 'port-unresolved' && n.table === 'ifTable')),
  });
  return {
    'l2.neighbors': ({ deviceId }) => snapshots(deviceId).map((s) => ({ ...head(s, NEIGHBOR_TABLES), rows: s.snapshot.neighbors })),
    'l2.fdb': ({ deviceId, vlan }) => snapshots(deviceId).map((s) => ({ ...head(s, FDB_TABLES), rows: vlan === undefined ? s.snapshot.fdb : s.snapshot.fdb.filter((f) => f.vlan === vlan) })),
    'l2.vlans': ({ deviceId }) => snapshots(deviceId).map((s) => ({ ...head(s, VLAN_TABLES), rows: s.snapshot.vlans, ports: s.snapshot.portVlans })),
    'l2.arp': ({ deviceId }) => snapshots(deviceId).map((s) => ({ ...head(s, ARP_TABLES), rows: s.snapshot.arp })),
    'l2.snapshots': ({ deviceId }) => snapshots(deviceId).map((s) => ({ deviceId: s.deviceId, deviceName: s.deviceName, snapshot: s.snapshot })),
    'l2.scanSnapshots': ({ jobId }) => d.l2.store.scans(jobId),
    'l2.refresh': ({ deviceId }) => d.l2.refresh(deviceId),
    'l2.whereis': async ({ query }) => {
      const vendorOf = d.vendorOf ? await d.vendorOf() : (await loadOui()).vendorOf;
      return whereis(query, { store: d.l2.store, deviceName: d.deviceName, vendorOf });
    },
  };
}
