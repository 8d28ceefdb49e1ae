/**
 * Alert summaries as sentences: "Disk /export on tt is 94 % full (above 90 %)" instead of
 * "disk_used_pct {index=33, storage=/export} on tt is 94.24 (above 90)". One phrasing per metric
 * of the catalog (main/alerts/metric-catalog.ts), numbers rounded with their units, the label that
 * names the thing (storage, interface, cpu...) in words. Unknown metrics get null: the caller keeps
 * the expression form.
 */
import { METRIC_CATALOG } from './metric-catalog.ts';

type Labels = Readonly<Record<string, string>>;

interface Phrasing {
  /** What the value belongs to, e.g. "Disk /export on tt", "Latency to tt". */
  subject: (labels: Labels, device: string) => string;
  /** The firing state with the value, e.g. "is 94 % full". */
  state: (v: number) => string;
  /** The value alone with its unit, e.g. "94 %" (thresholds, resolutions). */
  amount: (v: number) => string;
  /** A threshold in the rule's condition, e.g. "90 %"; null: a state metric, the condition is not worth saying. Default: amount. */
  limit?: ((v: number) => string) | null;
  /** The resolution; default "<subject> is back to <amount>". */
  resolved?: (subject: string, v: number | null) => string;
}

/** Trims a fixed-point number: 94.20 → 94.2, 3.00 → 3. */
const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** Percentages: whole numbers from 10 up, one decimal below, two below 0.1. */
export function formatPct(v: number): string {
  const a = Math.abs(v);
  return `${trim(v.toFixed(a >= 10 ? 0 : a >= 0.1 ? 1 : 2))} %`;
}

/** Milliseconds: 152 ms, 4.3 ms, 0.42 ms. */
export function formatMs(v: number): string {
  const a = Math.abs(v);
  return `${trim(v.toFixed(a >= 10 ? 0 : a >= 1 ? 1 : 2))} ms`;
}

/** Bit rates with SI prefixes: 94.2 Mbit/s, 512 kbit/s, 0 bit/s. */
export function formatBps(v: number): string {
  const units = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'];
  let x = v;
  let i = 0;
  while (Math.abs(x) >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  const a = Math.abs(x);
  return `${trim(x.toFixed(a >= 100 || i === 0 ? 0 : a >= 10 ? 1 : 2))} ${units[i] as string}`;
}

/** A plain number with up to 3 significant digits: 3.21, 42.5, 1250. */
export function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (Number.isInteger(v)) return String(v);
  return trim(v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3));
}

/** Durations for uptimes: 45 s, 12 min, 5 h 3 min, 3 d 4 h. */
export function formatUptime(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return `${Math.floor(s / 86_400)} d${h ? ` ${h} h` : ''}`;
}

const OPER_STATUS: Record<number, string> = { 1: 'up', 2: 'down', 3: 'testing', 4: 'in an unknown state', 5: 'dormant', 6: 'not present', 7: 'down (lower layer down)' };

/** The thing a label names: "eth0 (uplink)", "/export", or "" when the series has no such label. */
function named(labels: Labels, ...keys: string[]): string {
  for (const k of keys) {
    const v = labels[k];
    if (v) return k === 'interface' && labels.alias && labels.alias !== v ? `${v} (${labels.alias})` : v;
  }
  return '';
}
const withName = (word: string, name: string): string => (name ? `${word} ${name}` : word);
const iface = (l: Labels, d: string): string => `${withName('Interface', named(l, 'interface', 'index'))} on ${d}`;

const errorsPerSec = (what: string): Pick<Phrasing, 'state' | 'amount'> => ({
  state: (v) => `has ${formatNumber(v)} ${what}/s`,
  amount: (v) => `${formatNumber(v)} ${what}/s`,
});

