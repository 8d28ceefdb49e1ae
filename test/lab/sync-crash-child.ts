/**
 * Child process of the sync crash test (test/lab/sync-crash.test.ts): opens the engine on
 * DATA_DIR, points the sync at VM_URL, and writes 50 series through the metrics writer every few
 * milliseconds while the sync pushes. Its 10th push reaches VictoriaMetrics (stored there) but
 * the answer is never handed to the engine, as if the connection hung: the batch stays queued.
 * It prints "STALLED" then, and "WROTE <n>" as it writes; the parent SIGKILLs it.
 * Usage: node test/lab/sync-crash-child.ts DATA_DIR VM_URL
 */
import { createEngine } from '../../main/engine.ts';
import { fixedKey } from '../support/engine.ts';

const [dataDir, vmUrl] = process.argv.slice(2);
if (!dataDir || !vmUrl) throw new Error('usage: sync-crash-child.ts DATA_DIR VM_URL');

let imports = 0;
const stallingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const res = await fetch(input, init);
  if (String(input).endsWith('/api/v1/import') && ++imports === 10) {
    process.stdout.write(`STALLED ${res.status}\n`);
    return new Promise<Response>(() => undefined);
  }
  return res;
}) as typeof fetch;

const engine = await createEngine({ dataDir, secrets: fixedKey(), sync: { pushIntervalMs: 5, maxSamplesPerPush: 2000, fetch: stallingFetch } });
await unwrapOk(engine.api.call('sync.setConfig', { url: vmUrl }));
await engine.start();

const base = Date.now() - 600_000;
let tick = 0;
let written = 0;
setInterval(() => {
  for (let k = 0; k < 5; k++, tick++) {
    for (let s = 0; s < 50; s++) engine.areas.metrics.writer.writeNamed('crash_m', { device: `d${s}` }, base + tick, tick * 50 + s);
    written += 50;
  }
  engine.areas.metrics.writer.flush();
  process.stdout.write(`WROTE ${written}\n`);
}, 2);

async function unwrapOk(p: Promise<{ ok: boolean }>): Promise<void> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r)}`);
}
