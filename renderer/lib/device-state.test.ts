import { describe, expect, it } from 'vitest';
import type { Alert } from '../../main/api/alerts.ts';
import type { Device } from '../../main/api/devices.ts';
import { deriveStates } from './device-state.ts';

const NO_IDENTITY = { type: 'unknown', vendor: null, model: null, os: null, osVersion: null, sysName: null, location: null, sysObjectID: null, identityUpdatedAt: null } as const;
const device = (id: string): Device => ({ id, name: id, address: '192.0.2.1', tags: [], notes: '', credentialIds: [], enabled: true, ...NO_IDENTITY, createdAt: 0, updatedAt: 0 });
const alert = (deviceId: string, kind: Alert['kind']): Alert =>
  ({ id: `${deviceId}-${kind}`, deviceId, kind, severity: 'major', state: 'firing' }) as Alert;

describe('deriveStates', () => {
  it('says down for an open availability alert, degraded for any other, up from availability reports', () => {
    const states = deriveStates([device('a'), device('b'), device('c'), device('d')], [alert('a', 'availability'), alert('b', 'threshold')], new Map([['c', 'up' as const]]));
    expect(Object.fromEntries(states)).toEqual({ a: 'down', b: 'degraded', c: 'up', d: 'unknown' });
  });
  it('lets an availability alert win over a later up report only while it is open', () => {
    const states = deriveStates([device('a')], [alert('a', 'availability')], new Map([['a', 'up' as const]]));
    expect(states.get('a')).toBe('down');
  });
});
