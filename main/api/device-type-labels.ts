/**
 * The words for device types, one copy: reports print them (main/reports/) and the renderer's
 * copy (renderer/lib/discovery.ts, which may import only types from main/) is checked against
 * this one with `satisfies`, so the two cannot drift apart. Pure data: bundled with the contract.
 */
import type { DeviceType } from './discovery.ts';

export const DEVICE_TYPE_LABELS = {
  router: 'Router',
  switch: 'Switch',
  'l3-switch': 'Layer-3 switch',
  firewall: 'Firewall',
  'wireless-ap': 'Access point',
  'wireless-controller': 'Wireless controller',
  server: 'Server',
  workstation: 'Workstation',
  printer: 'Printer',
  ups: 'UPS',
  storage: 'Storage',
  'ip-phone': 'IP phone',
  camera: 'Camera',
  hypervisor: 'Hypervisor',
  pdu: 'PDU',
  sensor: 'Environment sensor',
  'load-balancer': 'Load balancer',
  'voip-gateway': 'VoIP gateway',
  nas: 'NAS',
  appliance: 'Appliance',
  unknown: 'Unknown',
} as const satisfies Record<DeviceType, string>;

/** A type as people read it ("Access point"); a value outside the enum is shown as it is. */
export function deviceTypeLabel(type: string): string {
  return Object.hasOwn(DEVICE_TYPE_LABELS, type) ? DEVICE_TYPE_LABELS[type as DeviceType] : type;
}
