/** Test helper: small hand-made L2 snapshots and a database with devices to hang them on. */
import Database from 'better-sqlite3';
import type { L2FdbEntry, L2Neighbor, L2Snapshot } from '../../api/l2.ts';
import { migrate } from '../../store/database.ts';

export function snapshot(address: string, parts: Partial<L2Snapshot> = {}): L2Snapshot {
  return { address, readAt: 1_700_000_000_000, sysName: null, chassisId: null, interfaces: [], neighbors: [], fdb: [], vlans: [], portVlans: [], arp: [], notes: [], stats: { requests: 0, varbinds: 0, ms: 0 }, ...parts };
}

export const fdb = (mac: string, port: string, vlan: number | null = 10, ifIndex: number | null = null): L2FdbEntry => ({ mac, vlan, port: { ifIndex, name: port, bridgePort: null }, status: 'learned', source: 'q-bridge' });

export function neighbor(localPort: string, sysName: string, capabilities: L2Neighbor['capabilities'] = ['bridge'], sysDescr: string | null = null): L2Neighbor {
  return { protocol: 'lldp', localPort: { ifIndex: null, name: localPort, bridgePort: null }, chassisId: null, chassisIdSubtype: null, sysName, portId: 'ge-0/0/1', portIdSubtype: 'interfaceName', portDescr: null, sysDescr, version: null, capabilities, managementAddresses: [], nativeVlan: null };
}

/** An in-memory database at the latest schema with the given devices (id → name). */
export function databaseWithDevices(devices: Record<string, string>): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const insert = db.prepare("INSERT INTO devices (id, name, address, tags, created_at, updated_at) VALUES (?, ?, ?, '[]', 0, 0)");
  let n = 1;
  for (const [id, name] of Object.entries(devices)) insert.run(id, name, `198.18.9.${n++}`);
  return db;
}
