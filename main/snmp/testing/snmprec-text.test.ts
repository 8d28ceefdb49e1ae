import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSnmprecText, loadSnmprecFile } from './snmprec-text.ts';
import { startFakeAgent, type FakeAgent } from './fake-agent.ts';
import { createSnmpClient } from '../client.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/devices/', import.meta.url));

describe('snmprec reader', () => {
  let agent: FakeAgent | undefined;
  afterAll(async () => agent?.close());

  it('encodes every tag the recordings use, hex values and the header', () => {
    const mib = parseSnmprecText(
      ['# source: test', '1.3.6.1.2.1.1.1.0|4|Linux box', '1.3.6.1.2.1.1.2.0|6|.1.3.6.1.4.1.8072.3.2.10', '1.3.6.1.2.1.1.3.0|67|123456', '1.3.6.1.2.1.2.2.1.6.1|4x|001122aabbcc', '1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551615', '1.3.6.1.2.1.4.20.1.1.10.0.0.1|64|10.0.0.1', '1.3.6.1.2.1.2.2.1.8.1|2|-1'].join('\n'),
    );
    expect(mib.size).toBe(7);
    expect(mib.get('1.3.6.1.2.1.1.1.0')?.toString('latin1', 2)).toBe('Linux box');
    expect(mib.get('1.3.6.1.2.1.2.2.1.6.1')?.subarray(2).toString('hex')).toBe('001122aabbcc');
    expect(mib.get('1.3.6.1.2.1.4.20.1.1.10.0.0.1')?.toString('hex')).toBe('40040a000001');
    expect(() => parseSnmprecText('1.3.6.1|99|x')).toThrow(/line 1: snmprec tag 99/);
    expect(() => parseSnmprecText('garbage')).toThrow(/line 1: not an snmprec line/);
  });

  it('serves a real device recording through the fake agent', async () => {
    agent = await startFakeAgent(loadSnmprecFile(path.join(FIXTURES, 'procurve.snmprec')));
    const client = createSnmpClient({ defaults: { timeoutMs: 2000, retries: 0 } });
    try {
      const session = await client.session(`127.0.0.1:${agent.port}`, { version: '2c', community: 'public' });
      const walked = await session.walk('1.3.6.1.2.1.1');
      const by = new Map(walked.map((vb) => [vb.oid, vb.value]));
      expect(by.get('1.3.6.1.2.1.1.2.0')).toBe('1.3.6.1.4.1.11.2.3.7.8.5.2');
      expect(String(by.get('1.3.6.1.2.1.1.1.0'))).toContain('HP Stack, revision KA.15.03.3004');
    } finally {
      await client.close();
    }
  });
});
