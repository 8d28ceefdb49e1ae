/**
 * The job runner's evidence round: a host whose system group answered gets one more round with
 * the same credential; the classifier is given the evidence, the host carries the inventory
 * (serial, firmware, hardware revision, the chassis model when the classifier has none) and the
 * job's progress counts the round's hosts, requests and wall time. Hosts without SNMP cost nothing.
 */
import { describe, expect, it } from 'vitest';
import { DiscoveryJobInput, type DiscoveryHost } from '../../api/discovery.ts';
import type { EchoOutcome, Pinger } from '../../icmp/types.ts';
import { SnmpTimeoutError, type SnmpClient, type VarBind } from '../../snmp/index.ts';
import { planTargets } from '../target-plan.ts';
import { createJobRunner } from './job-runner.ts';

const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const str = (oid: string, value: string): VarBind => ({ oid, type: 'OctetString', value, format: 'text', bytes: Buffer.from(value) });

const pinger = (alive: ReadonlySet<string>): Pinger => ({
  method: 'raw',
  methodInfo: {} as Pinger['methodInfo'],
  echo: (address): Promise<EchoOutcome> => Promise.resolve(alive.has(address) ? { status: 'reply', rttMs: 0.2, from: address, ttl: 64 } : { status: 'timeout' }),
  probe: () => Promise.resolve([]),
  counters: () => ({ sent: 0, replies: 0, late: 0, duplicates: 0, badChecksums: 0, errors: 0, inFlight: 0, queued: 0 }),
  close: () => {},
});

/** A client where only 10.1.7.1 has an agent: a system group, and an ENTITY chassis at index 1. */
function fakeSnmp(asked: string[]): SnmpClient {
  const mib = new Map<string, VarBind>([
    ['1.3.6.1.2.1.1.1.0', str('1.3.6.1.2.1.1.1.0', 'Some device')],
    [`${ENT}.5.1`, { oid: `${ENT}.5.1`, type: 'Integer', value: 3 }],
    [`${ENT}.13.1`, str(`${ENT}.13.1`, 'XG-2000')],
    [`${ENT}.11.1`, str(`${ENT}.11.1`, 'SN-0042')],
    [`${ENT}.9.1`, str(`${ENT}.9.1`, 'fw 1.2')],
    [`${ENT}.8.1`, str(`${ENT}.8.1`, 'rev B')],
  ]);
  const session = {
    get: (oids: string[]) => {
      asked.push(`get ${oids.length}`);
      return Promise.resolve(oids.map((oid): VarBind => mib.get(oid) ?? { oid, type: 'noSuchObject', value: null }));
    },
  };
  return {
    findCredential: (target: string, credentials: { version: '2c'; community: string }[]) =>
      target === '10.1.7.1'
        ? Promise.resolve({ credential: credentials[0], index: 0, sysObjectID: { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value: '1.3.6.1.4.1.99999.1' }, session })
        : Promise.reject(new SnmpTimeoutError(`${target}:161: no SNMP response (timeout)`)),
    session: (target: string) => (target === '10.1.7.1' ? Promise.resolve(session) : Promise.reject(new Error('no agent'))),
  } as unknown as SnmpClient;
}

describe('job runner: the evidence round', () => {
  it('reads the chassis of a host whose SNMP answered; the result carries model, serial, firmware and hardware revision; progress counts the round', async () => {
    const plan = await planTargets(['10.1.7.0/30'], [], { localNetworks: [] });
    const options = DiscoveryJobInput.parse({ targets: ['10.1.7.0/30'], methods: ['icmp', 'snmp'], timeoutMs: 100, retries: 0, reverseDns: false, ratePps: 10_000 });
    const hosts = new Map<string, DiscoveryHost>();
    const asked: string[] = [];
    const runner = createJobRunner({
      plan,
      options,
      credentials: [{ id: 'c1', label: 'public (v2c)', credential: { version: '2c', community: 'public' } }],
      signal: new AbortController().signal,
      pinger: pinger(new Set(['10.1.7.1', '10.1.7.2'])),
      snmp: () => fakeSnmp(asked),
      templates: () => [],
      fallbackTemplateId: 'generic',
      deviceIdOf: () => null,
      reverseLookup: () => Promise.resolve([]),
      now: () => 0,
      onHost: (h) => hosts.set(h.address, h),
      neighbors: () => Promise.resolve([]),
    });
    expect(await runner.run()).toBe('finished');
    // The system group GET (6 OIDs), then the evidence GET (18): one extra round trip.
    expect(asked).toEqual(['get 6', 'get 18']);
    expect(hosts.get('10.1.7.1')).toMatchObject({ model: 'XG-2000', serial: 'SN-0042', firmware: 'fw 1.2', hardwareRev: 'rev B' });
    expect(hosts.get('10.1.7.2')).toMatchObject({ serial: null, firmware: null, hardwareRev: null });
    const ev = runner.progress().evidence;
    expect(ev).toMatchObject({ hosts: 1, requests: 1 });
    expect(ev.totalMs).toBeGreaterThanOrEqual(0);
    expect(ev.maxMs).toBe(ev.totalMs);
  });
});
