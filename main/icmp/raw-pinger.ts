/**
 * The raw-socket pinger: one raw ICMP socket per address family shared by every probe in
 * flight. A probe is identified by the pinger's ICMP identifier, a 16-bit sequence number that
 * is never reused while in flight, and a 32-bit token in the payload, so late replies,
 * duplicates and other processes' replies (fping, ping) are sorted out. ICMP errors are matched
 * through the original header they quote. Sends go through one token bucket.
 */
import dgram from 'node:dgram';
import { isAddressAllowed, refusedMessage } from '../lib/network-guard.ts';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../lib/logger.ts';
import { decodePacket, encodeEchoRequest, MIN_PAYLOAD, type IpFamily } from './packet.ts';
import { probeTargets } from './probe-targets.ts';
import { createTokenBucket } from '../lib/async/token-bucket.ts';
import type { RawSocket, RawSocketModule } from './raw-socket-loader.ts';
import type { EchoOptions, EchoOutcome, Pinger, PingerCounters, PingMethodInfo } from './types.ts';

const SOL_SOCKET = 1;
const SO_SNDBUF = 7;
const SO_RCVBUF = 8;
const SO_SNDBUFFORCE = 32;
const SO_RCVBUFFORCE = 33;
const IPPROTO_IP = 0;
const IP_TTL = 2;
const IPPROTO_IPV6 = 41;
const IPV6_UNICAST_HOPS = 16;
/** Datagrams read per readable event at most (see drainReceived). */
const MAX_READS_PER_EVENT = 512;
const DEFAULT_TTL = 64;

export interface RawPingerOptions {
  rawSocket: RawSocketModule;
  /** Packets per second for everything this pinger sends (default 1000). */
  ratePerSec?: number;
  burst?: number;
  /** ICMP identifier (default random). */
  identifier?: number;
  logger?: Logger;
  methodInfo?: PingMethodInfo;
}

interface Pending {
  family: IpFamily;
  address: string;
  token: number;
  sequence: number;
  ttl: number;
  packet: Buffer;
  timeoutMs: number;
  sentAt: number;
  timer: NodeJS.Timeout | null;
  done: boolean;
  resolve: (o: EchoOutcome) => void;
  onAbort: (() => void) | null;
  signal: AbortSignal | undefined;
}

interface FamilySocket {
  socket: RawSocket;
  ttl: number;
  pending: Map<number, Pending>;
  nextSeq: number;
}

