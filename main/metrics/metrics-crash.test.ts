import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERIES, sampleValue, T0 } from '../../test/lab/metrics-crash-child.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { until } from '../../test/support/until.ts';
import { openDatabase } from '../store/database.ts';
import { createSampleReader, MAX_CHUNK_SAMPLES } from './sample-store.ts';

const CHILD = path.resolve(import.meta.dirname, '../../test/lab/metrics-crash-child.ts');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

describe('metrics store under kill -9', () => {
  it('keeps every acknowledged sample, sealed or still in the head, and nothing out of place', async () => {
    const { dir, cleanup } = tempDir('wardflux-metrics-crash-');
    cleanups.push(cleanup);
    const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => void child.kill('SIGKILL'));
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const acked = () => Number(out.match(/ACK (\d+)\n(?![\s\S]*ACK)/)?.[1] ?? 0);
    // Past a few sealed chunks per series, then killed mid-stream.
    await until(() => acked() > 3 * MAX_CHUNK_SAMPLES + 17, 60_000, `the child's writes (stderr: ${err.slice(-500)})`);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const ack = acked();

    const { db } = openDatabase(dir);
    try {
      const reader = createSampleReader(db);
      const ids = db.prepare<[], { id: number; labels: string }>("SELECT id, labels FROM metric_series WHERE name = 'crash_v' ORDER BY id").all();
      expect(ids).toHaveLength(SERIES);
      expect((db.prepare('SELECT count(*) AS n FROM metric_chunks').get() as { n: number }).n).toBeGreaterThanOrEqual(3 * SERIES);
      for (const { id, labels } of ids) {
        const s = Number((JSON.parse(labels) as { device: string }).device.slice(1));
        const got = reader.raw(id, 0, Number.MAX_SAFE_INTEGER);
        // Every acknowledged tick is there; what follows is a whole flush or nothing, never a hole.
        expect(got.ts.length).toBeGreaterThanOrEqual(ack);
        got.ts.forEach((t, i) => {
          expect(t).toBe(T0 + i * 60_000);
          expect(got.values[i]).toBe(sampleValue(s, i));
        });
      }
    } finally {
      db.close();
    }
  });
});
