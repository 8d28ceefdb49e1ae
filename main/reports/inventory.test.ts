/**
 * The inventory report from a real store: the devices area's best-known identity, discovery
 * records merged (a later, poorer scan never erases a richer one), ports as counts in the row
 * and a list in their own section, types as words.
 */
import { describe, expect, it } from 'vitest';
import type { DiscoveryJob } from '../api/discovery.ts';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { discoveryHost } from '../../test/support/discovery-host.ts';
import { manualClock } from '../../test/support/manual-clock.ts';
import { recordingDevices } from '../../test/support/recording-devices.ts';
import { tempDatabase } from '../../test/support/temp-database.ts';
import { createDiscoveryStore } from '../discovery/jobs/discovery-store.ts';
import { createChunkWriter } from '../metrics/chunk-writer.ts';
import { createSeriesRegistry } from '../metrics/series-registry.ts';
import { buildInventory } from './builders.ts';
import { collectSnapshot } from './collect.ts';
import { mergeDiscovered } from './inventory-identity.ts';
import { renderHtml } from './render-html.ts';
import { pdfDefinition } from './render-pdf.ts';
import { renderCsv, renderJson } from './render-text.ts';
import type { InventorySnapshot } from './types.ts';

const later = cleanupAfterEach();

type Cells = Array<Array<{ text?: string }>>;
/** Every table body in a pdfmake content tree. */
function tableBodies(node: unknown): Cells[] {
  if (Array.isArray(node)) return node.flatMap(tableBodies);
  if (!node || typeof node !== 'object') return [];
  const o = node as { table?: { body?: Cells }; stack?: unknown };
  return [...(o.table?.body ? [o.table.body] : []), ...tableBodies(o.stack)];
}
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;

