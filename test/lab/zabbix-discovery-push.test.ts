/**
 * From a discovery sweep to Zabbix hosts, end to end: real snmpd agents in a lab namespace are
 * found and classified, added to monitoring, pushed to a real Zabbix 6.0 as SNMP hosts (group,
 * template, site tag, the community that worked), read back through the Zabbix API; pushing them
 * all again creates no duplicate.
 *
 * Safety: the lab's addresses are in 198.18.0.0/15 and exist only in this test's namespaces. The
 * Zabbix server under test sends from SourceIP=127.0.0.1, which the kernel never routes to a
 * non-loopback address, so its SNMP pollers cannot send a packet anywhere; the hosts are deleted
 * in afterAll anyway, before the lab goes away.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createLogger } from '../../main/lib/logger.ts';
import { createZabbixClient, type ZabbixClient } from '../../main/zabbix/api/client.ts';
import { getHosts } from '../../main/zabbix/api/reads.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { DISCOVERY_HOSTS, waitForEvent } from './discovery-support.ts';
import { ensureZabbixLab } from './zabbix-server.ts';

const HOSTS = DISCOVERY_HOSTS.filter((h) => ['router', 'switch', 'linux'].includes(h.name));

describeLab('zabbix: discovery results pushed as hosts', () => {
  let lab: Lab;
  let admin: ZabbixClient;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  const run = `wfd${Date.now().toString(36)}`;
  const pushedHostIds: string[] = [];

  beforeAll(async () => {
    const zabbix = await ensureZabbixLab();
    admin = createZabbixClient({ url: zabbix.url, auth: { kind: 'password', ...zabbix.admin } });
    await admin.authenticate();
    lab = await createLab({ name: 'zbx-disc', probe: 'root', hosts: HOSTS });
    engine = await testEngine({ icmp: { method: 'raw', ratePerSec: 5000 }, logger: createLogger({ level: 'error' }) });
    await unwrap(engine.api.call('zabbix.setConfig', { url: zabbix.url, authMethod: 'password', username: zabbix.admin.username, password: zabbix.admin.password }));
  }, 240_000);

  afterAll(async () => {
    if (pushedHostIds.length) await admin.call('host.delete', pushedHostIds).catch(() => undefined);
    await admin?.close();
    await engine?.close();
    await lab?.destroy();
  });

  it('sweeps, adds to monitoring, pushes; the hosts in Zabbix carry the discovered address, SNMP access, group, template and site', async () => {
    await unwrap(engine.api.call('settings.set', { siteName: `${run} site` }));
    const cred = await unwrap(engine.api.call('credentials.create', { name: `${run} public`, version: '2c', community: 'public' }));
    const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' ? e.payload.job : undefined), 60_000, 'discovery.finished');
    const job = await unwrap(engine.api.call('discovery.start', { targets: [lab.prefix], credentialIds: [cred.id], ratePps: 2000, timeoutMs: 500, retries: 1, reverseDns: false }));
    expect((await finished).status).toBe('finished');

    const addresses = HOSTS.map((h) => lab.hosts[h.name]!);
    const added = await unwrap(engine.api.call('discovery.addToMonitoring', { jobId: job.id, addresses }));
    expect(added.created).toBe(3);
    const deviceIds = added.results.map((r) => r.deviceId!);
    // Discovered names are the agents' sysNames; make them unique to this run in Zabbix.
    for (const r of added.results) await unwrap(engine.api.call('devices.update', { id: r.deviceId!, name: `${run}-${r.name}` }));

    expect(await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds }))).toEqual({ queued: 3 });
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: 'zabbix.push' }).map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered']);

    const names = ['core-rtr1', 'access-sw1', 'web01'].map((n) => `${run}-${n}`);
    const hosts = await getHosts(admin, { names });
    pushedHostIds.push(...hosts.map((h) => h.hostId));
    expect(hosts.map((h) => h.host).sort()).toEqual([...names].sort());
    for (const spec of HOSTS) {
      const address = lab.hosts[spec.name]!;
      const host = hosts.find((h) => h.interfaces.some((i) => i.ip === address));
      expect(host, `a Zabbix host with the address of ${spec.name} (${address})`).toBeDefined();
      expect(host!.interfaces).toEqual([expect.objectContaining({ type: 2, ip: address, port: '161', useIp: true, main: true })]);
      expect(host!.groups.map((g) => g.name)).toContain('WARD FLUX');
      expect(host!.templates).toContain('Generic by SNMP');
      expect(host!.tags).toEqual(expect.arrayContaining([{ tag: 'site', value: `${run} site` }, { tag: 'managed-by', value: 'wardflux' }]));
    }
    const [details] = await admin.call<{ interfaces: { details: Record<string, string> }[] }[]>('host.get', {
      hostids: [hosts[0]!.hostId],
      selectInterfaces: ['details'],
      output: ['hostid'],
    });
    expect(details!.interfaces[0]!.details).toMatchObject({ version: '2', community: 'public' });

    // Everything again: the same three hosts, no duplicate.
    await unwrap(engine.api.call('zabbix.pushDevices', { deviceIds }));
    await engine.areas.outbox.runDue();
    const again = await admin.call<{ hostid: string }[]>('host.get', { search: { host: run }, output: ['hostid'] });
    expect(again.map((h) => h.hostid).sort()).toEqual([...pushedHostIds].sort());
  }, 120_000);
});
