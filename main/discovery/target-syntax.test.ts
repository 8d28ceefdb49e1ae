import { describe, expect, it } from 'vitest';
import { parseTarget } from './target-syntax.ts';

describe('parseTarget', () => {
  it('recognises CIDRs, ranges, addresses and host names', () => {
    expect(parseTarget('10.1.2.0/24')).toMatchObject({ ok: true, kind: 'cidr', family: 4, prefix: 24, hostBitsSet: false });
    expect(parseTarget('10.1.2.10-50')).toMatchObject({ ok: true, kind: 'range', family: 4 });
    expect(parseTarget('10.1.2.10-10.1.3.20')).toMatchObject({ ok: true, kind: 'range' });
    expect(parseTarget(' 10.1.2.3 ')).toMatchObject({ ok: true, kind: 'address', family: 4 });
    expect(parseTarget('2001:db8::1')).toMatchObject({ ok: true, kind: 'address', family: 6 });
    expect(parseTarget('2001:db8::10-1f')).toMatchObject({ ok: true, kind: 'range', family: 6 });
    expect(parseTarget('core-sw1.example')).toMatchObject({ ok: true, kind: 'hostname', hostname: 'core-sw1.example' });
    expect(parseTarget('::ffff:10.0.0.1')).toMatchObject({ ok: true, kind: 'address', family: 4 });
  });

  it('explains what is wrong', () => {
    const msg = (t: string) => {
      const p = parseTarget(t);
      return p.ok ? 'ok' : p.message;
    };
    expect(msg('10.1.2')).toMatch(/not a valid IPv4 address/);
    expect(msg('10.1.2.300')).toMatch(/not a valid IPv4 address/);
    expect(msg('10.1.2.0/33')).toMatch(/at most \/32/);
    expect(msg('10.1.2.0/')).toMatch(/not a prefix length/);
    expect(msg('10.1.2.50-10')).toMatch(/ends before it starts/);
    expect(msg('10.1.2.10-300')).toMatch(/not an octet/);
    expect(msg('10.0.0.1-2001:db8::1')).toMatch(/cannot mix IPv4 and IPv6/);
    expect(msg('under_score')).toMatch(/not an address, a CIDR/);
    expect(msg('fe80::1%eth0')).toMatch(/zone ids/);
    expect(msg('')).toMatch(/Empty/);
    // Hex or short IPv4 forms that inet_aton would accept are refused: a technician means four numbers.
    expect(msg('0x0a.1.2.3')).not.toBe('ok');
  });

  it('notes host bits', () => {
    expect(parseTarget('10.1.2.3/24')).toMatchObject({ ok: true, hostBitsSet: true });
  });
});
