/**
 * What the poll sink makes of a re-read system group and its evidence: the inventory (serial,
 * firmware, hardware revision; the chassis model when the classifier names none) goes to
 * setIdentity, and what the read lacks is left out, so a device never loses what it is known to be.
 */
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { manualClock } from '../../test/support/manual-clock.ts';
import { tempDatabase } from '../../test/support/temp-database.ts';
import { createDevicesRepo } from '../devices/devices-repo.ts';
import { identityPatch } from './poll-sink.ts';
import type { SystemInfo } from './poll-executor.ts';

const later = cleanupAfterEach();
const system: SystemInfo = { sysDescr: 'Some agent', sysObjectID: '1.3.6.1.4.1.99999.1', sysName: 'sw1', sysLocation: null, sysServices: 2 };

describe('poll sink: identity with the evidence', () => {
  it('carries the chassis inventory; a later read without ENTITY-MIB erases none of it', () => {
    expect(identityPatch({ ...system, evidence: { entity: { model: 'XG-2000', serial: 'SN-0042', firmwareRev: '1.2', hardwareRev: 'B' } } })).toMatchObject({ model: 'XG-2000', serial: 'SN-0042', firmware: '1.2', hardwareRev: 'B' });
    const bare = identityPatch(system);
    expect(bare).not.toHaveProperty('serial');
    expect(bare).not.toHaveProperty('firmware');
    expect(bare).not.toHaveProperty('hardwareRev');

    const { db } = tempDatabase(later);
    const devices = createDevicesRepo(db, manualClock());
    const d = devices.create({ name: 'sw1', address: '192.0.2.9', tags: [], notes: '', credentialIds: [], enabled: true });
    devices.setIdentity(d.id, identityPatch({ ...system, evidence: { entity: { model: 'XG-2000', serial: 'SN-0042', softwareRev: '7.1' } } }));
    devices.setIdentity(d.id, identityPatch(system));
    expect(devices.get(d.id)).toMatchObject({ model: 'XG-2000', serial: 'SN-0042', firmware: '7.1', sysName: 'sw1' });
  });
});
