import { describe, expect, it } from 'vitest';
import { compareOids, isInSubtree, isNumericOid, normalizeOid, oidSuffix } from './oid.ts';

describe('oid helpers', () => {
  it('compares arc by arc, not as text', () => {
    expect(compareOids('1.3.6.1.2', '1.3.6.1.10')).toBeLessThan(0);
    expect(compareOids('1.3.6.1', '1.3.6.1.0')).toBeLessThan(0);
    expect(compareOids('1.3.6.1.2.1', '1.3.6.1.2.1')).toBe(0);
    expect(compareOids('1.4', '1.3.6')).toBeGreaterThan(0);
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
