/**
 * Metrics store benchmark (manual: `node bench/store/run.ts [--series N] [--days D]`).
 *
 * 1. Write throughput: samples/s through the metrics writer (createMetricsWriter, batched
 *    transactions) against a plain better-sqlite3 batched insert of the same rows into the same
 *    schema, in the same run. Target: ratio >= 0.8.
 *    Plus the same writes with the engine's public projection on the flush (metrics.samples
 *    events through the checked event bus, one subscriber), checked and unchecked: the cost of
 *    validating each event against its schema.
 * 2. Size: N series x D days at 60 s written through the writer, then retention; the database
 *    file size per raw sample kept (rollups included), before and after VACUUM, with a per-table
 *    split. Target: <= 4 bytes per raw sample kept.
 * 3. Read: a 30-day graph of one series (60 s samples, 800 points max): all 43,200 samples still
 *    raw, and after default retention (7 days raw, the rest stored 5-minute buckets). Target < 50 ms.
 * Exits non-zero when a target is missed.
 *
 * The plain reference writes one row per sample into schema 2's `metric_samples` (the layout
 * before schema 16); the writer writes the chunk layout of schema 16.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../main/lib/logger.ts';
import { createEventBus } from '../../main/lib/event-bus.ts';
import { createMetrics } from '../../main/metrics/metrics.ts';
import { publishSamples } from '../../main/metrics/sample-events.ts';
import { DAY } from '../../main/lib/samples/resolutions.ts';
import type { Clock } from '../../main/lib/clock.ts';
import Database from 'better-sqlite3';
import initialSql from '../../main/store/migrations/001-initial.ts';
import metricsSql from '../../main/store/migrations/002-metrics.ts';
import compactSql, { convertSamples } from '../../main/store/migrations/016-compact-samples.ts';
import { FIVE_MINUTES } from '../../main/lib/samples/resolutions.ts';
import { unpackHead } from '../../main/metrics/sample-store.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const SERIES = arg('series', 1000);
const DAYS = arg('days', 7);
const STEP = 60_000;
const BATCH = 5000;
const THROUGHPUT_MINUTES = arg('minutes', 1440);

function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `wardflux-bench-${tag}-`));
}

/**
 * The engine's pragmas and the metrics schema only (the other areas' tables play no part here):
 * schema 2's row-per-sample layout for the plain reference, schema 16's chunks for the writer.
 */
function openDatabase(dir: string, layout: 'rows' | 'chunks' = 'chunks'): { db: Database.Database; file: string } {
  const file = path.join(dir, 'wardflux.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.exec(initialSql);
  db.exec(metricsSql);
  if (layout === 'chunks') {
    db.exec(compactSql);
    convertSamples(db);
  }
  return { db, file };
}

function fileBytes(file: string): number {
  let n = 0;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) n += fs.statSync(f).size;
  return n;
}

/** A deterministic value: a noisy sine per series (realistic, not all-equal values). */
function value(series: number, minute: number): number {
  return Math.round((50 + 40 * Math.sin((minute + series * 7) / 60) + ((series * 31 + minute * 17) % 13)) * 100) / 100;
}

function throughputWriter(minutes: number, end: number, projection?: 'checked' | 'unchecked'): number {
  const dir = tempDir('writer');
  const { db } = openDatabase(dir);
  const clock: Clock = { now: () => end };
  const metrics = createMetrics({ db, clock, logger: silentLogger(), maxBatch: BATCH });
  let streamed = 0;
  if (projection === 'checked') {
    const bus = createEventBus(silentLogger());
    bus.subscribe(['metrics.samples'], (e) => void (e.name === 'metrics.samples' && (streamed += e.payload.samples.length)));
    metrics.onSamples((samples) => publishSamples(bus, samples));
  } else if (projection === 'unchecked') {
    const bus = { emit: (_name: string, payload: { samples: readonly unknown[] }) => void (streamed += payload.samples.length) };
    metrics.onSamples((samples) => publishSamples(bus as never, samples));
  }
  const ids = Array.from({ length: SERIES }, (_, s) => metrics.registry.resolve('if_in_bps', { device: `dev-${s % 100}`, interface: `eth${s}` }));
  const start = end - minutes * STEP;
  const t0 = performance.now();
  for (let m = 0; m < minutes; m++) {
    const ts = start + m * STEP;
    for (let s = 0; s < SERIES; s++) metrics.writer.write(ids[s] as number, ts, value(s, m));
  }
  metrics.writer.flush();
  const secs = (performance.now() - t0) / 1000;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (projection && streamed !== minutes * SERIES) throw new Error(`projection streamed ${streamed} of ${minutes * SERIES} samples`);
  return (minutes * SERIES) / secs;
}

