import type { WardfluxBridge } from '../../preload/api-types.d.ts';
import type { ConnectionState, WardClient } from './ward-client.ts';

const READY: ConnectionState = { status: 'ready' };

/** The client inside Electron: the preload's bridge, always connected (the engine is in-process). */
export function createIpcClient(bridge: WardfluxBridge): WardClient {
  return {
    transport: 'ipc',
    call: (name, input) =>
      bridge.invoke(name, input).catch((err: unknown) => ({
        ok: false as const,
        error: { code: 'unavailable' as const, message: `The WARD FLUX engine did not answer: ${err instanceof Error ? err.message : String(err)}` },
      })),
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
