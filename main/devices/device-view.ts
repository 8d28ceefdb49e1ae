/**
 * A device as listed, in every monitoring mode: where it comes from (`source`), what Zabbix says
 * about it (`zabbix`) and whose verdict its `status` is (`statusSource`). Standalone: WARD FLUX's
 * own, links ignored. Zabbix mode: Zabbix's. Hybrid: WARD FLUX's own when it has one, else
 * Zabbix's. Fed by lookups the other areas pass in (monitoring's device state, the Zabbix links),
 * so this module depends on neither.
 */
import type { Device, DeviceStatus, DeviceZabbixView, MonitoredDevice } from '../api/devices.ts';
import type { Settings } from '../api/settings.ts';

/** What WARD FLUX's own pollers say about a device. */
export interface OwnStatus {
  status: DeviceStatus;
  lastSeen?: number;
}

export type Mode = Settings['monitoringMode'];

/** A lookup prepared for a set of devices (one read for a page, a single one for one device). */
export type Lookup<T> = (devices: readonly Device[]) => (device: Device) => T;

export interface DeviceViewSources {
  mode: () => Mode;
  /** WARD FLUX's own status of each device (monitoring's device state). */
  ownStatus: Lookup<OwnStatus>;
  /** Zabbix's view of each device linked to a host (the mirror's links); undefined when not linked. */
  zabbix: Lookup<DeviceZabbixView | undefined>;
}

type Extra = Pick<MonitoredDevice, 'status' | 'statusSource' | 'source' | 'zabbix'> & { lastSeen?: number };

/** The view of one device, from its own status and its Zabbix link. */
export function deviceView(mode: Mode, own: OwnStatus, zabbix: DeviceZabbixView | undefined): Extra {
  const lastSeen = own.lastSeen !== undefined ? { lastSeen: own.lastSeen } : {};
  const imported = zabbix?.matchedBy === 'imported';
  // Standalone ignores the links of own devices (imported ones only exist until the mirror removes them).
  if (!zabbix || (mode === 'standalone' && !imported)) {
    // Zabbix mode: WARD FLUX polls nothing, so a device Zabbix does not know has no status at all.
    if (mode === 'zabbix') return { status: 'unknown', statusSource: null, source: 'wardflux', zabbix: null, ...lastSeen };
    return { status: own.status, statusSource: 'wardflux', source: 'wardflux', zabbix: null, ...lastSeen };
  }
  const source = imported ? 'zabbix' : 'both';
  const useOwn = !imported && mode !== 'zabbix' && own.status !== 'unknown';
  return useOwn ? { status: own.status, statusSource: 'wardflux', source, zabbix, ...lastSeen } : { status: zabbix.status, statusSource: 'zabbix', source, zabbix, ...lastSeen };
}

/** The devices as listed: each with the mode's view. */
export function createDeviceView(s: DeviceViewSources): (devices: readonly Device[]) => MonitoredDevice[] {
  return (devices) => {
    const mode = s.mode();
    const own = s.ownStatus(devices);
    const zabbix = s.zabbix(devices);
    // The engine's own device is up while the engine answers (it is never polled over the network).
    return devices.map((d) => (d.builtin ? { ...d, status: 'up', statusSource: 'wardflux', source: 'wardflux', zabbix: null } : { ...d, ...deviceView(mode, own(d), zabbix(d)) }));
  };
}
