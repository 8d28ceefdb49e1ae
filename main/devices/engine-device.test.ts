import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { recordingDevices } from '../../test/support/recording-devices.ts';
import { tempDatabase } from '../../test/support/temp-database.ts';
import { ValidationError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { createDeviceView } from './device-view.ts';
import { ENGINE_DEVICE_ADDRESS, ENGINE_DEVICE_ID } from './engine-device.ts';

const later = cleanupAfterEach();

function setup() {
  const { db } = tempDatabase(later);
  return recordingDevices(db);
}

describe('the engine device (WARD FLUX)', () => {
  it('is created once with its fixed id, marked builtin, with one device.created carrying its identity', () => {
    const { devices, names, batches } = setup();
    const first = devices.ensureEngineDevice();
    expect(first).toMatchObject({ id: ENGINE_DEVICE_ID, name: 'WARD FLUX', address: ENGINE_DEVICE_ADDRESS, builtin: true, vendor: 'WARD FLUX', firmware: VERSION, type: 'appliance' });
    expect(names()).toEqual(['device.created']);
    expect(batches).toHaveLength(1);
    devices.ensureEngineDevice();
    expect(names()).toEqual(['device.created']); // nothing changed the second time
    expect(devices.count()).toBe(1);
    const other = devices.create({ name: 'core', address: '198.18.0.1', tags: [], notes: '', credentialIds: [], enabled: true });
    expect(other.builtin).toBeUndefined();
  });

  it('is never a network target, and cannot be deleted, disabled, re-addressed or given credentials', () => {
    const { devices } = setup();
    devices.ensureEngineDevice();
    const other = devices.create({ name: 'core', address: '198.18.0.1', tags: [], notes: '', credentialIds: [], enabled: true });
    expect(devices.enabledTargets()).toEqual([{ id: other.id, address: '198.18.0.1' }]);
    expect(() => devices.delete(ENGINE_DEVICE_ID)).toThrow(ValidationError);
    expect(() => devices.delete(ENGINE_DEVICE_ID)).toThrow("WARD FLUX is WARD FLUX's own device (its self-metrics): it cannot be deleted.");
    expect(() => devices.update({ id: ENGINE_DEVICE_ID, enabled: false })).toThrow(/its address, credentials and monitoring cannot be changed/);
    expect(() => devices.update({ id: ENGINE_DEVICE_ID, address: '127.0.0.1' })).toThrow(ValidationError);
    // The same values (an edit form sends them all) and the free fields are fine.
    const renamed = devices.update({ id: ENGINE_DEVICE_ID, name: 'Engine', address: ENGINE_DEVICE_ADDRESS, enabled: true, credentialIds: [], notes: 'site laptop' });
    expect(renamed).toMatchObject({ name: 'Engine', notes: 'site laptop', builtin: true });
    expect(devices.exists(ENGINE_DEVICE_ID)).toBe(true);
  });

  it('takes another name when a device already uses WARD FLUX, and is listed as up without polls', () => {
    const { devices } = setup();
    devices.create({ name: 'WARD FLUX', address: '198.18.0.2', tags: [], notes: '', credentialIds: [], enabled: true });
    const engine = devices.ensureEngineDevice();
    expect(engine.name).toBe('WARD FLUX (engine)');
    const view = createDeviceView({ mode: () => 'standalone', ownStatus: () => () => ({ status: 'unknown' }), zabbix: () => () => undefined });
    const listed = view(devices.list({ limit: 10, offset: 0 }).items);
    expect(listed.map((d) => [d.name, d.status])).toEqual([
      ['WARD FLUX', 'unknown'],
      ['WARD FLUX (engine)', 'up'],
    ]);
  });
});
