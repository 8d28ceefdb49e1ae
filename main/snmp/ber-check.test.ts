import { describe, expect, it } from 'vitest';
import { checkScopedPdu, checkSnmpMessage, peekRequestId } from './ber-check.ts';
import { encInt, encOid, readTlv, seq, tlv } from './testing/ber.ts';
import { CAPTURED } from './testing/snmpd-captures.ts';

/** Every length in `buf` (offset of its short form, or of the last byte of its long form), walking constructed TLVs. */
function lengthBytes(buf: Buffer, from = 0, to = buf.length): { at: number; long: boolean }[] {
  const out: { at: number; long: boolean }[] = [];
  let pos = from;
  while (pos < to) {
    const first = buf[pos + 1] as number;
    const n = first & 0x80 ? first & 0x7f : 0;
    out.push({ at: pos + 1 + n, long: n > 0 });
    const t = readTlv(buf, pos);
    const start = t.end - t.body.length;
    if ((buf[pos] as number) & 0x20) out.push(...lengthBytes(buf, start, t.end));
    pos = t.end;
  }
  return out;
}

/** A v2c GetResponse (request-id 42) whose one varbind is `varbind`, built by hand. */
function response(varbind: Buffer, trailing = Buffer.alloc(0)): Buffer {
  const pdu = tlv(0xa2, Buffer.concat([encInt(0x02, 42), encInt(0x02, 0), encInt(0x02, 0), seq(varbind)]));
  return Buffer.concat([seq(encInt(0x02, 1), tlv(0x04, Buffer.from('public')), pdu), trailing]);
}
const withValue = (value: Buffer) => response(seq(encOid('1.3.6.1.2.1.1.1.0'), value));

