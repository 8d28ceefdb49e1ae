import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnmpClient, type SnmpClient } from './client.ts';
import { SnmpError, SnmpTimeoutError } from './errors.ts';
import { formatVarBind } from './net-snmp-format.ts';
import { encInt, encOid, tlv } from './testing/ber.ts';
import { type FakeAgent, startFakeAgent } from './testing/fake-agent.ts';

const MIB = new Map<string, Buffer>([
  ['1.3.6.1.2.1.1.1.0', tlv(0x04, Buffer.from('Fake agent'))],
  ['1.3.6.1.2.1.1.2.0', encOid('1.3.6.1.4.1.8072.3.2.10')],
  ['1.3.6.1.2.1.1.3.0', encInt(0x43, 8640123)],
  ['1.3.6.1.2.1.2.2.1.1.1', encInt(0x02, 1)],
  ['1.3.6.1.2.1.2.2.1.1.2', encInt(0x02, 2)],
  ['1.3.6.1.2.1.2.2.1.2.1', tlv(0x04, Buffer.from('lo'))],
  ['1.3.6.1.2.1.2.2.1.2.2', tlv(0x04, Buffer.from('eth0'))],
  ['1.3.6.1.2.1.2.2.1.6.1', tlv(0x04, Buffer.alloc(0))],
  ['1.3.6.1.2.1.2.2.1.6.2', tlv(0x04, Buffer.from('0242ac110002', 'hex'))],
  ['1.3.6.1.2.1.2.2.1.10.2', encInt(0x41, 4294967295)],
  ['1.3.6.1.2.1.4.20.1.1.10.0.0.1', tlv(0x40, Buffer.from([10, 0, 0, 1]))],
  ['1.3.6.1.2.1.31.1.1.1.6.2', encInt(0x46, 18446744073709551615n)],
  ['1.3.6.1.2.1.31.1.1.1.15.2', encInt(0x42, 1000)],
  ['1.3.6.1.4.1.99.1.0', tlv(0x04, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02]))],
]);

