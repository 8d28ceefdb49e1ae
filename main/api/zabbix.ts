import { z } from 'zod';
import { httpUrl, Id, Timestamp } from './common.ts';
import { MonitoringMode } from './settings.ts';

/** A Zabbix frontend URL: http(s) only, no credentials in it. */
export const ZabbixUrl = httpUrl({ example: 'http://zabbix.example.com/zabbix', credentialsField: 'token or user fields', allowQuery: true });

export const ZabbixAuthMethod = z.enum(['token', 'password']);

/** The Zabbix connection as the contract shows it: never the token or password. */
export const ZabbixConfig = z.object({
  /** Empty when no server is configured. */
  url: z.string(),
  authMethod: ZabbixAuthMethod,
  username: z.string(),
  hasToken: z.boolean(),
  hasPassword: z.boolean(),
  /** Host group pushed devices go to (created if missing). */
  hostGroup: z.string(),
  /** Template names tried in order when pushing a device (the first that exists is linked). */
  templates: z.array(z.string()),
  /** Version reported at the last successful connection. */
  serverVersion: z.string().nullable(),
  updatedAt: Timestamp.nullable(),
});
export type ZabbixConfig = z.infer<typeof ZabbixConfig>;

const Secret = z.string().min(1).max(4096);

/** Write-only secrets: omitted keeps the stored one for the same server. Another URL or a switch of method needs the secret again. */
export const ZabbixSetConfigInput = z
  .strictObject({
    url: ZabbixUrl,
    authMethod: ZabbixAuthMethod,
    token: Secret.optional(),
    username: z.string().trim().min(1, 'User name is required').max(100).optional(),
    password: Secret.optional(),
    hostGroup: z.string().trim().min(1).max(255).optional(),
    templates: z.array(z.string().trim().min(1).max(255)).min(1).max(8).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.authMethod === 'password' && v.token) ctx.addIssue({ code: 'custom', path: ['token'], message: 'A token is not used with the password method' });
    if (v.authMethod === 'token' && (v.password || v.username)) ctx.addIssue({ code: 'custom', path: ['password'], message: 'User and password are not used with the token method' });
  });

export const ZabbixTestInput = z
  .strictObject({
    /** Test these settings instead of the saved ones (secrets omitted fall back to the saved ones, for the saved server only). */
    url: ZabbixUrl.optional(),
    authMethod: ZabbixAuthMethod.optional(),
    token: Secret.optional(),
    username: z.string().trim().min(1).max(100).optional(),
    password: Secret.optional(),
  })
  .default({});

export const ZabbixTestResult = z.object({
  version: z.string(),
  /** Whether the credential was accepted (false when none is configured). */
  authenticated: z.boolean(),
  latencyMs: z.number(),
});

/** Marks data served from the offline cache. */
const Freshness = {
  /** True when the server could not be reached and this is the last known state. */
  stale: z.boolean(),
  /** When this data was fetched from the server. */
  fetchedAt: Timestamp,
  /** Seconds since fetchedAt. */
  ageSec: z.number().int().nonnegative(),
  /** Why fresh data could not be fetched (only when stale). */
  error: z.string().optional(),
};

export const ZabbixInterface = z.object({
  interfaceId: z.string(),
  /** 1 agent, 2 SNMP, 3 IPMI, 4 JMX. */
  type: z.number().int(),
  ip: z.string(),
  dns: z.string(),
  port: z.string(),
  useIp: z.boolean(),
  main: z.boolean(),
  /** 0 unknown, 1 available, 2 unavailable. */
  available: z.number().int().optional(),
});

export const ZabbixHost = z.object({
  hostId: z.string(),
  host: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  groups: z.array(z.object({ groupId: z.string(), name: z.string() })),
  interfaces: z.array(ZabbixInterface),
  inventory: z.record(z.string(), z.string()),
  tags: z.array(z.object({ tag: z.string(), value: z.string() })),
  templates: z.array(z.string()),
});
export type ZabbixHost = z.infer<typeof ZabbixHost>;

