import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../main/api/wire.ts';
import type { ConnectionState } from './ward-client.ts';
import { createWsClient } from './ws-client.ts';

/** A WebSocket double: records what the client sends, lets the test play the server. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: ClientMessage[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeSocket.all.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(message: ServerMessage): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006): void {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code });
  }
}

/** A session exchange double: accepts one secret, records what it was asked. */
function fakeSession(good = 'wf_good') {
  const calls: string[] = [];
  return {
    calls,
    signIn: (token: string) => {
      calls.push(`in:${token}`);
      return Promise.resolve(token === good ? { ok: true } : { ok: false, message: 'That sign-in link or token is not valid' });
    },
    signOut: () => {
      calls.push('out');
      return Promise.resolve();
    },
  };
}

const last = (): FakeSocket => FakeSocket.all.at(-1)!;

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', { addEventListener: () => {} });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('WebSocket client', () => {
  it('holds calls until the hello, then sends them and resolves with the result', async () => {
    const client = createWsClient('ws://host:1/api/v1/ws', { session: fakeSession() });
    const pending = client.call('health', {});
    last().open();
    expect(last().sent).toEqual([]);
    last().receive({ type: 'hello', version: '1', authenticated: true });
    expect(client.connection().status).toBe('ready');
    const call = last().sent[0];
    expect(call).toMatchObject({ type: 'call', name: 'health' });
    last().receive({ type: 'result', id: (call as { id: number }).id, result: { ok: true, data: { devices: 3 } } });
    await expect(pending).resolves.toEqual({ ok: true, data: { devices: 3 } });
  });

  it('fails calls in flight with unavailable when the socket drops, then reconnects', async () => {
    const client = createWsClient('ws://host:1/api/v1/ws', { session: fakeSession() });
    const states: ConnectionState['status'][] = [];
    client.onConnection((s) => states.push(s.status));
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    const pending = client.call('devices.list', {});
    last().drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(client.connection().status).toBe('disconnected');
    expect(client.connection().message).toMatch(/lost/);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.all).toHaveLength(2);
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    expect(states).toEqual(['connecting', 'ready', 'disconnected', 'connecting', 'ready']);
  });

  it('says the engine cannot be reached when the first connection fails', async () => {
    const client = createWsClient('ws://host:1/api/v1/ws', { session: fakeSession() });
    const pending = client.call('health', {});
    last().drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'unavailable', message: 'Cannot reach the WARD FLUX engine at host:1.' } });
  });

  it('asks to sign in when the connection is not signed in, exchanges the secret over HTTP and reconnects with the cookie', async () => {
    const session = fakeSession();
    const client = createWsClient('ws://host:1/api/v1/ws', { session });
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: false });
    expect(client.connection().status).toBe('auth-required');
    expect(last().readyState).toBe(FakeSocket.CLOSED);
    await expect(client.call('health', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    await expect(client.signIn('wrong')).resolves.toEqual({ ok: false, message: 'That sign-in link or token is not valid' });
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: false });
    expect(client.connection()).toMatchObject({ status: 'auth-required', message: 'That sign-in link or token is not valid' });

    const good = client.signIn(' wf_good ');
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    await expect(good).resolves.toEqual({ ok: true });
    expect(client.connection().status).toBe('ready');
    expect(session.calls).toEqual(['in:wrong', 'in:wf_good']);
    // The secret never travels on the WebSocket: the browser's cookie signs the connection in.
    expect(FakeSocket.all.flatMap((s) => s.sent)).toEqual([]);
  });

  it('exchanges the login secret of the page URL before the first connection', async () => {
    const session = fakeSession('login-secret');
    const client = createWsClient('ws://host:1/api/v1/ws', { session, initialToken: 'login-secret' });
    expect(FakeSocket.all).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    expect(client.connection().status).toBe('ready');
    expect(session.calls).toEqual(['in:login-secret']);
  });

  it('shows sign-in, without reconnecting, when the host ends the session', async () => {
    const client = createWsClient('ws://host:1/api/v1/ws', { session: fakeSession() });
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    const pending = client.call('devices.list', {});
    last().drop(4401);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(client.connection()).toMatchObject({ status: 'auth-required', message: expect.stringMatching(/sign in again/) });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('signs out through the session exchange and comes back to sign-in', async () => {
    const session = fakeSession();
    const client = createWsClient('ws://host:1/api/v1/ws', { session });
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    client.signOut();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.calls).toEqual(['out']);
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: false });
    expect(client.connection().status).toBe('auth-required');
  });

  it('delivers events to the listeners of that event only', () => {
    const client = createWsClient('ws://host:1/api/v1/ws', { session: fakeSession() });
    const deleted = vi.fn();
    const created = vi.fn();
    client.on('device.deleted', deleted);
    const stop = client.on('device.created', created);
    stop();
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    // Only the topic still listened to was subscribed, once the connection was ready.
    expect(last().sent).toEqual([{ type: 'subscribe', sid: 1, topic: 'device.deleted' }]);
    last().receive({ type: 'event', sid: 1, event: { name: 'device.deleted', payload: { id: 'x' } } });
    expect(deleted).toHaveBeenCalledWith({ id: 'x' });
    expect(created).not.toHaveBeenCalled();
  });

  it('subscribes per topic and filter: the first listener subscribes, the last one unsubscribes; again after a reconnect', () => {
    const client = createWsClient('ws://host:1/api/v1/ws', { session: fakeSession() });
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    const a = vi.fn();
    const b = vi.fn();
    const other = vi.fn();
    const stopA = client.on('metrics.samples', a, { seriesIds: [3, 1] });
    const stopB = client.on('metrics.samples', b, { seriesIds: [1, 3] }); // same filter: shares the subscription
    client.on('metrics.samples', other, { seriesIds: [7] });
    expect(last().sent).toEqual([
      { type: 'subscribe', sid: 1, topic: 'metrics.samples', filter: { seriesIds: [3, 1] } },
      { type: 'subscribe', sid: 2, topic: 'metrics.samples', filter: { seriesIds: [7] } },
    ]);
    const samples = { samples: [{ seriesId: 1, name: 'cpu', labels: {}, ts: 1, value: 2 }] };
    last().receive({ type: 'event', sid: 1, event: { name: 'metrics.samples', payload: samples } });
    expect(a).toHaveBeenCalledWith(samples);
    expect(b).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
    stopA();
    expect(last().sent).toHaveLength(2);
    stopB();
    expect(last().sent.at(-1)).toEqual({ type: 'unsubscribe', sid: 1 });
    // A new connection is told the subscriptions still open.
    last().drop();
    vi.advanceTimersByTime(20_000);
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    expect(last().sent).toEqual([{ type: 'subscribe', sid: 2, topic: 'metrics.samples', filter: { seriesIds: [7] } }]);
  });

  it('cancels a call when its signal aborts: `cancel {id}` to the engine, whose answer settles it; a call still waiting is dropped unsent', async () => {
    const client = createWsClient('ws://host:1/api/v1/ws', { session: fakeSession() });
    // Aborted while the connection opens: never sent, settled `cancelled`.
    const early = new AbortController();
    const waiting = client.call('health', {}, { signal: early.signal });
    early.abort();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    last().open();
    last().receive({ type: 'hello', version: '1', authenticated: true });
    expect(last().sent).toEqual([]);

    const ac = new AbortController();
    const pending = client.call('sync.testConnection', {}, { signal: ac.signal });
    const id = (last().sent[0] as { id: number }).id;
    ac.abort();
    expect(last().sent[1]).toEqual({ type: 'cancel', id });
    last().receive({ type: 'result', id, result: { ok: false, error: { code: 'cancelled', message: 'sync.testConnection was cancelled' } } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    // Answered first, aborted after: nothing more is sent.
    const done = new AbortController();
    const quick = client.call('health', {}, { signal: done.signal });
    const quickId = (last().sent[2] as { id: number }).id;
    last().receive({ type: 'result', id: quickId, result: { ok: true, data: {} } });
    expect(await quick).toMatchObject({ ok: true });
    done.abort();
    expect(last().sent).toHaveLength(3);
    // Already aborted: not sent at all.
    expect(await client.call('health', {}, { signal: AbortSignal.abort() })).toMatchObject({ error: { code: 'cancelled' } });
    expect(last().sent).toHaveLength(3);
  });
});