function throughputPlain(minutes: number, end: number): number {
  const dir = tempDir('plain');
  const { db } = openDatabase(dir, 'rows');
  const insertSeries = db.prepare('INSERT INTO metric_series (name, labels, device_id, created_at) VALUES (?, ?, ?, ?)');
  const ids: number[] = [];
  for (let s = 0; s < SERIES; s++) ids.push(Number(insertSeries.run('if_in_bps', JSON.stringify({ device: `dev-${s % 100}`, interface: `eth${s}` }), `dev-${s % 100}`, end).lastInsertRowid));
  const insert = db.prepare('INSERT OR REPLACE INTO metric_samples (series_id, ts, value) VALUES (?, ?, ?)');
  const batch = db.transaction((rows: [number, number, number][]) => {
    for (const r of rows) insert.run(r[0], r[1], r[2]);
  });
  const start = end - minutes * STEP;
  const t0 = performance.now();
  let rows: [number, number, number][] = [];
  for (let m = 0; m < minutes; m++) {
    const ts = start + m * STEP;
    for (let s = 0; s < SERIES; s++) {
      rows.push([ids[s] as number, ts, value(s, m)]);
      if (rows.length === BATCH) {
        batch(rows);
        rows = [];
      }
    }
  }
  if (rows.length) batch(rows);
  const secs = (performance.now() - t0) / 1000;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return (minutes * SERIES) / secs;
}

