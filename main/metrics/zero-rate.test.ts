import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { createManualTime } from '../lib/async/timers.ts';
import type { Db } from '../store/database.ts';
import { createMetrics } from './metrics.ts';
import { DEFAULT_RETENTION } from '../lib/samples/resolutions.ts';
import { memoryDb } from './test-db.ts';

const T0 = Date.UTC(2025, 0, 6, 0, 0, 0);
let db: Db;
afterEach(() => db?.close());

describe('a zero rate', () => {
  it('is stored and read back as a point at 0, at every resolution (a quiet link is not a gap)', () => {
    db = memoryDb();
    const time = createManualTime(T0 + 3 * 3600_000);
    const metrics = createMetrics({ db, clock: time, timers: time, logger: silentLogger() });
    const id = metrics.registry.resolve('if_in_bps', { device: 'd1', interface: 'eth0' });
    for (let m = 0; m < 180; m++) metrics.writer.write(id, T0 + m * 60_000, m < 60 ? 5e6 : 0);
    metrics.runRollup();
    for (const maxPoints of [600, 20]) {
      const [s] = metrics.query.query([id], { from: T0, to: T0 + 3 * 3600_000, maxPoints, resolution: 'auto' }, time.now(), DEFAULT_RETENTION);
      const quiet = s!.points.filter((p) => p.ts >= T0 + 3600_000);
      // Two hours of zeros: points at 0 all along (min, avg and max), not missing buckets.
      expect(quiet.length).toBeGreaterThan(maxPoints === 600 ? 100 : 10);
      expect(quiet.every((p) => p.min === 0 && p.avg === 0 && p.max === 0 && p.count > 0)).toBe(true);
      const steps = quiet.slice(1).map((p, i) => p.ts - quiet[i]!.ts);
      expect(Math.max(...steps)).toBeLessThanOrEqual(s!.stepMs + 60_000);
    }
  });
});
