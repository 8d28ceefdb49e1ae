import { describe, expect, it } from 'vitest';
import { DiscoveryJobInput, type DiscoveryHost } from '../../api/discovery.ts';
import type { EchoOutcome, Pinger } from '../../icmp/types.ts';
import type { NeighborState } from '../neighbors.ts';
import { planTargets } from '../target-plan.ts';
import type { ConnectFn } from '../tcp-prober.ts';
import type { SnmpClient } from '../../snmp/index.ts';
import { createJobRunner, type JobRunner, type JobRunnerDeps } from './job-runner.ts';

/** A pinger where only `alive` answers. */
function fakePinger(alive: ReadonlySet<string>): Pinger {
  return {
    method: 'raw',
    methodInfo: {} as Pinger['methodInfo'],
    echo: (address): Promise<EchoOutcome> => Promise.resolve(alive.has(address) ? { status: 'reply', rttMs: 0.2, from: address, ttl: 64 } : { status: 'timeout' }),
    probe: () => Promise.resolve([]),
    counters: () => ({ sent: 0, replies: 0, late: 0, duplicates: 0, badChecksums: 0, errors: 0, inFlight: 0, queued: 0 }),
    close: () => {},
  };
}

/** Runner dependencies with the quiet defaults (no credentials, no SNMP, no DNS): each test names what it needs. */
function runnerDeps(d: Pick<JobRunnerDeps, 'plan' | 'options' | 'pinger'> & Partial<JobRunnerDeps>): JobRunnerDeps {
  return {
    credentials: [],
    signal: new AbortController().signal,
    snmp: () => {
      throw new Error('no SNMP in this test');
    },
    templates: () => [],
    fallbackTemplateId: 'generic',
    deviceIdOf: () => null,
    reverseLookup: () => Promise.resolve([]),
    now: () => 0,
    onHost: () => {},
    neighbors: () => Promise.resolve([]),
    ...d,
  };
}

/** An SNMP client that only records which address it was asked about, and in which phase of the job. */
function snmpAskLog() {
  const asked: { address: string; phase: string }[] = [];
  const box: { runner?: JobRunner } = {};
  const snmp = {
    findCredential: (target: string) => {
      asked.push({ address: target, phase: box.runner!.progress().phase });
      return Promise.reject(new Error('no agent'));
    },
  } as unknown as SnmpClient;
  const snmpDeps: Pick<JobRunnerDeps, 'credentials' | 'snmp'> = { credentials: [{ id: null, label: 'test', credential: { version: '2c', community: 'public' } }], snmp: () => snmp };
  return { asked, box, snmpDeps };
}

async function sweep(o: { onLink: boolean; states?: NeighborState[]; answers: Record<string, 'open' | 'closed'> }) {
  const plan = await planTargets(['10.1.2.0/29'], [], { localNetworks: [] });
  const options = DiscoveryJobInput.parse({ targets: ['10.1.2.0/29'], timeoutMs: 50, retries: 0, reverseDns: false, ratePps: 10_000 });
  const connects: string[] = [];
  const connect: ConnectFn = (address, port) => {
    connects.push(`${address}:${port}`);
    const answer = o.answers[address];
    return Promise.resolve(answer ? { state: answer, rttMs: 0.3 } : { state: 'filtered', rttMs: null });
  };
  const hosts = new Map<string, DiscoveryHost>();
  const deps = runnerDeps({
    plan,
    options,
    pinger: fakePinger(new Set(['10.1.2.1'])),
    onHost: (h) => hosts.set(h.address, h),
    neighborStates: () => Promise.resolve(new Map((o.states ?? []).map((s) => [s.address, s]))),
    onLink: () => o.onLink,
    connect,
  });
  const runner = createJobRunner(deps);
  expect(await runner.run()).toBe('finished');
  return { connects, hosts, progress: runner.progress() };
}

const ports = (connects: string[], address: string): number[] =>
  connects
    .filter((c) => c.startsWith(`${address}:`))
    .map((c) => Number(c.split(':')[1]))
    .sort((a, b) => a - b);

