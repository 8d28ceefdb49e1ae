/**
 * Bounded UDP sockets for many SNMP sessions.
 *
 * net-snmp opens one UDP socket per Session. Polling thousands of devices that way costs
 * thousands of file descriptors. Instead every Session gets a *virtual* socket from this pool
 * (net-snmp's `dgramModule` option); virtual sockets share a small, fixed number of real sockets
 * (`size` per address family, default 8). A real socket sends for all its virtual sockets and
 * hands each datagram to the virtual sockets whose agent (address:port) it came from; each net-snmp
 * Session then matches it to a request by request id (or msgID in v3), as it would on its own socket.
 * Datagrams from addresses no session talks to are dropped and counted (`strayPackets`).
 *
 * Every datagram from a known agent is first checked strictly (ber-check.ts): a malformed one is
 * counted (`malformedPackets`), never reaches net-snmp (whose lenient reader would turn it into
 * wrong values), and is reported to the virtual sockets of that agent (`onMalformed`), whose
 * session fails the request it answers. Delivery into net-snmp runs inside try/catch: a hostile packet that makes the library throw is
 * counted (`handlerErrors`), reported to that virtual socket's `onHostile`, and goes no further.
 * Real sockets are unref'd while no virtual socket has a request in flight, are created lazily, and
 * close when their last virtual socket closes.
 */
import dgram from 'node:dgram';
import { type BerFault, checkSnmpMessage } from './ber-check.ts';
import { isAddressAllowed, refusedMessage } from '../lib/network-guard.ts';
import type { Logger } from '../lib/logger.ts';
import type { DgramLikeModule, DgramLikeSocket } from './net-snmp-lib.ts';

export interface SocketPoolOptions {
  /** Real sockets per address family (udp4, udp6). Default 8. */
  size?: number;
  /** SO_RCVBUF asked for each real socket, so a burst of answers is not dropped. Default 4 MiB. */
  recvBufferBytes?: number;
  logger?: Logger;
}

/** Counters for the health view and the benchmark. */
export interface SocketPoolStats {
  /** Real UDP sockets open now (the number of file descriptors this pool holds). */
  openSockets: number;
  /** The most real sockets ever open at once. */
  peakSockets: number;
  /** Virtual sockets (one per live session). */
  virtualSockets: number;
  packetsSent: number;
  packetsReceived: number;
  /** Datagrams from an address no session was talking to. */
  strayPackets: number;
  /** Datagrams that failed the strict BER check (dropped before net-snmp saw them). */
  malformedPackets: number;
  /** Datagrams that made the SNMP library throw (malformed or hostile). */
  handlerErrors: number;
}

type Listener = (...args: unknown[]) => void;

interface RealSocket {
  socket: dgram.Socket;
  family: 'udp4' | 'udp6';
  /** agent 'address|port' -> the virtual sockets talking to it. */
  routes: Map<string, Set<VirtualSocket>>;
  members: Set<VirtualSocket>;
  /** Virtual sockets with requests in flight (net-snmp ref()s them). */
  refs: number;
}

/** A net-snmp-facing socket that borrows a real one. */
export class VirtualSocket implements DgramLikeSocket {
  private readonly listeners = new Map<string, Listener[]>();
  private readonly routeKeys = new Set<string>();
  private refed = false;
  private closed = false;
  /** Called when a datagram from this socket's agent made the library throw. */
  onHostile: ((err: unknown) => void) | undefined;
  /** Called with what was wrong when a datagram from this socket's agent failed the BER check. */
  onMalformed: ((fault: BerFault) => void) | undefined;
  private readonly pool: SocketPoolImpl;
  readonly real: RealSocket;

  constructor(pool: SocketPoolImpl, real: RealSocket) {
    this.pool = pool;
    this.real = real;
  }

  on(event: string, listener: (...args: never[]) => void): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener);
    this.listeners.set(event, list);
    return this;
  }

  /** Calls the listeners of `event`; a throw is contained and reported (see class comment). */
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(...args);
      } catch (err) {
        this.pool.counters.handlerErrors++;
        this.pool.logger?.debug({ err }, 'snmp: response handler threw; dropped the datagram');
        this.onHostile?.(err);
      }
    }
  }

  send(buffer: Buffer, offset: number, length: number, port: number, address: string, cb: (error: Error | null, bytes?: number) => void): void {
    if (this.closed) {
      queueMicrotask(() => cb(new Error('socket closed')));
      return;
    }
    const key = `${address}|${port}`;
    if (!this.routeKeys.has(key)) {
      this.routeKeys.add(key);
      let set = this.real.routes.get(key);
      if (!set) this.real.routes.set(key, (set = new Set()));
      set.add(this);
    }
    if (!isAddressAllowed(address)) {
      queueMicrotask(() => cb(new Error(refusedMessage(address))));
      return;
    }
    this.pool.counters.packetsSent++;
    this.real.socket.send(buffer, offset, length, port, address, (err, bytes) => cb(err ?? null, bytes));
  }

  bind(): this {
    // Sessions with a source address/port would need their own socket; the pool does not offer that.
    return this;
  }

  ref(): this {
    if (!this.refed && !this.closed) {
      this.refed = true;
      if (this.real.refs++ === 0) this.real.socket.ref();
    }
    return this;
  }

  unref(): this {
    if (this.refed) {
      this.refed = false;
      if (--this.real.refs === 0) this.real.socket.unref();
    }
    return this;
  }

  close(): void {
    if (this.closed) return;
    this.unref();
    this.closed = true;
    for (const key of this.routeKeys) {
      const set = this.real.routes.get(key);
      set?.delete(this);
      if (set && set.size === 0) this.real.routes.delete(key);
    }
    this.routeKeys.clear();
    this.pool.release(this);
    // dgram emits 'close' asynchronously; net-snmp then fails the requests still pending.
    setImmediate(() => this.emit('close'));
  }
}

