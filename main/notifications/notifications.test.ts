import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import { manualClock } from '../../test/support/manual-clock.ts';
import { unwrap } from '../api/dispatcher.ts';
import type { InputOf } from '../api/contract.ts';
import { durableTransaction } from './durable.ts';
import { type SmtpSink, startSmtpSink, startWebhookSink, type WebhookSink } from './testing/peers.ts';
import { signBody } from './webhook.ts';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';

const later = cleanupAfterEach();

async function setup() {
  const clock = manualClock();
  const engine = await testEngine({ clock });
  later(() => engine.close());
  const device = await unwrap(engine.api.call('devices.create', { name: 'core-rtr', address: '198.18.1.10', tags: ['core'] }));
  // The desktop channel shipped by default is out of the way for these tests.
  const desktop = (await unwrap(engine.api.call('notifications.listChannels', {})))[0];
  if (desktop) await unwrap(engine.api.call('notifications.updateChannel', { id: desktop.id, enabled: false }));
  const down = (status: 'up' | 'down') => engine.areas.alerts.engine.ingestAvailability({ deviceId: device.id, source: 'icmp', status, atMs: clock.now(), consecutiveFailures: 2 });
  return { engine, clock, device, down };
}

async function smtp(opts: Parameters<typeof startSmtpSink>[0] = {}): Promise<SmtpSink> {
  const s = await startSmtpSink(opts);
  later(() => s.close());
  return s;
}
async function webhook(): Promise<WebhookSink> {
  const w = await startWebhookSink();
  later(() => w.close());
  return w;
}

type EmailInput = Extract<InputOf<'notifications.createChannel'>, { type: 'email' }>;
const emailChannel = (port: number, extra: Partial<EmailInput['email']> = {}): EmailInput => ({
  type: 'email',
  name: 'On-call mail',
  email: { host: '127.0.0.1', port, security: 'none', from: 'wardflux@example.com', to: ['oncall@example.com', 'boss@example.com'], ...extra },
});

describe('email notifications (real SMTP server)', () => {
  it('sends firing and resolved mails over STARTTLS with auth: subject, recipients, text and HTML bodies, Message-ID', async () => {
    const { engine, clock, down } = await setup();
    const server = await smtp({ auth: { user: 'wf', pass: 's3cret-pass' } });
    await unwrap(engine.api.call('notifications.createChannel', emailChannel(server.port, { security: 'starttls', allowSelfSigned: true, username: 'wf', password: 's3cret-pass' })));
    down('down');
    expect(await engine.areas.outbox.runDue()).toBe(1);
    const [mail] = await server.waitForMails(1);
    expect(mail?.from).toBe('wardflux@example.com');
    expect(mail?.to).toEqual(['oncall@example.com', 'boss@example.com']);
    expect(mail?.header('subject')).toBe('[WARD FLUX] FIRING critical: Device down: core-rtr does not answer ping');
    expect(mail?.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail?.raw).toMatch(/Content-Type: text\/html/);
    expect(mail?.decoded).toContain('Rule: Device down');
    expect(mail?.decoded).toContain('<th align="left">Device</th><td>core-rtr</td>');
    const eventId = engine.areas.alerts.engine.get((await unwrap(engine.api.call('alerts.list', {}))).items[0]?.id ?? '').events[0]?.id;
    expect(mail?.header('message-id')).toBe(`<${eventId}@wardflux.invalid>`);
    expect(mail?.header('x-wardflux-event-id')).toBe(eventId);
    clock.advance(60_000);
    down('up');
    await engine.areas.outbox.runDue();
    const mails = await server.waitForMails(2);
    expect(mails[1]?.header('subject')).toBe('[WARD FLUX] RESOLVED critical: Device down: core-rtr is reachable again');
  });

  it('queues while the SMTP server is down and delivers once, when it comes back', async () => {
    const { engine, clock, down } = await setup();
    const first = await smtp();
    const port = first.port;
    await first.close(); // the port is now closed: connection refused
    await unwrap(engine.api.call('notifications.createChannel', emailChannel(port)));
    down('down');
    await engine.areas.outbox.runDue();
    const [entry] = engine.areas.outbox.list({ topic: 'notify.email' });
    expect(entry).toMatchObject({ state: 'pending', attempts: 1 });
    expect(entry?.lastError).toMatch(/Cannot connect to the SMTP server 127\.0\.0\.1:\d+: connection refused/);
    clock.advance(10_000);
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: 'notify.email' })[0]).toMatchObject({ state: 'pending', attempts: 2 });
    const back = await smtp({ port });
    clock.advance(60_000);
    await engine.areas.outbox.runDue();
    await back.waitForMails(1);
    expect(engine.areas.outbox.list({ topic: 'notify.email' })[0]).toMatchObject({ state: 'delivered', attempts: 3 });
    clock.advance(3_600_000);
    await engine.areas.outbox.runDue();
    expect(back.mails).toHaveLength(1);
  });

  it('a refused recipient is a permanent failure: dead at once, with the server’s words', async () => {
    const { engine, down } = await setup();
    const server = await smtp({ rejectRecipient: 'boss@example.com' });
    await unwrap(engine.api.call('notifications.createChannel', emailChannel(server.port, { to: ['boss@example.com'] })));
    down('down');
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: 'notify.email' })[0]).toMatchObject({ state: 'dead', attempts: 1 });
    expect(engine.areas.outbox.list({ topic: 'notify.email' })[0]?.lastError).toMatch(/refused the sender or a recipient: 550/);
  });

  it('digest: events within the period go out as one message', async () => {
    const { engine, clock, down } = await setup();
    const server = await smtp();
    await unwrap(engine.api.call('notifications.createChannel', { ...emailChannel(server.port), digestSec: 60 } as InputOf<'notifications.createChannel'>));
    down('down');
    clock.advance(5_000);
    down('up');
    expect(engine.areas.alerts.notifier.flushDigests()).toBe(0);
    clock.advance(55_000);
    expect(engine.areas.alerts.notifier.flushDigests()).toBe(1);
    await engine.areas.outbox.runDue();
    const [mail] = await server.waitForMails(1);
    expect(mail?.header('subject')).toBe('[WARD FLUX] 2 alert events (1 firing, 1 resolved)');
    expect(mail?.decoded).toContain('FIRING critical');
    expect(mail?.decoded).toContain('RESOLVED critical');
  });
});

