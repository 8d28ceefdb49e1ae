/**
 * `wardflux neighbors|fdb|arp|vlans` against recordings of real switches served by the fake agent
 * on 127.0.0.1, and `wardflux whereis` over snapshots stored in a data directory. In process.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/support/run-cli.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { createEngine } from '../engine.ts';
import { L2_FIXTURES } from '../l2/testing/recording.ts';
import { snapshot, fdb, neighbor } from '../l2/testing/snapshots.ts';
import { startFakeAgent, type FakeAgent } from '../snmp/testing/fake-agent.ts';
import { loadSnmprecFile } from '../snmp/testing/snmprec-text.ts';
import { vlanRanges } from './l2-command.ts';

const agents: FakeAgent[] = [];
const serve = async (name: string) => {
  const a = await startFakeAgent(loadSnmprecFile(path.join(L2_FIXTURES, `${name}.snmprec`)));
  agents.push(a);
  return `127.0.0.1:${a.port}`;
};
afterAll(async () => {
  for (const a of agents) await a.close();
});

const FLAGS = ['-r', '0', '-t', '0.3'];

describe('wardflux neighbors / fdb / arp / vlans (a switch read now)', () => {
  let cisco = '';
  let arista = '';
  beforeAll(async () => {
    cisco = await serve('cisco-2960x');
    arista = await serve('arista-eos');
  });

  it('neighbors: one line per neighbour, local port by name, CDP platform and address', async () => {
    const r = await runCliInProcess(['neighbors', ...FLAGS, cisco]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^LOCAL PORT\s+PROTO\s+NEIGHBOR\s+REMOTE PORT\s+ADDRESS\s+CAPABILITIES\s+PLATFORM$/);
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatch(/^Gi1\/0\/3\s+cdp\s+acme-fr-ap-011\s+GigabitEthernet0\s+172\.27\.49\.84\s+bridge,sourceRouteBridge,igmp\s+cisco AIR-AP2702I-UXK9$/);
  });

  it('neighbors --json: rows and notes; an LLDP neighbour without a management address is a note on stderr in text mode', async () => {
    const j = await runCliInProcess(['neighbors', ...FLAGS, '--json', arista]);
    const body = JSON.parse(j.out) as { neighbors: { localPort: { name: string }; sysName: string | null; managementAddresses: string[] }[]; notes: { code: string }[] };
    expect(body.neighbors.find((n) => n.localPort.name === 'Ethernet48')).toMatchObject({ sysName: '4900M-CORE.example.net', managementAddresses: ['84.232.18.1', '2a04:41c0::1'] });
    expect(body.notes.filter((n) => n.code === 'neighbor-without-address')).toHaveLength(4);
    const t = await runCliInProcess(['neighbors', ...FLAGS, arista]);
    expect(t.err).toContain('note: lldpRemManAddrTable: LLDP neighbour 00:1b:21:bb:e6:f0 on Ethernet1 has no management address');
  });

  it('fdb --vlan: MACs as aa:bb:cc:dd:ee:ff with VLAN, port name, status and OUI vendor', async () => {
    const r = await runCliInProcess(['fdb', ...FLAGS, '--vlan', '103', arista]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^MAC\s+VLAN\s+PORT\s+STATUS\s+VENDOR$/);
    expect(lines).toHaveLength(10);
    expect(lines.slice(1).every((l) => /^([0-9a-f]{2}:){5}[0-9a-f]{2}\s+103\s+Ethernet\d+\s+learned\s+\S/.test(l))).toBe(true);
    expect((await runCliInProcess(['fdb', '--vlan', '5000', cisco])).code).toBe(2);
  });

  it('arp and vlans: the router table; VLANs with names, untagged ports marked, then per-port PVID and VLAN ranges', async () => {
    const arp = await runCliInProcess(['arp', ...FLAGS, cisco]);
    expect(arp.out.trim().split('\n').slice(1)).toEqual([expect.stringMatching(/^10\.54\.64\.1\s+a2:d7:16:00:00:04\s+Vl99\s+dynamic\s+-$/), expect.stringMatching(/^10\.54\.64\.9\s+/)]);
    const v = await runCliInProcess(['vlans', ...FLAGS, arista]);
    const [vlans, ports] = v.out.trim().split('\n\n');
    expect(vlans?.split('\n')[3]).toMatch(/^10\s+\\Red_Backbone\\\s+active\s+Ethernet46,Ethernet47,Ethernet48$/);
    expect(ports?.split('\n')[0]).toMatch(/^PORT\s+PVID\s+MODE\s+TAGGED\s+UNTAGGED$/);
    expect(ports).toMatch(/\nEthernet48\s+1\s+trunk\s+10-11,13,30-32,103\s+-/);
  });

  it('an agent that does not answer: one message that says what to check, exit 1', async () => {
    const silent = await startFakeAgent(new Map());
    agents.push(silent);
    silent.mode = 'silent';
    const r = await runCliInProcess(['arp', '-r', '0', '-t', '0.1', `127.0.0.1:${silent.port}`]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`wardflux: 127.0.0.1:${silent.port} did not answer (no SNMP response (timeout 100 ms x 1)): check the address, the community, -t and -r`);
    expect(r.out).toBe('');
  });

  it('VLAN ranges', () => {
    expect(vlanRanges([20, 10, 11, 12, 13, 30])).toBe('10-13,20,30');
    expect(vlanRanges([])).toBe('-');
  });
});

describe('wardflux whereis (the monitored switches)', () => {
  beforeEach(() => {
    vi.stubEnv('WARD_ENCRYPTION_KEY', '');
    vi.stubEnv('WARD_POLLERS', 'off');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('MAC or IP → switch, port and VLAN, the edge port chosen over the uplink; JSON with --json; a bad query exits 2', async () => {
    const t = tempDir();
    try {
      const engine = await createEngine({ dataDir: t.dir, pollers: false });
      try {
        const core = await engine.api.call('devices.create', { name: 'core-sw1', address: '198.18.0.1' });
        const access = await engine.api.call('devices.create', { name: 'access-sw2', address: '198.18.0.2' });
        if (!core.ok || !access.ok) throw new Error('devices not created');
        engine.areas.l2.save(core.data.id, snapshot('198.18.0.1', { neighbors: [neighbor('Te1/1', 'access-sw2')], fdb: [fdb('00:1b:21:aa:bb:cc', 'Te1/1', 20)], arp: [{ ip: '10.20.0.12', family: 'ipv4', mac: '00:1b:21:aa:bb:cc', ifIndex: 5, interface: 'Vlan20', type: 'dynamic', source: 'ipNetToMedia' }] }));
        engine.areas.l2.save(access.data.id, snapshot('198.18.0.2', { fdb: [fdb('00:1b:21:aa:bb:cc', 'Gi1/0/12', 20)] }));
      } finally {
        await engine.stop();
      }
      const r = await runCliInProcess(['--data-dir', t.dir, 'whereis', '001b.21aa.bbcc']);
      expect(r.code).toBe(0);
      const lines = r.out.trim().split('\n');
      expect(lines[0]).toBe('00:1b:21:aa:bb:cc (Intel Corporate) 10.20.0.12 is on access-sw2 Gi1/0/12, VLAN 20');
      expect(lines[2]).toMatch(/^access-sw2\s+Gi1\/0\/12\s+20\s+1\s+edge$/);
      expect(lines[3]).toMatch(/^core-sw1\s+Te1\/1\s+20\s+1\s+uplink \(LLDP neighbour access-sw2 ge-0\/0\/1\)$/);
      const j = await runCliInProcess(['--data-dir', t.dir, 'whereis', '10.20.0.12', '--json']);
      expect(JSON.parse(j.out)).toMatchObject({ mac: '00:1b:21:aa:bb:cc', arpFrom: 'core-sw1', best: { deviceName: 'access-sw2' } });
      const bad = await runCliInProcess(['--data-dir', t.dir, 'whereis', 'printer']);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('neither a MAC address');
    } finally {
      t.cleanup();
    }
  });
});
