import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { localNetworks } from './local-networks.ts';

describe('localNetworks', () => {
  it('lists the IPv4 interface CIDRs of this machine, without loopback', () => {
    const expected = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.cidr);
    const list = localNetworks(Date.now() + 60_000);
    expect(list).toEqual(expected);
    expect(list.every((c) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(c))).toBe(true);
    expect(list.some((c) => c.startsWith('127.'))).toBe(false);
  });
});

describe('isLocalAddress', () => {
  it("knows this machine's own addresses, IPv4 and IPv6, and nothing else", async () => {
    const { isLocalAddress } = await import('./local-networks.ts');
    const mine = Object.values(os.networkInterfaces())
      .flat()
      .map((a) => a!.address);
    expect(mine.length).toBeGreaterThan(0);
    for (const a of mine) expect(isLocalAddress(a)).toBe(true);
    expect(isLocalAddress('127.0.0.1')).toBe(true);
    // TEST-NET-1 is never assigned to an interface here.
    expect(isLocalAddress('192.0.2.254')).toBe(false);
  });
});
