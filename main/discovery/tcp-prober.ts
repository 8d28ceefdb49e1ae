/**
 * TCP connect probes: finds hosts that drop ICMP but run a service, and lists the open ports the
 * classifier uses (9100 printer, 3389 Windows, ...).
 *
 * One probe is a plain connect() with a deadline:
 * - connected → `open` (closed at once with a RST: no TIME_WAIT pile-up on a /16 sweep);
 * - ECONNREFUSED (the host answered with a RST) → `closed`: the host is alive;
 * - no answer before the deadline → `filtered` (retried `retries` times);
 * - EHOSTUNREACH / ENETUNREACH (no ARP answer, or an ICMP unreachable from a router) → `unreachable`;
 * - a local failure (EMFILE, EADDRNOTAVAIL, EACCES from a local firewall) → `error` (retried).
 * Alive evidence is `open` or `closed`. A firewall that answers RST for hosts behind it makes
 * those hosts look alive; nmap has the same limit, and the other methods decide then.
 *
 * Every SYN waits for a token of the shared {@link Pacer} and a slot of the concurrency cap; an
 * AbortSignal stops everything at once: queued probes are dropped and open sockets destroyed.
 */
import net from 'node:net';
import { isAddressAllowed } from '../lib/network-guard.ts';
import { createPacer, type Pacer } from '../lib/async/pacer.ts';
import { createSemaphore, type Semaphore } from '../lib/async/semaphore.ts';

export type PortState = 'open' | 'closed' | 'filtered' | 'unreachable' | 'error';

export interface PortResult {
  port: number;
  state: PortState;
  /** Time to the answer (open or closed); null without one. */
  rttMs: number | null;
  /** The socket error code behind closed/unreachable/error. */
  code?: string;
  /** Connect attempts made (1 + retries used). */
  attempts: number;
}

export interface TcpHostResult {
  address: string;
  /** Some port answered (open or refused). */
  alive: boolean;
  /** The best evidence: an open port, else a refused one. */
  evidence: 'open' | 'refused' | null;
  openPorts: number[];
  closedPorts: number[];
  /** Fastest answer, for a first latency figure. */
  rttMs: number | null;
  ports: PortResult[];
}

/** One connect attempt; injectable so unit tests need no network. */
export type ConnectFn = (address: string, port: number, timeoutMs: number, signal: AbortSignal) => Promise<{ state: PortState | 'cancelled'; code?: string; rttMs: number | null }>;

export interface TcpProberOptions {
  /** SYNs per second (default 500); ignored when `pacer` is given. */
  ratePerSec?: number;
  /** A pacer shared with the job's other methods. */
  pacer?: Pacer;
  /** Connections in flight at most (default 256). */
  concurrency?: number;
  connect?: ConnectFn;
}

export interface ProbeOptions {
  ports: readonly number[];
  timeoutMs: number;
  /** Extra attempts for a port that stayed silent (default 0). */
  retries?: number;
  /** Per address, when given (adaptive timing): its timeout and retries instead of the two above. */
  timeoutFor?: (address: string) => number;
  retriesFor?: (address: string) => number;
  signal?: AbortSignal;
}

export interface TcpProber {
  /** Probes the ports of one host. Rejects with the abort reason if cancelled. */
  probeHost(address: string, options: ProbeOptions): Promise<TcpHostResult>;
  /**
   * Probes many hosts, pulling addresses lazily (a plan iterator of a /16 is fine), and yields
   * each host's result as soon as all its ports are done, in completion order. On abort (or when
   * the consumer stops early) it stops within a moment and ends without error; hosts still in
   * progress are not reported.
   */
  sweep(addresses: Iterable<string> | AsyncIterable<string>, options: ProbeOptions): AsyncGenerator<TcpHostResult, void, undefined>;
  /** Sockets open right now and SYNs sent so far. */
  stats(): { inFlight: number; attempts: number };
}

const ALIVE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

/** The real connect: a net.Socket with its own deadline. */
export const tcpConnect: ConnectFn = (address, port, timeoutMs, signal) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    const socket = new net.Socket();
    let settled = false;
    const finish = (state: PortState | 'cancelled', code?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => {});
      if (state === 'open') socket.resetAndDestroy();
      else socket.destroy();
      const answered = state === 'open' || state === 'closed';
      resolve({ state, ...(code ? { code } : {}), rttMs: answered ? performance.now() - t0 : null });
    };
    const onAbort = (): void => finish('cancelled');
    const timer = setTimeout(() => finish('filtered'), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish('open'));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? 'UNKNOWN';
      if (ALIVE_CODES.has(code)) finish('closed', code);
      else if (code === 'ETIMEDOUT') finish('filtered', code);
      else if (UNREACHABLE_CODES.has(code)) finish('unreachable', code);
      else finish('error', code);
    });
    if (signal.aborted) return finish('cancelled');
    if (!isAddressAllowed(address)) return finish('error', 'EGUARD');
    socket.connect({ host: address, port });
  });

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

