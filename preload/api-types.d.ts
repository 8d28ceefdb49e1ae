/**
 * The type of `window.wardflux`, the object preload/index.ts exposes to the page. Type-only: the
 * renderer's tsconfig includes this file so the IPC client can use it.
 */
import type { EventName, EventPayload, InputOf, OutputOf, ProcedureName, Result } from '../main/api/contract.ts';
import type { WireEventFilter } from '../main/api/wire.ts';

export interface WardfluxBridge {
  /**
   * Calls a procedure of the contract; never rejects for engine errors, which come back as `{ ok: false }`.
   * A `callId` (a number the page picks, unique among its calls in flight) makes the call cancellable.
   */
  invoke<P extends ProcedureName>(name: P, input: InputOf<P>, callId?: number): Promise<Result<OutputOf<P>>>;
  /** Cancels the call invoked with this `callId` (its AbortSignal fires in the engine; it still answers, often `cancelled`). */
  cancel(callId: number): void;
  /** Subscribes to an engine event, optionally filtered (series ids, one device); returns the unsubscribe function. */
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void, filter?: WireEventFilter): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron app. */
    readonly wardflux?: WardfluxBridge;
  }
}
