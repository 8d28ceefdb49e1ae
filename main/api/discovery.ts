/**
 * Discovery: the contract's schemas for sweep jobs: target validation as you type, start / cancel /
 * list / get (paged results) / diff / add to monitoring / export, and the live events (progress,
 * each host as it is found, finished). Imports nothing but zod, like the rest of main/api/: the
 * syntax of a target is checked by main/discovery/target-syntax.ts in the engine.
 */
import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/** Limits and defaults shared by the contract, the engine and the CLI. */
export const DISCOVERY_LIMITS = {
  /** Entries in `targets` / `exclusions` (each may hold a whole CIDR). */
  maxTargets: 256,
  maxExclusions: 256,
  /** Characters in one entry (a hostname is at most 253). */
  maxTargetLength: 300,
  /** Addresses a job may sweep without `confirmLarge`: a /16. */
  maxAddresses: 65_536,
  /** Addresses a job may never exceed, even confirmed: a /8. */
  hardMaxAddresses: 16_777_216,
  defaultRatePps: 500,
  maxRatePps: 10_000,
  defaultTimeoutMs: 1000,
  maxCredentials: 16,
  maxTcpPorts: 64,
} as const;

/**
 * TCP ports probed by default: remote access (22 ssh, 23 telnet, 3389 rdp), web (80, 443, 8080),
 * file sharing (445) and raw printing (9100). 161 is not here: SNMP is UDP, and the SNMP method
 * (a get of the system group with each credential) is the probe for it.
 */
export const DEFAULT_TCP_PORTS = [22, 23, 80, 443, 445, 3389, 8080, 9100] as const;

export const DiscoveryMethod = z.enum(['icmp', 'tcp', 'arp', 'snmp']);

/** What the classifier calls a device (main/discovery/classifier.ts). */
export const DeviceType = z.enum([
  'router',
  'switch',
  'l3-switch',
  'firewall',
  'wireless-ap',
  'wireless-controller',
  'server',
  'workstation',
  'printer',
  'ups',
  'storage',
  'ip-phone',
  'camera',
  'hypervisor',
  /** Rack power distribution (switched or metered PDU, ATS). */
  'pdu',
  /** Environment monitor: temperature, humidity, contact and leak probes. */
  'sensor',
  'load-balancer',
  /** Analogue telephone adapter or VoIP media gateway. */
  'voip-gateway',
  /** File server appliance (Synology, QNAP, TrueNAS); block and unified arrays are 'storage'. */
  'nas',
  /** A dedicated box that is none of the above: management controller (iDRAC, iLO), KVM, console server, time server, encoder. */
  'appliance',
  'unknown',
]);
export type DeviceType = z.infer<typeof DeviceType>;
export type DiscoveryMethod = z.infer<typeof DiscoveryMethod>;

/**
 * Splits what a person typed or pasted into target entries: commas, semicolons, whitespace and
 * newlines separate entries; spaces around the dash of a range are allowed ("10.0.0.1 - 10.0.0.9").
 */
