import { describe, expect, it } from 'vitest';
import { hashParam, hashWith } from './hash-query.ts';

describe('hash query parameters', () => {
  it('round-trips an address (IPv6 and host names too), absent is empty', () => {
    for (const target of ['198.18.0.10', 'fe80::1%eth0', 'core-sw.site']) expect(hashParam(hashWith('diagnostics', { target }), 'target')).toBe(target);
    expect(hashWith('diagnostics', { target: '198.18.0.10' })).toBe('#/diagnostics?target=198.18.0.10');
    expect(hashParam('#/diagnostics', 'target')).toBe('');
    expect(hashWith('diagnostics', {})).toBe('#/diagnostics');
  });
});
