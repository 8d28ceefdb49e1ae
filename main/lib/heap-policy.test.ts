import { describe, expect, it } from 'vitest';
import { NEW_SPACE_CAP_BYTES, newSpaceMayGrow } from './heap-policy.ts';

describe('heap policy', () => {
  it('lets the young generation double only while the doubling stays within the cap', () => {
    const MB = 2 ** 20;
    expect(NEW_SPACE_CAP_BYTES).toBe(32 * MB);
    expect(newSpaceMayGrow(2 * MB)).toBe(true);
    expect(newSpaceMayGrow(16 * MB)).toBe(true);
    expect(newSpaceMayGrow(17 * MB)).toBe(false);
    expect(newSpaceMayGrow(32 * MB)).toBe(false);
    expect(newSpaceMayGrow(128 * MB)).toBe(false);
    expect(newSpaceMayGrow(8 * MB, 8 * MB)).toBe(false);
  });
});
