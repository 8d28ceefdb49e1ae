import { describe, expect, it } from 'vitest';
import { networkRole } from './network-role.ts';

describe('network role of a network family that names none', () => {
  it('LLDP first, then the bridge, then sysServices, else a router', () => {
    expect(networkRole({ evidence: { lldpCapabilities: ['bridge'] }, sysServices: 4 }).type).toBe('switch');
    expect(networkRole({ evidence: { lldpCapabilities: ['bridge', 'router'] } }).type).toBe('l3-switch');
    expect(networkRole({ evidence: { lldpCapabilities: ['router'] } }).type).toBe('router');
    expect(networkRole({ evidence: { bridgePorts: 28 } })).toEqual({ type: 'switch', reason: 'network device: a bridge of 28 ports → switch' });
    expect(networkRole({ evidence: { bridgePorts: 52, ipForwarding: true } }).type).toBe('l3-switch');
    // A 2-port "bridge" (a router's bridged LAN) is not a switch.
    expect(networkRole({ evidence: { bridgePorts: 2 }, sysServices: 4 }).type).toBe('router');
    expect(networkRole({ sysServices: 2 }).type).toBe('switch');
    expect(networkRole({ sysServices: 6 }).type).toBe('l3-switch');
    expect(networkRole({ sysServices: 72 })).toEqual({ type: 'router', reason: 'network device with no bridge or layer answer → router' });
    expect(networkRole({})).toMatchObject({ type: 'router' });
  });
});
