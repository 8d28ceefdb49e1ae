import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import type { Db } from '../store/database.ts';
import { DEFAULT_RETRY, type RetryPolicy, retryDelayMs } from './backoff.ts';

/** One entry as the handler sees it. */
export interface OutboxEntry<P = unknown> {
  id: number;
  topic: string;
  /** Unique per topic; delivered to the peer so it can drop a replay (e.g. the event id). */
  idempotencyKey: string;
  payload: P;
  /** 1 on the first try. */
  attempt: number;
}

/** A failure that retrying cannot fix (a rejected address, a 4xx): the entry goes dead at once. */
export class PermanentDeliveryError extends Error {}

export type DeliveryHandler<P = unknown> = (entry: OutboxEntry<P>) => Promise<void>;

export interface TopicStatus {
  topic: string;
  pending: number;
  delivered: number;
  dead: number;
  /** Age of the oldest pending entry, ms; null when none is pending. */
  oldestPendingMs: number | null;
  lastError: string | null;
  lastDeliveredAt: number | null;
}

export interface OutboxRow {
  id: number;
  topic: string;
  idempotencyKey: string;
  state: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

interface Row {
  id: number;
  topic: string;
  idempotency_key: string;
  payload: string;
  state: OutboxRow['state'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

const toRow = (r: Row): OutboxRow => ({
  id: r.id,
  topic: r.topic,
  idempotencyKey: r.idempotency_key,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

export interface OutboxOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Upper bound on how long the worker sleeps between looks at the table. */
  maxIdleMs?: number;
  random?: () => number;
}

/**
 * The durable outbox: `enqueue` inside the caller's transaction, so the change and the message
 * to send are committed together (a crash loses neither); a worker delivers due entries through
 * the handler registered for their topic, retrying with exponential backoff and jitter while the
 * peer is unreachable, and parks an entry as `dead` after `maxAttempts` (visible, retryable).
 * Delivery is at least once: an entry in flight when the process dies is delivered again after a
 * restart, with the same idempotency key, so peers can drop the replay.
 */
export function createOutbox(options: OutboxOptions) {
  const { db, clock, logger } = options;
  const random = options.random ?? Math.random;
  const maxIdleMs = options.maxIdleMs ?? 30_000;
  const handlers = new Map<string, { handler: DeliveryHandler; policy: RetryPolicy }>();
  const inFlight = new Set<number>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pass: Promise<void> | undefined;

  const insert = db.prepare(
    `INSERT INTO outbox (topic, idempotency_key, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (topic, idempotency_key) DO NOTHING`,
  );
  const due = db.prepare<[string, number, number], Row>(
    "SELECT * FROM outbox WHERE topic = ? AND state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
  );
  const markDelivered = db.prepare("UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?");
  const markFailed = db.prepare('UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const nextDue = db.prepare<[], { t: number | null }>("SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'pending'");

  async function deliver(row: Row, entry: { handler: DeliveryHandler; policy: RetryPolicy }): Promise<void> {
    const attempt = row.attempts + 1;
    try {
      await entry.handler({ id: row.id, topic: row.topic, idempotencyKey: row.idempotency_key, payload: JSON.parse(row.payload) as unknown, attempt });
      markDelivered.run(clock.now(), row.id);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const dead = err instanceof PermanentDeliveryError || attempt >= entry.policy.maxAttempts;
      const next = clock.now() + retryDelayMs(attempt, entry.policy, random);
      markFailed.run(dead ? 'dead' : 'pending', attempt, next, message.slice(0, 1000), row.id);
      logger.warn({ topic: row.topic, id: row.id, attempt, dead, error: message }, dead ? 'outbox entry is dead' : 'outbox delivery failed; will retry');
    }
  }

  /** Delivers every entry due now, topic by topic, within each topic's concurrency. */
  async function runDue(): Promise<number> {
    let delivered = 0;
    for (const [topic, entry] of handlers) {
      for (;;) {
        const rows = due.all(topic, clock.now(), entry.policy.concurrency * 4).filter((r) => !inFlight.has(r.id));
        if (!rows.length) break;
        for (let i = 0; i < rows.length; i += entry.policy.concurrency) {
          const batch = rows.slice(i, i + entry.policy.concurrency);
          batch.forEach((r) => inFlight.add(r.id));
          try {
            await Promise.all(batch.map((r) => deliver(r, entry)));
          } finally {
            batch.forEach((r) => inFlight.delete(r.id));
          }
          delivered += batch.length;
        }
        // Loop again: more may be due. Failed entries moved into the future, so this ends.
      }
    }
    return delivered;
  }

  function schedule(delayMs?: number): void {
    if (!running) return;
    clearTimeout(timer);
    const next = nextDue.get()?.t;
    const wait = delayMs ?? (next === null || next === undefined ? maxIdleMs : Math.max(0, Math.min(maxIdleMs, next - clock.now())));
    timer = setTimeout(() => {
      timer = undefined;
      pass = runDue()
        .catch((err: unknown) => logger.error({ err }, 'outbox pass failed'))
        .then(() => {
          pass = undefined;
          schedule();
        });
    }, wait);
    timer.unref?.();
  }

  const service: Service = {
    name: 'outbox',
    start: () => {
      running = true;
      schedule(0);
    },
    stop: async () => {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      await pass;
    },
  };

  return {
    service,

    /**
     * Queues a delivery. Call it inside the transaction of the change it belongs to. Returns
     * false when an entry with this key already exists for the topic (nothing is queued twice).
     */
    enqueue(topic: string, idempotencyKey: string, payload: unknown): boolean {
      const now = clock.now();
      return insert.run(topic, idempotencyKey, JSON.stringify(payload), now, now).changes > 0;
    },

    registerHandler<P>(topic: string, handler: DeliveryHandler<P>, policy: Partial<RetryPolicy> = {}): void {
      handlers.set(topic, { handler: handler as DeliveryHandler, policy: { ...DEFAULT_RETRY, ...policy } });
    },

    /** Wakes the worker now (after an enqueue, or when the network came back). */
    kick(): void {
      if (running && pass === undefined) schedule(0);
    },

    runDue,

    /** Puts a dead (or pending) entry back in line for an immediate attempt. */
    retry(id: number): boolean {
      return db.prepare("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND state != 'delivered'").run(clock.now(), id).changes > 0;
    },

    list(filter: { topic?: string; state?: OutboxRow['state']; limit?: number } = {}): OutboxRow[] {
      return db
        .prepare<{ topic: string | null; state: string | null; limit: number }, Row>(
          'SELECT * FROM outbox WHERE (@topic IS NULL OR topic = @topic) AND (@state IS NULL OR state = @state) ORDER BY id DESC LIMIT @limit',
        )
        .all({ topic: filter.topic ?? null, state: filter.state ?? null, limit: filter.limit ?? 100 })
        .map(toRow);
    },

    status(): TopicStatus[] {
      const now = clock.now();
      return db
        .prepare<[], { topic: string; pending: number; delivered: number; dead: number; oldest: number | null; last_delivered: number | null }>(
          `SELECT topic,
                  sum(state = 'pending') AS pending, sum(state = 'delivered') AS delivered, sum(state = 'dead') AS dead,
                  min(CASE WHEN state = 'pending' THEN created_at END) AS oldest, max(delivered_at) AS last_delivered
           FROM outbox GROUP BY topic ORDER BY topic`,
        )
        .all()
        .map((r) => ({
          topic: r.topic,
          pending: r.pending,
          delivered: r.delivered,
          dead: r.dead,
          oldestPendingMs: r.oldest === null ? null : now - r.oldest,
          lastError:
            (db.prepare<[string], { e: string | null }>('SELECT last_error AS e FROM outbox WHERE topic = ? AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1').get(r.topic)?.e) ?? null,
          lastDeliveredAt: r.last_delivered,
        }));
    },

    /** Drops delivered entries older than `ageMs` (the history of what was sent). */
    prune(ageMs: number): number {
      return db.prepare("DELETE FROM outbox WHERE state = 'delivered' AND delivered_at < ?").run(clock.now() - ageMs).changes;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
