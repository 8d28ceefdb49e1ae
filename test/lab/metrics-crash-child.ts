/**
 * Child process of the metrics crash test (main/metrics/metrics-crash.test.ts): opens the store in
 * DATA_DIR and writes SERIES series at one sample a minute of made-up time, as fast as it can,
 * flushing every few samples and printing "ACK <tick>" once a flush has returned (every sample of
 * every tick below <tick> is then acknowledged). Every 50th tick also rewrites an older sample
 * (same value), so sealed chunks are re-encoded while the parent may kill it. The parent SIGKILLs it.
 * Usage: node test/lab/metrics-crash-child.ts DATA_DIR
 */
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../main/lib/logger.ts';
import { createMetrics } from '../../main/metrics/metrics.ts';
import { openDatabase } from '../../main/store/database.ts';

export const SERIES = 20;
export const T0 = Date.UTC(2025, 0, 6);
export const sampleValue = (series: number, tick: number): number => Math.round(Math.sin(tick / 17 + series) * 10_000) / 100;

// Run as a script only (the test imports the constants above).
const dataDir = process.argv[1] === fileURLToPath(import.meta.url) ? process.argv[2] : undefined;
if (dataDir) {
  const { db } = openDatabase(dataDir);
  const metrics = createMetrics({ db, clock: { now: () => Date.now() }, logger: silentLogger(), flushIntervalMs: 3_600_000 });
  const ids = Array.from({ length: SERIES }, (_, s) => metrics.registry.resolve('crash_v', { device: `d${s}` }));
  let tick = 0;
  const step = () => {
    for (let k = 0; k < 7; k++, tick++) {
      for (let s = 0; s < SERIES; s++) metrics.writer.write(ids[s] as number, T0 + tick * 60_000, sampleValue(s, tick));
      if (tick % 50 === 49) metrics.writer.write(ids[0] as number, T0 + (tick - 45) * 60_000, sampleValue(0, tick - 45));
    }
    metrics.writer.flush();
    process.stdout.write(`ACK ${tick}\n`);
    setImmediate(step);
  };
  step();
}
