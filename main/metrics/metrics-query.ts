import { ValidationError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import type { Labels } from './labels.ts';
import { RESOLUTION_MS, type Resolution, type RetentionPolicy } from './resolutions.ts';
import type { Rollup } from './rollup.ts';

/** One point of a downsampled series: the bucket start and min/avg/max/count of what fell in it. */
export interface Point {
  ts: number;
  min: number;
  avg: number;
  max: number;
  count: number;
}

export interface SeriesPoints {
  id: number;
  name: string;
  labels: Labels;
  /** Where the points came from; 'raw' when no rollup was needed. */
  resolution: Resolution;
  /** Width of each point's bucket in ms. */
  stepMs: number;
  points: Point[];
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
}

export interface SeriesSelector {
  name: string;
  matchers: LabelMatcher[];
}

export interface QueryRange {
  from: number;
  to: number;
  maxPoints: number;
  /** 'auto' picks the finest data that fits maxPoints and is still kept for the whole range. */
  resolution: Resolution | 'auto';
}

interface SeriesRow {
  id: number;
  name: string;
  labels: string;
}

/** Picks the data source and bucket width for a range; exported for tests and the UI's hints. */
export function planQuery(range: { from: number; to: number; maxPoints: number; resolution: Resolution | 'auto' }, now: number, policy: RetentionPolicy): { resolution: Resolution; stepMs: number } {
  const span = Math.max(1, range.to - range.from);
  // floor(span / step) + 1 buckets can touch the range: keep that within maxPoints.
  const minStep = Math.ceil(span / Math.max(1, range.maxPoints - 1));
  let resolution: Resolution;
  if (range.resolution !== 'auto') resolution = range.resolution;
  else {
    resolution = minStep >= RESOLUTION_MS['1h'] ? '1h' : minStep >= RESOLUTION_MS['5m'] ? '5m' : 'raw';
    // Go coarser when the finer data is no longer kept for the start of the range.
    if (resolution === 'raw' && range.from < now - policy.rawMs) resolution = '5m';
    if (resolution === '5m' && range.from < now - policy.fiveMinuteMs) resolution = '1h';
  }
  const width = resolution === 'raw' ? 1000 : RESOLUTION_MS[resolution];
  return { resolution, stepMs: Math.max(width, Math.ceil(minStep / width) * width) };
}

function compileMatcher(m: LabelMatcher): (labels: Labels) => boolean {
  if (m.op === '=' || m.op === '!=') {
    const want = m.op === '=';
    return (labels) => ((labels[m.label] ?? '') === m.value) === want;
  }
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${m.value})$`, 'u');
  } catch (err) {
    throw new ValidationError(`Label matcher ${m.label}${m.op}"${m.value}" is not a valid regular expression: ${(err as Error).message}`);
  }
  const want = m.op === '=~';
  return (labels) => re.test(labels[m.label] ?? '') === want;
}

function merge(into: Map<number, Point>, p: Point): void {
  const have = into.get(p.ts);
  if (!have) {
    into.set(p.ts, { ...p });
    return;
  }
  const count = have.count + p.count;
  have.avg = (have.avg * have.count + p.avg * p.count) / count;
  have.min = Math.min(have.min, p.min);
  have.max = Math.max(have.max, p.max);
  have.count = count;
}

/**
 * Graph queries over the metrics store, downsampled in the engine: at most `maxPoints` points per
 * series, each with min/avg/max so graphs can draw a band. Rollups serve the buckets they have
 * finished; the still-open tail of the range comes from raw samples, so the right edge of a
 * graph never has a gap.
 */
export function createMetricsQuery(db: Db, rollup: Rollup) {
  const raw = db.prepare<{ id: number; from: number; to: number; step: number }, Point>(
    `SELECT (ts / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS ts, min(value) AS min, avg(value) AS avg, max(value) AS max, count(*) AS count
     FROM metric_samples WHERE series_id = @id AND ts >= @from AND ts < @to GROUP BY 1 ORDER BY 1`,
  );
  const rolled = (table: string) =>
    db.prepare<{ id: number; from: number; to: number; step: number }, Point>(
      `SELECT (ts / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS ts, min(min) AS min, sum(avg * count) / sum(count) AS avg, max(max) AS max, sum(count) AS count
       FROM ${table} WHERE series_id = @id AND ts >= @from AND ts < @to GROUP BY 1 ORDER BY 1`,
    );
  const rollups = { '5m': rolled('metric_rollup_5m'), '1h': rolled('metric_rollup_1h') };
  const byId = db.prepare<[number], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE id = ?');
  const byName = db.prepare<[string], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE name = ? ORDER BY id');
  const byNameDevice = db.prepare<[string, string], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE name = ? AND device_id = ? ORDER BY id');
  const byDevice = db.prepare<[string], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE device_id = ? ORDER BY name, labels');
  const last = db.prepare<[number], { ts: number; value: number }>('SELECT ts, value FROM metric_samples WHERE series_id = ? ORDER BY ts DESC LIMIT 1');

  function points(id: number, resolution: Resolution, stepMs: number, from: number, to: number): Point[] {
    if (resolution === 'raw') return raw.all({ id, from, to, step: stepMs });
    // Rollups hold closed buckets up to doneUntil; the rest of the range comes from raw samples.
    const doneUntil = rollup.doneUntil(resolution) ?? from;
    const split = Math.max(from, Math.min(to, doneUntil));
    const merged = new Map<number, Point>();
    if (split > from) for (const p of rollups[resolution].all({ id, from, to: split, step: stepMs })) merge(merged, p);
    if (split < to) for (const p of raw.all({ id, from: split, to, step: stepMs })) merge(merged, p);
    return [...merged.values()].sort((a, b) => a.ts - b.ts);
  }

  function toInfo(row: SeriesRow) {
    return { id: row.id, name: row.name, labels: JSON.parse(row.labels) as Labels };
  }

  return {
    /** Series of a metric name whose labels satisfy every matcher, at most `limit` (and whether more matched). */
    select(selector: SeriesSelector, limit: number): { series: { id: number; name: string; labels: Labels }[]; truncated: boolean } {
      const tests = selector.matchers.map(compileMatcher);
      const deviceEq = selector.matchers.find((m) => m.label === 'device' && m.op === '=');
      const rows = deviceEq ? byNameDevice.all(selector.name, deviceEq.value) : byName.all(selector.name);
      const out: { id: number; name: string; labels: Labels }[] = [];
      for (const row of rows) {
        const info = toInfo(row);
        if (!tests.every((t) => t(info.labels))) continue;
        if (out.length === limit) return { series: out, truncated: true };
        out.push(info);
      }
      return { series: out, truncated: false };
    },

    /** Downsampled points of the given series (unknown ids are skipped) over [from, to). */
    query(ids: readonly number[], range: QueryRange, now: number, policy: RetentionPolicy): SeriesPoints[] {
      if (!(range.to > range.from)) throw new ValidationError('The end of the time range must be after its start');
      const plan = planQuery(range, now, policy);
      const out: SeriesPoints[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        out.push({ ...toInfo(row), ...plan, points: points(id, plan.resolution, plan.stepMs, range.from, range.to) });
      }
      return out;
    },

    /** Every series of a device, with its newest raw sample when there is one. */
    seriesOfDevice(deviceId: string, name?: string) {
      const rows = name ? byNameDevice.all(name, deviceId) : byDevice.all(deviceId);
      return rows.map((row) => {
        const l = last.get(row.id);
        return { ...toInfo(row), lastTs: l?.ts ?? null, lastValue: l?.value ?? null };
      });
    },
  };
}

export type MetricsQuery = ReturnType<typeof createMetricsQuery>;
