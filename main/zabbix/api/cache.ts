/**
 * The offline cache: the last hosts, problems and items read from a Zabbix server, per server and
 * query, with when they were fetched, so the UI keeps working (marked stale) when the server
 * cannot be reached.
 */
import type { Clock } from '../../lib/clock.ts';
import type { Db } from '../../store/database.ts';

export type CacheKind = 'hosts' | 'problems' | 'items';

/** Canonical JSON of a query (sorted keys, undefined dropped) so equal queries share an entry. */
export function queryKey(query: Record<string, unknown>): string {
  const clean = Object.keys(query)
    .sort()
    .filter((k) => query[k] !== undefined)
    .map((k) => [k, query[k]] as const);
  return JSON.stringify(Object.fromEntries(clean));
}

export interface CachedEntry<T> {
  data: T;
  fetchedAt: number;
}

export function createZabbixCache(db: Db, clock: Clock) {
  const put = db.prepare(
    `INSERT INTO zabbix_cache (server, kind, query, data, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (server, kind, query) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at`,
  );
  const get = db.prepare<[string, string, string], { data: string; fetched_at: number }>('SELECT data, fetched_at FROM zabbix_cache WHERE server = ? AND kind = ? AND query = ?');
  return {
    put(server: string, kind: CacheKind, query: string, data: unknown): number {
      const now = clock.now();
      put.run(server, kind, query, JSON.stringify(data), now);
      return now;
    },
    get<T>(server: string, kind: CacheKind, query: string): CachedEntry<T> | undefined {
      const r = get.get(server, kind, query);
      return r ? { data: JSON.parse(r.data) as T, fetchedAt: r.fetched_at } : undefined;
    },
    /** Forgets everything cached for other servers than `keep` (after the URL changed). */
    prune(keep: string): void {
      db.prepare('DELETE FROM zabbix_cache WHERE server != ?').run(keep);
    },
  };
}

export type ZabbixCache = ReturnType<typeof createZabbixCache>;
