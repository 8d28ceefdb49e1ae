import { describe, expect, it } from 'vitest';
import { parsePrometheusText, promValue } from '../../test/support/prometheus-text.ts';
import type { TopicStatus } from '../outbox/outbox.ts';
import type { EventLoopMonitor } from './event-loop.ts';
import { createEventLoopMonitor } from './event-loop.ts';
import { createSelfCollectors } from './self-collectors.ts';
import { selfSamples } from './self-series.ts';

const topic = (t: string, pending: number, delivered: number, dead = 0): TopicStatus => ({ topic: t, pending, delivered, dead, oldestPendingMs: null, lastError: null, lastDeliveredAt: null });

function setup() {
  let mono = 1000;
  let outbox: TopicStatus[] = [topic('email', 2, 5)];
  const loop: EventLoopMonitor = { start: () => undefined, stop: () => undefined, peek: () => ({ samples: 10, p50Ms: 1, p99Ms: 12, maxMs: 40 }), take: () => ({ samples: 10, p50Ms: 1, p99Ms: 12, maxMs: 40 }) };
  const c = createSelfCollectors({
    outbox: () => outbox,
    writer: () => ({ written: 0, flushes: 0, buffered: 0, dropped: 0, failedFlushes: 0, lastFlushMs: 3.5 }),
    eventLoop: loop,
    rss: () => 64 * 1048576,
    now: () => mono,
    timer: () => mono,
  });
  return { c, advance: (ms: number) => (mono += ms), setOutbox: (o: TopicStatus[]) => (outbox = o) };
}

const poll = (protocol: 'snmp' | 'icmp', status: 'ok' | 'timeout' | 'error', lagMs: number) => ({ deviceId: 'd', protocol, status, items: 1, dueAt: 0, startedAt: lagMs, durationMs: 5, lagMs });

