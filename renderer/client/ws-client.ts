import type { Result } from '../../main/api/contract.ts';
import type { ErrorCode } from '../../main/api/result.ts';
import type { ClientMessage, ServerMessage } from '../../main/api/wire.ts';
import { createSubscriptions } from './subscriptions.ts';
import { type CallOptions, cancelledResult, type ConnectionState, type SignInCredentials, type WardClient } from './ward-client.ts';
import { WS_CLOSE_SIGN_IN } from './wire-constants.ts';

const CALL_TIMEOUT_MS = 60_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

type Settle = (result: Result<unknown>) => void;
type Verdict = { ok: boolean; message?: string };

/** How the browser signs in and out: HTTP calls that set and clear the HttpOnly session cookie. */
export interface SessionExchange {
  signIn(credentials: SignInCredentials): Promise<Verdict>;
  signOut(): Promise<void>;
}

export interface WsClientOptions {
  session: SessionExchange;
  /** A login secret or token from the page's URL (`#token=`), exchanged before the first connection. */
  initialToken?: string | undefined;
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * The client in a browser, talking to the headless host over its WebSocket (protocol in
 * main/api/wire.ts). The connection is signed in by the session cookie the browser sends with
 * it; signing in exchanges a secret for that cookie over HTTP and reconnects, so no secret is kept
 * where the page's scripts could read it. Reconnects by itself with capped exponential backoff;
 * calls made while connecting wait for the connection, calls in flight when it drops fail with
 * `unavailable`. A close with WS_CLOSE_SIGN_IN (session ended, token revoked) shows sign-in.
 */
export function createWsClient(url: string, options: WsClientOptions): WardClient {
  let state: ConnectionState = { status: 'connecting' };
  let socket: WebSocket | undefined;
  let ready = false;
  let attempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  const pending = new Map<number, { settle: Settle; timer: ReturnType<typeof setTimeout> }>();
  const waiting: Array<{ send: () => void; fail: Settle }> = [];
  const signInWaiters: Array<(verdict: Verdict) => void> = [];
  const stateListeners = new Set<(s: ConnectionState) => void>();
  // Subscriptions live across reconnects; each new connection is told them all again (markReady).
  const subscriptions = createSubscriptions({
    open: (sub) => {
      if (ready && socket) send(socket, { type: 'subscribe', sid: sub.sid, topic: sub.topic, ...(sub.filter ? { filter: sub.filter } : {}) });
    },
    close: (sub) => {
      if (ready && socket) send(socket, { type: 'unsubscribe', sid: sub.sid });
    },
  });
  const host = new URL(url).host;

  function setState(next: ConnectionState): void {
    state = next;
    for (const cb of [...stateListeners]) cb(state);
  }

  function send(ws: WebSocket, message: ClientMessage): void {
    ws.send(JSON.stringify(message));
  }

  function failWaiting(code: ErrorCode, message: string): void {
    for (const w of waiting.splice(0)) w.fail(failure(code, message));
  }

  function settleSignIn(verdict: Verdict): void {
    for (const w of signInWaiters.splice(0)) w(verdict);
  }

  function markReady(): void {
    ready = true;
    attempts = 0;
    const ws = socket;
    if (ws) for (const sub of subscriptions.all()) send(ws, { type: 'subscribe', sid: sub.sid, topic: sub.topic, ...(sub.filter ? { filter: sub.filter } : {}) });
    setState({ status: 'ready' });
    for (const w of waiting.splice(0)) w.send();
  }

  function scheduleRetry(message: string): void {
    ready = false;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempts) * (0.8 + Math.random() * 0.4);
    attempts += 1;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, delay);
    setState({ status: 'disconnected', message, retryAt: Date.now() + delay });
  }

  function handle(ws: WebSocket, message: ServerMessage): void {
    switch (message.type) {
      case 'hello': {
        if (message.authenticated) {
          settleSignIn({ ok: true });
          return markReady();
        }
        return needSignIn(ws, signInMessage);
      }
      case 'auth-result': {
        // This client signs in with the session cookie; an in-band verdict only confirms it.
        if (message.ok) return markReady();
        return needSignIn(ws, message.message ?? 'The access token was not accepted.');
      }
      case 'result': {
        const entry = pending.get(message.id);
        if (!entry) return;
        pending.delete(message.id);
        clearTimeout(entry.timer);
        return entry.settle(message.result);
      }
      case 'event':
        return subscriptions.dispatch(message.sid, message.event);
    }
  }

  /** Set after a refused sign-in, shown on the sign-in screen with the next hello. */
  let signInMessage: string | undefined;

  function needSignIn(ws: WebSocket, text: string | undefined): void {
    ready = false;
    setState(text ? { status: 'auth-required', message: text } : { status: 'auth-required' });
    failWaiting('unauthorized', text ?? 'Sign in first.');
    settleSignIn({ ok: false, message: text ?? 'The access token was not accepted.' });
    // Nothing more comes from a connection that is not signed in; sign-in opens a new one.
    if (socket === ws) socket = undefined;
    ws.close();
  }

  function connect(): void {
    clearTimeout(retryTimer);
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    setState({ status: 'connecting', ...(state.message ? { message: state.message } : {}) });
    let opened = false;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch (err) {
      return scheduleRetry(`Cannot open a connection to ${host}: ${err instanceof Error ? err.message : String(err)}`);
    }
    socket = ws;
    ws.onopen = () => {
      opened = true;
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (socket !== ws || typeof ev.data !== 'string') return;
      let message: ServerMessage;
      try {
        message = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      handle(ws, message);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (socket !== ws) return;
      socket = undefined;
      if (ev.code === WS_CLOSE_SIGN_IN) {
        for (const [id, entry] of pending) {
          clearTimeout(entry.timer);
          pending.delete(id);
          entry.settle(failure('unauthorized', 'Your session ended: sign in again.'));
        }
        ready = false;
        setState({ status: 'auth-required', message: 'Your session ended or its token was revoked: sign in again.' });
        return failWaiting('unauthorized', 'Sign in first.');
      }
      const text = opened ? `The connection to the WARD FLUX engine at ${host} was lost.` : `Cannot reach the WARD FLUX engine at ${host}.`;
      for (const [id, entry] of pending) {
        clearTimeout(entry.timer);
        pending.delete(id);
        entry.settle(failure('unavailable', text));
      }
      failWaiting('unavailable', text);
      settleSignIn({ ok: false, message: text });
      scheduleRetry(text);
    };
  }

  function call(name: string, input: unknown, options?: CallOptions): Promise<Result<unknown>> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.resolve(cancelledResult(name));
    return new Promise<Result<unknown>>((settle) => {
      /** What an abort does now: drop the call from the wait list, or send `cancel` for it. */
      let onAbort: (() => void) | undefined;
      const watch = (fn: () => void): void => {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        onAbort = fn;
        signal?.addEventListener('abort', fn, { once: true });
      };
      const resolve = (result: Result<unknown>): void => {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        settle(result);
      };
      const sendNow = (): void => {
        const ws = socket;
        if (!ws || !ready) return resolve(failure('unavailable', state.message ?? 'Not connected to the WARD FLUX engine.'));
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(failure('timeout', `The engine did not answer ${name} within ${CALL_TIMEOUT_MS / 1000} s.`));
        }, CALL_TIMEOUT_MS);
        pending.set(id, { settle: resolve, timer });
        send(ws, { type: 'call', id, name, input });
        // The engine answers a cancelled call (`cancelled`, or its result when it was done already).
        if (signal)
          watch(() => {
            if (pending.has(id) && socket === ws && ws.readyState === WebSocket.OPEN) send(ws, { type: 'cancel', id });
          });
      };
      if (ready) return sendNow();
      if (state.status === 'connecting') {
        const entry = { send: sendNow, fail: resolve };
        waiting.push(entry);
        if (signal)
          watch(() => {
            const i = waiting.indexOf(entry);
            if (i < 0) return;
            waiting.splice(i, 1);
            resolve(cancelledResult(name));
          });
        return;
      }
      if (state.status === 'auth-required') return resolve(failure('unauthorized', 'Sign in first.'));
      resolve(failure('unavailable', state.message ?? 'Not connected to the WARD FLUX engine.'));
    });
  }

  /** Exchanges a secret for the session cookie, then connects with it; resolves with the verdict. */
  async function exchangeAndConnect(credentials: SignInCredentials): Promise<Verdict> {
    const verdict = await options.session.signIn(credentials);
    signInMessage = verdict.ok ? undefined : verdict.message;
    const result = new Promise<Verdict>((resolve) => signInWaiters.push(resolve));
    socket?.close();
    socket = undefined;
    connect();
    return verdict.ok ? result : verdict;
  }

  window.addEventListener('online', () => {
    if (state.status === 'disconnected') connect();
  });
  if (options.initialToken) void exchangeAndConnect(options.initialToken);
  else connect();

  return {
    transport: 'ws',
    call: call as WardClient['call'],
    on(name, cb, filter) {
      return subscriptions.add(name, cb as (payload: unknown) => void, filter);
    },
    connection: () => state,
    onConnection(cb) {
      stateListeners.add(cb);
      cb(state);
      return () => {
        stateListeners.delete(cb);
      };
    },
    signIn(credentials) {
      if (typeof credentials !== 'string') {
        if (!credentials.user.trim() || !credentials.password) return Promise.resolve({ ok: false, message: 'Enter your user name and password.' });
        return exchangeAndConnect({ user: credentials.user.trim(), password: credentials.password });
      }
      const trimmed = credentials.trim();
      if (!trimmed) return Promise.resolve({ ok: false, message: 'Paste an access token.' });
      return exchangeAndConnect(trimmed);
    },
    signOut() {
      ready = false;
      void options.session.signOut().finally(() => {
        socket?.close();
        socket = undefined;
        connect();
      });
    },
    reconnect: connect,
  };
}
