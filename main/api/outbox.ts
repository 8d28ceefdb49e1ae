import { z } from 'zod';
import { Timestamp } from './common.ts';

export const OutboxState = z.enum(['pending', 'delivered', 'dead']);

export const OutboxEntry = z.object({
  id: z.number().int(),
  topic: z.string(),
  idempotencyKey: z.string(),
  state: OutboxState,
  attempts: z.number().int(),
  nextAttemptAt: Timestamp,
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
});

export const OutboxTopicStatus = z.object({
  topic: z.string(),
  pending: z.number().int(),
  delivered: z.number().int(),
  dead: z.number().int(),
  oldestPendingMs: z.number().nullable(),
  lastError: z.string().nullable(),
  lastDeliveredAt: Timestamp.nullable(),
});

export const outboxProcedures = {
  'outbox.status': { summary: 'Queued, delivered and dead deliveries per topic', input: z.strictObject({}).default({}), output: z.array(OutboxTopicStatus) },
  'outbox.list': {
    summary: 'Recent outbox entries (payloads are not shown: they may hold message bodies)',
    input: z.strictObject({ topic: z.string().max(64).optional(), state: OutboxState.optional(), limit: z.number().int().min(1).max(1000).default(100) }).default({ limit: 100 }),
    output: z.array(OutboxEntry),
  },
  'outbox.retry': {
    summary: 'Put a dead entry back in line for an immediate attempt',
    input: z.strictObject({ id: z.number().int().positive() }),
    output: z.object({ id: z.number().int() }),
  },
} as const;
