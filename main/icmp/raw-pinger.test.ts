import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { internetChecksum } from './packet.ts';
import { canonicalIp, createRawPinger } from './raw-pinger.ts';
import type { RawSocket, RawSocketModule } from './raw-socket-loader.ts';

/** A raw-socket stand-in: records what is sent and lets the test deliver packets. */
function fakeRaw() {
  const sent: Array<{ buf: Buffer; address: string }> = [];
  const options: Array<[number, number, number]> = [];
  const sockets: Array<EventEmitter> = [];
  const mod: RawSocketModule = {
    AddressFamily: { IPv4: 1, IPv6: 2 },
    Protocol: { ICMP: 1, ICMPv6: 58 },
    createSocket() {
      const ee = new EventEmitter();
      sockets.push(ee);
      const s = Object.assign(ee, {
        send(buf: Buffer, _o: number, _l: number, address: string, before: (() => void) | null, after: (err: Error | null, n: number) => void) {
          queueMicrotask(() => {
            before?.();
            sent.push({ buf: Buffer.from(buf), address });
            after(null, buf.length);
          });
          return s;
        },
        setOption(level: number, option: number, value: number) {
          options.push([level, option, value]);
        },
        close() {
          return s;
        },
      });
      return s as unknown as RawSocket;
    },
  };
  const deliver = (buf: Buffer, source: string) => sockets[0]!.emit('message', buf, source);
  return { mod, sent, options, deliver };
}

function ipv4(src: string, payload: Buffer, proto = 1): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h[8] = 64;
  h[9] = proto;
  src.split('.').forEach((p, i) => (h[12 + i] = Number(p)));
  return Buffer.concat([h, payload]);
}
function replyTo(req: Buffer, mutate?: (r: Buffer) => void): Buffer {
  const r = Buffer.from(req);
  r[0] = 0;
  mutate?.(r);
  r.writeUInt16BE(0, 2);
  r.writeUInt16BE(internetChecksum(r), 2);
  return r;
}
const tick = () => new Promise((r) => setImmediate(r));

/**
 * A stand-in that works as raw-socket does: send() queues the datagram and the socket sends one
 * per writable event; the kernel's receive queue is read one datagram per readable event (or by
 * wrap.recv, which throws when it is empty, like EAGAIN). `turn()` is one event-loop turn.
 */
function raw1PerTurn() {
  const requests: Array<{ buf: Buffer; address: string; before: (() => void) | null; after: (err: Error | null, n: number) => void }> = [];
  const sent: Array<{ buf: Buffer; address: string }> = [];
  const kernel: Array<{ buf: Buffer; source: string }> = [];
  let socket: (EventEmitter & RawSocket) | undefined;
  const buffer = Buffer.alloc(4096);
  const recv = (buf: Buffer, cb: (b: Buffer, bytes: number, source: string) => void) => {
    const d = kernel.shift();
    if (!d) throw new Error('Resource temporarily unavailable');
    d.buf.copy(buf);
    cb(buf, d.buf.length, d.source);
  };
  const mod: RawSocketModule = {
    AddressFamily: { IPv4: 1, IPv6: 2 },
    Protocol: { ICMP: 1, ICMPv6: 58 },
    createSocket() {
      const s = Object.assign(new EventEmitter(), {
        buffer,
        wrap: { recv },
        send(buf: Buffer, _o: number, _l: number, address: string, before: (() => void) | null, after: (err: Error | null, n: number) => void) {
          requests.push({ buf, address, before, after });
          return s;
        },
        onSendReady() {
          const r = requests.shift();
          if (!r) return;
          r.before?.();
          sent.push({ buf: Buffer.from(r.buf), address: r.address });
          r.after(null, r.buf.length);
        },
        setOption() {},
        close() {
          return s;
        },
      });
      socket = s as unknown as EventEmitter & RawSocket;
      return socket;
    },
  };
  /** One event-loop turn: one writable event and one readable event, as raw-socket gets them. */
  const turn = () => {
    socket?.onSendReady?.();
    if (kernel.length) recv(buffer, (b, bytes, source) => socket?.emit('message', b.subarray(0, bytes), source));
  };
  return { mod, sent, kernel, turn, queued: () => requests.length };
}

describe('raw pinger throughput on a busy event loop', () => {
  it('sends every paced probe at once and reads every waiting reply on one readable event, not one per turn', async () => {
    const f = raw1PerTurn();
    const p = createRawPinger({ rawSocket: f.mod, identifier: 0x4242, ratePerSec: 100_000, burst: 1000 });
    const targets = Array.from({ length: 200 }, (_, i) => `198.18.2.${i + 1}`);
    const echoes = targets.map((a) => p.echo(a, { timeoutMs: 5000 }));
    // All 200 went out without waiting for 200 writable events (nothing left in raw-socket's queue).
    expect(f.sent.map((x) => x.address)).toEqual(targets);
    expect(f.queued()).toBe(0);
    // Every reply is waiting in the kernel: one turn (one readable event) answers them all.
    for (const x of f.sent) f.kernel.push({ buf: ipv4(x.address, replyTo(x.buf)), source: x.address });
    f.turn();
    expect(f.kernel).toHaveLength(0);
    const outcomes = await Promise.all(echoes);
    expect(outcomes.every((o) => o.status === 'reply')).toBe(true);
    expect(p.counters()).toMatchObject({ sent: 200, replies: 200, inFlight: 0 });
    p.close();
  });
});

