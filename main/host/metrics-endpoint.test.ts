import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { testHost } from '../../test/support/host.ts';
import { parsePrometheusText, promValue, type PromFamily } from '../../test/support/prometheus-text.ts';
import { until } from '../../test/support/until.ts';
import { unwrap } from '../api/dispatcher.ts';
import { ENGINE_DEVICE_ID } from '../devices/engine-device.ts';

const later = cleanupAfterEach();

const FAMILIES = [
  'wardflux_api_request_duration_seconds',
  'wardflux_polls_total',
  'wardflux_poll_lag_seconds',
  'wardflux_outbox_entries',
  'wardflux_db_probe_seconds',
  'wardflux_metrics_flush_seconds',
  'wardflux_event_loop_delay_p99_seconds',
  'wardflux_event_loop_delay_max_seconds',
  'process_resident_memory_bytes',
];

describe('GET /api/v1/metrics', () => {
  it('needs a token (401 without, or with a wrong one), then answers Prometheus text whose families change with API calls and polls', async () => {
    const { host, engine, token } = await testHost(later, { start: true, engine: { selfMetrics: { poller: true, intervalMs: 3_600_000 } } });
    const url = `http://127.0.0.1:${host.port}/api/v1/metrics`;
    const bare = await fetch(url);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toContain('Bearer');
    expect(await bare.text()).not.toContain('wardflux_');
    expect((await fetch(url, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);

    const scrape = async (): Promise<Map<string, PromFamily>> => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      return parsePrometheusText(await res.text());
    };
    const before = await scrape();
    for (const f of FAMILIES) expect(before.has(f), f).toBe(true);
    expect(promValue(before, 'process_resident_memory_bytes', 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1048576);
    const listCount = (f: Map<string, PromFamily>) =>
      promValue(f, 'wardflux_api_request_duration_seconds', 'wardflux_api_request_duration_seconds_count', { procedure: 'devices.list', outcome: 'ok' }) ?? 0;

    // API calls over HTTP: counted per procedure and outcome.
    for (let i = 0; i < 3; i++) expect((await fetch(`http://127.0.0.1:${host.port}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const missing = await fetch(`http://127.0.0.1:${host.port}/api/v1/devices/00000000-0000-4000-8000-000000000000`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(404);
    const afterCalls = await scrape();
    expect(listCount(afterCalls)).toBe(listCount(before) + 3);
    expect(promValue(afterCalls, 'wardflux_api_request_duration_seconds', 'wardflux_api_request_duration_seconds_count', { procedure: 'devices.get', outcome: 'not_found' })).toBe(1);

    // Polls: a poller plugged into the real scheduler (no packets: the unit project never polls).
    const device = await unwrap(engine.api.call('devices.create', { name: 'sw', address: '198.18.0.50' }));
    let n = 0;
    engine.areas.monitoring.registerExecutor({ protocol: 'snmp', poll: () => Promise.resolve(++n % 2 === 0 ? { status: 'timeout' } : { status: 'ok' }) });
    engine.areas.monitoring.addItemSource(() => [{ id: 'test:1', deviceId: device.id, protocol: 'snmp', intervalMs: 100 }]);
    engine.areas.monitoring.reload();
    const afterPolls = await until(
      async () => {
        const f = await scrape();
        return (promValue(f, 'wardflux_polls_total', 'wardflux_polls_total', { protocol: 'snmp', outcome: 'timeout' }) ?? 0) >= 1 ? f : undefined;
      },
      20_000,
      'polls counted in /api/v1/metrics',
      { intervalMs: 200 },
    );
    expect(promValue(afterPolls, 'wardflux_polls_total', 'wardflux_polls_total', { protocol: 'snmp', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(promValue(afterPolls, 'wardflux_poll_lag_seconds', 'wardflux_poll_lag_seconds_count', { protocol: 'snmp' })).toBeGreaterThanOrEqual(2);
  });

  it('the engine device WARD FLUX is listed, cannot be deleted over HTTP, and a tick writes its series through the metrics writer', async () => {
    const { host, engine, token } = await testHost(later, { start: true, engine: { selfMetrics: { poller: true, intervalMs: 3_600_000 } } });
    const auth = { authorization: `Bearer ${token}` };
    const list = (await (await fetch(`http://127.0.0.1:${host.port}/api/v1/devices`, { headers: auth })).json()) as { data: { items: { id: string; name: string; builtin?: boolean; status: string }[] } };
    expect(list.data.items).toEqual([expect.objectContaining({ id: ENGINE_DEVICE_ID, name: 'WARD FLUX', builtin: true, status: 'up' })]);
    const del = await fetch(`http://127.0.0.1:${host.port}/api/v1/devices/${ENGINE_DEVICE_ID}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(400);
    expect(((await del.json()) as { error: { message: string } }).error.message).toContain('cannot be deleted');

    await unwrap(engine.api.call('devices.list', {}));
    expect(engine.areas.selfMetrics.tick()).toBeGreaterThan(5);
    engine.areas.metrics.writer.flush();
    const { series } = await unwrap(engine.api.call('metrics.series', { deviceId: ENGINE_DEVICE_ID }));
    const names = new Set(series.map((s) => s.name));
    for (const name of ['self_api_calls_per_s', 'self_api_duration_ms', 'self_db_probe_ms', 'self_db_flush_ms', 'self_rss_mb']) expect(names.has(name), name).toBe(true);
    expect(series.find((s) => s.name === 'self_rss_mb')?.lastValue).toBeGreaterThan(10);
    expect(series.find((s) => s.name === 'self_api_duration_ms' && s.labels.procedure === 'devices.list')).toBeDefined();
  });
});
