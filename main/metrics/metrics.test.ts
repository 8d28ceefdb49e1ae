import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../lib/event-bus.ts';
import { silentLogger } from '../lib/logger.ts';
import { createManualTime, type ManualTime } from '../lib/async/timers.ts';
import type { Db } from '../store/database.ts';
import { canonicalLabels } from './labels.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { planQuery } from './metrics-query.ts';
import { publishSamples } from './sample-events.ts';
import { DAY, DEFAULT_RETENTION, FIVE_MINUTES, ONE_HOUR } from '../lib/samples/resolutions.ts';
import { createSampleReader, unpackHead } from './sample-store.ts';
import { memoryDb } from './test-db.ts';

const T0 = Date.UTC(2025, 0, 6, 0, 0, 0); // a Monday, on an hour boundary

let db: Db;
let time: ManualTime;
let metrics: Metrics;

function setup(opts: { flushIntervalMs?: number; maxBatch?: number } = {}) {
  db = memoryDb();
  time = createManualTime(T0);
  const events = createEventBus(silentLogger());
  const seen: unknown[] = [];
  events.subscribe((e) => seen.push(e));
  metrics = createMetrics({ db, clock: time, timers: time, logger: silentLogger(), ...opts });
  // The pipeline as engine.ts wires it: flushed samples → the public projection.
  metrics.onSamples((samples) => publishSamples(events, samples));
  return { events, seen };
}

afterEach(() => db?.close());

