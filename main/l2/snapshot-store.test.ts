import { describe, expect, it } from 'vitest';
import { createL2Store } from './snapshot-store.ts';
import { databaseWithDevices, fdb, snapshot } from './testing/snapshots.ts';

const SW = '11111111-1111-4111-8111-111111111111';
const R = '22222222-2222-4222-8222-222222222222';

describe('L2 snapshot store (schema 17)', () => {
  it('saves a snapshot whole and its FDB/ARP rows for lookups; a new read replaces the old one entirely', () => {
    const db = databaseWithDevices({ [SW]: 'sw1', [R]: 'r1' });
    const store = createL2Store(db);
    store.save(SW, snapshot('198.18.9.1', { fdb: [fdb('00:11:22:33:44:55', 'ge1'), fdb('00:11:22:33:44:66', 'ge2'), fdb('00:11:22:33:44:77', 'ge2')] }));
    store.save(R, snapshot('198.18.9.2', { readAt: 5, arp: [{ ip: '10.0.0.5', family: 'ipv4', mac: '00:11:22:33:44:55', ifIndex: 3, interface: 'eth0', type: 'dynamic', source: 'ipNetToPhysical' }] }));
    expect(store.get(SW)?.snapshot.fdb).toHaveLength(3);
    expect(store.fdbByMac('00:11:22:33:44:55')).toEqual([{ deviceId: SW, mac: '00:11:22:33:44:55', vlan: 10, ifIndex: null, bridgePort: null, portName: 'ge1', status: 'learned' }]);
    expect(store.macsPerPort(SW)).toEqual(new Map([['ge1', 1], ['ge2', 2]]));
    expect(store.arpByIp('10.0.0.5')).toEqual([{ deviceId: R, ip: '10.0.0.5', mac: '00:11:22:33:44:55' }]);
    expect(store.readTimes().get(R)).toBe(5);

    store.save(SW, snapshot('198.18.9.1', { fdb: [fdb('00:11:22:33:44:99', 'ge3')] }));
    expect(store.fdbByMac('00:11:22:33:44:55')).toEqual([]);
    expect(store.list().map((s) => s.deviceId)).toEqual([SW, R]);
  });

  it('a deleted device takes its snapshot and lookup rows with it', () => {
    const db = databaseWithDevices({ [SW]: 'sw1' });
    const store = createL2Store(db);
    store.save(SW, snapshot('198.18.9.1', { fdb: [fdb('00:11:22:33:44:55', 'ge1')] }));
    db.prepare('DELETE FROM devices WHERE id = ?').run(SW);
    expect(store.get(SW)).toBeNull();
    expect(store.fdbByMac('00:11:22:33:44:55')).toEqual([]);
  });

  it('a stored document that no longer fits the schema is skipped, not thrown', () => {
    const db = databaseWithDevices({ [SW]: 'sw1' });
    db.prepare("INSERT INTO l2_snapshots (device_id, address, read_at, data) VALUES (?, 'x', 1, '{\"address\":1}')").run(SW);
    const store = createL2Store(db);
    expect(store.get(SW)).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('a discovery job\'s snapshots: kept per address until the job goes; "add to monitoring" adopts one as the device\'s', () => {
    const db = databaseWithDevices({ [SW]: 'sw1' });
    db.prepare("INSERT INTO discovery_jobs (id, status, options, target_key, created_at) VALUES ('job-1', 'finished', '{}', 'k', 0)").run();
    const store = createL2Store(db);
    store.saveScan('job-1', '198.18.9.1', snapshot('198.18.9.1', { fdb: [fdb('00:11:22:33:44:55', 'ge1')] }));
    store.saveScan('job-1', '198.18.9.7', snapshot('198.18.9.7'));
    expect(store.scans('job-1').map((s) => s.address)).toEqual(['198.18.9.1', '198.18.9.7']);
    expect(store.adoptScan('job-1', '198.18.9.1', SW)).toBe(true);
    expect(store.adoptScan('job-1', '198.18.9.99', SW)).toBe(false);
    expect(store.fdbByMac('00:11:22:33:44:55')[0]?.deviceId).toBe(SW);
    db.prepare("DELETE FROM discovery_jobs WHERE id = 'job-1'").run();
    expect(store.scans('job-1')).toEqual([]);
    expect(store.get(SW)).not.toBeNull();
  });
});
