/**
 * The SNMP poller against a real agent's answers, without the lab: two `snmpwalk -On` captures
 * of Net-SNMP's snmpd (test/fixtures/snmp/, 15 s apart, provenance in their headers) served by
 * the fake agent on 127.0.0.1, polled through the engine's SNMP client with the built-in Linux
 * template's items and interface table.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableItem, TemplateItem } from '../api/templates.ts';
import { silentLogger } from '../lib/logger.ts';
import { createSnmpClient, type SnmpClient } from '../snmp/client.ts';
import { decOid, readTlv } from '../snmp/testing/ber.ts';
import { type FakeAgent, startFakeAgent } from '../snmp/testing/fake-agent.ts';
import { loadSnmpwalkFile } from '../snmp/testing/snmpwalk-text.ts';
import { loadBuiltinTemplates } from '../templates/builtin.ts';
import type { MonitoringItem } from './monitoring-items-repo.ts';
import type { SnmpItemPayload } from './monitoring.ts';
import type { PollJob, PollSample, ScheduledItem } from './poll-executor.ts';
import { createSnmpExecutor } from './snmp-executor.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/snmp');
const FIRST = loadSnmpwalkFile(path.join(FIXTURES, 'net-snmp-5.9.3-linux.walk'));
const LATER = loadSnmpwalkFile(path.join(FIXTURES, 'net-snmp-5.9.3-linux.later.walk'));

/** An unsigned value of the capture (Counter32/64, TimeTicks, Gauge32, INTEGER), decoded. */
function unsigned(mib: Map<string, Buffer>, oid: string): bigint {
  const value = mib.get(oid);
  if (!value) throw new Error(`${oid} is not in the capture`);
  const { body } = readTlv(value, 0);
  return body.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

const linux = loadBuiltinTemplates().find((t) => t.id === 'linux-net-snmp');
// The Linux template includes the if-mib part: that is where its interface table is.
const interfaces = loadBuiltinTemplates().find((t) => t.id === 'if-mib')?.tables.find((t) => t.key === 'interfaces') as TableItem;
const uptime = linux?.items.find((i) => i.key === 'uptime_sec') as TemplateItem;

function scheduled(id: number, def: { kind: 'scalar'; definition: TemplateItem } | { kind: 'table'; definition: TableItem }): ScheduledItem {
  const row = { id, deviceId: 'srv', templateId: 'linux-net-snmp', key: def.definition.key, protocol: 'snmp', intervalSec: 60, enabled: true, ...def } as MonitoringItem & { kind: 'scalar' | 'table' };
  return { id: `snmp:${id}`, deviceId: 'srv', protocol: 'snmp', intervalMs: 60_000, payload: { item: row, derived: [] } satisfies SnmpItemPayload };
}

describe('SNMP poller on a captured Net-SNMP agent', () => {
  let agent: FakeAgent;
  let client: SnmpClient;
  // The agent serves one Map: its values are swapped for the later capture's (same OIDs).
  const mib = new Map(FIRST);

  beforeAll(async () => {
    agent = await startFakeAgent(mib, 'public');
    client = createSnmpClient({ defaults: { timeoutMs: 2000, retries: 0 } });
  });
  afterAll(async () => {
    await client.close();
    await agent.close();
  });

  it('the capture walks back through the SNMP client as snmpwalk printed it', async () => {
    expect([...FIRST.keys()].sort()).toEqual([...LATER.keys()].sort());
    const session = await client.session(`127.0.0.1:${agent.port}`, { version: '2c', community: 'public' });
    const walked = await session.walk('1.3.6.1');
    expect(walked.map((vb) => vb.oid)).toEqual([...FIRST.keys()]);
    const by = new Map(walked.map((vb) => [vb.oid, vb]));
    expect(by.get('1.3.6.1.2.1.1.1.0')).toMatchObject({ type: 'OctetString', value: 'WARD FLUX fixture agent: Net-SNMP snmpd on Debian 12' });
    expect(by.get('1.3.6.1.2.1.1.2.0')).toMatchObject({ type: 'ObjectIdentifier', value: '1.3.6.1.4.1.8072.3.2.10' });
    expect(by.get('1.3.6.1.2.1.1.3.0')).toMatchObject({ type: 'TimeTicks', value: Number(unsigned(FIRST, '1.3.6.1.2.1.1.3.0')) });
    expect(by.get('1.3.6.1.2.1.2.2.1.6.4')).toMatchObject({ type: 'OctetString', bytes: Buffer.from('02fc00000001', 'hex') });
    expect(by.get('1.3.6.1.2.1.2.2.1.6.1')).toMatchObject({ type: 'OctetString', bytes: Buffer.alloc(0) });
    expect(by.get('1.3.6.1.2.1.31.1.1.1.6.1')).toMatchObject({ type: 'Counter64', value: unsigned(FIRST, '1.3.6.1.2.1.31.1.1.1.6.1') });
    expect(by.get('1.3.6.1.2.1.2.2.1.5.1')).toMatchObject({ type: 'Gauge32', value: 10_000_000 });
    expect(by.get('1.3.6.1.4.1.2021.10.1.6.1')).toMatchObject({ type: 'Opaque' });
    expect(decOid(readTlv(mib.get('1.3.6.1.2.1.1.2.0') as Buffer, 0).body)).toBe('1.3.6.1.4.1.8072.3.2.10');
  });

  it("polls the Linux template's uptime and interface table: names, status, speed and rates from two captures", async () => {
    expect(interfaces).toBeDefined();
    let now = 1_700_000_000_000;
    const exec = createSnmpExecutor({
      client,
      device: (id) => (id === 'srv' ? { id, address: `127.0.0.1:${agent.port}`, credentialIds: ['c'] } : undefined),
      credential: () => ({ id: 'c', version: '2c', community: 'public' }),
      memory: { get: () => undefined, set: () => undefined },
      clock: { now: () => now },
      logger: silentLogger(),
      identity: true,
    });
    const items = [scheduled(1, { kind: 'scalar', definition: uptime }), scheduled(2, { kind: 'table', definition: interfaces })];
    const poll = async () => {
      const job: PollJob = { deviceId: 'srv', protocol: 'snmp', items, dueAt: now, startedAt: now, deadline: now + 30_000, signal: new AbortController().signal };
      return exec.poll(job);
    };
    const of = (samples: PollSample[], name: string) => Object.fromEntries(samples.filter((s) => s.name === name).map((s) => [s.labels.interface, s.value]));

    const first = await poll();
    expect(first).toMatchObject({ status: 'ok', reachability: { answered: true }, identity: { sysName: 'fixture-linux', sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysLocation: 'Lab bench, rack 1' } });
    expect(first.samples.find((s) => s.name === 'uptime_sec')?.value).toBeCloseTo(Number(unsigned(FIRST, '1.3.6.1.2.1.1.3.0')) / 100);
    // Every interface of the capture, named by ifName; up/down as the agent said (ifb0/ifb1 are down).
    expect(of(first.samples, 'if_oper_status')).toEqual({ lo: 1, eth0: 1, ifb0: 2, ifb1: 2, wfl1p: 1 });
    expect(of(first.samples, 'if_speed_bps').lo).toBe(10_000_000);
    // A rate needs two readings.
    expect(of(first.samples, 'if_in_bps')).toEqual({});

    // The later capture, as far in wall time as the agent's sysUpTime moved.
    const elapsedMs = Number(unsigned(LATER, '1.3.6.1.2.1.1.3.0') - unsigned(FIRST, '1.3.6.1.2.1.1.3.0')) * 10;
    for (const [oid, value] of LATER) mib.set(oid, value);
    now += elapsedMs;
    const later = await poll();
    expect(later.status).toBe('ok');
    const inBps = of(later.samples, 'if_in_bps');
    const octets = (ifIndex: number) => Number(unsigned(LATER, `1.3.6.1.2.1.31.1.1.1.6.${ifIndex}`) - unsigned(FIRST, `1.3.6.1.2.1.31.1.1.1.6.${ifIndex}`));
    expect(inBps.lo).toBeCloseTo((octets(1) * 8 * 1000) / elapsedMs, 3);
    expect(inBps.lo).toBeGreaterThan(0);
    expect(inBps.eth0).toBeCloseTo((octets(4) * 8 * 1000) / elapsedMs, 3);
    expect(inBps.ifb0).toBe(0);
  });
});
