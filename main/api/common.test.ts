import { describe, expect, it } from 'vitest';
import { Address, addressProblem } from './common.ts';

describe('device addresses (the probe policy and the host-name rule of main/net/)', () => {
  it('takes addresses the probe policy allows and valid host names', () => {
    for (const a of ['198.18.1.10', '127.0.0.1', '::1', '2001:db8::1', 'core-sw1.example', 'core-sw1.example.', 'localhost']) expect(addressProblem(a), a).toBeUndefined();
  });

  it('refuses what the probe policy refuses, IPv6 and IPv4-mapped included', () => {
    expect(addressProblem('0.0.0.0')).toMatch(/unspecified/);
    expect(addressProblem('0.1.2.3')).toMatch(/0\.0\.0\.0\/8/);
    expect(addressProblem('255.255.255.255')).toMatch(/broadcast/);
    expect(addressProblem('224.0.0.5')).toMatch(/multicast/);
    expect(addressProblem('240.0.0.1')).toMatch(/reserved range 240\.0\.0\.0\/4/);
    expect(addressProblem('ff02::1')).toMatch(/multicast/);
    expect(addressProblem('::')).toMatch(/unspecified/);
    expect(addressProblem('::ffff:239.1.1.1')).toMatch(/multicast/);
    expect(addressProblem('fe80::1')).toMatch(/link-local: it needs an interface/);
    expect(addressProblem('fe80::1%eth0')).toMatch(/zone ids .* not supported in device addresses/);
  });

  it('explains bad syntax', () => {
    expect(addressProblem('10.0.0.300')).toBe('"10.0.0.300" is not a valid IPv4 address (four numbers 0-255 separated by dots)');
    expect(addressProblem('fe80::zz')).toBe('"fe80::zz" is not a valid IPv6 address');
    for (const a of ['bad host', '-x.example', 'under_score.example', '0x7f.1', 'a..b']) expect(addressProblem(a), a).toMatch(/neither an IP address nor a valid host name/);
  });

  it('is the Address schema, trimmed, up to a 253-character name with its trailing dot', () => {
    expect(Address.parse(' 198.18.1.10 ')).toBe('198.18.1.10');
    const long = `${'a.'.repeat(126)}a.`;
    expect(Address.safeParse(long).success).toBe(true);
    expect(Address.safeParse(`a${long}`).success).toBe(false);
    expect(Address.safeParse('224.0.0.1').error?.issues[0]?.message).toBe('224.0.0.1 is a multicast address, not a device');
  });
});
