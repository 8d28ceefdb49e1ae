/**
 * Central WARD FLUX: the laptop side (the central target, write-only token; queueing uploads of
 * reports, discovery results and inventories through the durable outbox) and the central side
 * (the sites and uploads it received). The HTTP upload protocol itself is in
 * main/central/README.md.
 */
import { z } from 'zod';
import { httpUrl, Id, Timestamp } from './common.ts';

export const CentralUrl = httpUrl({ example: 'https://central.example.com:8300/', credentialsField: 'token field' });

/** The central target as the contract shows it: never its token. */
export const CentralTarget = z.object({
  /** Empty when none is configured. */
  url: z.string(),
  hasToken: z.boolean(),
  enabled: z.boolean(),
  updatedAt: Timestamp.nullable(),
});

export const CentralSetTargetInput = z.strictObject({
  url: CentralUrl,
  /** The central's API token (wardflux token create, on the central). Omitted: keep the stored one (same URL only; another URL needs it again). */
  token: z.string().min(1).max(4096).optional(),
  enabled: z.boolean().default(true),
});

export const UploadKind = z.enum(['report', 'discovery', 'inventory']);

export const CentralEnqueueInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('report'), reportId: Id }),
  z.strictObject({ kind: z.literal('discovery'), jobId: Id }),
  z.strictObject({ kind: z.literal('inventory'), siteId: Id.optional() }),
]);

export const CentralSite = z.object({
  id: Id,
  name: z.string(),
  customer: z.string(),
  address: z.string(),
  technician: z.string(),
  uploads: z.number().int(),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
});

export const CentralUpload = z.object({
  uploadId: Id,
  siteId: Id,
  siteName: z.string(),
  kind: UploadKind,
  metadata: z.record(z.string(), z.unknown()),
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  state: z.enum(['open', 'complete']),
  receivedChunks: z.number().int(),
  totalChunks: z.number().int(),
  createdAt: Timestamp,
  completedAt: Timestamp.nullable(),
  /** The user whose API token sent the upload (null: before users existed). */
  uploadedBy: z.string().nullable(),
});
export type CentralUpload = z.infer<typeof CentralUpload>;

export const centralProcedures = {
  'central.getTarget': { summary: 'The central WARD FLUX this laptop uploads to (never its token)', input: z.strictObject({}).default({}), output: CentralTarget },
  'central.setTarget': { summary: 'Set the central URL and API token (write-only)', input: CentralSetTargetInput, output: CentralTarget },
  'central.enqueue': {
    summary: 'Queue an upload to the central (a report, a discovery job, the inventory) in the durable outbox',
    input: CentralEnqueueInput,
    output: z.object({ uploadId: Id, queued: z.boolean() }),
  },
  'central.sites': { summary: 'Central mode: the sites that uploaded', input: z.strictObject({}).default({}), output: z.array(CentralSite) },
  'central.uploads': {
    summary: 'Central mode: uploads received, newest first',
    input: z.strictObject({ siteId: Id.optional(), kind: UploadKind.optional(), limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }),
    output: z.object({ items: z.array(CentralUpload) }),
  },
  'central.download': {
    summary: "Central mode: a complete upload's content (base64)",
    input: z.strictObject({ uploadId: Id }),
    output: z.object({ uploadId: Id, filename: z.string(), mimeType: z.string(), encoding: z.literal('base64'), content: z.string() }),
  },
} as const;
