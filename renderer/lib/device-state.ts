import type { DeviceStatus } from '../../main/api/devices.ts';

/** What the UI says about a device: the engine's `status` (its own checks, or Zabbix's view). */
export type DeviceState = DeviceStatus;
export const DEVICE_STATES: DeviceState[] = ['up', 'down', 'degraded', 'unknown'];
export const STATE_LABELS: Record<DeviceState, string> = { up: 'Up', down: 'Down', degraded: 'Degraded', unknown: 'Unknown' };
