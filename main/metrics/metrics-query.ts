import { ValidationError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import type { Labels } from './labels.ts';
import { FIVE_MINUTES, ONE_HOUR, RESOLUTION_MS, type Resolution, type RetentionPolicy } from '../lib/samples/resolutions.ts';
import { rebucket } from './rollup.ts';
import { type Buckets, createSampleReader, type SampleReader } from './sample-store.ts';

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

function toPoints(b: Buckets): Point[] {
  const out: Point[] = new Array<Point>(b.ts.length);
  for (let i = 0; i < b.ts.length; i++) out[i] = { ts: b.ts[i] as number, min: b.min[i] as number, avg: b.avg[i] as number, max: b.max[i] as number, count: b.count[i] as number };
  return out;
}

/**
 * Graph queries over the metrics store, downsampled in the engine: at most `maxPoints` points per
 * series, each with min/avg/max so graphs can draw a band. Raw samples are decoded from their
 * chunks and bucketed here; 5-minute and hourly points also take the stored rollups of times whose
 * raw data retention has removed. Every sample lives in one place only, so the sources merge
 * without overlap and the right edge of a graph never has a gap.
 */
export function createMetricsQuery(db: Db, reader: SampleReader = createSampleReader(db)) {
  const byId = db.prepare<[number], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE id = ?');
  const byName = db.prepare<[string], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE name = ? ORDER BY id');
  const byNameDevice = db.prepare<[string, string], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE name = ? AND device_id = ? ORDER BY id');
  const byDevice = db.prepare<[string], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE device_id = ? ORDER BY name, labels');

  function points(id: number, resolution: Resolution, stepMs: number, from: number, to: number): Point[] {
    const raw = reader.rawBuckets(id, from, to, stepMs);
    if (resolution === 'raw') return toPoints(raw);
    const parts = [raw, reader.rollups(id, FIVE_MINUTES, from, to)];
    if (resolution === '1h') parts.push(reader.rollups(id, ONE_HOUR, from, to));
    if (parts.every((p, i) => i === 0 || p.ts.length === 0)) return toPoints(raw);
    return toPoints(rebucket(parts, stepMs));
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
        const l = reader.last(row.id);
        return { ...toInfo(row), lastTs: l?.ts ?? null, lastValue: l?.value ?? null };
      });
    },
  };
}

export type MetricsQuery = ReturnType<typeof createMetricsQuery>;