function count(table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Raw samples stored: sealed chunks plus the heads. */
function rawCount(): number {
  const sealed = (db.prepare('SELECT coalesce(sum(count), 0) AS n FROM metric_chunks').get() as { n: number }).n;
  const heads = db.prepare<[], { data: Buffer }>('SELECT data FROM metric_head').all();
  return sealed + heads.reduce((n, r) => n + unpackHead(r.data).ts.length, 0);
}

/** Stored rollup buckets of one width (what retention rolled down). */
function storedBuckets(width: number): number {
  return (db.prepare('SELECT coalesce(sum(count), 0) AS n FROM metric_rollup_chunks WHERE width = ?').get(width) as { n: number }).n;
}

describe('series', () => {
  it('canonicalises labels: order and empty values do not make a new series', () => {
    setup();
    expect(canonicalLabels({ b: '2', a: '1', c: '' })).toBe('{"a":"1","b":"2"}');
    const a = metrics.registry.resolve('if_in_bps', { device: 'd1', interface: 'eth0' });
    const b = metrics.registry.resolve('if_in_bps', { interface: 'eth0', device: 'd1', extra: '' });
    const c = metrics.registry.resolve('if_in_bps', { interface: 'eth1', device: 'd1' });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(count('metric_series')).toBe(2);
    expect(metrics.registry.info(a)).toEqual({ id: a, name: 'if_in_bps', labels: { device: 'd1', interface: 'eth0' } });
  });

  it('refuses bad names and labels', () => {
    setup();
    expect(() => metrics.registry.resolve('bad name', {})).toThrow(/Invalid metric name/);
    expect(() => metrics.registry.resolve('ok', { 'bad-label': 'x' })).toThrow(/Invalid label name/);
    expect(() => metrics.registry.resolve('ok', { l: 'x'.repeat(300) })).toThrow(/longer than/);
  });
});

describe('writer', () => {
  it('buffers until the flush interval, then writes one batch and streams it', async () => {
    const { seen } = setup({ flushIntervalMs: 1000 });
    metrics.writer.start();
    const id = metrics.writer.writeNamed('cpu_load', { device: 'd1' }, T0, 12.5);
    metrics.writer.write(id, T0 + 60_000, 14);
    expect(rawCount()).toBe(0);
    await time.advance(999);
    expect(rawCount()).toBe(0);
    await time.advance(1);
    expect(rawCount()).toBe(2);
    expect(metrics.writer.stats()).toMatchObject({ written: 2, flushes: 1, buffered: 0 });
    expect(seen).toEqual([
      {
        name: 'metrics.samples',
        payload: {
          samples: [
            { seriesId: id, name: 'cpu_load', labels: { device: 'd1' }, ts: T0, value: 12.5 },
            { seriesId: id, name: 'cpu_load', labels: { device: 'd1' }, ts: T0 + 60_000, value: 14 },
          ],
        },
      },
    ]);
    metrics.writer.stop();
  });

  it('flushes at maxBatch, on stop, and splits big flushes into bounded events', () => {
    const { seen } = setup({ maxBatch: 1200 });
    metrics.writer.start();
    const id = metrics.registry.resolve('x', {});
    for (let i = 0; i < 1200; i++) metrics.writer.write(id, T0 + i * 1000, i);
    expect(rawCount()).toBe(1200);
    expect(seen.map((e) => (e as { payload: { samples: unknown[] } }).payload.samples.length)).toEqual([500, 500, 200]);
    metrics.writer.write(id, T0 + 5_000_000, 1);
    metrics.writer.stop();
    expect(rawCount()).toBe(1201);
  });

  it('drops non-finite values, replaces a sample written twice at the same ts', () => {
    setup();
    const id = metrics.registry.resolve('x', {});
    metrics.writer.write(id, T0, Number.NaN);
    metrics.writer.write(id, T0, Number.POSITIVE_INFINITY);
    metrics.writer.write(id, T0, 1);
    metrics.writer.write(id, T0, 2);
    metrics.writer.flush();
    expect(metrics.writer.stats().dropped).toBe(2);
    expect(createSampleReader(db).raw(id, 0, T0 + DAY)).toEqual({ ts: [T0], values: [2] });
  });
});

/** One sample per minute per series for `minutes`, value = minute index (so min/avg/max are easy). */
function fill(ids: number[], from: number, minutes: number, value = (i: number) => i): void {
  for (let i = 0; i < minutes; i++) for (const id of ids) metrics.writer.write(id, from + i * 60_000, value(i));
  metrics.writer.flush();
}

describe('rollups', () => {
  const q = (id: number, from: number, to: number, resolution: '5m' | '1h') =>
    metrics.query.query([id], { from, to, maxPoints: 5000, resolution }, time.now(), DEFAULT_RETENTION)[0]?.points ?? [];

  it('computes closed 5-minute and hour buckets with min/avg/max/count, the same after retention stores them', async () => {
    setup();
    const id = metrics.registry.resolve('v', { device: 'd' });
    fill([id], T0, 130); // 0..129 minutes
    await time.advance(130 * 60_000 + 2 * 60_000);
    metrics.runRollup();
    const rows5 = q(id, T0, T0 + 130 * 60_000, '5m');
    expect(rows5).toHaveLength(26);
    expect(rows5[0]).toEqual({ ts: T0, min: 0, avg: 2, max: 4, count: 5 });
    expect(rows5[25]).toEqual({ ts: T0 + 125 * 60_000, min: 125, avg: 127, max: 129, count: 5 });
    const rows1h = q(id, T0, T0 + 2 * ONE_HOUR, '1h');
    expect(rows1h).toEqual([
      { ts: T0, min: 0, avg: 29.5, max: 59, count: 60 },
      { ts: T0 + ONE_HOUR, min: 60, avg: 89.5, max: 119, count: 60 },
    ]);
    // Raw retention of 0 days, once their 2-hour blocks are over: the samples move into stored
    // 5-minute buckets, the points stay.
    await time.advance(2 * ONE_HOUR);
    metrics.retentionConfig.set({ rawDays: 0 });
    const r = metrics.runRetention();
    expect(r.rawDeleted).toBe(130);
    expect(rawCount()).toBe(0);
    expect(storedBuckets(FIVE_MINUTES)).toBe(26);
    expect(q(id, T0, T0 + 130 * 60_000, '5m')).toEqual(rows5);
    expect(q(id, T0, T0 + 2 * ONE_HOUR, '1h')).toEqual(rows1h);
    // Running again changes nothing.
    metrics.runRetention();
    expect(storedBuckets(FIVE_MINUTES)).toBe(26);
    expect(q(id, T0, T0 + 130 * 60_000, '5m')).toEqual(rows5);
  });

  it('counts a late sample in its bucket, in a sealed chunk or after its bucket was stored', async () => {
    setup();
    const id = metrics.registry.resolve('v', {});
    fill([id], T0, 130);
    await time.advance(140 * 60_000);
    expect(q(id, T0, T0 + 5 * 60_000, '5m')[0]).toMatchObject({ max: 4, count: 5 });
    // T0's block is sealed (the head is in the next 2-hour block): the late sample goes into its chunk.
    metrics.writer.write(id, T0 + 30_000, 1000);
    metrics.writer.flush();
    expect(q(id, T0, T0 + 5 * 60_000, '5m')[0]).toMatchObject({ max: 1000, count: 6 });
    expect(q(id, T0, T0 + ONE_HOUR, '1h')[0]).toMatchObject({ max: 1000, count: 61 });
    // Once retention has stored the bucket, a later late sample is added to it.
    await time.advance(2 * ONE_HOUR);
    metrics.retentionConfig.set({ rawDays: 0 });
    metrics.runRetention();
    metrics.writer.write(id, T0 + 90_000, -5);
    metrics.writer.flush();
    metrics.runRetention();
    expect(rawCount()).toBe(0);
    expect(q(id, T0, T0 + 5 * 60_000, '5m')[0]).toMatchObject({ min: -5, max: 1000, count: 7 });
  });
});

describe('retention', () => {
  it('rolls old data down per resolution, whole chunks at a time, and deletes empty series', async () => {
    setup();
    const id = metrics.registry.resolve('v', { device: 'd' });
    fill([id], T0, 10 * 24 * 60); // ten days of minutes
    await time.advance(10 * DAY);
    const before = metrics.query.query([id], { from: T0, to: T0 + 10 * DAY, maxPoints: 500, resolution: '1h' }, time.now(), DEFAULT_RETENTION)[0]?.points;
    const r = metrics.runRetention();
    expect(r.cutoffs.raw).toBe(T0 + 3 * DAY);
    expect(r.rawDeleted).toBe(3 * 24 * 60);
    expect(rawCount()).toBe(7 * 24 * 60);
    // What left the raw store lives on as 5-minute buckets: the hourly points are unchanged.
    expect(storedBuckets(FIVE_MINUTES)).toBe((3 * 24 * 60) / 5);
    expect(metrics.query.query([id], { from: T0, to: T0 + 10 * DAY, maxPoints: 500, resolution: '1h' }, time.now(), DEFAULT_RETENTION)[0]?.points).toEqual(before);
    // Shorter policy: raw past 1 day and 5-minute data past 7 days roll down again.
    metrics.retentionConfig.set({ rawDays: 1, fiveMinuteDays: 7 });
    const r1 = metrics.runRetention();
    expect(r1.fiveMinuteDeleted).toBe((3 * 24 * 60) / 5);
    expect(rawCount()).toBe(24 * 60);
    expect(storedBuckets(FIVE_MINUTES)).toBe((6 * 24 * 60) / 5);
    expect(storedBuckets(ONE_HOUR)).toBe(3 * 24);
    expect(metrics.query.query([id], { from: T0, to: T0 + 10 * DAY, maxPoints: 500, resolution: '1h' }, time.now(), DEFAULT_RETENTION)[0]?.points).toEqual(before);
    // Hourly data past its retention goes too, and with it the now-empty series.
    await time.advance(800 * DAY);
    const r2 = metrics.runRetention();
    expect(storedBuckets(ONE_HOUR)).toBe(0);
    expect(count('metric_chunks') + count('metric_head') + count('metric_rollup_chunks')).toBe(0);
    expect(r2.seriesDeleted).toEqual([id]);
    expect(metrics.registry.info(id)).toBeUndefined();
  });

  it('stores rolled-down buckets of decimal values compactly, with the same min/max/count and avg', async () => {
    setup();
    const id = metrics.registry.resolve('v', {});
    fill([id], T0, 3 * 24 * 60, (i) => Math.round((50 + 40 * Math.sin(i / 60) + ((i * 17) % 13)) * 100) / 100);
    await time.advance(3 * DAY);
    const range = { from: T0, to: T0 + 2 * DAY, maxPoints: 5000, resolution: '5m' as const };
    const before = metrics.query.query([id], range, time.now(), DEFAULT_RETENTION)[0]?.points ?? [];
    metrics.retentionConfig.set({ rawDays: 1 });
    expect(metrics.runRetention().rawDeleted).toBe(2 * 24 * 60);
    const after = metrics.query.query([id], range, time.now(), DEFAULT_RETENTION)[0]?.points ?? [];
    expect(after.map(({ avg: _a, ...p }) => p)).toEqual(before.map(({ avg: _a, ...p }) => p));
    after.forEach((p, i) => expect(p.avg).toBeCloseTo(before[i]?.avg as number, 9));
    // Sums and extremes stored as decimals: about a byte per column and bucket, not 8.
    const bytes = (db.prepare('SELECT sum(length(data)) AS n FROM metric_rollup_chunks').get() as { n: number }).n;
    expect(bytes / after.length).toBeLessThan(8);
  });

  it('keeps the open head of a series that stopped, until its block is past the cut-off', () => {
    setup();
    const id = metrics.registry.resolve('v', {});
    fill([id], T0, 60);
    expect(metrics.retention.run(T0 + 7 * DAY, DEFAULT_RETENTION).rawDeleted).toBe(0);
    expect(rawCount()).toBe(60);
    expect(metrics.retention.run(T0 + 7 * DAY + 2 * ONE_HOUR, DEFAULT_RETENTION).rawDeleted).toBe(60);
    expect(count('metric_head')).toBe(0);
    // A sample after that starts a new head; the stored bucket keeps the old ones.
    metrics.writer.write(id, T0 + 8 * DAY, 7);
    metrics.writer.flush();
    expect(metrics.query.seriesOfDevice('')).toEqual([]);
    expect(createSampleReader(db).last(id)).toEqual({ ts: T0 + 8 * DAY, value: 7 });
    expect(storedBuckets(FIVE_MINUTES)).toBe(12);
  });
});

describe('query', () => {
  it('plans raw for short ranges and rollups for long ones, never more than maxPoints', () => {
    const now = T0 + 400 * DAY;
    const plan = (span: number, maxPoints = 800) => planQuery({ from: now - span, to: now, maxPoints, resolution: 'auto' }, now, DEFAULT_RETENTION);
    expect(plan(ONE_HOUR)).toEqual({ resolution: 'raw', stepMs: 5000 });
    expect(plan(DAY)).toEqual({ resolution: 'raw', stepMs: 109_000 });
    expect(plan(7 * DAY)).toEqual({ resolution: '5m', stepMs: 15 * 60_000 });
    expect(plan(90 * DAY).resolution).toBe('1h');
    // Raw would fit the points, but raw is not kept 8 days back.
    expect(plan(8 * DAY, 5000)).toEqual({ resolution: '5m', stepMs: FIVE_MINUTES });
  });

  it('downsamples with min/avg/max and fills the open tail from raw samples', async () => {
    setup();
    const a = metrics.registry.resolve('if_in_bps', { device: 'd1', interface: 'eth0' });
    fill([a], T0, 3 * 24 * 60, (i) => i % 10);
    await time.advance(3 * DAY);
    metrics.runRollup();
    // 2 days from 5-min rollups (the last bucket ~ now is raw), at most 100 points.
    const [s] = metrics.query.query([a], { from: T0 + DAY, to: T0 + 3 * DAY, maxPoints: 100, resolution: 'auto' }, time.now(), DEFAULT_RETENTION);
    expect(s?.resolution).toBe('5m');
    expect(s?.points.length).toBeLessThanOrEqual(100);
    expect(s?.points.every((p) => p.min === 0 && p.max === 9)).toBe(true);
    expect(s?.points.reduce((n, p) => n + p.count, 0)).toBe(2 * 24 * 60);
    expect(s?.points.at(-1)?.ts).toBeGreaterThan(T0 + 3 * DAY - 2 * s!.stepMs);
    // A raw query of 30 minutes: one point per sample.
    const [r] = metrics.query.query([a], { from: T0, to: T0 + 30 * 60_000, maxPoints: 800, resolution: 'auto' }, T0 + DAY, DEFAULT_RETENTION);
    expect(r?.resolution).toBe('raw');
    expect(r?.points).toHaveLength(30);
    expect(r?.points[3]).toEqual({ ts: T0 + 3 * 60_000, min: 3, avg: 3, max: 3, count: 1 });
  });

  it('selects series by name and label matchers', () => {
    setup();
    const ids = ['eth0', 'eth1', 'lo'].map((i) => metrics.registry.resolve('if_in_bps', { device: 'd1', interface: i }));
    metrics.registry.resolve('if_in_bps', { device: 'd2', interface: 'eth0' });
    const sel = (matchers: { label: string; op: '=' | '!=' | '=~' | '!~'; value: string }[], limit = 50) =>
      metrics.query.select({ name: 'if_in_bps', matchers }, limit);
    expect(sel([{ label: 'device', op: '=', value: 'd1' }]).series.map((s) => s.id)).toEqual(ids);
    expect(sel([{ label: 'device', op: '=', value: 'd1' }, { label: 'interface', op: '=~', value: 'eth.*' }]).series).toHaveLength(2);
    expect(sel([{ label: 'interface', op: '!~', value: 'eth.*' }]).series.map((s) => s.labels.interface)).toEqual(['lo']);
    expect(sel([{ label: 'interface', op: '!=', value: 'lo' }]).series).toHaveLength(3);
    expect(sel([], 2)).toMatchObject({ truncated: true });
    expect(() => sel([{ label: 'interface', op: '=~', value: '(' }])).toThrow(/not a valid regular expression/);
  });

  it('lists the series of a device with their latest sample, and deletes them with the device', () => {
    setup();
    const a = metrics.writer.writeNamed('cpu', { device: 'd1' }, T0, 1);
    metrics.writer.writeNamed('cpu', { device: 'd1' }, T0 + 60_000, 2);
    metrics.writer.writeNamed('mem', { device: 'd1' }, T0, 3);
    metrics.writer.writeNamed('cpu', { device: 'd2' }, T0, 4);
    metrics.writer.flush();
    expect(metrics.query.seriesOfDevice('d1')).toEqual([
      { id: a, name: 'cpu', labels: { device: 'd1' }, lastTs: T0 + 60_000, lastValue: 2 },
      expect.objectContaining({ name: 'mem', lastValue: 3 }),
    ]);
    metrics.writer.writeNamed('cpu', { device: 'd1' }, T0 + 120_000, 5);
    expect(metrics.deleteDeviceSeries('d1')).toBe(2);
    expect(rawCount()).toBe(1);
    expect(metrics.query.seriesOfDevice('d1')).toEqual([]);
  });
});
