import { afterEach, describe, expect, it } from 'vitest';
import { readL2Snapshot } from './read-l2.ts';
import { lldpCapabilities, lldpIdText } from './lldp-reader.ts';
import { serveRecording, type ServedRecording } from './testing/recording.ts';

let served: ServedRecording | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function neighborsOf(name: string, edit?: (lines: string[]) => string[]) {
  served = await serveRecording(name, edit ? { edit } : {});
  return readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['neighbors'] });
}

describe('LLDP-MIB reader (recordings of real switches)', () => {
  it('Arista EOS: the Cisco neighbours on Ethernet47/48 with their ports, capabilities and IPv4/IPv6 management addresses', async () => {
    const s = await neighborsOf('arista-eos');
    expect(s.neighbors).toHaveLength(6);
    const core = s.neighbors.find((n) => n.localPort.name === 'Ethernet48');
    expect(core).toMatchObject({
      protocol: 'lldp',
      localPort: { ifIndex: 48, name: 'Ethernet48' },
      chassisId: 'c4:7d:4f:c4:46:c0',
      chassisIdSubtype: 'mac',
      sysName: '4900M-CORE.example.net',
      portId: 'Te1/3',
      portIdSubtype: 'interfaceName',
      portDescr: 'TenGigabitEthernet1/3',
      managementAddresses: ['84.232.18.1', '2a04:41c0::1'],
    });
    // Captured as snmpwalk's hex text ("28 00"): bridge and router.
    expect(core?.capabilities).toEqual(['bridge', 'router']);
    expect(s.neighbors.find((n) => n.localPort.name === 'Ethernet47')?.managementAddresses).toEqual(['172.20.21.194']);
  });

  it('Arista EOS: servers whose LLDP gives only a MAC are kept, each noted as having no management address', async () => {
    const s = await neighborsOf('arista-eos');
    const host = s.neighbors.find((n) => n.localPort.name === 'Ethernet1');
    expect(host).toMatchObject({ chassisId: '00:1b:21:bb:e6:f0', portId: '00:1b:21:bb:e6:f0', sysName: null, capabilities: [], managementAddresses: [] });
    const noted = s.notes.filter((n) => n.code === 'neighbor-without-address').map((n) => n.message);
    expect(noted).toHaveLength(4);
    expect(noted[0]).toContain('on Ethernet1');
  });

  it('D-Link DGS-3627G: 17 switch neighbours on ports named 1/n, local port ids resolved to interfaces', async () => {
    const s = await neighborsOf('dlink-dgs-3627g');
    expect(s.neighbors).toHaveLength(17);
    expect(s.neighbors[0]).toMatchObject({ localPort: { ifIndex: 1, name: '1/1' }, sysName: 'PCM F10A SW 121.136', portId: '00:22:b0:b5:5c:e9', portDescr: 'D-Link DES-3528 R3.00.012 Port 25 on Unit 1', capabilities: ['repeater', 'bridge'], managementAddresses: ['143.160.121.136'] });
    expect(s.neighbors.find((n) => n.localPort.name === '1/2')).toMatchObject({ portId: '1/25', portIdSubtype: 'local', managementAddresses: [] });
  });

  it('a management address row without its length arc, and one that is no address at all: the first is read, the second noted', async () => {
    const s = await neighborsOf('arista-eos', (lines) => [
      ...lines.filter((l) => !l.startsWith('1.0.8802.1.1.2.1.4.2.1.')),
      '1.0.8802.1.1.2.1.4.2.1.3.0.47.2.1.10.1.2.3|2|2',
      '1.0.8802.1.1.2.1.4.2.1.3.0.48.1.9.9|2|2',
    ]);
    expect(s.neighbors.find((n) => n.localPort.name === 'Ethernet47')?.managementAddresses).toEqual(['10.1.2.3']);
    expect(s.notes).toContainEqual(expect.objectContaining({ code: 'bad-row', table: 'lldpRemManAddrTable' }));
  });

  it('a local port number that is neither a known port nor an ifIndex (no lldpLocPortTable row) is "port <n>" with no ifIndex', async () => {
    const s = await neighborsOf('arista-eos', (lines) => lines.map((l) => l.replace(/^(1\.0\.8802\.1\.1\.2\.1\.4\.1\.1\.\d+\.0\.)48\.1\|/, '$1900.1|')));
    const moved = s.neighbors.find((n) => n.sysName === '4900M-CORE.example.net');
    expect(moved?.localPort).toEqual({ ifIndex: null, name: 'port 900', bridgePort: null });
  });
});

describe('LLDP value decoding', () => {
  it('ids by subtype: MAC, network address (IANA family first), text', () => {
    expect(lldpIdText('mac', Buffer.from('001b21bbe6f0', 'hex'))).toBe('00:1b:21:bb:e6:f0');
    expect(lldpIdText('networkAddress', Buffer.from([1, 198, 18, 0, 1]))).toBe('198.18.0.1');
    expect(lldpIdText('interfaceName', Buffer.from('Gi1/0/1'))).toBe('Gi1/0/1');
    expect(lldpIdText('local', Buffer.alloc(0))).toBeNull();
  });

  it('capabilities: bit 0 is the first octet\'s high bit', () => {
    expect(lldpCapabilities(Buffer.from([0x28, 0x00]))).toEqual(['bridge', 'router']);
    expect(lldpCapabilities(Buffer.from([0x01, 0x00]))).toEqual(['station']);
    expect(lldpCapabilities(null)).toEqual([]);
  });
});
