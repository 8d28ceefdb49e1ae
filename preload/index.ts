/**
 * The bridge between the sandboxed page and the engine: one frozen object with `invoke` and `on`,
 * limited to the contract's procedure and event names. ipcRenderer itself is never exposed, and
 * callbacks never see the IPC event (which would hand the page `sender`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, procedureNames, type EngineEvent, type EventName, type Result } from '../main/api/contract.ts';
import { IPC_CALL, IPC_EVENT } from '../main/api/wire.ts';
import type { WardfluxBridge } from './api-types.d.ts';

const procedures = new Set<string>(procedureNames);
const eventSet = new Set<string>(eventNames);
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_EVENT, (_event, engineEvent: EngineEvent) => {
  const set = listeners.get(engineEvent.name);
  if (!set) return;
  for (const cb of [...set]) {
    try {
      cb(engineEvent.payload);
    } catch (err) {
      // One broken page listener must not stop the others.
      console.error('wardflux: event listener failed', err);
    }
  }
});

function invoke(name: string, input: unknown): Promise<Result<unknown>> {
  if (typeof name !== 'string' || !procedures.has(name)) {
    return Promise.resolve({ ok: false, error: { code: 'not_found', message: `Unknown procedure ${JSON.stringify(String(name)).slice(0, 80)}` } });
  }
  return ipcRenderer.invoke(IPC_CALL, name, input) as Promise<Result<unknown>>;
}

function on(name: string, cb: (payload: unknown) => void): () => void {
  if (typeof name !== 'string' || !eventSet.has(name)) throw new TypeError(`Unknown event ${JSON.stringify(String(name)).slice(0, 80)}`);
  if (typeof cb !== 'function') throw new TypeError('on() needs a callback function');
  const key = name as EventName;
  let set = listeners.get(key);
  if (!set) listeners.set(key, (set = new Set()));
  set.add(cb);
  return () => {
    set.delete(cb);
  };
}

const bridge = Object.freeze({ invoke, on }) as WardfluxBridge;
contextBridge.exposeInMainWorld('wardflux', bridge);
