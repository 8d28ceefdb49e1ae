import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import type { DiscoveryHost } from '../api/discovery.ts';
import type { EngineEvent } from '../api/events.ts';
import { addToMonitoring, type AddToMonitoringDeps } from '../discovery/jobs/add-to-monitoring.ts';
import { ConflictError } from '../errors.ts';
import { openDatabase } from '../store/database.ts';
import { createDevices, type DeviceChange } from './devices.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const t = tempDir();
  const { db } = openDatabase(t.dir);
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  const events: EngineEvent[] = [];
  const batches: DeviceChange[][] = [];
  /** Whether a transaction was open when the hook ran (it must not be: changes come after the commit). */
  const inTransaction: boolean[] = [];
  const devices = createDevices({ db, clock: manualClock(), events: { emit: (name, payload) => events.push({ name, payload } as EngineEvent) } });
  devices.onChange((changes) => {
    batches.push([...changes]);
    inTransaction.push(db.inTransaction);
  });
  const names = () => events.map((e) => e.name);
  return { db, devices, events, batches, inTransaction, names };
}

const input = (name: string, address: string) => ({ name, address, tags: [], notes: '', credentialIds: [], enabled: true });

describe('devices: one rule for case', () => {
  it('a device at Core-SW.example is found by core-sw.example, by name and address, and its spelling is taken', () => {
    const { devices } = setup();
    const d = devices.create(input('Core-SW', 'Core-SW.example'));
    expect(devices.byAddress('core-sw.example')?.id).toBe(d.id);
    expect(devices.byAddress('CORE-SW.EXAMPLE')?.id).toBe(d.id);
    expect(devices.byName('core-sw')?.id).toBe(d.id);
    expect(devices.byAddress('other.example')).toBeUndefined();
    expect(() => devices.create(input('other', 'core-sw.example'))).toThrow(ConflictError);
    expect(() => devices.create(input('other', 'core-sw.example'))).toThrow('Address core-sw.example already belongs to device "Core-SW".');
    expect(() => devices.create(input('CORE-sw', '198.18.0.9'))).toThrow(ConflictError);
  });

  it('discovery add-to-monitoring sees a device at Core-SW.example as existing when the scan says core-sw.example', () => {
    const { devices, events } = setup();
    const d = devices.create(input('Core-SW', 'Core-SW.example'));
    events.length = 0;
    const out = addToMonitoring(addDeps(devices), 'job-1', ['core-sw.example'], (a) => host(a));
    expect(out.results).toMatchObject([{ outcome: 'existing', deviceId: d.id, name: 'Core-SW' }]);
    expect(events).toEqual([]);
  });
});

describe('devices: writes report themselves, once, after the commit', () => {
  it('create, update, setIdentity and delete each emit one event and call the hook once', () => {
    const { devices, events, batches, inTransaction, names } = setup();
    const d = devices.create(input('r1', '198.18.0.1'));
    devices.update({ id: d.id, notes: 'rack 2' });
    devices.setIdentity(d.id, { vendor: 'Cisco' });
    expect(devices.setIdentity(d.id, { vendor: 'Cisco' })).toBeNull(); // unchanged: nothing
    devices.delete(d.id);
    expect(names()).toEqual(['device.created', 'device.updated', 'device.updated', 'device.deleted']);
    expect(events[2]?.payload).toMatchObject({ id: d.id, vendor: 'Cisco', notes: 'rack 2' });
    expect(batches.map((b) => b.map((c) => c.kind))).toEqual([['created'], ['updated'], ['updated'], ['deleted']]);
    expect(inTransaction).toEqual([false, false, false, false]);
  });

  it('a transaction reports each device once, with its final state, after the commit; a rolled back one reports nothing', () => {
    const { devices, events, batches, inTransaction, names } = setup();
    const old = devices.create(input('old', '198.18.0.1'));
    events.length = 0;
    batches.length = 0;
    inTransaction.length = 0;
    devices.transaction(() => {
      const d = devices.create(input('r1', '198.18.0.2'));
      devices.setIdentity(d.id, { type: 'router' });
      devices.update({ id: d.id, notes: 'edge' });
      devices.delete(old.id);
      const gone = devices.create(input('tmp', '198.18.0.3'));
      devices.delete(gone.id); // never seen outside the transaction
      expect(events).toEqual([]);
    });
    expect(names()).toEqual(['device.created', 'device.deleted']);
    expect(events[0]?.payload).toMatchObject({ name: 'r1', type: 'router', notes: 'edge' });
    expect(batches).toHaveLength(1);
    expect(inTransaction).toEqual([false]);

    events.length = 0;
    expect(() =>
      devices.transaction(() => {
        devices.create(input('r2', '198.18.0.4'));
        devices.create(input('r2', '198.18.0.5')); // name taken: the whole transaction rolls back
      }),
    ).toThrow(ConflictError);
    expect(events).toEqual([]);
    expect(devices.byName('r2')).toBeUndefined();
  });

  it('discovery add-to-monitoring emits one device.created per new device, carrying its identity', () => {
    const { devices, events, batches } = setup();
    const out = addToMonitoring(addDeps(devices), 'job-1', ['198.18.0.10', '198.18.0.11'], (a) => host(a));
    expect(out.created).toBe(2);
    expect(events.map((e) => [e.name, (e.payload as { address: string }).address])).toEqual([
      ['device.created', '198.18.0.10'],
      ['device.created', '198.18.0.11'],
    ]);
    expect(events[0]?.payload).toMatchObject({ type: 'router', vendor: 'Cisco', sysName: 'edge-r1' });
    expect(batches.map((b) => b.map((c) => c.kind))).toEqual([['created'], ['created']]);
  });
});

function addDeps(devices: AddToMonitoringDeps['devices']): AddToMonitoringDeps {
  return {
    devices,
    templates: {} as AddToMonitoringDeps['templates'],
    monitoring: { reload: () => undefined } as unknown as AddToMonitoringDeps['monitoring'],
    settings: {} as AddToMonitoringDeps['settings'],
    credentialExists: () => false,
  };
}

function host(address: string): DiscoveryHost {
  return {
    address,
    family: 4,
    foundBy: ['icmp', 'snmp'],
    name: `edge-r1 ${address}`,
    hostnames: [],
    mac: null,
    macVendor: null,
    rttMs: 1,
    openPorts: [],
    sysName: 'edge-r1',
    sysDescr: 'Cisco IOS Software',
    sysObjectID: '1.3.6.1.4.1.9.1.1861',
    sysUpTimeSec: 100,
    sysContact: null,
    sysLocation: null,
    sysServices: 6,
    snmpVersion: null,
    credentialId: null,
    credentialLabel: null,
    type: 'router',
    vendor: 'Cisco',
    model: null,
    os: null,
    osVersion: null,
    confidence: 0.9,
    reasons: [],
    templateId: null,
    templateName: null,
    deviceId: null,
    updatedAt: 0,
  };
}
