/**
 * A window of the engine's figures as samples of the engine device's series (names and units:
 * SELF_SERIES; the device page graphs them). Rates are per second over the window; a series
 * that had nothing to say in a window (no calls of a procedure, no polls of a protocol) gets no
 * sample rather than a made-up zero; only the API's call rate is 0 then.
 */
import type { Labels } from '../metrics/labels.ts';
import type { SelfWindow } from './self-collectors.ts';

/** The engine device's series: name → unit (as the device page shows it). */
export const SELF_SERIES = {
  self_api_calls_per_s: 'calls/s',
  self_api_duration_ms: 'ms',
  self_polls_ok_per_s: 'polls/s',
  self_polls_failed_per_s: 'polls/s',
  self_poll_lag_p95_ms: 'ms',
  self_outbox_pending: 'entries',
  self_outbox_dead: 'entries',
  self_outbox_delivered_per_s: 'entries/s',
  self_db_probe_ms: 'ms',
  self_db_flush_ms: 'ms',
  self_event_loop_p99_ms: 'ms',
  self_event_loop_max_ms: 'ms',
  self_rss_mb: 'MB',
} as const;
export type SelfSeriesName = keyof typeof SELF_SERIES;

export interface SelfSample {
  name: SelfSeriesName;
  labels: Labels;
  value: number;
}

/**
 * The samples of one window. `deliveredBefore` is the delivered count per topic at the previous
 * window (delivered rows are pruned after a while: a drop gives no rate, not a negative one).
 */
export function selfSamples(w: SelfWindow, deviceId: string, deliveredBefore: ReadonlyMap<string, number>): SelfSample[] {
  const sec = Math.max(w.ms, 1) / 1000;
  const at = (labels: Labels = {}): Labels => ({ device: deviceId, ...labels });
  const out: SelfSample[] = [{ name: 'self_api_calls_per_s', labels: at(), value: w.api.calls / sec }];
  for (const [procedure, p] of w.api.byProcedure) out.push({ name: 'self_api_duration_ms', labels: at({ procedure }), value: p.totalMs / p.calls });
  for (const [protocol, p] of w.polls) {
    out.push({ name: 'self_polls_ok_per_s', labels: at({ protocol }), value: p.ok / sec }, { name: 'self_polls_failed_per_s', labels: at({ protocol }), value: p.failed / sec });
    if (p.lagP95Ms !== null) out.push({ name: 'self_poll_lag_p95_ms', labels: at({ protocol }), value: p.lagP95Ms });
  }
  for (const t of w.outbox) {
    out.push({ name: 'self_outbox_pending', labels: at({ topic: t.topic }), value: t.pending }, { name: 'self_outbox_dead', labels: at({ topic: t.topic }), value: t.dead });
    const before = deliveredBefore.get(t.topic);
    if (before !== undefined && t.delivered >= before) out.push({ name: 'self_outbox_delivered_per_s', labels: at({ topic: t.topic }), value: (t.delivered - before) / sec });
  }
  out.push(
    { name: 'self_db_probe_ms', labels: at(), value: w.dbProbeMs },
    { name: 'self_db_flush_ms', labels: at(), value: w.lastFlushMs },
    { name: 'self_rss_mb', labels: at(), value: w.rssBytes / 1048576 },
  );
  if (w.eventLoop.samples > 0) out.push({ name: 'self_event_loop_p99_ms', labels: at(), value: w.eventLoop.p99Ms }, { name: 'self_event_loop_max_ms', labels: at(), value: w.eventLoop.maxMs });
  return out;
}