describe('raw pinger matching', () => {
  it('matches replies by identifier, sequence and token; ignores others', async () => {
    const f = fakeRaw();
    const p = createRawPinger({ rawSocket: f.mod, identifier: 0x1111 });
    const a = p.echo('198.18.1.10', { timeoutMs: 1000 });
    const b = p.echo('198.18.1.11', { timeoutMs: 1000 });
    await tick();
    expect(f.sent.map((s) => s.address)).toEqual(['198.18.1.10', '198.18.1.11']);
    const [ra, rb] = f.sent.map((s) => s.buf);
    // Someone else's ping (other identifier) and a forged token are not ours.
    f.deliver(ipv4('198.18.1.10', replyTo(ra!, (r) => r.writeUInt16BE(0x2222, 4))), '198.18.1.10');
    f.deliver(ipv4('198.18.1.10', replyTo(ra!, (r) => r.writeUInt32BE(1, 12))), '198.18.1.10');
    // A reply whose checksum is wrong is not accepted.
    const bad = replyTo(rb!);
    bad[40] = (bad[40]! ^ 0xff) & 0xff;
    f.deliver(ipv4('198.18.1.11', bad), '198.18.1.11');
    f.deliver(ipv4('198.18.1.11', replyTo(rb!)), '198.18.1.11');
    f.deliver(ipv4('198.18.1.10', replyTo(ra!)), '198.18.1.10');
    f.deliver(ipv4('198.18.1.10', replyTo(ra!)), '198.18.1.10'); // duplicate
    expect(await a).toMatchObject({ status: 'reply', from: '198.18.1.10' });
    expect(await b).toMatchObject({ status: 'reply', from: '198.18.1.11' });
    expect(p.counters()).toMatchObject({ sent: 2, replies: 2, duplicates: 1, late: 1, badChecksums: 1, inFlight: 0 });
    p.close();
  });

  it('a late reply does not answer the next probe to the same host', async () => {
    const f = fakeRaw();
    const p = createRawPinger({ rawSocket: f.mod, identifier: 7 });
    const first = p.echo('198.18.1.10', { timeoutMs: 20 });
    expect(await first).toEqual({ status: 'timeout' });
    const second = p.echo('198.18.1.10', { timeoutMs: 200 });
    await tick();
    f.deliver(ipv4('198.18.1.10', replyTo(f.sent[0]!.buf)), '198.18.1.10'); // the first one's reply, late
    expect(p.counters()).toMatchObject({ late: 1, inFlight: 1 });
    f.deliver(ipv4('198.18.1.10', replyTo(f.sent[1]!.buf)), '198.18.1.10');
    expect(await second).toMatchObject({ status: 'reply' });
    p.close();
  });

  it('matches ICMP errors through the quoted header and sets the TTL per probe', async () => {
    const f = fakeRaw();
    const p = createRawPinger({ rawSocket: f.mod, identifier: 9 });
    const probe = p.echo('198.18.1.240', { ttl: 2, timeoutMs: 500 });
    await tick();
    expect(f.options).toContainEqual([0, 2, 2]); // IPPROTO_IP, IP_TTL, 2
    const quotedIp = Buffer.alloc(20);
    quotedIp[0] = 0x45;
    quotedIp[9] = 1;
    [198, 18, 1, 240].forEach((v, i) => (quotedIp[16 + i] = v));
    const err = Buffer.from([11, 0, 0, 0, 0, 0, 0, 0]);
    // Quoting a probe to another destination is not a match.
    const wrongDst = Buffer.from(quotedIp);
    wrongDst[19] = 241;
    f.deliver(ipv4('198.18.1.227', Buffer.concat([err, wrongDst, f.sent[0]!.buf])), '198.18.1.227');
    f.deliver(ipv4('198.18.1.227', Buffer.concat([err, quotedIp, f.sent[0]!.buf.subarray(0, 8)])), '198.18.1.227');
    expect(await probe).toMatchObject({ status: 'ttl-exceeded', from: '198.18.1.227', code: 0 });
    p.close();
  });

  it('cancels through an AbortSignal and on close, and rejects non-addresses', async () => {
    const f = fakeRaw();
    const p = createRawPinger({ rawSocket: f.mod });
    const ac = new AbortController();
    const a = p.echo('198.18.1.10', { signal: ac.signal });
    const b = p.echo('198.18.1.11');
    ac.abort();
    expect(await a).toEqual({ status: 'cancelled' });
    p.close();
    expect(await b).toEqual({ status: 'cancelled' });
    expect(await p.echo('198.18.1.10')).toEqual({ status: 'cancelled' });
    expect(await createRawPinger({ rawSocket: fakeRaw().mod }).echo('host.example')).toMatchObject({ status: 'error' });
  });

  it('keeps to the rate limit', async () => {
    const f = fakeRaw();
    const p = createRawPinger({ rawSocket: f.mod, ratePerSec: 200, burst: 1 });
    const all = Array.from({ length: 10 }, (_, i) => p.echo(`198.18.1.${10 + i}`, { timeoutMs: 5 }));
    await tick();
    expect(f.sent.length).toBeLessThanOrEqual(2); // the rest wait for tokens (5 ms each)
    await Promise.all(all);
    expect(f.sent.length).toBe(10);
    p.close();
  });

  it('canonicalises addresses', () => {
    expect(canonicalIp('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalIp('FE80::A')).toBe('fe80::a');
    expect(canonicalIp('198.18.1.1')).toBe('198.18.1.1');
    expect(canonicalIp('nope')).toBeNull();
  });
});
