import type { DiscoveryJob } from '../../main/api/discovery.ts';
import { createDiscoveryStore } from '../../main/discovery/jobs/discovery-store.ts';
import { targetKey } from '../../main/discovery/jobs/discovery-service.ts';
import { createEngine } from '../../main/engine.ts';
import { openDatabase } from '../../main/store/database.ts';
import { discoveryHost } from '../../test/support/discovery-host.ts';
import { until } from '../../test/support/until.ts';

export const UX_TARGET = '198.18.9.0/24';
export const UX_JOB_ID = '00000000-0000-4000-8000-0000000000c1';

/** Three hosts of a finished scan, with their MAC and round trip (what the results table shows). */
export const UX_HOSTS = [
  { address: '198.18.9.1', name: 'edge-rtr', type: 'router' as const, vendor: 'Cisco', model: 'ISR4331', mac: '00:1b:54:aa:01:01', rttMs: 0.84 },
  { address: '198.18.9.10', name: 'core-sw', type: 'switch' as const, vendor: 'Aruba', model: '2930F', mac: '94:18:82:aa:01:10', rttMs: 2.4 },
  { address: '198.18.9.20', name: 'files', type: 'server' as const, vendor: 'Dell', model: 'R740', mac: '14:18:77:aa:01:20', rttMs: 17 },
];

const OPTIONS: DiscoveryJob['options'] = {
  targets: [UX_TARGET],
  exclusions: [],
  methods: ['icmp', 'snmp'],
  credentialIds: [],
  ratePps: 500,
  timeoutMs: 1000,
  retries: 1,
  tcpPorts: [],
  tcpAllHosts: false,
  reverseDns: false,
};

/** One finished scan of UX_TARGET written into the data dir's database (no lab), nothing added to monitoring. */
export function seedUxScan(dataDir: string, at = Date.now() - 600_000): void {
  const { db } = openDatabase(dataDir);
  try {
    const store = createDiscoveryStore(db);
    const hosts = UX_HOSTS.map((h) => discoveryHost({ ...h, sysName: h.name, sysDescr: `${h.vendor} ${h.model}`, macVendor: h.vendor, updatedAt: at }));
    store.create({ id: UX_JOB_ID, options: OPTIONS, targetKey: targetKey(OPTIONS.targets, OPTIONS.exclusions), adHocCredentials: 0, owner: 'e2e-seed', now: at, total: 254 });
    store.flush(UX_JOB_ID, { phase: 'done', total: 254, done: 254, alive: hosts.length, classified: hosts.length, packets: 600 }, hosts, at);
    store.finish(UX_JOB_ID, 'finished', 'done', null, at + 30_000);
  } finally {
    db.close();
  }
}

/**
 * The scan above, its hosts added to monitoring (their notes name the job), and the key numbers of
 * the Devices list: windowed latency and loss and uptime as of now for two of them, and an open
 * alert on the lossy one (the default packet-loss rule, raised by the seeded sample).
 */
export async function seedUxDevices(dataDir: string, now = Date.now()): Promise<Record<string, string>> {
  seedUxScan(dataDir, now - 600_000);
  // Started (without pollers: the addresses are made up) so the alert engine evaluates the samples.
  const engine = await createEngine({ dataDir, pollers: false });
  await engine.start();
  try {
    const r = await engine.api.call('discovery.addToMonitoring', { jobId: UX_JOB_ID, addresses: UX_HOSTS.map((h) => h.address) });
    if (!r.ok) throw new Error(r.error.message);
    const ids = Object.fromEntries(r.data.results.map((x) => [x.name, x.deviceId!]));
    const w = engine.areas.metrics.writer;
    w.writeNamed('ping_rtt_ms_5m', { device: ids['edge-rtr']! }, now - 20_000, 0.84);
    w.writeNamed('ping_loss_pct_5m', { device: ids['edge-rtr']! }, now - 20_000, 0);
    w.writeNamed('uptime_sec', { device: ids['edge-rtr']! }, now - 20_000, 3 * 86_400 + 4 * 3600);
    w.writeNamed('ping_rtt_ms_5m', { device: ids['core-sw']! }, now - 20_000, 42);
    w.writeNamed('ping_loss_pct_5m', { device: ids['core-sw']! }, now - 20_000, 25);
    w.flush();
    await until(async () => {
      const alerts = await engine.api.call('alerts.list', { status: 'active' });
      return alerts.ok && alerts.data.items.some((a) => a.deviceId === ids['core-sw']);
    }, 10_000, 'the seeded loss to raise its alert');
    return ids;
  } finally {
    await engine.stop();
  }
}
