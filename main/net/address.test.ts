import { describe, expect, it } from 'vitest';
import { badAddressMessage, canonicalAddress, formatAddress, ipFamily, parseIp } from './address.ts';

describe('parseIp', () => {
  it('reads IPv4 only as four decimal numbers without leading zeros', () => {
    expect(parseIp('10.1.2.3')).toEqual({ family: 4, value: 0x0a010203n });
    for (const t of ['10.1.2', '10.1', '0x7f.0.0.1', '012.0.0.1', '1.2.3.04', '256.0.0.1', '3', ' 10.1.2.3']) expect(parseIp(t)).toBeNull();
  });

  it('reads IPv6 with a colon, IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(parseIp('2001:db8::1')).toEqual({ family: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp('::ffff:a00:1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp('1::2::3')).toBeNull();
    expect(parseIp('fe80::zz')).toBeNull();
  });

  it('refuses zone ids unless asked for, and keeps them when asked', () => {
    expect(parseIp('fe80::1%eth0')).toBeNull();
    expect(parseIp('fe80::1%eth0', { zone: true })).toEqual({ family: 6, value: (0xfe80n << 112n) | 1n, zone: 'eth0' });
  });
});

describe('formatting', () => {
  it('formats dotted quads and RFC 5952 IPv6', () => {
    expect(formatAddress(4, 0xc0a80101n)).toBe('192.168.1.1');
    expect(formatAddress(6, 1n)).toBe('::1');
    expect(formatAddress(6, (0xfe80n << 112n) | 1n, 'eth0')).toBe('fe80::1%eth0');
  });

  it('gives the canonical text of an address', () => {
    expect(canonicalAddress('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalAddress('2001:DB8:0:0:0:0:0:A')).toBe('2001:db8::a');
    expect(canonicalAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalAddress('FE80::A%eth0', { zone: true })).toBe('fe80::a%eth0');
    expect(canonicalAddress('nope')).toBeNull();
  });

  it('tells the family of an address', () => {
    expect([ipFamily('10.0.0.1'), ipFamily('::1'), ipFamily('fe80::1%lo'), ipFamily('::ffff:10.0.0.1'), ipFamily('host.example'), ipFamily('10.1')]).toEqual([4, 6, 6, 6, 0, 0]);
  });

  it('words a bad address for the user', () => {
    expect(badAddressMessage('10.1.2.300')).toBe('"10.1.2.300" is not a valid IPv4 address (four numbers 0-255 separated by dots)');
    expect(badAddressMessage('fe80::zz')).toBe('"fe80::zz" is not a valid IPv6 address');
  });
});
