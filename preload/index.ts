/**
 * The bridge between the sandboxed page and the engine: one frozen object with `invoke`, `cancel` and `on`,
 * limited to the contract's procedure and event names. ipcRenderer itself is never exposed, and
 * callbacks never see the IPC event (which would hand the page `sender`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, procedureNames, type EngineEvent, type EventName, type Result } from '../main/api/contract.ts';
import { IPC_CALL, IPC_CANCEL, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE, type WireEventFilter } from '../main/api/wire.ts';
import type { WardfluxBridge } from './api-types.d.ts';

const procedures = new Set<string>(procedureNames);
const eventSet = new Set<string>(eventNames);
/** One subscription with the engine per on() call: its id → the topic and the page's callback. */
const listeners = new Map<number, { topic: EventName; cb: (payload: unknown) => void }>();
let nextSid = 1;

ipcRenderer.on(IPC_EVENT, (_event, msg: { sid: number; event: EngineEvent }) => {
  const l = listeners.get(msg.sid);
  if (!l || l.topic !== msg.event.name) return;
  try {
    l.cb(msg.event.payload);
  } catch (err) {
    // One broken page listener must not stop the others.
    console.error('wardflux: event listener failed', err);
  }
});

function invoke(name: string, input: unknown, callId?: number): Promise<Result<unknown>> {
  if (typeof name !== 'string' || !procedures.has(name)) {
    return Promise.resolve({ ok: false, error: { code: 'not_found', message: `Unknown procedure ${JSON.stringify(String(name)).slice(0, 80)}` } });
  }
  // The id (a number the page picks) is what cancel() names; the engine checks it again.
  if (Number.isSafeInteger(callId)) return ipcRenderer.invoke(IPC_CALL, name, input, callId) as Promise<Result<unknown>>;
  return ipcRenderer.invoke(IPC_CALL, name, input) as Promise<Result<unknown>>;
}

function cancel(callId: number): void {
  if (Number.isSafeInteger(callId)) ipcRenderer.send(IPC_CANCEL, { id: callId });
}

function on(name: string, cb: (payload: unknown) => void, filter?: WireEventFilter): () => void {
  if (typeof name !== 'string' || !eventSet.has(name)) throw new TypeError(`Unknown event ${JSON.stringify(String(name)).slice(0, 80)}`);
  if (typeof cb !== 'function') throw new TypeError('on() needs a callback function');
  const sid = nextSid++;
  listeners.set(sid, { topic: name as EventName, cb });
  // Only plain data crosses: the engine checks the filter again.
  const plain = filter
    ? {
        ...(filter.seriesIds ? { seriesIds: [...filter.seriesIds] } : {}),
        ...(filter.metrics ? { metrics: [...filter.metrics].map(String) } : {}),
        ...(filter.deviceId !== undefined ? { deviceId: String(filter.deviceId) } : {}),
      }
    : undefined;
  ipcRenderer.send(IPC_SUBSCRIBE, { sid, topic: name, ...(plain ? { filter: plain } : {}) });
  return () => {
    if (!listeners.delete(sid)) return;
    ipcRenderer.send(IPC_UNSUBSCRIBE, { sid });
  };
}

const bridge = Object.freeze({ invoke, cancel, on }) as WardfluxBridge;
contextBridge.exposeInMainWorld('wardflux', bridge);
