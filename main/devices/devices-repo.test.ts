import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { discoveryHost } from '../../test/support/discovery-host.ts';
import { manualClock } from '../../test/support/manual-clock.ts';
import { addToMonitoringDeps, recordingDevices } from '../../test/support/recording-devices.ts';
import { tempDatabase } from '../../test/support/temp-database.ts';
import { Device, DeviceListInput } from '../api/devices.ts';
import { DeviceType, type DiscoveryHost } from '../api/discovery.ts';
import { addToMonitoring } from '../discovery/jobs/add-to-monitoring.ts';
import { createDevicesRepo } from './devices-repo.ts';

const later = cleanupAfterEach();

function setup() {
  const { db } = tempDatabase(later);
  const clock = manualClock();
  return { db, clock, devices: createDevicesRepo(db, clock) };
}

const add = (devices: ReturnType<typeof setup>['devices'], name: string, address: string) => devices.create({ name, address, tags: [], notes: '', credentialIds: [], enabled: true });

describe('devices repo identity', () => {
  it('a new device has an unknown, empty identity', () => {
    const { devices } = setup();
    expect(add(devices, 'r1', '192.0.2.1')).toMatchObject({ type: 'unknown', vendor: null, model: null, os: null, osVersion: null, sysName: null, location: null, sysObjectID: null, identityUpdatedAt: null });
  });

  it('stores the identity, writes only changes, and keeps it across a user update', () => {
    const { devices, clock } = setup();
    const d = add(devices, 'r1', '192.0.2.1');
    clock.advance(1000);
    const set = devices.setIdentity(d.id, { type: 'router', vendor: 'Cisco', model: 'ISR4331', os: 'IOS XE', osVersion: '17.3.4', sysName: 'r1.lab', location: 'Rack 4', sysObjectID: '1.3.6.1.4.1.9.1.1861' });
    expect(set).toMatchObject({ type: 'router', vendor: 'Cisco', model: 'ISR4331', os: 'IOS XE', osVersion: '17.3.4', sysName: 'r1.lab', location: 'Rack 4', sysObjectID: '1.3.6.1.4.1.9.1.1861', identityUpdatedAt: clock.now() });
    clock.advance(1000);
    expect(devices.setIdentity(d.id, { type: 'router', vendor: 'Cisco' })).toBeNull();
    expect(devices.get(d.id).identityUpdatedAt).toBe(clock.now() - 1000);
    expect(devices.setIdentity(d.id, { location: 'Rack 5' })).toMatchObject({ location: 'Rack 5', vendor: 'Cisco', identityUpdatedAt: clock.now() });
    const updated = devices.update({ id: d.id, name: 'core-1', tags: ['core'] });
    expect(updated).toMatchObject({ name: 'core-1', type: 'router', vendor: 'Cisco', model: 'ISR4331', location: 'Rack 5' });
  });

  it('filters the list by type and by vendor (case-insensitive)', () => {
    const { devices } = setup();
    const r = add(devices, 'r1', '192.0.2.1');
    const s = add(devices, 's1', '192.0.2.2');
    const s2 = add(devices, 's2', '192.0.2.3');
    add(devices, 'x', '192.0.2.4');
    devices.setIdentity(r.id, { type: 'router', vendor: 'Cisco' });
    devices.setIdentity(s.id, { type: 'switch', vendor: 'Cisco' });
    devices.setIdentity(s2.id, { type: 'switch', vendor: 'Juniper' });
    const names = (input: unknown) => devices.list(DeviceListInput.parse(input)).items.map((d) => d.name);
    expect(names({ type: 'switch' })).toEqual(['s1', 's2']);
    expect(names({ vendor: 'cisco' })).toEqual(['r1', 's1']);
    expect(names({ type: 'switch', vendor: 'CISCO' })).toEqual(['s1']);
    expect(names({ type: 'unknown' })).toEqual(['x']);
    expect(devices.list(DeviceListInput.parse({ vendor: 'Juniper' })).total).toBe(1);
  });

  it('stores every type of the contract, filters by the new ones, and reads them back as valid devices', () => {
    const { devices } = setup();
    for (const [i, type] of DeviceType.options.entries()) devices.setIdentity(add(devices, `d-${type}`, `192.0.2.${i + 10}`).id, { type });
    const all = devices.list(DeviceListInput.parse({ limit: 100 })).items;
    expect(all.map((d) => d.type).sort()).toEqual([...DeviceType.options].sort());
    for (const d of all) expect(Device.safeParse(d).success, d.type).toBe(true);
    for (const type of ['pdu', 'sensor', 'load-balancer', 'voip-gateway', 'nas', 'appliance']) {
      expect(devices.list(DeviceListInput.parse({ type })).items.map((d) => d.name)).toEqual([`d-${type}`]);
    }
  });

  it('validates the filters', () => {
    expect(DeviceListInput.safeParse({ type: 'toaster' }).success).toBe(false);
    expect(DeviceListInput.safeParse({ vendor: '' }).success).toBe(false);
    expect(DeviceListInput.safeParse({ vendor: 'x'.repeat(101) }).success).toBe(false);
    expect(DeviceListInput.parse({ vendor: ' Cisco ' })).toMatchObject({ vendor: 'Cisco' });
  });
});

const host = (address: string, over: Partial<DiscoveryHost> = {}) => discoveryHost({ address, ...over });

describe('addToMonitoring', () => {
  it('stores the classification and system group of each host on the new device', () => {
    const { db, devices } = setup();
    const { devices: recording, events } = recordingDevices(db);
    const hosts = new Map([
      ['192.0.2.10', host('192.0.2.10')],
      ['192.0.2.11', host('192.0.2.11', { name: '192.0.2.11', sysName: null, sysDescr: null, sysObjectID: null, sysLocation: null, snmpVersion: null, type: 'unknown', vendor: null, model: null, os: null, osVersion: null })],
    ]);
    const out = addToMonitoring(addToMonitoringDeps(recording), 'job-1', ['192.0.2.10', '192.0.2.11'], (a) => hosts.get(a));
    expect(out.created).toBe(2);
    const r = devices.get(out.results[0]?.deviceId as string);
    expect(r).toMatchObject({ name: 'edge-r1', type: 'router', vendor: 'Cisco', model: 'ISR4331', os: 'IOS', osVersion: '16.9.4', sysName: 'edge-r1', location: 'Lab rack 2', sysObjectID: '1.3.6.1.4.1.9.1.1861' });
    expect(devices.get(out.results[1]?.deviceId as string)).toMatchObject({ type: 'unknown', vendor: null, identityUpdatedAt: null });
    // The device.created event carries the identity too.
    expect(events.find((e) => e.name === 'device.created')?.payload).toMatchObject({ id: r.id, type: 'router', vendor: 'Cisco' });
    expect(devices.list(DeviceListInput.parse({ type: 'router', vendor: 'cisco' })).items.map((d) => d.id)).toEqual([r.id]);
  });
});
