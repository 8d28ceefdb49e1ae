import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { apiEndpoint, createZabbixClient } from './client.ts';
import { until } from '../../../test/support/until.ts';
import { ZabbixAuthError, ZabbixUnavailableError } from './errors.ts';

type Handler = (req: { method: string; body: Record<string, unknown>; headers: Record<string, string> }) => { status?: number; type?: string; body: unknown };

/** A fake fetch that answers like a Zabbix server and records what was asked. */
function fakeFetch(handler: Handler) {
  const calls: { method: string; body: Record<string, unknown>; headers: Record<string, string> }[] = [];
  const f = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    const req = { method: String(body.method), body, headers: init.headers as Record<string, string> };
    calls.push(req);
    const res = handler(req);
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    return new Response(text, { status: res.status ?? 200, headers: { 'content-type': res.type ?? 'application/json' } });
  }) as unknown as typeof fetch;
  return { fetch: f, calls };
}

const ok = (id: unknown, result: unknown) => ({ body: { jsonrpc: '2.0', result, id } });
const fail = (id: unknown, code: number, message: string, data: string) => ({ body: { jsonrpc: '2.0', error: { code, message, data }, id } });

describe('zabbix client', () => {
  it('normalises the URL to the API endpoint', () => {
    expect(apiEndpoint('http://z.example/zabbix')).toBe('http://z.example/zabbix/api_jsonrpc.php');
    expect(apiEndpoint('http://z.example/zabbix/')).toBe('http://z.example/zabbix/api_jsonrpc.php');
    expect(apiEndpoint('http://z.example/api_jsonrpc.php')).toBe('http://z.example/api_jsonrpc.php');
    expect(apiEndpoint('https://z.example')).toBe('https://z.example/api_jsonrpc.php');
  });

  it('asks the version unauthenticated first, then sends the token as 7.x expects', async () => {
    const { fetch, calls } = fakeFetch((r) => (r.method === 'apiinfo.version' ? ok(r.body.id, '7.0.3') : ok(r.body.id, [{ hostid: '1' }])));
    const c = createZabbixClient({ url: 'http://z/', auth: { kind: 'token', token: 'T' }, fetch });
    await c.call('host.get', {});
    expect(calls.map((x) => x.method)).toEqual(['apiinfo.version', 'host.get']);
    expect(calls[0]!.headers.authorization).toBeUndefined();
    expect(calls[1]!.headers.authorization).toBe('Bearer T');
    expect(calls[1]!.body.auth).toBeUndefined();
  });

  it('password mode: logs in, and logs in again once when the session expired', async () => {
    let sessions = 0;
    let valid = '';
    const { fetch, calls } = fakeFetch((r) => {
      if (r.method === 'apiinfo.version') return ok(r.body.id, '6.0.14');
      if (r.method === 'user.login') {
        valid = `s${++sessions}`;
        return ok(r.body.id, valid);
      }
      return r.body.auth === valid ? ok(r.body.id, []) : fail(r.body.id, -32602, 'Invalid params.', 'Session terminated, re-login, please.');
    });
    const c = createZabbixClient({ url: 'http://z/', auth: { kind: 'password', username: 'Admin', password: 'pw' }, fetch });
    await c.call('host.get', {});
    valid = 'killed-by-admin';
    await c.call('host.get', {});
    expect(calls.map((x) => x.method)).toEqual(['apiinfo.version', 'user.login', 'host.get', 'host.get', 'user.login', 'host.get']);
    expect(calls[1]!.body).toMatchObject({ params: { username: 'Admin', password: 'pw' } });
    expect(calls[1]!.body.auth).toBeUndefined();
  });

  it('a revoked token is a ZabbixAuthError saying so, and is not retried', async () => {
    const { fetch, calls } = fakeFetch((r) => (r.method === 'apiinfo.version' ? ok(r.body.id, '6.0.14') : fail(r.body.id, -32602, 'Invalid params.', 'Not authorized.')));
    const c = createZabbixClient({ url: 'http://z/', auth: { kind: 'token', token: 'T' }, fetch });
    const err = await c.call('host.get', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZabbixAuthError);
    expect((err as ZabbixAuthError).reason).toBe('token_invalid');
    expect((err as ZabbixAuthError).code).toBe('unauthorized');
    expect((err as Error).message).not.toContain('T"');
    expect(calls).toHaveLength(2);
  });

  it('wrong password: bad_credentials', async () => {
    const { fetch } = fakeFetch((r) =>
      r.method === 'apiinfo.version' ? ok(r.body.id, '6.0.14') : fail(r.body.id, -32500, 'Application error.', 'Incorrect user name or password or account is temporarily blocked.'),
    );
    const c = createZabbixClient({ url: 'http://z/', auth: { kind: 'password', username: 'Admin', password: 'nope' }, fetch });
    await expect(c.authenticate()).rejects.toMatchObject({ reason: 'bad_credentials', code: 'unauthorized' });
  });

  it('an HTML page is "not a Zabbix API"; a 502 is the frontend failing', async () => {
    const html = fakeFetch(() => ({ type: 'text/html', body: '<!doctype html><title>Welcome to nginx</title>' }));
    const err = await createZabbixClient({ url: 'http://z/', fetch: html.fetch }).version().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZabbixUnavailableError);
    expect((err as ZabbixUnavailableError).kind).toBe('not_zabbix');
    expect((err as Error).message).toMatch(/not a Zabbix API.*HTML/);
    const bad = fakeFetch(() => ({ status: 502, type: 'text/html', body: '<html>Bad Gateway</html>' }));
    await expect(createZabbixClient({ url: 'http://z/', fetch: bad.fetch }).version()).rejects.toMatchObject({ kind: 'http_error', code: 'unavailable' });
  });

  it('an unreachable server and a timeout are typed', async () => {
    // A port that was just free: nothing listens there.
    const srv = net.createServer();
    const port = await new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port)));
    await new Promise((resolve) => srv.close(resolve));
    const c = createZabbixClient({ url: `http://127.0.0.1:${port}/` });
    await expect(c.version()).rejects.toMatchObject({ kind: 'unreachable', message: expect.stringMatching(/connection refused/) as unknown });
    const slow = (async (_u: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)))) as unknown as typeof fetch;
    await expect(createZabbixClient({ url: 'http://z/', fetch: slow, timeoutMs: 50 }).version()).rejects.toMatchObject({ code: 'timeout' });
  });

  it("the caller's signal aborts the request in flight: cancelled, not a timeout; the logout still goes out", async () => {
    const seen: { method: string; signal: AbortSignal | null | undefined }[] = [];
    const controller = new AbortController();
    const fakeFetchFn = (async (_u: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { id: number; method: string };
      seen.push({ method: body.method, signal: init.signal });
      if (init.signal?.aborted) throw init.signal.reason as Error; // as fetch does
      if (body.method === 'host.get') {
        return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)));
      }
      const result = body.method === 'apiinfo.version' ? '6.0.14' : body.method === 'user.login' ? 'sid-1' : true;
      return new Response(JSON.stringify({ jsonrpc: '2.0', result, id: body.id }), { headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const c = createZabbixClient({ url: 'http://z/', auth: { kind: 'password', username: 'Admin', password: 'pw' }, fetch: fakeFetchFn, timeoutMs: 60_000, signal: controller.signal });
    const pending = c.call('host.get', {});
    await until(() => seen.some((s) => s.method === 'host.get'), 2_000, 'host.get sent');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/host\.get .*was cancelled/) as unknown });
    await expect(c.version()).resolves.toMatchObject({ text: '6.0.14' }); // asked once, remembered
    await expect(c.call('host.get', {})).rejects.toMatchObject({ code: 'cancelled' });
    await c.close();
    const logout = seen.find((s) => s.method === 'user.logout');
    expect(logout?.signal?.aborted).toBe(false);
  });
});
