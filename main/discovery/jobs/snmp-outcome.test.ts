/**
 * What a sweep records about SNMP and about the scanner's own address: "SNMP: no answer to ..."
 * for silence, the agent's refusal for an SNMPv3 error, "not tried" without the method or a
 * credential, the credential that answered; `self` for this machine's addresses.
 */
import { describe, expect, it } from 'vitest';
import { DiscoveryJobInput, type DiscoveryHost } from '../../api/discovery.ts';
import type { EchoOutcome, Pinger } from '../../icmp/types.ts';
import { SnmpAuthError, SnmpTimeoutError, type SnmpClient } from '../../snmp/index.ts';
import { planTargets } from '../target-plan.ts';
import { createJobRunner, type JobCredential } from './job-runner.ts';

const pinger = (alive: ReadonlySet<string>): Pinger => ({
  method: 'raw',
  methodInfo: {} as Pinger['methodInfo'],
  echo: (address): Promise<EchoOutcome> => Promise.resolve(alive.has(address) ? { status: 'reply', rttMs: 0.2, from: address, ttl: 64 } : { status: 'timeout' }),
  probe: () => Promise.resolve([]),
  counters: () => ({ sent: 0, replies: 0, late: 0, duplicates: 0, badChecksums: 0, errors: 0, inFlight: 0, queued: 0 }),
  close: () => {},
});

const V2: JobCredential = { id: 'c1', label: 'public (v2c)', credential: { version: '2c', community: 'public' } };
const V3: JobCredential = { id: 'c2', label: 'noc (v3)', credential: { version: '3', username: 'noc', securityLevel: 'noAuthNoPriv' } };

/** An SNMP client whose findCredential answers per address: an error to throw, or sysObjectID + sysDescr. */
function fakeSnmp(per: Record<string, Error | { index: number; sysDescr: string }>): SnmpClient {
  return {
    findCredential: (target: string, credentials: JobCredential['credential'][]) => {
      const r = per[target];
      if (!r) return Promise.reject(new SnmpTimeoutError(`${target}:161: no SNMP response (timeout)`));
      if (r instanceof Error) return Promise.reject(r);
      return Promise.resolve({
        credential: credentials[r.index]!,
        index: r.index,
        sysObjectID: { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value: '1.3.6.1.4.1.9.1.1042' },
        session: { get: () => Promise.resolve([{ oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: r.sysDescr }]) },
      });
    },
  } as unknown as SnmpClient;
}

async function run(o: { methods?: string[]; credentials: JobCredential[]; snmp?: SnmpClient; self?: string[] }): Promise<Map<string, DiscoveryHost>> {
  const plan = await planTargets(['10.1.6.0/29'], [], { localNetworks: [] });
  const options = DiscoveryJobInput.parse({ targets: ['10.1.6.0/29'], methods: o.methods ?? ['icmp', 'snmp'], timeoutMs: 100, retries: 0, reverseDns: false, ratePps: 10_000 });
  const hosts = new Map<string, DiscoveryHost>();
  const runner = createJobRunner({
    plan,
    options,
    credentials: o.credentials,
    signal: new AbortController().signal,
    pinger: pinger(new Set(['10.1.6.1', '10.1.6.2', '10.1.6.3'])),
    snmp: () => o.snmp ?? fakeSnmp({}),
    templates: () => [],
    fallbackTemplateId: 'generic',
    deviceIdOf: () => null,
    reverseLookup: () => Promise.resolve([]),
    now: () => 0,
    onHost: (h) => hosts.set(h.address, h),
    neighbors: () => Promise.resolve([]),
    isSelf: (a) => (o.self ?? []).includes(a),
  });
  expect(await runner.run()).toBe('finished');
  return hosts;
}

describe('SNMP outcome of each host', () => {
  it('silence, a v3 refusal and an answer are told apart, naming the credentials tried', async () => {
    const hosts = await run({
      credentials: [V2, V3],
      snmp: fakeSnmp({
        '10.1.6.2': new SnmpAuthError('unknown_user', '10.1.6.2:161: the agent does not know this SNMPv3 user name'),
        '10.1.6.3': { index: 0, sysDescr: 'Cisco IOS Software, C3900 Software (C3900-UNIVERSALK9-M), Version 15.2(4)M6, RELEASE SOFTWARE (fc2)' },
      }),
    });
    expect(hosts.get('10.1.6.1')!.snmpStatus).toEqual({
      state: 'no-answer',
      credentials: ['public (v2c)', 'noc (v3)'],
      message: "SNMP: no answer to public (v2c), noc (v3) (check the community, the agent's ACL or the v3 user)",
    });
    expect(hosts.get('10.1.6.1')!.type).toBe('unknown');
    expect(hosts.get('10.1.6.2')!.snmpStatus).toEqual({
      state: 'error',
      credentials: ['public (v2c)', 'noc (v3)'],
      message: 'SNMP: the agent refused noc (v3): the agent does not know this SNMPv3 user name (check the v3 user, its authentication and privacy passwords and protocols)',
    });
    expect(hosts.get('10.1.6.3')).toMatchObject({ snmpStatus: { state: 'answered', credentials: ['public (v2c)'], message: 'SNMP: answered to public (v2c)' }, type: 'router', os: 'IOS' });
  });

  it('not tried: the method off, or no credential', async () => {
    const off = await run({ methods: ['icmp'], credentials: [V2] });
    expect(off.get('10.1.6.1')!.snmpStatus).toEqual({ state: 'not-tried', credentials: [], message: 'SNMP: not tried (the SNMP method is off)' });
    const none = await run({ credentials: [] });
    expect(none.get('10.1.6.1')!.snmpStatus).toEqual({ state: 'not-tried', credentials: [], message: 'SNMP: not tried (no credential chosen for this scan)' });
  });
});

describe('the scanning machine in its own results', () => {
  it('is marked self; the others are not', async () => {
    const hosts = await run({ methods: ['icmp'], credentials: [], self: ['10.1.6.2'] });
    expect(hosts.get('10.1.6.2')!.self).toBe(true);
    expect(hosts.get('10.1.6.1')!.self).toBeUndefined();
  });
});
