import { z } from 'zod';
import { PollSummary } from './monitoring.ts';
import { SyncHealth } from './sync.ts';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSec: z.number(),
  database: z.object({
    status: z.enum(['ok', 'error']),
    schemaVersion: z.number().int(),
    sizeBytes: z.number().int(),
  }),
  devices: z.number().int(),
  /** How ICMP is sent: raw sockets, or the system's ping when the engine lacks the privilege. */
  icmp: z.object({ method: z.enum(['raw', 'dgram', 'system-ping']), detail: z.string() }),
  /** VictoriaMetrics sync: queued samples, lag, last success and error; null when the database is unusable. */
  sync: SyncHealth.nullable(),
  /** Standalone polling: devices per protocol, unreachable/down, recent success rate and lag; null when the database is unusable. */
  polling: PollSummary.nullable(),
  /** True when this engine runs as a central WARD FLUX (serve --central) and accepts site uploads. */
  central: z.boolean(),
});
export type Health = z.infer<typeof Health>;

export const healthProcedures = {
  health: { summary: 'Engine status, version, database and uptime', input: z.strictObject({}).default({}), output: Health },
} as const;
