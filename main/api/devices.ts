import { z } from 'zod';
import { Address, Id, Name, Tag, Timestamp } from './common.ts';
import { DeviceType } from './discovery.ts';

const fields = {
  name: Name,
  address: Address,
  tags: z.array(Tag).max(32, 'At most 32 tags'),
  notes: z.string().max(4000, 'Notes are at most 4000 characters'),
  /** SNMP credentials to try, in order; the first that works is remembered. */
  credentialIds: z.array(Id).max(8, 'At most 8 credentials per device'),
  enabled: z.boolean(),
};

export const DeviceCreateInput = z.strictObject({
  ...fields,
  tags: fields.tags.default([]),
  notes: fields.notes.default(''),
  credentialIds: fields.credentialIds.default([]),
  enabled: fields.enabled.default(true),
});

export const DeviceUpdateInput = z.strictObject({ id: Id, ...z.object(fields).partial().shape });

/**
 * What a device is, filled by the engine (output-only): from the discovery classification when
 * added from a scan, refreshed by the SNMP poller from the system group.
 */
export const DeviceIdentity = z.object({
  type: DeviceType,
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  /** SNMPv2-MIB::sysName.0 */
  sysName: z.string().nullable(),
  /** SNMPv2-MIB::sysLocation.0 */
  location: z.string().nullable(),
  /** SNMPv2-MIB::sysObjectID.0, numeric without a leading dot. */
  sysObjectID: z.string().nullable(),
  /** Inventory from ENTITY-MIB's chassis row (or UPS-MIB): serial number, software/firmware version, hardware revision. */
  serial: z.string().nullable(),
  firmware: z.string().nullable(),
  hardwareRev: z.string().nullable(),
  /** When the identity last changed (null: never filled). */
  identityUpdatedAt: Timestamp.nullable(),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentity>;

export const Device = z.object({
  id: Id,
  ...fields,
  ...DeviceIdentity.shape,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Only on the engine's own device ("WARD FLUX", its self-metrics): never polled over the network, cannot be deleted. */
  builtin: z.literal(true).optional(),
});
export type Device = z.infer<typeof Device>;

/** What standalone monitoring says about a device: ICMP availability, with SNMP when ICMP has no verdict. */
export const DeviceStatus = z.enum(['up', 'down', 'degraded', 'unknown']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/**
 * Where a device comes from: `wardflux` (added here, monitored by WARD FLUX), `zabbix` (a Zabbix
 * host mirrored in Zabbix or hybrid mode; WARD FLUX does not poll it) or `both` (a WARD FLUX
 * device matched to a Zabbix host by IP, DNS or host name).
 */
export const DeviceSource = z.enum(['wardflux', 'zabbix', 'both']);
export type DeviceSource = z.infer<typeof DeviceSource>;

/** How a device was matched to its Zabbix host. */
export const ZabbixMatch = z.enum(['pushed', 'ip', 'dns', 'name', 'imported']);

/** What Zabbix says about a device (Zabbix and hybrid modes), as last read from the server. */
export const DeviceZabbixView = z.object({
  hostId: z.string(),
  /** Technical host name. */
  host: z.string(),
  /** Visible name. */
  name: z.string(),
  matchedBy: ZabbixMatch,
  /** From the host's interface availability and its open problems (a problem of severity high or disaster makes it degraded). */
  status: DeviceStatus,
  /** Open problems on the host, and the worst severity among them (0-5; null when none). */
  problems: z.number().int().nonnegative(),
  worstSeverity: z.number().int().min(0).max(5).nullable(),
  /** When this was read from Zabbix (ms). */
  seenAt: Timestamp,
});
export type DeviceZabbixView = z.infer<typeof DeviceZabbixView>;

/** A device as listed: its record plus output-only monitoring state (never part of an input). */
export const MonitoredDevice = Device.extend({
  /**
   * The device's status. Standalone: WARD FLUX's own (ICMP, SNMP). Zabbix mode: Zabbix's.
   * Hybrid: WARD FLUX's own when it has a verdict, else Zabbix's. `statusSource` says which.
   */
  status: DeviceStatus,
  statusSource: z.enum(['wardflux', 'zabbix']).nullable(),
  /** When it last answered a poll (ICMP or SNMP), ms since the epoch. */
  lastSeen: Timestamp.optional(),
  source: DeviceSource,
  /** Zabbix's view of the device; null when it is not linked to a Zabbix host (or in standalone mode). */
  zabbix: DeviceZabbixView.nullable(),
});
export type MonitoredDevice = z.infer<typeof MonitoredDevice>;

/**
 * The key numbers of a device as listed (the Devices page's columns): the windowed ICMP figures
 * (main/monitoring/loss-window.ts: latency and loss over the last 5 minutes of checks), the agent's
 * uptime now, and its open alerts. A figure is null when there is none fresh enough to be "now".
 */
export const DeviceStats = z.object({
  deviceId: Id,
  /** ping_rtt_ms_5m: mean round trip over the window, ms. */
  rttMs: z.number().nullable(),
  /** ping_loss_pct_5m: lost / sent probes over the window, %. */
  lossPct: z.number().nullable(),
  /** uptime_sec as last read, plus the time since it was read. */
  uptimeSec: z.number().nullable(),
  /** Firing or acknowledged alerts on the device. */
  openAlerts: z.number().int().nonnegative(),
});
export type DeviceStats = z.infer<typeof DeviceStats>;

export const DeviceListInput = z
  .strictObject({
    /** Case-insensitive substring of name, address or notes. */
    search: z.string().max(200).optional(),
    tag: Tag.optional(),
    enabled: z.boolean().optional(),
    /** Devices of this type. */
    type: DeviceType.optional(),
    /** Case-insensitive exact vendor name ("Cisco"). */
    vendor: z.string().trim().min(1, 'Vendor is empty').max(100, 'Vendor is at most 100 characters').optional(),
    /** Devices from this source. */
    source: DeviceSource.optional(),
    limit: z.number().int().min(1).max(50_000).default(10_000),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 10_000, offset: 0 });

export const devicesProcedures = {
  'devices.list': {
    summary: 'List devices, optionally filtered',
    input: DeviceListInput,
    output: z.object({ items: z.array(MonitoredDevice), total: z.number().int() }),
  },
  'devices.get': { summary: 'One device by id, with its monitoring status', input: z.strictObject({ id: Id }), output: MonitoredDevice },
  'devices.stats': {
    summary: 'Latency, loss (5 min), uptime and open alerts of every device that has any (one row each; the others have none)',
    input: z.strictObject({}).default({}),
    output: z.object({ items: z.array(DeviceStats), at: Timestamp }),
  },
  'devices.create': { summary: 'Add a device', input: DeviceCreateInput, output: Device },
  'devices.update': { summary: 'Change some fields of a device', input: DeviceUpdateInput, output: Device },
  'devices.delete': {
    summary: 'Remove a device',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id }),
  },
} as const;
