/**
 * A device's inventory (model, serial, firmware, hardware revision): "add to monitoring" copies it
 * from the scan, and a later scan or poll that learns less never erases it (null and blank never
 * overwrite a value), while a new value replaces the old one (a firmware upgrade).
 */
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { discoveryHost } from '../../test/support/discovery-host.ts';
import { manualClock } from '../../test/support/manual-clock.ts';
import { addToMonitoringDeps, recordingDevices } from '../../test/support/recording-devices.ts';
import { tempDatabase } from '../../test/support/temp-database.ts';
import { Device } from '../api/devices.ts';
import { addToMonitoring } from '../discovery/jobs/add-to-monitoring.ts';
import { createDevicesRepo } from './devices-repo.ts';

const later = cleanupAfterEach();

function setup() {
  const { db } = tempDatabase(later);
  const clock = manualClock();
  return { db, clock, devices: createDevicesRepo(db, clock) };
}

describe('device inventory', () => {
  it('a new device has no inventory; the contract reads it back', () => {
    const { devices } = setup();
    const d = devices.create({ name: 'sw', address: '192.0.2.5', tags: [], notes: '', credentialIds: [], enabled: true });
    expect(d).toMatchObject({ serial: null, firmware: null, hardwareRev: null });
    expect(Device.safeParse(d).success).toBe(true);
  });

  it('null or blank never overwrites a known model, serial, firmware or hardware revision; a new value does', () => {
    const { devices, clock } = setup();
    const d = devices.create({ name: 'sw', address: '192.0.2.5', tags: [], notes: '', credentialIds: [], enabled: true });
    devices.setIdentity(d.id, { model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' });
    const known = devices.get(d.id);
    clock.advance(1000);
    // A poll of an agent that no longer shows ENTITY-MIB (a restricted view), a scan with a wrong community.
    expect(devices.setIdentity(d.id, { model: null, serial: null, firmware: null, hardwareRev: null })).toBeNull();
    expect(devices.setIdentity(d.id, { serial: '  ', firmware: '' })).toBeNull();
    expect(devices.get(d.id)).toEqual(known);
    // An upgrade: the new version replaces the old one, the rest stays.
    expect(devices.setIdentity(d.id, { firmware: '17.6.1', serial: null })).toMatchObject({ model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '17.6.1', hardwareRev: 'V07', identityUpdatedAt: clock.now() });
  });

  it('"add to monitoring" copies the scan’s inventory; a result stored before it adds none', () => {
    const { db, devices } = setup();
    const { devices: recording, events } = recordingDevices(db);
    const hosts = new Map([
      ['192.0.2.10', discoveryHost({ address: '192.0.2.10', model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' })],
      ['192.0.2.11', discoveryHost({ address: '192.0.2.11', name: 'old-result' })],
    ]);
    const out = addToMonitoring(addToMonitoringDeps(recording), 'job-1', ['192.0.2.10', '192.0.2.11'], (a) => hosts.get(a));
    const [first, second] = out.results.map((r) => devices.get(r.deviceId as string));
    expect(first).toMatchObject({ model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' });
    expect(second).toMatchObject({ model: 'ISR4331', serial: null, firmware: null, hardwareRev: null });
    expect(events.find((e) => e.name === 'device.created')?.payload).toMatchObject({ serial: 'FOC1234X0AB', firmware: '16.12.4' });
  });
});