const PHRASINGS: Record<string, Phrasing> = {
  ping_rtt_ms: { subject: (_l, d) => `Latency to ${d}`, state: (v) => `is ${formatMs(v)}`, amount: formatMs },
  ping_rtt_ms_5m: { subject: (_l, d) => `Latency to ${d} over the last 5 minutes`, state: (v) => `is ${formatMs(v)}`, amount: formatMs },
  ping_loss_pct: { subject: (_l, d) => `Packet loss to ${d}`, state: (v) => `is ${formatPct(v)}`, amount: formatPct },
  ping_loss_pct_5m: { subject: (_l, d) => `Packet loss to ${d} over the last 5 minutes`, state: (v) => `is ${formatPct(v)}`, amount: formatPct },
  availability: {
    subject: (_l, d) => d,
    state: (v) => (v <= 0 ? 'does not answer the availability check' : v < 1 ? 'is degraded' : 'is up'),
    amount: (v) => (v <= 0 ? 'down' : v < 1 ? 'degraded' : 'up'),
    resolved: (subject, v) => (v !== null && v > 0 && v < 1 ? `${subject} is reachable again (degraded)` : `${subject} is reachable again`),
    limit: null,
  },
  snmp_reachable: {
    subject: (_l, d) => d,
    state: (v) => (v <= 0 ? 'does not answer SNMP' : 'answers SNMP'),
    amount: (v) => (v <= 0 ? 'no SNMP answer' : 'answers SNMP'),
    resolved: (subject) => `${subject} answers SNMP again`,
    limit: null,
  },
  uptime_sec: { subject: (_l, d) => d, state: (v) => `has been up for ${formatUptime(v)}`, amount: formatUptime, resolved: (s, v) => (v === null ? `${s} uptime is back to normal` : `${s} has been up for ${formatUptime(v)}`) },
  cpu_util_pct: { subject: (l, d) => `${withName('CPU', named(l, 'cpu'))} on ${d}`, state: (v) => `is at ${formatPct(v)}`, amount: formatPct },
  cpu_load_1m: { subject: (_l, d) => `Load average (1 min) on ${d}`, state: (v) => `is ${formatNumber(v)}`, amount: formatNumber },
  mem_used_pct: { subject: (l, d) => `${named(l, 'memory', 'pool') || 'Memory'} on ${d}`, state: (v) => `is ${formatPct(v)} used`, amount: (v) => `${formatPct(v)} used`, limit: formatPct },
  disk_used_pct: { subject: (l, d) => `${withName('Disk', named(l, 'storage', 'index'))} on ${d}`, state: (v) => `is ${formatPct(v)} full`, amount: (v) => `${formatPct(v)} full`, limit: formatPct },
  if_in_bps: { subject: iface, state: (v) => `receives ${formatBps(v)}`, amount: (v) => `${formatBps(v)} in`, limit: formatBps },
  if_out_bps: { subject: iface, state: (v) => `sends ${formatBps(v)}`, amount: (v) => `${formatBps(v)} out`, limit: formatBps },
  if_in_errors: { subject: iface, ...errorsPerSec('input errors') },
  if_out_errors: { subject: iface, ...errorsPerSec('output errors') },
  if_in_discards: { subject: iface, ...errorsPerSec('input discards') },
  if_out_discards: { subject: iface, ...errorsPerSec('output discards') },
  if_oper_status: {
    subject: iface,
    state: (v) => `is ${OPER_STATUS[v] ?? 'not up'} (oper status ${v})`,
    amount: (v) => OPER_STATUS[v] ?? `oper status ${v}`,
    resolved: (s) => `${s} is up again`,
    limit: null,
  },
  if_admin_status: {
    subject: iface,
    state: (v) => (v === 1 ? 'is enabled' : v === 2 ? 'is disabled (admin status 2)' : `has admin status ${v}`),
    amount: (v) => (v === 1 ? 'enabled' : v === 2 ? 'disabled' : `admin status ${v}`),
    resolved: (s, v) => (v === 2 ? `${s} is disabled` : `${s} is enabled again`),
    limit: null,
  },
  printer_supply_pct: { subject: (l, d) => `${withName('Supply', named(l, 'supply', 'index'))} on ${d}`, state: (v) => `is at ${formatPct(v)}`, amount: formatPct },
};

/** Catalog metrics without a phrasing (none today; the test keeps it that way). */
export const UNPHRASED_CATALOG_METRICS = METRIC_CATALOG.map((m) => m.name).filter((n) => !(n in PHRASINGS));

export interface SentenceInput {
  metric: string;
  labels: Labels;
  /** The device's name (or id, or "no device"). */
  device: string;
  value: number | null;
  resolved: boolean;
  /** The threshold that was crossed (firing only). */
  threshold?: { op: 'above' | 'below'; value: number; forText?: string | undefined };
  /** A state rule's set (firing only): the state's name says what is wrong, the set is not repeated. */
  state?: { op: 'in' | 'notIn'; values: readonly number[]; forText?: string | undefined };
  /** A template's metric without a phrasing of its own: the item's name and unit ("Battery charge", "%"), a state item's state names. */
  words?: { name: string; unit: string; states?: Readonly<Record<string, string>> | undefined } | undefined;
}

/** Labels that never name the thing a series is about. */
const NOT_A_NAME = new Set(['device', 'index', 'alias', 'item']);

/**
 * "Temperature CPU on tt is 71 °C": a template item's name, the row it is about, the value with its
 * unit; a state item's value by its state's name ("RAID status Volume 1 on nas is degrade (11)").
 */
function wordsPhrasing(w: NonNullable<SentenceInput['words']>): Phrasing {
  const subject = (l: Labels, d: string) => {
    const row = Object.entries(l).find(([k, v]) => !NOT_A_NAME.has(k) && v)?.[1] ?? l.index ?? '';
    return `${w.name}${row ? ` ${row}` : ''} on ${d}`;
  };
  const states = w.states;
  if (states && Object.keys(states).length > 0) {
    const named = (v: number) => states[String(v)];
    return {
      subject,
      state: (v) => (named(v) ? `is ${named(v) as string} (${v})` : `is in state ${v}`),
      amount: (v) => named(v) ?? `state ${v}`,
      // "above 2" says nothing to the reader of a state's name.
      limit: null,
    };
  }
  const withUnit = (v: number) => {
    if (w.unit === '%') return formatPct(v);
    if (w.unit === 'bit/s') return formatBps(v);
    if (w.unit === 'ms') return formatMs(v);
    return w.unit ? `${formatNumber(v)} ${w.unit}` : formatNumber(v);
  };
  return { subject, state: (v) => `is ${withUnit(v)}`, amount: withUnit };
}

/** The sentence for a threshold alert on a known metric, or null for a metric without a phrasing. */
export function alertSentence(i: SentenceInput): string | null {
  const p = PHRASINGS[i.metric] ?? (i.words ? wordsPhrasing(i.words) : undefined);
  if (!p) return null;
  const subject = p.subject(i.labels, i.device);
  if (i.resolved) return p.resolved ? p.resolved(subject, i.value) : `${subject} is back to ${i.value === null ? 'normal' : p.amount(i.value)}`;
  const state = i.value === null ? 'has no value' : p.state(i.value);
  const limit = p.limit === undefined ? p.amount : p.limit;
  const forText = i.threshold?.forText ?? i.state?.forText;
  const why = i.threshold && limit ? ` (${i.threshold.op} ${limit(i.threshold.value)}${forText ? ` for ${forText}` : ''})` : forText ? ` (for ${forText})` : '';
  return `${subject} ${state}${why}`;
}
