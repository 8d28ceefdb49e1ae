/**
 * VictoriaMetrics sync benchmark (manual: `node bench/sync/run.ts [--samples N] [--series S]`).
 *
 * Pushes N samples (default 1,000,000: S=1000 series x N/S timestamps) from a real engine's queue
 * to a local VictoriaMetrics (Debian's package, started here on 127.0.0.1 with its own data dir)
 * and reports samples/s, client CPU seconds (process.cpuUsage over the push) and bytes on the wire
 * per sample (gzip bodies / samples), for two paths:
 *   queue     samples written through the metrics writer while the target is set (one queue row
 *             per flush), then drained;
 *   backfill  samples already stored when the target is set, pushed from the samples table.
 * Reference, same run: the same samples pre-encoded as gzip import bodies and POSTed with plain
 * fetch, one after the other (what the server takes at most from one client on this machine);
 * printed as a ratio.
 */
import { createEngine, type Engine } from '../../main/engine.ts';
import { compress } from '../../main/sync/client.ts';
import { fixedKey } from '../../test/support/engine.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { startVictoriaMetrics, type VictoriaMetrics } from '../../test/lab/sync-victoria.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const SAMPLES = arg('samples', 1_000_000);
const SERIES = arg('series', 1000);
const STEPS = Math.ceil(SAMPLES / SERIES);
const BASE = Date.now() - 7 * 86_400_000;

interface Result {
  name: string;
  samples: number;
  seconds: number;
  cpuSec: number;
  wireBytes: number;
}

/**
 * Time-major, as polling writes: each flush holds a few timestamps of every series. History is a
 * week old at 60 s steps; live samples start now at 50 ms steps (stamped after the target was
 * set, as polls are: older ones written with the queue on would also be in the backfill window).
 */
function writeAll(engine: Engine, metric: string, live: boolean): void {
  const w = engine.areas.metrics.writer;
  const start = live ? Date.now() : BASE;
  const step = live ? 50 : 60_000;
  for (let t = 0; t < STEPS; t++) {
    for (let s = 0; s < SERIES; s++) w.writeNamed(metric, { device: `dev-${s % 100}`, interface: `if-${s}` }, start + t * step, (s * 31 + t) % 1000 + t / 7);
  }
  w.flush();
}

async function measurePush(engine: Engine, name: string): Promise<Result> {
  const statsBefore = engine.areas.sync.stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const reports = await engine.areas.sync.drain();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const failed = reports.find((r) => r.kind !== 'ok' && r.kind !== 'idle');
  if (failed) throw new Error(`${name}: a push failed: ${JSON.stringify(failed)} ${JSON.stringify(engine.areas.sync.status())}`);
  const s = engine.areas.sync.stats();
  return { name, samples: s.samples - statsBefore.samples, seconds, cpuSec: (cpu.user + cpu.system) / 1e6, wireBytes: s.wireBytes - statsBefore.wireBytes };
}

async function countIn(vm: VictoriaMetrics, metric: string): Promise<number> {
  const series = await vm.exportSeries(`{__name__="${metric}"}`);
  return series.reduce((a, s) => a + s.values.length, 0);
}

/** The reference: the same data as pre-built gzip bodies of 50,000 samples, POSTed back to back. */
async function reference(vm: VictoriaMetrics, metric: string): Promise<Result> {
  const bodies: Buffer<ArrayBuffer>[] = [];
  const seriesPerBody = Math.max(1, Math.floor(50_000 / STEPS));
  for (let s0 = 0; s0 < SERIES; s0 += seriesPerBody) {
    const lines: string[] = [];
    for (let s = s0; s < Math.min(SERIES, s0 + seriesPerBody); s++) {
      const values: number[] = [];
      const times: number[] = [];
      for (let t = 0; t < STEPS; t++) {
        times.push(BASE + t * 60_000);
        values.push(((s * 31 + t) % 1000) + t / 7);
      }
      lines.push(`${JSON.stringify({ metric: { __name__: metric, device: `dev-${s % 100}`, interface: `if-${s}` }, values, timestamps: times })}\n`);
    }
    bodies.push(await compress(lines.join('')));
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const body of bodies) {
    const res = await fetch(`${vm.url}api/v1/import`, { method: 'POST', headers: { 'content-encoding': 'gzip' }, body });
    if (res.status !== 204) throw new Error(`reference push: HTTP ${res.status}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { name: 'reference (pre-encoded bodies, plain fetch)', samples: SERIES * STEPS, seconds, cpuSec: (cpu.user + cpu.system) / 1e6, wireBytes: bodies.reduce((a, b) => a + b.byteLength, 0) };
}

function print(r: Result, ref?: Result): void {
  const rate = r.samples / r.seconds;
  const ratio = ref ? `  ratio ${(rate / (ref.samples / ref.seconds)).toFixed(2)} of reference` : '';
  process.stdout.write(
    `${r.name.padEnd(46)} ${r.samples.toLocaleString('en')} samples in ${r.seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en')} samples/s, ` +
      `client CPU ${r.cpuSec.toFixed(2)} s, ${(r.wireBytes / r.samples).toFixed(2)} wire bytes/sample (${(r.wireBytes / 1e6).toFixed(1)} MB gzip)${ratio}\n`,
  );
}

const vm = await startVictoriaMetrics();
const dirs = [tempDir('wardflux-bench-sync-'), tempDir('wardflux-bench-sync-')];
try {
  process.stdout.write(`VictoriaMetrics at ${vm.url}; ${SERIES} series x ${STEPS} timestamps\n`);
  // Queue path: target set first, so every flush is queued.
  const a = await createEngine({ dataDir: dirs[0]!.dir, secrets: fixedKey() });
  await a.api.call('sync.setConfig', { url: vm.url, extraLabels: { site: 'bench' } });
  let t = performance.now();
  writeAll(a, 'bench_queue', true);
  process.stdout.write(`(writing ${SERIES * STEPS} samples through the metrics writer with the queue on: ${((performance.now() - t) / 1000).toFixed(2)} s)\n`);
  const queue = await measurePush(a, 'queue (metrics writer -> queue -> push)');
  await a.stop();

  // Backfill path: samples stored first, then the target is set.
  const b = await createEngine({ dataDir: dirs[1]!.dir, secrets: fixedKey() });
  t = performance.now();
  writeAll(b, 'bench_backfill', false);
  process.stdout.write(`(writing ${SERIES * STEPS} samples with no target: ${((performance.now() - t) / 1000).toFixed(2)} s)\n`);
  await b.api.call('sync.setConfig', { url: vm.url, extraLabels: { site: 'bench' } });
  const backfill = await measurePush(b, 'backfill (samples table -> push)');
  await b.stop();

  const ref = await reference(vm, 'bench_reference');
  print(ref);
  print(queue, ref);
  print(backfill, ref);
  const [nq, nb] = [await countIn(vm, 'bench_queue'), await countIn(vm, 'bench_backfill')];
  process.stdout.write(`stored in VictoriaMetrics: queue ${nq.toLocaleString('en')}, backfill ${nb.toLocaleString('en')} (expected ${(SERIES * STEPS).toLocaleString('en')} each)\n`);
} finally {
  await vm.destroy();
  for (const d of dirs) d.cleanup();
}
