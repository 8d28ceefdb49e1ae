/**
 * Reports and sites: the contract's schemas. A report is generated off the request path
 * (`reports.generate` returns its id at once; `reports.progress` events follow), stored by id,
 * and read back by id (`reports.preview`, `reports.download`): procedures never take file paths.
 */
import { z } from 'zod';
import { Id, Name, Tag, Timestamp } from './common.ts';

export const ReportKind = z.enum(['inventory', 'availability', 'alerts', 'interfaces', 'discovery-diff']);
export type ReportKind = z.infer<typeof ReportKind>;
export const ReportFormat = z.enum(['json', 'csv', 'html', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** What each kind is, for the UI and the CLI's help. */
export const REPORT_KIND_TITLES: Record<ReportKind, string> = {
  inventory: 'Site inventory',
  availability: 'Availability',
  alerts: 'Alerts',
  interfaces: 'Interface utilization',
  'discovery-diff': 'Discovery changes',
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest period one report may cover. */
export const MAX_REPORT_RANGE_MS = 400 * DAY_MS;

export const ReportGenerateInput = z
  .strictObject({
    kind: ReportKind,
    from: Timestamp,
    to: Timestamp,
    /** Only these devices (default: every device of the site). */
    deviceIds: z.array(Id).max(10_000).optional(),
    /** Only devices with at least one of these tags. */
    tags: z.array(Tag).max(32).optional(),
    format: ReportFormat,
    /** The site (default: the default site). */
    siteId: Id.optional(),
    /** Interface utilization: how many interfaces to list. */
    topN: z.number().int().min(1).max(500).default(20),
    /**
     * Discovery changes: the scan to compare against (default: the scan before `toJobId` on the
     * same targets). Needs `toJobId`.
     */
    fromJobId: Id.optional(),
    /** Discovery changes: the scan to report on (default: the latest finished scan in the period). */
    toJobId: Id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.to <= v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end of the period must be after its start' });
    else if (v.to - v.from > MAX_REPORT_RANGE_MS) ctx.addIssue({ code: 'custom', path: ['from'], message: 'A report covers at most 400 days' });
    for (const key of ['fromJobId', 'toJobId'] as const) {
      if (v[key] !== undefined && v.kind !== 'discovery-diff') ctx.addIssue({ code: 'custom', path: [key], message: 'Scans are picked for the discovery changes report only' });
    }
    if (v.kind !== 'discovery-diff') return;
    if (v.fromJobId !== undefined && v.toJobId === undefined) ctx.addIssue({ code: 'custom', path: ['toJobId'], message: 'Pick the scan to compare with, too' });
    else if (v.fromJobId !== undefined && v.fromJobId === v.toJobId) ctx.addIssue({ code: 'custom', path: ['fromJobId'], message: 'Pick two different scans' });
  });
export type ReportGenerateInput = z.output<typeof ReportGenerateInput>;

export const ReportStatus = z.enum(['queued', 'running', 'done', 'failed']);

export const ReportMeta = z.object({
  id: Id,
  kind: ReportKind,
  format: ReportFormat,
  title: z.string(),
  siteId: Id.nullable(),
  siteName: z.string(),
  from: Timestamp,
  to: Timestamp,
  filters: z.object({
    deviceIds: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
    topN: z.number().int().optional(),
    fromJobId: z.string().optional(),
    toJobId: z.string().optional(),
  }),
  status: ReportStatus,
  error: z.string().nullable(),
  sizeBytes: z.number().int(),
  /** A file name to save it as (made by the engine from the kind, site and date). */
  filename: z.string(),
  mimeType: z.string(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type ReportMeta = z.infer<typeof ReportMeta>;

const IdInput = z.strictObject({ id: Id });

export const Site = z.object({
  id: Id,
  name: z.string(),
  customer: z.string(),
  address: z.string(),
  technician: z.string(),
  notes: z.string(),
  isDefault: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Site = z.infer<typeof Site>;

const siteFields = {
  name: Name,
  customer: z.string().trim().max(200),
  address: z.string().trim().max(500),
  technician: z.string().trim().max(128),
  notes: z.string().max(4000),
};
export const SiteCreateInput = z.strictObject({
  name: siteFields.name,
  customer: siteFields.customer.default(''),
  address: siteFields.address.default(''),
  technician: siteFields.technician.default(''),
  notes: siteFields.notes.default(''),
});
export const SiteUpdateInput = z.strictObject({ id: Id, ...z.object(siteFields).partial().shape });

export const reportsProcedures = {
  'reports.generate': {
    summary: 'Start generating a report (kind, period, devices/tags, format); returns its id at once, progress follows as reports.progress events',
    input: ReportGenerateInput,
    output: z.object({ reportId: Id }),
  },
  'reports.list': {
    summary: 'Generated reports, newest first',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }),
    output: z.object({ items: z.array(ReportMeta) }),
  },
  'reports.get': { summary: "One report's metadata", input: IdInput, output: ReportMeta },
  'reports.preview': {
    summary: 'The report as self-contained HTML, for the UI preview (whatever format it was generated in)',
    input: IdInput,
    output: z.object({ id: Id, html: z.string() }),
  },
  'reports.download': {
    summary: "A report's content: text for json/csv/html, base64 for pdf",
    input: IdInput,
    output: z.object({ id: Id, filename: z.string(), mimeType: z.string(), encoding: z.enum(['utf8', 'base64']), content: z.string() }),
  },
  'reports.delete': { summary: 'Delete a report and its file', input: IdInput, output: z.object({ id: Id }) },
  'sites.list': { summary: 'Sites (the default one first)', input: z.strictObject({}).default({}), output: z.array(Site) },
  'sites.create': { summary: 'Add a site', input: SiteCreateInput, output: Site },
  'sites.update': { summary: 'Change a site', input: SiteUpdateInput, output: Site },
  'sites.delete': { summary: 'Delete a site (not the default one); its devices and reports go back to the default site', input: IdInput, output: z.object({ id: Id }) },
  'sites.assignDevices': {
    summary: 'Move devices to a site',
    input: z.strictObject({ siteId: Id, deviceIds: z.array(Id).min(1).max(10_000) }),
    output: z.object({ siteId: Id, moved: z.number().int() }),
  },
} as const;

export const reportsEvents = {
  /** A report's generation moved on: phase, done/total steps, and its status at the end. */
  'reports.progress': z.object({
    reportId: Id,
    status: ReportStatus,
    phase: z.enum(['queued', 'collect', 'build', 'render', 'store', 'done', 'failed']),
    done: z.number().int(),
    total: z.number().int(),
    error: z.string().nullable(),
  }),
} as const;
