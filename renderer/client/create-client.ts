import { createIpcClient } from './ipc-client.ts';
import type { WardClient } from './ward-client.ts';
import { WS_PATH } from './wire-constants.ts';
import { createWsClient } from './ws-client.ts';

/**
 * Picks the transport once, at start-up: inside Electron the preload exposes `window.wardflux`
 * (IPC); anywhere else the page was served by the headless host, whose WebSocket is on the same
 * origin.
 */
export function createClient(): WardClient {
  if (window.wardflux) return createIpcClient(window.wardflux);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsClient(`${scheme}://${location.host}${WS_PATH}`);
}

/** The app's one client. Only stores import it. */
export const client: WardClient = createClient();
