/**
 * Discovery: the contract's schemas for sweep jobs. Today only `discovery.validateTargets` (target
 * validation as you type) is a procedure; `DiscoveryJobInput` is the input the job procedures
 * (start, cancel, results: the sweep orchestration) will take. Imports nothing but zod, like the
 * rest of main/api/: the syntax of a target is checked by main/discovery/targets.ts in the engine.
 */
import { z } from 'zod';
import { Id } from './common.ts';

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
  /** Allow more than DISCOVERY_LIMITS.maxAddresses addresses (never more than hardMaxAddresses). */
  confirmLarge: z.boolean().default(false),
});
export type DiscoveryJobInput = z.input<typeof DiscoveryJobInput>;

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

export const discoveryProcedures = {
  'discovery.validateTargets': {
    summary: 'Check sweep targets and exclusions: per-entry problems and how many addresses would be swept',
    input: ValidateTargetsInput,
    output: ValidateTargetsOutput,
  },
} as const;
