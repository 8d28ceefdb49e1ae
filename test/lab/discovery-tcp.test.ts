/**
 * TCP connect probes against real listeners in a lab namespace (probe side: the root namespace,
 * so the prober runs in-process): open ports, refused ports as alive evidence, a host that drops
 * ICMP but has an open port, silent addresses, a filtered port on a live host, and cancel.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTcpProber, type TcpHostResult } from '../../main/discovery/tcp-prober.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { startListeners } from './discovery-support.ts';
import { rawPing } from './raw-ping.ts';

const PORTS = [22, 80, 443, 3389, 8080];

async function collect(gen: AsyncIterable<TcpHostResult>): Promise<Map<string, TcpHostResult>> {
  const out = new Map<string, TcpHostResult>();
  for await (const r of gen) out.set(r.address, r);
  return out;
}

describeLab('discovery: TCP connect probes', () => {
  let lab: Lab;
  let listeners: ChildProcess | undefined;
  let empty: string[];

  beforeAll(async () => {
    lab = await createLab({ name: 'disc-tcp', probe: 'root', hosts: [{ name: 'web' }, { name: 'dark' }, { name: 'plain' }] });
    const { web, dark } = lab.hosts;
    listeners = await startListeners(lab, [`${web}:80`, `${web}:443`, `${dark}:22`]);
    await lab.blockIcmp('dark');
    // A live host with one port silently dropped: filtered, but the host is still alive.
    const r = await lab.execInLab('iptables', ['-A', 'INPUT', '-d', web!, '-p', 'tcp', '--dport', '8080', '-j', 'DROP']);
    expect(r.code).toBe(0);
    const base = lab.prefix.split('/')[0]!.split('.').slice(0, 3).join('.');
    empty = Array.from({ length: 10 }, (_, i) => `${base}.${50 + i}`);
  });

  afterAll(async () => {
    listeners?.kill('SIGTERM');
    await lab?.destroy();
  });

  it('finds open ports, counts refused ports as alive, and reports silence as filtered', async () => {
    const { web, dark, plain } = lab.hosts;
    const prober = createTcpProber({ ratePerSec: 2000 });
    const results = await collect(prober.sweep([web!, dark!, plain!, ...empty], { ports: PORTS, timeoutMs: 400 }));
    expect(results.size).toBe(3 + empty.length);

    expect(results.get(web!)).toMatchObject({ alive: true, evidence: 'open', openPorts: [80, 443], closedPorts: [22, 3389] });
    expect(results.get(web!)!.ports.find((p) => p.port === 8080)).toMatchObject({ state: 'filtered', rttMs: null });

    // Drops ICMP, yet found through its open port.
    expect((await rawPing(dark!, 300)).rttMs).toBeNull();
    expect(results.get(dark!)).toMatchObject({ alive: true, evidence: 'open', openPorts: [22] });

    // Nothing listening: every port refused, which proves the host is there.
    expect(results.get(plain!)).toMatchObject({ alive: true, evidence: 'refused', openPorts: [], closedPorts: PORTS });
    expect(results.get(plain!)!.rttMs).toBeGreaterThan(0);

    for (const a of empty) {
      const r = results.get(a)!;
      expect(r.alive, a).toBe(false);
      expect(new Set(r.ports.map((p) => p.state))).toEqual(new Set(['filtered']));
    }
    expect(prober.stats().inFlight).toBe(0);
  });

  it('cancel stops probing within a second and leaves no half-open connection', async () => {
    const base = lab.prefix.split('/')[0]!.split('.').slice(0, 3).join('.');
    const dead = Array.from({ length: 100 }, (_, i) => `${base}.${100 + i}`);
    const prober = createTcpProber({ ratePerSec: 2000, concurrency: 128 });
    const ac = new AbortController();
    const started = performance.now();
    setTimeout(() => ac.abort(), 300);
    let yielded = 0;
    for await (const _ of prober.sweep(dead, { ports: PORTS, timeoutMs: 10_000, signal: ac.signal })) yielded++;
    const stoppedAfterAbortMs = performance.now() - started - 300;
    expect(yielded).toBe(0);
    expect(stoppedAfterAbortMs).toBeLessThan(1000);
    expect(prober.stats().inFlight).toBe(0);
    const sent = prober.stats().attempts;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(dead.length * PORTS.length);
    // The kernel holds no SYN-SENT socket towards the lab any more.
    const ss = spawn('ss', ['-Htn', 'state', 'syn-sent', 'dst', lab.prefix]);
    let out = '';
    ss.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => ss.once('close', r));
    expect(out.trim()).toBe('');
  });
});
