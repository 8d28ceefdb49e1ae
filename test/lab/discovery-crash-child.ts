/**
 * Child process of the discovery interruption test: opens an engine on DATA_DIR holding its lock
 * (as `serve` and the app do), starts a slow sweep of TARGET, and once a host is found and saved prints "SAVED <jobId>"; then idles until
 * the parent SIGKILLs it. Usage: node test/lab/discovery-crash-child.ts DATA_DIR TARGET
 */
import { unwrap } from '../../main/api/dispatcher.ts';
import { createEngine } from '../../main/engine.ts';
import { fixedKey } from '../support/engine.ts';

const [dataDir, target] = process.argv.slice(2);
if (!dataDir || !target) throw new Error('usage: discovery-crash-child.ts DATA_DIR TARGET');

const engine = await createEngine({ dataDir, secrets: fixedKey(), icmp: { method: 'raw' }, exclusive: true });
let jobId = '';
engine.events.subscribe((e) => {
  // Progress comes right after each flush: a progress event with alive > 0 means a host is on disk.
  if (e.name === 'discovery.progress' && e.payload.jobId === jobId && e.payload.alive > 0) process.stdout.write(`SAVED ${jobId}\n`);
});
const job = await unwrap(engine.api.call('discovery.start', { targets: [target], methods: ['icmp'], ratePps: 20, timeoutMs: 500, retries: 0, reverseDns: false }));
jobId = job.id;
// Keep running: the parent kills this process with SIGKILL.
setInterval(() => undefined, 60_000);
