import type { DeviceSource, MonitoredDevice } from '../../main/api/devices.ts';
import type { Settings } from '../../main/api/settings.ts';
import type { ZABBIX_SEVERITY_NAMES, ZabbixItem, ZabbixStatus } from '../../main/api/zabbix.ts';
import { formatBps, formatCompact, formatDuration, formatPct } from './format.ts';
import type { Point } from './series-merge.ts';

/** How Zabbix data is put into words: sources, severities, item values, the mirror's state. */

export type MonitoringMode = Settings['monitoringMode'];

export const SOURCE_LABELS: Record<DeviceSource, string> = { wardflux: 'WARD FLUX', zabbix: 'Zabbix', both: 'Both' };
export const SOURCE_HINTS: Record<DeviceSource, string> = {
  wardflux: 'Added in WARD FLUX and monitored by it',
  zabbix: 'A Zabbix host: WARD FLUX shows what Zabbix reports and does not poll it',
  both: 'A WARD FLUX device matched to a Zabbix host',
};

export const MODE_LABELS: Record<MonitoringMode, string> = { standalone: 'Standalone', zabbix: 'Zabbix', hybrid: 'Hybrid' };
/** One line per mode, under the mode select. */
export const MODE_EXPLANATIONS: Record<MonitoringMode, string> = {
  standalone: 'WARD FLUX polls its devices itself (ping, SNMP); no Zabbix server is read.',
  zabbix: 'WARD FLUX polls nothing: hosts, status and problems come from the Zabbix server.',
  hybrid: 'WARD FLUX polls its own devices and also shows the Zabbix hosts and problems, merged per device.',
};

/** Zabbix's trigger severities (0-5), in Zabbix's own words; typed as the engine's list, so the two cannot drift apart (the renderer imports only types from main/). */
export const ZABBIX_SEVERITY_LABELS: typeof ZABBIX_SEVERITY_NAMES = ['Not classified', 'Information', 'Warning', 'Average', 'High', 'Disaster'];

export const MATCH_LABELS: Record<NonNullable<MonitoredDevice['zabbix']>['matchedBy'], string> = {
  pushed: 'Pushed from WARD FLUX',
  ip: 'Same IP address',
  dns: 'Interface DNS name',
  name: 'Host name',
  imported: 'Zabbix host (no WARD FLUX device)',
};

/**
 * Where a device's status comes from, for its badge; undefined when it goes without saying (not
 * hybrid mode, or a Zabbix-only device, whose status can only be Zabbix's).
 */
export function statusOrigin(device: Pick<MonitoredDevice, 'statusSource' | 'source'>, mode: MonitoringMode | undefined): { via: 'wardflux' | 'zabbix'; hint: string } | undefined {
  if (mode !== 'hybrid' || !device.statusSource || device.source === 'zabbix') return undefined;
  return device.statusSource === 'zabbix'
    ? { via: 'zabbix', hint: "Status from Zabbix: WARD FLUX's own checks have no verdict for this device" }
    : { via: 'wardflux', hint: "Status from WARD FLUX's own checks" };
}

/** "45 s", "12 min", "3 h", "2 d". */
export function formatAge(sec: number): string {
  if (sec < 60) return `${Math.max(0, Math.round(sec))} s`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min`;
  if (sec < 86_400) return `${Math.floor(sec / 3600)} h`;
  return `${Math.floor(sec / 86_400)} d`;
}

export type MirrorNotice = { tone: 'warning' | 'info'; text: string } | undefined;

/** Seconds since the mirror last read Zabbix, at `now`. */
export function mirrorAgeSec(status: Pick<ZabbixStatus, 'lastSyncAt'>, now: number): number | null {
  return status.lastSyncAt === null ? null : Math.max(0, Math.round((now - status.lastSyncAt) / 1000));
}

/** What the mirror banner says: a warning when Zabbix could not be read, nothing when all is well. */
export function mirrorNotice(status: ZabbixStatus, now: number): MirrorNotice {
  if (status.mode === 'standalone') return undefined;
  if (!status.configured) return { tone: 'warning', text: `${MODE_LABELS[status.mode]} mode, but no Zabbix server is configured: set its URL and credential in Settings.` };
  const age = mirrorAgeSec(status, now);
  const why = status.error ? `: ${status.error}` : '.';
  if (status.stale) {
    return {
      tone: 'warning',
      text: age === null ? `Zabbix unreachable, nothing read from it yet${why}` : `Zabbix unreachable, showing data from ${formatAge(age)} ago${why}`,
    };
  }
  if (status.lastSyncAt === null) return { tone: 'info', text: 'Not synced with Zabbix yet.' };
  return undefined;
}

/** Float and unsigned items can be graphed; character, log and text ones cannot. */
export function isNumericItem(item: Pick<ZabbixItem, 'valueType'>): boolean {
  return item.valueType === 0 || item.valueType === 3;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** A value in Zabbix units, the way Zabbix shows it (B and bps scaled, s as a duration). */
export function formatZabbixValue(value: number, units: string): string {
  if (!Number.isFinite(value)) return '—';
  switch (units) {
    case 'bps':
      return formatBps(value);
    case '%':
      return formatPct(value);
    case 's':
    case 'uptime':
      return formatDuration(value);
    case 'unixtime':
      return new Date(value * 1000).toLocaleString();
    case 'B': {
      let v = Math.abs(value);
      let i = 0;
      while (v >= 1024 && i < BYTE_UNITS.length - 1) {
        v /= 1024;
        i++;
      }
      return `${value < 0 ? '-' : ''}${i === 0 || v >= 100 ? Math.round(v) : v.toFixed(1)} ${BYTE_UNITS[i]}`;
    }
    default: {
      const n = Math.abs(value) >= 10_000 ? formatCompact(value) : String(Math.round(value * 100) / 100);
      return units ? `${n} ${units}` : n;
    }
  }
}

/** An item's last value with its units; text items as they are; "—" when it never got one. */
export function formatItemValue(item: Pick<ZabbixItem, 'lastValue' | 'lastClock' | 'units' | 'valueType'>): string {
  if (item.lastClock === null) return '—';
  if (!isNumericItem(item)) return item.lastValue;
  const n = Number(item.lastValue);
  return item.lastValue.trim() === '' || !Number.isFinite(n) ? item.lastValue : formatZabbixValue(n, item.units);
}

/** The time chart's unit for a Zabbix unit (so its axis and tooltip format alike). */
export function chartUnit(units: string): string {
  if (units === 'bps') return 'bit/s';
  if (units === 'uptime') return 's';
  return units;
}

/** Zabbix history (or trends, with min and max) as chart points; text values are left out. */
export function historyPoints(points: ReadonlyArray<{ clock: number; value: number | string; min?: number; max?: number }>): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const v = typeof p.value === 'number' ? p.value : Number(p.value);
    if (!Number.isFinite(v) || (typeof p.value === 'string' && p.value.trim() === '')) continue;
    out.push({ ts: p.clock, avg: v, min: p.min ?? v, max: p.max ?? v, count: 1 });
  }
  return out.sort((a, b) => a.ts - b.ts);
}
