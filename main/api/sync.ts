import { z } from 'zod';
import { httpUrl, Timestamp } from './common.ts';

/** A VictoriaMetrics base URL: single node root or the cluster's `.../insert/<tenant>/prometheus/`. */
export const SyncUrl = httpUrl({ example: 'http://victoria.example.com:8428/ or http://vminsert:8480/insert/0/prometheus/', credentialsField: 'auth fields' });

export const SyncAuthMethod = z.enum(['none', 'basic', 'bearer']);

const LabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/, 'Label names: letters, digits and _, not starting with a digit');
/** Labels added to every pushed series (site, technician). */
export const SyncExtraLabels = z
  .record(LabelName, z.string().trim().min(1, 'Label values cannot be empty').max(256, 'At most 256 characters'))
  .refine((r) => Object.keys(r).length <= 8, 'At most 8 extra labels')
  .refine((r) => !('__name__' in r), '__name__ is not a label you can set');

/** The sync target as the contract shows it: never its password or token. */
export const SyncConfig = z.object({
  /** Empty when no target is configured. */
  url: z.string(),
  authMethod: SyncAuthMethod,
  username: z.string(),
  hasPassword: z.boolean(),
  hasToken: z.boolean(),
  extraLabels: z.record(z.string(), z.string()),
  enabled: z.boolean(),
  updatedAt: Timestamp.nullable(),
});
export type SyncConfig = z.infer<typeof SyncConfig>;

const Secret = z.string().min(1).max(4096);

/** Write-only secrets: omitted keeps the stored one (for the same method, user and server: another URL needs it again). */
export const SyncSetConfigInput = z
  .strictObject({
    url: SyncUrl,
    authMethod: SyncAuthMethod.default('none'),
    username: z.string().trim().min(1).max(256).optional(),
    password: Secret.optional(),
    token: Secret.optional(),
    extraLabels: SyncExtraLabels.optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.authMethod !== 'basic' && (v.username || v.password)) ctx.addIssue({ code: 'custom', path: ['username'], message: 'User and password are used with the basic method only' });
    if (v.authMethod !== 'bearer' && v.token) ctx.addIssue({ code: 'custom', path: ['token'], message: 'A token is used with the bearer method only' });
  });

export const SyncTestInput = z
  .strictObject({
    /** Test these settings instead of the saved ones (secrets omitted fall back to the saved ones, for the saved server only). */
    url: SyncUrl.optional(),
    authMethod: SyncAuthMethod.optional(),
    username: z.string().trim().min(1).max(256).optional(),
    password: Secret.optional(),
    token: Secret.optional(),
  })
  .default({});

export const SyncTestResult = z.object({
  /** The import endpoint accepted an empty push with these credentials. */
  ok: z.boolean(),
  latencyMs: z.number(),
  /** Why not, when ok is false. */
  error: z.string().nullable(),
  /** `-dedup.minScrapeInterval` as the server reports it (single node `/flags`), null when unknown or unset. */
  dedupInterval: z.string().nullable(),
  /** `-retentionPeriod` as the server reports it, null when unknown. */
  retention: z.string().nullable(),
  /** Things to fix on the server side (e.g. deduplication off: a replay would double samples). */
  warnings: z.array(z.string()),
});

export const SyncStatus = z.object({
  configured: z.boolean(),
  enabled: z.boolean(),
  /** Samples written locally and not yet confirmed by VictoriaMetrics (queue + history still to backfill). */
  queuedSamples: z.number().int(),
  /** Of those, samples of history still to backfill (an estimate while it runs). */
  backfillRemaining: z.number().int(),
  backfillDone: z.boolean(),
  /** Samples VictoriaMetrics confirmed since the target was set. */
  pushedSamples: z.number().int(),
  /** Highest queue batch id VictoriaMetrics confirmed (the watermark). */
  pushedBatch: z.number().int(),
  /** Samples kept back as dead (rejected by the server, or ones it would silently drop). */
  deadSamples: z.number().int(),
  deadBatches: z.number().int(),
  lastRejection: z.string().nullable(),
  lastSuccessAt: Timestamp.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: Timestamp.nullable(),
  /** Seconds since the oldest unconfirmed sample was queued; 0 when nothing waits. */
  lagSec: z.number().int().nonnegative(),
  /** When the next attempt is due after failures (backoff), null when not backing off. */
  nextAttemptAt: Timestamp.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** The sync part of `health`. */
export const SyncHealth = SyncStatus.pick({ configured: true, enabled: true, queuedSamples: true, deadSamples: true, lagSec: true, lastSuccessAt: true, lastError: true });

export const syncProcedures = {
  'sync.getConfig': { summary: 'The VictoriaMetrics sync target (never its secrets)', input: z.strictObject({}).default({}), output: SyncConfig },
  'sync.setConfig': { summary: 'Set the VictoriaMetrics URL, auth (write-only secrets), extra labels, on/off', input: SyncSetConfigInput, output: SyncConfig },
  'sync.status': { summary: 'Queued samples, last success, last error, lag', input: z.strictObject({}).default({}), output: SyncStatus },
  'sync.testConnection': { summary: 'Push nothing to the import endpoint and read the server flags', input: SyncTestInput, output: SyncTestResult },
  'sync.retryDead': {
    summary: 'Put dead (rejected) batches back in the queue',
    input: z.strictObject({}).default({}),
    output: z.object({ batches: z.number().int(), samples: z.number().int() }),
  },
} as const;
