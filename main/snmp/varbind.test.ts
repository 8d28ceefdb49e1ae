import { describe, expect, it } from 'vitest';
import { Asn } from './net-snmp-lib.ts';
import { toVarBind, VarBindDecodeError } from './varbind.ts';

const OID = '1.3.6.1.2.1.1.1.0';

describe('typed values from net-snmp varbinds', () => {
  it('converts well-formed values', () => {
    expect(toVarBind({ oid: OID, type: Asn.Integer, value: -1 })).toEqual({ oid: OID, type: 'Integer', value: -1 });
    expect(toVarBind({ oid: `.${OID}`, type: Asn.OID, value: '0.0' })).toEqual({ oid: OID, type: 'ObjectIdentifier', value: '0.0' });
    expect(toVarBind({ oid: OID, type: Asn.Counter64, value: Buffer.from('00ffffffffffffffff', 'hex') })).toMatchObject({ value: 2n ** 64n - 1n });
    expect(toVarBind({ oid: OID, type: Asn.OctetString, value: Buffer.alloc(0) })).toMatchObject({ type: 'OctetString', value: '' });
  });

  // What net-snmp's lenient reader returns for broken encodings, which used to be rendered as values.
  const lenient: [string, number, unknown, string?][] = [
    ['an OID read from an empty encoding', Asn.OID, '0.NaN'],
    ['a string cut short', Asn.OctetString, null],
    ['a fractional Integer', Asn.Integer, 1.5],
    ['an Integer beyond 32 bits', Asn.Integer, 2 ** 31],
    ['a negative Counter32', Asn.Counter32, -1],
    ['a Counter64 of 10 bytes', Asn.Counter64, Buffer.alloc(10, 1)],
    ['a negative Counter64', Asn.Counter64, Buffer.from([0xff])],
    ['an empty Counter64', Asn.Counter64, Buffer.alloc(0)],
    ['an IpAddress that is none', Asn.IpAddress, '1.2.3.256'],
    ['a bad varbind OID', Asn.Null, null, '1.3.NaN'],
    ['a varbind OID above 2^32-1', Asn.Null, null, '1.3.4294967296'],
  ];
  for (const [name, type, value, oid] of lenient) {
    it(`refuses ${name}`, () => {
      expect(() => toVarBind({ oid: oid ?? OID, type, value })).toThrow(VarBindDecodeError);
    });
  }
});