function summarize(address: string, ports: PortResult[]): TcpHostResult {
  const sorted = [...ports].sort((a, b) => a.port - b.port);
  const openPorts = sorted.filter((p) => p.state === 'open').map((p) => p.port);
  const closedPorts = sorted.filter((p) => p.state === 'closed').map((p) => p.port);
  const rtts = sorted.map((p) => p.rttMs).filter((r): r is number => r !== null);
  return {
    address,
    alive: openPorts.length + closedPorts.length > 0,
    evidence: openPorts.length ? 'open' : closedPorts.length ? 'refused' : null,
    openPorts,
    closedPorts,
    rttMs: rtts.length ? Math.min(...rtts) : null,
    ports: sorted,
  };
}

export function createTcpProber(options: TcpProberOptions = {}): TcpProber {
  const pacer = options.pacer ?? createPacer(options.ratePerSec ?? 500);
  const slots: Semaphore = createSemaphore(options.concurrency ?? 256);
  const connect = options.connect ?? tcpConnect;
  let inFlight = 0;
  let attempts = 0;

  /** One port with retries; null when cancelled. */
  async function probePort(address: string, port: number, timeoutMs: number, retries: number, signal: AbortSignal): Promise<PortResult | null> {
    let last: PortResult | null = null;
    for (let attempt = 1; attempt <= 1 + retries; attempt++) {
      let release: () => void;
      try {
        release = await slots.acquire(signal);
      } catch {
        return null;
      }
      try {
        await pacer.acquire(signal);
      } catch {
        release();
        return null;
      }
      inFlight++;
      attempts++;
      let r: Awaited<ReturnType<ConnectFn>>;
      try {
        r = await connect(address, port, timeoutMs, signal);
      } finally {
        inFlight--;
        release();
      }
      if (r.state === 'cancelled') return null;
      last = { port, state: r.state, rttMs: r.rttMs, attempts: attempt, ...(r.code ? { code: r.code } : {}) };
      if (r.state !== 'filtered' && r.state !== 'error') break;
    }
    return last;
  }

  async function probeHost(address: string, o: ProbeOptions): Promise<TcpHostResult> {
    const signal = o.signal ?? new AbortController().signal;
    const results = await Promise.all(o.ports.map((port) => probePort(address, port, o.timeoutMs, o.retries ?? 0, signal)));
    if (signal.aborted || results.some((r) => r === null)) throw abortReason(signal);
    return summarize(address, results as PortResult[]);
  }

  async function* sweep(addresses: Iterable<string> | AsyncIterable<string>, o: ProbeOptions): AsyncGenerator<TcpHostResult, void, undefined> {
    if (o.ports.length === 0) return;
    const ac = new AbortController();
    const onAbort = (): void => ac.abort(o.signal?.reason);
    if (o.signal?.aborted) return;
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const signal = ac.signal;

    const source: Iterator<string> | AsyncIterator<string> =
      Symbol.asyncIterator in addresses ? (addresses as AsyncIterable<string>)[Symbol.asyncIterator]() : (addresses as Iterable<string>)[Symbol.iterator]();
    interface HostState {
      address: string;
      pending: number;
      results: PortResult[];
    }
    let current: { host: HostState; next: number } | null = null;
    let exhausted = false;
    let sourceDone = false;
    // Pulls are serialized: an async source must not see concurrent next() calls.
    let chain: Promise<unknown> = Promise.resolve();
    const pull = async (): Promise<{ host: HostState; port: number } | null> => {
      if (signal.aborted) return null;
      if (!current || current.next >= o.ports.length) {
        if (exhausted) return null;
        const step = await source.next();
        if (step.done) {
          exhausted = sourceDone = true;
          return null;
        }
        current = { host: { address: step.value, pending: o.ports.length, results: [] }, next: 0 };
      }
      return { host: current.host, port: o.ports[current.next++]! };
    };
    const nextUnit = (): Promise<{ host: HostState; port: number } | null> => {
      const p = chain.then(pull);
      chain = p.catch(() => null);
      return p;
    };

    const ready: TcpHostResult[] = [];
    let wake: (() => void) | null = null;
    const notify = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    let failure: unknown = null;
    const worker = async (): Promise<void> => {
      for (;;) {
        const unit = await nextUnit();
        if (!unit) return;
        const a = unit.host.address;
        const r = await probePort(a, unit.port, o.timeoutFor?.(a) ?? o.timeoutMs, o.retriesFor?.(a) ?? o.retries ?? 0, signal);
        if (!r) return;
        unit.host.results.push(r);
        if (--unit.host.pending === 0) {
          ready.push(summarize(unit.host.address, unit.host.results));
          notify();
        }
      }
    };
    const workers = slots.max();
    let finished = false;
    const all = Promise.all(Array.from({ length: workers }, () => worker()))
      .catch((err: unknown) => {
        failure = err;
        ac.abort(err);
      })
      .finally(() => {
        finished = true;
        notify();
      });
    signal.addEventListener('abort', notify, { once: true });

    try {
      for (;;) {
        if (ready.length > 0) {
          yield ready.shift()!;
          continue;
        }
        if (signal.aborted || finished) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
      ac.abort();
      await all;
      // Let a generator source (a target plan) run its cleanup.
      if (!sourceDone) await source.return?.();
    }
    if (failure && !o.signal?.aborted) throw failure;
  }

  return {
    probeHost,
    sweep,
    stats: () => ({ inFlight, attempts }),
  };
}
