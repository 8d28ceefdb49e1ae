import { describe, expect, it } from 'vitest';
import { parseTarget, resolveHost } from './target.ts';

describe('SNMP targets', () => {
  it('parses addresses and host names with optional ports', () => {
    expect(parseTarget('10.0.0.1')).toEqual({ host: '10.0.0.1', port: 161 });
    expect(parseTarget('10.0.0.1:1161')).toEqual({ host: '10.0.0.1', port: 1161 });
    expect(parseTarget('udp:core-sw1.example:161')).toEqual({ host: 'core-sw1.example', port: 161 });
    expect(parseTarget('udp6:[::1]:1161')).toEqual({ host: '::1', port: 1161 });
    expect(parseTarget('[fe80::1%eth0]:161')).toEqual({ host: 'fe80::1%eth0', port: 161 });
    expect(parseTarget('2001:db8::1')).toEqual({ host: '2001:db8::1', port: 161 });
  });

  it('refuses what is neither an address nor a host name by the one rule', () => {
    for (const t of ['', 'bad host', 'under_score:161', '0x7f.1', '10.0.0.300', 'fe80::zz', '10.0.0.1:70000']) expect(() => parseTarget(t), t).toThrow(/Invalid/);
  });

  it('refuses to send where the probe policy says no device is', async () => {
    await expect(resolveHost('224.0.0.1')).rejects.toThrow('SNMP target 224.0.0.1 is a multicast address, not a device');
    await expect(resolveHost('255.255.255.255')).rejects.toThrow(/limited broadcast/);
    await expect(resolveHost('0.0.0.0')).rejects.toThrow(/unspecified/);
    await expect(resolveHost('ff02::1')).rejects.toThrow(/multicast/);
    await expect(resolveHost('fe80::1')).rejects.toThrow(/link-local/);
    await expect(resolveHost('fe80::1%lo')).resolves.toEqual({ address: 'fe80::1%lo', family: 'udp6' });
    await expect(resolveHost('127.0.0.1')).resolves.toEqual({ address: '127.0.0.1', family: 'udp4' });
    await expect(resolveHost('localhost')).resolves.toMatchObject({ family: expect.stringMatching(/^udp[46]$/) });
  });
});
