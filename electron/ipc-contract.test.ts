import { describe, expect, it } from 'vitest';
import type { CallContext } from '../main/api/dispatcher.ts';
import type { EngineEvent } from '../main/api/events.ts';
import type { Result } from '../main/api/result.ts';
import { IPC_CALL, IPC_CANCEL, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../main/api/wire.ts';
import { createEventBus } from '../main/lib/event-bus.ts';
import { silentLogger } from '../main/lib/logger.ts';
import { APP_INDEX_URL } from './app-origin.ts';
import { type IpcEventLike, type IpcMainLike, serveContract } from './ipc-contract.ts';

/** An ipcMain double: keeps the handler and listeners; the test plays the page (or a foreign frame). */
function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  const listeners = new Map<string, ((event: IpcEventLike, ...args: unknown[]) => void)[]>();
  const ipc: IpcMainLike = {
    handle: (channel, fn) => void handlers.set(channel, fn),
    on: (channel, fn) => void listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
    removeHandler: (channel) => void handlers.delete(channel),
    removeAllListeners: (channel) => void listeners.delete(channel),
  };
  const page: IpcEventLike = { senderFrame: { url: APP_INDEX_URL, parent: null } };
  const iframe: IpcEventLike = { senderFrame: { url: APP_INDEX_URL, parent: {} } };
  return {
    ipc,
    invoke: (from: IpcEventLike, ...args: unknown[]) => handlers.get(IPC_CALL)!(from, ...args) as Promise<Result<unknown>>,
    send: (from: IpcEventLike, channel: string, msg: unknown) => listeners.get(channel)?.forEach((fn) => fn(from, msg)),
    channels: () => [...handlers.keys(), ...listeners.keys()],
    page,
    iframe,
  };
}

/** An api double whose calls wait until their signal aborts (or the test answers them). */
function slowApi() {
  const calls: { name: unknown; ctx: CallContext; finish(r: Result<unknown>): void }[] = [];
  return {
    calls,
    api: {
      callUnknown: (name: unknown, _input: unknown, ctx: CallContext) =>
        new Promise<Result<unknown>>((finish) => {
          calls.push({ name, ctx, finish });
          ctx.signal?.addEventListener('abort', () => finish({ ok: false, error: { code: 'cancelled', message: `${String(name)} was cancelled` } }));
        }),
    },
  };
}

function window() {
  const sent: { channel: string; message: unknown }[] = [];
  return { sent, win: { isDestroyed: () => false, webContents: { getURL: () => APP_INDEX_URL, send: (channel: string, message: unknown) => void sent.push({ channel, message }) } } };
}

const deps = (api: ReturnType<typeof slowApi>['api'], events = createEventBus(silentLogger())) => ({ api, events, logger: silentLogger(), devServerUrl: undefined, isAppUrl: (url: string) => url.startsWith('app://wardflux/') });

describe('IPC adapter', () => {
  it('cancels a call the page sent with an id: its signal fires and the call answers cancelled', async () => {
    const fake = fakeIpcMain();
    const slow = slowApi();
    serveContract(fake.ipc, deps(slow.api), () => undefined);
    const answer = fake.invoke(fake.page, 'sync.testConnection', {}, 7);
    expect(slow.calls[0]!.ctx).toMatchObject({ transport: 'ipc' });
    const signal = slow.calls[0]!.ctx.signal!;
    // A foreign frame cannot cancel it, nor an unknown id.
    fake.send(fake.iframe, IPC_CANCEL, { id: 7 });
    fake.send(fake.page, IPC_CANCEL, { id: 8 });
    expect(signal.aborted).toBe(false);
    fake.send(fake.page, IPC_CANCEL, { id: 7 });
    expect(signal.aborted).toBe(true);
    expect(await answer).toEqual({ ok: false, error: { code: 'cancelled', message: 'sync.testConnection was cancelled' } });
    // The id is free again once answered: a later call with it is cancellable on its own.
    const again = fake.invoke(fake.page, 'health', {}, 7);
    expect(slow.calls[1]!.ctx.signal!.aborted).toBe(false);
    slow.calls[1]!.finish({ ok: true, data: {} });
    expect(await again).toEqual({ ok: true, data: {} });
  });

  it('refuses calls from a foreign frame; removing the adapter aborts the calls in flight and frees its channels', async () => {
    const fake = fakeIpcMain();
    const slow = slowApi();
    const stop = serveContract(fake.ipc, deps(slow.api), () => undefined);
    expect(await fake.invoke(fake.iframe, 'health', {}, 1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(slow.calls).toHaveLength(0);
    const pending = fake.invoke(fake.page, 'health', {}, 2);
    const uncancellable = fake.invoke(fake.page, 'health', {}); // no id: no signal
    expect(slow.calls[1]!.ctx.signal).toBeUndefined();
    stop();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(fake.channels()).toEqual([]);
    slow.calls[1]!.finish({ ok: true, data: {} });
    await uncancellable;
  });

  it("sends the page only its subscriptions' events, narrowed by their filters, until it unsubscribes", () => {
    const fake = fakeIpcMain();
    const events = createEventBus(silentLogger());
    const { win, sent } = window();
    serveContract(fake.ipc, deps(slowApi().api, events), () => win);
    fake.send(fake.page, IPC_SUBSCRIBE, { sid: 3, topic: 'metrics.samples', filter: { seriesIds: [2] } });
    fake.send(fake.iframe, IPC_SUBSCRIBE, { sid: 4, topic: 'metrics.samples' }); // foreign frame: ignored
    fake.send(fake.page, IPC_SUBSCRIBE, { sid: 5, topic: 'metrics.samples', filter: { seriesIds: ['x'] } }); // bad filter: ignored
    const s = (seriesId: number) => ({ seriesId, name: 'cpu_util_pct', labels: { device: 'd' }, ts: 1, value: seriesId });
    events.emit('metrics.samples', { samples: [s(1), s(2)] });
    events.emit('metrics.samples', { samples: [s(1)] });
    expect(sent).toEqual([{ channel: IPC_EVENT, message: { sid: 3, event: { name: 'metrics.samples', payload: { samples: [s(2)] } } satisfies EngineEvent } }]);
    fake.send(fake.page, IPC_UNSUBSCRIBE, { sid: 3 });
    events.emit('metrics.samples', { samples: [s(2)] });
    expect(sent).toHaveLength(1);
  });
});
