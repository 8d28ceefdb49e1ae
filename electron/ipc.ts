import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { eventNames, type EventName } from '../main/api/events.ts';
import { IPC_CALL, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../main/api/wire.ts';
import { EventFilter } from '../main/lib/event-filter.ts';
import type { Result } from '../main/api/result.ts';
import type { Engine } from '../main/engine.ts';
import { isTrustedSenderFrame } from './app-origin.ts';
import { devServerUrl, isAppUrl } from './app-paths.ts';

const TOPICS = new Set<string>(eventNames);
/** Subscriptions the page may hold at once. */
const MAX_SUBSCRIPTIONS = 256;

function fromAppPage(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  // Only the top frame of our own page (app://wardflux, or the dev server in dev): not an iframe, not file://,
  // not a page navigated elsewhere.
  return isTrustedSenderFrame(event.senderFrame, devServerUrl);
}

/**
 * Serves the contract over IPC: one channel for calls (validated by the engine, like every
 * transport), and the page's subscriptions by topic and filter (its events only, tagged with the
 * page's subscription id). Returns the function that removes them.
 */
export function serveContractOverIpc(engine: Engine, getWindow: () => BrowserWindow | undefined): () => void {
  ipcMain.handle(IPC_CALL, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!fromAppPage(event)) {
      engine.logger.warn({ url: event.senderFrame?.url, procedure: String(name).slice(0, 80) }, 'IPC call from a foreign frame refused');
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the WARD FLUX window.' } };
    }
    return engine.api.callUnknown(name, input, { transport: 'ipc' });
  });

  const subscriptions = new Map<number, () => void>();
  ipcMain.on(IPC_SUBSCRIBE, (event, msg: { sid?: unknown; topic?: unknown; filter?: unknown } | null) => {
    if (!fromAppPage(event) || !msg || !Number.isSafeInteger(msg.sid) || typeof msg.topic !== 'string' || !TOPICS.has(msg.topic)) return;
    const sid = msg.sid as number;
    const filter = msg.filter === undefined ? undefined : EventFilter.safeParse(msg.filter);
    if ((filter && !filter.success) || subscriptions.has(sid) || subscriptions.size >= MAX_SUBSCRIPTIONS) return;
    const off = engine.events.subscribe(
      [msg.topic as EventName],
      (engineEvent) => {
        const win = getWindow();
        if (win && !win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(IPC_EVENT, { sid, event: engineEvent });
      },
      filter?.data,
    );
    subscriptions.set(sid, off);
  });
  ipcMain.on(IPC_UNSUBSCRIBE, (event, msg: { sid?: unknown } | null) => {
    if (!fromAppPage(event) || !msg || typeof msg.sid !== 'number') return;
    subscriptions.get(msg.sid)?.();
    subscriptions.delete(msg.sid);
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL);
    ipcMain.removeAllListeners(IPC_SUBSCRIBE);
    ipcMain.removeAllListeners(IPC_UNSUBSCRIBE);
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
  };
}
