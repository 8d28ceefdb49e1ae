/**
 * The engine killed with SIGKILL mid-push: a child engine writes samples and syncs them to a
 * real VictoriaMetrics; one push reaches the server but its answer never reaches the engine, and
 * the child is killed while it waits. After a restart on the same data dir, every sample the
 * child committed locally is in VictoriaMetrics exactly once (the replayed batch is deduplicated
 * by the server's -dedup.minScrapeInterval=1ms), nothing more.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createEngine } from '../../main/engine.ts';
import { createSampleReader } from '../../main/metrics/sample-store.ts';
import { fixedKey } from '../support/engine.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startVictoriaMetrics, until, type VictoriaMetrics } from './sync-victoria.ts';

const CHILD = path.join(import.meta.dirname, 'sync-crash-child.ts');

describe('VictoriaMetrics sync survives SIGKILL mid-push', () => {
  let vm: VictoriaMetrics;
  const data = tempDir('wardflux-sync-crash-');

  beforeAll(async () => {
    vm = await startVictoriaMetrics();
  });
  afterAll(async () => {
    await vm?.destroy();
    data.cleanup();
  });

  it('loses no sample and stores none twice', async () => {
    const child = spawn(process.execPath, [CHILD, data.dir, vm.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await until(() => child.exitCode === null && /STALLED 204/.test(out), 30_000, `the child's stalled push (stderr: ${err.slice(-500)})`);
      // Keep writing a while after the stalled push, so the queue holds it and more.
      const at = (out.match(/WROTE (\d+)/g) ?? []).length;
      await until(() => (out.match(/WROTE (\d+)/g) ?? []).length >= at + 20, 10_000, 'more writes after the stall');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }

    // What the child committed locally: the truth to compare with.
    const db = new Database(path.join(data.dir, 'wardflux.db'), { readonly: true });
    const stored = createSampleReader(db);
    const local = db
      .prepare<[], { id: number; labels: string }>("SELECT id, labels FROM metric_series WHERE name = 'crash_m'")
      .all()
      .flatMap((r) => {
        const s = stored.raw(r.id, 0, Number.MAX_SAFE_INTEGER);
        return s.ts.map((ts, i) => `${(JSON.parse(r.labels) as { device: string }).device} ${ts} ${s.values[i]}`);
      })
      .sort();
    const queued = db.prepare<[], { n: number | null }>("SELECT sum(count) AS n FROM sync_batches WHERE state = 'pending'").get()?.n ?? 0;
    db.close();
    expect(local.length).toBeGreaterThan(5000);
    // The stalled batch (and everything after it) was still queued at the kill.
    expect(queued).toBeGreaterThan(0);

    const engine = await createEngine({ dataDir: data.dir, secrets: fixedKey(), sync: { pushIntervalMs: 20 } });
    try {
      await engine.start();
      await until(async () => {
        const s = await unwrap(engine.api.call('sync.status', {}));
        return s.queuedSamples === 0 && s.lastSuccessAt !== null && s;
      }, 30_000, 'the restarted engine to push the queue');
    } finally {
      await engine.stop();
    }
    const series = await vm.exportSeries('{__name__="crash_m"}');
    const remote = series.flatMap((s) => s.timestamps.map((t, i) => `${s.metric.device} ${t} ${s.values[i]}`)).sort();
    expect(remote.length).toBe(local.length);
    expect(remote).toEqual(local);
  });
});
