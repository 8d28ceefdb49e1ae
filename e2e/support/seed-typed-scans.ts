import type { DeviceType, DiscoveryHost, DiscoveryJob } from '../../main/api/discovery.ts';
import { createDiscoveryStore } from '../../main/discovery/jobs/discovery-store.ts';
import { targetKey } from '../../main/discovery/jobs/discovery-service.ts';
import { createEngine } from '../../main/engine.ts';
import { openDatabase } from '../../main/store/database.ts';
import { discoveryHost } from '../../test/support/discovery-host.ts';

export interface TypedHost {
  address: string;
  name: string;
  type: DeviceType;
  vendor: string;
  model: string;
}

/** A small site with one device of each of the newer types (and a router, scanned twice). */
export const TYPED_HOSTS: readonly TypedHost[] = [
  { address: '198.18.7.1', name: 'core-rtr', type: 'router', vendor: 'Cisco', model: 'ISR4331' },
  { address: '198.18.7.20', name: 'rack-a-pdu', type: 'pdu', vendor: 'Raritan', model: 'PX3-5190R' },
  { address: '198.18.7.21', name: 'rack-b-pdu', type: 'pdu', vendor: 'APC', model: 'AP8941' },
  { address: '198.18.7.30', name: 'room-env', type: 'sensor', vendor: 'AKCP', model: 'sensorProbe8' },
  { address: '198.18.7.40', name: 'web-lb', type: 'load-balancer', vendor: 'F5', model: 'BIG-IP i2800' },
  { address: '198.18.7.50', name: 'lobby-ata', type: 'voip-gateway', vendor: 'Grandstream', model: 'HT812' },
  { address: '198.18.7.60', name: 'backup-nas', type: 'nas', vendor: 'Synology', model: 'DS920+' },
  { address: '198.18.7.70', name: 'srv1-idrac', type: 'appliance', vendor: 'Dell', model: 'iDRAC9' },
];

export const TYPED_TARGET = '198.18.7.0/24';

const OPTIONS: DiscoveryJob['options'] = {
  targets: [TYPED_TARGET],
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

const asHost = (h: TypedHost, updatedAt: number): DiscoveryHost =>
  discoveryHost({
    address: h.address,
    name: h.name,
    sysName: h.name,
    type: h.type,
    vendor: h.vendor,
    model: h.model,
    // No template of its own: the generic MIB-II one is applied when added.
    sysDescr: `${h.vendor} ${h.model}`,
    sysObjectID: null,
    os: null,
    osVersion: null,
    updatedAt,
  });

/**
 * Two finished scans of TYPED_TARGET written straight into the data dir's database (no lab: the
 * results are what the job runner would have stored), the first with only the router, the
 * second with every TYPED_HOSTS entry; then every host of the second scan is added to monitoring
 * through the contract, as the Discovery page's button does, so the devices carry their types.
 */
export async function seedTypedScans(dataDir: string, now = Date.now()): Promise<{ jobIds: [string, string] }> {
  const { db } = openDatabase(dataDir);
  const jobIds: [string, string] = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
  try {
    const store = createDiscoveryStore(db);
    const key = targetKey(OPTIONS.targets, OPTIONS.exclusions);
    for (const [i, id] of jobIds.entries()) {
      const at = now - (2 - i) * 3600_000;
      const hosts = (i === 0 ? TYPED_HOSTS.slice(0, 1) : TYPED_HOSTS).map((h) => asHost(h, at));
      store.create({ id, options: OPTIONS, targetKey: key, adHocCredentials: 0, owner: 'e2e-seed', now: at, total: 254 });
      store.flush(id, { phase: 'done', total: 254, done: 254, alive: hosts.length, classified: hosts.length, packets: 600 }, hosts, at);
      store.finish(id, 'finished', 'done', null, at + 60_000);
    }
  } finally {
    db.close();
  }
  const engine = await createEngine({ dataDir });
  try {
    const r = await engine.api.call('discovery.addToMonitoring', { jobId: jobIds[1], addresses: TYPED_HOSTS.map((h) => h.address) });
    if (!r.ok) throw new Error(`adding the seeded hosts: ${r.error.message}`);
    const bad = r.data.results.filter((x) => x.outcome !== 'created');
    if (bad.length) throw new Error(`seeded hosts not added: ${JSON.stringify(bad)}`);
  } finally {
    await engine.stop();
  }
  return { jobIds };
}