describe('self-metrics collectors: the Prometheus exposition', () => {
  it('has every family, parsed strictly, with the observed calls, polls, outbox, store, event loop and memory', async () => {
    const { c } = setup();
    c.observeCall('devices.list', 4, 'ok');
    c.observeCall('devices.list', 30, 'ok');
    c.observeCall('devices.get', 1, 'not_found');
    c.observePoll(poll('snmp', 'ok', 3));
    c.observePoll(poll('snmp', 'timeout', 700));
    c.observePoll(poll('icmp', 'ok', 0));
    c.take(); // one probe observed
    const { body, contentType } = await c.exposition();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const f = parsePrometheusText(body);
    expect([...f.keys()].sort()).toEqual([
      'process_resident_memory_bytes',
      'wardflux_api_request_duration_seconds',
      'wardflux_db_probe_seconds',
      'wardflux_event_loop_delay_max_seconds',
      'wardflux_event_loop_delay_p99_seconds',
      'wardflux_metrics_flush_seconds',
      'wardflux_outbox_entries',
      'wardflux_poll_lag_seconds',
      'wardflux_polls_total',
      'wardflux_self_tick_seconds',
    ]);
    expect(f.get('wardflux_api_request_duration_seconds')?.type).toBe('histogram');
    expect(promValue(f, 'wardflux_api_request_duration_seconds', 'wardflux_api_request_duration_seconds_count', { procedure: 'devices.list', outcome: 'ok' })).toBe(2);
    expect(promValue(f, 'wardflux_api_request_duration_seconds', 'wardflux_api_request_duration_seconds_sum', { procedure: 'devices.list', outcome: 'ok' })).toBeCloseTo(0.034);
    expect(promValue(f, 'wardflux_api_request_duration_seconds', 'wardflux_api_request_duration_seconds_bucket', { procedure: 'devices.list', le: '0.005' })).toBe(1);
    expect(promValue(f, 'wardflux_api_request_duration_seconds', 'wardflux_api_request_duration_seconds_count', { procedure: 'devices.get', outcome: 'not_found' })).toBe(1);
    expect(f.get('wardflux_polls_total')?.type).toBe('counter');
    expect(promValue(f, 'wardflux_polls_total', 'wardflux_polls_total', { protocol: 'snmp', outcome: 'ok' })).toBe(1);
    expect(promValue(f, 'wardflux_polls_total', 'wardflux_polls_total', { protocol: 'snmp', outcome: 'timeout' })).toBe(1);
    expect(promValue(f, 'wardflux_poll_lag_seconds', 'wardflux_poll_lag_seconds_bucket', { protocol: 'snmp', le: '0.5' })).toBe(1);
    expect(promValue(f, 'wardflux_poll_lag_seconds', 'wardflux_poll_lag_seconds_bucket', { protocol: 'snmp', le: '1' })).toBe(2);
    expect(promValue(f, 'wardflux_outbox_entries', 'wardflux_outbox_entries', { topic: 'email', state: 'pending' })).toBe(2);
    expect(promValue(f, 'wardflux_outbox_entries', 'wardflux_outbox_entries', { topic: 'email', state: 'delivered' })).toBe(5);
    expect(promValue(f, 'wardflux_db_probe_seconds', 'wardflux_db_probe_seconds_count')).toBe(1);
    expect(promValue(f, 'wardflux_metrics_flush_seconds', 'wardflux_metrics_flush_seconds')).toBe(0.0035);
    expect(promValue(f, 'wardflux_event_loop_delay_p99_seconds', 'wardflux_event_loop_delay_p99_seconds')).toBe(0.012);
    expect(promValue(f, 'process_resident_memory_bytes', 'process_resident_memory_bytes')).toBe(64 * 1048576);
  });

  it('the strict parser refuses what a scraper would', () => {
    expect(() => parsePrometheusText('x{a="1} 1\n')).toThrow(/unterminated/);
    expect(() => parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n')).toThrow(/not cumulative/);
    expect(() => parsePrometheusText('x 1\nx 2\n')).toThrow(/twice/);
    expect(() => parsePrometheusText('x one\n')).toThrow(/not a number/);
    expect(() => parsePrometheusText('x 1')).toThrow(/newline/);
  });
});

describe('self-metrics collectors: windows for the engine device', () => {
  it('a window holds what happened since the previous take; the samples are rates, means and levels with units', () => {
    const { c, advance, setOutbox } = setup();
    c.take();
    advance(10_000);
    for (let i = 0; i < 20; i++) c.observeCall('devices.list', 5, 'ok');
    c.observeCall('metrics.query', 50, 'ok');
    for (let i = 0; i < 19; i++) c.observePoll(poll('snmp', 'ok', 2));
    c.observePoll(poll('snmp', 'error', 900));
    setOutbox([topic('email', 1, 9, 1)]);
    const w = c.take();
    expect(w.ms).toBe(10_000);
    expect(w.api.calls).toBe(21);
    expect(w.polls.get('snmp')).toEqual({ ok: 19, failed: 1, lagP95Ms: 5 });
    const samples = selfSamples(w, 'engine', new Map([['email', 5]]));
    const value = (name: string, labels: Record<string, string> = {}) => samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(samples.every((s) => s.labels.device === 'engine')).toBe(true);
    expect(value('self_api_calls_per_s')).toBeCloseTo(2.1);
    expect(value('self_api_duration_ms', { procedure: 'devices.list' })).toBe(5);
    expect(value('self_api_duration_ms', { procedure: 'metrics.query' })).toBe(50);
    expect(value('self_polls_ok_per_s', { protocol: 'snmp' })).toBeCloseTo(1.9);
    expect(value('self_polls_failed_per_s', { protocol: 'snmp' })).toBeCloseTo(0.1);
    expect(value('self_poll_lag_p95_ms', { protocol: 'snmp' })).toBe(5);
    expect(value('self_outbox_pending', { topic: 'email' })).toBe(1);
    expect(value('self_outbox_dead', { topic: 'email' })).toBe(1);
    expect(value('self_outbox_delivered_per_s', { topic: 'email' })).toBeCloseTo(0.4);
    expect(value('self_db_flush_ms')).toBe(3.5);
    expect(value('self_event_loop_p99_ms')).toBe(12);
    expect(value('self_rss_mb')).toBe(64);
    // The next window starts empty: no polls, no per-procedure means, the call rate 0.
    advance(15_000);
    const next = selfSamples(c.take(), 'engine', new Map([['email', 9]]));
    expect(next.find((s) => s.name === 'self_api_calls_per_s')?.value).toBe(0);
    expect(next.some((s) => s.name === 'self_api_duration_ms' || s.name === 'self_polls_ok_per_s')).toBe(false);
    // Delivered rows pruned (fewer than before): no rate rather than a negative one.
    expect(selfSamples(c.take(), 'engine', new Map([['email', 50]])).some((s) => s.name === 'self_outbox_delivered_per_s')).toBe(false);
  });

  it('the event-loop monitor sees a blocked loop', async () => {
    const m = createEventLoopMonitor(5);
    m.start();
    await new Promise((r) => setTimeout(r, 30));
    const until = performance.now() + 60;
    while (performance.now() < until) {
      /* block the loop for 60 ms */
    }
    await new Promise((r) => setTimeout(r, 30));
    const w = m.take();
    m.stop();
    expect(w.samples).toBeGreaterThan(0);
    expect(w.maxMs).toBeGreaterThanOrEqual(50);
  });
});
