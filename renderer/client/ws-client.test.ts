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
  onclose: (() => void) | null = null;
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
  drop(): void {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.();
  }
}

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
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
    const client = createWsClient('ws://host:1/api/v1/ws', memoryStorage());
    const pending = client.call('health', {});
    last().open();
    expect(last().sent).toEqual([]);
    last().receive({ type: 'hello', version: '1', authRequired: false });
    expect(client.connection().status).toBe('ready');
    const call = last().sent[0];
    expect(call).toMatchObject({ type: 'call', name: 'health' });
    last().receive({ type: 'result', id: (call as { id: number }).id, result: { ok: true, data: { devices: 3 } } });
    await expect(pending).resolves.toEqual({ ok: true, data: { devices: 3 } });
  });

  it('fails calls in flight with unavailable when the socket drops, then reconnects', async () => {
    const client = createWsClient('ws://host:1/api/v1/ws', memoryStorage());
    const states: ConnectionState['status'][] = [];
    client.onConnection((s) => states.push(s.status));
    last().open();
    last().receive({ type: 'hello', version: '1', authRequired: false });
    const pending = client.call('devices.list', {});
    last().drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(client.connection().status).toBe('disconnected');
    expect(client.connection().message).toMatch(/lost/);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.all).toHaveLength(2);
    last().open();
    last().receive({ type: 'hello', version: '1', authRequired: false });
    expect(states).toEqual(['connecting', 'ready', 'disconnected', 'connecting', 'ready']);
  });

  it('says the engine cannot be reached when the first connection fails', async () => {
    const client = createWsClient('ws://host:1/api/v1/ws', memoryStorage());
    const pending = client.call('health', {});
    last().drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'unavailable', message: 'Cannot reach the WARD FLUX engine at host:1.' } });
  });

  it('asks for a token when the host requires one, and keeps an accepted token for the reconnect', async () => {
    const storage = memoryStorage();
    const client = createWsClient('ws://host:1/api/v1/ws', storage);
    last().open();
    last().receive({ type: 'hello', version: '1', authRequired: true });
    expect(client.connection().status).toBe('auth-required');
    await expect(client.call('health', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const bad = client.signIn('wrong');
    expect(last().sent.at(-1)).toEqual({ type: 'auth', token: 'wrong' });
    last().receive({ type: 'auth-result', ok: false, message: 'The API token is not valid' });
    await expect(bad).resolves.toEqual({ ok: false, message: 'The API token is not valid' });
    expect(storage.getItem('wardflux.token')).toBeNull();

    const good = client.signIn(' wf_good ');
    last().receive({ type: 'auth-result', ok: true });
    await expect(good).resolves.toEqual({ ok: true });
    expect(client.connection().status).toBe('ready');

    last().drop();
    await vi.advanceTimersByTimeAsync(10_000);
    last().open();
    last().receive({ type: 'hello', version: '1', authRequired: true });
    expect(last().sent).toEqual([{ type: 'auth', token: 'wf_good' }]);
  });

  it('delivers events to the listeners of that event only', () => {
    const client = createWsClient('ws://host:1/api/v1/ws', memoryStorage());
    const deleted = vi.fn();
    const created = vi.fn();
    client.on('device.deleted', deleted);
    const stop = client.on('device.created', created);
    stop();
    last().open();
    last().receive({ type: 'hello', version: '1', authRequired: false });
    last().receive({ type: 'event', event: { name: 'device.deleted', payload: { id: 'x' } } });
    expect(deleted).toHaveBeenCalledWith({ id: 'x' });
    expect(created).not.toHaveBeenCalled();
  });
});
