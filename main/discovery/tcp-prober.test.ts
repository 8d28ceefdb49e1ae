import { describe, expect, it } from 'vitest';
import { createPacer } from '../lib/async/pacer.ts';
import { createTcpProber, tcpConnect, type ConnectFn } from './tcp-prober.ts';
import net from 'node:net';

/** A fake network: per address, per port, what connect() returns and after how long. */
function fakeNet(table: Record<string, Record<number, 'open' | 'closed' | 'filtered'>>) {
  const log: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const connect: ConnectFn = (address, port, timeoutMs, signal) =>
    new Promise((resolve) => {
      log.push(`${address}:${port}`);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const state = table[address]?.[port] ?? 'filtered';
      const done = (r: Awaited<ReturnType<ConnectFn>>) => {
        inFlight--;
        clearTimeout(t);
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const onAbort = () => done({ state: 'cancelled', rttMs: null });
      signal.addEventListener('abort', onAbort);
      const t = setTimeout(() => done(state === 'filtered' ? { state, rttMs: null } : { state, rttMs: 1, ...(state === 'closed' ? { code: 'ECONNREFUSED' } : {}) }), state === 'filtered' ? timeoutMs : 1);
    });
  return { connect, log, maxInFlight: () => maxInFlight };
}

describe('tcp prober', () => {
  it('turns open and refused ports into alive evidence, silence into filtered', async () => {
    const net = fakeNet({ '198.18.7.10': { 22: 'open', 80: 'closed' }, '198.18.7.11': { 22: 'closed', 80: 'closed' } });
    const prober = createTcpProber({ ratePerSec: 10_000, connect: net.connect });
    const results = [];
    for await (const r of prober.sweep(['198.18.7.10', '198.18.7.11', '198.18.7.12'], { ports: [22, 80], timeoutMs: 30 })) results.push(r);
    const by = Object.fromEntries(results.map((r) => [r.address, r]));
    expect(by['198.18.7.10']).toMatchObject({ alive: true, evidence: 'open', openPorts: [22], closedPorts: [80] });
    expect(by['198.18.7.11']).toMatchObject({ alive: true, evidence: 'refused', openPorts: [], closedPorts: [22, 80] });
    expect(by['198.18.7.12']).toMatchObject({ alive: false, evidence: null, rttMs: null });
    expect(by['198.18.7.12']!.ports.map((p) => p.state)).toEqual(['filtered', 'filtered']);
  });

  it('retries only silent ports', async () => {
    const net = fakeNet({ '198.18.7.10': { 22: 'open' } });
    const prober = createTcpProber({ ratePerSec: 10_000, connect: net.connect });
    const r = await prober.probeHost('198.18.7.10', { ports: [22, 23], timeoutMs: 10, retries: 2 });
    expect(r.ports).toMatchObject([
      { port: 22, state: 'open', attempts: 1 },
      { port: 23, state: 'filtered', attempts: 3 },
    ]);
    expect(net.log.filter((l) => l.endsWith(':23'))).toHaveLength(3);
  });

  it('honours the rate limit and the concurrency cap', async () => {
    const net = fakeNet({});
    const prober = createTcpProber({ pacer: createPacer(400, { burst: 1 }), concurrency: 5, connect: net.connect });
    const t0 = performance.now();
    const hosts = Array.from({ length: 20 }, (_, i) => `198.18.7.${i + 1}`);
    let n = 0;
    for await (const _ of prober.sweep(hosts, { ports: [80, 443], timeoutMs: 5 })) n++;
    expect(n).toBe(20);
    // 40 SYNs at 400/s: at least ~97 ms.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    expect(net.maxInFlight()).toBeLessThanOrEqual(5);
    expect(prober.stats()).toEqual({ inFlight: 0, attempts: 40 });
  });

  it('pulls addresses lazily', async () => {
    const net = fakeNet({});
    const prober = createTcpProber({ ratePerSec: 10_000, concurrency: 4, connect: net.connect });
    let pulled = 0;
    function* endless() {
      for (let i = 0; ; i++) {
        pulled++;
        yield `10.0.${(i >> 8) & 255}.${i & 255}`;
      }
    }
    let n = 0;
    for await (const _ of prober.sweep(endless(), { ports: [80], timeoutMs: 1 })) if (++n === 10) break;
    expect(pulled).toBeLessThan(20);
    expect(prober.stats().inFlight).toBe(0);
  });

  it('stops at once on abort and ends without error', async () => {
    const net = fakeNet({});
    const prober = createTcpProber({ ratePerSec: 10_000, concurrency: 50, connect: net.connect });
    const ac = new AbortController();
    const hosts = Array.from({ length: 1000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    setTimeout(() => ac.abort(), 20);
    const t0 = performance.now();
    let n = 0;
    for await (const _ of prober.sweep(hosts, { ports: [80], timeoutMs: 60_000, signal: ac.signal })) n++;
    expect(n).toBe(0);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(prober.stats().inFlight).toBe(0);
    await expect(prober.probeHost('10.0.0.1', { ports: [80], timeoutMs: 10, signal: ac.signal })).rejects.toBeDefined();
  });

  it('real sockets on loopback: open and refused', async () => {
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const open = (server.address() as net.AddressInfo).port;
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closed = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    try {
      const ac = new AbortController();
      expect(await tcpConnect('127.0.0.1', open, 1000, ac.signal)).toMatchObject({ state: 'open' });
      expect(await tcpConnect('127.0.0.1', closed, 1000, ac.signal)).toMatchObject({ state: 'closed', code: 'ECONNREFUSED' });
      const prober = createTcpProber();
      expect(await prober.probeHost('127.0.0.1', { ports: [open, closed], timeoutMs: 1000 })).toMatchObject({ alive: true, openPorts: [open], closedPorts: [closed] });
    } finally {
      server.close();
    }
  });
});
