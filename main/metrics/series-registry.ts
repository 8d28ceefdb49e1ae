import type { Clock } from '../lib/clock.ts';
import type { Db } from '../store/database.ts';
import { canonicalLabels, checkSeriesKey, type Labels, seriesKey } from './labels.ts';

/** A stored series: its id, name and labels. */
export interface SeriesInfo {
  id: number;
  name: string;
  labels: Labels;
}

interface SeriesRow {
  id: number;
  name: string;
  labels: string;
}

/**
 * Maps (metric name, labels) to series ids, creating series on first use. Every id seen is
 * cached both ways, so the hot path of a poll (resolve, then write) does not touch SQLite once a
 * series exists.
 */
export function createSeriesRegistry(db: Db, clock: Clock) {
  const byKey = new Map<string, number>();
  const byId = new Map<number, SeriesInfo>();
  const insert = db.prepare('INSERT INTO metric_series (name, labels, device_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name, labels) DO NOTHING');
  const find = db.prepare<[string, string], { id: number }>('SELECT id FROM metric_series WHERE name = ? AND labels = ?');
  const get = db.prepare<[number], SeriesRow>('SELECT id, name, labels FROM metric_series WHERE id = ?');

  function remember(info: SeriesInfo, canonical: string): void {
    byKey.set(seriesKey(info.name, canonical), info.id);
    byId.set(info.id, info);
  }

  return {
    /** The id of a series, created when new. Throws ValidationError on a bad name or labels. */
    resolve(name: string, labels: Labels): number {
      const canonical = canonicalLabels(labels);
      const cached = byKey.get(seriesKey(name, canonical));
      if (cached !== undefined) return cached;
      checkSeriesKey(name, labels);
      insert.run(name, canonical, labels.device ?? null, clock.now());
      const row = find.get(name, canonical);
      if (!row) throw new Error(`series ${name} vanished right after insert`);
      remember({ id: row.id, name, labels: JSON.parse(canonical) as Labels }, canonical);
      return row.id;
    },

    /** Name and labels of a series id, or undefined when there is no such series. */
    info(id: number): SeriesInfo | undefined {
      const cached = byId.get(id);
      if (cached) return cached;
      const row = get.get(id);
      if (!row) return undefined;
      const info = { id: row.id, name: row.name, labels: JSON.parse(row.labels) as Labels };
      remember(info, row.labels);
      return info;
    },

    /** Drops deleted series from the caches. */
    forget(ids: Iterable<number>): void {
      for (const id of ids) {
        const info = byId.get(id);
        if (info) byKey.delete(seriesKey(info.name, canonicalLabels(info.labels)));
        byId.delete(id);
      }
    },
  };
}

export type SeriesRegistry = ReturnType<typeof createSeriesRegistry>;
