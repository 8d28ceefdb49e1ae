/**
 * Pure encoding for the VictoriaMetrics sync: how a flush's samples are packed into one queue
 * row, how queued samples become VictoriaMetrics `/api/v1/import` JSON lines, and which samples
 * VictoriaMetrics would drop without saying so (checked before sending, so they are counted and
 * kept instead of vanishing).
 */
import type { Labels } from '../metrics/labels.ts';

/** Bytes per packed sample: uint32 series id, float64 ts (ms), float64 value. */
export const PACKED_SAMPLE_BYTES = 20;

/** Samples as parallel arrays (the metrics writer's layout). */
export interface SampleColumns {
  n: number;
  seriesIds: ArrayLike<number>;
  times: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Packs the first `n` samples of the writer's arrays into one little-endian blob. */
export function packSamples(n: number, seriesIds: ArrayLike<number>, times: ArrayLike<number>, values: ArrayLike<number>): Buffer {
  const buf = Buffer.allocUnsafe(n * PACKED_SAMPLE_BYTES);
  let o = 0;
  for (let i = 0; i < n; i++) {
    buf.writeUInt32LE(seriesIds[i] as number, o);
    buf.writeDoubleLE(times[i] as number, o + 4);
    buf.writeDoubleLE(values[i] as number, o + 12);
    o += PACKED_SAMPLE_BYTES;
  }
  return buf;
}

/** The inverse of packSamples. Throws on a blob whose length is not a whole number of samples. */
export function unpackSamples(buf: Uint8Array): SampleColumns {
  if (buf.byteLength % PACKED_SAMPLE_BYTES !== 0) throw new Error(`packed samples: ${buf.byteLength} bytes is not a multiple of ${PACKED_SAMPLE_BYTES}`);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = buf.byteLength / PACKED_SAMPLE_BYTES;
  const seriesIds = new Uint32Array(n);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  let o = 0;
  for (let i = 0; i < n; i++) {
    seriesIds[i] = b.readUInt32LE(o);
    times[i] = b.readDoubleLE(o + 4);
    values[i] = b.readDoubleLE(o + 12);
    o += PACKED_SAMPLE_BYTES;
  }
  return { n, seriesIds, times, values };
}

/**
 * The `"metric"` object of an import line: `__name__` first, then the series' labels, then the
 * extra labels (site, technician) that the series does not already carry: a series label wins,
 * as Prometheus' external_labels do. JSON.stringify does all escaping (quotes, backslashes,
 * control characters, any Unicode), so no label value can break a line.
 */
export function metricJson(name: string, labels: Labels, extra: Labels): string {
  const metric: Record<string, string> = { __name__: name };
  for (const [k, v] of Object.entries(labels)) if (k !== '__name__' && v !== '') metric[k] = v;
  for (const [k, v] of Object.entries(extra)) if (!(k in metric) && v !== '') metric[k] = v;
  return JSON.stringify(metric);
}

/** Why VictoriaMetrics would silently drop this sample, or undefined when it would keep it. */
export function sampleProblem(ts: number, value: number, limits: SampleLimits): string | undefined {
  if (!Number.isFinite(value)) return 'value is not a finite number';
  if (!Number.isInteger(ts) || ts < 0) return 'timestamp is not a whole number of milliseconds since 1970';
  if (ts > limits.maxTs) return 'timestamp is more than 2 days in the future (VictoriaMetrics drops these; check the laptop clock)';
  if (ts < limits.minTs) return "timestamp is older than the server's retention (VictoriaMetrics drops these)";
  return undefined;
}

export interface SampleLimits {
  minTs: number;
  maxTs: number;
}

/** VictoriaMetrics refuses samples more than 2 days ahead of its clock (lib/storage: "too big timestamp"). */
export const MAX_FUTURE_MS = 2 * 86_400_000;

/** The acceptance window at `now`; `retentionMs` null when the server's retention is unknown. */
export function sampleLimits(now: number, retentionMs: number | null): SampleLimits {
  // A day of slack on both sides: the server's clock may differ from ours.
  return { minTs: retentionMs === null ? 0 : now - retentionMs + 86_400_000, maxTs: now + MAX_FUTURE_MS - 86_400_000 };
}

export interface EncodeResult {
  /** The request body: one JSON line per series present. */
  body: string;
  /** Samples in the body. */
  sent: number;
  /** Samples not sent, with why (series gone, value or timestamp VictoriaMetrics would drop). */
  rejected: { index: number; reason: string }[];
  /** Newest timestamp in the body (for the lag), or null when the body is empty. */
  maxTs: number | null;
}

/**
 * Groups samples by series into `/api/v1/import` lines:
 * `{"metric":{"__name__":"x","device":"..."},"values":[1.5,2],"timestamps":[1700000000000,1700000060000]}`.
 * One line per series keeps the body small (labels once per batch, not once per sample).
 * `metricOf` returns the metric JSON of a series id, or undefined when the series no longer
 * exists (its device was deleted): such samples are reported as rejected, not sent.
 */
export function encodeImport(samples: SampleColumns, metricOf: (seriesId: number) => string | undefined, limits: SampleLimits): EncodeResult {
  const bySeries = new Map<number, number[]>();
  const rejected: { index: number; reason: string }[] = [];
  let maxTs: number | null = null;
  for (let i = 0; i < samples.n; i++) {
    const ts = samples.times[i] as number;
    const problem = sampleProblem(ts, samples.values[i] as number, limits);
    if (problem) {
      rejected.push({ index: i, reason: problem });
      continue;
    }
    const id = samples.seriesIds[i] as number;
    let list = bySeries.get(id);
    if (!list) bySeries.set(id, (list = []));
    list.push(i);
  }
  const lines: string[] = [];
  let sent = 0;
  for (const [id, idx] of bySeries) {
    const metric = metricOf(id);
    if (metric === undefined) {
      for (const i of idx) rejected.push({ index: i, reason: `series ${id} no longer exists` });
      continue;
    }
    const values = new Array<string>(idx.length);
    const times = new Array<string>(idx.length);
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j] as number;
      const ts = samples.times[i] as number;
      // String(-0) is "0" and String(1e21) is "1e+21": both valid JSON numbers.
      values[j] = String(samples.values[i]);
      times[j] = String(ts);
      if (maxTs === null || ts > maxTs) maxTs = ts;
    }
    sent += idx.length;
    lines.push(`{"metric":${metric},"values":[${values.join(',')}],"timestamps":[${times.join(',')}]}\n`);
  }
  return { body: lines.join(''), sent, rejected, maxTs };
}

