import { describe, expect, it } from 'vitest';
import { compareOids, isInSubtree, isNumericOid, isValidOidText, normalizeOid, oidSuffix } from './oid.ts';

describe('oid helpers', () => {
  it('compares arc by arc, not as text', () => {
    expect(compareOids('1.3.6.1.2', '1.3.6.1.10')).toBeLessThan(0);
    expect(compareOids('1.3.6.1', '1.3.6.1.0')).toBeLessThan(0);
    expect(compareOids('1.3.6.1.2.1', '1.3.6.1.2.1')).toBe(0);
    expect(compareOids('1.4', '1.3.6')).toBeGreaterThan(0);
  });
  it('orders like the arcs do: multi-digit and 32-bit arcs, prefixes, either side longer', () => {
    const sorted = ['0.0', '1.3', '1.3.6', '1.3.6.1.2.1.2.2.1.2.9', '1.3.6.1.2.1.2.2.1.2.10', '1.3.6.1.2.1.2.2.1.10.1', '1.3.6.1.4294967294', '1.3.6.1.4294967295', '1.3.6.1.4294967295.0', '2.0'];
    for (let x = 0; x < sorted.length; x++) {
      for (let y = 0; y < sorted.length; y++) {
        expect(Math.sign(compareOids(sorted[x] as string, sorted[y] as string)), `${sorted[x]} vs ${sorted[y]}`).toBe(Math.sign(x - y));
      }
    }
    expect([...sorted].reverse().sort(compareOids)).toEqual(sorted);
  });
  it('validates OID text: two or more arcs of 0..2^32-1, no leading zeros, nothing else', () => {
    for (const ok of ['0.0', '1.3.6.1.2.1.1.1.0', '1.3.4294967295', '2.999.0']) expect(isValidOidText(ok), ok).toBe(true);
    for (const bad of ['', '1', '1.', '.1.3', '1..3', '1.3.', '1.03', '1.3.4294967296', '1.3.12345678901', '0.NaN', '1.3.-1', '1.3.6a', ' 1.3']) expect(isValidOidText(bad), bad).toBe(false);
  });
  it('knows subtrees', () => {
    expect(isInSubtree('1.3.6.1.2.1.1', '1.3.6.1.2.1.1.1.0')).toBe(true);
    expect(isInSubtree('1.3.6.1.2.1.1', '1.3.6.1.2.1.1')).toBe(false);
    expect(isInSubtree('1.3.6.1.2.1.1', '1.3.6.1.2.1.10.1')).toBe(false);
    expect(oidSuffix('1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.2.7')).toBe('7');
  });
  it('normalizes', () => {
    expect(normalizeOid('.1.3.6')).toBe('1.3.6');
    expect(isNumericOid('.1.3.6.1')).toBe(true);
    expect(isNumericOid('sysDescr.0')).toBe(false);
  });
});
