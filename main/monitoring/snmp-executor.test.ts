import { describe, expect, it } from 'vitest';
import type { TableItem, TemplateItem } from '../api/templates.ts';
import { silentLogger } from '../lib/logger.ts';
import type { SnmpCredential } from '../snmp/credentials.ts';
import { SnmpError, SnmpTimeoutError } from '../snmp/errors.ts';
import type { SnmpSession } from '../snmp/session.ts';
import type { VarBind } from '../snmp/varbind.ts';
import type { MonitoringItem } from './monitoring-items-repo.ts';
import type { SnmpItemPayload } from './monitoring.ts';
import type { PollJob, PollOutcome, ScheduledItem } from './poll-executor.ts';
import { createSnmpExecutor, type SystemInfo } from './snmp-executor.ts';

const UPTIME = '1.3.6.1.2.1.1.3.0';
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1';
const IF_DESCR = '1.3.6.1.2.1.2.2.1.2';
const IF_IN = '1.3.6.1.2.1.2.2.1.10';
const IF_HC_IN = '1.3.6.1.2.1.31.1.1.1.6';

/** A fake agent: a MIB of VarBinds, a varbind limit (tooBig above it), and a record of requests. */
function fakeAgent(community: string) {
  const mib = new Map<string, VarBind>();
  const requests: string[][] = [];
  const agent = {
    mib,
    requests,
    tooBigAbove: Infinity,
    silent: false,
    set(oid: string, vb: { type: VarBind['type']; value: unknown; [k: string]: unknown }) {
      mib.set(oid, { oid, ...vb } as VarBind);
    },
    session(credential: SnmpCredential): SnmpSession {
      const ok = () => {
        if (agent.silent || credential.version === '3' || credential.community !== community) throw new SnmpTimeoutError('no answer');
      };
      return {
        credential,
        async get(oids: string[]) {
          ok();
          if (oids.length > agent.tooBigAbove) throw new SnmpError('agent_error', 'tooBig', { status: 'tooBig' });
          requests.push(oids);
          return oids.map((oid) => mib.get(oid) ?? ({ oid, type: 'noSuchObject', value: null } as VarBind));
        },
        async walk(root: string) {
          ok();
          requests.push([`walk ${root}`]);
          return [...mib.values()].filter((vb) => vb.oid.startsWith(`${root}.`));
        },
      } as unknown as SnmpSession;
    },
  };
  return agent;
}

const uptimeItem: TemplateItem = { key: 'uptime_sec', name: 'Uptime', oid: UPTIME, mib: 'SNMPv2-MIB::sysUpTime', valueType: 'gauge', transforms: [{ type: 'scale', factor: 0.01 }] };
const ifTable: TableItem = {
  key: 'interfaces',
  name: 'Interfaces',
  kind: 'interface',
  label: 'interface',
  index: { oid: IF_INDEX, mib: 'IF-MIB::ifIndex' },
  nameColumns: [{ oid: IF_DESCR, mib: 'IF-MIB::ifDescr' }],
  filters: [],
  derived: [],
  columns: [
    {
      key: 'if_in_bps',
      name: 'In',
      oid: IF_HC_IN,
      mib: 'IF-MIB::ifHCInOctets',
      valueType: 'counter',
      counterBits: 64,
      transforms: [{ type: 'rate' }, { type: 'scale', factor: 8 }],
      fallback: { oid: IF_IN, mib: 'IF-MIB::ifInOctets', counterBits: 32 },
    },
  ],
};

function item(id: number, def: { kind: 'scalar'; definition: TemplateItem } | { kind: 'table'; definition: TableItem }): ScheduledItem {
  const row = { id, deviceId: 'd1', templateId: 't', key: def.definition.key, protocol: 'snmp', intervalSec: 60, enabled: true, ...def } as MonitoringItem & { kind: 'scalar' | 'table' };
  return { id: `snmp:${id}`, deviceId: 'd1', protocol: 'snmp', intervalMs: 60_000, payload: { item: row, derived: [] } satisfies SnmpItemPayload };
}

function setup(options: { maxVarbinds?: number; identity?: (deviceId: string, info: SystemInfo) => void } = {}) {
  const { identity, ...rest } = options;
  const agent = fakeAgent('public');
  let now = 1_700_000_000_000;
  const written: { name: string; labels: Record<string, string>; ts: number; value: number }[] = [];
  const memory = new Map<string, string>();
  const creds: Record<string, SnmpCredential & { id: string }> = {
    wrong: { id: 'wrong', version: '2c', community: 'nope' },
    good: { id: 'good', version: '2c', community: 'public' },
  };
  const exec = createSnmpExecutor({
    client: { session: async (_target, c) => agent.session(c) },
    device: (id) => (id === 'd1' ? { id, address: '192.0.2.1', credentialIds: ['wrong', 'good'] } : undefined),
    credential: (id) => creds[id] as SnmpCredential & { id: string },
    memory: { get: (id) => memory.get(id), set: (id, c) => void memory.set(id, c) },
    clock: { now: () => now },
    logger: silentLogger(),
    ...rest,
    ...(identity ? { identity: true } : {}),
  });
  /** One poll; its result's samples and identity collected as a sink would see them. The outcome is returned. */
  const poll = async (items: ScheduledItem[]): Promise<PollOutcome> => {
    const job: PollJob = { deviceId: 'd1', protocol: 'snmp', items, dueAt: now, startedAt: now, deadline: now + 30_000, signal: new AbortController().signal };
    const { samples, reachability: _r, identity: info, ...outcome } = await exec.poll(job);
    written.push(...samples);
    if (info) identity?.(job.deviceId, info);
    return outcome;
  };
  return { agent, exec, written, memory, poll, advance: (ms: number) => (now += ms), now: () => now };
}

