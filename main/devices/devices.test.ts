import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { discoveryHost } from '../../test/support/discovery-host.ts';
import { addToMonitoringDeps, recordingDevices } from '../../test/support/recording-devices.ts';
import { tempDatabase } from '../../test/support/temp-database.ts';
import { addToMonitoring } from '../discovery/jobs/add-to-monitoring.ts';
import { ConflictError } from '../errors.ts';

const later = cleanupAfterEach();

function setup() {
  const { db } = tempDatabase(later);
  const recorded = recordingDevices(db);
  /** Whether a transaction was open when the hook ran (it must not be: changes come after the commit). */
  const inTransaction: boolean[] = [];
  recorded.devices.onChange(() => inTransaction.push(db.inTransaction));
  return { db, ...recorded, inTransaction };
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
    expect(devices.idAt('CORE-sw.example')).toBe(d.id);
    expect(devices.idAt('other.example')).toBeUndefined();
    expect(() => devices.create(input('other', 'core-sw.example'))).toThrow(ConflictError);
    expect(() => devices.create(input('other', 'core-sw.example'))).toThrow('Address core-sw.example already belongs to device "Core-SW".');
    expect(() => devices.create(input('CORE-sw', '198.18.0.9'))).toThrow(ConflictError);
  });

  it('discovery add-to-monitoring sees a device at Core-SW.example as existing when the scan says core-sw.example', () => {
    const { devices, events } = setup();
    const d = devices.create(input('Core-SW', 'Core-SW.example'));
    events.length = 0;
    const out = addToMonitoring(addToMonitoringDeps(devices), 'job-1', ['core-sw.example'], (a) => host(a));
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

  it('a change of identity alone is marked identityOnly (monitoring need not reload); with a real update in the same transaction it is not', () => {
    const { devices, batches } = setup();
    const d = devices.create(input('r1', '198.18.0.1'));
    devices.setIdentity(d.id, { vendor: 'Cisco' });
    devices.update({ id: d.id, notes: 'rack 2' });
    devices.transaction(() => {
      devices.update({ id: d.id, address: '198.18.0.9' });
      devices.setIdentity(d.id, { sysName: 'edge-r1' });
    });
    devices.transaction(() => {
      devices.setIdentity(d.id, { sysName: 'edge-r2' });
      devices.update({ id: d.id, enabled: false });
    });
    const flags = batches.map((b) => b.map((c) => [c.kind, c.kind === 'deleted' ? undefined : c.identityOnly]));
    expect(flags).toEqual([[['created', undefined]], [['updated', true]], [['updated', undefined]], [['updated', undefined]], [['updated', undefined]]]);
    expect(batches[3]?.[0]).toMatchObject({ device: { address: '198.18.0.9', sysName: 'edge-r1' } });
  });

  it('discovery add-to-monitoring emits one device.created per new device, carrying its identity', () => {
    const { devices, events, batches } = setup();
    const out = addToMonitoring(addToMonitoringDeps(devices), 'job-1', ['198.18.0.10', '198.18.0.11'], (a) => host(a));
    expect(out.created).toBe(2);
    expect(events.map((e) => [e.name, (e.payload as { address: string }).address])).toEqual([
      ['device.created', '198.18.0.10'],
      ['device.created', '198.18.0.11'],
    ]);
    expect(events[0]?.payload).toMatchObject({ type: 'router', vendor: 'Cisco', sysName: 'edge-r1' });
    expect(batches.map((b) => b.map((c) => c.kind))).toEqual([['created'], ['created']]);
  });
});

const host = (address: string) => discoveryHost({ address, name: `edge-r1 ${address}` });
