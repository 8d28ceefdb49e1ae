/** Which devices (and series) a rule or a maintenance window covers. */
import type { Scope } from '../api/alerts.ts';

/** What the alert engine knows about a device: enough to match scopes and dependencies. */
export interface DeviceFacts {
  id: string;
  name: string;
  tags: readonly string[];
  templateIds: readonly string[];
  parentId: string | null;
}

/** Looks devices up by id (a cache in the engine, a map in tests). */
export interface DeviceDirectory {
  get(deviceId: string): DeviceFacts | undefined;
}

/**
 * True when the scope covers this device (and series labels, for a template item scope). A scope
 * naming a device, tag or template never matches a series without a device.
 */
export function scopeMatches(scope: Scope, deviceId: string | null, labels: Readonly<Record<string, string>>, devices: DeviceDirectory): boolean {
  if (scope.type === 'all') return true;
  if (deviceId === null) return false;
  if (scope.type === 'device') return scope.deviceId === deviceId;
  const device = devices.get(deviceId);
  if (!device) return false;
  if (scope.type === 'tag') return device.tags.includes(scope.tag);
  if (!device.templateIds.includes(scope.templateId)) return false;
  return scope.itemKey === undefined || labels.item === scope.itemKey;
}
