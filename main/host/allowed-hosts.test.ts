import { describe, expect, it } from 'vitest';
import { createAllowedHosts, parseAllowedHost } from './allowed-hosts.ts';

describe('--allowed-host', () => {
  it('takes host names by the one rule (main/net/host-name.ts) and addresses, with an optional port', () => {
    expect(parseAllowedHost('WardFlux.LAN.')).toBe('wardflux.lan');
    expect(parseAllowedHost('noc.example:8443')).toBe('noc.example:8443');
    expect(parseAllowedHost('198.18.0.1:7040')).toBe('198.18.0.1:7040');
    expect(parseAllowedHost('[::1]:7040')).toBe('[::1]:7040');
    expect(parseAllowedHost('fd00::1')).toBe('[fd00::1]');
    expect(parseAllowedHost(`${'a'.repeat(63)}.example`)).toBe(`${'a'.repeat(63)}.example`);
  });

  it('refuses underscores, long labels, numeric top-level labels and bad ports', () => {
    for (const v of ['under_score.lan', `${'a'.repeat(64)}.example`, '-x.lan', '10.1', 'a..b', 'noc.example:70000', 'a b']) {
      expect(() => parseAllowedHost(v), v).toThrow(/not a host name or address/);
    }
  });

  it('matches Host headers against the names given', () => {
    const hosts = createAllowedHosts({ bind: '127.0.0.1', port: () => 7040, extra: [parseAllowedHost('WardFlux.lan')] });
    expect(hosts.host('wardflux.lan:7040')).toBe(true);
    expect(hosts.host('WARDFLUX.LAN.:7040')).toBe(true);
    expect(hosts.host('evil.example:7040')).toBe(false);
  });
});
