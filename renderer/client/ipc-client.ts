import type { WardfluxBridge } from '../../preload/api-types.d.ts';
import { cancelledResult, type ConnectionState, type WardClient } from './ward-client.ts';

const READY: ConnectionState = { status: 'ready' };

/** The client inside Electron: the preload's bridge, always connected (the engine is in-process). */
export function createIpcClient(bridge: WardfluxBridge): WardClient {
  /** Ids of cancellable calls (those with a signal), unique for this page. */
  let nextCallId = 1;
  return {
    transport: 'ipc',
    call: (name, input, options) => {
      const signal = options?.signal;
      if (signal?.aborted) return Promise.resolve(cancelledResult(name));
      const callId = signal ? nextCallId++ : undefined;
      const onAbort = () => {
        if (callId !== undefined) bridge.cancel(callId);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      return bridge
        .invoke(name, input, callId)
        .catch((err: unknown) => ({
          ok: false as const,
          error: { code: 'unavailable' as const, message: `The WARD FLUX engine did not answer: ${err instanceof Error ? err.message : String(err)}` },
        }))
        .finally(() => signal?.removeEventListener('abort', onAbort));
    },
    on: (name, cb, filter) => bridge.on(name, cb, filter),
    connection: () => READY,
    onConnection: (cb) => {
      cb(READY);
      return () => {};
    },
    signIn: () => Promise.resolve({ ok: true }),
    signOut: () => {},
    reconnect: () => {},
  };
}