describe('SNMP session against a fake agent', () => {
  let agent: FakeAgent;
  let client: SnmpClient;
  const target = () => `127.0.0.1:${agent.port}`;
  const v2c = { version: '2c' as const, community: 'public' };

  beforeAll(async () => {
    agent = await startFakeAgent(MIB);
    client = createSnmpClient({ defaults: { timeoutMs: 300, retries: 0 } });
  });
  afterAll(async () => {
    client.close();
    await agent.close();
  });

  it('decodes every value type', async () => {
    agent.mode = 'normal';
    const s = await client.session(target(), v2c);
    const vbs = await s.get(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.2.2.1.6.2', '1.3.6.1.2.1.2.2.1.10.2', '1.3.6.1.2.1.31.1.1.1.6.2', '1.3.6.1.2.1.4.20.1.1.10.0.0.1', '1.3.6.1.4.1.99.1.0', '1.3.6.1.2.1.1.9.0']);
    expect(vbs.map((v) => [v.type, v.value])).toEqual([
      ['OctetString', 'Fake agent'],
      ['ObjectIdentifier', '1.3.6.1.4.1.8072.3.2.10'],
      ['TimeTicks', 8640123],
      ['OctetString', '02:42:ac:11:00:02'],
      ['Counter32', 4294967295],
      ['Counter64', 18446744073709551615n],
      ['IpAddress', '10.0.0.1'],
      ['OctetString', 'de ad be ef 00 01 02'],
      ['noSuchObject', null],
    ]);
    expect(vbs.map(formatVarBind)).toEqual([
      '.1.3.6.1.2.1.1.1.0 = STRING: "Fake agent"',
      '.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.8072.3.2.10',
      '.1.3.6.1.2.1.1.3.0 = Timeticks: (8640123) 1 day, 0:00:01.23',
      '.1.3.6.1.2.1.2.2.1.6.2 = Hex-STRING: 02 42 AC 11 00 02 ',
      '.1.3.6.1.2.1.2.2.1.10.2 = Counter32: 4294967295',
      '.1.3.6.1.2.1.31.1.1.1.6.2 = Counter64: 18446744073709551615',
      '.1.3.6.1.2.1.4.20.1.1.10.0.0.1 = IpAddress: 10.0.0.1',
      '.1.3.6.1.4.1.99.1.0 = Hex-STRING: DE AD BE EF 00 01 02 ',
      '.1.3.6.1.2.1.1.9.0 = No Such Object available on this agent at this OID',
    ]);
  });

  it('walks a subtree with getbulk and getnext alike, and stops at its end', async () => {
    agent.mode = 'normal';
    const s = await client.session(target(), v2c);
    const bulk = await s.walk('1.3.6.1.2.1.2', { maxRepetitions: 3 });
    const next = await s.walk('1.3.6.1.2.1.2', { useGetNext: true });
    expect(bulk.map((v) => v.oid)).toEqual([...MIB.keys()].filter((o) => o.startsWith('1.3.6.1.2.1.2.')));
    expect(next).toEqual(bulk);
    const v1 = await (await client.session(target(), { version: '1', community: 'public' })).walk('1.3.6.1.2.1.1');
    expect(v1).toHaveLength(3);
  });

  it('builds tables by index with named columns', async () => {
    agent.mode = 'normal';
    const s = await client.session(target(), v2c);
    const t = await s.table('1.3.6.1.2.1.2.2');
    expect(t.columns).toEqual(['ifIndex', 'ifDescr', 'ifPhysAddress', 'ifInOctets']);
    expect(t.rows.map((r) => r.index)).toEqual(['1', '2']);
    expect(t.rows[1]?.values.ifDescr?.value).toBe('eth0');
  });

  it('falls back to a GET when the walked OID is a leaf', async () => {
    agent.mode = 'normal';
    const s = await client.session(target(), v2c);
    const vbs = await s.walk('1.3.6.1.2.1.1.1.0');
    expect(vbs.map((v) => v.value)).toEqual(['Fake agent']);
  });

  it('turns a looping agent into a typed loop error (getbulk and getnext)', async () => {
    const s = await client.session(target(), v2c);
    agent.mode = 'loop';
    await expect(s.walk('1.3.6.1.2.1.1')).rejects.toMatchObject({ reason: 'loop' });
    agent.mode = 'backwards';
    await expect(s.walk('1.3.6.1.2.1', { useGetNext: true })).rejects.toMatchObject({ reason: 'loop' });
    agent.mode = 'normal';
  });

  for (const mode of ['garbage', 'truncated', 'bad-ip'] as const) {
    it(`fails a request with a typed bad_response within its timeout on ${mode} answers`, async () => {
      const s = await client.session(target(), v2c);
      agent.mode = mode;
      const started = performance.now();
      const err = await s.get(['1.3.6.1.2.1.1.1.0'], { timeoutMs: 300, retries: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SnmpError);
      expect((err as SnmpError).reason).toBe('bad_response');
      expect(performance.now() - started).toBeLessThan(300 * 2 + 400);
      agent.mode = 'normal';
      // The session still works afterwards.
      expect((await s.get(['1.3.6.1.2.1.1.1.0']))[0]?.value).toBe('Fake agent');
    });
  }

  it('times out on wrong request ids and on silence, with a typed timeout', async () => {
    const s = await client.session(target(), v2c);
    for (const mode of ['wrong-id', 'silent'] as const) {
      agent.mode = mode;
      const started = performance.now();
      await expect(s.get(['1.3.6.1.2.1.1.1.0'], { timeoutMs: 200, retries: 1 })).rejects.toBeInstanceOf(SnmpTimeoutError);
      expect(performance.now() - started).toBeLessThan(200 * 2 + 400);
    }
    agent.mode = 'normal';
  });

  it('finds the first working credential and remembers it', async () => {
    agent.mode = 'normal';
    const creds = [
      { id: 'a', version: '2c' as const, community: 'wrong' },
      { id: 'b', version: '2c' as const, community: 'public' },
      { id: 'c', version: '1' as const, community: 'public' },
    ];
    const started = performance.now();
    const match = await client.findCredential(target(), creds, { timeoutMs: 300, retries: 0 });
    expect(match.index).toBe(1);
    expect(match.sysObjectID.value).toBe('1.3.6.1.4.1.8072.3.2.10');
    expect(performance.now() - started).toBeLessThan(300 + 300);
    expect(client.rememberedCredential(target())).toBe('id:b');
    await expect(client.findCredential(target(), [creds[0] as (typeof creds)[0]], { timeoutMs: 100, retries: 0 })).rejects.toBeInstanceOf(SnmpTimeoutError);
  });

  it('shares a few real sockets among many sessions', async () => {
    agent.mode = 'normal';
    const many = createSnmpClient({ sockets: 4, defaults: { timeoutMs: 500, retries: 0 } });
    const sessions = await Promise.all(Array.from({ length: 200 }, (_, i) => many.session(target(), { version: '2c', community: 'public', id: `s${i}` })));
    const answers = await Promise.all(sessions.map((s) => s.get(['1.3.6.1.2.1.1.1.0'])));
    expect(answers.every((a) => a[0]?.value === 'Fake agent')).toBe(true);
    const stats = many.stats();
    expect(stats.sessions).toBe(200);
    expect(stats.openSockets).toBe(4);
    expect(stats.virtualSockets).toBe(200);
    many.close();
    expect(many.stats().openSockets).toBe(0);
  });
});
