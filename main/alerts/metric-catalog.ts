/**
 * Metric names a rule may watch: the names WARD FLUX's own monitors write (ICMP monitor, SNMP
 * templates), plus every name already in the metrics store. A rule on any other name is refused
 * with the list of near matches, so a typo does not make a rule that never fires.
 */
import type { Db } from '../store/database.ts';

export interface KnownMetric {
  name: string;
  unit: string;
  description: string;
  source: 'catalog' | 'store';
  /** A template's state item: value → state name. */
  states?: Readonly<Record<string, string>> | undefined;
}

/** Names the monitors write. Keep in step with main/icmp (checkSamples), main/monitoring/poll-sink.ts (the windowed series) and the shipped templates. */
export const METRIC_CATALOG: readonly Omit<KnownMetric, 'source'>[] = [
  { name: 'ping_rtt_ms', unit: 'ms', description: 'ICMP round-trip time (average of a check)' },
  { name: 'ping_loss_pct', unit: '%', description: 'ICMP packet loss of a check' },
  { name: 'ping_loss_pct_5m', unit: '%', description: 'ICMP packet loss over the last 5 minutes of checks (lost / sent probes)' },
  { name: 'ping_rtt_ms_5m', unit: 'ms', description: 'ICMP round-trip time, mean of the replies of the last 5 minutes' },
  { name: 'availability', unit: '0/1', description: 'Device answered the availability check (1) or not (0)' },
  { name: 'snmp_reachable', unit: '0/1', description: 'Device answered the SNMP poll (1) or not (0)' },
  { name: 'uptime_sec', unit: 's', description: 'Agent uptime (sysUpTime)' },
  { name: 'cpu_util_pct', unit: '%', description: 'CPU utilisation (per CPU with label cpu, or the device average)' },
  { name: 'cpu_load_1m', unit: '', description: 'Load average over 1 minute (UCD-SNMP)' },
  { name: 'mem_used_pct', unit: '%', description: 'Memory used' },
  { name: 'disk_used_pct', unit: '%', description: 'Disk (storage) used, per storage' },
  { name: 'if_in_bps', unit: 'bit/s', description: 'Interface input traffic' },
  { name: 'if_out_bps', unit: 'bit/s', description: 'Interface output traffic' },
  { name: 'if_in_errors', unit: '1/s', description: 'Interface input errors per second' },
  { name: 'if_out_errors', unit: '1/s', description: 'Interface output errors per second' },
  { name: 'if_in_discards', unit: '1/s', description: 'Interface input discards per second' },
  { name: 'if_out_discards', unit: '1/s', description: 'Interface output discards per second' },
  { name: 'if_oper_status', unit: '', description: 'Interface operational status (IF-MIB ifOperStatus: 1 up, 2 down, ...)' },
  { name: 'if_admin_status', unit: '', description: 'Interface administrative status (1 up, 2 down)' },
  { name: 'printer_supply_pct', unit: '%', description: 'Printer supply level (toner, ink)' },
];

/** `extra`: the metrics the templates define (their items' keys, names and units), known before a first sample. */
export function createMetricCatalog(db: Db, extra: () => readonly Omit<KnownMetric, 'source'>[] = () => []) {
  const stored = db.prepare<[], { name: string }>('SELECT DISTINCT name FROM metric_series');
  return {
    list(): KnownMetric[] {
      const out = new Map<string, KnownMetric>(METRIC_CATALOG.map((m) => [m.name, { ...m, source: 'catalog' as const }]));
      for (const m of extra()) if (!out.has(m.name)) out.set(m.name, { ...m, source: 'catalog' });
      for (const { name } of stored.all()) if (!out.has(name)) out.set(name, { name, unit: '', description: 'Seen in the metrics store', source: 'store' });
      return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    has(name: string): boolean {
      return METRIC_CATALOG.some((m) => m.name === name) || extra().some((m) => m.name === name) || db.prepare<[string], { n: number }>('SELECT 1 AS n FROM metric_series WHERE name = ? LIMIT 1').get(name) !== undefined;
    },
    /** The words of a metric the catalog or a template knows (for alert sentences). */
    words(name: string): { name: string; unit: string; states?: Readonly<Record<string, string>> | undefined } | undefined {
      const m = METRIC_CATALOG.find((x) => x.name === name) ?? extra().find((x) => x.name === name);
      return m ? { name: m.description, unit: m.unit, ...(m.states ? { states: m.states } : {}) } : undefined;
    },
    /** Up to 3 known names that look like `name` (shared prefix or small edit distance). */
    suggest(name: string): string[] {
      const names = this.list().map((m) => m.name);
      return names
        .map((n) => ({ n, d: distance(n, name) - (n.startsWith(name.slice(0, 3)) ? 1 : 0) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 3)
        .filter((x) => x.d <= Math.max(3, name.length / 2))
        .map((x) => x.n);
    },
  };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

export type MetricCatalog = ReturnType<typeof createMetricCatalog>;