describe('SNMP executor', () => {
  it('finds the working credential of the ordered list, remembers it, and polls with it', async () => {
    const t = setup();
    t.agent.set(UPTIME, { type: 'TimeTicks', value: 12_345 });
    t.agent.set('1.3.6.1.2.1.1.2.0', { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.8072.3.2.10' });
    expect(await t.poll([item(1, { kind: 'scalar', definition: uptimeItem })])).toEqual({ status: 'ok' });
    expect(t.memory.get('d1')).toBe('good');
    expect(t.written).toEqual([
      { name: 'uptime_sec', labels: { device: 'd1' }, ts: t.now(), value: 123.45 },
      { name: 'snmp_reachable', labels: { device: 'd1' }, ts: t.now(), value: 1 },
    ]);
  });

  it('groups scalars into requests of at most maxVarbinds (sysUpTime in each) and halves them on tooBig', async () => {
    const t = setup({ maxVarbinds: 10 });
    t.memory.set('d1', 'good');
    t.agent.set(UPTIME, { type: 'TimeTicks', value: 100 });
    const items: ScheduledItem[] = [];
    for (let i = 1; i <= 25; i++) {
      const oid = `1.3.6.1.4.1.99.${i}.0`;
      t.agent.set(oid, { type: 'Gauge32', value: i });
      items.push(item(i, { kind: 'scalar', definition: { key: `g${i}`, name: `g${i}`, oid, mib: 'X-MIB::g', valueType: 'gauge', transforms: [] } }));
    }
    await t.poll(items);
    expect(t.agent.requests.map((r) => r.length)).toEqual([10, 10, 8]);
    expect(t.agent.requests.every((r) => r[0] === UPTIME)).toBe(true);
    expect(t.written.filter((w) => w.name.startsWith('g'))).toHaveLength(25);

    t.agent.requests.length = 0;
    t.agent.tooBigAbove = 6;
    await t.poll(items);
    expect(Math.max(...t.agent.requests.map((r) => r.length))).toBeLessThanOrEqual(6);
    // The smaller size is kept for the device: no tooBig round trips on the next poll.
    t.agent.requests.length = 0;
    await t.poll(items);
    expect(t.agent.requests.every((r) => r.length <= 6)).toBe(true);
    expect(t.agent.requests.length).toBeLessThanOrEqual(Math.ceil(25 / 4) + 1);
  });

  it('walks tables, prefers ifHC counters, falls back to 32-bit ones, and turns an agent restart into a gap', async () => {
    const t = setup();
    t.memory.set('d1', 'good');
    const set = (uptime: number, hc: bigint, in32: number) => {
      t.agent.set(UPTIME, { type: 'TimeTicks', value: uptime });
      t.agent.set(`${IF_INDEX}.1`, { type: 'Integer', value: 1 });
      t.agent.set(`${IF_INDEX}.2`, { type: 'Integer', value: 2 });
      t.agent.set(`${IF_DESCR}.1`, { type: 'OctetString', value: 'eth0', format: 'text', bytes: Buffer.from('eth0') });
      t.agent.set(`${IF_DESCR}.2`, { type: 'OctetString', value: 'old0', format: 'text', bytes: Buffer.from('old0') });
      t.agent.set(`${IF_HC_IN}.1`, { type: 'Counter64', value: hc }); // only eth0 has ifHCInOctets
      t.agent.set(`${IF_IN}.1`, { type: 'Counter32', value: 7 });
      t.agent.set(`${IF_IN}.2`, { type: 'Counter32', value: in32 });
    };
    const items = [item(1, { kind: 'table', definition: ifTable })];
    set(100_000, 10_000_000_000n, 4_294_967_000);
    await t.poll(items);
    expect(t.written.filter((w) => w.name === 'if_in_bps')).toEqual([]);
    t.advance(10_000);
    set(101_000, 10_012_500_000n, 704); // eth0 +12.5 MB; old0 wraps by 1000
    await t.poll(items);
    const rates = t.written.filter((w) => w.name === 'if_in_bps');
    expect(rates).toEqual([
      { name: 'if_in_bps', labels: { device: 'd1', interface: 'eth0', index: '1' }, ts: t.now(), value: 10_000_000 },
      { name: 'if_in_bps', labels: { device: 'd1', interface: 'old0', index: '2' }, ts: t.now(), value: 800 },
    ]);
    // The agent restarts: sysUpTime back to 5 s, counters back near zero. No sample, no spike.
    t.advance(10_000);
    set(500, 1000n, 1000);
    await t.poll(items);
    expect(t.written.filter((w) => w.name === 'if_in_bps')).toHaveLength(2);
    t.advance(10_000);
    set(1500, 1000n + 1_250_000n, 2000);
    await t.poll(items);
    expect(t.written.filter((w) => w.name === 'if_in_bps').slice(2).map((w) => w.value)).toEqual([1_000_000, 800]);
  });

  it('reports a dead device as one timeout (no walks after it), with snmp_reachable 0', async () => {
    const t = setup();
    t.memory.set('d1', 'good');
    t.agent.silent = true;
    const outcome = await t.poll([item(1, { kind: 'scalar', definition: uptimeItem }), item(2, { kind: 'table', definition: ifTable })]);
    expect(outcome.status).toBe('timeout');
    expect(t.agent.requests).toEqual([]);
    expect(t.written).toEqual([{ name: 'snmp_reachable', labels: { device: 'd1' }, ts: t.now(), value: 0 }]);
  });

  it('reads the system group once per run, and again after a restart at most once an hour', async () => {
    const seen: SystemInfo[] = [];
    const t = setup({ identity: (id, info) => void (id === 'd1' && seen.push(info)) });
    t.memory.set('d1', 'good');
    t.agent.set(UPTIME, { type: 'TimeTicks', value: 100_000 });
    t.agent.set('1.3.6.1.2.1.1.1.0', { type: 'OctetString', value: 'Cisco IOS Software, Version 15.2' });
    t.agent.set('1.3.6.1.2.1.1.2.0', { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.9.1.1' });
    t.agent.set('1.3.6.1.2.1.1.5.0', { type: 'OctetString', value: 'r1.lab' });
    t.agent.set('1.3.6.1.2.1.1.6.0', { type: 'OctetString', value: 'Rack 4' });
    t.agent.set('1.3.6.1.2.1.1.7.0', { type: 'Integer', value: 6 });
    const items = [item(1, { kind: 'scalar', definition: uptimeItem })];
    const systemReads = () => t.agent.requests.filter((r) => r.includes('1.3.6.1.2.1.1.5.0')).length;
    await t.poll(items);
    expect(seen).toEqual([{ sysDescr: 'Cisco IOS Software, Version 15.2', sysObjectID: '1.3.6.1.4.1.9.1.1', sysName: 'r1.lab', sysLocation: 'Rack 4', sysServices: 6 }]);
    t.advance(60_000);
    t.agent.set(UPTIME, { type: 'TimeTicks', value: 106_000 });
    await t.poll(items);
    expect(systemReads()).toBe(1);
    // Restart within the hour: remembered, read once the hour has passed.
    t.advance(60_000);
    t.agent.set(UPTIME, { type: 'TimeTicks', value: 50 });
    await t.poll(items);
    expect(systemReads()).toBe(1);
    t.advance(3_600_000);
    t.agent.set(UPTIME, { type: 'TimeTicks', value: 360_050 });
    await t.poll(items);
    expect(systemReads()).toBe(2);
    t.advance(3_600_000);
    t.agent.set(UPTIME, { type: 'TimeTicks', value: 720_050 });
    await t.poll(items);
    expect(systemReads()).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('reads the ENTITY chassis row with the system group (one more GET) and returns it as evidence', async () => {
    const seen: SystemInfo[] = [];
    const t = setup({ identity: (_id, info) => void seen.push(info) });
    t.memory.set('d1', 'good');
    const ENT = '1.3.6.1.2.1.47.1.1.1.1';
    t.agent.set(UPTIME, { type: 'TimeTicks', value: 100_000 });
    t.agent.set('1.3.6.1.2.1.1.2.0', { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.9.1.2066' });
    t.agent.set(`${ENT}.5.1`, { type: 'Integer', value: 3 });
    t.agent.set(`${ENT}.13.1`, { type: 'OctetString', value: 'C9300-48P', format: 'text', bytes: Buffer.from('C9300-48P') });
    t.agent.set(`${ENT}.11.1`, { type: 'OctetString', value: 'FCW2233L0AB', format: 'text', bytes: Buffer.from('FCW2233L0AB') });
    t.agent.set(`${ENT}.10.1`, { type: 'OctetString', value: '17.6.4', format: 'text', bytes: Buffer.from('17.6.4') });
    await t.poll([item(1, { kind: 'scalar', definition: uptimeItem })]);
    expect(seen[0]?.evidence?.entity).toEqual({ model: 'C9300-48P', serial: 'FCW2233L0AB', softwareRev: '17.6.4' });
    expect(t.agent.requests.filter((r) => r.includes(`${ENT}.11.1`))).toHaveLength(1);
  });
});
