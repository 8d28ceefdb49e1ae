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
