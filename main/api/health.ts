import { z } from 'zod';

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
});
export type Health = z.infer<typeof Health>;

export const healthProcedures = {
  health: { summary: 'Engine status, version, database and uptime', input: z.strictObject({}).default({}), output: Health },
} as const;
