/**
 * The SNMP client the engine holds (one per engine): sessions per (agent, credential), kept for
 * reuse (v3 engine discovery is done once) on a bounded pool of UDP sockets, closed when idle or
 * when there are too many. See socket-pool.ts for the socket design.
 */
import type { Logger } from '../lib/logger.ts';
import { credentialKey, type SnmpCredential } from './credentials.ts';
import { desSupport } from './des-support.ts';
import { findWorkingCredential, type CredentialMatch, type FindCredentialOptions } from './credential-probe.ts';
import { SnmpSession, type SessionDefaults } from './session.ts';
import { createSocketPool, type SocketPool, type SocketPoolStats } from './socket-pool.ts';
import { parseTarget, resolveHost, type SnmpTarget } from './target.ts';

export interface SnmpClientOptions {
  logger?: Logger;
  /** Real UDP sockets per address family. Default 8. */
  sockets?: number;
  /** Request defaults: timeout 2000 ms, 1 retry, max-repetitions 20. */
  defaults?: Partial<SessionDefaults>;
  /** Sessions kept at most; the least recently used idle ones close first. Default 20,000. */
  maxSessions?: number;
  /** Sessions unused this long close. Default 10 minutes. */
  idleMs?: number;
}

export interface SnmpClientStats extends SocketPoolStats {
  /** Cached sessions (each a virtual socket). */
  sessions: number;
}

/** Sessions, credential memory and socket metrics for every SNMP user in the engine. */
export interface SnmpClient {
  /**
   * A session for `target` ('host', 'host:port', or {host, port}) with `credential`; cached, so
   * calling it for every poll is cheap. Throws ValidationError for a bad target or credential.
   */
  session(target: string | SnmpTarget, credential: SnmpCredential, defaults?: Partial<SessionDefaults>): Promise<SnmpSession>;
  /**
   * The first credential (in list order) that gets an answer to GET sysObjectID.0, trying the
   * remembered one first. Remembers the match per target; throws the most telling failure
   * (auth error over timeout) when none works.
   */
  findCredential(target: string | SnmpTarget, credentials: SnmpCredential[], options?: FindCredentialOptions): Promise<CredentialMatch>;
  /** The credential key (`id:<id>` for stored credentials) that last worked for `target`. */
  rememberedCredential(target: string | SnmpTarget): string | undefined;
  /** Seeds the memory (e.g. from what the store persisted). */
  rememberCredential(target: string | SnmpTarget, credential: SnmpCredential): void;
  stats(): SnmpClientStats;
  /** Closes every session (their real sockets close with them). */
  close(): void;
}

const DEFAULTS: SessionDefaults = { timeoutMs: 2000, retries: 1, maxRepetitions: 20 };

function targetOf(t: string | SnmpTarget): SnmpTarget {
  return typeof t === 'string' ? parseTarget(t) : t;
}

/** Creates the client. Nothing is opened until the first request. */
export function createSnmpClient(options: SnmpClientOptions = {}): SnmpClient {
  const logger = options.logger;
  const pool: SocketPool = createSocketPool({ size: options.sockets ?? 8, ...(logger ? { logger } : {}) });
  const defaults: SessionDefaults = { ...DEFAULTS, ...options.defaults };
  const maxSessions = options.maxSessions ?? 20_000;
  const idleMs = options.idleMs ?? 10 * 60_000;
  // Insertion order = least recently used first.
  const sessions = new Map<string, SnmpSession>();
  const memory = new Map<string, string>();
  desSupport();

  const sweep = setInterval(() => {
    const cutoff = performance.now() - idleMs;
    for (const [key, s] of sessions) if (s.inFlight === 0 && s.lastUsed < cutoff) closeSession(key, s);
  }, Math.max(1000, Math.min(idleMs, 60_000)));
  sweep.unref();

  function closeSession(key: string, s: SnmpSession): void {
    if (sessions.get(key) === s) sessions.delete(key);
    s.close();
  }

  function evict(): void {
    if (sessions.size < maxSessions) return;
    for (const [key, s] of sessions) {
      if (sessions.size < maxSessions) break;
      if (s.inFlight === 0) closeSession(key, s);
    }
  }

  const memoryKey = (t: SnmpTarget) => `${t.host}|${t.port}`;

  const client: SnmpClient = {
    async session(target, credential, sessionDefaults) {
      const t = targetOf(target);
      const { address, family } = await resolveHost(t.host);
      const d = sessionDefaults ? { ...defaults, ...sessionDefaults } : defaults;
      const key = `${address}|${t.port}|${credentialKey(credential)}|${d.timeoutMs}|${d.retries}|${d.maxRepetitions}`;
      const existing = sessions.get(key);
      if (existing && !existing.isClosed) {
        sessions.delete(key);
        sessions.set(key, existing);
        return existing;
      }
      evict();
      const s: SnmpSession = new SnmpSession({
        address,
        port: t.port,
        family,
        credential,
        pool,
        defaults: d,
        ...(logger ? { logger } : {}),
        onClose: () => {
          if (sessions.get(key) === s) sessions.delete(key);
        },
      });
      sessions.set(key, s);
      return s;
    },
    async findCredential(target, credentials, findOptions = {}) {
      const t = targetOf(target);
      const remembered = memory.get(memoryKey(t));
      const match = await findWorkingCredential((c) => client.session(t, c), credentials, { ...findOptions, ...(remembered ? { preferKey: remembered } : {}) });
      memory.set(memoryKey(t), credentialKey(match.credential));
      return match;
    },
    rememberedCredential: (target) => memory.get(memoryKey(targetOf(target))),
    rememberCredential: (target, credential) => void memory.set(memoryKey(targetOf(target)), credentialKey(credential)),
    stats: () => ({ ...pool.stats(), sessions: sessions.size }),
    close() {
      clearInterval(sweep);
      for (const [key, s] of [...sessions]) closeSession(key, s);
    },
  };
  return client;
}
