import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest range one query may cover (retention keeps hourly data two years by default). */
export const MAX_QUERY_RANGE_MS = 5 * 366 * DAY_MS;

export const SeriesId = z.number().int().positive();
export const MetricName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_.:]{0,127}$/, 'Metric names are letters, digits and _ . : (at most 128)');
export const LabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/, 'Label names are letters, digits and _ (at most 64)');
export const Labels = z.record(z.string(), z.string());

export const LabelMatcher = z.strictObject({
  label: LabelName,
  /** = equal, != not equal, =~ / !~ whole-value regular expression (JavaScript syntax). */
  op: z.enum(['=', '!=', '=~', '!~']).default('='),
  value: z.string().max(200, 'Matcher values are at most 200 characters'),
});

export const Resolution = z.enum(['raw', '5m', '1h']);

export const MetricsQueryInput = z
  .strictObject({
    /** Series by id (from metrics.series or a previous query)... */
    seriesIds: z.array(SeriesId).min(1).max(100, 'At most 100 series per query').optional(),
    /** ...or by metric name and label matchers (e.g. name if_in_bps, device = <id>). */
    select: z.strictObject({ name: MetricName, matchers: z.array(LabelMatcher).max(16).default([]) }).optional(),
    from: Timestamp,
    to: Timestamp,
    /** Points per series at most; the engine downsamples to fit. */
    maxPoints: z.number().int().min(10, 'At least 10 points').max(5000, 'At most 5000 points').default(800),
    resolution: z.enum(['auto', 'raw', '5m', '1h']).default('auto'),
    /** With `select`: how many matching series to return at most. */
    limit: z.number().int().min(1).max(100).default(50),
  })
  .superRefine((v, ctx) => {
    if ((v.seriesIds === undefined) === (v.select === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['seriesIds'], message: 'Give either seriesIds or select, not both or neither' });
    }
    if (v.to <= v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end of the range must be after its start' });
    else if (v.to - v.from > MAX_QUERY_RANGE_MS) ctx.addIssue({ code: 'custom', path: ['from'], message: 'The range is at most 5 years' });
  });

export const Point = z.object({ ts: Timestamp, min: z.number(), avg: z.number(), max: z.number(), count: z.number().int() });

export const SeriesPoints = z.object({
  id: SeriesId,
  name: z.string(),
  labels: Labels,
  resolution: Resolution,
  stepMs: z.number().int(),
  points: z.array(Point),
});

export const MetricsQueryOutput = z.object({
  from: Timestamp,
  to: Timestamp,
  series: z.array(SeriesPoints),
  /** True when `select` matched more series than `limit`. */
  truncated: z.boolean(),
});

export const SeriesSummary = z.object({
  id: SeriesId,
  name: z.string(),
  labels: Labels,
  lastTs: Timestamp.nullable(),
  lastValue: z.number().nullable(),
});

export const RetentionDays = z.strictObject({
  rawDays: z.number().int().min(1, 'Keep raw samples at least a day').max(90, 'Raw samples are kept at most 90 days'),
  fiveMinuteDays: z.number().int().min(7).max(730),
  hourDays: z.number().int().min(30).max(3650),
});
export type RetentionDays = z.infer<typeof RetentionDays>;

/** One sample as streamed by the `metrics.samples` event. */
export const StreamedSample = z.object({ seriesId: SeriesId, name: z.string(), labels: Labels, ts: Timestamp, value: z.number() });

/** How many samples one `metrics.samples` event carries at most; a big flush is split into several events. */
export const MAX_SAMPLES_PER_EVENT = 500;

export const metricsProcedures = {
  'metrics.query': {
    summary: 'Points of one or more series over a time range, downsampled to at most maxPoints (min/avg/max per point)',
    input: MetricsQueryInput,
    output: MetricsQueryOutput,
  },
  'metrics.series': {
    summary: "List a device's series, with each one's latest sample",
    input: z.strictObject({ deviceId: Id, name: MetricName.optional() }),
    output: z.object({ series: z.array(SeriesSummary) }),
  },
  'metrics.getRetention': { summary: 'How long raw samples and rollups are kept', input: z.strictObject({}).default({}), output: RetentionDays },
  'metrics.setRetention': { summary: 'Change how long raw samples and rollups are kept', input: RetentionDays.partial(), output: RetentionDays },
} as const;

export const metricsEvents = {
  /** Samples just written to the store, per writer flush, at most MAX_SAMPLES_PER_EVENT each. */
  'metrics.samples': z.object({ samples: z.array(StreamedSample).max(MAX_SAMPLES_PER_EVENT) }),
} as const;
