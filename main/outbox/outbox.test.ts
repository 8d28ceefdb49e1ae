import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { migrate } from '../store/database.ts';
import { retryDelayMs } from './backoff.ts';
import { createOutbox, PermanentDeliveryError } from './outbox.ts';

const dbs: Database.Database[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

function setup(policy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000, concurrency: 2 }) {
  const db = new Database(':memory:');
  dbs.push(db);
  migrate(db);
  const clock = manualClock();
  // random() = 1: the delay is exactly the exponential one, so the test can name it.
  const outbox = createOutbox({ db, clock, logger: silentLogger(), random: () => 1 });
  const delivered: { key: string; payload: unknown; attempt: number }[] = [];
  let failWith: Error | undefined;
  outbox.registerHandler<{ text: string }>(
    'test.topic',
    async (entry) => {
      if (failWith) throw failWith;
      delivered.push({ key: entry.idempotencyKey, payload: entry.payload, attempt: entry.attempt });
    },
    policy,
  );
  return { db, clock, outbox, delivered, fail: (e: Error | undefined) => (failWith = e) };
}

describe('durable outbox', () => {
  it('delivers each queued entry once, with its idempotency key', async () => {
    const { outbox, delivered } = setup();
    expect(outbox.enqueue('test.topic', 'evt-1', { text: 'a' })).toBe(true);
    expect(outbox.enqueue('test.topic', 'evt-1', { text: 'again' })).toBe(false);
    outbox.enqueue('test.topic', 'evt-2', { text: 'b' });
    expect(await outbox.runDue()).toBe(2);
    expect(delivered).toEqual([
      { key: 'evt-1', payload: { text: 'a' }, attempt: 1 },
      { key: 'evt-2', payload: { text: 'b' }, attempt: 1 },
    ]);
    expect(await outbox.runDue()).toBe(0);
    expect(outbox.status()).toEqual([expect.objectContaining({ topic: 'test.topic', pending: 0, delivered: 2, dead: 0, oldestPendingMs: null })]);
  });

  it('retries with exponential backoff while the peer is down, then delivers', async () => {
    const { outbox, delivered, clock, fail } = setup();
    outbox.enqueue('test.topic', 'evt-1', { text: 'a' });
    fail(new Error('connect ECONNREFUSED'));
    await outbox.runDue();
    const [row] = outbox.list();
    expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError: 'connect ECONNREFUSED', nextAttemptAt: clock.now() + 1000 });
    clock.advance(999);
    expect(await outbox.runDue()).toBe(0);
    clock.advance(1);
    await outbox.runDue();
    expect(outbox.list()[0]).toMatchObject({ attempts: 2, nextAttemptAt: clock.now() + 2000 });
    expect(outbox.status()[0]).toMatchObject({ pending: 1, lastError: 'connect ECONNREFUSED', oldestPendingMs: 1000 });
    fail(undefined);
    clock.advance(2000);
    await outbox.runDue();
    expect(delivered).toEqual([{ key: 'evt-1', payload: { text: 'a' }, attempt: 3 }]);
    expect(outbox.list()[0]).toMatchObject({ state: 'delivered', lastError: null });
  });

  it('parks an entry as dead after max attempts or a permanent error, and retries it on request', async () => {
    const { outbox, delivered, clock, fail } = setup();
    outbox.enqueue('test.topic', 'evt-1', { text: 'a' });
    outbox.enqueue('test.topic', 'evt-2', { text: 'b' });
    fail(new Error('timeout'));
    for (let i = 0; i < 3; i++) {
      await outbox.runDue();
      clock.advance(60_000);
    }
    expect(outbox.list({ state: 'dead' }).map((r) => r.idempotencyKey).sort()).toEqual(['evt-1', 'evt-2']);
    const { id } = outbox.list({ state: 'dead' })[0] ?? { id: 0 };
    fail(new PermanentDeliveryError('550 no such mailbox'));
    expect(outbox.retry(id)).toBe(true);
    await outbox.runDue();
    expect(outbox.list().find((r) => r.id === id)).toMatchObject({ state: 'dead', attempts: 1, lastError: '550 no such mailbox' });
    fail(undefined);
    outbox.retry(id);
    await outbox.runDue();
    expect(delivered).toHaveLength(1);
    expect(outbox.retry(id)).toBe(false);
  });

  it('survives a restart: what was queued by one process is delivered by the next', async () => {
    const first = setup();
    first.outbox.enqueue('test.topic', 'evt-1', { text: 'queued before the crash' });
    // A new outbox on the same database, as after a restart.
    const again = createOutbox({ db: first.db, clock: first.clock, logger: silentLogger() });
    const got: unknown[] = [];
    again.registerHandler('test.topic', async (e) => {
      got.push(e.payload);
    });
    await again.runDue();
    expect(got).toEqual([{ text: 'queued before the crash' }]);
  });

  it('enqueues atomically with the change it belongs to', () => {
    const { db, outbox } = setup();
    db.exec('CREATE TABLE changes (id TEXT PRIMARY KEY)');
    const fire = db.transaction((id: string) => {
      db.prepare('INSERT INTO changes (id) VALUES (?)').run(id);
      outbox.enqueue('test.topic', id, { alert: id });
      if (id === 'bad') throw new Error('rolled back');
    });
    fire('a1');
    expect(() => fire('bad')).toThrow('rolled back');
    expect(outbox.list().map((r) => r.idempotencyKey)).toEqual(['a1']);
  });
});

describe('outbox worker', () => {
  it('delivers in the background after kick(), and stops promptly', async () => {
    const db = new Database(':memory:');
    dbs.push(db);
    migrate(db);
    const outbox = createOutbox({ db, clock: { now: () => Date.now() }, logger: silentLogger() });
    const got = new Promise<unknown>((resolve) => outbox.registerHandler('bg', async (e) => resolve(e.payload)));
    await outbox.service.start();
    outbox.enqueue('bg', 'k1', { n: 1 });
    outbox.kick();
    expect(await got).toEqual({ n: 1 });
    await outbox.service.stop();
  });
});

describe('retry delay', () => {
  it('grows exponentially, is capped, and is jittered within [d/2, d]', () => {
    const p = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 9].map((a) => retryDelayMs(a, p, () => 1))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(retryDelayMs(3, p, () => 0)).toBe(2000);
  });
});
