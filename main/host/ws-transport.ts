import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { type EngineEvent, type EventName, eventNames } from '../api/events.ts';
import { type ClientMessage, type ServerMessage, WS_CLOSE_SIGN_IN, WS_PATH } from '../api/wire.ts';
import type { Engine } from '../engine.ts';
import { EventFilter } from '../lib/event-filter.ts';
import { VERSION } from '../version.ts';
import type { AllowedHosts } from './allowed-hosts.ts';
import type { HostAuth, Principal } from './host-auth.ts';
import { fromOwnPage } from './request-guard.ts';

const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Past this much unsent data a slow client stops getting events (calls are still answered). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Subscriptions (topic + filter) one connection may hold. */
const MAX_SUBSCRIPTIONS = 256;
const TOPICS = new Set<string>(eventNames);

/** How many clients and calls one host serves at once: a client cannot grow the engine's memory without bound. */
export interface WsLimits {
  /** Open WebSocket connections, signed in or not. */
  connections: number;
  /** Connections not signed in yet (each is closed after `signInMs`). */
  unauthenticated: number;
  /** Calls awaiting their answer, per connection. */
  inFlight: number;
  signInMs: number;
  /** How often live connections are checked for a revoked token or an ended session. */
  recheckMs: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = { connections: 64, unauthenticated: 16, inFlight: 64, signInMs: 30_000, recheckMs: 5_000 };

function parseMessage(raw: string): ClientMessage | undefined {
  try {
    const m = JSON.parse(raw) as Partial<ClientMessage> | null;
    if (m && m.type === 'call' && typeof m.id === 'number' && typeof m.name === 'string') return m as ClientMessage;
    if (m && m.type === 'auth' && typeof m.token === 'string') return m as ClientMessage;
    if (m && m.type === 'subscribe' && Number.isSafeInteger(m.sid) && typeof m.topic === 'string' && TOPICS.has(m.topic)) {
      const filter = m.filter === undefined ? undefined : EventFilter.safeParse(m.filter);
      if (filter && !filter.success) return undefined;
      return { type: 'subscribe', sid: m.sid as number, topic: m.topic, ...(filter?.data ? { filter: filter.data } : {}) };
    }
    if (m && m.type === 'unsubscribe' && Number.isSafeInteger(m.sid)) return { type: 'unsubscribe', sid: m.sid as number };
    if (m && m.type === 'cancel' && typeof m.id === 'number') return m as ClientMessage;
  } catch {
    // fall through: answered as malformed below
  }
  return undefined;
}

interface Connection {
  socket: WebSocket;
  principal: Principal | undefined;
}

/**
 * The contract over WebSocket, for the renderer in a browser and for scripts: calls in, results
 * and live events out (see main/api/wire.ts). A connection is signed in by its session cookie
 * (from a page of this host) or bearer header at the upgrade, or later by an `auth` message with
 * an API token; until then it gets nothing but `hello` and `auth-result`, and no events. A
 * revoked token or an ended session closes its connections with WS_CLOSE_SIGN_IN.
 */
export function registerWsTransport(app: FastifyInstance, engine: Engine, auth: HostAuth, allowed: AllowedHosts, limits: WsLimits = DEFAULT_WS_LIMITS): void {
  const connections = new Set<Connection>();
  const unauthenticated = () => [...connections].filter((c) => !c.principal).length;

  const recheck = setInterval(() => {
    for (const c of connections) if (c.principal && !auth.stillValid(c.principal)) c.socket.close(WS_CLOSE_SIGN_IN, 'sign in again');
  }, limits.recheckMs);
  recheck.unref();
  auth.onSessionEnded((id) => {
    for (const c of connections) if (c.principal?.kind === 'session' && c.principal.sessionId === id) c.socket.close(WS_CLOSE_SIGN_IN, 'signed out');
  });
  app.addHook('onClose', async () => {
    clearInterval(recheck);
    for (const c of connections) c.socket.terminate();
  });

  /** Resolves the upgrade's principal once (the handler reads it from `req.principal`). */
  const admit = async (req: FastifyRequest, reply: FastifyReply) => {
    req.principal = principalAt(req);
    const full = connections.size >= limits.connections || (!req.principal && unauthenticated() >= limits.unauthenticated);
    if (full) await reply.code(503).header('retry-after', '5').send({ ok: false, error: { code: 'unavailable', message: `This host serves at most ${limits.connections} WebSocket connections (${limits.unauthenticated} not signed in); close one and retry.` } });
  };
  /** The session cookie counts only from a page of this host; a bearer header from anyone. */
  const principalAt = (req: FastifyRequest): Principal | undefined => {
    const p = auth.fromHeaders(req.headers);
    return p?.kind === 'session' && !fromOwnPage(req, allowed) ? undefined : p;
  };

  app.get(WS_PATH, { websocket: true, preHandler: admit }, (socket: WebSocket, req) => {
    const log = engine.logger.child({ transport: 'ws', remote: req.ip });
    const conn: Connection = { socket, principal: req.principal };
    connections.add(conn);
    let inFlight = 0;
    const send = (msg: ServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
    };
    const signInTimer = setTimeout(() => {
      if (!conn.principal) socket.close(WS_CLOSE_SIGN_IN, 'sign in required');
    }, limits.signInMs);
    // Only the topics (and filters) this client asked for; nothing before it signed in.
    const subscriptions = new Map<number, () => void>();
    /** Calls in flight by id: a `cancel` message or the connection closing aborts them. */
    const calls = new Map<number, AbortController>();
    socket.on('close', () => {
      connections.delete(conn);
      clearTimeout(signInTimer);
      for (const off of subscriptions.values()) off();
      subscriptions.clear();
      for (const c of calls.values()) c.abort();
    });
    socket.on('error', (err) => log.debug({ err }, 'websocket error'));
    send({ type: 'hello', version: VERSION, authenticated: conn.principal !== undefined });

    socket.on('message', (data, isBinary) => {
      const raw = isBinary ? '' : data.toString();
      const msg = raw.length <= MAX_MESSAGE_BYTES ? parseMessage(raw) : undefined;
      if (!msg) {
        socket.close(1003, 'malformed message');
        return;
      }
      if (msg.type === 'auth') {
        conn.principal = auth.fromToken(msg.token);
        send(conn.principal ? { type: 'auth-result', ok: true } : { type: 'auth-result', ok: false, message: 'The API token is not valid (unknown or revoked).' });
        return;
      }
      // Subscriptions and cancellations need a signed-in connection; before that they are ignored.
      if (msg.type !== 'call' && !conn.principal) return;
      if (msg.type === 'unsubscribe') {
        subscriptions.get(msg.sid)?.();
        subscriptions.delete(msg.sid);
        return;
      }
      if (msg.type === 'subscribe') {
        const { sid } = msg;
        if (subscriptions.has(sid) || subscriptions.size >= MAX_SUBSCRIPTIONS) return;
        const topic: EventName = msg.topic;
        const listener = (event: EngineEvent) => {
          if (conn.principal && socket.bufferedAmount < MAX_BUFFERED_BYTES) send({ type: 'event', sid, event });
        };
        subscriptions.set(sid, engine.events.subscribe([topic], listener, msg.filter));
        return;
      }
      if (msg.type === 'cancel') {
        calls.get(msg.id)?.abort();
        return;
      }
      if (!conn.principal) {
        send({ type: 'result', id: msg.id, result: { ok: false, error: { code: 'unauthorized', message: 'Sign in first: open the sign-in link "wardflux serve" printed, or send an API token.' } } });
        return;
      }
      if (!auth.stillValid(conn.principal)) {
        send({ type: 'result', id: msg.id, result: { ok: false, error: { code: 'unauthorized', message: 'Your session ended or its token was revoked: sign in again.' } } });
        socket.close(WS_CLOSE_SIGN_IN, 'sign in again');
        return;
      }
      if (inFlight >= limits.inFlight) {
        send({ type: 'result', id: msg.id, result: { ok: false, error: { code: 'unavailable', message: `Too many calls in flight on this connection (${limits.inFlight} at most): wait for answers before sending more.` } } });
        return;
      }
      // The connection's user as it is now: a changed role applies to the next call.
      const user = auth.callerOf(conn.principal);
      if (!user) {
        send({ type: 'result', id: msg.id, result: { ok: false, error: { code: 'unauthorized', message: 'Your user no longer exists: sign in again.' } } });
        socket.close(WS_CLOSE_SIGN_IN, 'sign in again');
        return;
      }
      inFlight += 1;
      const controller = new AbortController();
      calls.set(msg.id, controller);
      void engine.api.callUnknown(msg.name, msg.input, { transport: 'ws', signal: controller.signal, user, remote: req.ip }).then((result) => {
        inFlight -= 1;
        if (calls.get(msg.id) === controller) calls.delete(msg.id);
        send({ type: 'result', id: msg.id, result });
      });
    });
  });
}

export { MAX_MESSAGE_BYTES };
