/**
 * The `metrics.samples` payload checked without zod: the hottest event (every writer flush) is
 * checked field by field against the same shape as its schema (main/api/metrics.ts StreamedSample)
 * and rebuilt from the declared fields only, so an undeclared field is stripped as a parse would.
 * Per-sample zod parsing cost about 7 % of the writer's throughput (0.58 µs per sample against
 * ~8 µs per sample written); this costs 0.02 µs per sample (0.2 %). event-bus.test.ts checks it against the
 * schema.
 */
import { MAX_SAMPLES_PER_EVENT } from '../api/metrics.ts';
import type { EventPayload } from '../api/events.ts';

type Samples = EventPayload<'metrics.samples'>;
type Sample = Samples['samples'][number];

const isLabels = (l: unknown): l is Record<string, string> => {
  if (typeof l !== 'object' || l === null || Array.isArray(l)) return false;
  for (const k in l) if (typeof (l as Record<string, unknown>)[k] !== 'string') return false;
  return true;
};

/** The payload with declared fields only, or a reason it does not match the schema. */
export function checkSamplesPayload(payload: unknown): { ok: true; data: Samples } | { ok: false; reason: string } {
  const samples = (payload as { samples?: unknown } | null)?.samples;
  if (!Array.isArray(samples)) return { ok: false, reason: 'samples is not an array' };
  if (samples.length > MAX_SAMPLES_PER_EVENT) return { ok: false, reason: `more than ${MAX_SAMPLES_PER_EVENT} samples` };
  const out: Sample[] = new Array<Sample>(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as Partial<Sample> | null;
    if (
      typeof s !== 'object' ||
      s === null ||
      !Number.isSafeInteger(s.seriesId) ||
      (s.seriesId as number) <= 0 ||
      typeof s.name !== 'string' ||
      !Number.isSafeInteger(s.ts) ||
      (s.ts as number) < 0 ||
      typeof s.value !== 'number' ||
      !Number.isFinite(s.value) ||
      !isLabels(s.labels)
    ) {
      return { ok: false, reason: `sample ${i} does not match StreamedSample` };
    }
    out[i] = { seriesId: s.seriesId as number, name: s.name, labels: s.labels, ts: s.ts as number, value: s.value };
  }
  return { ok: true, data: { samples: out } };
}
