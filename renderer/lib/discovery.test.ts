import { describe, expect, it } from 'vitest';
import type { DiscoveryHost, ValidateTargetsOutput } from '../../main/api/discovery.ts';
import { addressKey, compareAddresses, countByType, describeTargets, formatEta, mergeHosts, needsLargeConfirmation, parsePorts, percentDone, splitTargets } from './discovery.ts';

const host = (address: string, type: DiscoveryHost['type'] = 'unknown', name = address): DiscoveryHost =>
  ({ address, family: address.includes(':') ? 6 : 4, type, name, foundBy: ['icmp'], openPorts: [], reasons: [], confidence: 0 }) as unknown as DiscoveryHost;

const validation = (over: Partial<ValidateTargetsOutput>): ValidateTargetsOutput => ({ ok: true, count: 0, ipv4Count: 0, ipv6Count: 0, issues: [], targets: [], exclusions: [], ...over });

describe('splitTargets', () => {
  it('splits on commas, semicolons, spaces and newlines, and joins spaced ranges', () => {
    expect(splitTargets(' 10.0.0.0/24, 10.0.1.1 - 10.0.1.9;\nrouter.site  10.2.0.10-50\n\n')).toEqual(['10.0.0.0/24', '10.0.1.1-10.0.1.9', 'router.site', '10.2.0.10-50']);
  });
  it('gives nothing for blank text', () => {
    expect(splitTargets(' \n , ; ')).toEqual([]);
  });
});

describe('parsePorts', () => {
  it('reads lists and ranges, dropping repeats', () => {
    expect(parsePorts('22, 80 443;8000-8002 80')).toEqual({ ok: true, ports: [22, 80, 443, 8000, 8001, 8002] });
  });
  it('says what is wrong', () => {
    expect(parsePorts('22, http')).toMatchObject({ ok: false, message: expect.stringContaining('"http" is not a port') });
    expect(parsePorts('0')).toMatchObject({ ok: false, message: expect.stringContaining('1-65535') });
    expect(parsePorts('90-80')).toMatchObject({ ok: false, message: expect.stringContaining('ends before') });
    expect(parsePorts('1-100')).toMatchObject({ ok: false, message: expect.stringContaining('more than 64') });
    expect(parsePorts('  ')).toMatchObject({ ok: false });
  });
});

describe('address order', () => {
  it('sorts IPv4 by number, then IPv6, then names', () => {
    const list = ['10.0.0.10', 'host-b', '2001:db8::1', '10.0.0.9', '9.255.255.255', '2001:db8::a', '::1'];
    expect([...list].sort(compareAddresses)).toEqual(['9.255.255.255', '10.0.0.9', '10.0.0.10', '::1', '2001:db8::1', '2001:db8::a', 'host-b']);
  });
  it('expands IPv6 shorthand', () => {
    expect(addressKey('2001:db8::1')).toBe(addressKey('2001:0db8:0:0:0:0:0:0001'));
  });
});

describe('mergeHosts', () => {
  it('inserts in address order and replaces a host seen again', () => {
    let list = mergeHosts([], [host('198.18.7.12'), host('198.18.7.10')]);
    list = mergeHosts(list, [host('198.18.7.11'), host('198.18.7.10', 'router', 'core-rtr1'), host('198.18.7.100')]);
    expect(list.map((h) => h.address)).toEqual(['198.18.7.10', '198.18.7.11', '198.18.7.12', '198.18.7.100']);
    expect(list[0]).toMatchObject({ type: 'router', name: 'core-rtr1' });
  });
  it('does not change the array it is given', () => {
    const before = [host('10.0.0.1')];
    mergeHosts(before, [host('10.0.0.2')]);
    expect(before).toHaveLength(1);
  });
});

describe('countByType', () => {
  it('counts the types present, in the usual order', () => {
    expect(countByType([host('a', 'server'), host('b', 'router'), host('c', 'server'), host('d')])).toEqual([
      { type: 'router', count: 1 },
      { type: 'server', count: 2 },
      { type: 'unknown', count: 1 },
    ]);
  });
});

describe('needsLargeConfirmation', () => {
  const summary = (input: string, count: number | null) => ({ input, kind: 'cidr' as const, family: 4 as const, count, addresses: [] });
  it('asks for a confirmation for an entry above the limit', () => {
    expect(needsLargeConfirmation(validation({ ok: false, targets: [summary('10.0.0.0/15', 131_072)], issues: [{ scope: 'target', target: '10.0.0.0/15', severity: 'error', message: 'too many' }] }))).toBe(true);
  });
  it('asks for it when entries add up to more than the limit', () => {
    expect(needsLargeConfirmation(validation({ ok: false, count: 98_304, targets: [summary('10.0.0.0/16', 65_536), summary('10.1.0.0/17', 32_768)], issues: [{ scope: 'total', target: '', severity: 'error', message: 'too many' }] }))).toBe(true);
  });
  it('does not for small targets, for a /8 plus more (cannot be confirmed), or without a validation', () => {
    expect(needsLargeConfirmation(validation({ count: 254, targets: [summary('10.0.0.0/24', 254)] }))).toBe(false);
    expect(needsLargeConfirmation(validation({ ok: false, targets: [summary('0.0.0.0/7', 33_554_432)] }))).toBe(false);
    expect(needsLargeConfirmation(undefined)).toBe(false);
  });
});

describe('numbers', () => {
  it('computes the percent done within 0-100', () => {
    expect(percentDone(0, 0)).toBe(0);
    expect(percentDone(127, 254)).toBe(50);
    expect(percentDone(300, 254)).toBe(100);
  });
  it('writes an ETA in words', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(12.4)).toBe('12 s');
    expect(formatEta(65)).toBe('1 min 05 s');
    expect(formatEta(3720)).toBe('1 h 02 min');
  });
  it('shortens long target lists', () => {
    expect(describeTargets(['a', 'b'])).toBe('a, b');
    expect(describeTargets(['a', 'b', 'c', 'd'])).toBe('a, b and 2 more');
  });
});
