import { z } from 'zod';
import { Timestamp } from './common.ts';

/** Standalone monitoring: how the pollers are doing. */

const Protocol = z.enum(['snmp', 'icmp']);

export const ProtocolHealth = z.object({
  protocol: Protocol,
  /** Whether a poller for it is running (false when the engine runs without pollers). */
  hasExecutor: z.boolean(),
  /** Devices with items of this protocol. */
  devices: z.number().int(),
  /** Devices marked unreachable by the scheduler (N timeouts in a row, polled with backoff). */
  unreachable: z.number().int(),
  concurrency: z.number().int(),
  inFlight: z.number().int(),
  queued: z.number().int(),
  /** Polls since the engine started. */
  ok: z.number().int(),
  timeouts: z.number().int(),
  errors: z.number().int(),
  /** Due polls skipped because the device's previous poll was still running. */
  skipped: z.number().int(),
  /** Over the last 1000 polls: success rate (0..1) and how late polls started. */
  recent: z.object({
    polls: z.number().int(),
    successRate: z.number().nullable(),
    avgLagMs: z.number().nullable(),
    maxLagMs: z.number().nullable(),
    avgDurationMs: z.number().nullable(),
  }),
});

export const MonitoringHealth = z.object({
  protocols: z.array(ProtocolHealth),
  /** Devices not answering: SNMP unreachable per the scheduler, ICMP down per the availability monitor. */
  unreachable: z.array(z.object({ deviceId: z.string(), protocol: Protocol, since: Timestamp.nullable(), lastError: z.string().nullable() })),
  /** Enabled devices by status. */
  devices: z.object({ up: z.number().int(), down: z.number().int(), degraded: z.number().int(), unknown: z.number().int() }),
});
export type MonitoringHealth = z.infer<typeof MonitoringHealth>;

/** The poll summary in the `health` procedure. */
export const PollSummary = z.object({
  snmp: z.object({ devices: z.number().int(), unreachable: z.number().int(), successRate: z.number().nullable(), avgLagMs: z.number().nullable() }),
  icmp: z.object({ devices: z.number().int(), down: z.number().int(), successRate: z.number().nullable(), avgLagMs: z.number().nullable() }),
});
export type PollSummary = z.infer<typeof PollSummary>;

export const monitoringProcedures = {
  'monitoring.health': {
    summary: 'Poll success rate, lag, per-protocol counts and the devices not answering',
    input: z.strictObject({}).default({}),
    output: MonitoringHealth,
  },
} as const;
