import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { hostWsUrl, testHost } from '../../test/support/host.ts';
import { until } from '../../test/support/until.ts';
import { wsClient } from '../../test/support/ws-client.ts';
import { SESSION_PATH } from '../api/wire.ts';
import type { RunningHost } from './server.ts';
import { FREE_FAILURES } from './sign-in-throttle.ts';

const later = cleanupAfterEach();

const page = (h: RunningHost) => ({ origin: h.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
async function post(h: RunningHost, body: unknown) {
  const r = await fetch(`${h.url}${SESSION_PATH}`, { method: 'POST', headers: page(h), body: JSON.stringify(body) });
  return { status: r.status, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, setCookie: r.headers.get('set-cookie') ?? '', retryAfter: r.headers.get('retry-after'), body: (await r.json()) as { ok: boolean; error?: { message: string } } };
}
async function rpc(h: RunningHost, cookie: string, name: string, input: unknown = {}) {
  const r = await fetch(`${h.url}/api/v1/rpc/${name}`, { method: 'POST', headers: { ...page(h), cookie }, body: JSON.stringify(input) });
  return { status: r.status, body: (await r.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } } };
}

describe('signing in with a user name and password', () => {
  it('gives a session with the user\'s role on HTTP and WebSocket; sign-out ends it', { timeout: 30_000 }, async () => {
    const { host: h, engine } = await testHost(later);
    await engine.users.create('tech', 'technician', 'correct horse battery');
    const s = await post(h, { user: 'tech', password: 'correct horse battery' });
    expect(s.status).toBe(200);
    expect(s.setCookie).toMatch(/HttpOnly/);
    expect(s.setCookie).toMatch(/SameSite=Strict/);
    expect(await rpc(h, s.cookie, 'session.whoami')).toMatchObject({ status: 200, body: { data: { name: 'tech', role: 'technician', local: false } } });
    expect(await rpc(h, s.cookie, 'settings.set', { icmpIntervalSec: 10 })).toMatchObject({ status: 403, body: { error: { code: 'forbidden', message: expect.stringMatching(/settings\.set needs the admin role or higher; tech is a technician/) } } });
    const ws = wsClient(hostWsUrl(h), { origin: h.url, cookie: s.cookie });
    later(() => ws.ws.close());
    expect(await ws.next('hello')).toMatchObject({ authenticated: true });
    ws.send({ type: 'call', id: 1, name: 'session.whoami', input: {} });
    expect(await ws.next('result')).toMatchObject({ result: { ok: true, data: { name: 'tech', role: 'technician' } } });

    const out = await fetch(`${h.url}${SESSION_PATH}`, { method: 'DELETE', headers: { origin: h.url, 'sec-fetch-site': 'same-origin', cookie: s.cookie } });
    expect(out.status).toBe(200);
    expect(await ws.closed).toBe(4401);
    expect((await rpc(h, s.cookie, 'session.whoami')).status).toBe(401);
    // The login secret still signs in as the built-in admin.
    const admin = await post(h, { token: new URL(h.signInUrl).hash.replace('#token=', '') });
    expect(await rpc(h, admin.cookie, 'session.whoami')).toMatchObject({ body: { data: { name: 'admin', role: 'admin' } } });
    const rows = engine.audit.list({ procedure: 'session.', limit: 10 }).items.map((r) => [r.procedure, r.user, r.outcome]);
    expect(rows).toEqual([['session.signIn', 'admin', 'ok'], ['session.signOut', 'tech', 'ok'], ['session.signIn', 'tech', 'ok']]);
  });

  it('locks a user name out with a growing wait after repeated failures, even for the right password', { timeout: 30_000 }, async () => {
    const { host: h, engine } = await testHost(later);
    await engine.users.create('mgr', 'manager', 'the right password');
    for (let i = 0; i < FREE_FAILURES; i += 1) expect((await post(h, { user: 'mgr', password: `wrong ${i}` })).status).toBe(401);
    const locked = await post(h, { user: 'MGR', password: 'the right password' });
    expect(locked.status).toBe(429);
    expect(locked.body.error?.message).toMatch(/Too many failed sign-ins: try again in 1 s/);
    expect(locked.retryAfter).toBe('1');
    // Another user from the same address is not locked (the address allows more failures).
    await engine.users.create('view', 'viewer', 'viewer password');
    expect((await post(h, { user: 'view', password: 'viewer password' })).status).toBe(200);
    const after = await until(async () => {
      const r = await post(h, { user: 'mgr', password: 'the right password' });
      return r.status === 200 ? r : r.status === 429 ? false : r;
    }, 5000, 'the lock-out to end');
    expect(after.status).toBe(200);
    const outcomes = engine.audit.list({ user: 'mgr', limit: 50 }).items.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'unauthorized')).toHaveLength(FREE_FAILURES);
    expect(outcomes).toContain('locked');
    expect(JSON.stringify(engine.audit.list({ limit: 100 }))).not.toMatch(/right password|wrong \d/);
    // A name that is no user is recorded as unknown, never as typed (it may be a password).
    await post(h, { user: 'hunter2-typed-in-the-wrong-box', password: 'x' });
    expect(JSON.stringify(engine.audit.list({ limit: 100 }))).not.toContain('hunter2');
  });

  it('a session ends once unused for the idle time', { timeout: 30_000 }, async () => {
    const { host: h, engine } = await testHost(later, { host: { sessionIdleMs: 1500 } });
    await engine.users.create('tech', 'technician', 'correct horse battery');
    const s = await post(h, { user: 'tech', password: 'correct horse battery' });
    expect((await rpc(h, s.cookie, 'session.whoami')).status).toBe(200);
    // Each check is a use: checks further apart than the idle time see it end.
    await until(async () => (await rpc(h, s.cookie, 'session.whoami')).status === 401, 15_000, 'the session to expire', { intervalMs: 2000 });
  });

  it('a removed user\'s sessions and tokens stop at once; a changed role applies to the next call', async () => {
    const { host: h, engine } = await testHost(later);
    const u = await engine.users.create('temp', 'viewer', 'temporary password');
    const token = engine.tokens.create('temp-token', u.id).token;
    const s = await post(h, { user: 'temp', password: 'temporary password' });
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${h.url}/api/v1/rpc/devices.create`, { method: 'POST', headers: bearer, body: '{"name":"a","address":"198.18.0.1"}' })).status).toBe(403);
    engine.users.setRole('temp', 'manager');
    expect((await fetch(`${h.url}/api/v1/rpc/devices.create`, { method: 'POST', headers: bearer, body: '{"name":"a","address":"198.18.0.1"}' })).status).toBe(200);
    expect(engine.tokens.list().find((t) => t.name === 'temp-token')?.user).toBe('temp');
    engine.users.remove('temp');
    expect((await fetch(`${h.url}/api/v1/devices`, { headers: bearer })).status).toBe(401);
    expect((await rpc(h, s.cookie, 'session.whoami')).status).toBe(401);
    expect(engine.tokens.list().map((t) => t.name)).toEqual(['test']);
    expect(() => engine.users.remove('admin')).toThrow(/built-in admin/);
  });
});

describe('the audit log', () => {
  it('records allowed changes and refusals with ids and field names, never a secret', async () => {
    const { host: h, engine, token } = await testHost(later);
    const tech = await engine.users.create('tech', 'technician', 'correct horse battery');
    const techToken = engine.tokens.create('tech', tech.id).token;
    const call = (t: string, name: string, input: unknown) => fetch(`${h.url}/api/v1/rpc/${name}`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const secret = 'S3cret-Community-Value';
    expect((await call(techToken, 'credentials.create', { name: 'c1', version: '2c', community: secret })).status).toBe(403);
    const made = await call(token, 'credentials.create', { name: 'c1', version: '2c', community: secret });
    expect(made.status).toBe(200);
    const id = ((await made.json()) as { data: { id: string } }).data.id;
    await call(token, 'credentials.update', { id, community: `${secret}-2` });
    expect((await call(techToken, 'devices.list', {})).status).toBe(200);

    const rows = engine.audit.list({ procedure: 'credentials', limit: 10 }).items;
    expect(rows.map((r) => [r.procedure, r.user, r.role, r.outcome, r.transport])).toEqual([
      ['credentials.update', 'admin', 'admin', 'ok', 'http'],
      ['credentials.create', 'admin', 'admin', 'ok', 'http'],
      ['credentials.create', 'tech', 'technician', 'forbidden', 'http'],
    ]);
    expect(rows[0]).toMatchObject({ ids: [id], fields: ['id', 'community'], remote: '127.0.0.1' });
    // Reads are not audited; a CLI or desktop call is the local admin's.
    expect(engine.audit.list({ procedure: 'devices.list', limit: 10 }).total).toBe(0);
    await engine.api.call('devices.create', { name: 'x', address: '198.18.0.5' }, { transport: 'cli' });
    expect(engine.audit.list({ procedure: 'devices.create', limit: 1 }).items[0]).toMatchObject({ user: 'local', role: 'admin', transport: 'cli' });

    for (const format of ['csv', 'json'] as const) {
      const exported = await engine.api.call('audit.export', { format });
      if (!exported.ok) throw new Error(exported.error.message);
      expect(exported.data.content).toContain('credentials.create');
      expect(exported.data.content).not.toContain(secret);
    }
    const csv = await engine.api.call('audit.export', { format: 'csv', user: 'tech' });
    expect(csv.ok && csv.data.content.split('\r\n')[0]).toBe('time,user,role,procedure,outcome,ids,fields,transport,remote');
    expect(csv.ok && csv.data.content.trim().split('\r\n')).toHaveLength(2);
    expect(JSON.stringify(engine.audit.list({ limit: 1000 }))).not.toContain(secret);
  });

  it('keeps rows for the retention, and deletes older ones when it changes', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { engine } = await testHost(later, { engine: { clock: { now: () => now } } });
    await engine.api.call('devices.create', { name: 'old', address: '198.18.0.6' });
    now += 10 * 86_400_000;
    await engine.api.call('devices.create', { name: 'new', address: '198.18.0.7' });
    expect(await engine.api.call('audit.getRetention', {})).toEqual({ ok: true, data: { days: 90 } });
    expect(await engine.api.call('audit.setRetention', { days: 5 })).toEqual({ ok: true, data: { days: 5 } });
    expect(engine.audit.list({ procedure: 'devices.create', limit: 10 }).total).toBe(1);
    expect((await engine.api.call('audit.setRetention', { days: 0 })).ok).toBe(false);
  });
});
