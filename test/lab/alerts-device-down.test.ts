/**
 * Alerts end to end against the lab, on the production path: the engine runs its own pollers
 * (`engine.start()`, real raw ICMP echoes to a device added through the contract, 5 s interval,
 * 2 probes per check, down after 2 failed checks); the lab host loses its address, the default
 * "Device down" rule fires (the `alert.changed` event on the engine's public bus) after exactly
 * two failed checks, and one email (real SMTP server on 127.0.0.1) and one webhook (real HTTP
 * server, HMAC checked) arrive; the address comes back and the resolutions arrive. Inside a
 * maintenance window nothing is queued, but the alert and its history are kept.
 *
 * Only the engine's public surface is used (contract calls and events), with a deadline on every
 * wait and no sleeping.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventPayload } from '../../main/api/events.ts';
import { unwrap } from '../../main/api/dispatcher.ts';
import { type SmtpSink, startSmtpSink, startWebhookSink, type WebhookSink } from '../../main/notifications/testing/peers.ts';
import { testEngine } from '../support/engine.ts';
import { type EventLog, logEvents } from '../support/event-log.ts';
import { until } from '../support/until.ts';
import { createLab, describeLab, type Lab } from './index.ts';

const SECRET = 'lab-hmac-secret-0123456789';
type AlertChanged = EventPayload<'alert.changed'>;

describeLab('alerts: device down in the lab, through the engine', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let smtp: SmtpSink;
  let hook: WebhookSink;
  let alerts: EventLog<'alert.changed'>;
  let deviceId: string;

  const active = async () => (await unwrap(engine.api.call('alerts.list', { status: 'active' }))).items;
  const notifications = async () => (await unwrap(engine.api.call('outbox.list', { limit: 1000 }))).filter((e) => e.topic === 'notify.email' || e.topic === 'notify.webhook');
  /** The device's ICMP checks as stored: [time, loss %]. */
  const lossChecks = async (): Promise<[number, number][]> => {
    const q = await unwrap(engine.api.call('metrics.query', { select: { name: 'ping_loss_pct', matchers: [{ label: 'device', value: deviceId }] }, from: Date.now() - 600_000, to: Date.now() + 1000, resolution: 'raw' }));
    return (q.series[0]?.points ?? []).map((p) => [p.ts, p.avg] as [number, number]);
  };
  /** The next `alert.changed` event of this device with that event type (after `after` events). */
  const nextChange = (type: 'firing' | 'resolved', after: number, timeoutMs = 40_000): Promise<AlertChanged> =>
    alerts.waitFor(`alert.changed (${type}) for branch-rtr`, (events) => events.slice(after).find((e) => e.alert.deviceId === deviceId && e.event.type === type), timeoutMs);

  beforeAll(async () => {
    // core-sw keeps an address on the lab's veth while branch-rtr's is removed: the kernel drops
    // an interface's routes with its last IPv4 address, which would cut the way back to the probe.
    lab = await createLab({ name: 'alerts', probe: 'root', hosts: [{ name: 'branch-rtr' }, { name: 'core-sw' }] });
    smtp = await startSmtpSink();
    hook = await startWebhookSink();
    engine = await testEngine({ pollers: true, icmp: { method: 'raw' }, icmpTiming: { batchWindowMs: 50, probeIntervalMs: 100, probeTimeoutMs: 500 } });
    alerts = logEvents(engine.events, 'alert.changed');
    await unwrap(engine.api.call('settings.set', { icmpIntervalSec: 5, icmpProbeCount: 2, icmpDownAfter: 2 }));
    await engine.start();
    await unwrap(engine.api.call('notifications.createChannel', { type: 'email', name: 'NOC mail', email: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'wf@example.com', to: ['noc@example.com'] } }));
    await unwrap(engine.api.call('notifications.createChannel', { type: 'webhook', name: 'NOC hook', webhook: { url: hook.url, secret: SECRET } }));
    deviceId = (await unwrap(engine.api.call('devices.create', { name: 'branch-rtr', address: lab.hosts['branch-rtr'] ?? '' }))).id;
    // A new device is monitored at once: its ICMP item answers.
    await until(async () => (await unwrap(engine.api.call('devices.get', { id: deviceId }))).status === 'up', 20_000, 'branch-rtr up', { intervalMs: 100 });
  });
  afterAll(async () => {
    alerts?.stop();
    await engine?.close();
    await smtp?.close();
    await hook?.close();
    await lab?.destroy();
  });

  it('fires "Device down" after exactly 2 failed checks: one email, one webhook', async () => {
    expect(await active()).toEqual([]);
    const seen = alerts.events.length;
    const downAt = Date.now();
    await lab.hostDown('branch-rtr');

    const fired = await nextChange('firing', seen);
    expect(fired.alert).toMatchObject({ ruleName: 'Device down', kind: 'availability', state: 'firing', severity: 'critical', deviceName: 'branch-rtr' });
    expect(fired.event).toMatchObject({ notified: true, suppressedBy: null });
    const [alert] = await active();
    expect(alert).toMatchObject({ id: fired.alert.id, state: 'firing', notified: true });

    const [mail] = await smtp.waitForMails(1, 20_000);
    expect(mail?.header('subject')).toBe('[WARD FLUX] FIRING critical: Device down: branch-rtr does not answer ping');
    expect(mail?.to).toEqual(['noc@example.com']);
    const [post] = await hook.waitForPosts(1, 20_000);
    const body = JSON.parse(post?.body ?? '{}') as { type: string; alert: { id: string } };
    expect(body).toMatchObject({ type: 'firing', alert: { id: fired.alert.id } });
    expect(post?.headers['x-wardflux-signature']).toBe(`sha256=${crypto.createHmac('sha256', SECRET).update(post?.body ?? '').digest('hex')}`);

    // Exactly two failed checks (100 % loss) from the address going to the alert firing; wait for
    // a third failed check to be stored, so every check up to the alert is in the store too.
    const checks = await until(async () => {
      const c = await lossChecks();
      return c.some(([ts, loss]) => ts > fired.alert.startedAt && loss === 100) && c;
    }, 30_000, 'a failed check after the alert fired', { intervalMs: 250 });
    expect(checks.filter(([ts, loss]) => ts >= downAt && ts <= fired.alert.startedAt && loss === 100)).toHaveLength(2);
    // The third failed check changed nothing and queued nothing more.
    expect(alerts.events.slice(seen).filter((e) => e.alert.deviceId === deviceId)).toHaveLength(1);
    expect(await notifications()).toHaveLength(2);
  });

  it('the address comes back: resolved email and webhook', async () => {
    const seen = alerts.events.length;
    await lab.hostUp('branch-rtr');
    const resolved = await nextChange('resolved', seen);
    expect(resolved.alert).toMatchObject({ ruleName: 'Device down', state: 'resolved', deviceName: 'branch-rtr' });
    expect(await active()).toEqual([]);
    const mails = await smtp.waitForMails(2, 20_000);
    expect(mails[1]?.header('subject')).toBe('[WARD FLUX] RESOLVED critical: Device down: branch-rtr is reachable again');
    const posts = await hook.waitForPosts(2, 20_000);
    expect(JSON.parse(posts[1]?.body ?? '{}')).toMatchObject({ type: 'resolved', alert: { state: 'resolved' } });
  });

  it('in a maintenance window nothing is sent, but the alert and its history are kept', async () => {
    const now = Date.now();
    await unwrap(engine.api.call('maintenance.create', { name: 'Router swap', scope: { type: 'device', deviceId }, schedule: { kind: 'once', startsAt: now, endsAt: now + 3_600_000 } }));
    const queuedBefore = (await unwrap(engine.api.call('outbox.list', { limit: 1000 }))).length;
    const seen = alerts.events.length;
    await lab.hostDown('branch-rtr');
    const fired = await nextChange('firing', seen);
    expect(fired.alert).toMatchObject({ state: 'firing', suppressedBy: 'maintenance', notified: false });
    expect(fired.event).toMatchObject({ notified: false, suppressedBy: 'maintenance' });
    await lab.hostUp('branch-rtr');
    await nextChange('resolved', seen);
    // Nothing was queued for any channel, so nothing can be sent later either.
    expect(await unwrap(engine.api.call('outbox.list', { limit: 1000 }))).toHaveLength(queuedBefore);
    expect(smtp.mails).toHaveLength(2);
    expect(hook.posts).toHaveLength(2);
    const history = await unwrap(engine.api.call('alerts.get', { id: fired.alert.id }));
    expect(history.alert).toMatchObject({ state: 'resolved', suppressedBy: 'maintenance' });
    expect(history.events.map((e) => [e.type, e.notified, e.suppressedBy])).toEqual([
      ['firing', false, 'maintenance'],
      ['resolved', false, 'maintenance'],
    ]);
  });
});
