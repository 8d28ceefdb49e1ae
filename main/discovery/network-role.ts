/**
 * Router, switch or layer-3 switch, for a device its OS family calls "network" without saying
 * which: what the device itself answers decides, in this order — LLDP's enabled capabilities,
 * BRIDGE-MIB's port count with IP-MIB's forwarding flag, sysServices' layer bits; with none of
 * them, a router (a network box that answers SNMP with no bridge is most often a gateway).
 */
import type { DeviceEvidence } from './device-evidence.ts';

/** What the role is read from: the classifier's input, in part. */
export interface NetworkRoleInput {
  sysServices?: number | null;
  evidence?: DeviceEvidence | null;
}

export interface NetworkRole {
  type: 'router' | 'switch' | 'l3-switch';
  reason: string;
}

export function networkRole(input: NetworkRoleInput): NetworkRole {
  const ev = input.evidence;
  const caps = ev?.lldpCapabilities ?? [];
  const bridge = caps.includes('bridge');
  const router = caps.includes('router');
  if (bridge || router) {
    const type = bridge && router ? 'l3-switch' : bridge ? 'switch' : 'router';
    return { type, reason: `network device: LLDP says ${caps.filter((c) => c === 'bridge' || c === 'router').join(' and ')} → ${type}` };
  }
  if (typeof ev?.bridgePorts === 'number' && ev.bridgePorts >= 8) {
    const type = ev.ipForwarding === true ? 'l3-switch' : 'switch';
    return { type, reason: `network device: a bridge of ${ev.bridgePorts} ports${ev.ipForwarding ? ' that forwards IP' : ''} → ${type}` };
  }
  const s = input.sysServices;
  if (typeof s === 'number' && s > 0 && s < 128) {
    const l2 = (s & 2) !== 0;
    const l3 = (s & 4) !== 0;
    if (l2 || l3) {
      const type = l2 && l3 ? 'l3-switch' : l2 ? 'switch' : 'router';
      return { type, reason: `network device: sysServices layers ${[l2 && 2, l3 && 3].filter(Boolean).join(' and ')} → ${type}` };
    }
  }
  return { type: 'router', reason: 'network device with no bridge or layer answer → router' };
}
