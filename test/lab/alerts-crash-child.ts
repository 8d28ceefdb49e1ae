/**
 * Child process of the alert crash-safety test (main/notifications/crash-safety.test.ts): opens
 * the engine on the given data dir, reports a device down to the alert engine's entry point (as the
 * availability state machine does), waits until the outbox has tried (and failed: the SMTP server is down) to
 * deliver the email, prints "ATTEMPTED <alert id>" and idles until the parent SIGKILLs it.
 * Usage: node test/lab/alerts-crash-child.ts DATA_DIR DEVICE_ID
 */
import { createEngine } from '../../main/engine.ts';
import { fixedKey } from '../support/engine.ts';

const [dataDir, deviceId] = process.argv.slice(2);
if (!dataDir || !deviceId) throw new Error('usage: alerts-crash-child.ts DATA_DIR DEVICE_ID');

const engine = await createEngine({ dataDir, secrets: fixedKey() });
await engine.start();
engine.areas.alerts.engine.ingest.availability({ deviceId, source: 'icmp', status: 'down', atMs: Date.now(), consecutiveFailures: 3 });
const alertId = engine.areas.alerts.engine.list({ status: 'active', limit: 1, offset: 0 }).items[0]?.id;
process.stdout.write(`FIRED ${alertId}\n`);
const poll = setInterval(() => {
  const entry = engine.areas.outbox.list({ topic: 'notify.email' })[0];
  if (entry && entry.attempts >= 1) {
    clearInterval(poll);
    process.stdout.write(`ATTEMPTED ${alertId} ${entry.lastError ?? ''}\n`);
  }
}, 20);
// Keep running: the parent kills this process with SIGKILL.
setInterval(() => undefined, 60_000);
