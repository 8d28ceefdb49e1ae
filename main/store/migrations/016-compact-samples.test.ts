import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/logger.ts';
import { createMetrics } from '../../metrics/metrics.ts';
import { DAY, DEFAULT_RETENTION, FIVE_MINUTES, ONE_HOUR } from '../../lib/samples/resolutions.ts';
import { createSampleReader } from '../../metrics/sample-store.ts';
import { type Db, LATEST_SCHEMA_VERSION, migrate } from '../database.ts';
import { migrations } from './index.ts';

const T0 = Date.UTC(2025, 0, 6);
let db: Db;
afterEach(() => db?.close());

/** A database at schema 15 (row per sample, stored rollups) with three series of history. */
function legacyDb(): { raw: Map<number, Array<[number, number]>>; ids: number[] } {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.filter((m) => m.version <= 15));
  const series = db.prepare('INSERT INTO metric_series (id, name, labels, device_id, created_at) VALUES (?, ?, ?, ?, ?)');
  const sample = db.prepare('INSERT INTO metric_samples (series_id, ts, value) VALUES (?, ?, ?)');
  const r5 = db.prepare('INSERT INTO metric_rollup_5m (series_id, ts, min, avg, max, count) VALUES (?, ?, ?, ?, ?, ?)');
  const r1 = db.prepare('INSERT INTO metric_rollup_1h (series_id, ts, min, avg, max, count) VALUES (?, ?, ?, ?, ?, ?)');
  const raw = new Map<number, Array<[number, number]>>();
  const ids = [3, 7, 9];
  for (const id of ids) series.run(id, 'if_in_bps', JSON.stringify({ device: 'd1', interface: `eth${id}` }), 'd1', T0);
  // Series 3: 10 s samples for 5 h (1,800: several chunks per 2-hour block), irregular values.
  // Series 7: a minute apart with a gap of a day. Series 9: no raw data left, only rollups.
  const add = (id: number, ts: number, v: number) => {
    sample.run(id, ts, v);
    raw.set(id, [...(raw.get(id) ?? []), [ts, v]]);
  };
  for (let i = 0; i < 1800; i++) add(3, T0 + 2 * DAY + i * 10_000, i % 7 === 0 ? Math.PI * i : Math.round(i * 1.37) / 100);
  for (let i = 0; i < 300; i++) add(7, T0 + 2 * DAY + i * 60_000 + (i > 150 ? DAY : 0), i);
  // Rollups: a day before the raw data (kept as stored rollups), and over the raw data (dropped: computed from raw).
  for (const id of ids) {
    for (let b = 0; b < 288 * 2; b++) r5.run(id, T0 + DAY + b * FIVE_MINUTES, b, b + 0.5, b + 1, 5);
    for (let h = 0; h < 24; h++) r1.run(id, T0 + h * ONE_HOUR, h, h + 0.25, h + 2, 60);
  }
  db.prepare("INSERT INTO metric_rollup_state VALUES ('5m', ?), ('1h', ?)").run(T0 + 3 * DAY, T0 + 3 * DAY);
  return { raw, ids };
}

describe('migration 16: compact samples', () => {
  it('moves every raw sample into chunks and keeps the rollups raw data no longer covers', () => {
    const { raw } = legacyDb();
    // Today's graph answer for series 9 (rollups only) over its hourly and 5-minute history.
    const old5m = db.prepare('SELECT ts, min, avg, max, count FROM metric_rollup_5m WHERE series_id = 9 ORDER BY ts').all();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'metric%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['metric_chunks', 'metric_head', 'metric_rollup_chunks', 'metric_series']);

    const reader = createSampleReader(db);
    for (const [id, rows] of raw) {
      const got = reader.raw(id, 0, T0 + 10 * DAY);
      expect(got.ts).toEqual(rows.map((r) => r[0]));
      expect(got.values).toEqual(rows.map((r) => r[1]));
    }
    const metrics = createMetrics({ db, clock: { now: () => T0 + 5 * DAY }, logger: silentLogger() });
    const q = (id: number, from: number, to: number, resolution: '5m' | '1h') =>
      metrics.query.query([id], { from, to, maxPoints: 5000, resolution }, T0 + 5 * DAY, DEFAULT_RETENTION)[0]?.points ?? [];
    // Series 9 reads back as before at both resolutions.
    expect(q(9, T0 + DAY, T0 + 3 * DAY, '5m')).toEqual(old5m);
    expect(q(9, T0, T0 + DAY, '1h')).toEqual(Array.from({ length: 24 }, (_, h) => ({ ts: T0 + h * ONE_HOUR, min: h, avg: h + 0.25, max: h + 2, count: 60 })));
    // Series 3: 5-minute rows over its raw data were dropped; the points come from the samples.
    const p3 = q(3, T0 + 2 * DAY, T0 + 2 * DAY + FIVE_MINUTES, '5m');
    const first30 = (raw.get(3) ?? []).slice(0, 30).map((r) => r[1]);
    expect(p3).toEqual([{ ts: T0 + 2 * DAY, min: Math.min(...first30), avg: expect.closeTo(first30.reduce((a, b) => a + b, 0) / 30, 9), max: Math.max(...first30), count: 30 }]);
    // The day before series 3's raw data still has its stored 5-minute rows.
    expect(q(3, T0 + DAY, T0 + 2 * DAY, '5m')).toHaveLength(288);
  });

  it('writes after the migration: a rewrite of a migrated sample replaces it, new ones start a head', () => {
    const { raw } = legacyDb();
    migrate(db);
    const metrics = createMetrics({ db, clock: { now: () => T0 + 5 * DAY }, logger: silentLogger() });
    const last7 = (raw.get(7) ?? []).at(-1) as [number, number];
    metrics.writer.write(7, last7[0], -1);
    metrics.writer.write(7, last7[0] + 60_000, 1234);
    metrics.writer.flush();
    const got = createSampleReader(db).raw(7, 0, T0 + 10 * DAY);
    expect(got.ts).toHaveLength(301);
    expect(got.values.slice(-2)).toEqual([-1, 1234]);
    expect(metrics.query.seriesOfDevice('d1').find((s) => s.id === 7)).toMatchObject({ lastTs: last7[0] + 60_000, lastValue: 1234 });
  });
});
