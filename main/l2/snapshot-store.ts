/**
 * The latest L2 snapshot per device (schema 17): saved whole as JSON, with the forwarding and
 * ARP rows copied into lookup tables in the same transaction (whereis.ts reads those). A saved
 * snapshot replaces the previous one; a device's rows go when the device does (ON DELETE CASCADE).
 * A discovery job's snapshots (schema 20) are kept per (job, address) until the job goes; "add to
 * monitoring" adopts a host's as the new device's.
 */
import type { L2Snapshot } from '../api/l2.ts';
import { L2Snapshot as L2SnapshotSchema } from '../api/l2.ts';
import type { Db } from '../store/database.ts';

export interface StoredSnapshot {
  deviceId: string;
  snapshot: L2Snapshot;
}

export interface FdbHit {
  deviceId: string;
  mac: string;
  vlan: number | null;
  ifIndex: number | null;
  bridgePort: number | null;
  portName: string;
  status: string;
}

export interface ArpHit {
  deviceId: string;
  ip: string;
  mac: string;
}

export interface L2Store {
  save(deviceId: string, snapshot: L2Snapshot): void;
  get(deviceId: string): StoredSnapshot | null;
  /** Every stored snapshot (deviceId order). */
  list(): StoredSnapshot[];
  /** When each device was last read (for the poller's slow schedule). */
  readTimes(): Map<string, number>;
  fdbByMac(mac: string): FdbHit[];
  /** MACs learned per (device, port name): how crowded a port is. */
  macsPerPort(deviceId: string): Map<string, number>;
  arpByIp(ip: string): ArpHit[];
  arpByMac(mac: string): ArpHit[];
  remove(deviceId: string): void;
  /** A snapshot a discovery job read (replaces the job's earlier one of that address). */
  saveScan(jobId: string, address: string, snapshot: L2Snapshot): void;
  /** The snapshots a job read, by address. */
  scans(jobId: string): { address: string; snapshot: L2Snapshot }[];
  /** Makes a job's snapshot of `address` the device's; false when the job read none there. */
  adoptScan(jobId: string, address: string, deviceId: string): boolean;
}

function parse(deviceId: string, data: string): StoredSnapshot | null {
  const r = L2SnapshotSchema.safeParse(JSON.parse(data));
  // A snapshot written by an older build that no longer fits is skipped until the next read replaces it.
  return r.success ? { deviceId, snapshot: r.data } : null;
}

export function createL2Store(db: Db): L2Store {
  const upsert = db.prepare('INSERT INTO l2_snapshots (device_id, address, read_at, data) VALUES (?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET address = excluded.address, read_at = excluded.read_at, data = excluded.data');
  const clearFdb = db.prepare('DELETE FROM l2_fdb WHERE device_id = ?');
  const clearArp = db.prepare('DELETE FROM l2_arp WHERE device_id = ?');
  const addFdb = db.prepare('INSERT INTO l2_fdb (device_id, mac, vlan, if_index, bridge_port, port_name, status) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const addArp = db.prepare('INSERT INTO l2_arp (device_id, ip, mac) VALUES (?, ?, ?)');
  const getOne = db.prepare<[string], { data: string }>('SELECT data FROM l2_snapshots WHERE device_id = ?');
  const getAll = db.prepare<[], { device_id: string; data: string }>('SELECT device_id, data FROM l2_snapshots ORDER BY device_id');
  const times = db.prepare<[], { device_id: string; read_at: number }>('SELECT device_id, read_at FROM l2_snapshots');
  const fdbMac = db.prepare<[string], { device_id: string; mac: string; vlan: number | null; if_index: number | null; bridge_port: number | null; port_name: string; status: string }>(
    'SELECT device_id, mac, vlan, if_index, bridge_port, port_name, status FROM l2_fdb WHERE mac = ? ORDER BY device_id, port_name',
  );
  const perPort = db.prepare<[string], { port_name: string; n: number }>("SELECT port_name, count(DISTINCT mac) AS n FROM l2_fdb WHERE device_id = ? AND status <> 'self' GROUP BY port_name");
  const arpIp = db.prepare<[string], { device_id: string; ip: string; mac: string }>('SELECT device_id, ip, mac FROM l2_arp WHERE ip = ? ORDER BY device_id');
  const arpMac = db.prepare<[string], { device_id: string; ip: string; mac: string }>('SELECT device_id, ip, mac FROM l2_arp WHERE mac = ? ORDER BY device_id, ip');
  const del = db.prepare('DELETE FROM l2_snapshots WHERE device_id = ?');
  // The scan statements are prepared on first use: a store opened on a schema without them still serves devices.
  const once = <T>(make: () => T): (() => T) => {
    let v: T | undefined;
    return () => (v ??= make());
  };
  const upsertScan = once(() => db.prepare('INSERT INTO l2_scan_snapshots (job_id, address, read_at, data) VALUES (?, ?, ?, ?) ON CONFLICT (job_id, address) DO UPDATE SET read_at = excluded.read_at, data = excluded.data'));
  const scanRows = once(() => db.prepare<[string], { address: string; data: string }>('SELECT address, data FROM l2_scan_snapshots WHERE job_id = ? ORDER BY address'));
  const scanRow = once(() => db.prepare<[string, string], { data: string }>('SELECT data FROM l2_scan_snapshots WHERE job_id = ? AND address = ?'));

  const save = db.transaction((deviceId: string, s: L2Snapshot) => {
    upsert.run(deviceId, s.address, s.readAt, JSON.stringify(s));
    clearFdb.run(deviceId);
    clearArp.run(deviceId);
    for (const f of s.fdb) addFdb.run(deviceId, f.mac, f.vlan, f.port.ifIndex, f.port.bridgePort, f.port.name, f.status);
    for (const a of s.arp) addArp.run(deviceId, a.ip, a.mac);
  });

  const hit = (r: { device_id: string; ip: string; mac: string }): ArpHit => ({ deviceId: r.device_id, ip: r.ip, mac: r.mac });

  return {
    save: (deviceId, snapshot) => save(deviceId, snapshot),
    get(deviceId) {
      const row = getOne.get(deviceId);
      return row ? parse(deviceId, row.data) : null;
    },
    list: () => getAll.all().flatMap((r) => parse(r.device_id, r.data) ?? []),
    readTimes: () => new Map(times.all().map((r) => [r.device_id, r.read_at])),
    fdbByMac: (mac) => fdbMac.all(mac).map((r) => ({ deviceId: r.device_id, mac: r.mac, vlan: r.vlan, ifIndex: r.if_index, bridgePort: r.bridge_port, portName: r.port_name, status: r.status })),
    macsPerPort: (deviceId) => new Map(perPort.all(deviceId).map((r) => [r.port_name, r.n])),
    arpByIp: (ip) => arpIp.all(ip).map(hit),
    arpByMac: (mac) => arpMac.all(mac).map(hit),
    remove: (deviceId) => void del.run(deviceId),
    saveScan: (jobId, address, s) => void upsertScan().run(jobId, address, s.readAt, JSON.stringify(s)),
    scans: (jobId) => scanRows().all(jobId).flatMap((r) => (parse('', r.data) ? [{ address: r.address, snapshot: (parse('', r.data) as StoredSnapshot).snapshot }] : [])),
    adoptScan(jobId, address, deviceId) {
      const row = scanRow().get(jobId, address);
      const parsed = row ? parse(deviceId, row.data) : null;
      if (!parsed) return false;
      save(deviceId, parsed.snapshot);
      return true;
    },
  };
}
