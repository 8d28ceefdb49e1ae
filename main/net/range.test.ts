import { describe, expect, it } from 'vitest';
import { cidrInterval, describeInterval, intersectSize, parseCidr, subtract, totalSize, union, type Interval } from './range.ts';

const v4 = (lo: number, hi: number): Interval => ({ family: 4, lo: BigInt(lo), hi: BigInt(hi) });

describe('parseCidr', () => {
  it('gives the interval, the prefix and whether host bits were set', () => {
    expect(parseCidr('10.1.2.0/24')).toEqual({ ok: true, cidr: { family: 4, lo: 0x0a010200n, hi: 0x0a0102ffn, prefix: 24, hostBitsSet: false } });
    expect(parseCidr('10.1.2.3/24')).toMatchObject({ ok: true, cidr: { lo: 0x0a010200n, hostBitsSet: true } });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ ok: true, cidr: { lo: 0n, hi: 0xffffffffn } });
    expect(parseCidr('2001:db8::/126')).toMatchObject({ ok: true, cidr: { family: 6, prefix: 126 } });
  });

  it('explains what is wrong', () => {
    const msg = (t: string) => {
      const p = parseCidr(t);
      return p.ok ? 'ok' : p.message;
    };
    expect(msg('10.1.2.0/33')).toMatch(/at most \/32/);
    expect(msg('2001:db8::/129')).toMatch(/at most \/128/);
    expect(msg('10.1.2.0/')).toMatch(/not a prefix length/);
    expect(msg('10.1.2.0/x')).toMatch(/not a prefix length/);
    expect(msg('::ffff:10.0.0.0/120')).toMatch(/IPv4-mapped networks in IPv4 form/);
    expect(msg('10.1.2/24')).toMatch(/not a valid address/);
    expect(() => cidrInterval('bad')).toThrow(/bad CIDR/);
  });
});

describe('interval maths', () => {
  it('merges overlapping and adjacent intervals, per family, IPv4 first', () => {
    const six: Interval = { family: 6, lo: 1n, hi: 2n };
    expect(union([six, v4(10, 20), v4(21, 25), v4(5, 12), v4(30, 31)])).toEqual([v4(5, 25), v4(30, 31), six]);
  });

  it('subtracts, splitting intervals and leaving the other family alone', () => {
    expect(subtract([v4(0, 255)], [v4(0, 0), v4(255, 255), v4(100, 110)])).toEqual([v4(1, 99), v4(111, 254)]);
    expect(subtract([v4(1, 5)], [v4(0, 10)])).toEqual([]);
    expect(subtract([v4(1, 5)], [{ family: 6, lo: 1n, hi: 5n }])).toEqual([v4(1, 5)]);
  });

  it('counts addresses and overlaps', () => {
    expect(totalSize([v4(0, 255), v4(1000, 1000)])).toBe(257n);
    expect(intersectSize(v4(0, 100), v4(50, 200))).toBe(51n);
    expect(intersectSize(v4(0, 10), v4(11, 20))).toBe(0n);
  });

  it('describes an interval', () => {
    expect(describeInterval(v4(0x0a000000, 0x0a0000ff), 24)).toBe('10.0.0.0/24');
    expect(describeInterval(v4(0x0a000001, 0x0a000001))).toBe('10.0.0.1');
    expect(describeInterval(v4(0x0a000001, 0x0a000009))).toBe('10.0.0.1-10.0.0.9');
  });
});
