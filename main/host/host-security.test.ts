import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { hostWsUrl, testHost, type TestHostOptions } from '../../test/support/host.ts';
import { until } from '../../test/support/until.ts';
import { wsClient } from '../../test/support/ws-client.ts';
import { WS_CLOSE_SIGN_IN } from '../api/wire.ts';
import type { RunningHost } from './server.ts';

/**
 * The host as an attacker meets it: a local process or a web page with no secret, a DNS-rebinding
 * page, a page of another port of 127.0.0.1, a revoked token, a flood of connections and calls.
 */

const later = cleanupAfterEach();

const host = (options: TestHostOptions['host'] = {}, engineOptions: TestHostOptions['engine'] = {}) => testHost(later, { host: options, engine: engineOptions });

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so the test can send any Host header (fetch may not). */
function request(h: RunningHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: h.port, path, method: options.method ?? 'GET', headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = (a: Answer) => JSON.parse(a.body) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };

/** Signs in as the browser does, with the login secret from the printed URL; returns the cookie to send. */
async function signIn(h: RunningHost, secret: string): Promise<string> {
  const r = await request(h, '/api/v1/session', { method: 'POST', body: JSON.stringify({ token: secret }), headers: { origin: h.url, 'sec-fetch-site': 'same-origin' } });
  expect(r.status).toBe(200);
  const cookie = String(r.headers['set-cookie']?.[0] ?? '');
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0]!;
}

const wsUrl = hostWsUrl;

describe('a client that holds no secret gets nothing', () => {
  it('a WebSocket without a credential gets no procedure and no event', async () => {
    const { host: h, engine } = await host();
    const c = wsClient(wsUrl(h));
    expect(await c.next('hello')).toMatchObject({ authenticated: false });
    for (const [i, name] of ['settings.get', 'credentials.list', 'devices.list', 'zabbix.getConfig', 'diagnostics.ping', 'tokens.list'].entries()) {
      c.send({ type: 'call', id: i, name, input: {} });
      expect(await c.next('result')).toMatchObject({ id: i, result: { ok: false, error: { code: 'unauthorized' } } });
    }
    await engine.api.call('devices.create', { name: 'secretive', address: '198.18.0.20' });
    c.send({ type: 'call', id: 99, name: 'health', input: {} });
    await c.next('result');
    await expect(c.next('event', 300)).rejects.toThrow(/no event/);
    c.ws.close();
  });

  it('the page and whatever GET / hands out sign nobody in', async () => {
    const { host: h } = await host();
    const page = await request(h, '/', { headers: { host: `127.0.0.1:${h.port}` } });
    expect(page.headers['set-cookie']).toBeUndefined();
    const cookies = [page.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]).join('; ');
    const c = wsClient(wsUrl(h), { origin: h.url, ...(cookies ? { cookie: cookies } : {}) });
    expect(await c.next('hello')).toMatchObject({ authenticated: false });
    expect((await request(h, '/api/v1/devices')).status).toBe(401);
    expect((await request(h, '/api/v1/rpc/settings.get', { method: 'POST', body: '{}' })).status).toBe(401);
    c.ws.close();
  });

  it('a forged session cookie or a wrong login secret gets nothing', async () => {
    const { host: h } = await host();
    const bad = await request(h, '/api/v1/session', { method: 'POST', body: JSON.stringify({ token: 'not-the-secret' }), headers: { origin: h.url } });
    expect(bad.status).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();
    const forged = await request(h, '/api/v1/devices', { headers: { cookie: `wardflux_session_${h.port}=forged` } });
    expect(forged.status).toBe(401);
  });
});

