/**
 * Discovery end to end against the lab: a /24 with real snmpd agents posing as a Cisco router, a
 * Cisco switch, a Linux server, a Windows server and an HP printer, a host that answers ping but
 * not SNMP, one that drops ICMP but has an open TCP port, an SNMPv3-only host, and the rest of the
 * range empty. The probe side is the root namespace, so the engine runs in-process.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import type { DiscoveryHost, DiscoveryJob } from '../../main/api/discovery.ts';
import { testEngine } from '../support/engine.ts';
import { createLogger } from '../../main/lib/logger.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { DISCOVERY_HOSTS, startListeners, waitForEvent } from './discovery-support.ts';

describeLab('discovery: sweep, classify, add to monitoring', () => {
  let lab: Lab;
  let listeners: ChildProcess | undefined;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let credentialIds: string[];
  let job: DiscoveryJob;
  let results: Map<string, DiscoveryHost>;
  const hostEvents: string[] = [];
  const progress: number[] = [];

  beforeAll(async () => {
    lab = await createLab({ name: 'disc-sweep', probe: 'root', hosts: DISCOVERY_HOSTS });
    listeners = await startListeners(lab, [`${lab.hosts.tcponly}:22`]);
    await lab.blockIcmp('tcponly');
    engine = await testEngine({ icmp: { method: 'raw', ratePerSec: 5000 }, logger: createLogger({ level: 'error' }) });
    const v2 = await unwrap(engine.api.call('credentials.create', { name: 'lab public', version: '2c', community: 'public' }));
    const v3 = await unwrap(
      engine.api.call('credentials.create', { name: 'lab v3', version: '3', username: 'wardadmin', securityLevel: 'authPriv', authProtocol: 'sha', authKey: 'auth-secret-1', privProtocol: 'aes', privKey: 'priv-secret-1' }),
    );
    credentialIds = [v2.id, v3.id];
    engine.events.subscribe((e) => {
      if (e.name === 'discovery.host') hostEvents.push(e.payload.host.address);
      if (e.name === 'discovery.progress') progress.push(e.payload.done);
    });
    const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' ? e.payload.job : undefined), 60_000, 'discovery.finished');
    const started = await unwrap(engine.api.call('discovery.start', { targets: [lab.prefix], credentialIds, ratePps: 2000, timeoutMs: 500, retries: 1 }));
    expect(started.status).toBe('running');
    job = await finished;
    const page = await unwrap(engine.api.call('discovery.get', { jobId: job.id, limit: 1000 }));
    results = new Map(page.results.map((h) => [h.address, h]));
  }, 120_000);

  afterAll(async () => {
    listeners?.kill('SIGTERM');
    await engine?.close();
    await lab?.destroy();
  });

  it('finds every live host and nothing else', () => {
    expect(job).toMatchObject({ status: 'finished', total: 254, done: 254 });
    const expected = [lab.probeAddress, ...Object.values(lab.hosts)].sort();
    expect([...results.keys()].sort()).toEqual(expected);
    expect(job.alive).toBe(expected.length);
    // On-link, ARP is the truth: the 245 empty addresses got no ARP answer, so no TCP probe
    // (8 ports x 2 attempts each would be over 3,900 packets).
    expect(job.packets).toBeLessThan(1200);
    expect(hostEvents.length).toBeGreaterThanOrEqual(expected.length);
    expect(progress.at(-1)).toBe(254);
  });

  it('classifies each host and records how it was found', () => {
    const h = (name: string) => results.get(lab.hosts[name]!)!;
    expect(h('router')).toMatchObject({ type: 'router', vendor: 'Cisco', model: 'Cisco 3925', os: 'IOS', sysName: 'core-rtr1', name: 'core-rtr1', sysServices: 6, sysLocation: 'Server room', sysContact: 'noc@example.net', templateId: 'cisco-ios', credentialId: credentialIds[0], snmpVersion: '2c' });
    expect(h('router').foundBy).toEqual(expect.arrayContaining(['icmp', 'snmp']));
    expect(h('router').sysUpTimeSec).toBeGreaterThanOrEqual(0);
    expect(h('router').reasons.join('\n')).toMatch(/sysObjectID 1\.3\.6\.1\.4\.1\.9\.x → Cisco/);
    expect(h('switch')).toMatchObject({ type: 'switch', vendor: 'Cisco', model: 'Catalyst WS-C2960-24TT-L', templateId: 'cisco-ios' });
    expect(h('linux')).toMatchObject({ type: 'server', os: 'Linux', sysName: 'web01', templateId: 'linux-net-snmp' });
    expect(h('windows')).toMatchObject({ type: 'server', vendor: 'Microsoft', os: 'Windows', templateId: 'windows' });
    expect(h('printer')).toMatchObject({ type: 'printer', vendor: 'HP', os: 'JetDirect', templateId: 'printer' });
    expect(h('v3only')).toMatchObject({ type: 'server', sysName: 'nas01', snmpVersion: '3', credentialId: credentialIds[1] });
    expect(h('pingonly')).toMatchObject({ type: 'unknown', sysDescr: null, snmpVersion: null, templateId: null });
    expect(h('pingonly').foundBy).toContain('icmp');
    expect(h('tcponly').foundBy).toEqual(expect.arrayContaining(['tcp']));
    expect(h('tcponly').foundBy).not.toContain('icmp');
    expect(h('tcponly').openPorts).toEqual([22]);
    // On-link: the neighbour table gave the MAC (the lab veth's).
    expect(h('router').mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    // The six SNMP hosts, plus the TCP-only one on its open ssh port (weak evidence).
    expect(h('tcponly').type).not.toBe('unknown');
    expect(h('tcponly').confidence).toBeLessThan(0.5);
    expect(job.classified).toBe(7);
  });

  it('adds selected hosts to monitoring with the credential that worked and the picked template', async () => {
    const addresses = ['router', 'printer', 'v3only', 'pingonly'].map((n) => lab.hosts[n]!);
    const out = await unwrap(engine.api.call('discovery.addToMonitoring', { jobId: job.id, addresses }));
    expect(out.created).toBe(4);
    const byAddr = new Map(out.results.map((r) => [r.address, r]));
    expect(byAddr.get(lab.hosts.router!)).toMatchObject({ outcome: 'created', name: 'core-rtr1', templateId: 'cisco-ios', credentialId: credentialIds[0] });
    expect(byAddr.get(lab.hosts.printer!)).toMatchObject({ outcome: 'created', templateId: 'printer' });
    expect(byAddr.get(lab.hosts.v3only!)).toMatchObject({ outcome: 'created', templateId: 'linux-net-snmp', credentialId: credentialIds[1] });
    expect(byAddr.get(lab.hosts.pingonly!)).toMatchObject({ outcome: 'created', templateId: null, credentialId: null, name: lab.hosts.pingonly });
    const router = await unwrap(engine.api.call('devices.get', { id: byAddr.get(lab.hosts.router!)!.deviceId! }));
    expect(router).toMatchObject({ address: lab.hosts.router, credentialIds: [credentialIds[0]], enabled: true, type: 'router', vendor: 'Cisco', model: 'Cisco 3925', sysName: 'core-rtr1', location: 'Server room' });
    expect((await unwrap(engine.api.call('devices.list', { type: 'router', vendor: 'cisco' }))).items.map((d) => d.id)).toEqual([router.id]);
    expect(engine.areas.monitoring.items.templatesOf(router.id)).toEqual(['cisco-ios']);
    expect(engine.areas.monitoring.items.ofDevice(router.id).length).toBeGreaterThan(0);
    // Again: deduplicated by address.
    const again = await unwrap(engine.api.call('discovery.addToMonitoring', { jobId: job.id, addresses: [lab.hosts.router!] }));
    expect(again).toMatchObject({ created: 0, results: [{ outcome: 'existing', deviceId: router.id }] });
  });

  it('re-running on the same targets gives a diff against the previous job', async () => {
    await lab.hostDown('pingonly');
    const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' ? e.payload.job : undefined), 60_000, 'discovery.finished');
    await unwrap(engine.api.call('discovery.start', { targets: [lab.prefix], credentialIds, ratePps: 2000, timeoutMs: 500, retries: 1, reverseDns: false }));
    const second = await finished;
    await lab.hostUp('pingonly');
    const diff = await unwrap(engine.api.call('discovery.diff', { jobId: second.id }));
    expect(diff.previousJobId).toBe(job.id);
    expect(diff.gone.map((h) => h.address)).toEqual([lab.hosts.pingonly]);
    expect(diff.new).toEqual([]);
    // The re-scan knows the hosts added to monitoring.
    const again = await unwrap(engine.api.call('discovery.get', { jobId: second.id, search: 'core-rtr1' }));
    expect(again.results[0]?.deviceId).not.toBeNull();
    const list = await unwrap(engine.api.call('discovery.list', {}));
    expect(list.items.map((j) => j.id)).toEqual([second.id, job.id]);
  }, 90_000);

  it('exports results as CSV and JSON', async () => {
    const csv = await unwrap(engine.api.call('discovery.export', { jobId: job.id, format: 'csv' }));
    const lines = csv.content.trim().split('\r\n');
    expect(lines[0]).toMatch(/^address,name,type,vendor,model,/);
    expect(lines.length).toBe(1 + results.size);
    expect(csv.content).toContain(`${lab.hosts.router},core-rtr1,router,Cisco,Cisco 3925`);
    const json = await unwrap(engine.api.call('discovery.export', { jobId: job.id, format: 'json' }));
    const parsed = JSON.parse(json.content) as { job: DiscoveryJob; results: DiscoveryHost[] };
    expect(parsed.job.id).toBe(job.id);
    expect(parsed.results.length).toBe(results.size);
    expect(json.content).not.toContain('priv-secret-1');
  });
});
