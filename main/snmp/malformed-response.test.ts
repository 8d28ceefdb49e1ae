/**
 * A malformed answer fails the request it answers with SnmpDecodeError, never a value. The agent is
 * a fault injector: it decodes each real request and answers it, then breaks that answer.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/run-cli.ts';
import { createSnmpClient, type SnmpClient } from './client.ts';
import { SnmpDecodeError, toSnmpError } from './errors.ts';
import { netSnmp } from './net-snmp-lib.ts';
import { installStrictDecryption } from './strict-decryption.ts';
import { encInt, encOid, encodeResponse, type SnmpRequest, seq, tlv } from './testing/ber.ts';
import { type FakeAgent, startFakeAgent } from './testing/fake-agent.ts';

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const MIB = new Map<string, Buffer>([
  [SYS_DESCR, tlv(0x04, Buffer.from('Fault injector'))],
  ['1.3.6.1.2.1.1.2.0', encOid('1.3.6.1.4.1.8072.3.2.10')],
]);

/** The answer to `req` with one varbind whose value TLV is `value`. */
const answer = (req: SnmpRequest, value: Buffer) => encodeResponse(req, [[req.oids[0] as string, value]]);

describe('malformed SNMP responses', () => {
  let agent: FakeAgent;
  let client: SnmpClient;
  const target = () => `127.0.0.1:${agent.port}`;
  const v2c = { version: '2c' as const, community: 'public' };
  // Long enough that a decode error that waited for the timeout would show.
  const slow = { timeoutMs: 3000, retries: 0 };

  beforeAll(async () => {
    agent = await startFakeAgent(MIB);
    client = createSnmpClient();
  });
  afterAll(async () => {
    client.close();
    await agent.close();
  });
  beforeEach(() => {
    agent.mode = 'normal';
    agent.mutate = undefined;
  });

  /** The error the GET of sysDescr.0 fails with, and how long that took. */
  async function failure(opts = slow): Promise<{ err: unknown; ms: number }> {
    const s = await client.session(target(), v2c);
    const started = performance.now();
    const err = await s.get([SYS_DESCR], opts).then(
      (vbs) => vbs,
      (e: unknown) => e,
    );
    return { err, ms: performance.now() - started };
  }

  it('fails the request at once when an OID length runs past the end of the packet', async () => {
    agent.mutate = (response, req) => {
      const b = Buffer.from(response);
      b[b.indexOf(encOid(req.oids[0] as string)) + 1] = 0x7f;
      return b;
    };
    const { err, ms } = await failure();
    expect(err).toBeInstanceOf(SnmpDecodeError);
    expect((err as SnmpDecodeError).message).toBe(`malformed response from ${target()}: OID length runs past the end of the packet`);
    expect((err as SnmpDecodeError).reason).toBe('bad_response');
    expect(ms).toBeLessThan(1000);
  });

  const broken: [string, (req: SnmpRequest) => Buffer, string][] = [
    // What net-snmp alone turned into values: OID ".0.NaN", STRING "" (a string cut short), a counter of 4294967295 from -1.
    ['an empty OID value', (req) => answer(req, tlv(0x06, Buffer.alloc(0))), 'OID value is empty'],
    ['a string cut short', (req) => answer(req, tlv(0x04, Buffer.from('Fault injector'))).subarray(0, -3), 'message length runs past the end of the packet'],
    ['a negative Counter32', (req) => answer(req, tlv(0x41, Buffer.from([0xff]))), "Counter32 value is negative (0xff... in two's complement)"],
    ['a subidentifier above 2^32-1', (req) => answer(req, tlv(0x06, Buffer.from([0x2b, 0x90, 0x80, 0x80, 0x80, 0x00]))), 'OID value has a subidentifier above 4294967295'],
    ['a Null with content', (req) => encodeResponse(req, [[req.oids[0] as string, tlv(0x05, encInt(0x02, -1))]]), 'Null value has 3 content byte(s) (expected none)'],
    ['trailing bytes', (req) => Buffer.concat([answer(req, tlv(0x04, Buffer.from('x'))), Buffer.from([0x02, 0x01, 0xff])]), '3 unexpected byte(s) at the end of the packet'],
  ];
  for (const [name, reply, detail] of broken) {
    it(`fails the request at once on ${name}`, async () => {
      agent.mutate = (_response, req) => reply(req);
      const { err, ms } = await failure();
      expect(err).toBeInstanceOf(SnmpDecodeError);
      expect((err as SnmpDecodeError).detail).toBe(detail);
      expect(ms).toBeLessThan(1000);
    });
  }

  it('fails on an answer truncated at any byte after the request id', async () => {
    let cut = 0;
    agent.mutate = (response) => response.subarray(0, cut);
    const full = answer({ version: 1, community: 'public', requestId: 2 ** 30, pduType: 0xa0, field2: 0, field3: 0, oids: [SYS_DESCR] }, MIB.get(SYS_DESCR) as Buffer).length;
    for (cut = 24; cut < full; cut += 3) {
      const { err, ms } = await failure();
      expect(err, `cut at ${cut}`).toBeInstanceOf(SnmpDecodeError);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('counts and drops an answer without a readable request id; the request ends at its timeout with the reason', async () => {
    const before = client.stats().malformedPackets;
    agent.mode = 'garbage';
    const { err, ms } = await failure({ timeoutMs: 200, retries: 1 });
    expect(err).toBeInstanceOf(SnmpDecodeError);
    expect((err as SnmpDecodeError).message).toBe(`malformed response from ${target()}: message length runs past the end of the packet (no valid answer within 200 ms x 2; 2 malformed packet(s) received)`);
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(client.stats().malformedPackets - before).toBe(2);
  });

  it('answers correctly again once the agent does', async () => {
    agent.mutate = (_r, req) => answer(req, tlv(0x06, Buffer.alloc(0)));
    expect((await failure()).err).toBeInstanceOf(SnmpDecodeError);
    agent.mutate = undefined;
    const s = await client.session(target(), v2c);
    expect((await s.get([SYS_DESCR]))[0]?.value).toBe('Fault injector');
  });

  it('wardflux snmp get prints the decode error and exits 1', async () => {
    agent.mutate = (response, req) => {
      const b = Buffer.from(response);
      b[b.indexOf(encOid(req.oids[0] as string)) + 1] = 0x7f;
      return b;
    };
    const run = await runCli(['snmp', 'get', '-v2c', '-c', 'public', '-t', '5', target(), SYS_DESCR], process.env, { timeoutMs: 30_000 });
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`malformed response from ${target()}: OID length runs past the end of the packet`);
    expect(run.code).toBe(1);
  });
});

describe('malformed SNMPv3 scoped PDU inside an encrypted answer', () => {
  const engine = { engineID: Buffer.from('80001f8804626572', 'hex'), engineBoots: 1, engineTime: 7 };
  const aes = netSnmp.PrivProtocols.aes;
  const sha = netSnmp.AuthProtocols.sha;
  const encrypt = (scoped: Buffer) =>
    (netSnmp.Encryption as unknown as { encryptPdu(p: number, pdu: Buffer, pw: string, a: number, e: typeof engine): { encryptedPdu: Buffer; msgPrivacyParameters: Buffer } }).encryptPdu(aes, scoped, 'fixture-priv-pass', sha, engine);
  const decrypt = (sealed: { encryptedPdu: Buffer; msgPrivacyParameters: Buffer }, password = 'fixture-priv-pass') =>
    netSnmp.Encryption.decryptPdu(aes, sealed.encryptedPdu, sealed.msgPrivacyParameters, password as unknown as Buffer, sha, engine);
  const pdu = (value: Buffer) => tlv(0xa2, Buffer.concat([encInt(0x02, 9), encInt(0x02, 0), encInt(0x02, 0), seq(seq(encOid(SYS_DESCR), value))]));
  const scoped = (value: Buffer) => seq(tlv(0x04, engine.engineID), tlv(0x04, Buffer.alloc(0)), pdu(value));

  beforeAll(() => installStrictDecryption());

  it('lets a well-formed one through, calls a broken one malformed and a wrong key a decryption failure', () => {
    const good = scoped(tlv(0x04, Buffer.from('ok')));
    expect(decrypt(encrypt(good))).toEqual(good);
    expect(() => decrypt(encrypt(scoped(tlv(0x06, Buffer.alloc(0)))))).toThrow('malformed scoped PDU: OID value is empty');
    expect(() => decrypt(encrypt(good), 'another-priv-pass')).toThrow('the decrypted bytes are not a scoped PDU');
  });

  it("maps net-snmp's wrapped failure to SnmpDecodeError, and a real decryption failure still to an auth error", () => {
    const wrapped = (inner: string) => new netSnmp.ResponseInvalidError(`Failed to decrypt PDU: Error: ${inner}` as never, netSnmp.ResponseInvalidCode.ECouldNotDecrypt as never);
    const decodeErr = toSnmpError(wrapped('malformed scoped PDU: OID value is empty'), '127.0.0.1:161');
    expect(decodeErr).toBeInstanceOf(SnmpDecodeError);
    expect(decodeErr.message).toBe('malformed response from 127.0.0.1:161: OID value is empty (in the decrypted scoped PDU)');
    expect(toSnmpError(wrapped('the decrypted bytes are not a scoped PDU'), '127.0.0.1:161')).toMatchObject({ reason: 'decryption' });
  });
});