describe('webhook notifications (real HTTP server)', () => {
  it('POSTs the templated JSON with the event id header and a verifiable HMAC-SHA256 signature', async () => {
    const { engine, down } = await setup();
    const hook = await webhook();
    const secret = 'a-long-hmac-secret-0123456789';
    const channel = await unwrap(
      engine.api.call('notifications.createChannel', {
        type: 'webhook',
        name: 'Chat',
        webhook: { url: hook.url, secret, headers: { Authorization: 'Bearer tok-123' }, bodyTemplate: '{"text": "{{alert.severity}}: {{alert.summary}}", "id": "{{event.id}}", "value": {{alert.value}}}' },
      }),
    );
    expect(channel.webhook).toEqual({ url: hook.url, headerNames: ['Authorization'], hasSecret: true, bodyTemplate: expect.any(String), timeoutSec: 10 });
    down('down');
    await engine.areas.outbox.runDue();
    const [post] = await hook.waitForPosts(1);
    const body = JSON.parse(post?.body ?? '') as { text: string; id: string; value: null };
    expect(body).toEqual({ text: 'critical: Device down: core-rtr does not answer ping', id: expect.any(String), value: null });
    expect(post?.headers['x-wardflux-event-id']).toBe(body.id);
    expect(post?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(post?.headers.authorization).toBe('Bearer tok-123');
    const expected = `sha256=${crypto.createHmac('sha256', secret).update(post?.body ?? '').digest('hex')}`;
    expect(post?.headers['x-wardflux-signature']).toBe(expected);
    expect(signBody(secret, post?.body ?? '')).toBe(expected);
  });

  it('retries 5xx, parks 4xx as dead', async () => {
    const { engine, clock, down } = await setup();
    const hook = await webhook();
    await unwrap(engine.api.call('notifications.createChannel', { type: 'webhook', name: 'Chat', webhook: { url: hook.url } }));
    hook.respondWith(503);
    down('down');
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: 'notify.webhook' })[0]).toMatchObject({ state: 'pending', lastError: expect.stringMatching(/answered HTTP 503: refused by the test server/) });
    hook.respondWith(404);
    clock.advance(60_000);
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: 'notify.webhook' })[0]).toMatchObject({ state: 'dead', lastError: expect.stringMatching(/answered HTTP 404/) });
    hook.respondWith(200);
    const id = engine.areas.outbox.list({ topic: 'notify.webhook' })[0]?.id ?? 0;
    await unwrap(engine.api.call('outbox.retry', { id }));
    await engine.areas.outbox.runDue();
    expect(await hook.waitForPosts(1)).toHaveLength(1);
  });
});

describe('routing and the desktop channel', () => {
  it('routes by severity and tag; the desktop channel emits notification.desktop', async () => {
    const { engine, down } = await setup();
    const hook = await webhook();
    await unwrap(engine.api.call('notifications.createChannel', { type: 'webhook', name: 'Only office', routing: { tags: ['office'] }, webhook: { url: hook.url } }));
    await unwrap(engine.api.call('notifications.createChannel', { type: 'webhook', name: 'Only minor', routing: { severities: ['minor'] }, webhook: { url: hook.url } }));
    await unwrap(engine.api.call('notifications.createChannel', { type: 'desktop', name: 'Screen', routing: { severities: ['critical'], events: ['firing'] } }));
    const shown: unknown[] = [];
    engine.events.subscribe((e) => {
      if (e.name === 'notification.desktop') shown.push(e.payload);
    });
    down('down');
    down('up');
    await engine.areas.outbox.runDue();
    expect(hook.posts).toHaveLength(0);
    expect(shown).toEqual([{ eventId: expect.any(String), alertId: expect.any(String), type: 'firing', severity: 'critical', title: 'FIRING: Device down', body: 'Device down: core-rtr does not answer ping' }]);
  });
});

