import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { type ClientMessage, type ServerMessage, WS_PATH } from '../api/wire.ts';
import type { Engine } from '../engine.ts';
import { VERSION } from '../version.ts';

const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Past this much unsent data a slow client stops getting events (calls are still answered). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

function parseMessage(raw: string): ClientMessage | undefined {
  try {
    const m = JSON.parse(raw) as Partial<ClientMessage> | null;
    if (m && m.type === 'call' && typeof m.id === 'number' && typeof m.name === 'string') return m as ClientMessage;
    if (m && m.type === 'auth' && typeof m.token === 'string') return m as ClientMessage;
  } catch {
    // fall through: answered as malformed below
  }
  return undefined;
}

/** A browser page from another origin must not drive the engine through the user's browser. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser (scripts, tests)
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The contract over WebSocket, for the renderer in a browser: calls in, results and live events
 * out (see main/api/wire.ts). When `authRequired`, nothing but `auth` is accepted until a valid
 * API token is presented.
 */
export function registerWsTransport(app: FastifyInstance, engine: Engine, authRequired: boolean): void {
  app.get(WS_PATH, { websocket: true }, (socket: WebSocket, req) => {
    const log = engine.logger.child({ transport: 'ws', remote: req.ip });
    if (!sameOrigin(req)) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    let authed = !authRequired;
    const send = (msg: ServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
    };
    const unsubscribe = engine.events.subscribe((event) => {
      if (authed && socket.bufferedAmount < MAX_BUFFERED_BYTES) send({ type: 'event', event });
    });
    socket.on('close', unsubscribe);
    socket.on('error', (err) => log.debug({ err }, 'websocket error'));
    send({ type: 'hello', version: VERSION, authRequired });

    socket.on('message', (data, isBinary) => {
      const raw = isBinary ? '' : data.toString();
      const msg = raw.length <= MAX_MESSAGE_BYTES ? parseMessage(raw) : undefined;
      if (!msg) {
        socket.close(1003, 'malformed message');
        return;
      }
      if (msg.type === 'auth') {
        authed = engine.tokens.verify(msg.token) !== undefined;
        send(authed ? { type: 'auth-result', ok: true } : { type: 'auth-result', ok: false, message: 'The API token is not valid (unknown or revoked).' });
        return;
      }
      if (!authed) {
        send({ type: 'result', id: msg.id, result: { ok: false, error: { code: 'unauthorized', message: 'Sign in with an API token first.' } } });
        return;
      }
      void engine.api.callUnknown(msg.name, msg.input, { transport: 'ws' }).then((result) => send({ type: 'result', id: msg.id, result }));
    });
  });
}

export { MAX_MESSAGE_BYTES };