/** Zabbix's names of its severities 0-5, as its frontend shows them. */
export const ZABBIX_SEVERITY_NAMES = ['Not classified', 'Information', 'Warning', 'Average', 'High', 'Disaster'] as const;

export const ZabbixProblem = z.object({
  eventId: z.string(),
  /** The trigger that raised it. */
  triggerId: z.string(),
  name: z.string(),
  /** 0 not classified, 1 information, 2 warning, 3 average, 4 high, 5 disaster. */
  severity: z.number().int().min(0).max(5),
  /** When it started, ms. */
  clock: Timestamp,
  acknowledged: z.boolean(),
  suppressed: z.boolean(),
  /** Set when the problem is resolved (from event.get for older events). */
  resolvedAt: Timestamp.nullable(),
  hosts: z.array(z.object({ hostId: z.string(), name: z.string() })),
  tags: z.array(z.object({ tag: z.string(), value: z.string() })),
  acknowledges: z.array(z.object({ clock: Timestamp, message: z.string(), action: z.number().int() })),
});
export type ZabbixProblem = z.infer<typeof ZabbixProblem>;

export const ZabbixHostsInput = z
  .strictObject({
    groupIds: z.array(z.string().regex(/^\d+$/)).max(100).optional(),
    search: z.string().trim().max(200).optional(),
    limit: z.number().int().min(1).max(50_000).default(10_000),
    /** Skip the server and return the cache. */
    cachedOnly: z.boolean().default(false),
  })
  .default({ limit: 10_000, cachedOnly: false });

export const ZabbixProblemsInput = z
  .strictObject({
    hostIds: z.array(z.string().regex(/^\d+$/)).max(1000).optional(),
    /** Only problems at or above this severity. */
    minSeverity: z.number().int().min(0).max(5).default(0),
    /** Also resolved problems since this time (ms), read with event.get. */
    recentSince: Timestamp.optional(),
    limit: z.number().int().min(1).max(10_000).default(1000),
    cachedOnly: z.boolean().default(false),
  })
  .default({ minSeverity: 0, limit: 1000, cachedOnly: false });

export const ZabbixAcknowledgeInput = z.strictObject({
  eventId: z.string().regex(/^\d+$/, 'A Zabbix event id (digits)'),
  message: z.string().trim().min(1, 'A message is required').max(2048, 'At most 2048 characters'),
});

export const ZabbixHistoryInput = z
  .strictObject({
    itemId: z.string().regex(/^\d+$/, 'A Zabbix item id (digits)'),
    from: Timestamp,
    to: Timestamp,
    /** Points at most; longer ranges use trends (hourly) where the item has them. */
    maxPoints: z.number().int().min(10).max(10_000).default(2000),
  })
  .refine((v) => v.to > v.from, { message: '`to` must be after `from`', path: ['to'] });

