/** Saved map positions (schema 19, map_positions): where a user dragged a node. */
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../store/database.ts';

export interface PositionsStore {
  all(): Map<string, { x: number; y: number }>;
  save(positions: readonly { key: string; x: number; y: number }[]): number;
  /** Forget the given keys (all when omitted); returns how many were removed. */
  reset(keys?: readonly string[]): number;
}

export function createPositionsStore(db: Db, clock: Clock): PositionsStore {
  const all = db.prepare<[], { node_key: string; x: number; y: number }>('SELECT node_key, x, y FROM map_positions');
  const upsert = db.prepare('INSERT INTO map_positions (node_key, x, y, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (node_key) DO UPDATE SET x = excluded.x, y = excluded.y, updated_at = excluded.updated_at');
  const del = db.prepare('DELETE FROM map_positions WHERE node_key = ?');
  const delAll = db.prepare('DELETE FROM map_positions');
  const save = db.transaction((ps: readonly { key: string; x: number; y: number }[]) => {
    const now = clock.now();
    for (const p of ps) upsert.run(p.key, p.x, p.y, now);
    return ps.length;
  });
  const reset = db.transaction((keys?: readonly string[]) => (keys === undefined ? delAll.run().changes : keys.reduce((n, k) => n + del.run(k).changes, 0)));
  return {
    all: () => new Map(all.all().map((r) => [r.node_key, { x: r.x, y: r.y }])),
    save: (ps) => save(ps),
    reset: (keys) => reset(keys),
  };
}
