/**
 * A device as listed, by monitoring mode: where it comes from (`source`), what Zabbix says about
 * it (`zabbix`) and whose verdict its `status` is (`statusSource`). Standalone: WARD FLUX's own,
 * links ignored. Zabbix mode: Zabbix's. Hybrid: WARD FLUX's own when it has one, else Zabbix's.
 */
import type { Device, DeviceStatus, MonitoredDevice } from '../api/devices.ts';
import type { Settings } from '../api/settings.ts';
import type { Db } from '../store/database.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import { createZabbixLinksRepo, type ZabbixLink, zabbixView } from './links-repo.ts';

/** What WARD FLUX's own pollers say about a device. */
export interface OwnStatus {
  status: DeviceStatus;
  lastSeen?: number;
}

type Extra = Pick<MonitoredDevice, 'status' | 'statusSource' | 'source' | 'zabbix'> & { lastSeen?: number };

export function deviceView(mode: Settings['monitoringMode'], own: OwnStatus, link: ZabbixLink | undefined): Extra {
  const lastSeen = own.lastSeen !== undefined ? { lastSeen: own.lastSeen } : {};
  const imported = link?.matchedBy === 'imported';
  // Standalone ignores the links of own devices (imported ones only exist until the mirror removes them).
  if (!link || (mode === 'standalone' && !imported)) {
    // Zabbix mode: WARD FLUX polls nothing, so a device Zabbix does not know has no status at all.
    if (mode === 'zabbix') return { status: 'unknown', statusSource: null, source: 'wardflux', zabbix: null, ...lastSeen };
    return { status: own.status, statusSource: 'wardflux', source: 'wardflux', zabbix: null, ...lastSeen };
  }
  const zabbix = zabbixView(link);
  const source = imported ? 'zabbix' : 'both';
  const useOwn = !imported && mode !== 'zabbix' && own.status !== 'unknown';
  return useOwn ? { status: own.status, statusSource: 'wardflux', source, zabbix, ...lastSeen } : { status: zabbix.status, statusSource: 'zabbix', source, zabbix, ...lastSeen };
}

/** Adds the mode's view to devices; one query for all links (or one link for a single device). */
export function createDeviceViews(db: Db, settings: Pick<SettingsRepo, 'get'>) {
  const links = createZabbixLinksRepo(db);
  return function withView(devices: readonly Device[], own: (device: Device) => OwnStatus): MonitoredDevice[] {
    const mode = settings.get().monitoringMode;
    const only = devices.length === 1 ? devices[0] : undefined;
    const byDevice = only ? new Map<string, ZabbixLink>() : new Map(links.all().map((l) => [l.deviceId, l]));
    if (only) {
      const l = links.ofDevice(only.id);
      if (l) byDevice.set(only.id, l);
    }
    return devices.map((d) => ({ ...d, ...deviceView(mode, own(d), byDevice.get(d.id)) }));
  };
}
