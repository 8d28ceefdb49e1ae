/**
 * The type of `window.wardflux`, the object preload/index.ts exposes to the page. Type-only: the
 * renderer's tsconfig includes this file so the IPC client can use it.
 */
import type { EventName, EventPayload, InputOf, OutputOf, ProcedureName, Result } from '../main/api/contract.ts';
import type { WireEventFilter } from '../main/api/wire.ts';

export interface WardfluxBridge {
  /** Calls a procedure of the contract; never rejects for engine errors, which come back as `{ ok: false }`. */
  invoke<P extends ProcedureName>(name: P, input: InputOf<P>): Promise<Result<OutputOf<P>>>;
  /** Subscribes to an engine event, optionally filtered (series ids, one device); returns the unsubscribe function. */
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void, filter?: WireEventFilter): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron app. */
    readonly wardflux?: WardfluxBridge;
  }
}
