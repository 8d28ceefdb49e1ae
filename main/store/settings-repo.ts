import type { z } from 'zod';
import { Settings, type SettingsPatch } from '../api/settings.ts';
import type { Db } from './database.ts';

/** Settings as JSON values per key; unknown or invalid stored keys fall back to their defaults. */
export function createSettingsRepo(db: Db) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  function get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const { key, value } of all.all()) stored[key] = JSON.parse(value);
    const parsed = Settings.safeParse(stored);
    if (parsed.success) return parsed.data;
    // Keep what is valid, default the rest (a value written by another version, say).
    const defaults = Settings.parse({});
    for (const [key, value] of Object.entries(stored)) {
      const one = Settings.safeParse({ ...defaults, [key]: value });
      if (one.success) Object.assign(defaults, { [key]: value });
    }
    return defaults;
  }

  return {
    get,
    set(patch: z.output<typeof SettingsPatch>): Settings {
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) if (value !== undefined) put.run(key, JSON.stringify(value));
      })();
      return get();
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
