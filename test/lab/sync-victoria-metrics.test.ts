/**
 * VictoriaMetrics sync against a real VictoriaMetrics on 127.0.0.1 (Debian's package): samples
 * written through the metrics writer arrive with the same values and timestamps (history
 * backfilled, new flushes queued), an outage queues everything and delivers it once after, a bad
 * URL keeps the data queued with the error visible, and samples the server would drop silently
 * are kept back as dead and shown in the status.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import type { SyncStatus } from '../../main/api/sync.ts';
import type { Engine } from '../../main/engine.ts';
import { testEngine } from '../support/engine.ts';
import { type ExportedSeries, startVictoriaMetrics, until, type VictoriaMetrics } from './sync-victoria.ts';

const SYNC = { pushIntervalMs: 50, retry: { baseDelayMs: 50, maxDelayMs: 500 }, timeoutMs: 5000 };

/**
 * "name{labels} ts value" for every sample, sorted: equal lists mean the same samples, once each.
 * Values to 12 significant digits: VictoriaMetrics stores floats as decimals and may drop the
 * 16th-17th digit (-0.008610000000000001 comes back as -0.00861).
 */
const v12 = (v: number): number => Number(v.toPrecision(12));
function flatten(series: ExportedSeries[]): string[] {
  const out: string[] = [];
  for (const s of series) {
    const { __name__: name, ...labels } = s.metric;
    const key = `${name}${JSON.stringify(Object.fromEntries(Object.entries(labels).sort()))}`;
    s.timestamps.forEach((t, i) => out.push(`${key} ${t} ${v12(s.values[i] as number)}`));
  }
  return out.sort();
}

