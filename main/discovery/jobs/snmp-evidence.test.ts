/**
 * The sweep's evidence round over real UDP: the fake agent on 127.0.0.1 (main/snmp/testing/)
 * serves a Cisco stack's ENTITY rows (row 1 the stack, the chassis at 1001) and LLDP's BITS,
 * through the engine's SNMP client; every request takes a pacer token, silence is resent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pacer } from '../../lib/async/pacer.ts';
import { createSnmpClient, type SnmpClient } from '../../snmp/index.ts';
import { encInt, encOid, tlv } from '../../snmp/testing/ber.ts';
import { type FakeAgent, startFakeAgent } from '../../snmp/testing/fake-agent.ts';
import { snmpEvidence } from './snmp-evidence.ts';

const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const s = (v: string) => tlv(0x04, Buffer.from(v));
const i = (v: number) => encInt(0x02, v);

const MIB = new Map<string, Buffer>([
  ['1.0.8802.1.1.2.1.3.6.0', tlv(0x04, Buffer.from([0x28, 0x00]))],
  ['1.3.6.1.2.1.1.2.0', encOid('1.3.6.1.4.1.9.1.2066')],
  ['1.3.6.1.2.1.4.1.0', i(1)],
  ['1.3.6.1.2.1.17.1.2.0', i(52)],
  [`${ENT}.2.1`, s('c38xx Stack')],
  [`${ENT}.5.1`, i(11)],
  [`${ENT}.2.1001`, s('WS-C3850-48P-E')],
  [`${ENT}.5.1001`, i(3)],
  [`${ENT}.8.1001`, s('V07')],
  [`${ENT}.10.1001`, s('16.12.4')],
  [`${ENT}.11.1001`, s('FOC1234X0AB')],
  [`${ENT}.13.1001`, s('WS-C3850-48P')],
  [`${ENT}.5.1002`, i(6)],
]);

/** A pacer that lets everything through and counts. */
function countingPacer(): Pacer & { taken: number } {
  const p = {
    ratePerSec: 1000,
    waiting: 0,
    taken: 0,
    acquire: () => {
      p.taken++;
      return Promise.resolve();
    },
  };
  return p;
}

describe('snmpEvidence (the sweep round) against an agent on loopback', () => {
  let agent: FakeAgent;
  let client: SnmpClient;
  beforeAll(async () => {
    agent = await startFakeAgent(MIB, 'public');
    client = createSnmpClient({ defaults: { timeoutMs: 500, retries: 0 } });
  });
  afterAll(async () => {
    client.close();
    await agent.close();
  });

  it('a stack: the GET, then one GETBULK to the chassis at 1001; each request paced once', async () => {
    agent.mode = 'normal';
    agent.requests.length = 0;
    const pacer = countingPacer();
    const out = await snmpEvidence(client, `127.0.0.1:${agent.port}`, { version: '2c', community: 'public' }, { timeoutMs: 500, retries: 1, pacer, signal: new AbortController().signal });
    expect(agent.requests.map((r) => r.pduType)).toEqual([0xa0, 0xa5]);
    expect(pacer.taken).toBe(2);
    expect(out.requests).toBe(2);
    expect(out.ms).toBeGreaterThan(0);
    expect(out.evidence).toEqual({
      entity: { descr: 'WS-C3850-48P-E', model: 'WS-C3850-48P', serial: 'FOC1234X0AB', hardwareRev: 'V07', softwareRev: '16.12.4' },
      lldpCapabilities: ['bridge', 'router'],
      bridgePorts: 52,
      ipForwarding: true,
    });
  });

  it('silence: resent by the policy (each resend paced), then empty evidence without a throw', async () => {
    agent.mode = 'silent';
    agent.requests.length = 0;
    const pacer = countingPacer();
    const out = await snmpEvidence(client, `127.0.0.1:${agent.port}`, { version: '2c', community: 'public' }, { timeoutMs: 80, retries: 2, pacer, signal: new AbortController().signal });
    expect(out.evidence).toEqual({});
    expect(agent.requests).toHaveLength(3);
    expect(pacer.taken).toBe(3);
  });

  it('cancelled: nothing is sent', async () => {
    agent.mode = 'normal';
    agent.requests.length = 0;
    const ac = new AbortController();
    ac.abort();
    const out = await snmpEvidence(client, `127.0.0.1:${agent.port}`, { version: '2c', community: 'public' }, { timeoutMs: 500, retries: 1, pacer: countingPacer(), signal: ac.signal });
    expect(out.evidence).toEqual({});
    expect(agent.requests).toHaveLength(0);
  });
});
