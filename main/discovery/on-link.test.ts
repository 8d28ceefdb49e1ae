import { describe, expect, it } from 'vitest';
import { onLinkMatcher } from './on-link.ts';

describe('onLinkMatcher', () => {
  it('matches addresses of the interfaces\u2019 subnets only', () => {
    const onLink = onLinkMatcher(['192.168.1.17/24', '10.9.0.1/32', '198.18.3.1/24', 'junk']);
    expect(onLink('192.168.1.200')).toBe(true);
    expect(onLink('198.18.3.16')).toBe(true);
    expect(onLink('192.168.2.1')).toBe(false);
    // A /32 interface has no neighbours on a subnet.
    expect(onLink('10.9.0.2')).toBe(false);
    expect(onLink('2001:db8::1')).toBe(false);
    expect(onLink('not an address')).toBe(false);
  });
});
