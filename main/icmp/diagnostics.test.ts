import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';

describe('diagnostics.start rejects bad input with clear errors', () => {
  let e: Awaited<ReturnType<typeof testEngine>>;
  beforeAll(async () => {
    e = await testEngine({ icmp: { method: 'system-ping' } });
  });
  afterAll(() => e?.close());

  const cases: Array<[string, object, RegExp]> = [
    ['count 0', { kind: 'ping', targets: ['198.18.1.10'], count: 0 }, /Count must be at least 1/],
    ['invalid address', { kind: 'ping', targets: ['198.18.1.300'] }, /not a valid IPv4 address/],
    ['broadcast', { kind: 'traceroute', target: '255.255.255.255' }, /broadcast/],
    ['multicast', { kind: 'mtr', target: '224.0.0.251' }, /multicast/],
    ['unspecified', { kind: 'ping', targets: ['0.0.0.0'] }, /unspecified/],
    ['unresolvable name', { kind: 'ping', targets: ['no-such-host.invalid'] }, /Cannot resolve host name "no-such-host.invalid"/],
    ['interval below the minimum', { kind: 'ping', targets: ['198.18.1.10'], intervalSec: 0.05 }, /below the minimum of 0.2 s/],
    ['unknown kind', { kind: 'nmap', target: '198.18.1.10' }, /kind/],
  ];
  it.each(cases)('%s', async (_name, input, message) => {
    const r = await e.api.callUnknown('diagnostics.start', input, { transport: 'in-process' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.message).toMatch(message);
  });

  it('reports the ICMP method and cancels unknown runs harmlessly', async () => {
    expect(await e.api.call('diagnostics.icmpMethod', {})).toMatchObject({ ok: true, data: { method: 'system-ping' } });
    expect(await e.api.call('diagnostics.cancel', { runId: '00000000-0000-4000-8000-000000000000' })).toEqual({
      ok: true,
      data: { runId: '00000000-0000-4000-8000-000000000000', cancelled: false },
    });
  });
});
