import type { EngineEvent } from '../../main/api/events.ts';
import type { AddToMonitoringDeps } from '../../main/discovery/jobs/add-to-monitoring.ts';
import { createDevices, type DeviceChange } from '../../main/devices/devices.ts';
import type { Clock } from '../../main/lib/clock.ts';
import type { Db } from '../../main/store/database.ts';
import { manualClock } from './manual-clock.ts';

/** The devices area on `db`, recording the events it emits and the batches its change hook sees. */
export function recordingDevices(db: Db, clock: Clock = manualClock()) {
  const events: EngineEvent[] = [];
  const batches: DeviceChange[][] = [];
  const devices = createDevices({ db, clock, events: { emit: (name, payload) => events.push({ name, payload } as EngineEvent) } });
  devices.onChange((changes) => batches.push([...changes]));
  const names = () => events.map((e) => e.name);
  return { devices, events, batches, names };
}

/** What addToMonitoring needs besides the devices: nothing of templates, monitoring or settings is used. */
export function addToMonitoringDeps(devices: AddToMonitoringDeps['devices']): AddToMonitoringDeps {
  return {
    devices,
    templates: {} as AddToMonitoringDeps['templates'],
    monitoring: { reload: () => undefined } as unknown as AddToMonitoringDeps['monitoring'],
    settings: {} as AddToMonitoringDeps['settings'],
    credentialExists: () => false,
  };
}
