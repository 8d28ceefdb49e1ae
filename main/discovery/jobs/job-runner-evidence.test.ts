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
import { shippedRules } from '../classification-rules.ts';
import { classify } from '../classifier.ts';
import { familyProbes } from '../os-families.ts';
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

const CHASSIS: VarBind[] = [
  str('1.3.6.1.2.1.1.1.0', 'Some device'),
  { oid: `${ENT}.5.1`, type: 'Integer', value: 3 },
  str(`${ENT}.13.1`, 'XG-2000'),
  str(`${ENT}.11.1`, 'SN-0042'),
  str(`${ENT}.9.1`, 'fw 1.2'),
  str(`${ENT}.8.1`, 'rev B'),
];

/** A client where only 10.1.7.1 has an agent: a system group, and (by default) an ENTITY chassis at index 1. */
function fakeSnmp(asked: string[], vbs: VarBind[] = CHASSIS, sysObjectID = '1.3.6.1.4.1.99999.1', requests: string[][] = []): SnmpClient {
  const mib = new Map(vbs.map((v) => [v.oid, v]));
  const session = {
    get: (oids: string[]) => {
      asked.push(`get ${oids.length}`);
      requests.push(oids);
      return Promise.resolve(oids.map((oid): VarBind => mib.get(oid) ?? { oid, type: 'noSuchObject', value: null }));
    },
    getNext: (oids: string[]) => {
      asked.push(`getNext ${oids.length}`);
      return Promise.resolve(oids.map((oid): VarBind => ({ oid, type: 'endOfMibView', value: null })));
    },
  };
  return {
    findCredential: (target: string, credentials: { version: '2c'; community: string }[]) =>
      target === '10.1.7.1'
        ? Promise.resolve({ credential: credentials[0], index: 0, sysObjectID: { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value: sysObjectID }, session })
        : Promise.reject(new SnmpTimeoutError(`${target}:161: no SNMP response (timeout)`)),
    session: (target: string) => (target === '10.1.7.1' ? Promise.resolve(session) : Promise.reject(new Error('no agent'))),
  } as unknown as SnmpClient;
}

async function sweep(snmp: SnmpClient) {
  const plan = await planTargets(['10.1.7.0/30'], [], { localNetworks: [] });
  const options = DiscoveryJobInput.parse({ targets: ['10.1.7.0/30'], methods: ['icmp', 'snmp'], timeoutMs: 100, retries: 0, reverseDns: false, ratePps: 10_000 });
  const hosts = new Map<string, DiscoveryHost>();
  const runner = createJobRunner({
    plan,
    options,
    credentials: [{ id: 'c1', label: 'public (v2c)', credential: { version: '2c', community: 'public' } }],
    signal: new AbortController().signal,
    pinger: pinger(new Set(['10.1.7.1'])),
    snmp: () => snmp,
    templates: () => [],
    fallbackTemplateId: 'generic',
    deviceIdOf: () => null,
    reverseLookup: () => Promise.resolve([]),
    now: () => 0,
    onHost: (h) => hosts.set(h.address, h),
    neighbors: () => Promise.resolve([]),
  });
  expect(await runner.run()).toBe('finished');
  return hosts;
}

describe('job runner: the evidence round', () => {
  it('asks the OS families’ extra test OIDs for this system group in the same GET, and the classifier gets their values', async () => {
    // Net-SNMP's sysObjectID: the Cirpack family tells itself apart by 1.3.6.1.4.1.9193.1.0 (os-families.json).
    const PROBE = '1.3.6.1.4.1.9193.1.0';
    const linux = str('1.3.6.1.2.1.1.1.0', 'Linux sbc1 4.19.0 #1 SMP x86_64');
    const requests: string[][] = [];
    const hosts = await sweep(fakeSnmp([], [linux, str(PROBE, 'Cirpack 2.000000')], '1.3.6.1.4.1.8072.3.2.10', requests));
    // The system group, then ONE evidence GET with the probes (the `next` ones go in a GETNEXT beside it).
    expect(requests).toHaveLength(2);
    expect(requests[1]).toContain(PROBE);
    const input = { sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysDescr: linux.value as string, sysServices: null, openPorts: [], macVendor: null };
    const withValue = classify({ ...input, evidence: { familyValues: { [PROBE]: 'Cirpack 2.000000' } } });
    // The value decides: without it the host is someone else's.
    expect(withValue.vendor).toBe('Cirpack');
    expect(classify(input).vendor).not.toBe('Cirpack');
    expect(hosts.get('10.1.7.1')).toMatchObject({ vendor: 'Cirpack', os: withValue.os, type: withValue.type });
  });

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
    // The system group GET (6 OIDs), then the evidence GET (18, and the OS families' exact probes): one extra round trip.
    const probes = familyProbes(shippedRules().families, '1.3.6.1.4.1.99999.1', 'Some device');
    const exact = probes.filter((p) => !p.next).length;
    expect(asked).toEqual(['get 6', `get ${18 + exact}`, ...(exact < probes.length ? [`getNext ${probes.length - exact}`] : [])]);
    expect(hosts.get('10.1.7.1')).toMatchObject({ model: 'XG-2000', serial: 'SN-0042', firmware: 'fw 1.2', hardwareRev: 'rev B' });
    expect(hosts.get('10.1.7.2')).toMatchObject({ serial: null, firmware: null, hardwareRev: null });
    const ev = runner.progress().evidence;
    // The GET, and the GETNEXT of the `next` probes sent beside it (same round trip).
    expect(ev).toMatchObject({ hosts: 1, requests: exact < probes.length ? 2 : 1 });
    expect(ev.totalMs).toBeGreaterThanOrEqual(0);
    expect(ev.maxMs).toBe(ev.totalMs);
  });
});
