/**
 * credentials.test over real UDP: the fake agent on 127.0.0.1 answers the system group for its
 * community; silence, a malformed answer and an SNMPv3 refusal each come back as their reason.
 * Through the engine's contract too, with a stored credential and with a typed one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../api/dispatcher.ts';
import { createEngine } from '../../engine.ts';
import { createSnmpClient, SnmpAuthError, type SnmpClient } from '../../snmp/index.ts';
import { encInt, encOid, tlv } from '../../snmp/testing/ber.ts';
import { type FakeAgent, startFakeAgent } from '../../snmp/testing/fake-agent.ts';
import { testCredential } from './credential-test.ts';

const s = (v: string) => tlv(0x04, Buffer.from(v));
const MIB = new Map<string, Buffer>([
  ['1.3.6.1.2.1.1.1.0', s('Cisco IOS Software, C2960X Software, Version 15.2(7)E8')],
  ['1.3.6.1.2.1.1.2.0', encOid('1.3.6.1.4.1.9.1.1208')],
  ['1.3.6.1.2.1.1.3.0', encInt(0x43, 123_456_00)],
  ['1.3.6.1.2.1.1.5.0', s('access-sw-07')],
  ['1.3.6.1.2.1.1.7.0', encInt(0x02, 6)],
]);

let agent: FakeAgent;
let client: SnmpClient;
beforeAll(async () => {
  agent = await startFakeAgent(MIB, 'site-ro');
  client = createSnmpClient();
});
afterAll(async () => {
  client.close();
  await agent.close();
});

describe('testCredential (discovery system-group GET, once)', () => {
  it('answers what the agent said: sysName, sysDescr, sysObjectID, uptime and the round trip', async () => {
    const r = await testCredential(client, `127.0.0.1:${agent.port}`, { version: '2c', community: 'site-ro' }, { timeoutMs: 1000 });
    expect(r).toMatchObject({
      status: 'ok',
      version: '2c',
      sysName: 'access-sw-07',
      sysDescr: 'Cisco IOS Software, C2960X Software, Version 15.2(7)E8',
      sysObjectID: '1.3.6.1.4.1.9.1.1208',
      sysUpTimeSec: 123_456,
    });
    expect(r.rttMs).toBeGreaterThan(0);
    expect(r.message).toMatch(/^access-sw-07 answered SNMP v2c in [\d.]+ ms\.$/);
  });

  it('a wrong community is silence: timeout, with the likely reasons', async () => {
    const before = agent.requests.length;
    const r = await testCredential(client, `127.0.0.1:${agent.port}`, { version: '2c', community: 'public' }, { timeoutMs: 150, retries: 1 });
    expect(r.status).toBe('timeout');
    expect(r.message).toContain('wrong community');
    expect(r.sysName).toBeUndefined();
    // The request went out, once and one resend: the agent heard it and stayed silent.
    expect(agent.requests.length - before).toBe(2);
  });

  it('an answer that cannot be used is a refusal, said with the reason', async () => {
    agent.mode = 'garbage';
    try {
      const r = await testCredential(client, `127.0.0.1:${agent.port}`, { version: '2c', community: 'site-ro' }, { timeoutMs: 300, retries: 0 });
      expect(r.status).toBe('refused');
      expect(r.message).toMatch(/answered, but not with the system group: .*malformed/i);
    } finally {
      agent.mode = 'normal';
    }
  });

  it('an SNMPv3 security failure is auth_failed with the agent\'s reason', async () => {
    const refusing = {
      findCredential: () => Promise.reject(new SnmpAuthError('wrong_digest', '127.0.0.1:161: authentication failed: wrong digest (wrong password or protocol)')),
    } as unknown as SnmpClient;
    const r = await testCredential(refusing, '127.0.0.1', { version: '3', username: 'noc', securityLevel: 'authNoPriv', authProtocol: 'sha', authKey: 'wrongpass1' }, { timeoutMs: 100 });
    expect(r).toMatchObject({ status: 'auth_failed', version: '3' });
    expect(r.message).toBe('The agent at 127.0.0.1 refused the SNMPv3 credential: authentication failed: wrong digest (wrong password or protocol).');
  });

  it('refuses an address SNMP may not be sent to before sending anything', async () => {
    await expect(testCredential(client, '255.255.255.255', { version: '2c', community: 'x' }, { timeoutMs: 100 })).rejects.toThrow(/SNMP target/);
  });
});

describe('credentials.test in the contract', () => {
  it('tests a stored credential by id and a typed one, and says which input is missing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ward-credtest-'));
    const engine = await createEngine({ dataDir: dir, secrets: { getDataKey: async () => Buffer.alloc(32, 7), describe: () => 'the test key' } });
    try {
      const stored = await unwrap(engine.api.call('credentials.create', { name: 'site ro', version: '2c', community: 'site-ro' }));
      const byId = await unwrap(engine.api.call('credentials.test', { address: `127.0.0.1:${agent.port}`, credentialId: stored.id, timeoutMs: 1000 }));
      expect(byId).toMatchObject({ status: 'ok', sysName: 'access-sw-07' });
      const typed = await unwrap(engine.api.call('credentials.test', { address: `127.0.0.1:${agent.port}`, credential: { version: '2c', community: 'nope' }, timeoutMs: 150 }));
      expect(typed.status).toBe('timeout');
      const neither = await engine.api.call('credentials.test', { address: '127.0.0.1' });
      expect(neither.ok).toBe(false);
      if (!neither.ok) expect(neither.error.code).toBe('validation');
      const unknown = await engine.api.call('credentials.test', { address: '127.0.0.1', credentialId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.ok ? undefined : unknown.error.message).toBe('No stored credential 00000000-0000-4000-8000-000000000000');
      // The output never carries the secret.
      expect(JSON.stringify(byId)).not.toContain('site-ro');
    } finally {
      await engine.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