describe('VictoriaMetrics sync (real server)', () => {
  let vm: VictoriaMetrics;
  let engine: Engine & { close(): Promise<void> };
  let run = 0;

  beforeAll(async () => {
    vm = await startVictoriaMetrics();
  });
  afterAll(async () => {
    await vm?.destroy();
  });
  beforeEach(async () => {
    run++;
    engine = await testEngine({ sync: SYNC });
    await engine.start();
  });
  afterEach(async () => {
    await engine?.close();
  });

  const status = (): Promise<SyncStatus> => unwrap(engine.api.call('sync.status', {}));
  const drained = (min: number) => until(async () => {
    const s = await status();
    return s.queuedSamples === 0 && s.backfillDone && s.pushedSamples >= min && s;
  }, 30_000, 'the sync queue to drain');

  it('pushes history and new samples with the same values and timestamps, with extra labels', async () => {
    const w = engine.areas.metrics.writer;
    const t0 = Date.now() - 3 * 86_400_000;
    const expected: string[] = [];
    const metric = `lab_t1_${run}`;
    // History from three days ago, written before the target exists (backfilled).
    for (let i = 0; i < 3000; i++) {
      const labels = { device: `dev-${i % 5}`, interface: `Gi0/${i % 2} "uplink" \\ ✓` };
      const ts = t0 + i * 60_000;
      const value = i % 7 === 0 ? -0.000123 * i : i * 1.25;
      w.writeNamed(metric, labels, ts, value);
      expected.push(`${metric}${JSON.stringify(Object.fromEntries(Object.entries({ ...labels, site: 'Acme HQ', technician: 'kim' }).sort()))} ${ts} ${v12(value)}`);
    }
    w.flush();
    const cfg = await unwrap(engine.api.call('sync.setConfig', { url: vm.url, extraLabels: { site: 'Acme HQ', technician: 'kim' } }));
    expect(cfg).toMatchObject({ url: vm.url, enabled: true, authMethod: 'none' });
    const test = await unwrap(engine.api.call('sync.testConnection', {}));
    expect(test).toMatchObject({ ok: true, dedupInterval: '1ms', retention: '100y', warnings: [] });
    // New samples after the target exists (queued flushes).
    const now = Date.now();
    for (let i = 0; i < 500; i++) {
      const ts = now - 500 + i;
      w.writeNamed(metric, { device: 'dev-new' }, ts, i);
      expected.push(`${metric}${JSON.stringify({ device: 'dev-new', site: 'Acme HQ', technician: 'kim' })} ${ts} ${i}`);
    }
    const s = await drained(3500);
    expect(s).toMatchObject({ pushedSamples: 3500, deadSamples: 0, lastError: null, lagSec: 0 });
    expect(s.lastSuccessAt).toBeGreaterThan(0);
    const got = flatten(await vm.exportSeries(`{__name__="${metric}"}`));
    expect(got).toEqual(expected.sort());

    const health = await unwrap(engine.api.call('health', {}));
    expect(health.sync).toMatchObject({ configured: true, enabled: true, queuedSamples: 0, deadSamples: 0, lastError: null });
  });

  it('queues everything while VictoriaMetrics is down and delivers it once when it is back', async () => {
    const metric = `lab_t2_${run}`;
    await unwrap(engine.api.call('sync.setConfig', { url: vm.url }));
    const w = engine.areas.metrics.writer;
    const base = Date.now() - 60_000;
    let i = 0;
    const writeSome = (n: number) => {
      for (let k = 0; k < n; k++, i++) w.writeNamed(metric, { device: `d${i % 10}` }, base + i, i);
      w.flush();
    };
    writeSome(1000);
    await drained(1000);

    await vm.stop();
    writeSome(2000);
    const offline = await until(async () => {
      const s = await status();
      return s.lastError !== null && s.lastErrorAt !== null && s.queuedSamples === 2000 && s;
    }, 15_000, 'a failed push while the server is down');
    expect(offline.lastError).toMatch(/cannot reach VictoriaMetrics|ECONNREFUSED/);
    // Keep writing while it is down, across several failed attempts (backoff).
    await until(async () => ((await status()).lastErrorAt ?? 0) > (offline.lastErrorAt ?? 0), 15_000, 'another failed attempt');
    writeSome(3000);
    expect((await status()).queuedSamples).toBe(5000);

    await vm.start();
    await drained(6000);
    const series = await vm.exportSeries(`{__name__="${metric}"}`);
    const got = flatten(series);
    expect(got).toHaveLength(6000);
    expect(new Set(got).size).toBe(6000);
    const values = series.flatMap((s) => s.values).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 6000 }, (_, k) => k));
  });

  it('keeps data queued on a wrong URL (error visible), and keeps back samples the server would drop', async () => {
    const metric = `lab_t3_${run}`;
    await unwrap(engine.api.call('sync.setConfig', { url: `${vm.url}wrong/path/` }));
    const bad = await unwrap(engine.api.call('sync.testConnection', {}));
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/unsupported path/);
    const w = engine.areas.metrics.writer;
    const now = Date.now();
    w.writeNamed(metric, { device: 'x' }, now, 1);
    // Five days ahead: VictoriaMetrics would answer 204 and drop it (verified: "too big timestamp").
    w.writeNamed(metric, { device: 'x' }, now + 5 * 86_400_000, 2);
    w.flush();
    const s1 = await until(async () => {
      const s = await status();
      return s.lastError !== null && s;
    }, 15_000, 'the wrong URL to be reported');
    expect(s1.lastError).toMatch(/unsupported path.*check the URL/);
    expect(s1.queuedSamples).toBe(2);

    await unwrap(engine.api.call('sync.setConfig', { url: vm.url }));
    const s2 = await until(async () => {
      const s = await status();
      return s.queuedSamples === 0 && s.deadSamples === 1 && s;
    }, 15_000, 'delivery after fixing the URL');
    expect(s2.pushedSamples).toBeGreaterThanOrEqual(1);
    expect(s2.lastRejection).toMatch(/more than 2 days in the future/);
    expect((await unwrap(engine.api.call('health', {}))).sync?.deadSamples).toBe(1);
    expect(flatten(await vm.exportSeries(`{__name__="${metric}"}`))).toEqual([`${metric}{"device":"x"} ${now} 1`]);
  });
});
