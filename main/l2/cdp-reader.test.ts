import { afterEach, describe, expect, it } from 'vitest';
import { cdpCapabilities, cdpSysName } from './cdp-reader.ts';
import { readL2Snapshot } from './read-l2.ts';
import { serveRecording, type ServedRecording } from './testing/recording.ts';

let served: ServedRecording | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe('CISCO-CDP-MIB reader (Catalyst 2960-X recording)', () => {
  it('seven neighbours: access points on Gi1/0/3-5 and Gi3/0/3-4, the core switch on the uplinks of both stack members, with platform, port, address and native VLAN', async () => {
    served = await serveRecording('cisco-2960x');
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['neighbors'] });
    expect(s.neighbors.map((n) => `${n.localPort.name} ${n.sysName} ${n.portId}`)).toEqual([
      'Gi1/0/3 acme-fr-ap-011 GigabitEthernet0',
      'Gi1/0/4 acme-fr-ap-013 GigabitEthernet0',
      'Gi1/0/5 acme-fr-ap-015 GigabitEthernet0',
      'Gi1/0/52 acme-fr-s-001 GigabitEthernet1/0/3',
      'Gi3/0/3 acme-fr-ap-012 GigabitEthernet0',
      'Gi3/0/4 acme-fr-ap-014 GigabitEthernet0',
      'Gi3/0/52 acme-fr-s-001 GigabitEthernet3/0/2',
    ]);
    const ap = s.neighbors[0];
    expect(ap).toMatchObject({ protocol: 'cdp', localPort: { ifIndex: 10103 }, sysDescr: 'cisco AIR-AP2702I-UXK9', managementAddresses: ['172.27.49.84'], capabilities: ['bridge', 'sourceRouteBridge', 'igmp'] });
    expect(ap?.version).toBe('Cisco IOS Software, C2700 Software (AP3G2-K9W8-M), Version 15.3(3)JC14, RELEASE SOFTWARE (fc1)');
    expect(s.neighbors[3]).toMatchObject({ managementAddresses: ['10.54.64.5'], capabilities: ['router', 'bridge', 'igmp'], nativeVlan: 1 });
  });

  it('a cache row without an address, and one with a broken index: kept with a note, skipped with a note', async () => {
    served = await serveRecording('cisco-2960x', {
      edit: (lines) => [...lines.filter((l) => !l.startsWith('1.3.6.1.4.1.9.9.23.1.2.1.1.4.10103.1|')), '1.3.6.1.4.1.9.9.23.1.2.1.1.6.77|4|orphan'],
    });
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['neighbors'] });
    expect(s.neighbors.find((n) => n.sysName === 'acme-fr-ap-011')?.managementAddresses).toEqual([]);
    expect(s.notes).toContainEqual({ code: 'neighbor-without-address', table: 'cdpCacheTable', message: 'CDP neighbour acme-fr-ap-011 on Gi1/0/3 has no management address' });
    expect(s.notes).toContainEqual(expect.objectContaining({ code: 'bad-row', table: 'cdpCacheTable' }));
    expect(s.neighbors).toHaveLength(7);
  });
});

describe('CDP decoding', () => {
  it('capabilities from the 4-octet mask', () => {
    expect(cdpCapabilities(Buffer.from('00000029', 'hex'))).toEqual(['router', 'bridge', 'igmp']);
    expect(cdpCapabilities(Buffer.from('00000090', 'hex'))).toEqual(['host', 'telephone']);
  });
  it('a device id with a serial in parentheses names the device without it', () => {
    expect(cdpSysName('sw1.example.com(FOC1234X0AB)')).toBe('sw1.example.com');
    expect(cdpSysName('SEP001122334455')).toBe('SEP001122334455');
  });
});
