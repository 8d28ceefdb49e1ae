import { createIpcClient } from './ipc-client.ts';
import { takeLoginFragment } from './login-fragment.ts';
import type { WardClient } from './ward-client.ts';
import { SESSION_PATH, WS_PATH } from './wire-constants.ts';
import { createWsClient, type SessionExchange } from './ws-client.ts';

/** Sign-in and sign-out over HTTP on the page's own origin: the host sets and clears an HttpOnly session cookie. */
const httpSession: SessionExchange = {
  async signIn(credentials) {
    try {
      const sent = typeof credentials === 'string' ? { token: credentials } : credentials;
      const res = await fetch(SESSION_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent), credentials: 'same-origin' });
      if (res.ok) return { ok: true };
      const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      return { ok: false, message: body?.error?.message ?? `The host refused the sign-in (HTTP ${res.status}).` };
    } catch {
      return { ok: false, message: `Cannot reach the WARD FLUX engine at ${location.host}.` };
    }
  },
  async signOut() {
    await fetch(SESSION_PATH, { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
  },
};

/**
 * Picks the transport once, at start-up: inside Electron the preload exposes `window.wardflux`
 * (IPC); anywhere else the page was served by the headless host, whose WebSocket is on the same
 * origin.
 */
export function createClient(): WardClient {
  if (window.wardflux) return createIpcClient(window.wardflux);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsClient(`${scheme}://${location.host}${WS_PATH}`, { session: httpSession, initialToken: takeLoginFragment() });
}

/** The app's one client. Only stores import it. */
export const client: WardClient = createClient();
