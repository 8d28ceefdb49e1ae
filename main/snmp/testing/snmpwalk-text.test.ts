import { describe, expect, it } from 'vitest';
import { readTlv } from './ber.ts';
import { parseSnmpwalkText } from './snmpwalk-text.ts';

const body = (mib: Map<string, Buffer>, oid: string) => {
  const t = readTlv(mib.get(oid) as Buffer, 0);
  return { tag: t.tag, body: t.body };
};

describe('snmpwalk -On text', () => {
  it('reads every value type Net-SNMP prints, with multi-line strings and hex, skipping the header and end-of-MIB', () => {
    const mib = parseSnmpwalkText(
      [
        '# provenance header',
        '.1.3.6.1.2.1.1.1.0 = STRING: "Linux box \\"quoted\\"',
        'second line"',
        '.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.8072.3.2.10',
        '.1.3.6.1.2.1.1.3.0 = Timeticks: (151) 0:00:01.51',
        '.1.3.6.1.2.1.2.2.1.6.1 = ""',
        '.1.3.6.1.2.1.2.2.1.6.2 = Hex-STRING: 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF ',
        '10 20 ',
        '.1.3.6.1.2.1.2.2.1.7.1 = INTEGER: up(1)',
        '.1.3.6.1.2.1.2.2.1.8.1 = INTEGER: -5',
        '.1.3.6.1.2.1.2.2.1.10.1 = Counter32: 4294967295',
        '.1.3.6.1.2.1.2.2.1.5.1 = Gauge32: 100 percent',
        '.1.3.6.1.2.1.31.1.1.1.6.1 = Counter64: 18446744073709551615',
        '.1.3.6.1.2.1.4.20.1.1.127.0.0.1 = IpAddress: 127.0.0.1',
        '.1.3.6.1.2.1.25.3.2.1.9.1 = BITS: 80 00 processorLoad(0)',
        '.1.3.6.1.4.1.2021.10.1.6.1 = Opaque: Float: 1.5',
        '.1.3.6.1.4.1.2021.11.67.0 = No more variables left in this MIB View (It is past the end of the MIB tree)',
      ].join('\n'),
    );
    expect(mib.size).toBe(13);
    expect(body(mib, '1.3.6.1.2.1.1.1.0')).toEqual({ tag: 0x04, body: Buffer.from('Linux box "quoted"\nsecond line') });
    expect(body(mib, '1.3.6.1.2.1.1.3.0')).toEqual({ tag: 0x43, body: Buffer.from([0, 151]) });
    expect(body(mib, '1.3.6.1.2.1.2.2.1.6.1')).toEqual({ tag: 0x04, body: Buffer.alloc(0) });
    expect(body(mib, '1.3.6.1.2.1.2.2.1.6.2').body.toString('hex')).toBe('00112233445566778899aabbccddeeff1020');
    expect(body(mib, '1.3.6.1.2.1.2.2.1.7.1')).toEqual({ tag: 0x02, body: Buffer.from([1]) });
    expect(body(mib, '1.3.6.1.2.1.2.2.1.8.1')).toEqual({ tag: 0x02, body: Buffer.from([0xfb]) });
    expect(body(mib, '1.3.6.1.2.1.2.2.1.10.1')).toEqual({ tag: 0x41, body: Buffer.from([0, 0xff, 0xff, 0xff, 0xff]) });
    expect(body(mib, '1.3.6.1.2.1.2.2.1.5.1')).toEqual({ tag: 0x42, body: Buffer.from([100]) });
    expect(body(mib, '1.3.6.1.2.1.31.1.1.1.6.1').body.toString('hex')).toBe('00ffffffffffffffff');
    expect(body(mib, '1.3.6.1.2.1.4.20.1.1.127.0.0.1')).toEqual({ tag: 0x40, body: Buffer.from([127, 0, 0, 1]) });
    expect(body(mib, '1.3.6.1.2.1.25.3.2.1.9.1')).toEqual({ tag: 0x04, body: Buffer.from([0x80, 0]) });
    expect(body(mib, '1.3.6.1.4.1.2021.10.1.6.1')).toEqual({ tag: 0x44, body: Buffer.from('9f78043fc00000', 'hex') });
  });

  it('refuses what it cannot serve faithfully, with the line number', () => {
    expect(() => parseSnmpwalkText('.1.3.6.1.2.1.1.1.0 = Network Address: 7F:00:00:01')).toThrow(/line 1: value type "Network Address"|line 1: no value type/);
    expect(() => parseSnmpwalkText('# header\nsysDescr.0 = STRING: "named, not numeric"')).toThrow(/line 2: not an snmpwalk -On line/);
  });
});
