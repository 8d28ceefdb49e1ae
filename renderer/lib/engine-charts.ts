/**
 * The graphs of the engine's own device (WARD FLUX, main/self-metrics/): which series each one
 * draws, its unit, and the label that tells its lines apart. Units match main/self-metrics/self-series.ts.
 */
import type { SeriesPoints } from './series-merge.ts';

export interface EngineChart {
  title: string;
  unit: string;
  /** Series names drawn together (one line per name and label value). */
  names: readonly string[];
  /** The label that names each line (procedure, protocol, topic); none: the series' own name. */
  by?: string;
  /** A line's name when a chart draws several series names. */
  lineNames?: Readonly<Record<string, string>>;
  /** At most this many lines, the highest peaks first (a busy API has calls of dozens of procedures). */
  max?: number;
}

export const ENGINE_CHARTS: readonly EngineChart[] = [
  { title: 'API calls (calls/s)', unit: 'calls/s', names: ['self_api_calls_per_s'] },
  { title: 'API call time by procedure (ms, mean)', unit: 'ms', names: ['self_api_duration_ms'], by: 'procedure', max: 6 },
  { title: 'Polls (polls/s)', unit: 'polls/s', names: ['self_polls_ok_per_s', 'self_polls_failed_per_s'], by: 'protocol', lineNames: { self_polls_ok_per_s: 'ok', self_polls_failed_per_s: 'failed' } },
  { title: 'Poll lag (ms, p95)', unit: 'ms', names: ['self_poll_lag_p95_ms'], by: 'protocol' },
  { title: 'Outbox waiting (entries)', unit: 'entries', names: ['self_outbox_pending', 'self_outbox_dead'], by: 'topic', lineNames: { self_outbox_pending: 'pending', self_outbox_dead: 'dead' } },
  { title: 'Outbox delivered (entries/s)', unit: 'entries/s', names: ['self_outbox_delivered_per_s'], by: 'topic' },
  { title: 'Database (ms)', unit: 'ms', names: ['self_db_probe_ms', 'self_db_flush_ms'], lineNames: { self_db_probe_ms: 'probe query', self_db_flush_ms: 'metrics flush' } },
  { title: 'Event-loop delay (ms)', unit: 'ms', names: ['self_event_loop_p99_ms', 'self_event_loop_max_ms'], lineNames: { self_event_loop_p99_ms: 'p99', self_event_loop_max_ms: 'max' } },
  { title: 'Memory (RSS, MB)', unit: 'MB', names: ['self_rss_mb'] },
];

/** Every series name the engine device's graphs read. */
export const ENGINE_SERIES_NAMES: readonly string[] = ENGINE_CHARTS.flatMap((c) => c.names);

/** The lines of one chart from the queried series: labelled by `by` and, for several names, the name's line name. */
export function engineChartLines(chart: EngineChart, series: readonly SeriesPoints[]): { key: string; label: string; points: SeriesPoints['points'] }[] {
  const peak = (s: SeriesPoints): number => s.points.reduce((m, p) => Math.max(m, p.max), -Infinity);
  const mine = series.filter((s) => chart.names.includes(s.name) && s.points.length > 0);
  const kept = chart.max !== undefined ? [...mine].sort((a, b) => peak(b) - peak(a)).slice(0, chart.max) : mine;
  return kept
    .map((s) => {
      const parts = [chart.by ? (s.labels[chart.by] ?? '?') : '', chart.names.length > 1 ? (chart.lineNames?.[s.name] ?? s.name) : ''].filter(Boolean);
      return { key: `s${s.id}`, label: parts.join(' ') || chart.title.replace(/ \(.*$/, ''), points: s.points };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}
