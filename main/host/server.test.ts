import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { testEngine } from '../../test/support/engine.ts';
import { testHost } from '../../test/support/host.ts';
import { wsClient } from '../../test/support/ws-client.ts';
import { LATEST_SCHEMA_VERSION } from '../store/database.ts';
import { WS_PATH } from '../api/wire.ts';
import { type RunningHost, startHost } from './server.ts';

const later = cleanupAfterEach();

const host = (options: { host?: string } = {}) => testHost(later, { host: options });

async function api(h: RunningHost, path: string, init: RequestInit & { token?: string } = {}) {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body) headers['content-type'] = 'application/json';
  const res = await fetch(h.url + path, { ...init, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { data?: unknown; error?: { code: string; message: string } } };
}

describe('headless host HTTP API', () => {
  it('answers health without a token with its status only, and in full with one', async () => {
    const { host: h, token } = await host();
    expect(await api(h, '/api/v1/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const r = await api(h, '/api/v1/health', { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', version: expect.any(String), database: { status: 'ok', schemaVersion: LATEST_SCHEMA_VERSION }, uptimeSec: expect.any(Number), icmp: { method: expect.stringMatching(/^(raw|dgram|system-ping)$/), detail: expect.any(String) } });
  });

  it('requires a valid bearer token for everything else', async () => {
    const { host: h } = await host();
    expect((await api(h, '/api/v1/devices')).status).toBe(401);
    const wrong = await api(h, '/api/v1/devices', { token: 'wf_not-a-real-token' });
    expect(wrong).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthorized', message: expect.stringContaining('not valid') } } });
  });

  it('creates, reads, updates and deletes devices, with contract errors as HTTP statuses', async () => {
    const { host: h, token } = await host();
    const created = await api(h, '/api/v1/devices', { method: 'POST', token, body: JSON.stringify({ name: 'edge', address: '198.18.0.7', tags: ['wan'] }) });
    expect(created).toMatchObject({ status: 201, body: { ok: true, data: { name: 'edge', tags: ['wan'] } } });
    const id = (created.body.data as { id: string }).id;
    expect(await api(h, `/api/v1/devices/${id}`, { token })).toMatchObject({ status: 200, body: { data: { id } } });
    expect(await api(h, `/api/v1/devices/${id}`, { method: 'PATCH', token, body: JSON.stringify({ notes: 'rack 2' }) })).toMatchObject({ status: 200, body: { data: { notes: 'rack 2' } } });
    expect(await api(h, '/api/v1/devices?limit=1&enabled=true', { token })).toMatchObject({ status: 200, body: { data: { total: 1 } } });

    const dup = await api(h, '/api/v1/devices', { method: 'POST', token, body: JSON.stringify({ name: 'EDGE', address: '198.18.0.8' }) });
    expect(dup).toMatchObject({ status: 409, body: { ok: false, error: { code: 'conflict' } } });
    const invalid = await api(h, '/api/v1/devices', { method: 'POST', token, body: JSON.stringify({ name: '', address: 'x y' }) });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'validation', issues: [{ path: 'name' }, { path: 'address' }] } } });
    const malformed = await api(h, '/api/v1/devices', { method: 'POST', token, body: '{"name": "x",' });
    expect(malformed).toMatchObject({ status: 400, body: { ok: false, error: { code: 'validation', message: expect.stringContaining('Malformed request body') } } });
    expect(await api(h, '/api/v1/devices/not-an-id', { token })).toMatchObject({ status: 400 });

    expect(await api(h, `/api/v1/devices/${id}`, { method: 'DELETE', token })).toMatchObject({ status: 200, body: { data: { id } } });
    expect(await api(h, `/api/v1/devices/${id}`, { token })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await api(h, '/api/v1/nothing-here', { token })).toMatchObject({ status: 404, body: { ok: false } });
  });

  it('serves credentials as metadata only, and every procedure through /rpc', async () => {
    const { host: h, token } = await host();
    const c = await api(h, '/api/v1/credentials', { method: 'POST', token, body: JSON.stringify({ name: 'ro', version: '2c', community: 'hush-hush' }) });
    expect(c.status).toBe(201);
    const list = await api(h, '/api/v1/credentials', { token });
    expect(JSON.stringify(list.body)).not.toContain('hush-hush');
    expect(await api(h, '/api/v1/rpc/settings.get', { method: 'POST', token, body: '{}' })).toMatchObject({ status: 200, body: { data: { monitoringMode: 'standalone' } } });
    expect(await api(h, '/api/v1/rpc/no.such', { method: 'POST', token, body: '{}' })).toMatchObject({ status: 404 });
  });

  it('refuses to listen beyond loopback without an API token, and allows it with one', async () => {
    const engine = later(await testEngine());
    await expect(startHost({ engine, host: '0.0.0.0', port: 0 })).rejects.toThrowError(/Refusing to listen on 0.0.0.0 without an API token/);
    engine.tokens.create('remote');
    const h = later(await startHost({ engine, host: '0.0.0.0', port: 0 }));
    expect(h.url).toBe(`http://127.0.0.1:${h.port}`);
    expect((await api(h, '/api/v1/devices')).status).toBe(401);
  });
});

describe('headless host WebSocket contract', () => {
  it('answers calls and pushes live events once signed in with a token', async () => {
    const { host: h, token } = await host();
    const c = wsClient(h.url.replace('http', 'ws') + WS_PATH, { authorization: `Bearer ${token}` });
    expect(await c.next('hello')).toMatchObject({ authenticated: true });
    // Events come by subscription only (a connection that subscribed to nothing gets none).
    c.send({ type: 'subscribe', sid: 1, topic: 'device.created' });
    c.send({ type: 'call', id: 1, name: 'devices.create', input: { name: 'ws-dev', address: '198.18.0.9' } });
    expect(await c.next('result')).toMatchObject({ id: 1, result: { ok: true, data: { name: 'ws-dev' } } });
    expect(await c.next('event')).toMatchObject({ sid: 1, event: { name: 'device.created', payload: { name: 'ws-dev' } } });
    c.send({ type: 'call', id: 2, name: 'devices.create', input: { name: '' } });
    expect(await c.next('result')).toMatchObject({ id: 2, result: { ok: false, error: { code: 'validation' } } });
    c.ws.close();
  });

  it('closes on malformed messages', async () => {
    const { host: h } = await host();
    const bad = wsClient(h.url.replace('http', 'ws') + WS_PATH);
    await bad.next('hello');
    bad.ws.send('{not json');
    expect(await bad.closed).toBe(1003);
  });

  for (const bind of ['127.0.0.1', '0.0.0.0']) {
    it(`needs a token before any call, on a ${bind} bind`, async () => {
      const { host: h, token } = await host({ host: bind });
      const c = wsClient(`ws://127.0.0.1:${h.port}${WS_PATH}`);
      expect(await c.next('hello')).toMatchObject({ authenticated: false });
      c.send({ type: 'call', id: 1, name: 'devices.list', input: {} });
      expect(await c.next('result')).toMatchObject({ result: { ok: false, error: { code: 'unauthorized' } } });
      c.send({ type: 'auth', token: 'wf_wrong' });
      expect(await c.next('auth-result')).toMatchObject({ ok: false });
      c.send({ type: 'auth', token });
      expect(await c.next('auth-result')).toMatchObject({ ok: true });
      c.send({ type: 'call', id: 2, name: 'devices.list', input: {} });
      expect(await c.next('result')).toMatchObject({ id: 2, result: { ok: true } });
      c.ws.close();
    });
  }
});