describe('job runner: who gets TCP probes after a silent echo', () => {
  it('on-link: no ARP answer means no host and no TCP probe; a resolved address is probed for its ports', async () => {
    const r = await sweep({
      onLink: true,
      states: [
        { address: '10.1.2.2', state: 'INCOMPLETE' },
        { address: '10.1.2.3', state: 'REACHABLE', confirmedAgoSec: 0 },
        { address: '10.1.2.5', state: 'FAILED' },
        { address: '10.1.2.6', state: 'FAILED' },
      ],
      answers: { '10.1.2.3': 'closed' },
    });
    expect(ports(r.connects, '10.1.2.2')).toEqual([]);
    expect(ports(r.connects, '10.1.2.5')).toEqual([]);
    expect(ports(r.connects, '10.1.2.1')).toEqual([]);
    expect(ports(r.connects, '10.1.2.3')).toEqual([22, 23, 80, 443, 445, 3389, 8080, 9100]);
    // No neighbour entry: nothing proves the address empty, so it is probed as before.
    expect(ports(r.connects, '10.1.2.4')).toEqual([22, 23, 80, 443, 445, 3389, 8080, 9100]);
    expect([...r.hosts.keys()].sort()).toEqual(['10.1.2.1', '10.1.2.3']);
    expect(r.hosts.get('10.1.2.3')!.foundBy).toContain('tcp');
    expect(r.progress).toMatchObject({ done: 6, total: 6, alive: 2 });
  });

  it('routed: 443 and 80 first, the other configured ports only for addresses that answered nothing', async () => {
    const r = await sweep({ onLink: false, states: [{ address: '10.1.2.2', state: 'FAILED' }], answers: { '10.1.2.3': 'closed' } });
    expect(ports(r.connects, '10.1.2.3')).toEqual([80, 443]);
    // A FAILED entry proves nothing off-link (the router answers ARP there).
    expect(ports(r.connects, '10.1.2.2')).toEqual([22, 23, 80, 443, 445, 3389, 8080, 9100]);
    expect(r.connects.findIndex((c) => c === '10.1.2.2:22')).toBeGreaterThan(r.connects.findIndex((c) => c === '10.1.2.2:443'));
    expect([...r.hosts.keys()].sort()).toEqual(['10.1.2.1', '10.1.2.3']);
    expect(r.hosts.get('10.1.2.3')!.foundBy).toEqual(['tcp']);
    expect(r.progress).toMatchObject({ done: 6, total: 6, alive: 2 });
  });
});

describe('job runner: adaptive timing', () => {
  it('waits by the subnet’s answers and resends only where loss shows', async () => {
    const plan = await planTargets(['10.1.3.0/27'], [], { localNetworks: [] });
    const options = DiscoveryJobInput.parse({ targets: ['10.1.3.0/27'], methods: ['icmp'], timeoutMs: 1000, retries: 1, reverseDns: false, ratePps: 10_000 });
    const echoes: { address: string; ended: 'reply' | 'own timeout' | 'stopped by the job' }[] = [];
    const base = fakePinger(new Set(['10.1.3.1']));
    const pinger: Pinger = {
      ...base,
      // Silent addresses wait for their own timeout (the configured 1000 ms) unless the job stops the wait.
      echo: (address, opts) => {
        if (address === '10.1.3.1') {
          echoes.push({ address, ended: 'reply' });
          return base.echo(address, opts);
        }
        return new Promise<EchoOutcome>((resolve) => {
          const timer = setTimeout(() => {
            echoes.push({ address, ended: 'own timeout' });
            resolve({ status: 'timeout' });
          }, opts?.timeoutMs ?? 1000);
          opts?.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            echoes.push({ address, ended: 'stopped by the job' });
            resolve({ status: 'cancelled' });
          });
        });
      },
    };
    const runner = createJobRunner(runnerDeps({ plan, options, pinger }));
    expect(await runner.run()).toBe('finished');
    const sends = (a: string): number => echoes.filter((e) => e.address === a).length;
    // The answer (0.2 ms) sets the wait to the 100 ms floor: no echo waits the configured 1000 ms.
    expect(echoes.filter((e) => e.ended === 'own timeout')).toEqual([]);
    // Eight silent addresses are resent to look for loss; none answers, so the rest are not.
    const resent = echoes.map((e) => e.address).filter((a) => sends(a) === 2);
    expect(new Set(resent).size).toBe(8);
    expect(sends('10.1.3.30')).toBe(1);
    expect(echoes.length).toBe(30 + 8);
  });
});

