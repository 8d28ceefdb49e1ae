import { describe, expect, it } from 'vitest';
import { splitTargetList } from '../api/discovery.ts';
import { planTargets, type Resolver, type TargetOptions } from './target-plan.ts';

/** A resolver that never touches DNS: a fixed table, ENOTFOUND otherwise. */
const table: Record<string, string[]> = {
  'core-sw1.lab': ['198.18.7.10'],
  'dual.lab': ['198.18.7.11', '2001:db8::11'],
  'mcast.lab': ['239.1.1.1'],
  'localhost': ['127.0.0.1', '::1'],
};
const resolve: Resolver = (name) =>
  table[name] ? Promise.resolve(table[name]) : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));

const opts = (o: TargetOptions = {}): TargetOptions => ({ localNetworks: [], resolve, ...o });
const all = (it: Iterable<string>) => [...it];

describe('splitTargetList', () => {
  it('splits on commas, spaces and newlines and keeps ranges with spaces together', () => {
    expect(splitTargetList('10.0.0.0/24, 10.0.1.1 - 10.0.1.9\nhost-a;host-b  ')).toEqual(['10.0.0.0/24', '10.0.1.1-10.0.1.9', 'host-a', 'host-b']);
  });
});

describe('planTargets', () => {
  it('never sweeps the network and broadcast address of an IPv4 CIDR, except /31 and /32', async () => {
    const p = await planTargets(['198.18.7.0/29'], [], opts());
    expect(all(p)).toEqual(['198.18.7.1', '198.18.7.2', '198.18.7.3', '198.18.7.4', '198.18.7.5', '198.18.7.6']);
    expect(all(await planTargets(['198.18.7.0/31'], [], opts()))).toEqual(['198.18.7.0', '198.18.7.1']);
    expect(all(await planTargets(['198.18.7.5/32'], [], opts()))).toEqual(['198.18.7.5']);
    expect(all(await planTargets(['198.18.7.4/30'], [], opts()))).toEqual(['198.18.7.5', '198.18.7.6']);
  });

  it('expands ranges (short and long form) literally, merging overlaps', async () => {
    const p = await planTargets(['10.1.2.250-10.1.3.2', '10.1.2.254-255', '10.1.3.1'], [], opts());
    expect(all(p)).toEqual(['10.1.2.250', '10.1.2.251', '10.1.2.252', '10.1.2.253', '10.1.2.254', '10.1.2.255', '10.1.3.0', '10.1.3.1', '10.1.3.2']);
    expect(p.count).toBe(9);
    expect(p.targets.map((t) => t.count)).toEqual([9, 2, 1]);
  });

  it('skips the network and broadcast address of the subnets this machine is on, whatever the syntax', async () => {
    const p = await planTargets(['192.168.1.250-192.168.2.1'], [], opts({ localNetworks: ['192.168.1.17/24'] }));
    expect(all(p)).toEqual(['192.168.1.250', '192.168.1.251', '192.168.1.252', '192.168.1.253', '192.168.1.254', '192.168.2.0', '192.168.2.1']);
    const single = await planTargets(['192.168.1.255'], [], opts({ localNetworks: ['192.168.1.17/24'] }));
    expect(single.ok).toBe(false);
    expect(single.issues[0]).toMatchObject({ target: '192.168.1.255', severity: 'error', message: expect.stringMatching(/broadcast address of 192\.168\.1\.0\/24/) });
  });

  it('applies exclusions of any syntax', async () => {
    const p = await planTargets(['198.18.7.0/24'], ['198.18.7.0/25', '198.18.7.200-254', '198.18.7.130', 'core-sw1.lab'], opts());
    expect(p.ok).toBe(true);
    expect(p.count).toBe(254 - 127 - 55 - 1);
    expect(p.contains('198.18.7.130')).toBe(false);
    expect(p.contains('198.18.7.131')).toBe(true);
    expect(p.contains('198.18.7.10')).toBe(false);
    expect(p.exclusions.map((e) => e.count)).toEqual([128, 55, 1, 1]);
  });

  it('refuses multicast, unspecified, limited broadcast and reserved addresses with clear messages', async () => {
    const p = await planTargets(['224.0.0.1', '0.0.0.0', '255.255.255.255', '240.0.0.1', '::', 'ff02::1', 'fe80::1', '239.0.0.0/8'], [], opts());
    expect(p.ok).toBe(false);
    expect(p.count).toBe(0);
    expect(p.issues.map((i) => i.message)).toEqual([
      '224.0.0.1 is a multicast address, not a device',
      '0.0.0.0 is in 0.0.0.0/8 ("this network", unspecified), not a device',
      '255.255.255.255 is the limited broadcast address, not a device',
      '240.0.0.1 is in the reserved range 240.0.0.0/4, not a device',
      ':: is the unspecified address, not a device',
      'ff02::1 is a multicast address, not a device',
      expect.stringMatching(/^fe80::1 is IPv6 link-local/),
      expect.stringMatching(/^239\.0\.0\.0\/8 is multicast 224\.0\.0\.0\/4: nothing in it can be swept/),
    ]);
  });

  it('skips forbidden parts of a larger block with a warning', async () => {
    const p = await planTargets(['223.255.255.252-224.0.0.3'], [], opts());
    expect(p.ok).toBe(true);
    expect(all(p)).toEqual(['223.255.255.252', '223.255.255.253', '223.255.255.254', '223.255.255.255']);
    expect(p.issues).toEqual([{ scope: 'target', target: '223.255.255.252-224.0.0.3', severity: 'warning', message: 'Skipping 4 in multicast 224.0.0.0/4' }]);
  });

  it('sweeps loopback only when typed as a single address (or a name such as localhost)', async () => {
    expect(all(await planTargets(['127.0.0.1', '::1'], [], opts()))).toEqual(['127.0.0.1', '::1']);
    const block = await planTargets(['127.0.0.0/24'], [], opts());
    expect(block.ok).toBe(false);
    expect(block.issues[0]!.message).toMatch(/loopback.*type a single address such as 127\.0\.0\.1/);
    const range = await planTargets(['126.255.255.254-127.0.0.2'], [], opts());
    expect(all(range)).toEqual(['126.255.255.254', '126.255.255.255']);
    const local = await planTargets(['localhost'], [], opts());
    expect(all(local)).toEqual(['127.0.0.1', '::1']);
    expect(local.hostnamesOf('127.0.0.1')).toEqual(['localhost']);
  });

  it('resolves host names to all their addresses and reports names that do not resolve', async () => {
    const p = await planTargets(['dual.lab', 'core-sw1.lab', 'nosuch.lab', 'mcast.lab'], [], opts());
    expect(p.ok).toBe(false);
    expect(all(p)).toEqual(['198.18.7.10', '198.18.7.11', '2001:db8::11']);
    expect(p.hostnamesOf('2001:db8::11')).toEqual(['dual.lab']);
    expect(p.targets[0]).toMatchObject({ kind: 'hostname', count: 2, addresses: ['198.18.7.11', '2001:db8::11'] });
    expect(p.issues).toEqual([
      { scope: 'target', target: 'nosuch.lab', severity: 'error', message: 'Cannot resolve "nosuch.lab": no such host' },
      { scope: 'target', target: 'mcast.lab', severity: 'error', message: expect.stringMatching(/resolves only to addresses that cannot be swept: 239\.1\.1\.1 is a multicast address/) },
    ]);
  });

  it('gives up on a slow resolver with a clear message', async () => {
    const slow: Resolver = () => new Promise(() => {});
    const p = await planTargets(['slow.lab'], [], opts({ resolve: slow, resolveTimeoutMs: 20 }));
    expect(p.issues[0]!.message).toMatch(/took more than 0\.02 s/);
  });

  it('skips resolution when asked (validation as you type)', async () => {
    let called = false;
    const p = await planTargets(['some-host', '198.18.7.1'], [], opts({ resolveHostnames: false, resolve: () => ((called = true), Promise.resolve([])) }));
    expect(called).toBe(false);
    expect(p.ok).toBe(true);
    expect(p.count).toBe(1);
    expect(p.targets[0]).toMatchObject({ kind: 'hostname', count: null });
  });

  it('resolves localhost through the system resolver', async () => {
    const p = await planTargets(['localhost'], [], { localNetworks: [] });
    expect(p.ok).toBe(true);
    expect(all(p)).toContain('127.0.0.1');
  });

  it('refuses more than a /16 unless confirmed, and more than a /8 always', async () => {
    const sixteen = await planTargets(['10.0.0.0/16'], [], opts());
    expect(sixteen).toMatchObject({ ok: true, count: 65_534 });
    const over = await planTargets(['10.0.0.0-10.1.0.0'], [], opts());
    expect(over.ok).toBe(false);
    expect(over.issues[0]).toMatchObject({ scope: 'target', message: expect.stringMatching(/65,537 addresses, more than the limit of 65,536 \(a \/16\)\. .*confirm a large sweep/) });
    const total = await planTargets(['10.0.0.0/17', '10.1.0.0/17', '10.2.0.0/24'], [], opts());
    expect(total.issues).toEqual([{ scope: 'total', target: '', severity: 'error', message: expect.stringMatching(/in total, more than the limit/) }]);
    const confirmed = await planTargets(['10.0.0.0/12'], [], opts({ confirmLarge: true }));
    expect(confirmed).toMatchObject({ ok: true, count: 2 ** 20 - 2 });
    const huge = await planTargets(['10.0.0.0/7'], [], opts({ confirmLarge: true }));
    expect(huge.ok).toBe(false);
    expect(huge.issues[0]!.message).toMatch(/the most one sweep can take/);
    expect(await planTargets(['10.0.0.0/24'], [], opts({ maxAddresses: 100 }))).toMatchObject({ ok: false });
  });

  it('counts a /8 in O(1) and iterates lazily', async () => {
    const t0 = performance.now();
    const p = await planTargets(['10.0.0.0/8'], ['10.128.0.0/9'], opts({ confirmLarge: true }));
    expect(p.count).toBe(2 ** 23 - 1);
    expect(performance.now() - t0).toBeLessThan(50);
    const it = p.addresses();
    expect(it.next().value).toBe('10.0.0.1');
    expect(p.addressAt(p.count - 1)).toBe('10.127.255.255');
    expect(all(p.addresses(p.count - 2))).toEqual(['10.127.255.254', '10.127.255.255']);
  });

  it('refuses IPv6 CIDRs larger than /120 and sweeps small ones', async () => {
    const big = await planTargets(['2001:db8::/64'], [], opts());
    expect(big.issues[0]!.message).toMatch(/far too large to sweep.*give IPv6 hosts by name or address/);
    const small = await planTargets(['2001:db8::/126'], [], opts());
    // :: of the prefix is the Subnet-Router anycast address.
    expect(all(small)).toEqual(['2001:db8::1', '2001:db8::2', '2001:db8::3']);
    expect((await planTargets(['2001:db8::/120'], [], opts())).count).toBe(255);
    expect((await planTargets(['2001:db8::1-2001:db8::1:0'], [], opts())).issues[0]!.message).toMatch(/at most 256 IPv6 addresses/);
  });

  it('orders IPv4 before IPv6 and resumes from an index', async () => {
    const p = await planTargets(['2001:db8::5', '198.18.7.9', '198.18.7.1-2'], [], opts());
    expect(all(p)).toEqual(['198.18.7.1', '198.18.7.2', '198.18.7.9', '2001:db8::5']);
    expect(all(p.addresses(2))).toEqual(['198.18.7.9', '2001:db8::5']);
    expect(p.addressAt(3)).toBe('2001:db8::5');
    expect(p.addressAt(4)).toBeUndefined();
    expect([p.ipv4Count, p.ipv6Count]).toEqual([3, 1]);
  });

  it('says when exclusions leave nothing and when there are no targets', async () => {
    expect((await planTargets(['198.18.7.1-5'], ['198.18.7.0/24'], opts())).issues).toEqual([
      { scope: 'total', target: '', severity: 'error', message: 'Nothing to sweep: the exclusions remove every address' },
    ]);
    expect((await planTargets([], [], opts())).issues[0]!.message).toBe('Give at least one target');
  });

  it('reports bad exclusions as errors (an ignored exclusion would probe what the user wanted spared)', async () => {
    const p = await planTargets(['198.18.7.0/24'], ['198.18.7.300'], opts());
    expect(p.ok).toBe(false);
    expect(p.issues[0]).toMatchObject({ scope: 'exclusion', target: '198.18.7.300' });
  });
});
