import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedKey } from '../../test/support/engine.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { unwrap } from '../api/dispatcher.ts';
import { createEngine } from '../engine.ts';
import { startSmtpSink } from './testing/peers.ts';

const CHILD = path.resolve(import.meta.dirname, '../../test/lab/alerts-crash-child.ts');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Runs the child until it printed a line matching `until`; resolves with that line and the child. */
function runChild(args: string[], until: RegExp, timeoutMs = 20_000) {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => void child.kill('SIGKILL'));
  let out = '';
  let err = '';
  return new Promise<{ line: string; child: typeof child }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not print ${until} within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => until.test(l));
      if (line) {
        clearTimeout(timer);
        resolve({ line, child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

describe('crash safety', () => {
  it('an alert fired by a process killed before delivery is delivered exactly once by the next one', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    // A port with no SMTP server behind it (yet).
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();

    const setup = await createEngine({ dataDir: dir, secrets: fixedKey() });
    const device = await unwrap(setup.api.call('devices.create', { name: 'edge-fw', address: '198.18.3.10' }));
    await unwrap(setup.api.call('notifications.createChannel', { type: 'email', name: 'NOC', email: { host: '127.0.0.1', port, security: 'none', from: 'wf@example.com', to: ['noc@example.com'] } }));
    await setup.stop();

    const { line, child } = await runChild([dir, device.id], /^ATTEMPTED /);
    expect(line).toMatch(/connection refused/);
    const alertId = line.split(' ')[1];
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const smtp = await startSmtpSink({ port });
    cleanups.push(() => smtp.close());
    const engine = await createEngine({ dataDir: dir, secrets: fixedKey(), alerts: { retry: { baseDelayMs: 100, maxDelayMs: 500 } } });
    cleanups.push(() => engine.stop());
    await engine.start();
    const [mail] = await smtp.waitForMails(1, 15_000);
    expect(mail?.header('subject')).toBe('[WARD FLUX] FIRING critical: Device down: edge-fw does not answer ping');
    expect(mail?.to).toEqual(['noc@example.com']);

    // Let the worker's pass finish (the server has the mail before the client reads its 250).
    await engine.areas.outbox.service.stop();
    // Nothing more to send: one alert, one outbox entry, delivered; more passes send nothing.
    expect(await engine.areas.outbox.runDue()).toBe(0);
    expect(engine.areas.outbox.list({ topic: 'notify.email' })).toEqual([expect.objectContaining({ state: 'delivered', attempts: 2 })]);
    const alerts = await unwrap(engine.api.call('alerts.list', { status: 'all' }));
    expect(alerts.items.map((a) => a.id)).toEqual([alertId]);
    expect(smtp.mails).toHaveLength(1);
  });
});
