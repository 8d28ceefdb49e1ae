import { describe, expect, it } from 'vitest';
import { bitBytesOf, bitsOf, displayOfBytes, inetAddressOfArcs, macOfArcs, textOf } from './decode.ts';

const octets = (bytes: Buffer) => ({ oid: '1.2', type: 'OctetString' as const, value: '', format: 'hex' as const, bytes });

describe('L2 decoding', () => {
  it('PortList: bit 0 of the first octet is port 1', () => {
    expect(bitsOf(Buffer.from('c00001', 'hex'))).toEqual([1, 2, 24]);
    expect(bitsOf(Buffer.from('80', 'hex'), 0)).toEqual([0]);
  });
  it('InetAddress in an index: IPv4, IPv6 compressed, ipv4z without its zone, wrong lengths refused', () => {
    expect(inetAddressOfArcs([1, 4, 198, 18, 0, 1])).toEqual({ ip: '198.18.0.1', family: 'ipv4', used: 6 });
    expect(inetAddressOfArcs([2, 16, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])?.ip).toBe('fe80::1');
    expect(inetAddressOfArcs([3, 8, 10, 0, 0, 1, 0, 0, 0, 7])?.ip).toBe('10.0.0.1');
    expect(inetAddressOfArcs([1, 3, 10, 0, 0])).toBeNull();
    expect(inetAddressOfArcs([1, 4, 10, 0, 0])).toBeNull();
    expect(inetAddressOfArcs([1, 4, 10, 0, 0, 300])).toBeNull();
  });
  it('MACs from index arcs; texts trimmed of NULs; unprintable octets shown as hex', () => {
    expect(macOfArcs([0, 27, 33, 187, 230, 240])).toBe('00:1b:21:bb:e6:f0');
    expect(macOfArcs([0, 27, 33])).toBeNull();
    expect(textOf(octets(Buffer.from('Gi1/0/1\0\0')))).toBe('Gi1/0/1');
    expect(textOf(octets(Buffer.alloc(0)))).toBeNull();
    expect(displayOfBytes(Buffer.from([1, 2, 3]))).toBe('01:02:03');
  });
  it('BITS sent as hex text are read as the bytes they spell; binary stays binary', () => {
    expect(bitBytesOf(octets(Buffer.from('28 00')))).toEqual(Buffer.from([0x28, 0]));
    expect(bitBytesOf(octets(Buffer.from([0x28, 0])))).toEqual(Buffer.from([0x28, 0]));
  });
});