describe('contract: channels, test sends and bad input', () => {
  it('keeps secrets write-only: never in outputs, sealed in the database', async () => {
    const { engine } = await setup();
    const created = await unwrap(engine.api.call('notifications.createChannel', emailChannel(25, { username: 'wf', password: 'Hunter2-very-secret' })));
    expect(created.email).toMatchObject({ hasPassword: true, username: 'wf' });
    expect(JSON.stringify(await unwrap(engine.api.call('notifications.listChannels', {})))).not.toContain('Hunter2');
    const raw = fs.readFileSync(path.join(engine.dataDir, 'wardflux.db'));
    engine.areas.metrics.writer.flush();
    expect(raw.includes(Buffer.from('Hunter2-very-secret'))).toBe(false);
    // Omitted on update: kept for the same server. null: cleared.
    expect((await unwrap(engine.api.call('notifications.updateChannel', { id: created.id, email: { from: 'alerts@example.com' } }))).email).toMatchObject({ from: 'alerts@example.com', port: 25, security: 'none', hasPassword: true });
    expect((await unwrap(engine.api.call('notifications.updateChannel', { id: created.id, email: { password: null } }))).email).toMatchObject({ hasPassword: false });
  });

  it('rejects an invalid email address, a non-http webhook URL, a broken template and a rule on an unknown metric, in words', async () => {
    const { engine } = await setup();
    const bad = await engine.api.call('notifications.createChannel', { ...emailChannel(25), email: { host: 'smtp.example.com', from: 'wardflux@example.com', to: ['not-an-address'] } } as InputOf<'notifications.createChannel'>);
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('"not-an-address" is not a valid email address') } });
    const ftp = await engine.api.call('notifications.createChannel', { type: 'webhook', name: 'x', webhook: { url: 'ftp://files.example.com/hook' } });
    expect(ftp).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('Webhook URLs must use http:// or https://, not ftp://') } });
    const tpl = await engine.api.call('notifications.createChannel', { type: 'webhook', name: 'x', webhook: { url: 'https://x.example.com', bodyTemplate: '{"text": {{alert.sumary}}}' } });
    expect(tpl).toMatchObject({ ok: false, error: { message: expect.stringContaining('Unknown placeholder(s) {{alert.sumary}}') } });
    const rule = await engine.api.call('alerts.createRule', { name: 'x', severity: 'minor', condition: { kind: 'threshold', metric: 'cpu_usage', op: 'above', value: 80 } });
    expect(rule).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/^Unknown metric "cpu_usage": no monitor writes it/) } });
    const recovery = await engine.api.call('alerts.createRule', { name: 'x', severity: 'minor', condition: { kind: 'threshold', metric: 'cpu_util_pct', op: 'above', value: 80, recovery: 90 } });
    expect(recovery).toMatchObject({ ok: false, error: { message: expect.stringContaining('must be at or below the threshold (80)') } });
  });

  it('notifications.test reports success, or an unreachable SMTP host in words', async () => {
    const { engine } = await setup();
    const server = await smtp();
    const good = await unwrap(engine.api.call('notifications.createChannel', emailChannel(server.port)));
    expect(await unwrap(engine.api.call('notifications.test', { id: good.id }))).toEqual({ ok: true, message: `Sent to oncall@example.com, boss@example.com through 127.0.0.1:${server.port}` });
    expect((await server.waitForMails(1))[0]?.header('subject')).toBe('[WARD FLUX] TEST info: Test notification from WARD FLUX: this channel works.');
    const closed = await startSmtpSink();
    const closedPort = closed.port;
    await closed.close();
    const down = await unwrap(engine.api.call('notifications.createChannel', { ...emailChannel(closedPort), name: 'Dead server' }));
    expect(await unwrap(engine.api.call('notifications.test', { id: down.id }))).toEqual({
      ok: false,
      message: `Cannot connect to the SMTP server 127.0.0.1:${closedPort}: connection refused (is the server running and the port right?)`,
    });
    expect(engine.areas.outbox.list()).toEqual([]);
  });
});

describe('durable commit', () => {
  it('commits with synchronous = FULL and restores the previous setting', () => {
    const conn = new Database(':memory:');
    later(() => void conn.close());
    conn.pragma('synchronous = NORMAL');
    const inside = durableTransaction(conn, () => conn.pragma('synchronous', { simple: true }));
    expect(inside).toBe(2);
    expect(conn.pragma('synchronous', { simple: true })).toBe(1);
  });
});
