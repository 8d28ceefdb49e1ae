import { describe, expect, it } from 'vitest';
import { formatTimeticks, formatVarBind } from './net-snmp-format.ts';
import { formatOctets } from './varbind.ts';

describe('Net-SNMP style output', () => {
  it('formats timeticks like snmpwalk', () => {
    expect(formatTimeticks(1234)).toBe('(1234) 0:00:12.34');
    expect(formatTimeticks(8640000)).toBe('(8640000) 1 day, 0:00:00.00');
    expect(formatTimeticks(17280000 + 366100)).toBe('(17646100) 2 days, 1:01:01.00');
  });
  it('wraps long hex strings every 16 bytes, a space after each byte', () => {
    const bytes = Buffer.from(Array.from({ length: 18 }, (_, i) => i));
    expect(formatVarBind({ oid: '1.3.6.1.4.1.1.0', type: 'OctetString', bytes, ...formatOctets(bytes) })).toBe(
      '.1.3.6.1.4.1.1.0 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F \n10 11 ',
    );
  });
  it('renders octets as text, MAC or hex', () => {
    expect(formatOctets(Buffer.from('eth0'))).toEqual({ value: 'eth0', format: 'text' });
    expect(formatOctets(Buffer.from('0242ac110002', 'hex'))).toEqual({ value: '02:42:ac:11:00:02', format: 'mac' });
    expect(formatOctets(Buffer.from('abcdef'))).toEqual({ value: 'abcdef', format: 'text' });
    expect(formatOctets(Buffer.from('ff00ff', 'hex'))).toEqual({ value: 'ff 00 ff', format: 'hex' });
  });
});