/**
 * Parses a VictoriaMetrics duration flag such as `-retentionPeriod`: a bare number means months
 * (its default unit), otherwise a number with h, d, w, y (or m for months) suffix. Null when
 * unparsable.
 */
export function parseRetention(value: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(h|d|w|y|m)?$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000, m: 31 * 86_400_000 }[(m[2] ?? 'm') as 'h' | 'd' | 'w' | 'y' | 'm'];
  return n * unit;
}

/** Reads `-flag="value"` lines of VictoriaMetrics' `/flags` page (only flags set explicitly appear). */
export function parseFlags(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^-([\w.]+)="(.*)"$/.exec(line.trim());
    if (m) out[m[1] as string] = m[2] as string;
  }
  return out;
}

/** How the sync reacts to an HTTP answer. */
export type PushOutcome =
  | { kind: 'ok' }
  /** Try again later (offline, 5xx, 429, timeouts). */
  | { kind: 'retry'; reason: string }
  /** The target is misconfigured (URL path, auth): nothing wrong with the data; retry later, never drop. */
  | { kind: 'config'; reason: string }
  /** Body too large for the server: send fewer samples per request. */
  | { kind: 'too-large'; reason: string }
  /** The server refused this data as a whole: dead-letter it with the reason. */
  | { kind: 'rejected'; reason: string };

/** Classifies a VictoriaMetrics answer to an import request. */
export function classifyResponse(status: number, body: string): PushOutcome {
  const text = body.trim().slice(0, 500);
  const reason = `HTTP ${status}${text ? `: ${text}` : ''}`;
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 401 || status === 403) return { kind: 'config', reason: `${reason} (check the user, password or token)` };
  if (status === 404 || status === 405 || (status === 400 && /unsupported path/i.test(text))) {
    return { kind: 'config', reason: `${reason} (check the URL: it should end at the server root or .../insert/<tenant>/prometheus/)` };
  }
  if (status === 413 || (status === 400 && /too (big|large)|exceed/i.test(text))) return { kind: 'too-large', reason };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', reason };
  if (status >= 400 && status < 500) return { kind: 'rejected', reason };
  return { kind: 'retry', reason };
}