describe('DNS rebinding and foreign pages', () => {
  it('refuses HTTP requests whose Host is not one of the host names', async () => {
    const { host: h, token } = await host();
    for (const hostHeader of ['evil.example', `evil.example:${h.port}`, `127.0.0.1.evil.example:${h.port}`, `localhost:${h.port + 1}`]) {
      expect((await request(h, '/', { headers: { host: hostHeader } })).status).toBe(421);
      expect((await request(h, '/api/v1/devices', { headers: { host: hostHeader, authorization: `Bearer ${token}` } })).status).toBe(421);
    }
    for (const ok of [`127.0.0.1:${h.port}`, `localhost:${h.port}`, `LOCALHOST:${h.port}`, `[::1]:${h.port}`]) {
      expect((await request(h, '/api/v1/devices', { headers: { host: ok, authorization: `Bearer ${token}` } })).status).toBe(200);
    }
  });

  it('refuses the WebSocket of a rebinding page (Origin and Host both the attacker\'s), even with a valid cookie', async () => {
    const { host: h, loginSecret } = await host();
    const cookie = await signIn(h, loginSecret);
    const rebinding = wsClient(wsUrl(h), { host: `evil.example:${h.port}`, origin: `http://evil.example:${h.port}`, cookie });
    expect(await rebinding.refused).toBe(421);
    const foreign = wsClient(wsUrl(h), { origin: 'http://evil.example', cookie });
    expect(await foreign.refused).toBe(403);
  });

  it('a page of another port of 127.0.0.1 (same site, other origin) cannot use the browser\'s session', async () => {
    const { host: h, loginSecret } = await host();
    const cookie = await signIn(h, loginSecret);
    const other = `http://127.0.0.1:${h.port + 1}`;
    expect((await request(h, '/api/v1/devices', { headers: { cookie, origin: other } })).status).toBe(403);
    expect((await request(h, '/api/v1/devices', { headers: { cookie, 'sec-fetch-site': 'same-site' } })).status).toBe(403);
    const ws = wsClient(wsUrl(h), { cookie, origin: other });
    expect(await ws.refused).toBe(403);
    const sameSite = wsClient(wsUrl(h), { cookie, origin: h.url, 'sec-fetch-site': 'same-site' });
    expect(await sameSite.next('hello')).toMatchObject({ authenticated: false });
    sameSite.ws.close();
    const signInFromElsewhere = await request(h, '/api/v1/session', { method: 'POST', body: JSON.stringify({ token: loginSecret }), headers: { origin: other } });
    expect(signInFromElsewhere.status).toBe(403);
  });

  it('answers to names given with allowedHosts, and to the machine\'s own addresses on a wildcard bind', async () => {
    const { host: h, token } = await host({ allowedHosts: ['wardflux.lan', 'noc.example:8443'] });
    const auth = { authorization: `Bearer ${token}` };
    expect((await request(h, '/api/v1/devices', { headers: { ...auth, host: `wardflux.lan:${h.port}` } })).status).toBe(200);
    expect((await request(h, '/api/v1/devices', { headers: { ...auth, host: 'noc.example:8443' } })).status).toBe(200);
    expect((await request(h, '/api/v1/devices', { headers: { ...auth, host: `noc.example:${h.port}` } })).status).toBe(421);
  });
});

