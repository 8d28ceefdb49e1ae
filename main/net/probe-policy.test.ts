import { describe, expect, it } from 'vitest';
import { localNetworkPoints, probeProblem, probeRefusal } from './probe-policy.ts';

describe('the probe policy', () => {
  it('refuses the whole of 0.0.0.0/8 and ::, unspecified', () => {
    expect(probeProblem('0.0.0.0')).toBe('0.0.0.0 is in 0.0.0.0/8 ("this network", unspecified), not a device');
    expect(probeProblem('0.1.2.3')).toMatch(/0\.0\.0\.0\/8/);
    expect(probeProblem('0.255.255.255')).toMatch(/unspecified/);
    expect(probeProblem('::')).toBe(':: is the unspecified address, not a device');
    expect(probeProblem('0:0::0')).toMatch(/unspecified/);
  });

  it('refuses multicast 224.0.0.0/4 and ff00::/8', () => {
    expect(probeProblem('224.0.0.1')).toBe('224.0.0.1 is a multicast address, not a device');
    expect(probeProblem('239.255.255.255')).toMatch(/multicast/);
    expect(probeProblem('239.1.1.1')).toMatch(/multicast/);
    expect(probeProblem('ff02::1')).toBe('ff02::1 is a multicast address, not a device');
    expect(probeRefusal('ff05::2')).toMatchObject({ kind: 'multicast' });
    expect(probeProblem('223.255.255.255')).toBeUndefined();
  });

  it('refuses the limited broadcast and the reserved 240.0.0.0/4', () => {
    expect(probeProblem('255.255.255.255')).toBe('255.255.255.255 is the limited broadcast address, not a device');
    expect(probeProblem('240.0.0.1')).toBe('240.0.0.1 is in the reserved range 240.0.0.0/4, not a device');
  });

  it('refuses link-local fe80::/10 without a zone, allows it with one', () => {
    expect(probeProblem('fe80::1')).toBe('fe80::1 is IPv6 link-local: it needs an interface');
    expect(probeRefusal('febf::1')).toMatchObject({ kind: 'link-local' });
    expect(probeProblem('fe80::1%eth0')).toBeUndefined();
    expect(probeProblem('fec0::1')).toBeUndefined();
  });

  it('judges IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(probeProblem('::ffff:224.0.0.1')).toMatch(/multicast/);
    expect(probeProblem('::ffff:0.0.0.0')).toMatch(/unspecified/);
    expect(probeProblem('::ffff:255.255.255.255')).toMatch(/limited broadcast/);
    expect(probeProblem('::ffff:198.18.1.10')).toBeUndefined();
  });

  it('allows loopback and ordinary unicast', () => {
    for (const a of ['127.0.0.1', '127.255.255.254', '::1', '198.18.1.10', '10.0.0.0', '2001:db8::1', '169.254.1.1']) expect(probeProblem(a), a).toBeUndefined();
  });

  it('refuses the network and broadcast address of this machine\'s subnets, /30 and wider', () => {
    const localNetworks = ['192.168.1.17/24', '10.9.0.5/30', '10.8.0.1/31', '2001:db8::5/64'];
    expect(probeProblem('192.168.1.255', { localNetworks })).toBe('192.168.1.255 is the broadcast address of 192.168.1.0/24, a subnet of this machine');
    expect(probeProblem('192.168.1.0', { localNetworks })).toBe('192.168.1.0 is the network address of 192.168.1.0/24, a subnet of this machine');
    expect(probeRefusal('10.9.0.7', { localNetworks })).toMatchObject({ kind: 'local-network' });
    expect(probeProblem('10.8.0.0', { localNetworks })).toBeUndefined();
    expect(probeProblem('10.8.0.1', { localNetworks })).toBeUndefined();
    expect(probeProblem('192.168.1.254', { localNetworks })).toBeUndefined();
    // Without the machine's subnets only the universal rules apply.
    expect(probeProblem('192.168.1.255')).toBeUndefined();
    expect([...localNetworkPoints(localNetworks).keys()]).toHaveLength(4);
  });

  it('says when the text is not an IP address', () => {
    expect(probeRefusal('host.example')).toEqual({ kind: 'invalid', message: '"host.example" is not a valid IP address' });
    expect(probeProblem('10.0.0.300')).toMatch(/not a valid IP address/);
  });
});