class SocketPoolImpl {
  readonly counters = { packetsSent: 0, packetsReceived: 0, strayPackets: 0, malformedPackets: 0, handlerErrors: 0 };
  private readonly reals: { udp4: RealSocket[]; udp6: RealSocket[] } = { udp4: [], udp6: [] };
  private virtualCount = 0;
  private peak = 0;
  private readonly size: number;
  private readonly recvBufferBytes: number;
  readonly logger: Logger | undefined;

  constructor(options: SocketPoolOptions) {
    this.size = Math.max(1, options.size ?? 8);
    this.recvBufferBytes = options.recvBufferBytes ?? 4 * 1024 * 1024;
    this.logger = options.logger;
  }

  open(family: 'udp4' | 'udp6'): VirtualSocket {
    const list = this.reals[family];
    let real: RealSocket | undefined;
    if (list.length < this.size) real = this.createReal(family);
    else real = list.reduce((a, b) => (b.members.size < a.members.size ? b : a));
    const v = new VirtualSocket(this, real);
    real.members.add(v);
    this.virtualCount++;
    return v;
  }

  release(v: VirtualSocket): void {
    const real = v.real;
    if (!real.members.delete(v)) return;
    this.virtualCount--;
    if (real.members.size === 0) {
      const list = this.reals[real.family];
      list.splice(list.indexOf(real), 1);
      real.socket.close();
    }
  }

  private createReal(family: 'udp4' | 'udp6'): RealSocket {
    const socket = dgram.createSocket({ type: family });
    const real: RealSocket = { socket, family, routes: new Map(), members: new Set(), refs: 0 };
    socket.on('message', (msg, rinfo) => {
      this.counters.packetsReceived++;
      const set = real.routes.get(`${rinfo.address}|${rinfo.port}`);
      if (!set) {
        this.counters.strayPackets++;
        return;
      }
      const verdict = checkSnmpMessage(msg);
      if (!verdict.ok) {
        this.counters.malformedPackets++;
        this.logger?.debug({ from: `${rinfo.address}:${rinfo.port}`, reason: verdict.reason, offset: verdict.offset, requestId: verdict.requestId }, 'snmp: malformed datagram dropped');
        for (const v of set) v.onMalformed?.(verdict);
        return;
      }
      for (const v of set) v.emit('message', msg, rinfo);
    });
    socket.on('error', (err) => {
      this.logger?.warn({ err }, 'snmp: UDP socket error');
      for (const v of real.members) v.emit('error', err);
    });
    socket.on('listening', () => {
      try {
        socket.setRecvBufferSize(this.recvBufferBytes);
      } catch {
        // Capped by net.core.rmem_max: the default buffer still works, bursts may drop more.
      }
    });
    socket.bind(0);
    socket.unref();
    this.reals[family].push(real);
    this.peak = Math.max(this.peak, this.reals.udp4.length + this.reals.udp6.length);
    return real;
  }

  stats(): SocketPoolStats {
    return { openSockets: this.reals.udp4.length + this.reals.udp6.length, peakSockets: this.peak, virtualSockets: this.virtualCount, ...this.counters };
  }
}

/** A pool of real UDP sockets shared by many net-snmp sessions. */
export interface SocketPool {
  /** A dgram-like module whose one socket is `socket`: pass it as net-snmp's `dgramModule`. */
  moduleFor(socket: VirtualSocket): DgramLikeModule;
  /** A new virtual socket on the least-used real socket of that family. */
  open(family: 'udp4' | 'udp6'): VirtualSocket;
  stats(): SocketPoolStats;
}

/** Creates a socket pool. Real sockets close by themselves when their last session closes. */
export function createSocketPool(options: SocketPoolOptions = {}): SocketPool {
  const impl = new SocketPoolImpl(options);
  return {
    moduleFor: (socket) => ({ createSocket: () => socket }),
    open: (family) => impl.open(family),
    stats: () => impl.stats(),
  };
}
