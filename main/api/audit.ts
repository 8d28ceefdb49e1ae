import { z } from 'zod';
import { Timestamp } from './common.ts';
import type { ErrorCode } from './result.ts';
import { type Caller, Role } from './roles.ts';

export type Transport = 'ipc' | 'ws' | 'http' | 'cli' | 'in-process';

/** One audited call as the dispatcher reports it: who, what, on which ids, with what outcome. Never a value. */
export interface AuditEntry {
  procedure: string;
  /** Undefined for the desktop app, the CLI and the engine itself (the local admin). */
  user: Caller | undefined;
  transport: Transport;
  remote: string | undefined;
  /** Values of the input's id fields (`id`, `ids`, `…Id`, `…Ids`). */
  ids: string[];
  /** The input's top-level field names. */
  fields: string[];
  /** 'ok', or the error code the caller got ('forbidden' for a refused call; 'locked' for a sign-in refused by the lock-out). */
  outcome: 'ok' | 'locked' | ErrorCode;
}

/** One audited call: who, which procedure, which ids, the outcome. Never a value: ids and field names only. */
export const AuditRow = z.object({
  id: z.number().int(),
  at: Timestamp,
  /** The user's name; 'local' for the desktop app, the CLI and the engine itself. */
  user: z.string(),
  role: Role,
  procedure: z.string(),
  transport: z.string(),
  remote: z.string().nullable(),
  ids: z.array(z.string()),
  /** The input's field names (which fields a change touched, not what they became). */
  fields: z.array(z.string()),
  /** 'ok', 'forbidden' (refused for the role), or the error code of a failed call. */
  outcome: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditFilter = z.strictObject({
  since: Timestamp.optional(),
  until: Timestamp.optional(),
  user: z.string().trim().max(64).optional(),
  procedure: z.string().trim().max(100).optional(),
  /** refused: forbidden and failed sign-ins; failed: any other error. */
  outcome: z.enum(['ok', 'refused', 'failed']).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditRetention = z.strictObject({ days: z.number().int().min(1, 'At least 1 day').max(3650, 'At most 3650 days (10 years)') });

export const auditProcedures = {
  'audit.list': {
    summary: 'The audit log, newest first, filtered (by time, user, procedure, outcome)',
    input: AuditFilter.extend({ limit: z.number().int().min(1).max(5000).default(200), beforeId: z.number().int().optional() }).default({ limit: 200 }),
    output: z.object({ items: z.array(AuditRow), total: z.number().int() }),
  },
  'audit.export': {
    summary: 'The filtered audit log as CSV or JSON text (the UI saves it as a file)',
    input: AuditFilter.extend({ format: z.enum(['csv', 'json']) }),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }),
  },
  'audit.getRetention': { summary: 'How long audit rows are kept', input: z.strictObject({}).default({}), output: AuditRetention },
  'audit.setRetention': { summary: 'Change how long audit rows are kept (older rows go at once)', input: AuditRetention, output: AuditRetention },
} as const;
