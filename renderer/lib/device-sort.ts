/**
 * The Devices list's order: by a column, ascending or descending, then by name. The key numbers
 * (latency, loss, uptime, last seen, open alerts) sort as numbers, and a device without the figure
 * goes last in both directions (an unmeasured device is neither the best nor the worst).
 */
import type { DeviceStats, MonitoredDevice } from '../../main/api/devices.ts';
import type { SortColumn } from '../stores/devices-store.ts';
import type { DeviceState } from './device-state.ts';
import { TYPE_LABELS } from './discovery.ts';
import { SOURCE_LABELS } from './zabbix-view.ts';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STAT_COLUMNS: ReadonlySet<SortColumn> = new Set<SortColumn>(['rtt', 'loss', 'uptime', 'lastSeen', 'alerts']);
const STATE_ORDER: Record<DeviceState, number> = { down: 0, degraded: 1, unknown: 2, up: 3 };

/** IPv4 addresses sort by number (10.0.0.9 before 10.0.0.10); anything else by text. */
function addressKey(address: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  return m ? m.slice(1).map((p) => p.padStart(3, '0')).join('.') : `~${address}`;
}

function statKey(column: SortColumn, d: MonitoredDevice, s: DeviceStats | undefined): number | null {
  switch (column) {
    case 'rtt':
      return s?.rttMs ?? null;
    case 'loss':
      return s?.lossPct ?? null;
    case 'uptime':
      return s?.uptimeSec ?? null;
    case 'lastSeen':
      return d.lastSeen ?? null;
    case 'alerts':
      return s?.openAlerts ?? 0;
    default:
      return null;
  }
}

/** `list` is in name order (the store keeps it so): sorting by name only reverses it. */
export function sortDevices(list: MonitoredDevice[], column: SortColumn, dir: 'asc' | 'desc', stats: ReadonlyMap<string, DeviceStats> = new Map()): MonitoredDevice[] {
  const sign = dir === 'asc' ? 1 : -1;
  if (column === 'name') return dir === 'asc' ? list : [...list].reverse();
  if (STAT_COLUMNS.has(column)) {
    const keyed = list.map((d) => ({ d, key: statKey(column, d, stats.get(d.id)) }));
    keyed.sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === b.key ? collator.compare(a.d.name, b.d.name) : a.key === null ? 1 : -1;
      return sign * (a.key - b.key) || collator.compare(a.d.name, b.d.name);
    });
    return keyed.map((k) => k.d);
  }
  const keyed = list.map((d) => {
    let key: string | number;
    if (column === 'state') key = d.enabled ? STATE_ORDER[d.status] : 9;
    else if (column === 'source') key = SOURCE_LABELS[d.source];
    else if (column === 'address') key = addressKey(d.address);
    else if (column === 'type') key = d.type === 'unknown' ? '\uffff' : TYPE_LABELS[d.type];
    else if (column === 'vendor') key = d.vendor ?? '\uffff';
    else if (column === 'tags') key = d.tags.join(',') || '\uffff';
    else key = d.updatedAt;
    return { d, key };
  });
  keyed.sort((a, b) => sign * (typeof a.key === 'number' ? a.key - (b.key as number) : collator.compare(a.key, b.key as string)) || collator.compare(a.d.name, b.d.name));
  return keyed.map((k) => k.d);
}
