/**
 * The inventory report's Serial, Firmware and HW rev columns (CSV, JSON, HTML, PDF): the device's
 * own inventory first, a scan's for what it lacks, and a later scan that learns less (no SNMP,
 * an agent without ENTITY-MIB) never erases them.
 */
import { describe, expect, it } from 'vitest';
import type { DiscoveryJob } from '../api/discovery.ts';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { discoveryHost } from '../../test/support/discovery-host.ts';
import { manualClock } from '../../test/support/manual-clock.ts';
import { recordingDevices } from '../../test/support/recording-devices.ts';
import { tempDatabase } from '../../test/support/temp-database.ts';
import { createDiscoveryStore } from '../discovery/jobs/discovery-store.ts';
import { buildInventory } from './builders.ts';
import { collectSnapshot } from './collect.ts';
import { renderHtml } from './render-html.ts';
import { pdfDefinition } from './render-pdf.ts';
import { renderCsv, renderJson } from './render-text.ts';
import type { InventorySnapshot } from './types.ts';

const later = cleanupAfterEach();
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;
const OPTIONS: DiscoveryJob['options'] = { targets: ['198.18.0.0/24'], exclusions: [], methods: ['icmp', 'snmp'], credentialIds: [], ratePps: 500, timeoutMs: 1000, retries: 1, tcpPorts: [], tcpAllHosts: false, reverseDns: false };

function setup() {
  const { db } = tempDatabase(later);
  const { devices } = recordingDevices(db, manualClock(T0));
  const store = createDiscoveryStore(db);
  let jobs = 0;
  const scan = (at: number, ...hosts: ReturnType<typeof discoveryHost>[]) => {
    const id = `00000000-0000-4000-a000-${String(++jobs).padStart(12, '0')}`;
    store.create({ id, options: OPTIONS, targetKey: 'k', adHocCredentials: 0, owner: 'test', now: at, total: hosts.length });
    store.flush(id, { phase: 'done', total: hosts.length, done: hosts.length, alive: hosts.length, classified: 0, packets: 0 }, hosts, at);
    store.finish(id, 'finished', 'done', null, at);
  };
  const inventory = async (): Promise<InventorySnapshot> =>
    (await collectSnapshot(
      { db, devices, discovery: { diff: () => { throw new Error('not used'); } } },
      { input: { kind: 'inventory', from: T0 - HOUR, to: T0 + 24 * HOUR, topN: 10 }, site: { id: 's', isDefault: true, name: 'HQ', customer: 'Acme', address: '', technician: 'Dana' }, generatedAt: T0 + 24 * HOUR },
    )) as InventorySnapshot;
  return { devices, scan, inventory };
}

describe('inventory report: serial, firmware, hardware revision', () => {
  it('in every format; a poorer later scan erases none; a device without its own inventory takes the scan’s', async () => {
    const { devices, scan, inventory } = setup();
    const rich = discoveryHost({ address: '198.18.0.2', name: 'core-sw', model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' });
    const poor = discoveryHost({ address: '198.18.0.2', name: 'core-sw', model: null, serial: null, firmware: null, hardwareRev: null, foundBy: ['icmp'] });
    scan(T0, rich, discoveryHost({ address: '198.18.0.3', name: 'ups', type: 'ups', model: 'Smart-UPS 1500', firmware: 'UPS 08.3' }));
    scan(T0 + HOUR, poor);
    const sw = devices.create({ name: 'core-sw', address: '198.18.0.2', tags: [], notes: '', credentialIds: [], enabled: true });
    devices.setIdentity(sw.id, { serial: 'FOC1234X0AB', firmware: '16.12.4' });
    devices.create({ name: 'ups', address: '198.18.0.3', tags: [], notes: '', credentialIds: [], enabled: true });

    const snap = await inventory();
    expect(snap.devices.find((d) => d.name === 'core-sw')).toMatchObject({ model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' });
    const doc = buildInventory(snap);

    const csv = renderCsv(doc).trim().split('\n');
    expect(csv[0]).toMatch(/^Name,Address,Type,Vendor,Model,Serial,Firmware,HW rev,OS,/);
    expect(csv[1]).toMatch(/^core-sw,198\.18\.0\.2,\w+,Cisco,WS-C3850-48P,FOC1234X0AB,16\.12\.4,V07,/);
    expect(csv[2]).toMatch(/^ups,198\.18\.0\.3,UPS,Cisco,Smart-UPS 1500,,UPS 08\.3,,/);

    const json = JSON.parse(renderJson(doc)) as { tables: { devices: Array<Record<string, unknown>> }; data: { devices: Array<Record<string, unknown>> } };
    expect(json.tables.devices[0]).toMatchObject({ name: 'core-sw', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' });
    expect(json.data.devices[1]).toMatchObject({ name: 'ups', serial: null, firmware: 'UPS 08.3' });

    expect(renderHtml(doc)).toContain('<td>WS-C3850-48P</td><td>FOC1234X0AB</td><td>16.12.4</td><td>V07</td>');
    const pdf = JSON.stringify(pdfDefinition(doc).content);
    expect(pdf).toContain('"HW rev"');
    // Fifteen columns fit a landscape page only sized by their content ('*' would give each the widest one's minimum).
    expect(pdf).toContain(`"widths":${JSON.stringify(Array(15).fill('auto'))}`);
  });
});