/** Canonical text of an IP address (IPv6 compressed, lowercase), or null when not an IP. */
export function canonicalIp(address: string): string | null {
  const v = net.isIP(address);
  if (v === 4) return address;
  if (v === 6) {
    try {
      return new URL(`http://[${address}]/`).hostname.slice(1, -1);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Opens the IPv4 socket right away (so missing privilege shows up here as EPERM, for the
 * method detection) and the IPv6 one on first use.
 */
export function createRawPinger(options: RawPingerOptions): Pinger {
  const raw = options.rawSocket;
  const identifier = (options.identifier ?? Math.floor(Math.random() * 0x10000)) & 0xffff;
  const limiter = createTokenBucket(options.ratePerSec ?? 1000, options.burst);
  const log = options.logger;
  const methodInfo: PingMethodInfo = options.methodInfo ?? { method: 'raw', detail: 'raw ICMP sockets (raw-socket)' };
  const counters: PingerCounters = { sent: 0, replies: 0, late: 0, duplicates: 0, badChecksums: 0, errors: 0, inFlight: 0, queued: 0 };
  const sockets = new Map<IpFamily, FamilySocket>();
  const udpPending = new Map<number, { address: string; port: number; sentAt: number; finish: (o: EchoOutcome) => void }>();
  // Recently answered tokens, to tell a duplicate from a late reply.
  const answered = new Set<number>();
  const answeredRing: number[] = [];
  let nextToken = (Math.random() * 0x100000000) >>> 0;
  let closed = false;

  // The send queue: a growing array with a head index (shift() would be O(n) per packet).
  let queue: Pending[] = [];
  let head = 0;
  let pumpTimer: NodeJS.Timeout | null = null;

  function openSocket(family: IpFamily): FamilySocket {
    const existing = sockets.get(family);
    if (existing) return existing;
    const socket = raw.createSocket({
      protocol: family === 4 ? raw.Protocol.ICMP : raw.Protocol.ICMPv6,
      addressFamily: family === 4 ? raw.AddressFamily.IPv4 : raw.AddressFamily.IPv6,
      bufferSize: 65_536,
    });
    // A 10,000-target cycle answers in a burst: give the kernel room to queue it.
    try {
      socket.setOption(SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20);
    } catch {
      try {
        socket.setOption(SOL_SOCKET, SO_RCVBUF, 8 << 20);
      } catch {
        // Keep the default.
      }
    }
    // Echoes to on-link addresses that do not answer ARP wait in the kernel's neighbour queue (up
    // to 3 s) and stay charged to this socket's send buffer meanwhile: with the default buffer a
    // sweep of a mostly empty LAN stalls after a few hundred of them. Room for tens of thousands.
    try {
      socket.setOption(SOL_SOCKET, SO_SNDBUFFORCE, 16 << 20);
    } catch {
      try {
        socket.setOption(SOL_SOCKET, SO_SNDBUF, 16 << 20);
      } catch {
        // Keep the default.
      }
    }
    const fs: FamilySocket = { socket, ttl: DEFAULT_TTL, pending: new Map(), nextSeq: Math.floor(Math.random() * 0x10000) };
    socket.on('message', (buf, source) => {
      onPacket(family, buf, source);
      drainReceived(family, socket);
    });
    socket.on('error', (err) => log?.warn({ err, family }, 'raw ICMP socket error'));
    sockets.set(family, fs);
    return fs;
  }

  /**
   * raw-socket reads one datagram per readable event, i.e. one per event-loop turn: in a busy
   * engine (turns of several ms) replies then wait in the kernel, RTTs grow and checks time out.
   * Read what is waiting now (bounded, so one burst does not hold the loop).
   */
  function drainReceived(family: IpFamily, socket: RawSocket): void {
    const { wrap, buffer } = socket;
    if (!wrap || !buffer) return;
    for (let i = 0; i < MAX_READS_PER_EVENT; i++) {
      let got: { buf: Buffer; source: string } | undefined;
      try {
        wrap.recv(buffer, (b, bytes, source) => (got = { buf: b.subarray(0, bytes), source }));
      } catch {
        return; // nothing waiting (EAGAIN); a real error surfaces on the next readable event
      }
      if (!got) return;
      onPacket(family, got.buf, got.source);
    }
  }

  function remember(token: number): void {
    answered.add(token);
    answeredRing.push(token);
    if (answeredRing.length > 8192) answered.delete(answeredRing.shift()!);
  }

  function finish(p: Pending, outcome: EchoOutcome): void {
    if (p.done) return;
    p.done = true;
    if (p.timer) clearTimeout(p.timer);
    const fs = sockets.get(p.family);
    if (fs && fs.pending.get(p.sequence) === p) {
      fs.pending.delete(p.sequence);
      counters.inFlight--;
    }
    if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort);
    p.resolve(outcome);
  }

  function onPacket(family: IpFamily, buf: Buffer, source: string): void {
    const fs = sockets.get(family);
    if (!fs) return;
    const d = decodePacket(family, buf);
    const now = performance.now();
    if (d.kind === 'reply') {
      if (d.identifier !== identifier || d.token === null) return; // someone else's ping
      const p = fs.pending.get(d.sequence);
      if (!p || p.token !== d.token) {
        if (answered.has(d.token)) counters.duplicates++;
        else counters.late++;
        return;
      }
      if (!d.checksumOk) {
        counters.badChecksums++;
        return;
      }
      if (canonicalIp(source) !== p.address) return;
      counters.replies++;
      remember(p.token);
      finish(p, { status: 'reply', rttMs: now - p.sentAt, from: p.address, ttl: d.ttl });
      return;
    }
    if (d.kind !== 'error') return;
    const o = d.original;
    const from = canonicalIp(source) ?? source;
    if (o.protocol === 'icmp') {
      if (o.identifier !== identifier) return;
      const p = fs.pending.get(o.sequence);
      if (!p || canonicalIp(o.destination) !== p.address || (o.token !== null && o.token !== p.token)) return;
      counters.errors++;
      finish(p, { status: d.error, rttMs: now - p.sentAt, from, code: d.code });
      return;
    }
    const u = udpPending.get(o.sourcePort);
    if (!u || canonicalIp(o.destination) !== u.address || o.destinationPort !== u.port) return;
    counters.errors++;
    // Port unreachable from the target itself is traceroute -U's "arrived".
    const arrived = d.error === 'unreachable' && from === u.address;
    u.finish(arrived ? { status: 'reply', rttMs: now - u.sentAt, from, ttl: null } : { status: d.error, rttMs: now - u.sentAt, from, code: d.code });
  }

  function allocateSequence(fs: FamilySocket): number | null {
    if (fs.pending.size >= 0x10000) return null;
    for (;;) {
      const seq = fs.nextSeq;
      fs.nextSeq = (fs.nextSeq + 1) & 0xffff;
      if (!fs.pending.has(seq)) return seq;
    }
  }

  function transmit(p: Pending): void {
    if (!isAddressAllowed(p.address)) {
      finish(p, { status: 'error', message: refusedMessage(p.address) });
      return;
    }
    const fs = openSocket(p.family);
    const seq = allocateSequence(fs);
    if (seq === null) {
      finish(p, { status: 'error', message: 'too many probes in flight' });
      return;
    }
    p.sequence = seq;
    p.packet = encodeEchoRequest({ family: p.family, identifier, sequence: seq, token: p.token, payloadSize: p.packet.length, sentNs: process.hrtime.bigint() });
    fs.pending.set(seq, p);
    counters.inFlight++;
    fs.socket.send(
      p.packet,
      0,
      p.packet.length,
      p.address,
      () => {
        // Runs right before the sendto(): per-probe TTL on the shared socket, and the clock.
        if (fs.ttl !== p.ttl) {
          try {
            if (p.family === 4) fs.socket.setOption(IPPROTO_IP, IP_TTL, p.ttl);
            else fs.socket.setOption(IPPROTO_IPV6, IPV6_UNICAST_HOPS, p.ttl);
            fs.ttl = p.ttl;
          } catch (err) {
            log?.warn({ err }, 'could not set TTL');
          }
        }
        p.sentAt = performance.now();
        counters.sent++;
        if (!p.done) p.timer = setTimeout(() => finish(p, { status: 'timeout' }), p.timeoutMs);
      },
      (err) => {
        if (err) finish(p, { status: 'error', message: err.message });
      },
    );
    // raw-socket would send it on its next writable event, one datagram per event-loop turn: a busy
    // engine then sends fewer than its rate. The pump already paced it: send it now (queue order kept).
    fs.socket.onSendReady?.();
  }

  function pump(): void {
    pumpTimer = null;
    const now = performance.now();
    while (head < queue.length) {
      const p = queue[head]!;
      if (p.done) {
        head++;
        continue;
      }
      if (limiter.take(now, 1) === 0) break;
      head++;
      transmit(p);
    }
    if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    counters.queued = queue.length - head;
    if (head < queue.length) pumpTimer = setTimeout(pump, Math.max(1, limiter.waitMs(performance.now())));
  }

  function echoUdp(address: string, family: IpFamily, o: EchoOptions): Promise<EchoOutcome> {
    // One datagram socket per UDP probe: its own TTL and source port, no races between probes.
    openSocket(family); // the answers are ICMP errors, read on the raw socket
    const port = o.port ?? 33434;
    return new Promise((resolve) => {
      const sock = dgram.createSocket(family === 4 ? 'udp4' : 'udp6');
      let srcPort = -1;
      let timer: NodeJS.Timeout | null = null;
      let done = false;
      const end = (outcome: EchoOutcome): void => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        if (srcPort >= 0) udpPending.delete(srcPort);
        o.signal?.removeEventListener('abort', onAbort);
        sock.close();
        resolve(outcome);
      };
      const onAbort = (): void => end({ status: 'cancelled' });
      o.signal?.addEventListener('abort', onAbort, { once: true });
      sock.on('error', (err) => end({ status: 'error', message: err.message }));
      sock.bind(0, () => {
        if (done) return;
        srcPort = sock.address().port;
        sock.setTTL(o.ttl ?? DEFAULT_TTL);
        const entry = { address, port, sentAt: performance.now(), finish: end };
        udpPending.set(srcPort, entry);
        if (!isAddressAllowed(address)) {
          end({ status: 'error', message: refusedMessage(address) });
          return;
        }
        counters.sent++;
        sock.send(Buffer.alloc(Math.max(0, (o.size ?? 32) - 8)), port, address, (err) => {
          if (err) end({ status: 'error', message: err.message });
        });
        timer = setTimeout(() => end({ status: 'timeout' }), o.timeoutMs ?? 1000);
      });
    });
  }

  function echo(address: string, o: EchoOptions = {}): Promise<EchoOutcome> {
    if (closed) return Promise.resolve({ status: 'cancelled' });
    const ip = canonicalIp(address);
    if (ip === null) return Promise.resolve({ status: 'error', message: `not an IP address: ${address}` });
    if (o.signal?.aborted) return Promise.resolve({ status: 'cancelled' });
    const family: IpFamily = net.isIP(ip) === 6 ? 6 : 4;
    if (o.protocol === 'udp') return echoUdp(ip, family, o);
    const size = Math.max(MIN_PAYLOAD, o.size ?? 56);
    return new Promise((resolve) => {
      const p: Pending = {
        family,
        address: ip,
        token: (nextToken = (nextToken + 1) >>> 0),
        sequence: -1,
        ttl: o.ttl ?? DEFAULT_TTL,
        packet: Buffer.alloc(size), // placeholder: its length is the payload size until transmit()
        timeoutMs: o.timeoutMs ?? 1000,
        sentAt: 0,
        timer: null,
        done: false,
        resolve,
        onAbort: null,
        signal: o.signal,
      };
      if (o.signal) {
        p.onAbort = () => finish(p, { status: 'cancelled' });
        o.signal.addEventListener('abort', p.onAbort, { once: true });
      }
      queue.push(p);
      counters.queued++;
      if (!pumpTimer) pump();
    });
  }

  const pinger: Pinger = {
    method: methodInfo.method,
    methodInfo,
    echo,
    probe: (addresses, options) => probeTargets(echo, addresses, options),
    counters: () => ({ ...counters }),
    close() {
      if (closed) return;
      closed = true;
      if (pumpTimer) clearTimeout(pumpTimer);
      for (let i = head; i < queue.length; i++) finish(queue[i]!, { status: 'cancelled' });
      queue = [];
      head = 0;
      for (const fs of sockets.values()) {
        for (const p of [...fs.pending.values()]) finish(p, { status: 'cancelled' });
        fs.socket.close();
      }
      for (const u of [...udpPending.values()]) u.finish({ status: 'cancelled' });
      sockets.clear();
    },
  };
  openSocket(4);
  return pinger;
}