describe('the browser session', () => {
  it('the login secret of the printed URL gives an HttpOnly session that works on HTTP and WebSocket, until sign-out', async () => {
    const { host: h, loginSecret } = await host();
    expect(h.signInUrl).toBe(`${h.url}/#token=${loginSecret}`);
    expect(loginSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = await signIn(h, loginSecret);
    const own = { cookie, origin: h.url, 'sec-fetch-site': 'same-origin' };
    expect(json(await request(h, '/api/v1/devices', { headers: own }))).toMatchObject({ ok: true });
    const c = wsClient(wsUrl(h), own);
    expect(await c.next('hello')).toMatchObject({ authenticated: true });
    c.send({ type: 'call', id: 1, name: 'settings.get', input: {} });
    expect(await c.next('result')).toMatchObject({ result: { ok: true } });

    const out = await request(h, '/api/v1/session', { method: 'DELETE', headers: own });
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    expect(await c.closed).toBe(WS_CLOSE_SIGN_IN);
    expect((await request(h, '/api/v1/devices', { headers: own })).status).toBe(401);
  });

  it('an API token in the URL fragment signs a browser in too', async () => {
    const { host: h, token } = await host();
    const cookie = await signIn(h, token);
    expect((await request(h, '/api/v1/devices', { headers: { cookie, origin: h.url } })).status).toBe(200);
  });
});

describe('token lifecycle', () => {
  it('lists, creates (value once) and revokes tokens through the contract; a revoked token is refused on HTTP and WebSocket at once', async () => {
    const { host: h, engine } = await host({ wsLimits: { recheckMs: 100 } });
    const created = await engine.api.call('tokens.create', { name: 'script' });
    if (!created.ok) throw new Error(created.error.message);
    const t = created.data.token;
    const listed = await engine.api.call('tokens.list', {});
    expect(listed).toMatchObject({ ok: true, data: [{ name: 'test' }, { name: 'script', id: created.data.info.id }] });
    expect(JSON.stringify(listed)).not.toContain(t);
    expect((await engine.api.call('tokens.create', { name: 'script' })).ok).toBe(false);

    const bearer = { authorization: `Bearer ${t}` };
    expect((await request(h, '/api/v1/devices', { headers: bearer })).status).toBe(200);
    const used = await engine.api.call('tokens.list', {});
    expect(used.ok && used.data.find((x) => x.name === 'script')?.lastUsedAt).toEqual(expect.any(Number));

    const byHeader = wsClient(wsUrl(h), bearer);
    expect(await byHeader.next('hello')).toMatchObject({ authenticated: true });
    const inBand = wsClient(wsUrl(h));
    await inBand.next('hello');
    inBand.send({ type: 'auth', token: t });
    expect(await inBand.next('auth-result')).toMatchObject({ ok: true });
    const cookie = await signIn(h, t);

    expect(await engine.api.call('tokens.revoke', { id: 'script' })).toMatchObject({ ok: true, data: { id: created.data.info.id } });
    expect((await request(h, '/api/v1/devices', { headers: bearer })).status).toBe(401);
    expect((await request(h, '/api/v1/devices', { headers: { cookie, origin: h.url } })).status).toBe(401);
    byHeader.send({ type: 'call', id: 1, name: 'devices.list', input: {} });
    expect(await byHeader.next('result')).toMatchObject({ result: { ok: false, error: { code: 'unauthorized' } } });
    expect(await byHeader.closed).toBe(WS_CLOSE_SIGN_IN);
    // A connection that makes no call is closed by the periodic check.
    expect(await inBand.closed).toBe(WS_CLOSE_SIGN_IN);
    expect(await engine.api.call('tokens.revoke', { id: 'script' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('limits', () => {
  it('refuses WebSocket connections past the limit, not signed in ones first, with a clear error', async () => {
    const { host: h, token } = await host({ wsLimits: { connections: 4, unauthenticated: 2 } });
    const anon = [wsClient(wsUrl(h)), wsClient(wsUrl(h))];
    for (const a of anon) await a.next('hello');
    expect(await wsClient(wsUrl(h)).refused).toBe(503);
    const bearer = { authorization: `Bearer ${token}` };
    const signed = [wsClient(wsUrl(h), bearer), wsClient(wsUrl(h), bearer)];
    for (const s of signed) expect(await s.next('hello')).toMatchObject({ authenticated: true });
    expect(await wsClient(wsUrl(h), bearer).refused).toBe(503);
    anon[0]!.ws.close();
    await anon[0]!.closed;
    const again = wsClient(wsUrl(h), bearer);
    expect(await again.next('hello')).toMatchObject({ authenticated: true });
    for (const c of [...anon, ...signed, again]) c.ws.close();
  });

  it('closes a connection that does not sign in in time', async () => {
    const { host: h } = await host({ wsLimits: { signInMs: 100 } });
    const c = wsClient(wsUrl(h));
    await c.next('hello');
    expect(await c.closed).toBe(WS_CLOSE_SIGN_IN);
  });

  it('answers calls past the in-flight limit at once with an error, and every call gets an answer', async () => {
    // A Zabbix server that never answers until the test lets it: the calls stay in flight.
    const held: (() => void)[] = [];
    const fetch = (() => new Promise<Response>((resolve) => held.push(() => resolve(Response.json({ jsonrpc: '2.0', result: '6.0.14', id: 1 }))))) as typeof globalThis.fetch;
    const { host: h, token } = await host({ wsLimits: { inFlight: 8 } }, { zabbix: { fetch } });
    const c = wsClient(wsUrl(h), { authorization: `Bearer ${token}` });
    await c.next('hello');
    const n = 50;
    for (let i = 0; i < n; i++) c.send({ type: 'call', id: i, name: 'zabbix.testConnection', input: { url: 'http://127.0.0.1:9/zabbix' } });
    const refused = [];
    for (let i = 0; i < n - 8; i++) refused.push(await c.next('result'));
    expect(refused.map((a) => a.result)).toEqual(Array(n - 8).fill({ ok: false, error: { code: 'unavailable', message: 'Too many calls in flight on this connection (8 at most): wait for answers before sending more.' } }));
    await until(() => held.length === 8, 3000, 'eight calls at the Zabbix server');
    for (const release of held.splice(0)) release();
    const answered = [];
    for (let i = 0; i < 8; i++) answered.push(await c.next('result'));
    expect(new Set([...refused, ...answered].map((a) => a.id)).size).toBe(n);
    // Answered calls free their places.
    c.send({ type: 'call', id: 100, name: 'settings.get', input: {} });
    expect(await c.next('result')).toMatchObject({ id: 100, result: { ok: true } });
    c.ws.close();
  });
});