export const ZabbixHistoryPoint = z.object({
  clock: Timestamp,
  /** Numbers for numeric items; text for character, log and text items. */
  value: z.union([z.number(), z.string()]),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const ZabbixHistory = z.object({
  itemId: z.string(),
  name: z.string(),
  units: z.string(),
  /** 0 float, 1 character, 2 log, 3 unsigned, 4 text. */
  valueType: z.number().int().min(0).max(4),
  source: z.enum(['history', 'trends']),
  points: z.array(ZabbixHistoryPoint),
});

export const ZabbixPushInput = z.strictObject({
  deviceIds: z.array(Id).min(1, 'Pick at least one device').max(5000),
});

/**
 * The mirror of Zabbix in Zabbix and hybrid modes: hosts become devices (matched to WARD FLUX's
 * own devices by IP, DNS or host name), problems become alerts. Refreshed periodically.
 */
export const ZabbixStatus = z.object({
  mode: MonitoringMode,
  /** A server URL and credential are saved. */
  configured: z.boolean(),
  /** The mirror is running (Zabbix or hybrid mode with a configured server). */
  active: z.boolean(),
  /** The last attempt failed: devices and problems shown are the last known ones. */
  stale: z.boolean(),
  /** When the mirror last read the server successfully (null: never). */
  lastSyncAt: Timestamp.nullable(),
  /** Seconds since lastSyncAt (null: never). */
  ageSec: z.number().int().nonnegative().nullable(),
  lastAttemptAt: Timestamp.nullable(),
  /** Why the last attempt failed. */
  error: z.string().nullable(),
  /** Hosts read at the last sync; of those matched to WARD FLUX devices, and mirrored as Zabbix-only devices. */
  hosts: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  /** Open Zabbix problems mirrored as alerts. */
  problems: z.number().int().nonnegative(),
  /** Pushes waiting in the outbox. */
  pendingPushes: z.number().int().nonnegative(),
  /** How often the mirror reads the server. */
  intervalSec: z.number().int().positive(),
});
export type ZabbixStatus = z.infer<typeof ZabbixStatus>;

export const ZabbixItem = z.object({
  itemId: z.string(),
  name: z.string(),
  key: z.string(),
  /** 0 float, 1 character, 2 log, 3 unsigned, 4 text. */
  valueType: z.number().int().min(0).max(4),
  units: z.string(),
  lastValue: z.string(),
  /** ms; null when the item never got a value. */
  lastClock: Timestamp.nullable(),
  enabled: z.boolean(),
  supported: z.boolean(),
});
export type ZabbixItem = z.infer<typeof ZabbixItem>;

export const ZabbixDeviceItemsInput = z.strictObject({
  /** A device linked to a Zabbix host (see the device's `zabbix` field). */
  deviceId: Id,
  /** Case-insensitive substring of the item name. */
  search: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(10_000).default(2000),
  cachedOnly: z.boolean().default(false),
});

export const zabbixEvents = {
  /** The mirror finished a sync attempt (fresh or failed); the UI refreshes devices and alerts. */
  'zabbix.status': ZabbixStatus,
} as const;

export const zabbixProcedures = {
  'zabbix.getConfig': { summary: 'The Zabbix connection (never its secrets)', input: z.strictObject({}).default({}), output: ZabbixConfig },
  'zabbix.setConfig': { summary: 'Save the Zabbix URL and credentials (write-only)', input: ZabbixSetConfigInput, output: ZabbixConfig },
  'zabbix.testConnection': { summary: 'Connect and log in; returns the server version', input: ZabbixTestInput, output: ZabbixTestResult },
  'zabbix.hosts': {
    summary: 'Hosts from Zabbix (interfaces, inventory, tags); last known when offline',
    input: ZabbixHostsInput,
    output: z.object({ items: z.array(ZabbixHost), ...Freshness }),
  },
  'zabbix.problems': {
    summary: 'Current problems from Zabbix; last known when offline',
    input: ZabbixProblemsInput,
    output: z.object({ items: z.array(ZabbixProblem), ...Freshness }),
  },
  'zabbix.acknowledge': {
    summary: 'Acknowledge one problem event with a message',
    input: ZabbixAcknowledgeInput,
    output: z.object({ eventId: z.string() }),
  },
  'zabbix.history': { summary: 'History (or trends) of one item for a graph', input: ZabbixHistoryInput, output: ZabbixHistory },
  'zabbix.status': { summary: 'The Zabbix mirror: mode, last sync, staleness, counts', input: z.strictObject({}).default({}), output: ZabbixStatus },
  'zabbix.refresh': {
    summary: 'Read hosts and problems from Zabbix now (Zabbix and hybrid modes); returns the mirror status',
    input: z.strictObject({}).default({}),
    output: ZabbixStatus,
  },
  'zabbix.deviceItems': {
    summary: "Items of a device's Zabbix host with their last values; last known when offline",
    input: ZabbixDeviceItemsInput,
    output: z.object({ hostId: z.string(), items: z.array(ZabbixItem), ...Freshness }),
  },
  'zabbix.pushDevices': {
    summary: 'Create or update these devices as hosts in Zabbix (queued; delivered when the server is reachable)',
    input: ZabbixPushInput,
    output: z.object({ queued: z.number().int() }),
  },
} as const;
