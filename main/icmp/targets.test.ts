import { describe, expect, it } from 'vitest';
import { checkPingParams, ipProblem, resolveTarget } from './targets.ts';

describe('diagnostics targets and limits', () => {
  it('refuses broadcast, multicast and unspecified addresses', async () => {
    expect(ipProblem('255.255.255.255')).toMatch(/broadcast/);
    expect(ipProblem('0.0.0.0')).toMatch(/unspecified/);
    expect(ipProblem('239.1.1.1')).toMatch(/multicast/);
    expect(ipProblem('ff02::1')).toMatch(/multicast/);
    expect(ipProblem('::')).toMatch(/unspecified/);
    expect(ipProblem('198.18.1.10')).toBeUndefined();
    // The one probe policy (main/net/probe-policy.ts): what discovery refused, ping refuses too.
    expect(ipProblem('0.1.2.3')).toMatch(/0\.0\.0\.0\/8/);
    expect(ipProblem('240.0.0.1')).toMatch(/reserved/);
    expect(ipProblem('fe80::1')).toMatch(/link-local: it needs an interface/);
    expect(ipProblem('::ffff:224.0.0.1')).toMatch(/multicast/);
    expect(ipProblem('fe80::1%eth0')).toMatch(/zone ids .* not supported by ping/);
    expect(ipProblem('127.0.0.1')).toBeUndefined();
    await expect(resolveTarget('fe80::1')).rejects.toThrow(/link-local/);
    await expect(resolveTarget('0x7f.1')).rejects.toThrow(/neither an IP address nor a valid host name/);
    await expect(resolveTarget('300.1.1.1')).rejects.toThrow(/not a valid IPv4/);
    await expect(resolveTarget('bad_name!')).rejects.toThrow(/neither an IP address nor a valid host name/);
    await expect(resolveTarget('')).rejects.toThrow(/required/);
    await expect(resolveTarget('localhost')).resolves.toMatchObject({ input: 'localhost' });
    await expect(resolveTarget('0:0::1')).resolves.toEqual({ input: '0:0::1', address: '::1' });
  });

  it('checks count, interval, size and timeout with field names', () => {
    const ok = { count: 5, intervalSec: 1, sizeBytes: 56, timeoutSec: 1 };
    expect(() => checkPingParams(ok, 'raw')).not.toThrow();
    expect(() => checkPingParams({ ...ok, count: 0 }, 'raw')).toThrow(/at least 1/);
    expect(() => checkPingParams({ ...ok, intervalSec: 0.1 }, 'system-ping')).toThrow(/below the minimum of 0.2 s/);
    expect(() => checkPingParams({ ...ok, intervalSec: 0.1 }, 'raw')).not.toThrow();
    expect(() => checkPingParams({ ...ok, intervalSec: 0.001 }, 'raw')).toThrow(/0.01 s/);
    expect(() => checkPingParams({ ...ok, sizeBytes: 8 }, 'raw')).toThrow(/16\.\.65000/);
  });
});
