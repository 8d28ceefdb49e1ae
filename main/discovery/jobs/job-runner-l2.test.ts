/**
 * The job runner's L2 read: a router found by the sweep (a recording of a real EdgeRouter served by
 * the fake agent) gets its tables read after the evidence round, every request through the job's
 * pacer, the snapshot handed to onL2; its ARP table then gives a MAC and vendor to a host behind
 * it that the scanning machine's neighbour table does not know.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscoveryJobInput, type DiscoveryHost } from '../../api/discovery.ts';
import type { L2Snapshot } from '../../api/l2.ts';
import type { EchoOutcome, Pinger } from '../../icmp/types.ts';
import { L2_FIXTURES } from '../../l2/testing/recording.ts';
import { createSnmpClient, SnmpTimeoutError, type SnmpClient } from '../../snmp/index.ts';
import { startFakeAgent, type FakeAgent } from '../../snmp/testing/fake-agent.ts';
import { loadSnmprecFile } from '../../snmp/testing/snmprec-text.ts';
import { planTargets } from '../target-plan.ts';
import { createJobRunner } from './job-runner.ts';
import { wantsL2 } from './l2-scan.ts';

const ROUTER = '10.10.10.1';
const HOST = '10.10.10.2';

const pinger = (alive: ReadonlySet<string>): Pinger => ({
  method: 'raw',
  methodInfo: {} as Pinger['methodInfo'],
  echo: (address): Promise<EchoOutcome> => Promise.resolve(alive.has(address) ? { status: 'reply', rttMs: 0.2, from: address, ttl: 64 } : { status: 'timeout' }),
  probe: () => Promise.resolve([]),
  counters: () => ({ sent: 0, replies: 0, late: 0, duplicates: 0, badChecksums: 0, errors: 0, inFlight: 0, queued: 0 }),
  close: () => {},
});

let agent: FakeAgent | undefined;
let real: SnmpClient | undefined;
afterEach(async () => {
  real?.close();
  await agent?.close();
  agent = real = undefined;
});

/** A client where only ROUTER has an agent: the fake agent serving `recording` on 127.0.0.1. */
async function routerClient(recording: string): Promise<SnmpClient> {
  agent = await startFakeAgent(loadSnmprecFile(path.join(L2_FIXTURES, `${recording}.snmprec`)));
  real = createSnmpClient({ sockets: 1 });
  const at = `127.0.0.1:${agent.port}`;
  const r = real;
  return {
    ...r,
    findCredential: (t, creds, o) => (t === ROUTER ? r.findCredential(at, creds, o) : Promise.reject(new SnmpTimeoutError(`${String(t)}:161: no SNMP response`))),
    session: (t, c, d) => (t === ROUTER ? r.session(at, c, d) : Promise.reject(new Error('no agent'))),
  };
}

async function sweep(snmp: SnmpClient, onL2?: (address: string, s: L2Snapshot) => void) {
  const plan = await planTargets(['10.10.10.0/29'], [], { localNetworks: [] });
  const options = DiscoveryJobInput.parse({ targets: ['10.10.10.0/29'], methods: ['icmp', 'snmp'], timeoutMs: 300, retries: 0, reverseDns: false, ratePps: 10_000 });
  const hosts = new Map<string, DiscoveryHost>();
  const runner = createJobRunner({
    plan,
    options,
    credentials: [{ id: 'c1', label: 'public (v2c)', credential: { version: '2c', community: 'public' } }],
    signal: new AbortController().signal,
    pinger: pinger(new Set([ROUTER, HOST])),
    snmp: () => snmp,
    templates: () => [],
    fallbackTemplateId: 'generic',
    deviceIdOf: () => null,
    reverseLookup: () => Promise.resolve([]),
    now: () => 42,
    onHost: (h) => hosts.set(h.address, h),
    neighbors: () => Promise.resolve([]),
    ...(onL2 ? { onL2 } : {}),
  });
  expect(await runner.run()).toBe('finished');
  return { hosts, progress: runner.progress() };
}

describe('job runner: the L2 read of switches and routers', () => {
  it('a router: its snapshot goes to onL2, paced by the job; a host behind it gets the MAC and vendor from its ARP table', async () => {
    const snapshots = new Map<string, L2Snapshot>();
    const { hosts, progress } = await sweep(await routerClient('ubiquiti-edgeos'), (a, s) => snapshots.set(a, s));
    expect(hosts.get(ROUTER)?.type).toBe('router');
    const s = snapshots.get(ROUTER);
    expect(s?.readAt).toBe(42);
    expect(s?.arp.find((a) => a.ip === HOST)?.mac).toBe('00:c0:b7:5f:8c:c1');
    expect(hosts.get(HOST)).toMatchObject({ mac: '00:c0:b7:5f:8c:c1', macVendor: expect.stringMatching(/American Power Conversion|APC|Schneider/i) });
    // Every request of the L2 read went through the job's pacer (its packet count includes them).
    expect(progress.packets).toBeGreaterThanOrEqual((agent?.requests.length ?? 0) - 1);
    expect(s?.stats.requests).toBeGreaterThan(10);
  });

  it('without onL2 (no store), no L2 read: the agent is asked only the system group and the evidence round', async () => {
    const { hosts } = await sweep(await routerClient('ubiquiti-edgeos'));
    expect(hosts.get(HOST)?.mac).toBeNull();
    expect(agent?.requests.length).toBeLessThan(6);
  });

  it('who gets an L2 read: switches, routers and hosts whose evidence shows bridge ports, forwarding or LLDP bridge/router', () => {
    expect(wantsL2({ type: 'switch' }, null)).toBe(true);
    expect(wantsL2({ type: 'printer' }, null)).toBe(false);
    expect(wantsL2({ type: 'server' }, { bridgePorts: 24 })).toBe(true);
    expect(wantsL2({ type: 'server' }, { ipForwarding: false, bridgePorts: 0 })).toBe(false);
  });
});
