/**
 * Channel secrets are bound to their destination (secrets/destination.ts): moving an email
 * channel to another SMTP server, or a webhook to another URL, brings none of the saved secrets
 * there. Real SMTP and HTTP servers on 127.0.0.1 record what they receive.
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import { manualClock } from '../../test/support/manual-clock.ts';
import { unwrap } from '../api/dispatcher.ts';
import { type SmtpSink, startSmtpSink, startWebhookSink, type WebhookSink } from './testing/peers.ts';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';

const PASS_A = 'smtp-pass-of-server-a';
const PASS_B = 'smtp-pass-of-server-b';
const HOOK_TOKEN_A = 'Bearer hook-token-of-a';
const HMAC_A = 'hmac-secret-of-receiver-a';

const later = cleanupAfterEach();

async function setup() {
  const clock = manualClock();
  const engine = await testEngine({ clock });
  later(() => engine.close());
  const desktop = (await unwrap(engine.api.call('notifications.listChannels', {})))[0];
  if (desktop) await unwrap(engine.api.call('notifications.updateChannel', { id: desktop.id, enabled: false }));
  return { engine, clock };
}
async function smtp(pass: string): Promise<SmtpSink> {
  const s = await startSmtpSink({ auth: { user: 'wf', pass } });
  later(() => s.close());
  return s;
}
async function webhook(): Promise<WebhookSink> {
  const w = await startWebhookSink();
  later(() => w.close());
  return w;
}

const email = (port: number) => ({ host: '127.0.0.1', port, security: 'starttls' as const, allowSelfSigned: true, from: 'wardflux@example.com', to: ['oncall@example.com'] });

describe('the SMTP password follows no change of server', () => {
  it('another port or TLS mode without the password is refused; without a user it is saved and the password dropped; given again it works', async () => {
    const { engine } = await setup();
    const a = await smtp(PASS_A);
    const b = await smtp(PASS_B);
    const ch = await unwrap(engine.api.call('notifications.createChannel', { type: 'email', name: 'Mail', email: { ...email(a.port), username: 'wf', password: PASS_A } }));
    expect(await unwrap(engine.api.call('notifications.test', { id: ch.id }))).toMatchObject({ ok: true });
    expect(a.authAttempts).toEqual([{ username: 'wf', password: PASS_A }]);

    const refused = { ok: false, error: { code: 'validation', issues: [{ path: 'email.password', message: expect.stringMatching(/changed: enter the SMTP password again \(a saved secret is only sent to the server it was entered for\)$/) as unknown }] } };
    expect(await engine.api.call('notifications.updateChannel', { id: ch.id, email: { port: b.port } })).toMatchObject(refused);
    expect(await engine.api.call('notifications.updateChannel', { id: ch.id, email: { host: 'localhost' } })).toMatchObject(refused);
    // Plain SMTP (or any certificate accepted) is another peer for the password too.
    expect(await engine.api.call('notifications.updateChannel', { id: ch.id, email: { security: 'none' } })).toMatchObject(refused);
    const [kept] = (await unwrap(engine.api.call('notifications.listChannels', {}))).filter((c) => c.id === ch.id);
    expect(kept?.email).toMatchObject({ port: a.port, security: 'starttls', hasPassword: true });
    // The channel still sends to A only.
    expect(await unwrap(engine.api.call('notifications.test', { id: ch.id }))).toMatchObject({ ok: true });
    expect(b.authAttempts).toEqual([]);
    expect(b.mails).toEqual([]);

    // No user name: nothing needs the password, so the move is saved and the password dropped.
    const moved = await unwrap(engine.api.call('notifications.updateChannel', { id: ch.id, email: { port: b.port, username: '' } }));
    expect(moved.email).toMatchObject({ port: b.port, hasPassword: false });
    const sent = await unwrap(engine.api.call('notifications.test', { id: ch.id }));
    expect(sent.ok).toBe(false); // B wants a login
    expect(b.authAttempts).toEqual([]);

    // Given again, the password for B works.
    expect((await unwrap(engine.api.call('notifications.updateChannel', { id: ch.id, email: { username: 'wf', password: PASS_B } }))).email).toMatchObject({ hasPassword: true });
    expect(await unwrap(engine.api.call('notifications.test', { id: ch.id }))).toMatchObject({ ok: true });
    expect(b.authAttempts).toEqual([{ username: 'wf', password: PASS_B }]);
    expect(await b.waitForMails(1)).toHaveLength(1);
  });
});

describe('webhook headers and the HMAC key follow no change of URL', () => {
  it('another URL drops them (hasSecret false, no header names); the same URL keeps them; given again they are sent', async () => {
    const { engine } = await setup();
    const a = await webhook();
    const b = await webhook();
    const ch = await unwrap(
      engine.api.call('notifications.createChannel', { type: 'webhook', name: 'Hook', webhook: { url: a.url, headers: { Authorization: HOOK_TOKEN_A }, secret: HMAC_A } }),
    );
    // The same URL spelled differently keeps them.
    const same = await unwrap(engine.api.call('notifications.updateChannel', { id: ch.id, webhook: { url: `${a.url}/`, timeoutSec: 5 } }));
    expect(same.webhook).toMatchObject({ headerNames: ['Authorization'], hasSecret: true, timeoutSec: 5 });

    const moved = await unwrap(engine.api.call('notifications.updateChannel', { id: ch.id, webhook: { url: b.url } }));
    expect(moved.webhook).toMatchObject({ url: b.url, headerNames: [], hasSecret: false });
    expect(await unwrap(engine.api.call('notifications.test', { id: ch.id }))).toMatchObject({ ok: true });
    const [post] = await b.waitForPosts(1);
    expect(post?.headers.authorization).toBeUndefined();
    expect(post?.headers['x-wardflux-signature']).toBeUndefined();
    expect(JSON.stringify(post)).not.toContain('hook-token-of-a');
    expect(a.posts).toEqual([]);

    await unwrap(engine.api.call('notifications.updateChannel', { id: ch.id, webhook: { headers: { Authorization: 'Bearer hook-token-of-b' }, secret: 'hmac-secret-of-receiver-b' } }));
    await unwrap(engine.api.call('notifications.test', { id: ch.id }));
    const posts = await b.waitForPosts(2);
    expect(posts[1]?.headers.authorization).toBe('Bearer hook-token-of-b');
    expect(posts[1]?.headers['x-wardflux-signature']).toMatch(/^sha256=/);
  });

  it('a notification queued for the old URL goes to the new one without the old secrets (resolved at delivery)', async () => {
    const { engine, clock } = await setup();
    const a = await webhook();
    const b = await webhook();
    const ch = await unwrap(engine.api.call('notifications.createChannel', { type: 'webhook', name: 'Hook', webhook: { url: a.url, headers: { Authorization: HOOK_TOKEN_A }, secret: HMAC_A } }));
    const device = await unwrap(engine.api.call('devices.create', { name: 'core-rtr', address: '198.18.1.10' }));
    engine.areas.alerts.engine.ingestAvailability({ deviceId: device.id, source: 'icmp', status: 'down', atMs: clock.now(), consecutiveFailures: 2 });
    expect(engine.areas.outbox.list({ topic: 'notify.webhook', state: 'pending' })).toHaveLength(1);
    await unwrap(engine.api.call('notifications.updateChannel', { id: ch.id, webhook: { url: b.url } }));
    expect(await engine.areas.outbox.runDue()).toBe(1);
    const [post] = await b.waitForPosts(1);
    expect(post?.headers.authorization).toBeUndefined();
    expect(post?.headers['x-wardflux-signature']).toBeUndefined();
    expect(a.posts).toEqual([]);
  });
});