const OPTIONS: DiscoveryJob['options'] = {
  targets: ['198.18.0.0/24'],
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

const CATALYST = discoveryHost({
  address: '198.18.0.2',
  name: 'core-sw',
  sysName: 'core-sw',
  type: 'switch',
  vendor: 'Cisco',
  model: 'WS-C2960X-48TS-L',
  os: 'IOS',
  osVersion: '15.2(7)E',
  mac: '00:1b:54:aa:bb:cc',
  macVendor: 'Cisco Systems',
  sysLocation: 'Comms room',
  sysDescr: 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E',
});

/** The same switch rescanned with a wrong community: it answers ping only. */
const CATALYST_NO_SNMP = discoveryHost({
  address: '198.18.0.2',
  name: '198.18.0.2',
  foundBy: ['icmp'],
  sysName: null,
  sysDescr: null,
  sysObjectID: null,
  sysLocation: null,
  snmpVersion: null,
  type: 'unknown',
  vendor: null,
  model: null,
  os: null,
  osVersion: null,
  mac: null,
  macVendor: null,
  confidence: 0.1,
});

function setup() {
  const { db } = tempDatabase(later);
  const clock = manualClock(T0);
  const { devices } = recordingDevices(db, clock);
  const store = createDiscoveryStore(db);
  const series = createSeriesRegistry(db, clock);
  let jobs = 0;
  /** A finished scan at `at` that found `hosts`. */
  const scan = (at: number, ...hosts: ReturnType<typeof discoveryHost>[]) => {
    const id = `00000000-0000-4000-a000-${String(++jobs).padStart(12, '0')}`;
    store.create({ id, options: OPTIONS, targetKey: '198.18.0.0/24', adHocCredentials: 0, owner: 'test', now: at, total: hosts.length });
    store.flush(id, { phase: 'done', total: hosts.length, done: hosts.length, alive: hosts.length, classified: 0, packets: 0 }, hosts, at);
    store.finish(id, 'finished', 'done', null, at);
  };
  const chunks = createChunkWriter(db);
  const sample = { run: (id: number, ts: number, value: number) => db.transaction(() => chunks.write(1, [id], [ts], [value]))() };
  /** Interfaces 1..n as the SNMP executor stores them: odd ones up, even ones down, 1 Gbit/s. */
  const interfaces = (deviceId: string, n: number) => {
    for (let i = 1; i <= n; i++) {
      const labels = { device: deviceId, interface: `Gi1/0/${i}`, index: String(i), ...(i === 1 ? { alias: 'uplink to core' } : {}) };
      sample.run(series.resolve('if_oper_status', labels), T0, i % 2 ? 1 : 2);
      sample.run(series.resolve('if_speed_bps', labels), T0, 1e9);
      sample.run(series.resolve('if_in_bps', labels), T0, 1000 * i);
    }
  };
  const inventory = async (): Promise<InventorySnapshot> =>
    (await collectSnapshot(
      { db, devices, discovery: { diff: () => { throw new Error('not used by the inventory'); } } },
      {
        input: { kind: 'inventory', from: T0 - 7 * 24 * HOUR, to: T0 + 24 * HOUR, topN: 10 },
        site: { id: 'site-1', isDefault: true, name: 'HQ', customer: 'Acme', address: '', technician: 'Dana' },
        generatedAt: T0 + 24 * HOUR,
      },
    )) as InventorySnapshot;
  return { db, devices, scan, interfaces, inventory };
}

describe('inventory report: what is known is kept', () => {
  it('a Cisco switch rescanned with a wrong community is still a Cisco switch with its model and OS (JSON, CSV, HTML)', async () => {
    const { devices, scan, interfaces, inventory } = setup();
    scan(T0, CATALYST);
    const dev = devices.create({ name: 'core-sw', address: '198.18.0.2', tags: [], notes: '', credentialIds: [], enabled: true });
    devices.setIdentity(dev.id, { type: 'switch', vendor: 'Cisco', model: 'WS-C2960X-48TS-L', os: 'IOS', osVersion: '15.2(7)E', sysName: 'core-sw', location: 'Comms room' });
    interfaces(dev.id, 60);
    scan(T0 + HOUR, CATALYST_NO_SNMP);

    const snap = await inventory();
    expect(snap.devices[0]).toMatchObject({ type: 'switch', vendor: 'Cisco', model: 'WS-C2960X-48TS-L', os: 'IOS', osVersion: '15.2(7)E', location: 'Comms room', mac: '00:1b:54:aa:bb:cc', foundBy: ['icmp', 'snmp'] });
    const doc = buildInventory(snap);

    const json = JSON.parse(renderJson(doc)) as { tables: { devices: Array<Record<string, unknown>> }; data: { devices: Array<Record<string, unknown>> } };
    expect(json.tables.devices[0]).toMatchObject({ name: 'core-sw', type: 'Switch', vendor: 'Cisco', model: 'WS-C2960X-48TS-L', os: 'IOS 15.2(7)E', location: 'Comms room', ports: 60, portsUp: 30 });
    expect(json.data.devices[0]).toMatchObject({ type: 'switch', vendor: 'Cisco' });

    const csv = renderCsv(doc).trim().split('\n');
    expect(csv[0]).toBe('Name,Address,Type,Vendor,Model,Serial,Firmware,HW rev,OS,MAC,Location,Ports,Up,Found by,Status');
    expect(csv[1]).toBe('core-sw,198.18.0.2,Switch,Cisco,WS-C2960X-48TS-L,,,,IOS 15.2(7)E,00:1b:54:aa:bb:cc,Comms room,60,30,ICMP; SNMP,Unknown');

    const html = renderHtml(doc);
    const row = html.match(/<tr><td>core-sw<\/td>.*?<\/tr>/)?.[0] ?? '';
    expect(row).toContain('<td>Switch</td><td>Cisco</td><td>WS-C2960X-48TS-L</td><td>—</td><td>—</td><td>—</td><td>IOS 15.2(7)E</td>');
    expect(row).not.toContain('unknown');
    expect(row).not.toContain('Gi1/0/');
  });

  it('a device the devices area knows nothing of takes the best of its discovery records, field by field', async () => {
    const { devices, scan, inventory } = setup();
    devices.create({ name: 'printer', address: '198.18.0.9', tags: [], notes: '', credentialIds: [], enabled: true });
    const rich = discoveryHost({ address: '198.18.0.9', type: 'printer', vendor: 'Brother', model: 'HL-L8360CDW', os: null, osVersion: null, sysLocation: 'Floor 1', mac: '00:80:77:01:02:03' });
    // Newer and poorer (no SNMP), then newest with a moved location.
    scan(T0, rich);
    scan(T0 + HOUR, { ...CATALYST_NO_SNMP, address: '198.18.0.9', foundBy: ['tcp'] });
    scan(T0 + 2 * HOUR, { ...rich, sysLocation: 'Floor 2', mac: null, foundBy: ['icmp'] });
    const [d] = (await inventory()).devices;
    expect(d).toMatchObject({ type: 'printer', vendor: 'Brother', model: 'HL-L8360CDW', location: 'Floor 2', mac: '00:80:77:01:02:03', foundBy: ['icmp', 'tcp', 'snmp'], discoveredAt: T0 + 2 * HOUR });
  });

  it('merging ignores the order the records come in', () => {
    const poor = mergeDiscovered(undefined, CATALYST_NO_SNMP, T0 + HOUR);
    const both = mergeDiscovered(poor, CATALYST, T0);
    expect(both).toMatchObject({ type: 'switch', vendor: 'Cisco', model: 'WS-C2960X-48TS-L', seenAt: T0 + HOUR });
  });
});

describe('inventory report: ports', () => {
  it('a device with 60 interfaces has counts in its row and its port list in a section after the table', async () => {
    const { devices, interfaces, inventory } = setup();
    const dev = devices.create({ name: 'access-sw', address: '198.18.0.3', tags: [], notes: '', credentialIds: [], enabled: true });
    interfaces(dev.id, 60);
    const snap = await inventory();
    expect(snap.devices[0]!.ports).toHaveLength(60);
    expect(snap.devices[0]!.ports.slice(0, 3)).toEqual([
      { name: 'Gi1/0/1', status: 'up', speedBps: 1e9, alias: 'uplink to core' },
      { name: 'Gi1/0/2', status: 'down', speedBps: 1e9, alias: null },
      { name: 'Gi1/0/3', status: 'up', speedBps: 1e9, alias: null },
    ]);
    // ifIndex order, not text order (Gi1/0/10 after Gi1/0/9).
    expect(snap.devices[0]!.ports[9]!.name).toBe('Gi1/0/10');

    const doc = buildInventory(snap);
    const headings = doc.sections.map((s) => s.heading);
    expect(headings).toEqual(['Summary', 'Devices', 'Ports of access-sw (198.18.0.3)']);
    const devicesTable = doc.sections[1]!.table!;
    expect(devicesTable.columns.map((c) => c.key)).not.toContain('interfaces');
    expect(devicesTable.rows[0]).toMatchObject({ ports: 60, portsUp: 30 });
    const ports = doc.sections[2]!;
    expect(ports.text).toBe('60 ports, 30 up.');
    expect(ports.table!.columns.map((c) => c.label)).toEqual(['Port', 'Status', 'Speed', 'Alias']);
    expect(ports.table!.rows).toHaveLength(60);

    const html = renderHtml(doc);
    expect(html).toContain('<td>Gi1/0/1</td><td>up</td><td class="num">1.00 Gbit/s</td><td>uplink to core</td>');
    expect(html).toContain('<table class="list"><caption>Ports (60)</caption>');
    // The PDF prints the list two ports to a line: 30 lines under one header row, ports 1 and 2 on the first.
    const portBody = tableBodies(pdfDefinition(doc).content).find((b) => b[0]?.[0]?.text === 'Port');
    expect(portBody).toHaveLength(31);
    expect(portBody![1]!.map((c) => c.text)).toEqual(['Gi1/0/1', 'up', '1.00 Gbit/s', 'uplink to core', '', 'Gi1/0/2', 'down', '1.00 Gbit/s', '—']);
  });
});

describe('inventory report: types as words', () => {
  it('types print as labels in the table and the chart, never as enum values', async () => {
    const { devices, scan, inventory } = setup();
    const hosts = [
      discoveryHost({ address: '198.18.0.20', type: 'wireless-ap', vendor: 'Ubiquiti' }),
      discoveryHost({ address: '198.18.0.21', type: 'ups', vendor: 'APC' }),
      discoveryHost({ address: '198.18.0.22', type: 'l3-switch', vendor: 'Cisco' }),
      discoveryHost({ address: '198.18.0.23', type: 'pdu', vendor: 'Raritan', model: 'PX3-5190R' }),
      discoveryHost({ address: '198.18.0.24', type: 'sensor', vendor: 'AKCP' }),
      discoveryHost({ address: '198.18.0.25', type: 'pdu', vendor: 'APC', model: 'AP8941' }),
    ];
    scan(T0, ...hosts);
    for (const h of hosts) devices.create({ name: `h${h.address.split('.')[3]}`, address: h.address, tags: [], notes: '', credentialIds: [], enabled: true });
    const doc = buildInventory(await inventory());
    expect(doc.sections[1]!.table!.rows.map((r) => r.type)).toEqual(['Access point', 'UPS', 'Layer-3 switch', 'PDU', 'Environment sensor', 'PDU']);
    const chart = doc.sections[0]!.chart;
    expect(chart?.kind === 'bars' && chart.bars.map((b) => `${b.label} ${b.value}`).sort()).toEqual(['Access point 1', 'Environment sensor 1', 'Layer-3 switch 1', 'PDU 2', 'UPS 1']);
    const html = renderHtml(doc);
    expect(html).toMatch(/<td>PDU<\/td>/);
    expect(html).not.toMatch(/>(wireless-ap|ups|l3-switch|pdu|sensor)</);
  });
});
