/**
 * The Zabbix side of the device-as-listed view (main/devices/device-view.ts): what Zabbix says
 * about each linked device, from the mirror's links. One query for all links, or one link for a
 * single device.
 */
import type { Device, DeviceZabbixView } from '../../api/devices.ts';
import type { Db } from '../../store/database.ts';
import { createZabbixLinksRepo, type ZabbixLink, zabbixView } from './links-repo.ts';

export function createZabbixDeviceLookup(db: Db): (devices: readonly Device[]) => (device: Device) => DeviceZabbixView | undefined {
  const links = createZabbixLinksRepo(db);
  return (devices) => {
    const only = devices.length === 1 ? devices[0] : undefined;
    const byDevice = only ? new Map<string, ZabbixLink>() : new Map(links.all().map((l) => [l.deviceId, l]));
    if (only) {
      const l = links.ofDevice(only.id);
      if (l) byDevice.set(only.id, l);
    }
    return (d) => {
      const link = byDevice.get(d.id);
      return link ? zabbixView(link) : undefined;
    };
  };
}