describe('strict BER check of SNMP responses', () => {
  it("accepts every response captured from Net-SNMP's snmpd, with its request id", () => {
    for (const [name, c] of Object.entries(CAPTURED)) {
      expect(checkSnmpMessage(c.bytes), name).toEqual({ ok: true, requestId: c.requestId });
    }
  });

  it('rejects every capture truncated at every byte offset, and still reads the id once it was sent', () => {
    for (const [name, c] of Object.entries(CAPTURED)) {
      for (let cut = 0; cut < c.bytes.length; cut++) {
        const verdict = checkSnmpMessage(c.bytes.subarray(0, cut));
        expect(verdict.ok, `${name} cut at ${cut}`).toBe(false);
        // v1/v2c: the request-id ends within the first 25 bytes of these; v3: the msgID within 14.
        if (cut >= 25) expect(verdict, `${name} cut at ${cut}`).toMatchObject({ requestId: c.requestId });
      }
    }
  });

  it('rejects every capture with any one length off by one, up or down, unless that spells another valid message', () => {
    const accepted: string[] = [];
    for (const [name, c] of Object.entries(CAPTURED)) {
      const offsets = lengthBytes(c.bytes);
      expect(offsets.length, name).toBeGreaterThanOrEqual(9);
      for (const { at, long } of offsets) {
        for (const delta of [1, -1]) {
          const b = Buffer.from(c.bytes);
          const v = (b[at] as number) + delta;
          if (v < 0 || v > (long ? 0xff : 0x7f)) continue;
          b[at] = v;
          if (checkSnmpMessage(b).ok) accepted.push(`${name}: length at ${at} ${delta > 0 ? '+1' : '-1'}`);
        }
      }
    }
    // The one exception is well-formed BER: OID 1.3.6.1.2.1.2.2.1.7.2 = INTEGER 2 (06 0a ... 07 02 | 02 01 02)
    // read with an OID one byte shorter is 1.3.6.1.2.1.2.2.1.7 = INTEGER 258 (06 09 ... 07 | 02 02 01 02).
    expect(accepted).toEqual(['v2cGetNext: length at 47 -1']);
  });

  it('rejects trailing bytes after the message, and names them', () => {
    const b = Buffer.concat([CAPTURED.v2cGet!.bytes, Buffer.from([0x00])]);
    expect(checkSnmpMessage(b)).toEqual({ ok: false, reason: '1 unexpected byte(s) at the end of the packet', offset: 139, requestId: CAPTURED.v2cGet!.requestId });
  });

  it('says an OID length runs past the end of the packet, with the request id', () => {
    const good = withValue(tlv(0x04, Buffer.from('x')));
    const at = good.indexOf(Buffer.from([0x06, 0x08, 0x2b]));
    const bad = Buffer.from(good);
    bad[at + 1] = 0x70;
    expect(checkSnmpMessage(bad)).toEqual({ ok: false, reason: 'OID length runs past the end of the packet', offset: at + 1, requestId: 42 });
    bad[at + 1] = 0x0b;
    // Eight bytes more: the OID now swallows the value and exactly fills its varbind.
    expect(checkSnmpMessage(bad)).toMatchObject({ ok: false, reason: 'varbind value is missing (varbind ends first)', requestId: 42 });
  });

  const cases: [string, Buffer, string][] = [
    // net-snmp reads an empty OID as "0.NaN".
    ['empty OID value', withValue(tlv(0x06, Buffer.alloc(0))), 'OID value is empty'],
    ['empty OID name', response(seq(tlv(0x06, Buffer.alloc(0)), tlv(0x05, Buffer.alloc(0)))), 'OID is empty'],
    // 2^32 as a subidentifier: net-snmp wraps it to 0.
    ['subidentifier 2^32', withValue(tlv(0x06, Buffer.from([0x2b, 0x90, 0x80, 0x80, 0x80, 0x00]))), 'OID value has a subidentifier above 4294967295'],
    ['subidentifier 2^35', withValue(tlv(0x06, Buffer.from([0x2b, 0xff, 0xff, 0xff, 0xff, 0x7f]))), 'OID value has a subidentifier above 4294967295'],
    ['unfinished subidentifier', withValue(tlv(0x06, Buffer.from([0x2b, 0x06, 0x81]))), 'OID value ends in the middle of a subidentifier'],
    ['leading 0x80 in a subidentifier', withValue(tlv(0x06, Buffer.from([0x2b, 0x80, 0x01]))), 'OID value has a subidentifier with a leading 0x80 byte'],
    ['first subidentifier 2.40', withValue(tlv(0x06, Buffer.from([120, 1]))), 'OID value starts with subidentifier 120 (not 0.x, 1.x or 2.x below 2.40)'],
    ['129 subidentifiers', withValue(tlv(0x06, Buffer.concat([Buffer.from([0x2b]), Buffer.alloc(127, 1)]))), 'OID value has 129 subidentifiers (at most 128)'],
    ['empty Integer', withValue(tlv(0x02, Buffer.alloc(0))), 'Integer value is empty (an INTEGER needs at least one byte)'],
    ['Integer beyond 32 bits', withValue(tlv(0x02, Buffer.from([0x01, 0x00, 0x00, 0x00, 0x00]))), 'Integer value 4294967296 is outside -2147483648..2147483647'],
    ['Integer of 9 bytes', withValue(tlv(0x02, Buffer.alloc(9, 0xff))), 'Integer value is 9 bytes long (at most 5)'],
    ['negative Counter32', withValue(tlv(0x41, Buffer.from([0xff]))), 'Counter32 value is negative (0xff... in two\'s complement)'],
    ['Counter32 beyond 32 bits', withValue(tlv(0x41, Buffer.from([0x01, 0x00, 0x00, 0x00, 0x00]))), 'Counter32 value does not fit in 32 bits'],
    ['empty TimeTicks', withValue(tlv(0x43, Buffer.alloc(0))), 'TimeTicks value is empty'],
    ['Counter64 of 10 bytes', withValue(tlv(0x46, Buffer.alloc(10, 0x01))), 'Counter64 value is 10 bytes long (at most 9)'],
    ['Counter64 beyond 64 bits', withValue(tlv(0x46, Buffer.from([0x01, 0, 0, 0, 0, 0, 0, 0, 0]))), 'Counter64 value does not fit in 64 bits'],
    ['IpAddress of 5 bytes', withValue(tlv(0x40, Buffer.from([10, 0, 0, 1, 5]))), 'IpAddress value is 5 bytes long (expected 4)'],
    ['Null with content', withValue(tlv(0x05, Buffer.from([0]))), 'Null value has 1 content byte(s) (expected none)'],
    ['noSuchObject with content', withValue(tlv(0x80, Buffer.from([1, 2]))), 'noSuchObject has 2 content byte(s) (expected none)'],
    ['unknown type 0x47', withValue(tlv(0x47, Buffer.from([1]))), 'varbind value has type 0x47, not an SNMP type'],
    ['ASN.1 BOOLEAN', withValue(tlv(0x01, Buffer.from([1]))), 'varbind value has type 0x01, not an SNMP type'],
    ['varbind with a third element', response(seq(encOid('1.3.6.1'), tlv(0x05, Buffer.alloc(0)), tlv(0x05, Buffer.alloc(0)))), '2 unexpected byte(s) at the end of the varbind'],
    ['varbind without a value', response(seq(encOid('1.3.6.1'))), 'varbind value is missing (varbind ends first)'],
    ['indefinite length', Buffer.from('3080020101', 'hex'), 'message has an indefinite length (not allowed in SNMP)'],
    ['5-byte length field', Buffer.from('3085000000000302010104', 'hex'), 'message has a 5-byte length field'],
    ['version 2', Buffer.from('3003020102', 'hex'), 'unknown SNMP version 2'],
    ['a GetRequest PDU', Buffer.from('300e020101040170a006020101020100', 'hex'), 'PDU type 0xa0 is not a response or report'],
  ];

  for (const [name, buf, reason] of cases) {
    it(`rejects ${name}`, () => {
      expect(checkSnmpMessage(buf)).toMatchObject({ ok: false, reason });
    });
  }

  it('rejects an error-status that is not one and a negative error-index', () => {
    const pdu = (status: number, index: number) =>
      seq(encInt(0x02, 1), tlv(0x04, Buffer.from('public')), tlv(0xa2, Buffer.concat([encInt(0x02, 7), encInt(0x02, status), encInt(0x02, index), seq()])));
    expect(checkSnmpMessage(pdu(0, 0))).toEqual({ ok: true, requestId: 7 });
    expect(checkSnmpMessage(pdu(19, 0))).toMatchObject({ ok: false, reason: 'error-status 19 is outside 0..18', requestId: 7 });
    expect(checkSnmpMessage(pdu(0, -1))).toMatchObject({ ok: false, reason: 'error-index -1 is outside 0..2147483647', requestId: 7 });
  });

  it('accepts the edges of each type', () => {
    for (const value of [
      encInt(0x02, -(2 ** 31)),
      encInt(0x02, 2 ** 31 - 1),
      encInt(0x41, 2 ** 32 - 1),
      encInt(0x46, 2n ** 64n - 1n),
      encOid('0.0'),
      encOid('2.39.4294967295'),
      tlv(0x04, Buffer.alloc(300, 0x41)),
      tlv(0x82, Buffer.alloc(0)),
    ]) {
      expect(checkSnmpMessage(withValue(value)), value.toString('hex')).toEqual({ ok: true, requestId: 42 });
    }
  });

  it('reads the request id of a message broken after it, and nothing from garbage', () => {
    expect(peekRequestId(CAPTURED.v2cGet!.bytes.subarray(0, 30))).toBe(CAPTURED.v2cGet!.requestId);
    expect(peekRequestId(CAPTURED.v3AuthPriv!.bytes.subarray(0, 20))).toBe(CAPTURED.v3AuthPriv!.requestId);
    expect(peekRequestId(CAPTURED.v2cGet!.bytes.subarray(0, 20))).toBeUndefined();
    expect(peekRequestId(Buffer.from('3082ffff020101deadbeef', 'hex'))).toBeUndefined();
    expect(peekRequestId(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('strict BER check of a decrypted scoped PDU', () => {
  // The plaintext scoped PDU of the captured authNoPriv answer is the last element of its message.
  const msg = CAPTURED.v3AuthNoPriv!.bytes;
  const scoped = msg.subarray(msg.lastIndexOf(Buffer.from([0x30, 0x3e, 0x04, 0x11])));

  it('accepts a real one, with up to 7 bytes of padding', () => {
    expect(scoped[0]).toBe(0x30);
    expect(checkScopedPdu(Buffer.from(scoped))).toEqual({ ok: true });
    expect(checkScopedPdu(Buffer.concat([scoped, Buffer.alloc(7)]))).toEqual({ ok: true });
  });

  it('calls bytes that are not a scoped PDU undecryptable (undefined), and a broken one malformed', () => {
    expect(checkScopedPdu(Buffer.concat([scoped, Buffer.alloc(8)]))).toBeUndefined();
    expect(checkScopedPdu(Buffer.from('8c4f0a77d2e1', 'hex'))).toBeUndefined();
    // sysName's "ber-fixture" one byte longer than it is: it runs into the padding after the varbind.
    const broken = Buffer.concat([scoped, Buffer.alloc(4)]);
    const at = broken.lastIndexOf(Buffer.from([0x04, 0x0b]));
    broken[at + 1] = 0x0c;
    expect(checkScopedPdu(broken)).toMatchObject({ ok: false, reason: 'varbind value length runs past the end of the varbind' });
  });
});
