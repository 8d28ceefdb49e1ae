/**
 * The device page's interfaces: one row per interface from its series' latest values, the busiest
 * ones to graph by default, and the table's filter and sort.
 */
import { shownUtilisation } from './interface-utilisation.ts';

export interface InterfaceRow {
  name: string;
  alias?: string;
  /** IF-MIB ifAdminStatus: 1 up, 2 down, 3 testing. */
  admin?: number;
  /** IF-MIB ifOperStatus: 1 up, 2 down, ... */
  oper?: number;
  inBps?: number;
  outBps?: number;
  inErr?: number;
  outErr?: number;
  /** Link speed (ifHighSpeed, else ifSpeed) in bit/s. */
  speedBps?: number;
  inUtil?: number;
  outUtil?: number;
  lastTs?: number;
}

/** What interfacesOf reads of a series (metrics.series rows fit). */
export interface SeriesLast {
  name: string;
  labels: Record<string, string>;
  lastTs: number | null;
  lastValue: number | null;
}

const FIELD: Record<string, keyof InterfaceRow> = {
  if_admin_status: 'admin',
  if_oper_status: 'oper',
  if_in_bps: 'inBps',
  if_out_bps: 'outBps',
  if_in_errors: 'inErr',
  if_out_errors: 'outErr',
  if_speed_bps: 'speedBps',
  if_in_util_pct: 'inUtil',
  if_out_util_pct: 'outUtil',
};

/** One row per `interface` label, by name in natural order (Gi1/0/2 before Gi1/0/10). */
export function interfacesOf(series: readonly SeriesLast[]): InterfaceRow[] {
  const rows = new Map<string, InterfaceRow>();
  for (const s of series) {
    const name = s.labels.interface;
    if (!name) continue;
    let row = rows.get(name);
    if (!row) rows.set(name, (row = { name }));
    if (s.labels.alias) row.alias = s.labels.alias;
    if (s.lastTs) row.lastTs = Math.max(row.lastTs ?? 0, s.lastTs);
    const field = FIELD[s.name];
    if (field && s.lastValue !== null) (row as unknown as Record<string, number>)[field] = s.lastValue;
  }
  return [...rows.values()].sort((a, b) => byName(a.name, b.name));
}

const byName = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true });

/** Recent traffic in and out, bit/s (0 when unmeasured). */
export const trafficOf = (r: InterfaceRow): number => (r.inBps ?? 0) + (r.outBps ?? 0);

/** The higher of utilisation in and out, where it is shown (up with a speed), else -1. */
const utilOf = (r: InterfaceRow): number => {
  const u = shownUtilisation(r);
  return Math.max(u.inUtil ?? -1, u.outUtil ?? -1);
};

/**
 * The interfaces to graph when nobody picked any: the `n` busiest that are up, by recent traffic
 * (utilisation breaks ties). Ports up but silent only fill in when no port carries traffic, and a
 * port that is down is never chosen.
 */
export function busiestInterfaces(rows: readonly InterfaceRow[], n = 4): string[] {
  const up = rows.filter((r) => r.oper === 1);
  const busy = up.filter((r) => trafficOf(r) > 0);
  const pool = busy.length > 0 ? busy : up;
  return [...pool]
    .sort((a, b) => trafficOf(b) - trafficOf(a) || utilOf(b) - utilOf(a) || byName(a.name, b.name))
    .slice(0, n)
    .map((r) => r.name);
}

/** Rows whose name or alias contains every word of `query` (case-insensitive). */
export function filterInterfaces(rows: readonly InterfaceRow[], query: string): InterfaceRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const text = `${r.name} ${r.alias ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export type InterfaceSortKey = 'name' | 'alias' | 'admin' | 'oper' | 'speed' | 'in' | 'out' | 'util' | 'errors';
export interface InterfaceSort {
  key: InterfaceSortKey;
  dir: 'asc' | 'desc';
}

/** Up (1) first, then testing, dormant, ..., down: the order a technician scans for. */
const statusRank = (s: number | undefined): number => (s === undefined ? 99 : s === 1 ? 0 : s === 2 ? 50 : s);

const VALUE: Record<Exclude<InterfaceSortKey, 'name' | 'alias'>, (r: InterfaceRow) => number | undefined> = {
  admin: (r) => (r.admin === undefined ? undefined : statusRank(r.admin)),
  oper: (r) => (r.oper === undefined ? undefined : statusRank(r.oper)),
  speed: (r) => (r.speedBps ? r.speedBps : undefined),
  in: (r) => r.inBps,
  out: (r) => r.outBps,
  util: (r) => (utilOf(r) >= 0 ? utilOf(r) : undefined),
  errors: (r) => (r.inErr === undefined && r.outErr === undefined ? undefined : (r.inErr ?? 0) + (r.outErr ?? 0)),
};

/** Sorted rows; rows without the value go last in either direction, then by name. */
export function sortInterfaces(rows: readonly InterfaceRow[], sort: InterfaceSort): InterfaceRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (sort.key === 'name') return [...rows].sort((a, b) => sign * byName(a.name, b.name));
  if (sort.key === 'alias') {
    return [...rows].sort((a, b) => {
      if (!a.alias || !b.alias) return a.alias ? -1 : b.alias ? 1 : byName(a.name, b.name);
      return sign * byName(a.alias, b.alias) || byName(a.name, b.name);
    });
  }
  const value = VALUE[sort.key];
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === undefined || y === undefined) return x !== undefined ? -1 : y !== undefined ? 1 : byName(a.name, b.name);
    return sign * (x - y) || byName(a.name, b.name);
  });
}

/** A first click on a column: names and statuses ascending, figures descending (busiest first). */
export function nextSort(current: InterfaceSort, key: InterfaceSortKey): InterfaceSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' || key === 'alias' || key === 'admin' || key === 'oper' ? 'asc' : 'desc' };
}
