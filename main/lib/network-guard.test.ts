import { afterEach, describe, expect, it } from 'vitest';
import { tcpConnect } from '../discovery/tcp-prober.ts';
import { createPinger } from '../icmp/create-pinger.ts';
import { createSnmpClient } from '../snmp/index.ts';
import { ALLOWED_NETWORKS_ENV, guardActive, isAddressAllowed } from './network-guard.ts';
import { silentLogger } from './logger.ts';

const saved = process.env[ALLOWED_NETWORKS_ENV];
afterEach(() => {
  process.env[ALLOWED_NETWORKS_ENV] = saved;
});

describe('network guard', () => {
  it('is on for every test run, limited to loopback and the lab', () => {
    expect(guardActive()).toBe(true);
    for (const a of ['127.0.0.1', '::1', '198.18.4.10', '198.19.200.1', 'localhost', '::ffff:127.0.0.1']) expect(isAddressAllowed(a), a).toBe(true);
    for (const a of ['10.0.0.1', '192.168.1.1', '8.8.8.8', '198.20.0.1', '2001:db8::1', 'example.com', '', '3', '0x7f000001']) expect(isAddressAllowed(a), a).toBe(false);
  });

  it('allows everything when unset (production)', () => {
    delete process.env[ALLOWED_NETWORKS_ENV];
    expect(guardActive()).toBe(false);
    expect(isAddressAllowed('10.0.0.1')).toBe(true);
  });

  // To prove the send paths check the guard without risking a stray packet, the guard is narrowed
  // to the lab and the probes aim at loopback: refused means checked; a failure would only reach 127.0.0.1.
  it('stops TCP connects and pings before anything is sent', async () => {
    process.env[ALLOWED_NETWORKS_ENV] = '198.18.0.0/15';
    expect(await tcpConnect('127.0.0.1', 9, 500, new AbortController().signal)).toMatchObject({ state: 'error', code: 'EGUARD' });
    const pinger = createPinger({ logger: silentLogger(), method: 'auto' });
    try {
      const [result] = await pinger.probe(['127.0.0.1'], { count: 1, timeoutMs: 500 });
      expect(result).toMatchObject({ received: 0, lastError: { message: expect.stringContaining('refused to probe 127.0.0.1') } });
    } finally {
      pinger.close();
    }
    const snmp = createSnmpClient({ sockets: 1, defaults: { timeoutMs: 300, retries: 0 } });
    try {
      const session = await snmp.session('127.0.0.1', { version: '2c', community: 'public' });
      await expect(session.get(['1.3.6.1.2.1.1.1.0'])).rejects.toThrow();
      expect(snmp.stats().packetsSent).toBe(0);
    } finally {
      snmp.close();
    }
  });
});
