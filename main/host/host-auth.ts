import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../api/roles.ts';
import type { Clock } from '../lib/clock.ts';
import type { TokensRepo } from '../store/tokens-repo.ts';
import { BUILTIN_ADMIN_ID, type UsersRepo } from '../store/users-repo.ts';
import { addressKey, createSignInThrottle, userKey } from './sign-in-throttle.ts';

/** A browser session lives this long without use, and this long at most (serve --session-idle changes the first). */
export const SESSION_IDLE_MS = 12 * 3600_000;
const SESSION_MAX_MS = 7 * 24 * 3600_000;
/** Sessions a host keeps at once; the oldest is dropped past it (a client cannot grow memory). */
const MAX_SESSIONS = 1000;

/**
 * Who a request acts for: a browser session (from a password, the login secret or a token), or an
 * API token; either way a user, whose role decides what the request may call.
 */
export type Principal = { kind: 'session'; sessionId: string; tokenId: string | undefined; userId: string } | { kind: 'token'; tokenId: string; userId: string };

/** The answer to a sign-in with a user name and password. */
export type PasswordSignIn = { ok: true; sessionId: string; user: Caller } | { ok: false; reason: 'invalid' | 'locked'; retryAfterSec?: number };

interface Session {
  /** The API token it was made from; the session ends when that token is revoked. */
  tokenId: string | undefined;
  userId: string;
  createdAt: number;
  usedAt: number;
}

export interface HostAuth {
  /** The login secret `serve` prints in its sign-in URL: valid while this host runs. */
  readonly loginSecret: string;
  /** The session cookie's name (per port: browsers share cookies across the ports of one host). */
  readonly cookieName: string;
  /**
   * Exchanges the login secret (the built-in admin) or an API token (its user) for a new session;
   * undefined when neither. Failures count towards the remote address's lock-out.
   */
  createSession(secret: string, remote?: string): { sessionId: string; userId: string } | { locked: number } | undefined;
  /** Signs a user in with a password, with lock-out per user name and per remote address. */
  signInWithPassword(name: string, password: string, remote: string): Promise<PasswordSignIn>;
  /** The user a principal acts for, as it is now; undefined once removed. */
  callerOf(principal: Principal): Caller | undefined;
  endSession(sessionId: string): void;
  /** Called with the id of every session that sign-out ends (the WebSocket closes its connections). */
  onSessionEnded(cb: (sessionId: string) => void): void;
  /** The principal of a request's session cookie or `Authorization: Bearer` header. */
  fromHeaders(headers: IncomingHttpHeaders): Principal | undefined;
  /** A token presented in band (WebSocket `auth` message). */
  fromToken(token: string): Principal | undefined;
  /** False once the session expired or ended, its token was revoked or its user removed (by this host or the CLI). */
  stillValid(principal: Principal): boolean;
  /** A Set-Cookie value for the session (or one that clears it). */
  cookie(sessionId: string | undefined, secure: boolean): string;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The value of one cookie in a Cookie header. */
function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The token of an `Authorization: Bearer ...` header, if any. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Authentication of the headless host, for every transport and every bind: nothing of the
 * contract without a secret the user holds. A browser exchanges the login secret (or an API
 * token) once for an HttpOnly, SameSite=Strict session cookie; scripts send a bearer token.
 * Sessions live in memory: they end with the host, as the login secret does.
 */
/** `port` is read when first needed: the host knows it only once it listens (port 0 picks one). */
export function createHostAuth(options: { tokens: TokensRepo; users: UsersRepo; clock: Clock; port: () => number; sessionIdleMs?: number }): HostAuth {
  const { tokens, users, clock } = options;
  const idleMs = options.sessionIdleMs ?? SESSION_IDLE_MS;
  const throttle = createSignInThrottle(clock);
  const loginSecret = crypto.randomBytes(32).toString('base64url');
  const sessions = new Map<string, Session>();
  const endedListeners: ((sessionId: string) => void)[] = [];
  let name: string | undefined;
  const cookieName = (): string => (name ??= `wardflux_session_${options.port()}`);

  const live = (id: string): Session | undefined => {
    const s = sessions.get(id);
    if (!s) return undefined;
    const now = clock.now();
    if (now - s.usedAt > idleMs || now - s.createdAt > SESSION_MAX_MS || (s.tokenId !== undefined && !tokens.exists(s.tokenId)) || !users.get(s.userId)) {
      sessions.delete(id);
      return undefined;
    }
    return s;
  };

  const fromToken = (token: string): Principal | undefined => {
    const t = tokens.verify(token);
    return t && users.get(t.userId) ? { kind: 'token', tokenId: t.tokenId, userId: t.userId } : undefined;
  };
  const newSession = (userId: string, tokenId: string | undefined): string => {
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    const id = crypto.randomBytes(32).toString('base64url');
    const now = clock.now();
    sessions.set(id, { tokenId, userId, createdAt: now, usedAt: now });
    return id;
  };

  return {
    loginSecret,
    get cookieName() {
      return cookieName();
    },
    createSession(secret, remote) {
      const keys = remote === undefined ? [] : [addressKey(remote)];
      const wait = throttle.waitMs(keys);
      if (wait > 0) return { locked: Math.ceil(wait / 1000) };
      if (safeEqual(secret, loginSecret)) return { sessionId: newSession(BUILTIN_ADMIN_ID, undefined), userId: BUILTIN_ADMIN_ID };
      const t = tokens.verify(secret);
      if (!t || !users.get(t.userId)) {
        throttle.failed(keys);
        return undefined;
      }
      return { sessionId: newSession(t.userId, t.tokenId), userId: t.userId };
    },
    async signInWithPassword(name, password, remote) {
      const keys = [userKey(name), addressKey(remote)];
      const wait = throttle.waitMs(keys);
      if (wait > 0) return { ok: false, reason: 'locked', retryAfterSec: Math.ceil(wait / 1000) };
      const user = await users.authenticate(name, password);
      if (!user) {
        throttle.failed(keys);
        return { ok: false, reason: 'invalid' };
      }
      throttle.succeeded(keys);
      return { ok: true, sessionId: newSession(user.id, undefined), user: { id: user.id, name: user.name, role: user.role } };
    },
    callerOf(p) {
      const user = users.get(p.userId);
      return user ? { id: user.id, name: user.name, role: user.role } : undefined;
    },
    endSession(id) {
      sessions.delete(id);
      for (const cb of endedListeners) cb(id);
    },
    onSessionEnded: (cb) => void endedListeners.push(cb),
    fromHeaders(headers) {
      const bearer = bearerToken(headers);
      if (bearer !== undefined) return fromToken(bearer);
      const id = readCookie(headers.cookie, cookieName());
      const s = id === undefined ? undefined : live(id);
      if (!s || id === undefined) return undefined;
      s.usedAt = clock.now();
      return { kind: 'session', sessionId: id, tokenId: s.tokenId, userId: s.userId };
    },
    fromToken,
    stillValid(p) {
      if (p.kind === 'token') return tokens.exists(p.tokenId) && users.get(p.userId) !== undefined;
      const s = live(p.sessionId);
      if (s) s.usedAt = clock.now();
      return s !== undefined;
    },
    cookie(sessionId, secure) {
      const attrs = ['Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
      return sessionId === undefined ? [`${cookieName()}=`, 'Max-Age=0', ...attrs].join('; ') : [`${cookieName()}=${sessionId}`, ...attrs].join('; ');
    },
  };
}