function sizeRun(end: number): number {
  const dir = tempDir('size');
  const opened = openDatabase(dir);
  const { db, file } = opened;
  let now = end - DAYS * DAY;
  const clock: Clock = { now: () => now };
  const metrics = createMetrics({ db, clock, logger: silentLogger(), maxBatch: BATCH });
  const ids = Array.from({ length: SERIES }, (_, s) => metrics.registry.resolve('if_in_bps', { device: `dev-${s % 100}`, interface: `eth${s}` }));
  const minutes = (DAYS * DAY) / STEP;
  const start = end - DAYS * DAY;
  const t0 = performance.now();
  let rollupMs = 0;
  for (let m = 0; m < minutes; m++) {
    const ts = start + m * STEP;
    now = ts;
    for (let s = 0; s < SERIES; s++) metrics.writer.write(ids[s] as number, ts, value(s, m));
    // Maintenance as the service runs it (a flush: rollups are computed when read).
    if (m % 60 === 59) {
      const r0 = performance.now();
      metrics.runRollup();
      rollupMs += performance.now() - r0;
    }
  }
  metrics.writer.flush();
  const writeSecs = (performance.now() - t0) / 1000;
  now = end + 5 * 60_000;
  const r0 = performance.now();
  const retention = metrics.runRetention();
  const retentionMs = performance.now() - r0;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const sum = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
  const heads = (db.prepare('SELECT data FROM metric_head').all() as { data: Buffer }[]).reduce((n, r) => n + unpackHead(r.data).ts.length, 0);
  const raw = sum('SELECT sum(count) AS n FROM metric_chunks') + heads;
  const r5 = sum(`SELECT sum(count) AS n FROM metric_rollup_chunks WHERE width = ${FIVE_MINUTES}`);
  const r1h = sum(`SELECT sum(count) AS n FROM metric_rollup_chunks WHERE width <> ${FIVE_MINUTES}`);
  const before = fileBytes(file);
  let perTable: Record<string, number> = {};
  try {
    perTable = Object.fromEntries(
      (db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'metric%' OR name LIKE 'sqlite_autoindex_metric%' GROUP BY name").all() as { name: string; bytes: number }[]).map((r) => [r.name, r.bytes]),
    );
  } catch {
    // dbstat not compiled in: no per-table split.
  }
  // A query over the whole week, as a graph would ask for it.
  const q0 = performance.now();
  metrics.query.query([ids[0] as number], { from: start, to: end, maxPoints: 800, resolution: 'auto' }, now, metrics.retentionConfig.policy());
  const queryMs = performance.now() - q0;
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const after = fileBytes(file);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const written = SERIES * minutes;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  console.log(`\nsize: ${SERIES} series x ${DAYS} days at 60 s = ${written.toLocaleString('en')} samples written in ${writeSecs.toFixed(1)} s (${Math.round(written / writeSecs).toLocaleString('en')}/s incl. hourly maintenance, ${(rollupMs / 1000).toFixed(1)} s of it)`);
  console.log(`  kept: raw ${raw.toLocaleString('en')} (${heads.toLocaleString('en')} of them in heads), stored 5 min buckets ${r5.toLocaleString('en')}, 1 h ${r1h.toLocaleString('en')} (retention moved ${retention.rawDeleted.toLocaleString('en')} raw, took ${retentionMs.toFixed(0)} ms)`);
  for (const [name, bytes] of Object.entries(perTable)) console.log(`  ${name.padEnd(28)} ${mb(bytes)}`);
  console.log(`  file after retention: ${mb(before)} = ${(before / raw).toFixed(2)} bytes per raw sample kept (target <= 4)`);
  console.log(`  after VACUUM:         ${mb(after)} = ${(after / raw).toFixed(2)} bytes per raw sample kept`);
  console.log(`  one-week query of one series (800 points max): ${queryMs.toFixed(1)} ms`);
  return before / raw;
}

/**
 * A 30-day graph of one series: all raw, then after default retention. Each is asked 5 times: the
 * first answer (cold: the process has not decoded a chunk before) and the best are printed; the
 * slower first answer is returned, in ms.
 */
function readRun(end: number): number {
  const dir = tempDir('read');
  const { db } = openDatabase(dir);
  let now = end;
  const metrics = createMetrics({ db, clock: { now: () => now }, logger: silentLogger(), maxBatch: BATCH });
  const id = metrics.registry.resolve('ping_rtt_ms', { device: 'dev-0' });
  const minutes = (30 * DAY) / STEP;
  const start = end - 30 * DAY;
  for (let m = 0; m < minutes; m++) metrics.writer.write(id, start + m * STEP, value(0, m));
  metrics.writer.flush();
  const range = { from: start, to: end, maxPoints: 800, resolution: 'auto' as const };
  const time = (policy: ReturnType<typeof metrics.retentionConfig.policy>) => {
    const runs: number[] = [];
    const cpu: number[] = [];
    let last: ReturnType<typeof metrics.query.query> = [];
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      last = metrics.query.query([id], range, now, policy);
      runs.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const points = last[0]?.points ?? [];
    return { first: runs[0] as number, firstCpu: cpu[0] as number, best: Math.min(...runs), points: points.length, count: points.reduce((n, p) => n + p.count, 0) };
  };
  // Everything raw: a policy that keeps 30 days of raw data.
  const allRaw = time({ ...metrics.retentionConfig.policy(), rawMs: 31 * DAY });
  now = end + 5 * 60_000;
  metrics.runRetention();
  const stored = time(metrics.retentionConfig.policy());
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const line = (r: typeof allRaw) => `first ${r.first.toFixed(1)} ms (${r.firstCpu.toFixed(1)} ms CPU), best of 5 ${r.best.toFixed(1)} ms; ${r.points} points over ${r.count.toLocaleString('en')} samples`;
  console.log(`\nread: a 30-day graph of one series (${minutes.toLocaleString('en')} samples at 60 s, 800 points max), target < 50 ms:`);
  console.log(`  all raw (decoded, downsampled at read):           ${line(allRaw)}`);
  console.log(`  after default retention (7 d raw + stored 5 min): ${line(stored)}`);
  if (allRaw.count !== minutes || stored.count !== minutes) throw new Error(`the 30-day graph counts ${allRaw.count} / ${stored.count} samples of ${minutes}`);
  return Math.max(allRaw.first, stored.first);
}

const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
console.log(`metrics store benchmark: ${SERIES} series, batches of ${BATCH}, Node ${process.version}`);
// Alternate the two and keep each one's best: both see the same warm caches and disk.
const writer: number[] = [];
const plain: number[] = [];
const checked: number[] = [];
const unchecked: number[] = [];
const ROUNDS = arg('rounds', 3);
for (let i = 0; i < ROUNDS; i++) {
  plain.push(throughputPlain(THROUGHPUT_MINUTES, end));
  writer.push(throughputWriter(THROUGHPUT_MINUTES, end));
  unchecked.push(throughputWriter(THROUGHPUT_MINUTES, end, 'unchecked'));
  checked.push(throughputWriter(THROUGHPUT_MINUTES, end, 'checked'));
}
const w = Math.max(...writer);
const p = Math.max(...plain);
const rows = (THROUGHPUT_MINUTES * SERIES).toLocaleString('en');
const list = (xs: number[]) => xs.map((x) => Math.round(x / 1000)).join(', ');
console.log(`\nthroughput (${rows} samples per run, alternating, best of ${ROUNDS}):`);
console.log(`  metrics writer       ${Math.round(w).toLocaleString('en')} samples/s   (runs: ${list(writer)} k/s)`);
console.log(`  plain better-sqlite3 ${Math.round(p).toLocaleString('en')} samples/s   (runs: ${list(plain)} k/s)`);
console.log(`  ratio writer/plain   ${(w / p).toFixed(2)}x (target >= 0.80x)`);
const c = Math.max(...checked);
const u = Math.max(...unchecked);
console.log(`  writer + projection, events unchecked ${Math.round(u).toLocaleString('en')} samples/s   (runs: ${list(unchecked)} k/s)`);
console.log(`  writer + projection, events checked   ${Math.round(c).toLocaleString('en')} samples/s   (runs: ${list(checked)} k/s)`);
console.log(`  cost of checking events: ${((1 - c / u) * 100).toFixed(1)} % of write throughput`);
const misses: string[] = [];
if (w / p < 0.8) misses.push(`ingest ratio ${(w / p).toFixed(2)}x < 0.80x`);
// The read first: its first query is the process's first chunk decode (cold).
const readMs = readRun(end);
if (readMs >= 50) misses.push(`30-day read ${readMs.toFixed(1)} ms >= 50 ms`);
if (!process.argv.includes('--no-size')) {
  const perSample = sizeRun(end);
  if (perSample > 4) misses.push(`${perSample.toFixed(2)} bytes per raw sample > 4`);
}
if (misses.length) {
  console.log(`\nTARGETS MISSED: ${misses.join('; ')}`);
  process.exitCode = 1;
} else console.log('\nall targets met');
