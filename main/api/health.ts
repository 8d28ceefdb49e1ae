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
});
export type Health = z.infer<typeof Health>;

export const healthProcedures = {
  health: { summary: 'Engine status, version, database and uptime', input: z.strictObject({}).default({}), output: Health },
} as const;
