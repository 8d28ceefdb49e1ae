/**
 * Forwarding tables and VLANs of real switches (a Linux bridge cannot serve BRIDGE-MIB through
 * Net-SNMP): snmpsim serves recordings from LibreNMS's tests (test/fixtures/l2/, provenance in
 * each header) on lab addresses. `wardflux fdb` / `vlans` / `arp` read them as a technician would,
 * and an engine with both switches monitored answers l2.refresh and "where is it plugged in".
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import type { DiscoveryJob } from '../../main/api/discovery.ts';
import { createLogger } from '../../main/lib/logger.ts';
import { L2_FIXTURES } from '../../main/l2/testing/recording.ts';
import { testEngine } from '../support/engine.ts';
import { runCliInProcess } from '../support/run-cli.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { waitForEvent } from './discovery-support.ts';
import { startSnmpsim, type SnmpsimAgent } from './snmpsim-agent.ts';

describeLab('L2: forwarding tables and VLANs of recorded real switches served by snmpsim', () => {
  let lab: Lab;
  const agents: SnmpsimAgent[] = [];

  beforeAll(async () => {
    lab = await createLab({ name: 'l2-rec', probe: 'root', hosts: [{ name: 'arista', octet: 20 }, { name: 'catalyst', octet: 21 }, { name: 'dlink', octet: 22 }] });
    agents.push(await startSnmpsim(lab.labNamespace, lab.hosts.arista!, join(L2_FIXTURES, 'arista-eos.snmprec')));
    agents.push(await startSnmpsim(lab.labNamespace, lab.hosts.catalyst!, join(L2_FIXTURES, 'cisco-2960x.snmprec')));
    agents.push(await startSnmpsim(lab.labNamespace, lab.hosts.dlink!, join(L2_FIXTURES, 'dlink-dgs-3627g.snmprec')));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await lab?.destroy();
  });

  it('wardflux fdb: the Arista\'s Q-BRIDGE table, VLAN 10 only, one MAC a line on its port by name', async () => {
    const r = await runCliInProcess(['fdb', '-r', '1', '-t', '2', '--vlan', '10', lab.hosts.arista!]);
    expect(r.code, r.err).toBe(0);
    const rows = r.out.trim().split('\n').slice(1);
    expect(rows).toHaveLength(36);
    expect(rows[0]).toMatch(/^00:01:5c:3b:ee:01\s+10\s+Ethernet48\s+learned\s+/);
  });

  it('wardflux vlans: the Catalyst\'s VTP VLANs; wardflux fdb: its bridge table (the per-VLAN communities are not in the recording: noted, the default instance read)', async () => {
    const v = await runCliInProcess(['vlans', '-r', '0', '-t', '1', lab.hosts.catalyst!]);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toMatch(/^99\s+VLAN0099\s+operational/m);
    const f = await runCliInProcess(['fdb', '-r', '0', '-t', '1', lab.hosts.catalyst!]);
    expect(f.code, f.err).toBe(0);
    expect(f.out.trim().split('\n')).toHaveLength(30);
    expect(f.out).toMatch(/^64:f6:9d:b1:e4:4c\s+-\s+Gi1\/0\/3\s+learned/m);
    expect(f.err).toMatch(/note: dot1dTpFdbTable: VLAN 1: .*the per-VLAN forwarding tables were not read/);
  });

  it('wardflux arp: the D-Link\'s ipNetToMediaTable, 141 entries', async () => {
    const r = await runCliInProcess(['arp', '-r', '1', '-t', '2', '--json', lab.hosts.dlink!]);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { arp: unknown[] }).arp).toHaveLength(141);
  });

  it('monitored: l2.refresh stores each switch\'s snapshot; whereis finds an access point on its Catalyst edge port, and a MAC seen only behind the Arista\'s core uplink has no edge port', async () => {
    const engine = await testEngine({ pollers: false, logger: createLogger({ level: 'error' }) });
    try {
      const cred = await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
      for (const [name, address] of [['arista-1', lab.hosts.arista!], ['catalyst-1', lab.hosts.catalyst!]] as const) {
        const d = await unwrap(engine.api.call('devices.create', { name, address, credentialIds: [cred.id] }));
        const read = await unwrap(engine.api.call('l2.refresh', { deviceId: d.id }));
        expect(read.snapshot.fdb.length, name).toBeGreaterThan(20);
      }
      const ap = await unwrap(engine.api.call('l2.whereis', { query: '64:f6:9d:b1:e4:4c' }));
      expect(ap.best).toMatchObject({ deviceName: 'catalyst-1', port: { name: 'Gi1/0/3' }, uplink: null });
      const behindCore = await unwrap(engine.api.call('l2.whereis', { query: '00:01:5c:3b:ee:01' }));
      expect(behindCore.best).toBeNull();
      expect(behindCore.candidates[0]).toMatchObject({ deviceName: 'arista-1', port: { name: 'Ethernet48' }, uplink: expect.stringMatching(/^LLDP neighbour 4900M-CORE\.example\.net/) });
      const neighbours = await unwrap(engine.api.call('l2.neighbors', {}));
      expect(neighbours.map((n) => [n.deviceName, n.rows.length])).toEqual(expect.arrayContaining([['arista-1', 6], ['catalyst-1', 7]]));
    } finally {
      await engine.close();
    }
  });

  it('discovery reads the switches it finds (paced, bounded) and add to monitoring gives the new device the scan\'s snapshot', async () => {
    const engine = await testEngine({ pollers: false, icmp: { method: 'raw', ratePerSec: 5000 }, logger: createLogger({ level: 'error' }) });
    try {
      const cred = await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
      const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' ? e.payload.job : undefined), 120_000, 'discovery.finished');
      await unwrap(engine.api.call('discovery.start', { targets: [lab.prefix], credentialIds: [cred.id], timeoutMs: 1000, reverseDns: false }));
      const job: DiscoveryJob = await finished;
      const scans = await unwrap(engine.api.call('l2.scanSnapshots', { jobId: job.id }));
      const by = new Map(scans.map((x) => [x.address, x.snapshot]));
      expect(by.get(lab.hosts.arista!)?.fdb).toHaveLength(138);
      expect(by.get(lab.hosts.catalyst!)?.neighbors).toHaveLength(7);
      expect(by.get(lab.hosts.dlink!)?.arp).toHaveLength(141);
      for (const s of by.values()) expect(s.stats.requests).toBeLessThanOrEqual(400);
      const added = await unwrap(engine.api.call('discovery.addToMonitoring', { jobId: job.id, addresses: [lab.hosts.arista!] }));
      const deviceId = added.results[0]!.deviceId!;
      const [n] = await unwrap(engine.api.call('l2.neighbors', { deviceId }));
      expect(n?.rows.map((r) => r.sysName)).toContain('4900M-CORE.example.net');
    } finally {
      await engine.close();
    }
  }, 180_000);
});