export function splitTargetList(text: string): string[] {
  return text
    .replace(/\s*-\s*/g, '-')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const TargetEntry = z
  .string({ message: 'A target must be text' })
  .trim()
  .min(1, 'A target cannot be empty')
  .max(DISCOVERY_LIMITS.maxTargetLength, `A target is at most ${DISCOVERY_LIMITS.maxTargetLength} characters`);

/** A list of entries; each string may hold several (a pasted block), split by {@link splitTargetList}. */
const targetList = (what: string, max: number) =>
  z
    .array(TargetEntry, { message: `${what} must be a list of strings` })
    .transform((list) => list.flatMap(splitTargetList))
    .pipe(z.array(z.string()).max(max, `At most ${max} ${what.toLowerCase()}`));

const Port = z.number({ message: 'A port must be a number' }).int('A port must be a whole number').min(1, 'Ports are 1-65535').max(65_535, 'Ports are 1-65535');

const unique = <T>(what: string) => (list: T[]) => new Set(list).size === list.length || `${what} must not repeat`;

/** What a discovery job takes. The sweep orchestration's `discovery.start` will use this as its input. */
export const DiscoveryJobInput = z.strictObject({
  /** CIDRs (10.1.2.0/24, 2001:db8::/120), ranges (10.1.2.10-50, 10.1.2.10-10.1.3.20), addresses, host names. */
  targets: targetList('Targets', DISCOVERY_LIMITS.maxTargets).pipe(z.array(z.string()).min(1, 'At least one target is required')),
  /** Same syntax as targets; never probed. */
  exclusions: targetList('Exclusions', DISCOVERY_LIMITS.maxExclusions).default([]),
  methods: z
    .array(DiscoveryMethod, { message: 'Methods must be a list of icmp, tcp, arp, snmp' })
    .min(1, 'Pick at least one method')
    .refine(unique('Methods'))
    .default(['icmp', 'tcp', 'arp', 'snmp']),
  /** SNMP credentials to try on every alive host, in this order; the first that answers wins. */
  credentialIds: z.array(Id).max(DISCOVERY_LIMITS.maxCredentials, `At most ${DISCOVERY_LIMITS.maxCredentials} credentials`).refine(unique('Credentials')).default([]),
  /** Probes per second, all methods together (ICMP echo, TCP SYN, SNMP request). */
  ratePps: z
    .number({ message: 'Rate must be a number of packets per second' })
    .int('Rate must be a whole number')
    .min(1, 'Rate must be at least 1 packet per second')
    .max(DISCOVERY_LIMITS.maxRatePps, `Rate must be at most ${DISCOVERY_LIMITS.maxRatePps} packets per second`)
    .default(DISCOVERY_LIMITS.defaultRatePps),
  /**
   * Let answers raise the rate (main/discovery/sweep-rate.ts): each answer to a first probe adds
   * 1 pps, up to 20x ratePps (at most maxRatePps); loss halves it, never below ratePps. Silent
   * address space raises nothing, so a sparse range stays at ratePps. false: a fixed rate.
   */
  adaptiveRate: z.boolean({ message: 'Adaptive rate must be true or false' }).default(true),
  /** How long one probe waits for an answer. */
  timeoutMs: z
    .number({ message: 'Timeout must be a number of milliseconds' })
    .int('Timeout must be a whole number of milliseconds')
    .min(50, 'Timeout must be at least 50 ms')
    .max(30_000, 'Timeout must be at most 30000 ms')
    .default(DISCOVERY_LIMITS.defaultTimeoutMs),
  /** Extra attempts for a probe that got no answer. */
  retries: z.number({ message: 'Retries must be a number' }).int('Retries must be a whole number').min(0, 'Retries cannot be negative').max(5, 'At most 5 retries').default(1),
  tcpPorts: z
    .array(Port)
    .min(1, 'Give at least one TCP port (or leave the TCP method off)')
    .max(DISCOVERY_LIMITS.maxTcpPorts, `At most ${DISCOVERY_LIMITS.maxTcpPorts} TCP ports`)
    .refine(unique('TCP ports'))
    .default([...DEFAULT_TCP_PORTS]),
  /** TCP-probe every address, not only those that did not answer ICMP (finds open ports on all hosts; slower). */
  tcpAllHosts: z.boolean().default(false),
  /** Look up the reverse DNS name of each host found (the system resolver, short timeout). */
  reverseDns: z.boolean().default(true),
  /** Allow more than DISCOVERY_LIMITS.maxAddresses addresses (never more than hardMaxAddresses). */
  confirmLarge: z.boolean().default(false),
});
export type DiscoveryJobInput = z.input<typeof DiscoveryJobInput>;

/**
 * `discovery.start`'s input: a job's input and SNMP v2c communities for this scan only (typed in
 * the form, like the CLI's -c): tried after the stored credentials, never stored, logged or
 * returned (the job counts them in `adHocCredentials`).
 */
export const DiscoveryStartInput = DiscoveryJobInput.extend({
  communities: z
    .array(z.string().min(1, 'The community is empty').max(255, 'A community is at most 255 characters'), { message: 'Communities must be a list of strings' })
    .max(DISCOVERY_LIMITS.maxCredentials, `At most ${DISCOVERY_LIMITS.maxCredentials} communities`)
    .default([]),
});
export type DiscoveryStartInput = z.input<typeof DiscoveryStartInput>;
/** The job input after validation and defaults. */
export type DiscoveryJobOptions = z.output<typeof DiscoveryJobInput>;

export const TargetIssue = z.object({
  /** Which list the entry is in; 'total' for problems of the whole set (too many addresses, nothing left). */
  scope: z.enum(['target', 'exclusion', 'total']),
  /** The entry as typed ('' for scope 'total'). */
  target: z.string(),
  /** Errors block the job; warnings (host bits set, some addresses skipped) do not. */
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type TargetIssue = z.infer<typeof TargetIssue>;

export const TargetKind = z.enum(['cidr', 'range', 'address', 'hostname']);

export const TargetSummary = z.object({
  input: z.string(),
  kind: TargetKind.nullable(),
  family: z.union([z.literal(4), z.literal(6)]).nullable(),
  /** Addresses this entry alone would sweep; null when unknown (invalid, or a host name not resolved). */
  count: z.number().int().nullable(),
  /** For host names: what they resolved to. */
  addresses: z.array(z.string()),
});

export const ValidateTargetsInput = z.strictObject({
  targets: targetList('Targets', DISCOVERY_LIMITS.maxTargets),
  exclusions: targetList('Exclusions', DISCOVERY_LIMITS.maxExclusions).default([]),
  confirmLarge: z.boolean().default(false),
  /** Resolve host names (DNS); false for a quick syntax-only check on every keystroke. */
  resolveHostnames: z.boolean().default(true),
});

export const ValidateTargetsOutput = z.object({
  /** No error: a job with these targets would be accepted. */
  ok: z.boolean(),
  /** Distinct addresses that would be swept (after exclusions and skipped addresses). */
  count: z.number().int(),
  ipv4Count: z.number().int(),
  ipv6Count: z.number().int(),
  issues: z.array(TargetIssue),
  targets: z.array(TargetSummary),
  exclusions: z.array(TargetSummary),
});
export type ValidateTargetsOutput = z.infer<typeof ValidateTargetsOutput>;

/**
 * running → finished | cancelled | failed; a job that was running when its engine stopped or
 * crashed is 'interrupted' (its partial results are kept).
 */
export const DiscoveryJobStatus = z.enum(['running', 'finished', 'cancelled', 'interrupted', 'failed']);
export type DiscoveryJobStatus = z.infer<typeof DiscoveryJobStatus>;

/** What the job is doing now. */
export const DiscoveryPhase = z.enum(['sweep', 'neighbors', 'snmp', 'dns', 'done']);

export const DiscoveryJob = z.object({
  id: Id,
  status: DiscoveryJobStatus,
  phase: DiscoveryPhase,
  /** The validated input (targets, exclusions, methods, rate, ...). Credential ids only, never secrets. */
  options: z.object({
    targets: z.array(z.string()),
    exclusions: z.array(z.string()),
    methods: z.array(DiscoveryMethod),
    credentialIds: z.array(Id),
    ratePps: z.number().int(),
    /** Absent in jobs saved before the rate could adapt (they ran at a fixed rate). */
    adaptiveRate: z.boolean().optional(),
    timeoutMs: z.number().int(),
    retries: z.number().int(),
    tcpPorts: z.array(z.number().int()),
    tcpAllHosts: z.boolean(),
    reverseDns: z.boolean(),
  }),
  /** SNMP credentials given for this run only (CLI communities): how many, never what. */
  adHocCredentials: z.number().int(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  /** Addresses in the plan. */
  total: z.number().int(),
  /** Addresses whose liveness is decided. */
  done: z.number().int(),
  alive: z.number().int(),
  /** Alive hosts whose type is not 'unknown'. */
  classified: z.number().int(),
  /** Probe packets sent (all methods). */
  packets: z.number().int(),
  /**
   * The SNMP evidence round after each answered system group: hosts it ran for, requests sent,
   * wall time summed and the longest, ms. Absent for jobs stored before it was recorded.
   */
  evidence: z.object({ hosts: z.number().int(), requests: z.number().int(), totalMs: z.number(), maxMs: z.number() }).optional(),
  /** Why the job failed or was interrupted. */
  error: z.string().nullable(),
});
export type DiscoveryJob = z.infer<typeof DiscoveryJob>;

/**
 * What SNMP made of a host: `answered` (a credential worked), `no-answer` (every credential met
 * silence: a wrong community looks the same as no agent), `error` (the agent answered and
 * refused: an SNMPv3 user or key it does not accept, or an error-status), `not-tried` (the SNMP
 * method is off or no credential was given). `credentials` names the credentials tried (labels,
 * never secrets); `message` says it in words for the table, the details and the CLI.
 */
export const SnmpStatus = z.object({
  state: z.enum(['answered', 'no-answer', 'error', 'not-tried']),
  credentials: z.array(z.string()),
  message: z.string(),
});
export type SnmpStatus = z.infer<typeof SnmpStatus>;

/** One host a job found. Results are keyed by (jobId, address). */
export const DiscoveryHost = z.object({
  address: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  /** How it was found: icmp (echo reply), tcp (a port answered), arp (neighbour table), snmp. */
  foundBy: z.array(DiscoveryMethod),
  /** Best display name: sysName, else reverse DNS, else the typed host name, else the address. */
  name: z.string(),
  /** Reverse DNS and typed host names. */
  hostnames: z.array(z.string()),
  mac: z.string().nullable(),
  macVendor: z.string().nullable(),
  /** Fastest answer (ICMP or TCP), ms. */
  rttMs: z.number().nullable(),
  openPorts: z.array(z.number().int()),
  sysName: z.string().nullable(),
  sysDescr: z.string().nullable(),
  sysObjectID: z.string().nullable(),
  /** SNMPv2-MIB::sysUpTime.0 in seconds. */
  sysUpTimeSec: z.number().nullable(),
  sysContact: z.string().nullable(),
  sysLocation: z.string().nullable(),
  sysServices: z.number().int().nullable(),
  snmpVersion: z.enum(['1', '2c', '3']).nullable(),
  /** The stored credential that worked (null: none, or one given for this run only). */
  credentialId: Id.nullable(),
  /** The credential that worked, described without its secret ("public-ro (v2c)", "command line #1 (v2c)"). */
  credentialLabel: z.string().nullable(),
  type: DeviceType,
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  /** Inventory from the evidence round (ENTITY-MIB chassis, UPS-MIB); absent in results stored before it was read. */
  serial: z.string().nullable().optional(),
  /** Software version of the chassis (entPhysicalSoftwareRev, else FirmwareRev), else the UPS's. */
  firmware: z.string().nullable().optional(),
  hardwareRev: z.string().nullable().optional(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  confidence: z.number(),
  reasons: z.array(z.string()),
  /** The template "add to monitoring" would apply (null without SNMP). */
  templateId: z.string().nullable(),
  templateName: z.string().nullable(),
  /** A device with this address already exists. */
  deviceId: Id.nullable(),
  /** SNMP's outcome; absent while the SNMP step has not finished (and in results stored before it was recorded). */
  snmpStatus: SnmpStatus.optional(),
  /** The address is one of the scanning machine's own (not offered for "Add to monitoring" unless asked). */
  self: z.boolean().optional(),
  updatedAt: Timestamp,
});
export type DiscoveryHost = z.infer<typeof DiscoveryHost>;

const JobRef = z.strictObject({ jobId: Id });

export const DiscoveryGetInput = z.strictObject({
  jobId: Id,
  type: DeviceType.optional(),
  /** Case-insensitive substring of address, name, vendor, model or sysDescr. */
  search: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(10_000).default(1000),
  offset: z.number().int().min(0).default(0),
});

export const DiscoveryDiffOutput = z.object({
  jobId: Id,
  /** The latest earlier job on the same targets and exclusions; null when there is none. */
  previousJobId: Id.nullable(),
  new: z.array(DiscoveryHost),
  gone: z.array(DiscoveryHost),
  changed: z.array(
    z.object({
      address: z.string(),
      previousAddress: z.string(),
      matchedBy: z.enum(['address', 'mac', 'sysName']),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  unchanged: z.number().int(),
});

export const AddToMonitoringOutput = z.object({
  results: z.array(
    z.object({
      address: z.string(),
      /** created: a new device; existing: a device with this address was already there (its templates are left alone); self: the scanning machine's own address, skipped without `includeSelf`. */
      outcome: z.enum(['created', 'existing', 'not_found', 'self']),
      deviceId: Id.nullable(),
      name: z.string().nullable(),
      templateId: z.string().nullable(),
      credentialId: Id.nullable(),
      message: z.string(),
    }),
  ),
  created: z.number().int(),
});

export const discoveryEvents = {
  'discovery.progress': z.object({
    jobId: Id,
    phase: DiscoveryPhase,
    total: z.number().int(),
    done: z.number().int(),
    alive: z.number().int(),
    classified: z.number().int(),
    /** Packets per second over the last second or so. */
    rate: z.number(),
    /** Seconds left, estimated; null when unknown. */
    etaSec: z.number().nullable(),
    elapsedMs: z.number(),
  }),
  'discovery.host': z.object({ jobId: Id, change: z.enum(['found', 'updated']), host: DiscoveryHost }),
  'discovery.finished': z.object({ jobId: Id, status: DiscoveryJobStatus, job: DiscoveryJob }),
} as const;

export const discoveryProcedures = {
  'discovery.validateTargets': {
    summary: 'Check sweep targets and exclusions: per-entry problems and how many addresses would be swept',
    input: ValidateTargetsInput,
    output: ValidateTargetsOutput,
  },
  'discovery.start': {
    summary: 'Start a sweep job; refused with a validation error when the targets are invalid or too large',
    input: DiscoveryStartInput,
    output: DiscoveryJob,
  },
  'discovery.cancel': {
    summary: 'Cancel a running job (probing stops within a second; results so far are kept)',
    input: JobRef,
    output: DiscoveryJob,
  },
  'discovery.list': {
    summary: 'Discovery jobs, newest first',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }).default({ limit: 50, offset: 0 }),
    output: z.object({ items: z.array(DiscoveryJob), total: z.number().int() }),
  },
  'discovery.get': {
    summary: 'One job and a page of its results (sorted by address), optionally filtered',
    input: DiscoveryGetInput,
    output: z.object({ job: DiscoveryJob, results: z.array(DiscoveryHost), total: z.number().int() }),
  },
  'discovery.diff': {
    summary: 'What is new, gone and changed since the previous job on the same targets',
    input: z.strictObject({ jobId: Id, previousJobId: Id.optional() }),
    output: DiscoveryDiffOutput,
  },
  'discovery.addToMonitoring': {
    summary: 'Create devices from results: name, the credential that worked, the auto-picked template, ICMP monitoring',
    input: z.strictObject({
      jobId: Id,
      addresses: z.array(z.string().min(1).max(64)).min(1, 'Select at least one host').max(10_000),
      /** Also add the scanning machine's own addresses (skipped otherwise, with a message). */
      includeSelf: z.boolean().default(false),
    }),
    output: AddToMonitoringOutput,
  },
  'discovery.export': {
    summary: 'A job\'s results as CSV or JSON text (the UI saves it as a file)',
    input: z.strictObject({ jobId: Id, format: z.enum(['csv', 'json']) }),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }),
  },
} as const;
