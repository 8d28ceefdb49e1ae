import type { Alert } from '../../main/api/alerts.ts';
import type { Device } from '../../main/api/devices.ts';

/** What the UI says about a device. Derived, since the contract has no device state of its own. */
export type DeviceState = 'up' | 'down' | 'degraded' | 'unknown';
export const DEVICE_STATES: DeviceState[] = ['up', 'down', 'degraded', 'unknown'];
export const STATE_LABELS: Record<DeviceState, string> = { up: 'Up', down: 'Down', degraded: 'Degraded', unknown: 'Unknown' };

/**
 * down: an open availability alert (device down after N failed checks); degraded: any other open
 * alert; up: the last availability report seen in this session said up; unknown otherwise
 * (never checked yet, or disabled).
 */
export function deriveStates(devices: readonly Device[], activeAlerts: readonly Alert[], availability: ReadonlyMap<string, 'up' | 'down'>): Map<string, DeviceState> {
  const down = new Set<string>();
  const degraded = new Set<string>();
  for (const a of activeAlerts) {
    if (!a.deviceId) continue;
    if (a.kind === 'availability') down.add(a.deviceId);
    else degraded.add(a.deviceId);
  }
  const out = new Map<string, DeviceState>();
  for (const d of devices) {
    const seen = availability.get(d.id);
    let state: DeviceState = 'unknown';
    if (down.has(d.id) || seen === 'down') state = 'down';
    else if (degraded.has(d.id)) state = 'degraded';
    else if (seen === 'up') state = 'up';
    out.set(d.id, d.enabled || state !== 'unknown' ? state : 'unknown');
  }
  return out;
}