describe('job runner: classification overlaps the sweep', () => {
  it('asks SNMP of a host as soon as it answers, while the sweep still runs', async () => {
    const plan = await planTargets(['10.1.4.0/28'], [], { localNetworks: [] });
    // 14 addresses at 50 packets/s (burst 5): the sweep lasts about 200 ms.
    const options = DiscoveryJobInput.parse({ targets: ['10.1.4.0/28'], methods: ['icmp', 'snmp'], timeoutMs: 100, retries: 0, reverseDns: false, ratePps: 50 });
    const { asked, box, snmpDeps } = snmpAskLog();
    const runner = (box.runner = createJobRunner(runnerDeps({
      plan,
      options,
      pinger: fakePinger(new Set(['10.1.4.1', '10.1.4.2'])),
      ...snmpDeps,
    })));
    expect(await runner.run()).toBe('finished');
    expect(asked).toEqual([
      { address: '10.1.4.1', phase: 'sweep' },
      { address: '10.1.4.2', phase: 'sweep' },
    ]);
  });

  it('finds an on-link host that answers only ARP during the sweep, and asks it SNMP then', async () => {
    const plan = await planTargets(['10.1.5.0/29'], [], { localNetworks: [] });
    const options = DiscoveryJobInput.parse({ targets: ['10.1.5.0/29'], timeoutMs: 100, retries: 0, reverseDns: false, ratePps: 10_000 });
    const { asked, box, snmpDeps } = snmpAskLog();
    let reads = 0;
    const hosts = new Map<string, DiscoveryHost>();
    const runner = (box.runner = createJobRunner(runnerDeps({
      plan,
      options,
      pinger: fakePinger(new Set(['10.1.5.1'])),
      ...snmpDeps,
      onHost: (h) => hosts.set(h.address, h),
      // At the start the table has no entry for .5; after the echoes it is resolved (just now).
      neighborStates: () =>
        Promise.resolve(
          reads++ === 0
            ? new Map()
            : new Map<string, NeighborState>([
                ['10.1.5.5', { address: '10.1.5.5', state: 'REACHABLE', confirmedAgoSec: 0 }],
                ['10.1.5.2', { address: '10.1.5.2', state: 'INCOMPLETE' }],
              ]),
        ),
      onLink: () => true,
      connect: () => Promise.resolve({ state: 'filtered', rttMs: null }),
    })));
    expect(await runner.run()).toBe('finished');
    expect(hosts.get('10.1.5.5')?.foundBy).toEqual(['arp']);
    expect(asked.find((a) => a.address === '10.1.5.5')).toEqual({ address: '10.1.5.5', phase: 'sweep' });
  });
});

describe('job runner: the rate follows the answers', () => {
  const everyone = (prefix: string, n: number) => new Set(Array.from({ length: n }, (_, i) => `${prefix}.${i + 1}`));

  it('a range that answers every probe is swept faster than its rate; a fixed rate stays', async () => {
    const run = async (adaptiveRate: boolean) => {
      const plan = await planTargets(['10.1.6.0/24'], [], { localNetworks: [] });
      const options = DiscoveryJobInput.parse({ targets: ['10.1.6.0/24'], methods: ['icmp'], timeoutMs: 100, retries: 0, reverseDns: false, ratePps: 200, adaptiveRate });
      const runner = createJobRunner(runnerDeps({ plan, options, pinger: fakePinger(everyone('10.1.6', 254)) }));
      expect(await runner.run()).toBe('finished');
      return runner.progress();
    };
    const adaptive = await run(true);
    expect(adaptive.alive).toBe(254);
    // Each answer to a first echo adds 1 pps: about 200 + the answers before the last send.
    expect(adaptive.peakRatePps).toBeGreaterThan(300);
    expect(adaptive.peakRatePps).toBeLessThanOrEqual(200 + 254);
    const fixed = await run(false);
    expect(fixed.alive).toBe(254);
    expect(fixed.peakRatePps).toBe(200);
  });

  it('silent address space leaves the rate where it was', async () => {
    const plan = await planTargets(['10.1.7.0/24'], [], { localNetworks: [] });
    const options = DiscoveryJobInput.parse({ targets: ['10.1.7.0/24'], methods: ['icmp'], timeoutMs: 50, retries: 0, reverseDns: false, ratePps: 2000 });
    const runner = createJobRunner(runnerDeps({ plan, options, pinger: fakePinger(new Set(['10.1.7.9'])) }));
    expect(await runner.run()).toBe('finished');
    expect(runner.progress().peakRatePps).toBe(2001);
  });
});
