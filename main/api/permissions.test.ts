import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { testEngine } from '../../test/support/engine.ts';
import { procedureNames } from './contract.ts';
import { auditShape } from './dispatcher.ts';
import { permissions } from './permissions.ts';
import { atLeast, type Caller, ROLES } from './roles.ts';

const later = cleanupAfterEach();
const as = (role: Caller['role']): Caller => ({ id: `u-${role}`, name: `the-${role}`, role });

describe('the permission table', () => {
  it('has one entry per procedure of the contract, and the roles are ordered', () => {
    expect(Object.keys(permissions).sort()).toEqual([...procedureNames].sort());
    expect(ROLES.map((r) => atLeast('manager', r))).toEqual([true, true, true, false]);
  });

  it('the dispatcher refuses a call the caller\'s role may not make, before the handler runs', async () => {
    const engine = later(await testEngine());
    const viewer = await engine.api.call('devices.create', { name: 'sw', address: '198.18.0.9' }, { transport: 'ws', user: as('viewer') });
    expect(viewer).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/devices\.create needs the manager role or higher; the-viewer is a viewer/) } });
    expect(await engine.api.call('devices.list', {})).toMatchObject({ ok: true, data: { total: 0 } });
    const manager = await engine.api.call('devices.create', { name: 'sw', address: '198.18.0.9' }, { transport: 'ws', user: as('manager') });
    expect(manager.ok).toBe(true);
    // No user: the desktop app, the CLI and the engine itself act as the local admin.
    expect((await engine.api.call('tokens.list', {}, { transport: 'cli' })).ok).toBe(true);
    expect((await engine.api.call('tokens.list', {}, { transport: 'http', user: as('manager') })).ok).toBe(false);
  });

  it('an audited input yields ids and field names, never values', () => {
    expect(auditShape({ id: 'd1', deviceIds: ['a', 'b'], community: 'private', auth: { key: 'x' } })).toEqual({ ids: ['d1', 'a', 'b'], fields: ['id', 'deviceIds', 'community', 'auth'] });
    expect(auditShape('nope')).toEqual({ ids: [], fields: [] });
  });
});
