/**
 * Alerts end to end against the lab: a monitored lab host loses its address, the ICMP monitor
 * cycle (real raw pings through the engine's pinger, the availability tracker with N = 2) reports
 * it down after exactly two failed checks, the default "Device down" rule fires, and one email
 * (real SMTP server) and one webhook (real HTTP server, HMAC checked) arrive; the address comes
 * back and the resolutions arrive. Inside a maintenance window nothing is queued, but the alert
 * and its history are kept.
 *
 * The ICMP monitor's scheduler does not emit availability changes yet, so this test runs the
 * monitor cycle itself and emits each change as the `device.availability` engine event, the
 * interface the scheduler is to use (see main/api/alerts.ts).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createAvailabilityTracker } from '../../main/icmp/availability.ts';
import { runMonitorCycle } from '../../main/icmp/monitor-cycle.ts';
import { type SmtpSink, startSmtpSink, startWebhookSink, type WebhookSink } from '../../main/notifications/testing/peers.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, describeLab, type Lab } from './index.ts';

const SECRET = 'lab-hmac-secret-0123456789';

describeLab('alerts: device down in the lab', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let smtp: SmtpSink;
  let hook: WebhookSink;
  let deviceId: string;
  const tracker = createAvailabilityTracker({ downAfter: 2 });
  let checks = 0;

  /** One monitor cycle for the device; availability changes go out as engine events. */
  async function check(): Promise<string[]> {
    const device = await unwrap(engine.api.call('devices.get', { id: deviceId }));
    const cycle = await runMonitorCycle(engine.icmp.pinger(), [{ id: deviceId, address: device.address }], { count: 2, intervalMs: 50, timeoutMs: 300 });
    checks++;
    const changes = tracker.update(cycle.checks, Date.now());
    for (const c of changes) {
      if (c.to === 'unknown') continue;
      engine.events.emit('device.availability', { deviceId: c.id, source: 'icmp', status: c.to, atMs: c.atMs, consecutiveFailures: c.consecutiveFailures });
    }
    return changes.map((c) => c.to);
  }

  const active = async () => (await unwrap(engine.api.call('alerts.list', { status: 'active' }))).items;

  beforeAll(async () => {
    // core-sw keeps an address on the lab's veth while branch-rtr's is removed: the kernel drops
    // an interface's routes with its last IPv4 address, which would cut the way back to the probe.
    lab = await createLab({ name: 'alerts', probe: 'root', hosts: [{ name: 'branch-rtr' }, { name: 'core-sw' }] });
    smtp = await startSmtpSink();
    hook = await startWebhookSink();
    engine = await testEngine({ icmp: { method: 'raw' } });
    await engine.start();
    deviceId = (await unwrap(engine.api.call('devices.create', { name: 'branch-rtr', address: lab.hosts['branch-rtr'] ?? '' }))).id;
    await unwrap(engine.api.call('notifications.createChannel', { type: 'email', name: 'NOC mail', email: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'wf@example.com', to: ['noc@example.com'] } }));
    await unwrap(engine.api.call('notifications.createChannel', { type: 'webhook', name: 'NOC hook', webhook: { url: hook.url, secret: SECRET } }));
  });
  afterAll(async () => {
    await engine?.close();
    await smtp?.close();
    await hook?.close();
    await lab?.destroy();
  });

  it('fires "Device down" after exactly 2 failed checks: one email, one webhook', async () => {
    expect(await check()).toEqual(['up']);
    await lab.hostDown('branch-rtr');
    checks = 0;
    expect(await check()).toEqual([]);
    expect(await active()).toEqual([]);
    expect(await check()).toEqual(['down']);
    expect(checks).toBe(2);
    const [alert] = await active();
    expect(alert).toMatchObject({ ruleName: 'Device down', state: 'firing', severity: 'critical', deviceName: 'branch-rtr', notified: true });
    const [mail] = await smtp.waitForMails(1);
    expect(mail?.header('subject')).toBe('[WARD FLUX] FIRING critical: Device down: branch-rtr does not answer ping');
    expect(mail?.to).toEqual(['noc@example.com']);
    const [post] = await hook.waitForPosts(1);
    const body = JSON.parse(post?.body ?? '{}') as { type: string; alert: { id: string } };
    expect(body).toMatchObject({ type: 'firing', alert: { id: alert?.id } });
    expect(post?.headers['x-wardflux-signature']).toBe(`sha256=${crypto.createHmac('sha256', SECRET).update(post?.body ?? '').digest('hex')}`);
    // A third failed check changes nothing and sends nothing more.
    expect(await check()).toEqual([]);
    expect(engine.outbox.list().filter((e) => e.topic === 'notify.email' || e.topic === 'notify.webhook')).toHaveLength(2);
  });

  it('the address comes back: resolved email and webhook', async () => {
    await lab.hostUp('branch-rtr');
    expect(await check()).toEqual(['up']);
    expect(await active()).toEqual([]);
    const mails = await smtp.waitForMails(2);
    expect(mails[1]?.header('subject')).toBe('[WARD FLUX] RESOLVED critical: Device down: branch-rtr is reachable again');
    const posts = await hook.waitForPosts(2);
    expect(JSON.parse(posts[1]?.body ?? '{}')).toMatchObject({ type: 'resolved', alert: { state: 'resolved' } });
  });

  it('in a maintenance window nothing is sent, but the alert and its history are kept', async () => {
    const now = Date.now();
    await unwrap(engine.api.call('maintenance.create', { name: 'Router swap', scope: { type: 'device', deviceId }, schedule: { kind: 'once', startsAt: now, endsAt: now + 3_600_000 } }));
    const queuedBefore = engine.outbox.list({ limit: 1000 }).length;
    await lab.hostDown('branch-rtr');
    await check();
    expect(await check()).toEqual(['down']);
    const [alert] = await active();
    expect(alert).toMatchObject({ state: 'firing', suppressedBy: 'maintenance', notified: false });
    await lab.hostUp('branch-rtr');
    expect(await check()).toEqual(['up']);
    // Nothing was queued for any channel, so nothing can be sent later either.
    expect(engine.outbox.list({ limit: 1000 })).toHaveLength(queuedBefore);
    expect(smtp.mails).toHaveLength(2);
    expect(hook.posts).toHaveLength(2);
    const history = await unwrap(engine.api.call('alerts.get', { id: alert?.id ?? '' }));
    expect(history.alert).toMatchObject({ state: 'resolved', suppressedBy: 'maintenance' });
    expect(history.events.map((e) => [e.type, e.notified, e.suppressedBy])).toEqual([
      ['firing', false, 'maintenance'],
      ['resolved', false, 'maintenance'],
    ]);
  });
});
