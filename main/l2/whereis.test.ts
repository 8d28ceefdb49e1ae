import { describe, expect, it } from 'vitest';
import { readL2Snapshot } from './read-l2.ts';
import { createL2Store } from './snapshot-store.ts';
import { serveRecording, type ServedRecording } from './testing/recording.ts';
import { databaseWithDevices, fdb, neighbor, snapshot } from './testing/snapshots.ts';
import { whereis } from './whereis.ts';

const CORE = '11111111-1111-4111-8111-111111111111';
const ACCESS = '22222222-2222-4222-8222-222222222222';
const ROUTER = '33333333-3333-4333-8333-333333333333';
const NAMES: Record<string, string> = { [CORE]: 'core-sw1', [ACCESS]: 'access-sw2', [ROUTER]: 'edge-r1' };
const HOST = '00:1b:21:aa:bb:cc';

function site() {
  const db = databaseWithDevices(NAMES);
  const store = createL2Store(db);
  // core-sw1 sees the host through its uplink to access-sw2 (an LLDP neighbour on Te1/1).
  store.save(CORE, snapshot('198.18.9.1', { neighbors: [neighbor('Te1/1', 'access-sw2')], fdb: [fdb(HOST, 'Te1/1', 20)] }));
  // access-sw2: the host alone on Gi1/0/12; ten MACs behind Gi1/0/48 (an unmanaged switch); an AP on Gi1/0/5.
  const crowd = Array.from({ length: 10 }, (_, i) => fdb(`02:00:00:00:00:${String(i).padStart(2, '0')}`, 'Gi1/0/48', 20));
  store.save(ACCESS, snapshot('198.18.9.2', {
    neighbors: [neighbor('Gi1/0/1', 'core-sw1'), neighbor('Gi1/0/5', 'ap-3', ['bridge', 'wlanAccessPoint'])],
    fdb: [fdb(HOST, 'Gi1/0/12', 20, 10112), fdb(HOST, 'Gi1/0/1', 20), ...crowd, fdb('a4:00:00:00:00:01', 'Gi1/0/5', 30), fdb('00:00:0c:00:00:01', 'Gi1/0/1', 20)],
  }));
  store.save(ROUTER, snapshot('198.18.9.3', { arp: [{ ip: '10.20.0.12', family: 'ipv4', mac: HOST, ifIndex: 2, interface: 'vlan20', type: 'dynamic', source: 'ipNetToMedia' }] }));
  return { store, deps: { store, deviceName: (id: string) => NAMES[id], vendorOf: (mac: string) => (mac.startsWith('00:1b:21') ? 'Intel Corporate' : undefined) } };
}

describe('whereis', () => {
  it('a MAC: the edge port of the access switch, not the uplinks that also learned it', () => {
    const { deps } = site();
    const r = whereis('00-1B-21-AA-BB-CC', deps);
    expect(r.mac).toBe(HOST);
    expect(r.best).toMatchObject({ deviceName: 'access-sw2', port: { name: 'Gi1/0/12', ifIndex: 10112 }, vlan: 20, macsOnPort: 1, uplink: null });
    expect(r.candidates.map((c) => `${c.deviceName} ${c.port.name} ${c.uplink ?? 'edge'}`)).toEqual(['access-sw2 Gi1/0/12 edge', 'core-sw1 Te1/1 LLDP neighbour access-sw2 ge-0/0/1', 'access-sw2 Gi1/0/1 LLDP neighbour core-sw1 ge-0/0/1']);
    expect(r.ips).toEqual(['10.20.0.12']);
    expect(r.vendor).toBe('Intel Corporate');
  });

  it('an IP: the router\'s ARP table gives the MAC, then the same edge port', () => {
    const { deps } = site();
    const r = whereis('10.20.0.12', deps);
    expect(r).toMatchObject({ mac: HOST, arpFrom: 'edge-r1', best: { deviceName: 'access-sw2', port: { name: 'Gi1/0/12' } } });
  });

  it('a port with more than 8 MACs is an uplink; a MAC seen only there has no best answer, with a note', () => {
    const { deps } = site();
    const r = whereis('02:00:00:00:00:03', deps);
    expect(r.best).toBeNull();
    expect(r.candidates[0]?.uplink).toBe('10 MACs learned on it');
    expect(r.notes).toEqual(['02:00:00:00:00:03 is seen on uplinks only: the switch it is plugged into is not monitored (or has no forwarding table)']);
  });

  it('an access point as neighbour does not make its port an uplink: the AP is on Gi1/0/5', () => {
    const { deps } = site();
    expect(whereis('a4:00:00:00:00:01', deps).best?.port.name).toBe('Gi1/0/5');
  });

  it('unknown MAC or IP: empty answers with a note; neither MAC nor IP: a validation error', () => {
    const { deps } = site();
    expect(whereis('10.9.9.9', deps)).toMatchObject({ mac: null, best: null, candidates: [], notes: ['no ARP table of a monitored router has 10.9.9.9'] });
    expect(whereis('00:00:00:00:00:42', deps).notes).toEqual(['no forwarding table of a monitored switch has 00:00:00:00:00:42']);
    expect(() => whereis('printer', deps)).toThrow(/neither a MAC address/);
  });

  it('the Catalyst 2960-X recording: an access point\'s MAC is on Gi1/0/3 (its CDP neighbour is that AP); a MAC behind Po1 is on an uplink', async () => {
    let served: ServedRecording | undefined;
    try {
      served = await serveRecording('cisco-2960x');
      const s = await readL2Snapshot(served.walker, { address: '198.18.9.1' });
      const db = databaseWithDevices({ [CORE]: 'acme-fr-s-010' });
      const store = createL2Store(db);
      store.save(CORE, s);
      const deps = { store, deviceName: () => 'acme-fr-s-010' };
      expect(whereis('64:f6:9d:b1:e4:4c', deps).best).toMatchObject({ port: { name: 'Gi1/0/3', bridgePort: 3 }, uplink: null, macsOnPort: 1 });
      const behind = s.fdb.find((f) => f.port.name === 'Po1')?.mac as string;
      expect(whereis(behind, deps)).toMatchObject({ best: null, candidates: [{ port: { name: 'Po1' }, uplink: '24 MACs learned on it' }] });
    } finally {
      await served?.close();
    }
  });
});
