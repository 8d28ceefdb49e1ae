/**
 * The contract over Electron IPC, without importing electron (so it can be unit-tested with a fake
 * ipcMain): calls (validated by the engine, like every transport) that the page may cancel, and
 * the page's subscriptions by topic and filter (its events only, tagged with its subscription id).
 * Every message is accepted only from the top frame of the app's own page.
 */
import type { Api } from '../main/api/dispatcher.ts';
import { eventNames, type EventName } from '../main/api/events.ts';
import type { Result } from '../main/api/result.ts';
import { IPC_CALL, IPC_CANCEL, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../main/api/wire.ts';
import type { EventBus } from '../main/lib/event-bus.ts';
import { EventFilter } from '../main/lib/event-filter.ts';
import type { Logger } from '../main/lib/logger.ts';
import { isTrustedSenderFrame, type SenderFrame } from './app-origin.ts';

const TOPICS = new Set<string>(eventNames);
/** Subscriptions the page may hold at once. */
const MAX_SUBSCRIPTIONS = 256;

/** The part of an IPC event this adapter reads. */
export interface IpcEventLike {
  readonly senderFrame: SenderFrame | null | undefined;
}

/** The part of Electron's ipcMain this adapter uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void;
  removeHandler(channel: string): void;
  removeAllListeners(channel: string): void;
}

/** The part of the BrowserWindow events are sent to. */
export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: { getURL(): string; send(channel: string, message: unknown): void };
}

export interface IpcContractDeps {
  api: Pick<Api, 'callUnknown'>;
  events: Pick<EventBus, 'subscribe'>;
  logger: Pick<Logger, 'warn'>;
  /** The dev server's URL under `electron-vite dev` (its page is trusted then), else undefined. */
  devServerUrl: string | undefined;
  /** True when the window still shows the app's own page (events go nowhere else). */
  isAppUrl(url: string): boolean;
}

/** Serves the contract on `ipc`; returns the function that removes it (and cancels the calls in flight). */
export function serveContract(ipc: IpcMainLike, deps: IpcContractDeps, getWindow: () => WindowLike | undefined): () => void {
  // Only the top frame of our own page (app://wardflux, or the dev server in dev): not an iframe, not file://,
  // not a page navigated elsewhere.
  const fromAppPage = (event: IpcEventLike): boolean => isTrustedSenderFrame(event.senderFrame, deps.devServerUrl);

  /** Calls in flight that the page gave an id: IPC_CANCEL `{ id }` aborts one. */
  const calls = new Map<number, AbortController>();
  ipc.handle(IPC_CALL, async (event, name: unknown, input: unknown, callId: unknown): Promise<Result<unknown>> => {
    if (!fromAppPage(event)) {
      deps.logger.warn({ url: event.senderFrame?.url, procedure: String(name).slice(0, 80) }, 'IPC call from a foreign frame refused');
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the WARD FLUX window.' } };
    }
    // An id already in flight (a reloaded page counting from 1 again) leaves this call uncancellable.
    if (!Number.isSafeInteger(callId) || calls.has(callId as number)) return deps.api.callUnknown(name, input, { transport: 'ipc' });
    const id = callId as number;
    const controller = new AbortController();
    calls.set(id, controller);
    try {
      return await deps.api.callUnknown(name, input, { transport: 'ipc', signal: controller.signal });
    } finally {
      if (calls.get(id) === controller) calls.delete(id);
    }
  });
  ipc.on(IPC_CANCEL, (event, msg: unknown) => {
    const id = (msg as { id?: unknown } | null)?.id;
    if (!fromAppPage(event) || typeof id !== 'number') return;
    calls.get(id)?.abort();
  });

  const subscriptions = new Map<number, () => void>();
  ipc.on(IPC_SUBSCRIBE, (event, raw: unknown) => {
    const msg = raw as { sid?: unknown; topic?: unknown; filter?: unknown } | null;
    if (!fromAppPage(event) || !msg || !Number.isSafeInteger(msg.sid) || typeof msg.topic !== 'string' || !TOPICS.has(msg.topic)) return;
    const sid = msg.sid as number;
    const filter = msg.filter === undefined ? undefined : EventFilter.safeParse(msg.filter);
    if ((filter && !filter.success) || subscriptions.has(sid) || subscriptions.size >= MAX_SUBSCRIPTIONS) return;
    const off = deps.events.subscribe(
      [msg.topic as EventName],
      (engineEvent) => {
        const win = getWindow();
        if (win && !win.isDestroyed() && deps.isAppUrl(win.webContents.getURL())) win.webContents.send(IPC_EVENT, { sid, event: engineEvent });
      },
      filter?.data,
    );
    subscriptions.set(sid, off);
  });
  ipc.on(IPC_UNSUBSCRIBE, (event, raw: unknown) => {
    const msg = raw as { sid?: unknown } | null;
    if (!fromAppPage(event) || !msg || typeof msg.sid !== 'number') return;
    subscriptions.get(msg.sid)?.();
    subscriptions.delete(msg.sid);
  });

  return () => {
    ipc.removeHandler(IPC_CALL);
    ipc.removeAllListeners(IPC_CANCEL);
    ipc.removeAllListeners(IPC_SUBSCRIBE);
    ipc.removeAllListeners(IPC_UNSUBSCRIBE);
    for (const c of calls.values()) c.abort();
    calls.clear();
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
  };
}
