import type { Db } from '../store/database.ts';

/**
 * Runs `fn` in one transaction committed with `synchronous = FULL`: the alert change and the
 * outbox entries it queued reach the disk before the commit returns, so a power cut right after
 * cannot lose a notification the UI already showed as sent. The engine runs with NORMAL (in WAL,
 * a crash of the process loses nothing, but a power cut may lose the last commits); the pragma
 * is per connection and cannot change inside a transaction, so it is switched around this one
 * commit and restored. better-sqlite3 is synchronous: nothing else runs on the connection meanwhile.
 * Inside an open transaction (a caller's), `fn` just joins it: the outer commit decides.
 */
export function durableTransaction<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return fn();
  const before = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma(`synchronous = ${before}`);
  }
}
