/**
 * Diagnostics: ping, traceroute and MTR runs. `diagnostics.start` validates, resolves the target
 * and returns a runId at once; results stream as `diagnostics.progress` events and end with one
 * `diagnostics.done` (completed, cancelled or failed) carrying the final result.
 */
import { z } from 'zod';
import { Address } from './common.ts';

const RunId = z.uuid({ message: 'Must be a runId returned by diagnostics.start' });
const count = (def: number) => z.number({ message: 'Count must be a number' }).int('Count must be a whole number').min(1, 'Count must be at least 1').max(100_000, 'Count must be at most 100000').default(def);
const seconds = (what: string, def: number, max: number) =>
  z.number({ message: `${what} must be a number of seconds` }).positive(`${what} must be more than 0 s`).max(max, `${what} must be at most ${max} s`).default(def);
const Protocol = z.enum(['icmp', 'udp']).default('icmp');
const MaxHops = z.number().int().min(1, 'maxHops must be at least 1').max(64, 'maxHops must be at most 64').default(30);

export const PingInput = z.strictObject({
  kind: z.literal('ping'),
  targets: z.array(Address).min(1, 'At least one target is required').max(256, 'At most 256 targets per run'),
  count: count(5),
  /** Seconds between probes to one target; the minimum is 0.2 s without root, 0.01 s with. */
  intervalSec: seconds('Interval', 1, 3600),
  sizeBytes: z.number().int().min(16, 'Packet size must be at least 16 bytes').max(65_000, 'Packet size must be at most 65000 bytes').default(56),
  timeoutSec: seconds('Timeout', 1, 60),
});

export const TracerouteInput = z.strictObject({
  kind: z.literal('traceroute'),
  target: Address,
  maxHops: MaxHops,
  probesPerHop: z.number().int().min(1).max(10).default(3),
  timeoutSec: seconds('Timeout', 1, 60),
  protocol: Protocol,
});

export const MtrInput = z.strictObject({
  kind: z.literal('mtr'),
  target: Address,
  count: count(10),
  intervalSec: seconds('Interval', 1, 3600),
  maxHops: MaxHops,
  timeoutSec: seconds('Timeout', 1, 60),
  protocol: Protocol,
});

export const DiagnosticsStartInput = z.discriminatedUnion('kind', [PingInput, TracerouteInput, MtrInput]);
export type DiagnosticsStartInput = z.input<typeof DiagnosticsStartInput>;

const Kind = z.enum(['ping', 'traceroute', 'mtr']);
const Ms = z.number().nullable();
const ProbeStatus = z.enum(['reply', 'ttl-exceeded', 'unreachable', 'too-big', 'timeout', 'cancelled', 'error']);

export const ResolvedTarget = z.object({ input: z.string(), address: z.string() });

export const PingTargetResult = z.object({
  input: z.string(),
  address: z.string(),
  sent: z.number().int(),
  received: z.number().int(),
  lossPct: z.number(),
  minMs: Ms,
  avgMs: Ms,
  maxMs: Ms,
  medianMs: Ms,
  mdevMs: Ms,
  jitterMs: Ms,
});
export type PingTargetResult = z.infer<typeof PingTargetResult>;

const TraceProbe = z.object({ address: z.string().nullable(), rttMs: Ms, status: ProbeStatus });
export const TracerouteResult = z.object({
  target: z.string(),
  reached: z.boolean(),
  hops: z.array(z.object({ hop: z.number().int(), address: z.string().nullable(), probes: z.array(TraceProbe) })),
});
export type TracerouteResult = z.infer<typeof TracerouteResult>;

export const MtrHop = z.object({
  hop: z.number().int(),
  address: z.string().nullable(),
  addresses: z.array(z.string()),
  sent: z.number().int(),
  received: z.number().int(),
  lossPct: z.number(),
  lastMs: Ms,
  avgMs: Ms,
  bestMs: Ms,
  worstMs: Ms,
  stdevMs: Ms,
});
export const MtrResult = z.object({ target: z.string(), rounds: z.number().int(), reached: z.boolean(), hops: z.array(MtrHop) });
export type MtrResult = z.infer<typeof MtrResult>;

/** One event per probe (ping, traceroute) or per round (mtr). */
export const DiagnosticsProgress = z.discriminatedUnion('kind', [
  z.object({ runId: RunId, kind: z.literal('ping'), target: z.string(), index: z.number().int(), status: ProbeStatus, rttMs: Ms, from: z.string().nullable() }),
  z.object({ runId: RunId, kind: z.literal('traceroute'), hop: z.number().int(), probe: z.number().int(), address: z.string().nullable(), rttMs: Ms, status: ProbeStatus }),
  z.object({ runId: RunId, kind: z.literal('mtr'), snapshot: MtrResult }),
]);
export type DiagnosticsProgress = z.infer<typeof DiagnosticsProgress>;

export const DiagnosticsDone = z.object({
  runId: RunId,
  kind: Kind,
  status: z.enum(['completed', 'cancelled', 'failed']),
  result: z.union([z.object({ kind: z.literal('ping'), targets: z.array(PingTargetResult) }), z.object({ kind: z.literal('traceroute'), trace: TracerouteResult }), z.object({ kind: z.literal('mtr'), mtr: MtrResult })]).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type DiagnosticsDone = z.infer<typeof DiagnosticsDone>;

export const IcmpMethod = z.object({ method: z.enum(['raw', 'dgram', 'system-ping']), detail: z.string() });

export const diagnosticsProcedures = {
  'diagnostics.start': {
    summary: 'Start a ping, traceroute or MTR run; results stream as diagnostics.progress / diagnostics.done events',
    input: DiagnosticsStartInput,
    output: z.object({ runId: RunId, kind: Kind, targets: z.array(ResolvedTarget) }),
  },
  'diagnostics.cancel': {
    summary: 'Stop a running diagnostics run (it ends with a diagnostics.done event, status cancelled)',
    input: z.strictObject({ runId: RunId }),
    output: z.object({ runId: RunId, cancelled: z.boolean() }),
  },
  'diagnostics.icmpMethod': {
    summary: 'How ICMP is sent: raw sockets, unprivileged datagram sockets or the system ping',
    input: z.strictObject({}).default({}),
    output: IcmpMethod,
  },
} as const;

export const diagnosticsEvents = {
  'diagnostics.progress': DiagnosticsProgress,
  'diagnostics.done': DiagnosticsDone,
} as const;
