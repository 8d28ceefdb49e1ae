import type { RetentionDays } from '../api/metrics.ts';
import type { Db } from '../store/database.ts';
import { DAY, DEFAULT_RETENTION, type RetentionPolicy } from '../lib/samples/resolutions.ts';

const KEY = 'metrics.retention';

export const DEFAULT_RETENTION_DAYS: RetentionDays = {
  rawDays: DEFAULT_RETENTION.rawMs / DAY,
  fiveMinuteDays: DEFAULT_RETENTION.fiveMinuteMs / DAY,
  hourDays: DEFAULT_RETENTION.hourMs / DAY,
};

export function toPolicy(days: RetentionDays): RetentionPolicy {
  return { rawMs: days.rawDays * DAY, fiveMinuteMs: days.fiveMinuteDays * DAY, hourMs: days.hourDays * DAY };
}

/** The retention policy, kept in the `meta` table; defaults: raw 7 days, 5 min 90 days, 1 h 2 years. */
export function createRetentionConfig(db: Db, defaults: RetentionDays = DEFAULT_RETENTION_DAYS) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const write = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  function get(): RetentionDays {
    const row = read.get(KEY);
    if (!row) return { ...defaults };
    try {
      const stored = JSON.parse(row.value) as Partial<RetentionDays>;
      return { ...defaults, ...stored };
    } catch {
      return { ...defaults };
    }
  }
  return {
    get,
    policy: (): RetentionPolicy => toPolicy(get()),
    set(patch: Partial<RetentionDays>): RetentionDays {
      const next = { ...get(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as RetentionDays;
      write.run(KEY, JSON.stringify(next));
      return next;
    },
  };
}

export type RetentionConfig = ReturnType<typeof createRetentionConfig>;
